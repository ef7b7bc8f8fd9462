var axios = require('axios');
module.exports = function (args) {
  return axios.get(args.base + '/status/500', { validateStatus: function () { return true; } })
    .then(function (r) { return [r.status, r.data]; });
};
