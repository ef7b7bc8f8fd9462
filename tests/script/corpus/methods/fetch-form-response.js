// GitHub answers form-encoded token responses unless asked for JSON.
module.exports = function (args) {
  return fetch(args.base + '/form').then(function (r) { return r.text(); }).then(function (text) {
    var params = new URLSearchParams(text);
    return { access_token: params.get('access_token'), scope: params.get('scope'), keys: Array.from(params.keys()) };
  });
};
