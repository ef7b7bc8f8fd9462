// Alphanumerics and *-._ stay as they are; every other printable ASCII character is percent-encoded.
var ascii = '';
for (var code = 0x20; code < 0x7F; ++code)
    ascii += String.fromCharCode(code);
report(new URLSearchParams({ v: ascii }).toString());
report(new URLSearchParams({ 'k y': 'v' }).toString());
