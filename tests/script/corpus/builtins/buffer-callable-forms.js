// Buffer.poolSize, and the legacy Buffer(...) forms that typed-array methods rely on.
report(Buffer.poolSize);
report(typeof Buffer);
report(Buffer.name);
report(Object.getPrototypeOf(Buffer) === Uint8Array);
report(Buffer.from('abc').subarray(1).constructor === Buffer);
