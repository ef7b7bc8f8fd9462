// error-line: 5
// a rejected promise carrying an object built with spread
module.exports = async function () {
  const details = { code: 'E_FAIL', ...{ retry: false } };
  throw Object.assign(new Error(`${details.code}/${details.retry}`), details);
};
