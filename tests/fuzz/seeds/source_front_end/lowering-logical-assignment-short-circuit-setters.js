// short-circuiting logical assignment does not call the setter
module.exports = function () {
  const log = [];
  const o = {
    _v: 'truthy',
    get v() { log.push('get'); return this._v; },
    set v(x) { log.push('set ' + x); this._v = x; },
  };
  o.v ||= 'not set';
  o.v &&= 'set by and';
  o.v ??= 'not set either';
  o._v = null;
  o.v ??= 'set by nullish';
  const frozen = Object.freeze({ x: 1 });
  let error = 'no error';
  try { frozen.x ||= 2; } catch (e) { error = e.name; }
  return [log, o._v, error];
};
