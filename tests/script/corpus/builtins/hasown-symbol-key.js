// Symbol keys, and keys converted with ToPropertyKey.
var symbol = Symbol('k');
var object = {};
object[symbol] = 1;
object[2] = 'two';
report([Object.hasOwn(object, symbol), Object.hasOwn(object, Symbol('k')), Object.hasOwn(object, 2), Object.hasOwn(object, '2')]);
