// From an array: each value converted to a byte (modulo 256).
report(Buffer.from([1, 255, 256, -1, 3.7, '12', null, 'x', true]));
report(Buffer.from(new Uint16Array([0x1234, 0xFF])));
report(Buffer.from({ length: 2, 0: 65, 1: 66 }).toString());
