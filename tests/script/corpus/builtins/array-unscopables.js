// The new Array methods are listed in Array.prototype[Symbol.unscopables].
var unscopables = Array.prototype[Symbol.unscopables];
report(['at', 'flat', 'flatMap', 'findLast', 'findLastIndex'].map(function (name) {
    return [name, unscopables[name], Object.prototype.hasOwnProperty.call(unscopables, name)];
}));
