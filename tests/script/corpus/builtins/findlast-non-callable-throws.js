// findLast and findLastIndex need a callable predicate.
try {
    [1].findLast('x');
    report('no error');
} catch (error) {
    report(error.name);
}
try {
    new Uint8Array(1).findLastIndex();
    report('no error');
} catch (error) {
    report(error.name);
}
