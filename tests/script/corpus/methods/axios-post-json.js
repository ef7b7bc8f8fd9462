var axios = require('axios');
module.exports = function (args) {
  return axios.post(args.base + '/echo', { user: 'ada', tags: ['x'] }).then(function (r) {
    return [r.data.method, r.data.body, r.data.headers['content-type']];
  });
};
