// authdesk-load-error: regex-lookbehind-rejected.js:5:26: lookbehind in regular expressions is not supported by Qt 6.4's JavaScript engine
// lookbehind: Qt 6.4's engine would never match it (a silent mismatch), so it is refused at load
module.exports = function () {
  const ok = /(\d+)/;
  const price = 'USD' + /(?<=\$)\d+/.exec('cost: $42');
  return [ok.source, price];
};
