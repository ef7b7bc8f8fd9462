// At the top of a CommonJS module, `this` is module.exports (Node's module wrapper).
this.helper = function () { return 'from this'; };
var self = this;
module.exports = function () {
  return { same: self === module.exports || self === exports, helper: typeof exports.helper, type: typeof self };
};
