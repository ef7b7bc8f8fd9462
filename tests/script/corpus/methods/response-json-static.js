module.exports = function () {
  var r = Response.json({ a: 1 }, { status: 201 });
  return r.json().then(function (v) { return [r.status, r.ok, r.headers.get('content-type'), v]; });
};
