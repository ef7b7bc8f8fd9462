// The installed functions have the spec's `length`.
var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
report({
    flat: Array.prototype.flat.length, flatMap: Array.prototype.flatMap.length, at: Array.prototype.at.length,
    findLast: Array.prototype.findLast.length, findLastIndex: Array.prototype.findLastIndex.length,
    stringAt: String.prototype.at.length, typedAt: typedArray.at.length, typedFindLast: typedArray.findLast.length,
    fromEntries: Object.fromEntries.length, hasOwn: Object.hasOwn.length,
    replaceAll: String.prototype.replaceAll.length, matchAll: String.prototype.matchAll.length,
    trimStart: String.prototype.trimStart.length, trimEnd: String.prototype.trimEnd.length,
    allSettled: Promise.allSettled.length, any: Promise.any.length, finally: Promise.prototype['finally'].length,
    queueMicrotask: queueMicrotask.length, AggregateError: AggregateError.length, sort: Array.prototype.sort.length
});
