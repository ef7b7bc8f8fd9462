// Symbol behaves as before: not constructible, with its well-known symbols and registry.
report([typeof Symbol, Symbol.length, Symbol.name, typeof Symbol('x'), Symbol.prototype.constructor === Symbol]);
try {
    new Symbol('x');
    report('no error');
} catch (error) {
    report(error.name);
}
report([Object(Symbol('y')) instanceof Symbol, Symbol.for('z') === Symbol.for('z'), Symbol.keyFor(Symbol.for('z'))]);
report([typeof Symbol.iterator, typeof Symbol.hasInstance, typeof Symbol.toPrimitive, Symbol('a') === Symbol('a')]);
report(String(Symbol('shown')));
