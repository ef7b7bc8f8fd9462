module.exports = function (args) {
  var body = new URLSearchParams({ grant_type: 'authorization_code', code: 'a b+c/=&', redirect_uri: 'http://127.0.0.1:5000/cb' });
  return fetch(args.base + '/echo', { method: 'POST', body: body }).then(function (r) { return r.json(); })
    .then(function (echo) { return { body: echo.body, contentType: echo.headers['content-type'] }; });
};
