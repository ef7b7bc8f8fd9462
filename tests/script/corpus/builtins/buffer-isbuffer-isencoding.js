// isBuffer and isEncoding.
report([Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1)), Buffer.isBuffer('a'), Buffer.isBuffer(null)]);
report(['utf8', 'UTF-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'UCS-2', 'utf-9', '', 7].map(function (e) { return Buffer.isEncoding(e); }));
