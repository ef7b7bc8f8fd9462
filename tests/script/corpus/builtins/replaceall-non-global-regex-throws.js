// A RegExp without the g flag is a TypeError.
try {
    'aaa'.replaceAll(/a/, 'b');
    report('no error');
} catch (error) {
    report(error);
}
try {
    'aaa'.replaceAll(new RegExp('a', 'i'), 'b');
    report('no error');
} catch (error) {
    report(error.name);
}
