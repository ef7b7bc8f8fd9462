var axios = require('axios');
module.exports = function (args) {
  return axios({ method: 'post', url: args.base + '/echo', auth: { username: 'my id', password: 'p@ss:w' }, data: 'raw' })
    .then(function (r) { return [r.data.headers.authorization, r.data.body]; });
};
