// base64url: '-' and '_', no padding.
var bytes = Buffer.from([0xFB, 0xFF, 0xBF, 0x00, 0x3E, 0x3F, 0xFF]);
report(bytes.toString('base64'));
report(bytes.toString('base64url'));
report(Buffer.from(bytes.toString('base64url'), 'base64url'));
report(Buffer.from('_-8', 'base64url'));
