// An entry that is not an object is a TypeError, and the iterator is closed.
function* entries() {
    try {
        yield ['a', 1];
        yield 'not an entry';
        yield ['b', 2];
    } finally {
        report('closed');
    }
}
try {
    Object.fromEntries(entries());
    report('no error');
} catch (error) {
    report(error.name);
}
