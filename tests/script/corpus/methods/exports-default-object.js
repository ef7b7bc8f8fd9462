exports.default = function (args) { return Object.keys(args).sort(); };
