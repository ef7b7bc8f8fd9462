module.exports = function () {
  return new Promise(function (resolve) {
    var order = [];
    setTimeout(function () { order.push('t20'); }, 20);
    setTimeout(function () { order.push('t0'); }, 0);
    Promise.resolve().then(function () { order.push('micro'); });
    var id = setTimeout(function () { order.push('never'); }, 5);
    clearTimeout(id);
    setTimeout(function () { resolve(order); }, 50);
  });
};
