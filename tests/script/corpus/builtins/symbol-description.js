// Symbol.prototype.description tells Symbol() from Symbol('').
report([Symbol('x').description, Symbol().description, Symbol('').description, Symbol(undefined).description, Symbol(null).description, Symbol(12).description]);
report([Symbol.for('registered').description, Symbol.iterator.description, Symbol('a(b)c').description]);
report(Object(Symbol('boxed')).description);
