// computed field names are evaluated once, when the class is defined, in order with methods
const log = [];
let n = 0;
const key = (name) => { log.push(name); return name + ++n; };
const SYM = Symbol('sym');
class K {
  [key('a')] = 'first';
  [key('m')]() { return 'method'; }
  [key('b')] = this.a1 + '!';
  static [key('s')] = 'static';
  [SYM] = 'symbol field';
  ['lit' + 'eral'] = 1;
}
module.exports = function () {
  log.push('defined');
  const k1 = new K();
  const k2 = new K();
  return [Object.keys(k1), k1.b3, typeof k1.m2, K.s4, k1[SYM], k2.literal, log, n];
};
