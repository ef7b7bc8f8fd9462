// CommonJS with exports.test and the wrapper's require, module and __filename
const self = module.exports;
exports.test = async function () {
  return [self === module.exports, typeof require, typeof module, typeof __filename];
};
