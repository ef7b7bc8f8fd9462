var axios = require('axios');
module.exports = function (args) {
  var client = axios.create({ baseURL: args.base + '/', headers: { 'X-Client': 'corpus' } });
  return client.get('/echo', { headers: { 'X-Extra': '1' } }).then(function (r) {
    return [r.data.target, r.data.headers['x-client'], r.data.headers['x-extra'], r.data.headers.accept];
  });
};
