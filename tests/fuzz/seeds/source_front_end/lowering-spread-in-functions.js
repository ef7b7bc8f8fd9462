// spread in arrow bodies, default parameters, returns and nested closures
const withDefaults = (options = {}) => ({ retries: 3, timeout: 10, ...options });
function merge(target, ...sources) { return sources.reduce((acc, s) => ({ ...acc, ...s }), { ...target }); }
module.exports = function () {
  return [withDefaults(), withDefaults({ timeout: 1 }), merge({ a: 1 }, { b: 2 }, null, { a: 3 }), (() => ({ ...arguments }))()];
};
