var parts = [];
module.exports = function () { return parts.concat(['cjs']); };