// toJSON and JSON.stringify as in Node.
var buffer = Buffer.from([1, 2, 255]);
report(buffer.toJSON());
report(JSON.stringify(buffer));
report(JSON.stringify({ payload: Buffer.from('hi'), empty: Buffer.alloc(0) }));
