// Authdesk script prelude, part 1: ECMAScript built-ins that connector methods written for Node.js use
// and that QJSEngine 6.4 does not have. Each one is installed only when the engine lacks it, so a newer
// Qt keeps its native version. Spec-faithful (ECMA-262 2023): non-enumerable, the spec's `length`,
// TypeErrors where the spec throws; error messages follow V8's where that was easy.
// Two natives are replaced, each only when found wanting: Array.prototype.sort when it is not stable
// (QJSEngine 6.4's is not), and Symbol, wrapped to tell Symbol() from Symbol('') for `description`.
//
// Plain ES2017 that QJSEngine 6.4 parses: no async functions, no object spread/rest, no optional
// catch binding, no class fields, no logical assignment, no numeric separators. Evaluating it twice
// changes nothing. Compared with Node by tests/script/corpus/builtins (tst_builtinscorpus).
(function (global) {
    'use strict';

    var MAX_SAFE_INTEGER = 9007199254740991;
    var hasOwnProperty = Object.prototype.hasOwnProperty;
    var typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
    var typedArrayLength = Object.getOwnPropertyDescriptor(typedArrayPrototype, 'length').get;
    var iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

    // --- Abstract operations -------------------------------------------------------------------

    function isObject(value) {
        return (typeof value === 'object' && value !== null) || typeof value === 'function';
    }

    function isCallable(value) {
        return typeof value === 'function';
    }

    function requireObjectCoercible(value, what) {
        if (value === null || value === undefined)
            throw new TypeError(what + ' called on null or undefined');
        return value;
    }

    function toObject(value, what) {
        return Object(requireObjectCoercible(value, what));
    }

    function toIntegerOrInfinity(value) {
        var number = +value;
        if (number !== number || number === 0)
            return 0;
        if (number === Infinity || number === -Infinity)
            return number;
        return number < 0 ? Math.ceil(number) : Math.floor(number);
    }

    function toLength(value) {
        var length = toIntegerOrInfinity(value);
        return length <= 0 ? 0 : Math.min(length, MAX_SAFE_INTEGER);
    }

    // Throws a TypeError unless `value` is a typed array, and returns its length.
    function validTypedArrayLength(value) {
        return typedArrayLength.call(value);
    }

    function isConstructor(value) {
        if (typeof value !== 'function')
            return false;
        try {
            Reflect.construct(String, [], value);
            return true;
        } catch (error) {
            return false;
        }
    }

    function createDataProperty(target, key, value) {
        Object.defineProperty(target, key, { value: value, writable: true, enumerable: true, configurable: true });
    }

    function defineValue(target, key, value) {
        Object.defineProperty(target, key, { value: value, writable: true, enumerable: false, configurable: true });
    }

    function defineMissing(target, key, value) {
        if (!(key in target))
            defineValue(target, key, value);
    }

    function speciesConstructor(object, defaultConstructor) {
        var constructor = object.constructor;
        if (constructor === undefined)
            return defaultConstructor;
        if (!isObject(constructor))
            throw new TypeError('object.constructor is not an object');
        var species = constructor[Symbol.species];
        if (species === undefined || species === null)
            return defaultConstructor;
        if (isConstructor(species))
            return species;
        throw new TypeError('object.constructor[Symbol.species] is not a constructor');
    }

    function arraySpeciesCreate(original, length) {
        if (!Array.isArray(original))
            return new Array(length);
        var constructor = original.constructor;
        if (isObject(constructor)) {
            constructor = constructor[Symbol.species];
            if (constructor === null)
                constructor = undefined;
        }
        if (constructor === undefined)
            return new Array(length);
        if (!isConstructor(constructor))
            throw new TypeError('object.constructor[Symbol.species] is not a constructor');
        return new constructor(length);
    }

    function isRegExp(value) {
        if (!isObject(value))
            return false;
        var matcher = value[Symbol.match];
        if (matcher !== undefined)
            return !!matcher;
        return value instanceof RegExp;
    }

    function getMethod(value, key) {
        var method = value[key];
        if (method === undefined || method === null)
            return undefined;
        if (!isCallable(method))
            throw new TypeError(String(method) + ' is not a function');
        return method;
    }

    function getIterator(iterable) {
        var method = iterable === null || iterable === undefined ? undefined : iterable[Symbol.iterator];
        if (!isCallable(method))
            throw new TypeError(typeof iterable + ' ' + String(iterable) + ' is not iterable');
        var iterator = method.call(iterable);
        if (!isObject(iterator))
            throw new TypeError('Result of the Symbol.iterator method is not an object');
        return iterator;
    }

    function iteratorStep(iterator) {
        var result = iterator.next();
        if (!isObject(result))
            throw new TypeError('Iterator result ' + String(result) + ' is not an object');
        return result;
    }

    // IteratorClose for a throw completion: the original error wins over anything `return` does.
    function iteratorCloseQuietly(iterator) {
        try {
            var close = iterator['return'];
            if (close !== undefined && close !== null)
                close.call(iterator);
        } catch (ignored) {
            // The error that made us close is the one that propagates.
        }
    }

    function addUnscopables(names) {
        var unscopables = Array.prototype[Symbol.unscopables];
        if (!isObject(unscopables))
            return;
        for (var i = 0; i < names.length; ++i)
            createDataProperty(unscopables, names[i], true);
    }

    // --- Array.prototype.flat, flatMap (ES2019) ----------------------------------------------

    function flattenIntoArray(target, source, sourceLength, start, depth, mapper, thisArg) {
        var targetIndex = start;
        for (var sourceIndex = 0; sourceIndex < sourceLength; ++sourceIndex) {
            if (!(sourceIndex in source))
                continue;
            var element = source[sourceIndex];
            if (mapper)
                element = mapper.call(thisArg, element, sourceIndex, source);
            if (depth > 0 && Array.isArray(element)) {
                targetIndex = flattenIntoArray(target, element, toLength(element.length), targetIndex,
                    depth === Infinity ? Infinity : depth - 1);
            } else {
                if (targetIndex >= MAX_SAFE_INTEGER)
                    throw new TypeError('Array too long');
                createDataProperty(target, targetIndex, element);
                ++targetIndex;
            }
        }
        return targetIndex;
    }

    if (!Array.prototype.flat) {
        defineValue(Array.prototype, 'flat', function flat() {
            var object = toObject(this, 'Array.prototype.flat');
            var sourceLength = toLength(object.length);
            var depthNumber = 1;
            var depth = arguments[0];
            if (depth !== undefined) {
                depthNumber = toIntegerOrInfinity(depth);
                if (depthNumber < 0)
                    depthNumber = 0;
            }
            var result = arraySpeciesCreate(object, 0);
            flattenIntoArray(result, object, sourceLength, 0, depthNumber);
            return result;
        });
        addUnscopables(['flat']);
    }

    if (!Array.prototype.flatMap) {
        defineValue(Array.prototype, 'flatMap', function flatMap(mapperFunction) {
            var object = toObject(this, 'Array.prototype.flatMap');
            var sourceLength = toLength(object.length);
            if (!isCallable(mapperFunction))
                throw new TypeError('flatMap mapper function is not callable');
            var result = arraySpeciesCreate(object, 0);
            flattenIntoArray(result, object, sourceLength, 0, 1, mapperFunction, arguments[1]);
            return result;
        });
        addUnscopables(['flatMap']);
    }

    // --- at (ES2022): Array, String, TypedArray ----------------------------------------------

    function relativeIndex(index, length) {
        var relative = toIntegerOrInfinity(index);
        var k = relative >= 0 ? relative : length + relative;
        return k < 0 || k >= length ? -1 : k;
    }

    if (!Array.prototype.at) {
        defineValue(Array.prototype, 'at', function at(index) {
            var object = toObject(this, 'Array.prototype.at');
            var k = relativeIndex(index, toLength(object.length));
            return k < 0 ? undefined : object[k];
        });
        addUnscopables(['at']);
    }

    if (!String.prototype.at) {
        defineValue(String.prototype, 'at', function at(index) {
            var string = String(requireObjectCoercible(this, 'String.prototype.at'));
            var k = relativeIndex(index, string.length);
            return k < 0 ? undefined : string.charAt(k);
        });
    }

    if (!typedArrayPrototype.at) {
        defineValue(typedArrayPrototype, 'at', function at(index) {
            var k = relativeIndex(index, validTypedArrayLength(this));
            return k < 0 ? undefined : this[k];
        });
    }

    // --- findLast, findLastIndex (ES2023): Array, TypedArray ---------------------------------

    function findLastFrom(object, length, predicate, thisArg, wantIndex) {
        if (!isCallable(predicate))
            throw new TypeError(String(predicate) + ' is not a function');
        for (var k = length - 1; k >= 0; --k) {
            var value = object[k];
            if (predicate.call(thisArg, value, k, object))
                return wantIndex ? k : value;
        }
        return wantIndex ? -1 : undefined;
    }

    if (!Array.prototype.findLast) {
        defineValue(Array.prototype, 'findLast', function findLast(predicate) {
            var object = toObject(this, 'Array.prototype.findLast');
            return findLastFrom(object, toLength(object.length), predicate, arguments[1], false);
        });
        addUnscopables(['findLast']);
    }

    if (!Array.prototype.findLastIndex) {
        defineValue(Array.prototype, 'findLastIndex', function findLastIndex(predicate) {
            var object = toObject(this, 'Array.prototype.findLastIndex');
            return findLastFrom(object, toLength(object.length), predicate, arguments[1], true);
        });
        addUnscopables(['findLastIndex']);
    }

    if (!typedArrayPrototype.findLast) {
        defineValue(typedArrayPrototype, 'findLast', function findLast(predicate) {
            return findLastFrom(this, validTypedArrayLength(this), predicate, arguments[1], false);
        });
    }

    if (!typedArrayPrototype.findLastIndex) {
        defineValue(typedArrayPrototype, 'findLastIndex', function findLastIndex(predicate) {
            return findLastFrom(this, validTypedArrayLength(this), predicate, arguments[1], true);
        });
    }

    // --- Array.prototype.sort: stable since ES2019; QJSEngine 6.4 sorts with an unstable sort ---

    function sortIsStable() {
        var items = [];
        for (var i = 0; i < 64; ++i)
            items.push({ key: i % 3, order: i });
        items.sort(function (a, b) { return a.key - b.key; });
        for (var j = 1; j < items.length; ++j) {
            if (items[j - 1].key === items[j].key && items[j - 1].order > items[j].order)
                return false;
        }
        return true;
    }

    if (!sortIsStable()) {
        var sortCompare = function (comparator, x, y) {
            if (x === undefined)
                return y === undefined ? 0 : 1;
            if (y === undefined)
                return -1;
            if (comparator !== undefined) {
                var order = +comparator(x, y);
                return order !== order ? 0 : order;
            }
            var xString = String(x);
            var yString = String(y);
            return xString < yString ? -1 : (xString > yString ? 1 : 0);
        };
        var mergeSort = function (items, comparator) {
            var length = items.length;
            var buffer = new Array(length);
            for (var width = 1; width < length; width *= 2) {
                for (var low = 0; low < length; low += 2 * width) {
                    var middle = Math.min(low + width, length);
                    var high = Math.min(low + 2 * width, length);
                    var left = low;
                    var right = middle;
                    var k = low;
                    while (left < middle && right < high)
                        buffer[k++] = sortCompare(comparator, items[right], items[left]) < 0 ? items[right++] : items[left++];
                    while (left < middle)
                        buffer[k++] = items[left++];
                    while (right < high)
                        buffer[k++] = items[right++];
                }
                var swap = items;
                items = buffer;
                buffer = swap;
            }
            return items;
        };
        defineValue(Array.prototype, 'sort', function sort(comparefn) {
            if (comparefn !== undefined && !isCallable(comparefn))
                throw new TypeError('The comparison function must be either a function or undefined');
            var object = toObject(this, 'Array.prototype.sort');
            var length = toLength(object.length);
            var items = [];
            for (var k = 0; k < length; ++k) {
                if (k in object)
                    items.push(object[k]);
            }
            items = mergeSort(items, comparefn);
            var j = 0;
            for (; j < items.length; ++j)
                object[j] = items[j];
            for (; j < length; ++j) {
                if (!delete object[j])
                    throw new TypeError('Cannot delete property \'' + j + '\' of ' + Object.prototype.toString.call(object));
            }
            return object;
        });
    }

    // --- Object.fromEntries (ES2019), Object.hasOwn (ES2022) ---------------------------------

    if (!Object.fromEntries) {
        defineValue(Object, 'fromEntries', function fromEntries(iterable) {
            requireObjectCoercible(iterable, 'Object.fromEntries');
            var object = {};
            var iterator = getIterator(iterable);
            for (;;) {
                var step = iteratorStep(iterator);
                if (step.done)
                    return object;
                var entry = step.value;
                try {
                    if (!isObject(entry))
                        throw new TypeError('Iterator value ' + String(entry) + ' is not an entry object');
                    var key = entry[0];
                    var value = entry[1];
                    createDataProperty(object, typeof key === 'symbol' ? key : String(key), value);
                } catch (error) {
                    iteratorCloseQuietly(iterator);
                    throw error;
                }
            }
        });
    }

    if (!Object.hasOwn) {
        defineValue(Object, 'hasOwn', function hasOwn(object, key) {
            if (object === null || object === undefined)
                throw new TypeError('Cannot convert undefined or null to object');
            return hasOwnProperty.call(Object(object), key);
        });
    }

    // --- String.prototype.replaceAll (ES2021) -------------------------------------------------

    // StringIndexOf: unlike String.prototype.indexOf, -1 when `from` is past the end.
    function stringIndexOf(string, search, from) {
        if (search === '' && from <= string.length)
            return from;
        if (from >= string.length)
            return -1;
        return string.indexOf(search, from);
    }

    // GetSubstitution for a string pattern: there are no captures, so `$1` and `$<` stay literal.
    function getSubstitution(matched, string, position, replacement) {
        var result = '';
        var tailPosition = position + matched.length;
        for (var i = 0; i < replacement.length; ++i) {
            var c = replacement.charAt(i);
            if (c !== '$' || i + 1 >= replacement.length) {
                result += c;
                continue;
            }
            var next = replacement.charAt(i + 1);
            if (next === '$') {
                result += '$';
            } else if (next === '&') {
                result += matched;
            } else if (next === '`') {
                result += string.slice(0, position);
            } else if (next === '\'') {
                result += tailPosition >= string.length ? '' : string.slice(tailPosition);
            } else {
                result += '$';
                continue;
            }
            ++i;
        }
        return result;
    }

    if (!String.prototype.replaceAll) {
        defineValue(String.prototype, 'replaceAll', function replaceAll(searchValue, replaceValue) {
            var object = requireObjectCoercible(this, 'String.prototype.replaceAll');
            if (searchValue !== undefined && searchValue !== null) {
                if (isRegExp(searchValue)) {
                    var flags = requireObjectCoercible(searchValue.flags, 'String.prototype.replaceAll');
                    if (String(flags).indexOf('g') < 0)
                        throw new TypeError('String.prototype.replaceAll called with a non-global RegExp argument');
                }
                var replacer = getMethod(searchValue, Symbol.replace);
                if (replacer !== undefined)
                    return replacer.call(searchValue, object, replaceValue);
            }
            var string = String(object);
            var searchString = String(searchValue);
            var functionalReplace = isCallable(replaceValue);
            if (!functionalReplace)
                replaceValue = String(replaceValue);
            var searchLength = searchString.length;
            var advanceBy = Math.max(1, searchLength);
            var positions = [];
            var position = stringIndexOf(string, searchString, 0);
            while (position !== -1) {
                positions.push(position);
                position = stringIndexOf(string, searchString, position + advanceBy);
            }
            var endOfLastMatch = 0;
            var result = '';
            for (var i = 0; i < positions.length; ++i) {
                var p = positions[i];
                var replacement = functionalReplace
                    ? String(replaceValue.call(undefined, searchString, p, string))
                    : getSubstitution(searchString, string, p, replaceValue);
                result += string.slice(endOfLastMatch, p) + replacement;
                endOfLastMatch = p + searchLength;
            }
            if (endOfLastMatch < string.length)
                result += string.slice(endOfLastMatch);
            return result;
        });
    }

    // --- String.prototype.matchAll (ES2020) ---------------------------------------------------

    function advanceStringIndex(string, index, unicode) {
        if (!unicode || index + 1 >= string.length)
            return index + 1;
        var first = string.charCodeAt(index);
        if (first < 0xD800 || first > 0xDBFF)
            return index + 1;
        var second = string.charCodeAt(index + 1);
        return second < 0xDC00 || second > 0xDFFF ? index + 1 : index + 2;
    }

    function regExpExec(regexp, string) {
        var exec = regexp.exec;
        if (isCallable(exec)) {
            var result = exec.call(regexp, string);
            if (result !== null && !isObject(result))
                throw new TypeError('exec result must be an object or null');
            return result;
        }
        return RegExp.prototype.exec.call(regexp, string);
    }

    var regExpStringIteratorState = new WeakMap();

    function RegExpStringIterator(matcher, string, isGlobal, fullUnicode) {
        regExpStringIteratorState.set(this, {
            matcher: matcher, string: string, global: isGlobal, unicode: fullUnicode, done: false
        });
    }
    RegExpStringIterator.prototype = Object.create(iteratorPrototype);
    defineValue(RegExpStringIterator.prototype, 'next', function next() {
        var state = isObject(this) ? regExpStringIteratorState.get(this) : undefined;
        if (state === undefined)
            throw new TypeError('next method called on an incompatible receiver');
        if (state.done)
            return { value: undefined, done: true };
        var match = regExpExec(state.matcher, state.string);
        if (match === null) {
            state.done = true;
            return { value: undefined, done: true };
        }
        if (!state.global) {
            state.done = true;
            return { value: match, done: false };
        }
        if (String(match[0]) === '') {
            var thisIndex = toLength(state.matcher.lastIndex);
            state.matcher.lastIndex = advanceStringIndex(state.string, thisIndex, state.unicode);
        }
        return { value: match, done: false };
    });
    Object.defineProperty(RegExpStringIterator.prototype, Symbol.toStringTag,
        { value: 'RegExp String Iterator', configurable: true });

    // %RegExp.prototype%[@@matchAll] (R, string)
    function regExpMatchAll(regexp, string) {
        var constructor = speciesConstructor(regexp, RegExp);
        var flags = String(regexp.flags);
        var matcher = new constructor(regexp, flags);
        matcher.lastIndex = toLength(regexp.lastIndex);
        return new RegExpStringIterator(matcher, string, flags.indexOf('g') >= 0, flags.indexOf('u') >= 0);
    }

    if (!String.prototype.matchAll) {
        defineValue(String.prototype, 'matchAll', function matchAll(regexp) {
            var object = requireObjectCoercible(this, 'String.prototype.matchAll');
            var regexpArgument = false;
            if (regexp !== undefined && regexp !== null) {
                if (isRegExp(regexp)) {
                    var flags = requireObjectCoercible(regexp.flags, 'String.prototype.matchAll');
                    if (String(flags).indexOf('g') < 0)
                        throw new TypeError('String.prototype.matchAll called with a non-global RegExp argument');
                    regexpArgument = true;
                }
                var matcher = typeof Symbol.matchAll === 'symbol' ? getMethod(regexp, Symbol.matchAll) : undefined;
                if (matcher !== undefined)
                    return matcher.call(regexp, object);
            }
            var string = String(object);
            if (regexpArgument) // what RegExp.prototype[@@matchAll] would do, were there Symbol.matchAll
                return regExpMatchAll(regexp, string);
            return regExpMatchAll(new RegExp(regexp, 'g'), string);
        });
    }

    // --- trimStart, trimEnd (ES2019) and their Annex B aliases trimLeft, trimRight ----------

    var whiteSpace = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
    var leadingWhiteSpace = new RegExp('^[' + whiteSpace + ']+');
    var trailingWhiteSpace = new RegExp('[' + whiteSpace + ']+$');

    if (!String.prototype.trimStart) {
        defineValue(String.prototype, 'trimStart', function trimStart() {
            return String(requireObjectCoercible(this, 'String.prototype.trimStart')).replace(leadingWhiteSpace, '');
        });
    }
    if (!String.prototype.trimEnd) {
        defineValue(String.prototype, 'trimEnd', function trimEnd() {
            return String(requireObjectCoercible(this, 'String.prototype.trimEnd')).replace(trailingWhiteSpace, '');
        });
    }
    defineMissing(String.prototype, 'trimLeft', String.prototype.trimStart);
    defineMissing(String.prototype, 'trimRight', String.prototype.trimEnd);

    // --- AggregateError (ES2021) ---------------------------------------------------------------

    if (typeof global.AggregateError !== 'function') {
        var AggregateError = function AggregateError(errors, message) {
            var newTarget = new.target === undefined ? AggregateError : new.target;
            var prototype = isObject(newTarget.prototype) ? newTarget.prototype : AggregateError.prototype;
            var error = new Error(); // an object with [[ErrorData]]: a stack, and [object Error]
            Object.setPrototypeOf(error, prototype);
            if (message !== undefined)
                defineValue(error, 'message', String(message));
            var options = arguments[2];
            if (isObject(options) && 'cause' in options)
                defineValue(error, 'cause', options.cause);
            getIterator(errors); // IterableToList: a TypeError when `errors` is not iterable
            defineValue(error, 'errors', Array.from(errors));
            return error;
        };
        Object.setPrototypeOf(AggregateError, Error);
        AggregateError.prototype = Object.create(Error.prototype);
        defineValue(AggregateError.prototype, 'constructor', AggregateError);
        defineValue(AggregateError.prototype, 'name', 'AggregateError');
        defineValue(AggregateError.prototype, 'message', '');
        Object.defineProperty(AggregateError, 'prototype', { writable: false });
        defineValue(global, 'AggregateError', AggregateError);
    }

    // --- Promise.prototype.finally (ES2018), Promise.allSettled (ES2020), Promise.any (ES2021) -

    function newPromiseCapability(constructor) {
        if (!isConstructor(constructor))
            throw new TypeError(String(constructor) + ' is not a constructor');
        var capability = { promise: undefined, resolve: undefined, reject: undefined };
        capability.promise = new constructor(function (resolve, reject) {
            if (capability.resolve !== undefined || capability.reject !== undefined)
                throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
            capability.resolve = resolve;
            capability.reject = reject;
        });
        if (!isCallable(capability.resolve) || !isCallable(capability.reject))
            throw new TypeError('Promise resolve or reject function is not callable');
        return capability;
    }

    function promiseResolve(constructor, value) {
        if (value instanceof Promise && value.constructor === constructor)
            return value;
        var capability = newPromiseCapability(constructor);
        capability.resolve(value);
        return capability.promise;
    }

    if (!Promise.prototype['finally']) {
        defineValue(Promise.prototype, 'finally', function (onFinally) {
            var promise = this;
            if (!isObject(promise))
                throw new TypeError('Promise.prototype.finally called on a non-object');
            var constructor = speciesConstructor(promise, Promise);
            var thenFinally = onFinally;
            var catchFinally = onFinally;
            if (isCallable(onFinally)) {
                thenFinally = function (value) {
                    return promiseResolve(constructor, onFinally()).then(function () { return value; });
                };
                catchFinally = function (reason) {
                    return promiseResolve(constructor, onFinally()).then(function () { throw reason; });
                };
            }
            return promise.then(thenFinally, catchFinally);
        });
        Object.defineProperty(Promise.prototype['finally'], 'name', { value: 'finally' });
    }

    // The loop shared by Promise.allSettled and Promise.any: `onElement(index, next)` subscribes to
    // one element, `onDone()` runs when every element has settled (or at once for none).
    function performPromiseCombinator(constructor, capability, iterable, onElement, onDone) {
        var resolveFunction = constructor.resolve;
        if (!isCallable(resolveFunction))
            throw new TypeError('Promise resolve is not a function');
        var iterator = getIterator(iterable);
        var state = { remaining: 1 };
        var index = 0;
        for (;;) {
            var step = iteratorStep(iterator);
            if (step.done) {
                if (--state.remaining === 0)
                    onDone();
                return capability.promise;
            }
            var nextValue = step.value;
            try {
                var nextPromise = resolveFunction.call(constructor, nextValue);
                onElement(index, nextPromise, state);
            } catch (error) {
                iteratorCloseQuietly(iterator);
                throw error;
            }
            ++index;
        }
    }

    // Resolving functions that act at most once, as the spec's [[AlreadyCalled]] records.
    function once(callback) {
        var called = false;
        return function (value) {
            if (called)
                return undefined;
            called = true;
            return callback(value);
        };
    }

    if (!Promise.allSettled) {
        defineValue(Promise, 'allSettled', function allSettled(iterable) {
            var constructor = this;
            var capability = newPromiseCapability(constructor);
            var values = [];
            var done = function () { capability.resolve(values); };
            try {
                return performPromiseCombinator(constructor, capability, iterable, function (index, next, state) {
                    values.push(undefined);
                    var settle = function (status, key) {
                        return once(function (x) {
                            var entry = {};
                            createDataProperty(entry, 'status', status);
                            createDataProperty(entry, key, x);
                            values[index] = entry;
                            if (--state.remaining === 0)
                                done();
                        });
                    };
                    ++state.remaining;
                    var alreadyCalled = { value: false };
                    var onFulfilled = settle('fulfilled', 'value');
                    var onRejected = settle('rejected', 'reason');
                    next.then(function (x) {
                        if (alreadyCalled.value)
                            return;
                        alreadyCalled.value = true;
                        onFulfilled(x);
                    }, function (x) {
                        if (alreadyCalled.value)
                            return;
                        alreadyCalled.value = true;
                        onRejected(x);
                    });
                }, done);
            } catch (error) {
                capability.reject(error);
                return capability.promise;
            }
        });
    }

    if (!Promise.any) {
        defineValue(Promise, 'any', function any(iterable) {
            var constructor = this;
            var capability = newPromiseCapability(constructor);
            var errors = [];
            var done = function () {
                var error = new global.AggregateError([], 'All promises were rejected');
                defineValue(error, 'errors', errors.slice());
                capability.reject(error);
            };
            try {
                return performPromiseCombinator(constructor, capability, iterable, function (index, next, state) {
                    errors.push(undefined);
                    ++state.remaining;
                    next.then(capability.resolve, once(function (x) {
                        errors[index] = x;
                        if (--state.remaining === 0)
                            done();
                    }));
                }, done);
            } catch (error) {
                capability.reject(error);
                return capability.promise;
            }
        });
    }

    // --- globalThis (ES2020), queueMicrotask (HTML) --------------------------------------------

    if (typeof global.globalThis !== 'object')
        defineValue(global, 'globalThis', global);

    if (typeof global.queueMicrotask !== 'function') {
        var resolvedPromise = Promise.resolve();
        var then = Promise.prototype.then;
        var queueMicrotask = function queueMicrotask(callback) {
            if (!isCallable(callback)) {
                var error = new TypeError('The "callback" argument must be of type function. Received '
                    + (callback === null ? 'null' : 'type ' + typeof callback));
                error.code = 'ERR_INVALID_ARG_TYPE';
                throw error;
            }
            then.call(resolvedPromise, function () { callback(); });
        };
        Object.defineProperty(global, 'queueMicrotask',
            { value: queueMicrotask, writable: true, enumerable: true, configurable: true });
    }

    // --- Symbol.prototype.description (ES2019) -------------------------------------------------
    // A symbol's description is only visible through its string, "Symbol(description)", which is the
    // same for Symbol() and Symbol(''). Symbol is wrapped to remember the symbols created with ''.

    if (!('description' in Symbol.prototype)) {
        var NativeSymbol = global.Symbol;
        var symbolToString = NativeSymbol.prototype.toString;
        var symbolValueOf = NativeSymbol.prototype.valueOf;
        var emptyDescriptions = Object.create(null);

        var SymbolWrapper = function Symbol() {
            if (new.target !== undefined)
                throw new TypeError('Symbol is not a constructor');
            var description = arguments[0];
            if (description === undefined)
                return NativeSymbol();
            var symbol = NativeSymbol(String(description));
            if (String(description) === '')
                emptyDescriptions[symbol] = true;
            return symbol;
        };
        var statics = Object.getOwnPropertyNames(NativeSymbol);
        for (var s = 0; s < statics.length; ++s) {
            if (!hasOwnProperty.call(SymbolWrapper, statics[s]) || statics[s] === 'prototype')
                Object.defineProperty(SymbolWrapper, statics[s], Object.getOwnPropertyDescriptor(NativeSymbol, statics[s]));
        }
        defineValue(NativeSymbol.prototype, 'constructor', SymbolWrapper);

        var description = function () {
            var symbol = symbolValueOf.call(this); // a TypeError for anything but a symbol
            var text = symbolToString.call(symbol).slice(7, -1);
            if (text === '' && !emptyDescriptions[symbol])
                return undefined;
            return text;
        };
        Object.defineProperty(description, 'name', { value: 'get description' });
        Object.defineProperty(NativeSymbol.prototype, 'description', { get: description, configurable: true });
        defineValue(global, 'Symbol', SymbolWrapper);
    }
})(Function('return this')());
