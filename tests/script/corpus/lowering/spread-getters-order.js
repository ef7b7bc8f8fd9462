// spread calls source getters once, in property order; the copies are data properties
module.exports = function () {
  const log = [];
  const source = {
    get first() { log.push('first'); return 1; },
    second: 2,
    get third() { log.push('third'); return 3; },
  };
  const copy = { before: log.push('before'), ...source, after: log.push('after') };
  const descriptor = Object.getOwnPropertyDescriptor(copy, 'first');
  return [copy, log, 'value' in descriptor, descriptor.writable, descriptor.enumerable];
};
