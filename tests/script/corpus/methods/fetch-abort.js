module.exports = function (args) {
  var controller = new AbortController();
  var pending = fetch(args.base + '/slow', { signal: controller.signal });
  controller.abort();
  return pending.then(function () { return 'completed'; }, function (e) { return [e.name, controller.signal.aborted]; });
};
