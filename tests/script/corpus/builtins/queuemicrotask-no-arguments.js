// The callback is called with no arguments and an undefined this.
queueMicrotask(function () {
    'use strict';
    report([arguments.length, this === undefined]);
});
