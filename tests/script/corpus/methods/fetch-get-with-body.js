module.exports = function (args) {
  return fetch(args.base + '/json', { method: 'GET', body: 'x' }).then(function () { return 'sent'; },
    function (e) { return [e.name, e.message]; });
};
