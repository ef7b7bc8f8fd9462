module.exports = function (args) {
  return fetch(args.base + '/status/401').then(function (r) {
    return r.text().then(function (text) { return { ok: r.ok, status: r.status, text: text }; });
  });
};
