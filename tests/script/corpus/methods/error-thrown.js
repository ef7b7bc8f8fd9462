module.exports = function () {
  throw new TypeError('no token in the response');
};
