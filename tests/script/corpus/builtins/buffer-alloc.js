// Buffer.alloc with and without a fill.
report(Buffer.alloc(3));
report(Buffer.alloc(5, 'ab'));
report(Buffer.alloc(4, 257));
report(Buffer.alloc(4, 'YQ==', 'base64'));
report(Buffer.alloc(3, Buffer.from([1, 2])));
report(Buffer.alloc(0, 'x').length);
report(Buffer.allocUnsafe(4).length);
