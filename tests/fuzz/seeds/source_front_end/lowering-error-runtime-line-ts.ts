// error-line: 12
// a TypeError in TypeScript after interfaces, enums, class fields and async code reports the original line
interface Config { url?: string }
enum Mode { A, B }
class Holder {
  value: Config = {};
  #secret = Mode.B;
  get mode(): Mode { return this.#secret; }
}
export default async function test(): Promise<number> {
  const h = new Holder();
  if (!h.value.url) throw new TypeError(`no url in mode ${Mode[h.mode]}`); return 1;
}
