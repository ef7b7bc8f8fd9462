// AbortSignal cannot be constructed directly.
try {
    new AbortSignal();
    report('no error');
} catch (error) {
    report(error.name);
}
