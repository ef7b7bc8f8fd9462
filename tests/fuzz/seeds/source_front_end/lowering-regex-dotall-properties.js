// a regex with the `s` flag reports it: flags, dotAll, source and toString are Node's
module.exports = function () {
  const re = /a.b/gs;
  const plain = /a.b/g;
  return [re.flags, re.dotAll, re.source, String(re), re.global, plain.dotAll, plain.flags, re instanceof RegExp, Object.prototype.toString.call(re)];
};
