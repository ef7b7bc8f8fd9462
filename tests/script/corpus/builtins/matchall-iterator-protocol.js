// The result is an iterator of its own kind that ends for good.
var iterator = 'ab'.matchAll(/./g);
report(Object.prototype.toString.call(iterator));
report(iterator[Symbol.iterator]() === iterator);
report(typeof iterator.next);
var first = iterator.next();
report([first.value[0], first.done]);
iterator.next();
report(iterator.next());
report(iterator.next());
