// spread defines properties: setters of the literal and of Object.prototype are not called
module.exports = function () {
  const log = [];
  const o = { set x(v) { log.push('setter ' + v); }, ...{ x: 'defined' } };
  Object.defineProperty(Object.prototype, 'trap', { set(v) { log.push('proto setter'); }, configurable: true });
  const p = { ...{ trap: 'own' } };
  delete Object.prototype.trap;
  return [o.x, Object.getOwnPropertyDescriptor(o, 'x').value, p.trap, Object.keys(p), log];
};
