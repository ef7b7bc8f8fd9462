// The installed functions have the spec's `name`.
var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
report([Array.prototype.flat.name, Array.prototype.flatMap.name, Array.prototype.at.name, String.prototype.at.name,
    typedArray.at.name, Array.prototype.findLast.name, Array.prototype.findLastIndex.name, Object.fromEntries.name,
    Object.hasOwn.name, String.prototype.replaceAll.name, String.prototype.matchAll.name,
    String.prototype.trimStart.name, String.prototype.trimEnd.name, String.prototype.trimLeft.name,
    String.prototype.trimRight.name, Promise.allSettled.name, Promise.any.name, Promise.prototype['finally'].name,
    queueMicrotask.name, AggregateError.name, Array.prototype.sort.name]);
report(Object.getOwnPropertyDescriptor(Symbol.prototype, 'description').get.name);
