module.exports = function (args) {
  return fetch(args.base + '/text').then(function (r) {
    return r.text().then(function (first) {
      return r.text().then(function () { return 'read twice'; }, function (e) { return [first, e.name, r.bodyUsed]; });
    });
  });
};
