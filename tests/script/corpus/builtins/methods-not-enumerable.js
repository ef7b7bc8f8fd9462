// The installed methods are non-enumerable, writable and configurable, like built-ins.
var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
var members = [[Array.prototype, 'flat'], [Array.prototype, 'flatMap'], [Array.prototype, 'at'],
    [Array.prototype, 'findLast'], [Array.prototype, 'findLastIndex'], [String.prototype, 'at'],
    [String.prototype, 'replaceAll'], [String.prototype, 'matchAll'], [String.prototype, 'trimStart'],
    [String.prototype, 'trimEnd'], [typedArray, 'at'], [Object, 'fromEntries'], [Object, 'hasOwn'],
    [Promise, 'allSettled'], [Promise, 'any'], [Promise.prototype, 'finally']];
report(members.map(function (member) {
    var descriptor = Object.getOwnPropertyDescriptor(member[0], member[1]);
    return [member[1], descriptor.enumerable, descriptor.writable, descriptor.configurable];
}));
var keys = [];
for (var key in [1, 2])
    keys.push(key);
report(keys);
