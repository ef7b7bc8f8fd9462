module.exports = function () {
  return new Promise(function (resolve, reject) { setTimeout(function () { reject(new RangeError('later')); }, 5); });
};
