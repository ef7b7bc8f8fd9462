// A RegExp without the g flag is a TypeError.
try {
    'abc'.matchAll(/b/);
    report('no error');
} catch (error) {
    report(error);
}
report(Array.from('abc'.matchAll(/b/g)).length);
