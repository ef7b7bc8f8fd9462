// Object.fromEntries takes any iterable, a generator included.
function* pairs() {
    yield ['one', 1];
    yield ['two', 2];
}
report(Object.fromEntries(pairs()));
