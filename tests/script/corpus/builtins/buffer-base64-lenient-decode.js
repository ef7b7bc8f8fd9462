// Node's decoder: both alphabets, white space and other characters skipped, padding optional, stops at '='.
['YQ', 'YQ=', 'YQ==', 'YQ=YQ', 'Y Q = =', 'YQ!!==', '-_8', '+/8=', 'YWJj\nZGVm', 'Y', 'YWJjZ', '=YWJj', 'YWJjZA====', ' Y W J j '].forEach(function (text) {
    report([text, Buffer.from(text, 'base64').toString('hex'), Buffer.from(text, 'base64url').toString('hex')]);
});
