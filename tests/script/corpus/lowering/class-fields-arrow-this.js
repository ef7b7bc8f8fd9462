// arrow function fields capture this; they stay bound when passed around
class Counter {
  count = 0;
  increment = () => ++this.count;
  add = (n) => { this.count += n; return this; };
  static make = () => new this();
}
module.exports = function () {
  const c = Counter.make();
  const { increment, add } = c;
  increment();
  increment();
  [1, 2, 3].forEach(add);
  setTimeout(increment, 0);
  return [c.count, c instanceof Counter, Object.keys(c)];
};
