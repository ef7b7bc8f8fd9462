// equals and compare look at the bytes.
var a = Buffer.from('abc');
report([a.equals(Buffer.from('abc')), a.equals(Buffer.from('abd')), a.equals(new Uint8Array([97, 98, 99])), a.equals(a)]);
report([Buffer.compare(a, Buffer.from('abd')), Buffer.compare(a, Buffer.from('ab')), Buffer.compare(a, Buffer.from('abc')), a.compare(Buffer.from('abb'))]);
report([Buffer.from('b'), Buffer.from('a'), Buffer.from('ab')].sort(Buffer.compare).map(String));
try {
    a.equals('abc');
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
