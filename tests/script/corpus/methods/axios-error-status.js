var axios = require('axios');
module.exports = function (args) {
  return axios.get(args.base + '/status/404').then(function () { return 'resolved'; }, function (error) {
    return { isAxiosError: axios.isAxiosError(error), message: error.message, code: error.code,
             status: error.response.status, data: error.response.data };
  });
};
