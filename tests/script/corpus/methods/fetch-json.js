// args: {}
module.exports = function (args) {
  return fetch(args.base + '/json').then(function (response) {
    return response.json().then(function (body) {
      return { status: response.status, ok: response.ok, type: response.headers.get('content-type'), body: body };
    });
  });
};
