var axios = require('axios');
module.exports = function (args) {
  var form = new URLSearchParams();
  form.append('grant_type', 'refresh_token');
  form.append('refresh_token', 'r+t/1==');
  return axios.post(args.base + '/echo', form).then(function (r) { return [r.data.body, r.data.headers['content-type']]; });
};
