var axios = require('axios');
module.exports = function (args) {
  return axios.get(args.base + '/json', { params: { q: 'a b', n: 3 } }).then(function (r) {
    return { status: r.status, data: r.data, type: r.headers['content-type'] };
  });
};
