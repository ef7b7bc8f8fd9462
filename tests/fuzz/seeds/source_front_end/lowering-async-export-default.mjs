// ES module: an exported async function declared after it is used by another export
export const ready = () => load('hoisted');
export default async function test() {
  return [await ready(), await load('direct')];
}
async function load(name) { await null; return 'loaded ' + name; }
