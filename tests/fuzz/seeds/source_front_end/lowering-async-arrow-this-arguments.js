// async arrows use the this and arguments of the function around them
function Outer(tag) {
  this.tag = tag;
  this.run = function () {
    const viaArrow = async () => [this.tag, arguments.length, arguments[0], await Promise.resolve(this.tag)];
    return viaArrow('ignored');
  };
}
const helper = {
  name: 'helper',
  collect() {
    return Promise.all([1, 2].map(async (n) => this.name + n + (await Promise.resolve(arguments[0]))));
  },
};
module.exports = async function () {
  const o = new Outer('t');
  return [await o.run('x', 'y'), await helper.collect('!')];
};
