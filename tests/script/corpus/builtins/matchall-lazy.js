// matchAll is lazy, and matches with a copy made by the RegExp's species constructor.
var execs = 0;
class CountingRegExp extends RegExp {
    exec(string) {
        execs++;
        return super.exec(string);
    }
}
var iterator = 'xax'.matchAll(new CountingRegExp('x', 'g'));
report(execs);
report(iterator.next().value.index);
report(execs);
report(Array.from(iterator).map(function (m) { return m.index; }));
report(execs);
