module.exports = function (args) {
  var headers = new Headers([['Accept', 'application/json'], ['X-One', '1']]);
  headers.append('x-one', '2');
  return fetch(args.base + '/echo', { headers: headers }).then(function (r) { return r.json(); })
    .then(function (echo) { return [echo.headers.accept, echo.headers['x-one']]; });
};
