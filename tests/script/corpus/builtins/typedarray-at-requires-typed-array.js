// %TypedArray%.prototype.at throws a TypeError for anything but a typed array.
var at = Object.getPrototypeOf(Uint8Array.prototype).at;
[[1, 2], { length: 1, 0: 1 }, null].forEach(function (receiver) {
    try {
        at.call(receiver, 0);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
