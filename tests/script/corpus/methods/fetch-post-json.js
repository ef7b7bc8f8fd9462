module.exports = function (args) {
  return fetch(args.base + '/echo', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Trace': 't1' },
                                      body: JSON.stringify({ a: [1, 2], b: 'x' }) })
    .then(function (r) { return r.json(); })
    .then(function (echo) { return [echo.method, echo.body, echo.headers['x-trace'], echo.headers['content-type']]; });
};
