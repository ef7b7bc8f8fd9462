// Authdesk script prelude, part 2: the web and Node host objects that connector methods written for
// Node.js use, in pure JavaScript: DOMException, Event, EventTarget, AbortController, AbortSignal,
// URLSearchParams, Headers, btoa, atob, TextEncoder, TextDecoder and Buffer. They behave like Node's
// (the WHATWG specifications, and Node's own rules for Buffer); tests/script/corpus/builtins compares
// them with Node case by case (tst_builtinscorpus).
//
// Each global is installed only when the engine lacks it. URLSearchParams is the exception: QJSEngine
// 6.4 has one that serialises a space as %20, so a URLSearchParams that does not serialise like
// Node's is replaced. Evaluating this file twice changes nothing. Runs after polyfills.js.
//
// Installed lazily: a fresh engine runs each connector method, and most methods use little of this.
// The file is one call of a small function, the base, which runs at install: it decides which globals
// the file installs, as the engine is then, and puts a placeholder where each goes, an accessor
// (configurable, and enumerable as the global will be). The rest of the file, the last argument, runs
// the first time a placeholder is read or written: it replaces the placeholders with the real globals,
// in place (the order of the global's properties stays), and the access proceeds. It finds the engine
// as it was at install: what it builds on, the base tells it (`installed`). So a global is the
// same once used, and `typeof`, `in` and the global's property names are the same from the start;
// only its descriptor, before that first use, shows an accessor. In QJSEngine the base and the rest
// are ES modules of their own, precompiled to bytecode, and the rest is not even loaded until needed
// (lib/CMakeLists.txt cuts the file in two at the line that starts with "function (", keeping the
// line numbers; ScriptPrelude's loader gives the base the rest). Evaluated as a script
// (tests/script/node-runner.mjs, in Node), the file is whole.
//
// Plain ES2017 that QJSEngine 6.4 parses: classes without fields, no async, no object spread, no
// optional catch binding.
(function (global, rest) {
    'use strict';

    // What the rest of the file builds on where it does not install its own. setTimeout is host.js's,
    // which runs after this file: the rest sees that there was none, as it would have at install.
    var installed = {
        DOMException: global.DOMException,
        Event: global.Event,
        EventTarget: global.EventTarget,
        setTimeout: typeof global.setTimeout === 'function'
    };

    // --- Placeholders (js/lazy.js) ---------------------------------------------------------------

    var lazy = global.__authdeskLazyInstaller('web', rest, function (run, base) {
        return run(global, base, installed);
    });
    var placeholder = lazy.placeholder;

    // --- What the rest installs, decided now -------------------------------------------------------

    function placeholderIfNotFunction(name, enumerable) {
        if (typeof global[name] !== 'function')
            placeholder(global, name, enumerable);
    }

    function nativeSearchParamsAreRight() {
        var Native = global.URLSearchParams;
        if (typeof Native !== 'function')
            return false;
        try {
            var params = new Native({ a: 'b c~' });
            return params.toString() === 'a=b+c%7E' && 'size' in Native.prototype && typeof params.sort === 'function';
        } catch (error) {
            return false;
        }
    }

    placeholderIfNotFunction('DOMException', false);
    placeholderIfNotFunction('Event', false);
    placeholderIfNotFunction('EventTarget', false);
    if (typeof global.AbortController !== 'function' || typeof global.AbortSignal !== 'function') {
        placeholder(global, 'AbortSignal', false);
        placeholder(global, 'AbortController', false);
    }
    if (!nativeSearchParamsAreRight())
        placeholder(global, 'URLSearchParams', false);
    placeholderIfNotFunction('Headers', false);
    placeholderIfNotFunction('btoa', true);
    placeholderIfNotFunction('atob', true);
    placeholderIfNotFunction('TextEncoder', false);
    placeholderIfNotFunction('TextDecoder', false);
    placeholderIfNotFunction('Buffer', false);
})(Function('return this')(),
// The rest of the file, run when a placeholder is first used. `base.wants(global, name)` says whether it
// installs that global; it does so with `base.define` (`defineGlobal`).
function (global, base, installed) {
    'use strict';

    var hasOwnProperty = Object.prototype.hasOwnProperty;
    var objectToString = Object.prototype.toString;
    var fromCharCode = String.fromCharCode;
    var iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    var typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
    var typedArrayToStringTag = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag).get;

    // --- Helpers -------------------------------------------------------------------------------

    function isObject(value) {
        return (typeof value === 'object' && value !== null) || typeof value === 'function';
    }

    function defineValue(target, key, value) {
        Object.defineProperty(target, key, { value: value, writable: true, enumerable: false, configurable: true });
    }

    // A global where the base put a placeholder.
    function defineGlobal(name, value) {
        base.define(global, name, { value: value, writable: true, enumerable: false, configurable: true });
    }

    function setToStringTag(prototype, tag) {
        Object.defineProperty(prototype, Symbol.toStringTag, { value: tag, configurable: true });
    }

    // WebIDL makes the operations and attributes of an interface enumerable; class syntax does not.
    function makeEnumerable(prototype) {
        var names = Object.getOwnPropertyNames(prototype);
        for (var i = 0; i < names.length; ++i) {
            if (names[i] === 'constructor')
                continue;
            var descriptor = Object.getOwnPropertyDescriptor(prototype, names[i]);
            descriptor.enumerable = true;
            Object.defineProperty(prototype, names[i], descriptor);
        }
    }

    function isUint8Array(value) {
        return ArrayBuffer.isView(value) && typedArrayToStringTag.call(value) === 'Uint8Array';
    }

    function isAnyArrayBuffer(value) {
        if (value instanceof ArrayBuffer)
            return true;
        return typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer;
    }

    // Node's errors carry a `code`; their messages are the ones Node builds.
    function nodeError(Constructor, code, message) {
        var error = new Constructor(message);
        error.code = code;
        return error;
    }

    // Node's description of a wrong argument, as in "... Received type number (1)".
    function describeReceived(value) {
        if (value === null || value === undefined)
            return ' Received ' + value;
        if (typeof value === 'function')
            return ' Received function ' + value.name;
        if (typeof value === 'object') {
            if (value.constructor && value.constructor.name)
                return ' Received an instance of ' + value.constructor.name;
            return ' Received ' + objectToString.call(value);
        }
        var inspected;
        if (typeof value === 'string')
            inspected = '\'' + value + '\'';
        else if (typeof value === 'number' && value === 0 && 1 / value < 0)
            inspected = '-0';
        else
            inspected = String(value);
        if (inspected.length > 28)
            inspected = inspected.slice(0, 25) + '...';
        return ' Received type ' + typeof value + ' (' + inspected + ')';
    }

    function invalidArgType(what, expected, value) {
        return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
            'The ' + what + ' must be ' + expected + '.' + describeReceived(value));
    }

    function missingArgs(name) {
        return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "' + name + '" argument must be specified');
    }

    // ToString, which, unlike String(), throws for a symbol.
    function toStringStrict(value) {
        if (typeof value === 'symbol')
            throw new TypeError('Cannot convert a Symbol value to a string');
        return String(value);
    }

    // A USVString: lone surrogates become U+FFFD.
    function toUSVString(value) {
        var string = toStringStrict(value);
        if (!/[\uD800-\uDFFF]/.test(string))
            return string;
        var result = '';
        for (var i = 0; i < string.length; ++i) {
            var code = string.charCodeAt(i);
            if (code >= 0xD800 && code <= 0xDBFF && i + 1 < string.length) {
                var next = string.charCodeAt(i + 1);
                if (next >= 0xDC00 && next <= 0xDFFF) {
                    result += string.charAt(i) + string.charAt(i + 1);
                    ++i;
                    continue;
                }
            }
            result += code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : string.charAt(i);
        }
        return result;
    }

    // A stable merge sort (URLSearchParams.sort must keep the order of equal names).
    function stableSort(items, less) {
        if (items.length < 2)
            return items;
        var middle = items.length >> 1;
        var left = stableSort(items.slice(0, middle), less);
        var right = stableSort(items.slice(middle), less);
        var result = [];
        var i = 0;
        var j = 0;
        while (i < left.length && j < right.length)
            result.push(less(right[j], left[i]) ? right[j++] : left[i++]);
        while (i < left.length)
            result.push(left[i++]);
        while (j < right.length)
            result.push(right[j++]);
        return result;
    }

    // Iterators of a WebIDL iterable: `source()` gives the current list of [key, value] pairs.
    function makeIteratorPrototype(tag) {
        var states = new WeakMap();
        var prototype = Object.create(iteratorPrototype);
        defineValue(prototype, 'next', function next() {
            var state = isObject(this) ? states.get(this) : undefined;
            if (state === undefined)
                throw new TypeError('Value of "this" must be of type ' + tag);
            var pairs = state.source();
            if (state.index >= pairs.length)
                return { value: undefined, done: true };
            var pair = pairs[state.index++];
            var value = state.kind === 'key' ? pair[0] : (state.kind === 'value' ? pair[1] : [pair[0], pair[1]]);
            return { value: value, done: false };
        });
        setToStringTag(prototype, tag);
        return function create(source, kind) {
            var iterator = Object.create(prototype);
            states.set(iterator, { source: source, kind: kind, index: 0 });
            return iterator;
        };
    }

    // --- UTF-8 ---------------------------------------------------------------------------------

    // The UTF-8 bytes of a string, lone surrogates encoded as U+FFFD.
    function utf8Encode(string) {
        var bytes = new Uint8Array(string.length * 3);
        var length = 0;
        for (var i = 0; i < string.length; ++i) {
            var code = string.charCodeAt(i);
            if (code >= 0xD800 && code <= 0xDFFF) {
                var next = i + 1 < string.length ? string.charCodeAt(i + 1) : 0;
                if (code <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (next - 0xDC00);
                    ++i;
                } else {
                    code = 0xFFFD;
                }
            }
            if (code < 0x80) {
                bytes[length++] = code;
            } else if (code < 0x800) {
                bytes[length++] = 0xC0 | (code >> 6);
                bytes[length++] = 0x80 | (code & 0x3F);
            } else if (code < 0x10000) {
                bytes[length++] = 0xE0 | (code >> 12);
                bytes[length++] = 0x80 | ((code >> 6) & 0x3F);
                bytes[length++] = 0x80 | (code & 0x3F);
            } else {
                bytes[length++] = 0xF0 | (code >> 18);
                bytes[length++] = 0x80 | ((code >> 12) & 0x3F);
                bytes[length++] = 0x80 | ((code >> 6) & 0x3F);
                bytes[length++] = 0x80 | (code & 0x3F);
            }
        }
        return bytes.subarray(0, length);
    }

    function utf8Length(string) {
        var length = 0;
        for (var i = 0; i < string.length; ++i) {
            var code = string.charCodeAt(i);
            if (code < 0x80) {
                length += 1;
            } else if (code < 0x800) {
                length += 2;
            } else if (code >= 0xD800 && code <= 0xDBFF && i + 1 < string.length
                && string.charCodeAt(i + 1) >= 0xDC00 && string.charCodeAt(i + 1) <= 0xDFFF) {
                length += 4;
                ++i;
            } else {
                length += 3;
            }
        }
        return length;
    }

    // Collects UTF-16 code units and turns them into a string in chunks.
    function StringBuilder() {
        this.parts = [];
        this.units = [];
    }
    StringBuilder.prototype.push = function (codePoint) {
        if (codePoint > 0xFFFF) {
            codePoint -= 0x10000;
            this.units.push(0xD800 + (codePoint >> 10), 0xDC00 + (codePoint & 0x3FF));
        } else {
            this.units.push(codePoint);
        }
        if (this.units.length >= 8192)
            this.flush();
    };
    StringBuilder.prototype.flush = function () {
        if (this.units.length > 0) {
            this.parts.push(fromCharCode.apply(null, this.units));
            this.units = [];
        }
    };
    StringBuilder.prototype.toString = function () {
        this.flush();
        return this.parts.join('');
    };

    // The WHATWG UTF-8 decoder: each maximal invalid subpart becomes one U+FFFD, or, when `fatal`,
    // a TypeError. `state` carries an incomplete sequence from one chunk to the next when streaming.
    function newUtf8State() {
        return { codePoint: 0, needed: 0, seen: 0, lower: 0x80, upper: 0xBF, pending: [] };
    }

    function utf8Decode(bytes, start, end, fatal, state, flush, out) {
        var s = state || newUtf8State();
        for (var i = start; i < end; ++i) {
            var byte = bytes[i];
            if (s.needed === 0) {
                if (byte <= 0x7F) {
                    out.push(byte);
                    continue;
                }
                if (byte >= 0xC2 && byte <= 0xDF) {
                    s.needed = 1;
                    s.codePoint = byte & 0x1F;
                } else if (byte >= 0xE0 && byte <= 0xEF) {
                    if (byte === 0xE0)
                        s.lower = 0xA0;
                    else if (byte === 0xED)
                        s.upper = 0x9F;
                    s.needed = 2;
                    s.codePoint = byte & 0x0F;
                } else if (byte >= 0xF0 && byte <= 0xF4) {
                    if (byte === 0xF0)
                        s.lower = 0x90;
                    else if (byte === 0xF4)
                        s.upper = 0x8F;
                    s.needed = 3;
                    s.codePoint = byte & 0x07;
                } else {
                    if (fatal)
                        return false;
                    out.push(0xFFFD);
                }
                continue;
            }
            if (byte < s.lower || byte > s.upper) {
                s.codePoint = s.needed = s.seen = 0;
                s.lower = 0x80;
                s.upper = 0xBF;
                if (fatal)
                    return false;
                out.push(0xFFFD);
                --i; // the byte starts over
                continue;
            }
            s.lower = 0x80;
            s.upper = 0xBF;
            s.codePoint = (s.codePoint << 6) | (byte & 0x3F);
            if (++s.seen === s.needed) {
                out.push(s.codePoint);
                s.codePoint = s.needed = s.seen = 0;
            }
        }
        if (flush && s.needed !== 0) {
            s.codePoint = s.needed = s.seen = 0;
            s.lower = 0x80;
            s.upper = 0xBF;
            if (fatal)
                return false;
            out.push(0xFFFD);
        }
        return true;
    }

    function utf8ToString(bytes, start, end) {
        var out = new StringBuilder();
        utf8Decode(bytes, start, end, false, null, true, out);
        return out.toString();
    }

    function latin1ToString(bytes, start, end, mask) {
        var parts = [];
        for (var i = start; i < end; i += 8192) {
            var chunk = Array.prototype.slice.call(bytes.subarray(i, Math.min(i + 8192, end)));
            if (mask !== 0xFF) {
                for (var j = 0; j < chunk.length; ++j)
                    chunk[j] &= mask;
            }
            parts.push(fromCharCode.apply(null, chunk));
        }
        return parts.join('');
    }

    // --- Base64 --------------------------------------------------------------------------------

    var base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    var base64UrlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var base64Values = (function () {
        var values = new Int8Array(128).fill(-1);
        for (var i = 0; i < 64; ++i) {
            values[base64Alphabet.charCodeAt(i)] = i;
            values[base64UrlAlphabet.charCodeAt(i)] = i;
        }
        return values;
    })();

    var base64Codes = [];
    var base64UrlCodes = [];
    for (var sextet = 0; sextet < 64; ++sextet) {
        base64Codes.push(base64Alphabet.charCodeAt(sextet));
        base64UrlCodes.push(base64UrlAlphabet.charCodeAt(sextet));
    }

    function base64Encode(bytes, start, end, url) {
        var codes = url ? base64UrlCodes : base64Codes;
        var out = new StringBuilder();
        var i = start;
        for (; i + 2 < end; i += 3) {
            var triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
            out.push(codes[triple >> 18]);
            out.push(codes[(triple >> 12) & 63]);
            out.push(codes[(triple >> 6) & 63]);
            out.push(codes[triple & 63]);
        }
        if (end - i === 1) {
            out.push(codes[bytes[i] >> 2]);
            out.push(codes[(bytes[i] & 3) << 4]);
            if (!url) {
                out.push(0x3D);
                out.push(0x3D);
            }
        } else if (end - i === 2) {
            var pair = (bytes[i] << 8) | bytes[i + 1];
            out.push(codes[pair >> 10]);
            out.push(codes[(pair >> 4) & 63]);
            out.push(codes[(pair & 15) << 2]);
            if (!url)
                out.push(0x3D);
        }
        return out.toString();
    }

    // Node's Buffer.byteLength(string, 'base64'): an upper bound from the length alone.
    function base64ByteLength(string) {
        var length = string.length;
        if (length > 0 && string.charCodeAt(length - 1) === 0x3D)
            --length;
        if (length > 1 && string.charCodeAt(length - 1) === 0x3D)
            --length;
        return (length * 3) >>> 2;
    }

    // Node's lenient base64 (and base64url) decoder: both alphabets, characters outside them skipped,
    // decoding stops at the first '='; at most base64ByteLength bytes. Like Node, it looks at the low
    // byte of each UTF-16 code unit only (so U+013D counts as '=').
    function base64Decode(string) {
        var limit = base64ByteLength(string);
        var bytes = new Uint8Array(limit);
        var length = 0;
        var accumulator = 0;
        var count = 0;
        for (var i = 0; i < string.length && length < limit; ++i) {
            var code = string.charCodeAt(i) & 0xFF;
            if (code === 0x3D)
                break;
            var value = code < 128 ? base64Values[code] : -1;
            if (value < 0)
                continue;
            accumulator = (accumulator << 6) | value;
            if (++count === 4) {
                bytes[length++] = (accumulator >> 16) & 0xFF;
                if (length < limit)
                    bytes[length++] = (accumulator >> 8) & 0xFF;
                if (length < limit)
                    bytes[length++] = accumulator & 0xFF;
                accumulator = 0;
                count = 0;
            }
        }
        if (count >= 2 && length < limit)
            bytes[length++] = (accumulator >> (count === 2 ? 4 : 10)) & 0xFF;
        if (count === 3 && length < limit)
            bytes[length++] = (accumulator >> 2) & 0xFF;
        return bytes.subarray(0, length);
    }

    // --- DOMException ----------------------------------------------------------------------------

    var legacyErrorCodes = {
        IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
        NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
        SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
        TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
        QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25
    };
    var legacyErrorConstants = {
        INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
        INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
        NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
        INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
        TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
        QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25
    };

    if (base.wants(global, 'DOMException')) {
        var domExceptionState = new WeakMap();
        var domExceptionGet = function (object, what) {
            var state = isObject(object) ? domExceptionState.get(object) : undefined;
            if (state === undefined)
                throw new TypeError('Value of "this" must be of type DOMException');
            return state[what];
        };
        var DOMExceptionClass = class DOMException {
            constructor() {
                var message = arguments.length > 0 && arguments[0] !== undefined ? String(arguments[0]) : '';
                var name = 'Error';
                var options = arguments[1];
                if (isObject(options)) {
                    if ('name' in options)
                        name = String(options.name);
                } else if (options !== undefined) {
                    name = String(options);
                }
                var error = new Error(); // an object with [[ErrorData]] and a stack
                Object.setPrototypeOf(error, new.target.prototype);
                domExceptionState.set(error, { message: message, name: name });
                if (isObject(options) && 'cause' in options)
                    defineValue(error, 'cause', options.cause);
                return error;
            }
            get name() {
                return domExceptionGet(this, 'name');
            }
            get message() {
                return domExceptionGet(this, 'message');
            }
            get code() {
                var name = domExceptionGet(this, 'name');
                return hasOwnProperty.call(legacyErrorCodes, name) ? legacyErrorCodes[name] : 0;
            }
        };
        Object.setPrototypeOf(DOMExceptionClass.prototype, Error.prototype);
        makeEnumerable(DOMExceptionClass.prototype);
        setToStringTag(DOMExceptionClass.prototype, 'DOMException');
        Object.keys(legacyErrorConstants).forEach(function (name) {
            var descriptor = { value: legacyErrorConstants[name], enumerable: true };
            Object.defineProperty(DOMExceptionClass, name, descriptor);
            Object.defineProperty(DOMExceptionClass.prototype, name, descriptor);
        });
        defineGlobal('DOMException', DOMExceptionClass);
    }
    var DOMExceptionConstructor = base.wants(global, 'DOMException') ? DOMExceptionClass : installed.DOMException;

    function domException(message, name) {
        return new DOMExceptionConstructor(message, name);
    }

    // --- Event, EventTarget ----------------------------------------------------------------------

    if (base.wants(global, 'Event') || base.wants(global, 'EventTarget')) {
        var eventState = new WeakMap();
        var eventGet = function (object) {
            var state = isObject(object) ? eventState.get(object) : undefined;
            if (state === undefined)
                throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Event');
            return state;
        };
        var EventClass = class Event {
            constructor(type) {
                if (arguments.length === 0)
                    throw missingArgs('type');
                var options = arguments[1];
                if (options !== undefined && options !== null && !isObject(options))
                    throw invalidArgType('"options" argument', 'of type object', options);
                options = options || {};
                eventState.set(this, {
                    type: String(type), bubbles: !!options.bubbles, cancelable: !!options.cancelable,
                    composed: !!options.composed, defaultPrevented: false, stopImmediate: false,
                    propagationStopped: false, target: null, currentTarget: null, phase: 0,
                    isTrusted: false, dispatching: false, timeStamp: Date.now()
                });
            }
            get type() { return eventGet(this).type; }
            get bubbles() { return eventGet(this).bubbles; }
            get cancelable() { return eventGet(this).cancelable; }
            get composed() { return eventGet(this).composed; }
            get defaultPrevented() { return eventGet(this).cancelable && eventGet(this).defaultPrevented; }
            get returnValue() { return !this.defaultPrevented; }
            get target() { return eventGet(this).target; }
            get currentTarget() { return eventGet(this).currentTarget; }
            get srcElement() { return eventGet(this).target; }
            get eventPhase() { return eventGet(this).phase; }
            get isTrusted() { return eventGet(this).isTrusted; }
            get timeStamp() { return eventGet(this).timeStamp; }
            get cancelBubble() { return eventGet(this).propagationStopped; }
            set cancelBubble(value) {
                if (value)
                    eventGet(this).propagationStopped = true;
            }
            preventDefault() { eventGet(this).defaultPrevented = true; }
            stopPropagation() { eventGet(this).propagationStopped = true; }
            stopImmediatePropagation() {
                var state = eventGet(this);
                state.propagationStopped = true;
                state.stopImmediate = true;
            }
            composedPath() {
                var state = eventGet(this);
                return state.dispatching ? [state.currentTarget] : [];
            }
        };
        makeEnumerable(EventClass.prototype);
        setToStringTag(EventClass.prototype, 'Event');
        ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].forEach(function (name, value) {
            var descriptor = { value: value, enumerable: true };
            Object.defineProperty(EventClass, name, descriptor);
            Object.defineProperty(EventClass.prototype, name, descriptor);
        });

        var listenerState = new WeakMap(); // EventTarget -> { type: [listener records] }
        var listenersOf = function (target) {
            var listeners = listenerState.get(target);
            if (listeners === undefined) {
                listeners = Object.create(null);
                listenerState.set(target, listeners);
            }
            return listeners;
        };
        var flattenCapture = function (options) {
            return typeof options === 'boolean' ? options : !!(isObject(options) && options.capture);
        };
        var validateListener = function (listener) {
            if (listener === null || listener === undefined || typeof listener === 'function')
                return;
            if (isObject(listener))
                return;
            throw invalidArgType('"listener" argument', 'an instance of EventListener', listener);
        };
        var removeListener = function (target, type, callback, capture) {
            var list = listenersOf(target)[type];
            if (!list)
                return;
            for (var i = 0; i < list.length; ++i) {
                if (list[i].callback === callback && list[i].capture === capture) {
                    list[i].removed = true;
                    list.splice(i, 1);
                    return;
                }
            }
        };
        var EventTargetClass = class EventTarget {
            constructor() {
                listenersOf(this);
            }
            addEventListener(type, listener) {
                if (arguments.length < 2)
                    throw missingArgs(arguments.length === 0 ? 'type' : 'listener');
                validateListener(listener);
                var options = arguments[2];
                if (listener === null || listener === undefined)
                    return;
                type = String(type);
                var capture = flattenCapture(options);
                var once = !!(isObject(options) && options.once);
                var signal = isObject(options) ? options.signal : undefined;
                if (signal && signal.aborted)
                    return;
                var listeners = listenersOf(this);
                var list = listeners[type] || (listeners[type] = []);
                for (var i = 0; i < list.length; ++i) {
                    if (list[i].callback === listener && list[i].capture === capture)
                        return;
                }
                list.push({ callback: listener, capture: capture, once: once, removed: false });
                if (signal) {
                    var target = this;
                    signal.addEventListener('abort', function () {
                        removeListener(target, type, listener, capture);
                    }, { once: true });
                }
            }
            removeEventListener(type, listener) {
                if (arguments.length < 2)
                    throw missingArgs(arguments.length === 0 ? 'type' : 'listener');
                validateListener(listener);
                removeListener(this, String(type), listener, flattenCapture(arguments[2]));
            }
            dispatchEvent(event) {
                if (!(event instanceof EventClass))
                    throw invalidArgType('"event" argument', 'an instance of Event', event);
                var state = eventGet(event);
                if (state.dispatching)
                    throw domException('The event is already being dispatched', 'InvalidStateError');
                state.dispatching = true;
                state.target = this;
                state.currentTarget = this;
                state.phase = 2;
                var list = (listenersOf(this)[state.type] || []).slice();
                for (var i = 0; i < list.length && !state.stopImmediate; ++i) {
                    var record = list[i];
                    if (record.removed)
                        continue;
                    if (record.once)
                        removeListener(this, state.type, record.callback, record.capture);
                    try {
                        if (typeof record.callback === 'function') {
                            record.callback.call(this, event);
                        } else if (typeof record.callback.handleEvent === 'function') {
                            record.callback.handleEvent(event);
                        }
                    } catch (error) {
                        // Node reports a listener's exception as uncaught; QJSEngine has no such hook.
                        // The remaining listeners still run.
                    }
                }
                state.dispatching = false;
                state.currentTarget = null;
                state.phase = 0;
                return !event.defaultPrevented;
            }
        };
        makeEnumerable(EventTargetClass.prototype);
        setToStringTag(EventTargetClass.prototype, 'EventTarget');
        if (base.wants(global, 'Event'))
            defineGlobal('Event', EventClass);
        if (base.wants(global, 'EventTarget'))
            defineGlobal('EventTarget', EventTargetClass);
    }

    // Event handler attributes (`onabort`), as Node has them: the first assignment adds a listener,
    // which keeps its place in the list whatever is assigned later; it calls the attribute's value when
    // that is a function. The attribute reads back what was assigned (null for null or undefined).
    var handlerAttributes = new WeakMap();
    function defineEventHandler(prototype, type) {
        Object.defineProperty(prototype, 'on' + type, {
            enumerable: true,
            configurable: true,
            get: function () {
                var handlers = handlerAttributes.get(this);
                var value = handlers && handlers[type] ? handlers[type].value : null;
                return value === undefined ? null : value;
            },
            set: function (value) {
                var handlers = handlerAttributes.get(this);
                if (!handlers) {
                    handlers = Object.create(null);
                    handlerAttributes.set(this, handlers);
                }
                var handler = handlers[type];
                if (handler) {
                    handler.value = value;
                    return;
                }
                handler = { value: value };
                handlers[type] = handler;
                this.addEventListener(type, function (event) {
                    if (typeof handler.value === 'function')
                        return handler.value.call(this, event);
                    return undefined;
                });
            }
        });
    }

    // --- AbortController, AbortSignal ------------------------------------------------------------

    if (base.wants(global, 'AbortController')) {
        var EventTargetBase = base.wants(global, 'EventTarget') ? EventTargetClass : installed.EventTarget;
        var EventBase = base.wants(global, 'Event') ? EventClass : installed.Event;
        var signalState = new WeakMap();
        var illegalConstructor = {};
        var createSignal; // (aborted, reason): a new AbortSignal
        var signalGet = function (object) {
            var state = isObject(object) ? signalState.get(object) : undefined;
            if (state === undefined)
                throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortSignal');
            return state;
        };
        var AbortSignalClass = class AbortSignal extends EventTargetBase {
            constructor(key) {
                if (key !== illegalConstructor)
                    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
                super();
            }
            get aborted() { return signalGet(this).aborted; }
            get reason() { return signalGet(this).reason; }
            throwIfAborted() {
                var state = signalGet(this);
                if (state.aborted)
                    throw state.reason;
            }
            static abort(reason) {
                return createSignal(true, reason === undefined
                    ? domException('This operation was aborted', 'AbortError') : reason);
            }
        };
        createSignal = function (aborted, reason) {
            var signal = new AbortSignalClass(illegalConstructor);
            signalState.set(signal, { aborted: aborted, reason: reason });
            return signal;
        };
        var abortSignal = function (signal, reason) {
            var state = signalGet(signal);
            if (state.aborted)
                return;
            state.aborted = true;
            state.reason = reason === undefined ? domException('This operation was aborted', 'AbortError') : reason;
            var event = new EventBase('abort');
            if (eventState && eventState.has(event))
                eventState.get(event).isTrusted = true;
            signal.dispatchEvent(event);
        };
        defineEventHandler(AbortSignalClass.prototype, 'abort');
        makeEnumerable(AbortSignalClass.prototype);
        setToStringTag(AbortSignalClass.prototype, 'AbortSignal');
        if (installed.setTimeout) {
            defineValue(AbortSignalClass, 'timeout', function timeout(delay) {
                var signal = createSignal(false, undefined);
                global.setTimeout(function () {
                    abortSignal(signal, domException('The operation was aborted due to timeout', 'TimeoutError'));
                }, delay);
                return signal;
            });
        }

        var controllerSignals = new WeakMap();
        var AbortControllerClass = class AbortController {
            constructor() {
                controllerSignals.set(this, createSignal(false, undefined));
            }
            get signal() {
                var signal = isObject(this) ? controllerSignals.get(this) : undefined;
                if (signal === undefined)
                    throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortController');
                return signal;
            }
            abort(reason) {
                abortSignal(this.signal, reason);
            }
        };
        makeEnumerable(AbortControllerClass.prototype);
        setToStringTag(AbortControllerClass.prototype, 'AbortController');
        defineGlobal('AbortSignal', AbortSignalClass);
        defineGlobal('AbortController', AbortControllerClass);
    }

    // --- URLSearchParams (WHATWG URL, application/x-www-form-urlencoded) --------------------------

    var hexDigits = '0123456789ABCDEF';

    // The urlencoded byte serializer: *-._ and alphanumerics stay, a space becomes '+'.
    function formEncode(string) {
        var bytes = utf8Encode(string);
        var out = '';
        for (var i = 0; i < bytes.length; ++i) {
            var byte = bytes[i];
            if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte === 0x2A || byte === 0x2D || byte === 0x2E || byte === 0x5F) {
                out += fromCharCode(byte);
            } else if (byte === 0x20) {
                out += '+';
            } else {
                out += '%' + hexDigits.charAt(byte >> 4) + hexDigits.charAt(byte & 15);
            }
        }
        return out;
    }

    function hexValue(code) {
        if (code >= 0x30 && code <= 0x39)
            return code - 0x30;
        if (code >= 0x41 && code <= 0x46)
            return code - 0x41 + 10;
        if (code >= 0x61 && code <= 0x66)
            return code - 0x61 + 10;
        return -1;
    }

    // Percent-decodes (leaving a '%' without two hex digits as it is) and decodes the bytes as UTF-8.
    function formDecode(string) {
        var bytes = utf8Encode(string.replace(/\+/g, ' '));
        var decoded = new Uint8Array(bytes.length);
        var length = 0;
        for (var i = 0; i < bytes.length; ++i) {
            if (bytes[i] === 0x25 && i + 2 < bytes.length) {
                var high = hexValue(bytes[i + 1]);
                var low = hexValue(bytes[i + 2]);
                if (high >= 0 && low >= 0) {
                    decoded[length++] = high * 16 + low;
                    i += 2;
                    continue;
                }
            }
            decoded[length++] = bytes[i];
        }
        return utf8ToString(decoded, 0, length);
    }

    function parseFormEncoded(input) {
        var list = [];
        var sequences = input.split('&');
        for (var i = 0; i < sequences.length; ++i) {
            var sequence = sequences[i];
            if (sequence === '')
                continue;
            var equals = sequence.indexOf('=');
            var name = equals >= 0 ? sequence.slice(0, equals) : sequence;
            var value = equals >= 0 ? sequence.slice(equals + 1) : '';
            list.push([formDecode(name), formDecode(value)]);
        }
        return list;
    }

    if (base.wants(global, 'URLSearchParams')) {
        var searchParamsLists = new WeakMap();
        var listOf = function (object) {
            var list = isObject(object) ? searchParamsLists.get(object) : undefined;
            if (list === undefined)
                throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
            return list;
        };
        var requireArguments = function (count, names, actual) {
            if (actual < count)
                throw missingArgs(names[actual]);
        };
        var createSearchParamsIterator = makeIteratorPrototype('URLSearchParams Iterator');
        var URLSearchParamsClass = class URLSearchParams {
            constructor() {
                var init = arguments[0];
                var list = [];
                if (init === undefined || init === null) {
                    // an empty list
                } else if (isObject(init)) {
                    var method = init[Symbol.iterator];
                    if (method !== undefined && method !== null) {
                        if (typeof method !== 'function')
                            throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
                        var pairs = Array.from(init);
                        for (var i = 0; i < pairs.length; ++i) {
                            var pair = pairs[i];
                            if (!isObject(pair) || typeof pair[Symbol.iterator] !== 'function')
                                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
                            pair = Array.from(pair);
                            if (pair.length !== 2)
                                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
                            list.push([toUSVString(pair[0]), toUSVString(pair[1])]);
                        }
                    } else {
                        var keys = Reflect.ownKeys(init);
                        for (var k = 0; k < keys.length; ++k) {
                            var key = keys[k];
                            var descriptor = Reflect.getOwnPropertyDescriptor(init, key);
                            if (descriptor !== undefined && descriptor.enumerable)
                                list.push([toUSVString(key), toUSVString(init[key])]);
                        }
                    }
                } else {
                    var string = toUSVString(init);
                    list = parseFormEncoded(string.charAt(0) === '?' ? string.slice(1) : string);
                }
                searchParamsLists.set(this, list);
            }
            get size() {
                return listOf(this).length;
            }
            append(name, value) {
                var list = listOf(this);
                requireArguments(2, ['name', 'value'], arguments.length);
                list.push([toUSVString(name), toUSVString(value)]);
            }
            delete(name) {
                var list = listOf(this);
                requireArguments(1, ['name'], arguments.length);
                name = toUSVString(name);
                var value = arguments[1];
                var matchValue = value !== undefined;
                if (matchValue)
                    value = toUSVString(value);
                for (var i = 0; i < list.length;) {
                    if (list[i][0] === name && (!matchValue || list[i][1] === value))
                        list.splice(i, 1);
                    else
                        ++i;
                }
            }
            get(name) {
                var list = listOf(this);
                requireArguments(1, ['name'], arguments.length);
                name = toUSVString(name);
                for (var i = 0; i < list.length; ++i) {
                    if (list[i][0] === name)
                        return list[i][1];
                }
                return null;
            }
            getAll(name) {
                var list = listOf(this);
                requireArguments(1, ['name'], arguments.length);
                name = toUSVString(name);
                var values = [];
                for (var i = 0; i < list.length; ++i) {
                    if (list[i][0] === name)
                        values.push(list[i][1]);
                }
                return values;
            }
            has(name) {
                var list = listOf(this);
                requireArguments(1, ['name'], arguments.length);
                name = toUSVString(name);
                var value = arguments[1];
                var matchValue = value !== undefined;
                if (matchValue)
                    value = toUSVString(value);
                for (var i = 0; i < list.length; ++i) {
                    if (list[i][0] === name && (!matchValue || list[i][1] === value))
                        return true;
                }
                return false;
            }
            set(name, value) {
                var list = listOf(this);
                requireArguments(2, ['name', 'value'], arguments.length);
                name = toUSVString(name);
                value = toUSVString(value);
                var found = false;
                for (var i = 0; i < list.length;) {
                    if (list[i][0] !== name) {
                        ++i;
                    } else if (!found) {
                        list[i][1] = value;
                        found = true;
                        ++i;
                    } else {
                        list.splice(i, 1);
                    }
                }
                if (!found)
                    list.push([name, value]);
            }
            sort() {
                var list = listOf(this);
                var sorted = stableSort(list.slice(), function (a, b) { return a[0] < b[0]; });
                for (var i = 0; i < sorted.length; ++i)
                    list[i] = sorted[i];
            }
            forEach(callback) {
                var list = listOf(this);
                if (typeof callback !== 'function')
                    throw invalidArgType('"callback" argument', 'of type function', callback);
                var thisArg = arguments[1];
                for (var i = 0; i < list.length; ++i)
                    callback.call(thisArg, list[i][1], list[i][0], this);
            }
            keys() {
                var list = listOf(this);
                return createSearchParamsIterator(function () { return list; }, 'key');
            }
            values() {
                var list = listOf(this);
                return createSearchParamsIterator(function () { return list; }, 'value');
            }
            entries() {
                var list = listOf(this);
                return createSearchParamsIterator(function () { return list; }, 'key+value');
            }
            toString() {
                var list = listOf(this);
                var parts = [];
                for (var i = 0; i < list.length; ++i)
                    parts.push(formEncode(list[i][0]) + '=' + formEncode(list[i][1]));
                return parts.join('&');
            }
        };
        defineValue(URLSearchParamsClass.prototype, Symbol.iterator, URLSearchParamsClass.prototype.entries);
        makeEnumerable(URLSearchParamsClass.prototype);
        setToStringTag(URLSearchParamsClass.prototype, 'URLSearchParams');
        defineGlobal('URLSearchParams', URLSearchParamsClass);
    }

    // --- Headers (Fetch) ---------------------------------------------------------------------------

    if (base.wants(global, 'Headers')) {
        var tokenCharacter = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
        var headerLists = new WeakMap(); // Headers -> { names: [lowercase names in order], values: {} }
        var headersOf = function (object) {
            var headers = isObject(object) ? headerLists.get(object) : undefined;
            if (headers === undefined)
                throw new TypeError('Illegal invocation');
            return headers;
        };
        var toByteString = function (value, what) {
            var string = String(value);
            for (var i = 0; i < string.length; ++i) {
                if (string.charCodeAt(i) > 255) {
                    throw new TypeError(what + ': Cannot convert argument to a ByteString because the character at index '
                        + i + ' has a value of ' + string.charCodeAt(i) + ' which is greater than 255.');
                }
            }
            return string;
        };
        var headerName = function (name, what) {
            name = toByteString(name, what);
            if (!tokenCharacter.test(name))
                throw new TypeError(what + ': Invalid header name: "' + name + '"');
            return name.toLowerCase();
        };
        var headerValue = function (value, what) {
            value = toByteString(value, what).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
            if (/[\0\r\n]/.test(value))
                throw new TypeError(what + ': Invalid header value: "' + value + '"');
            return value;
        };
        var appendHeader = function (headers, name, value, what) {
            name = headerName(name, what);
            value = headerValue(value, what);
            if (hasOwnProperty.call(headers.values, name)) {
                headers.values[name].push(value);
            } else {
                headers.names.push(name);
                headers.values[name] = [value];
            }
        };
        // "sort and combine": names in byte order, the values of a name joined with ", ".
        var sortedPairs = function (headers) {
            var names = headers.names.slice().sort();
            var pairs = [];
            for (var i = 0; i < names.length; ++i) {
                var values = headers.values[names[i]];
                if (names[i] === 'set-cookie') {
                    for (var j = 0; j < values.length; ++j)
                        pairs.push([names[i], values[j]]);
                } else {
                    pairs.push([names[i], values.join(', ')]);
                }
            }
            return pairs;
        };
        var createHeadersIterator = makeIteratorPrototype('Headers Iterator');
        var HeadersClass = class Headers {
            constructor() {
                var init = arguments[0];
                var headers = { names: [], values: Object.create(null) };
                headerLists.set(this, headers);
                if (init === undefined)
                    return;
                if (!isObject(init))
                    throw new TypeError('Headers constructor: Expected init to be an object.');
                var what = 'Headers constructor';
                if (typeof init[Symbol.iterator] === 'function') {
                    var pairs = init instanceof HeadersClass ? sortedPairs(headersOf(init)) : Array.from(init);
                    for (var i = 0; i < pairs.length; ++i) {
                        if (!isObject(pairs[i]) || typeof pairs[i][Symbol.iterator] !== 'function')
                            throw new TypeError(what + ': expected name/value pair to be an iterable.');
                        var pair = Array.from(pairs[i]);
                        if (pair.length !== 2)
                            throw new TypeError(what + ': expected name/value pair to be length 2, found ' + pair.length + '.');
                        appendHeader(headers, pair[0], pair[1], what);
                    }
                } else {
                    var keys = Reflect.ownKeys(init);
                    for (var k = 0; k < keys.length; ++k) {
                        var descriptor = Reflect.getOwnPropertyDescriptor(init, keys[k]);
                        if (descriptor === undefined || !descriptor.enumerable)
                            continue;
                        if (typeof keys[k] === 'symbol')
                            throw new TypeError(what + ': Key Symbol() in init is a symbol, which cannot be converted to a ByteString.');
                        appendHeader(headers, keys[k], init[keys[k]], what);
                    }
                }
            }
            append(name, value) {
                var headers = headersOf(this);
                if (arguments.length < 2)
                    throw new TypeError('Headers.append: 2 arguments required, but only ' + arguments.length + ' present.');
                appendHeader(headers, name, value, 'Headers.append');
            }
            delete(name) {
                var headers = headersOf(this);
                if (arguments.length < 1)
                    throw new TypeError('Headers.delete: 1 argument required, but only 0 present.');
                name = headerName(name, 'Headers.delete');
                if (!hasOwnProperty.call(headers.values, name))
                    return;
                delete headers.values[name];
                headers.names.splice(headers.names.indexOf(name), 1);
            }
            get(name) {
                var headers = headersOf(this);
                if (arguments.length < 1)
                    throw new TypeError('Headers.get: 1 argument required, but only 0 present.');
                name = headerName(name, 'Headers.get');
                return hasOwnProperty.call(headers.values, name) ? headers.values[name].join(', ') : null;
            }
            getSetCookie() {
                var headers = headersOf(this);
                return hasOwnProperty.call(headers.values, 'set-cookie') ? headers.values['set-cookie'].slice() : [];
            }
            has(name) {
                var headers = headersOf(this);
                if (arguments.length < 1)
                    throw new TypeError('Headers.has: 1 argument required, but only 0 present.');
                return hasOwnProperty.call(headers.values, headerName(name, 'Headers.has'));
            }
            set(name, value) {
                var headers = headersOf(this);
                if (arguments.length < 2)
                    throw new TypeError('Headers.set: 2 arguments required, but only ' + arguments.length + ' present.');
                name = headerName(name, 'Headers.set');
                value = headerValue(value, 'Headers.set');
                if (!hasOwnProperty.call(headers.values, name))
                    headers.names.push(name);
                headers.values[name] = [value];
            }
            forEach(callback) {
                var headers = headersOf(this);
                if (typeof callback !== 'function')
                    throw new TypeError('Headers.forEach: Argument 1 could not be converted to: Function.');
                var thisArg = arguments.length > 1 ? arguments[1] : global;
                var pairs = sortedPairs(headers);
                for (var i = 0; i < pairs.length; ++i)
                    callback.call(thisArg, pairs[i][1], pairs[i][0], this);
            }
            keys() {
                var headers = headersOf(this);
                return createHeadersIterator(function () { return sortedPairs(headers); }, 'key');
            }
            values() {
                var headers = headersOf(this);
                return createHeadersIterator(function () { return sortedPairs(headers); }, 'value');
            }
            entries() {
                var headers = headersOf(this);
                return createHeadersIterator(function () { return sortedPairs(headers); }, 'key+value');
            }
        };
        defineValue(HeadersClass.prototype, Symbol.iterator, HeadersClass.prototype.entries);
        makeEnumerable(HeadersClass.prototype);
        setToStringTag(HeadersClass.prototype, 'Headers');
        defineGlobal('Headers', HeadersClass);
    }

    // --- btoa, atob (HTML; Node's errors) ----------------------------------------------------------

    if (base.wants(global, 'btoa')) {
        var btoa = function btoa(data) {
            if (arguments.length === 0)
                throw missingArgs('input');
            var string = String(data);
            var bytes = new Uint8Array(string.length);
            for (var i = 0; i < string.length; ++i) {
                var code = string.charCodeAt(i);
                if (code > 0xFF)
                    throw domException('Invalid character', 'InvalidCharacterError');
                bytes[i] = code;
            }
            return base64Encode(bytes, 0, bytes.length, false);
        };
        base.define(global, 'btoa', { value: btoa, writable: true, enumerable: true, configurable: true });
    }

    if (base.wants(global, 'atob')) {
        // The forgiving-base64 decode of the HTML standard.
        var atob = function atob(data) {
            if (arguments.length === 0)
                throw missingArgs('input');
            var string = String(data).replace(/[\t\n\f\r ]+/g, '');
            if (string.length % 4 === 0)
                string = string.replace(/==?$/, '');
            if (/[^A-Za-z0-9+\/]/.test(string))
                throw domException('Invalid character', 'InvalidCharacterError');
            if (string.length % 4 === 1)
                throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
            var bytes = base64Decode(string);
            return latin1ToString(bytes, 0, bytes.length, 0xFF);
        };
        base.define(global, 'atob', { value: atob, writable: true, enumerable: true, configurable: true });
    }

    // --- TextEncoder, TextDecoder (WHATWG Encoding) --------------------------------------------------

    if (base.wants(global, 'TextEncoder')) {
        var TextEncoderClass = class TextEncoder {
            get encoding() {
                return 'utf-8';
            }
            encode() {
                var input = arguments[0];
                return new Uint8Array(utf8Encode(input === undefined ? '' : String(input)));
            }
            encodeInto(source, destination) {
                if (!isUint8Array(destination))
                    throw invalidArgType('"dest" argument', 'an instance of Uint8Array', destination);
                source = String(source);
                var read = 0;
                var written = 0;
                for (var i = 0; i < source.length; ++i) {
                    var code = source.charCodeAt(i);
                    var units = 1;
                    if (code >= 0xD800 && code <= 0xDFFF) {
                        var next = i + 1 < source.length ? source.charCodeAt(i + 1) : 0;
                        if (code <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (next - 0xDC00);
                            units = 2;
                        } else {
                            code = 0xFFFD;
                        }
                    }
                    var size = code < 0x80 ? 1 : (code < 0x800 ? 2 : (code < 0x10000 ? 3 : 4));
                    if (written + size > destination.length)
                        break;
                    var bytes = utf8Encode(String.fromCodePoint(code));
                    destination.set(bytes, written);
                    written += size;
                    read += units;
                    i += units - 1;
                }
                return { read: read, written: written };
            }
        };
        makeEnumerable(TextEncoderClass.prototype);
        setToStringTag(TextEncoderClass.prototype, 'TextEncoder');
        defineGlobal('TextEncoder', TextEncoderClass);
    }

    if (base.wants(global, 'TextDecoder')) {
        var encodingLabels = {
            'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
            'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
            'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
                'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii',
                'windows-1252', 'x-cp1252']
        };
        var encodingOfLabel = Object.create(null);
        Object.keys(encodingLabels).forEach(function (encoding) {
            encodingLabels[encoding].forEach(function (label) { encodingOfLabel[label] = encoding; });
        });
        var windows1252High = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160,
            0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC,
            0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178];

        var decoderState = new WeakMap();
        var decoderGet = function (object) {
            var state = isObject(object) ? decoderState.get(object) : undefined;
            if (state === undefined)
                throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type TextDecoder');
            return state;
        };
        var invalidData = function (encoding) {
            return nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA',
                'The encoded data was not valid for encoding ' + encoding);
        };
        // Decodes UTF-16LE code units; `state.pending` holds an odd byte and a lead surrogate.
        var utf16Decode = function (bytes, state, flush, fatal, out) {
            var pending = state.pending;
            for (var i = 0; i < bytes.length; ++i) {
                if (state.oddByte === null) {
                    state.oddByte = bytes[i];
                    continue;
                }
                var unit = state.oddByte | (bytes[i] << 8);
                state.oddByte = null;
                if (pending.length > 0) {
                    var lead = pending.pop();
                    if (unit >= 0xDC00 && unit <= 0xDFFF) {
                        out.push(0x10000 + ((lead - 0xD800) << 10) + (unit - 0xDC00));
                        continue;
                    }
                    if (fatal)
                        return false;
                    out.push(0xFFFD);
                }
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    pending.push(unit);
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    if (fatal)
                        return false;
                    out.push(0xFFFD);
                } else {
                    out.push(unit);
                }
            }
            if (flush && (state.oddByte !== null || pending.length > 0)) {
                state.oddByte = null;
                pending.length = 0;
                if (fatal)
                    return false;
                out.push(0xFFFD);
            }
            return true;
        };
        var bytesOfInput = function (input) {
            if (input === undefined)
                return new Uint8Array(0);
            if (isAnyArrayBuffer(input))
                return new Uint8Array(input);
            if (ArrayBuffer.isView(input))
                return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
            throw invalidArgType('"input" argument', 'an instance of ArrayBuffer or ArrayBufferView', input);
        };

        var TextDecoderClass = class TextDecoder {
            constructor() {
                var label = arguments.length > 0 && arguments[0] !== undefined ? String(arguments[0]) : 'utf-8';
                var options = arguments[1];
                if (options !== undefined && options !== null && !isObject(options))
                    throw invalidArgType('"options" argument', 'of type object', options);
                options = options || {};
                var encoding = encodingOfLabel[label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase()];
                if (encoding === undefined)
                    throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + label + '" encoding is not supported');
                decoderState.set(this, {
                    encoding: encoding, fatal: !!options.fatal, ignoreBOM: !!options.ignoreBOM,
                    utf8: newUtf8State(), oddByte: null, pending: [], bomSeen: false
                });
            }
            get encoding() { return decoderGet(this).encoding; }
            get fatal() { return decoderGet(this).fatal; }
            get ignoreBOM() { return decoderGet(this).ignoreBOM; }
            decode() {
                var state = decoderGet(this);
                var bytes = bytesOfInput(arguments[0]);
                var options = arguments[1];
                if (options !== undefined && options !== null && !isObject(options))
                    throw invalidArgType('"options" argument', 'of type object', options);
                var stream = !!(options && options.stream);
                var out = new StringBuilder();
                var ok = true;
                if (state.encoding === 'utf-8') {
                    ok = utf8Decode(bytes, 0, bytes.length, state.fatal, state.utf8, !stream, out);
                } else if (state.encoding === 'utf-16le') {
                    ok = utf16Decode(bytes, state, !stream, state.fatal, out);
                } else {
                    for (var i = 0; i < bytes.length; ++i)
                        out.push(bytes[i] >= 0x80 && bytes[i] <= 0x9F ? windows1252High[bytes[i] - 0x80] : bytes[i]);
                }
                if (!ok) {
                    state.utf8 = newUtf8State();
                    state.oddByte = null;
                    state.pending = [];
                    state.bomSeen = false;
                    throw invalidData(state.encoding);
                }
                var text = out.toString();
                if (!state.bomSeen && text.length > 0) {
                    state.bomSeen = true;
                    if (!state.ignoreBOM && state.encoding !== 'windows-1252' && text.charCodeAt(0) === 0xFEFF)
                        text = text.slice(1);
                }
                if (!stream)
                    state.bomSeen = false;
                return text;
            }
        };
        makeEnumerable(TextDecoderClass.prototype);
        setToStringTag(TextDecoderClass.prototype, 'TextDecoder');
        defineGlobal('TextDecoder', TextDecoderClass);
    }

    // --- Buffer (Node) -----------------------------------------------------------------------------

    if (base.wants(global, 'Buffer')) {
        var FastBuffer = class FastBuffer extends Uint8Array {
            constructor(a, b, c) {
                super(a, b, c);
            }
        };
        var kMaxLength = 4294967296;

        var unknownEncoding = function (encoding) {
            return nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
        };
        var outOfBounds = function (name) {
            return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name
                ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds');
        };
        // Node writes a received integer beyond 2 ** 32 with separators: 4_294_967_296.
        var outOfRange = function (name, range, value) {
            var received = typeof value === 'string' ? '\'' + value + '\'' : String(value);
            if (typeof value === 'number' && value === 0 && 1 / value < 0) {
                received = '-0';
            } else if (typeof value === 'number' && Math.floor(value) === value && Math.abs(value) > 4294967296) {
                var digits = String(value);
                var grouped = '';
                var end = digits.length;
                var first = digits.charAt(0) === '-' ? 1 : 0;
                for (; end >= first + 4; end -= 3)
                    grouped = '_' + digits.slice(end - 3, end) + grouped;
                received = digits.slice(0, end) + grouped;
            }
            return nodeError(RangeError, 'ERR_OUT_OF_RANGE',
                'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + received);
        };

        var hexDigitCodes = [];
        for (var digit = 0; digit < 16; ++digit)
            hexDigitCodes.push('0123456789abcdef'.charCodeAt(digit));
        var hexEncode = function (bytes, start, end) {
            var out = new StringBuilder();
            for (var i = start; i < end; ++i) {
                out.push(hexDigitCodes[bytes[i] >> 4]);
                out.push(hexDigitCodes[bytes[i] & 15]);
            }
            return out.toString();
        };
        // Node's: pairs of hex digits up to the first bad pair, on the low byte of each code unit.
        var hexDecode = function (string) {
            var length = string.length >>> 1;
            var bytes = new Uint8Array(length);
            var i = 0;
            for (; i < length; ++i) {
                var high = hexValue(string.charCodeAt(2 * i) & 0xFF);
                var low = hexValue(string.charCodeAt(2 * i + 1) & 0xFF);
                if (high < 0 || low < 0)
                    break;
                bytes[i] = high * 16 + low;
            }
            return bytes.subarray(0, i);
        };
        var latin1Encode = function (string) {
            var bytes = new Uint8Array(string.length);
            for (var i = 0; i < string.length; ++i)
                bytes[i] = string.charCodeAt(i) & 0xFF;
            return bytes;
        };
        var utf16Encode = function (string) {
            var bytes = new Uint8Array(string.length * 2);
            for (var i = 0; i < string.length; ++i) {
                var code = string.charCodeAt(i);
                bytes[2 * i] = code & 0xFF;
                bytes[2 * i + 1] = code >> 8;
            }
            return bytes;
        };
        var utf16ToString = function (bytes, start, end) {
            var out = new StringBuilder();
            for (var i = start; i + 1 < end; i += 2)
                out.push(bytes[i] | (bytes[i + 1] << 8));
            return out.toString();
        };

        // What Node does per encoding: bytes of a string, a string of bytes, and byteLength.
        var encodingOps = {
            utf8: { encode: utf8Encode, decode: utf8ToString, byteLength: utf8Length },
            ucs2: { encode: utf16Encode, decode: utf16ToString, byteLength: function (s) { return s.length * 2; } },
            latin1: {
                encode: latin1Encode,
                decode: function (bytes, start, end) { return latin1ToString(bytes, start, end, 0xFF); },
                byteLength: function (s) { return s.length; }
            },
            ascii: {
                encode: latin1Encode,
                decode: function (bytes, start, end) { return latin1ToString(bytes, start, end, 0x7F); },
                byteLength: function (s) { return s.length; }
            },
            base64: {
                encode: base64Decode,
                decode: function (bytes, start, end) { return base64Encode(bytes, start, end, false); },
                byteLength: base64ByteLength
            },
            base64url: {
                encode: base64Decode,
                decode: function (bytes, start, end) { return base64Encode(bytes, start, end, true); },
                byteLength: base64ByteLength
            },
            hex: { encode: hexDecode, decode: hexEncode, byteLength: function (s) { return s.length >>> 1; } }
        };
        var encodingAliases = {
            'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'ucs2', 'ucs-2': 'ucs2', 'utf16le': 'ucs2', 'utf-16le': 'ucs2',
            'latin1': 'latin1', 'binary': 'latin1', 'ascii': 'ascii', 'base64': 'base64', 'base64url': 'base64url',
            'hex': 'hex'
        };
        var normalizeEncoding = function (encoding) {
            if (typeof encoding !== 'string')
                encoding = String(encoding);
            var name = encoding.toLowerCase();
            return hasOwnProperty.call(encodingAliases, name) ? encodingAliases[name] : undefined;
        };
        var getEncodingOps = function (encoding) {
            var name = normalizeEncoding(encoding);
            return name === undefined ? undefined : encodingOps[name];
        };

        var fromBytes = function (bytes) {
            var buffer = new FastBuffer(bytes.length);
            buffer.set(bytes);
            return buffer;
        };
        var fromString = function (string, encoding) {
            var ops;
            if (typeof encoding !== 'string' || encoding.length === 0) {
                ops = encodingOps.utf8;
            } else {
                ops = getEncodingOps(encoding);
                if (ops === undefined)
                    throw unknownEncoding(encoding);
            }
            if (string.length === 0)
                return new FastBuffer(0);
            return fromBytes(ops.encode(string));
        };
        var fromArrayBuffer = function (arrayBuffer, byteOffset, length) {
            if (byteOffset === undefined) {
                byteOffset = 0;
            } else {
                byteOffset = +byteOffset;
                if (byteOffset !== byteOffset)
                    byteOffset = 0;
            }
            var maxLength = arrayBuffer.byteLength - byteOffset;
            if (maxLength < 0)
                throw outOfBounds('offset');
            if (length === undefined) {
                length = maxLength;
            } else {
                length = +length;
                if (length > 0) {
                    if (length > maxLength)
                        throw outOfBounds('length');
                } else {
                    length = 0;
                }
            }
            return new FastBuffer(arrayBuffer, byteOffset, length);
        };
        var fromArrayLike = function (object) {
            if (!(object.length > 0))
                return new FastBuffer(0);
            return new FastBuffer(object);
        };
        var fromObject = function (object) {
            if (object.length !== undefined || isAnyArrayBuffer(object.buffer)) {
                if (typeof object.length !== 'number')
                    return new FastBuffer(0);
                return fromArrayLike(object);
            }
            if (object.type === 'Buffer' && Array.isArray(object.data))
                return fromArrayLike(object.data);
            return undefined;
        };
        var validateSize = function (size) {
            if (typeof size !== 'number')
                throw invalidArgType('"size" argument', 'of type number', size);
            if (!(size >= 0 && size <= kMaxLength))
                throw outOfRange('size', '>= 0 && <= ' + kMaxLength, size);
        };
        var checkUint8Array = function (value, name) {
            if (!isUint8Array(value))
                throw invalidArgType('"' + name + '" argument', 'an instance of Buffer or Uint8Array', value);
        };
        var compareBytes = function (a, b) {
            var length = Math.min(a.length, b.length);
            for (var i = 0; i < length; ++i) {
                if (a[i] !== b[i])
                    return a[i] < b[i] ? -1 : 1;
            }
            return a.length < b.length ? -1 : (a.length > b.length ? 1 : 0);
        };
        // Node's adjustOffset: for slice(), negative from the end, clamped to [0, length].
        var adjustOffset = function (offset, length) {
            offset = Math.trunc(offset);
            if (offset === 0 || offset !== offset)
                return 0;
            if (offset < 0) {
                offset += length;
                return offset > 0 ? offset : 0;
            }
            return offset < length ? offset : length;
        };
        var bytesOfValue = function (value, encoding) {
            if (typeof value === 'string') {
                var ops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
                if (ops === undefined)
                    throw unknownEncoding(encoding);
                return ops.encode(value);
            }
            if (ArrayBuffer.isView(value))
                return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
            return new Uint8Array([value & 0xFF]);
        };

        var Buffer = function Buffer(arg, encodingOrOffset, length) {
            if (typeof arg === 'number') {
                if (typeof encodingOrOffset === 'string')
                    throw invalidArgType('"string" argument', 'of type string', arg);
                return Buffer.alloc(arg);
            }
            return Buffer.from(arg, encodingOrOffset, length);
        };
        Object.setPrototypeOf(Buffer, Uint8Array);
        Buffer.prototype = FastBuffer.prototype;
        defineValue(FastBuffer.prototype, 'constructor', Buffer);
        defineValue(Buffer, 'poolSize', 8192);

        defineValue(Buffer, 'from', function from(value, encodingOrOffset, length) {
            if (typeof value === 'string')
                return fromString(value, encodingOrOffset);
            if (typeof value === 'object' && value !== null) {
                if (isAnyArrayBuffer(value))
                    return fromArrayBuffer(value, encodingOrOffset, length);
                var valueOf = value.valueOf && value.valueOf();
                if (valueOf !== null && valueOf !== undefined && valueOf !== value
                    && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
                    return from(valueOf, encodingOrOffset, length);
                }
                var buffer = fromObject(value);
                if (buffer)
                    return buffer;
                if (typeof value[Symbol.toPrimitive] === 'function') {
                    var primitive = value[Symbol.toPrimitive]('string');
                    if (typeof primitive === 'string')
                        return fromString(primitive, encodingOrOffset);
                }
            }
            throw invalidArgType('first argument',
                'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
        });
        defineValue(Buffer, 'alloc', function alloc(size, fill, encoding) {
            validateSize(size);
            var buffer = new FastBuffer(size);
            if (fill !== undefined && fill !== 0 && size > 0)
                buffer.fill(fill, 0, buffer.length, encoding);
            return buffer;
        });
        defineValue(Buffer, 'allocUnsafe', function allocUnsafe(size) {
            validateSize(size);
            return new FastBuffer(size);
        });
        defineValue(Buffer, 'allocUnsafeSlow', function allocUnsafeSlow(size) {
            validateSize(size);
            return new FastBuffer(size);
        });
        defineValue(Buffer, 'isBuffer', function isBuffer(value) {
            return value instanceof Buffer;
        });
        defineValue(Buffer, 'isEncoding', function isEncoding(encoding) {
            return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
        });
        defineValue(Buffer, 'byteLength', function byteLength(string, encoding) {
            if (typeof string !== 'string') {
                if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string))
                    return string.byteLength;
                throw invalidArgType('"string" argument',
                    'of type string or an instance of Buffer or ArrayBuffer', string);
            }
            var ops = getEncodingOps(encoding);
            return (ops === undefined ? encodingOps.utf8 : ops).byteLength(string);
        });
        defineValue(Buffer, 'compare', function compare(a, b) {
            checkUint8Array(a, 'buf1');
            checkUint8Array(b, 'buf2');
            return a === b ? 0 : compareBytes(a, b);
        });
        defineValue(Buffer, 'concat', function concat(list, totalLength) {
            if (!Array.isArray(list))
                throw invalidArgType('"list" argument', 'an instance of Array', list);
            if (list.length === 0)
                return new FastBuffer(0);
            var i;
            if (totalLength === undefined) {
                totalLength = 0;
                for (i = 0; i < list.length; ++i) {
                    if (list[i].length)
                        totalLength += list[i].length;
                }
            } else {
                validateSize(totalLength);
            }
            var buffer = new FastBuffer(totalLength);
            var position = 0;
            for (i = 0; i < list.length; ++i) {
                var item = list[i];
                if (!isUint8Array(item)) {
                    throw invalidArgType('"list[' + i + ']" argument', 'an instance of Buffer or Uint8Array', item);
                }
                var count = Math.min(item.length, totalLength - position);
                if (count <= 0)
                    break;
                buffer.set(count < item.length ? item.subarray(0, count) : item, position);
                position += count;
            }
            return buffer;
        });

        var proto = FastBuffer.prototype;
        defineValue(proto, 'toString', function toString(encoding, start, end) {
            if (arguments.length === 0)
                return utf8ToString(this, 0, this.length);
            var length = this.length;
            if (start <= 0)
                start = 0;
            else if (start >= length)
                return '';
            else
                start = Math.trunc(start) || 0;
            if (end === undefined || end > length)
                end = length;
            else
                end = Math.trunc(end) || 0;
            if (end <= start)
                return '';
            if (encoding === undefined)
                return utf8ToString(this, start, end);
            var ops = getEncodingOps(encoding);
            if (ops === undefined)
                throw unknownEncoding(encoding);
            return ops.decode(this, start, end);
        });
        defineValue(proto, 'toLocaleString', proto.toString);
        defineValue(proto, 'toJSON', function toJSON() {
            var data = new Array(this.length);
            for (var i = 0; i < this.length; ++i)
                data[i] = this[i];
            return { type: 'Buffer', data: data };
        });
        defineValue(proto, 'equals', function equals(otherBuffer) {
            checkUint8Array(otherBuffer, 'otherBuffer');
            if (this === otherBuffer)
                return true;
            return this.length === otherBuffer.length && compareBytes(this, otherBuffer) === 0;
        });
        defineValue(proto, 'compare', function compare(target) {
            checkUint8Array(target, 'target');
            return compareBytes(this, target);
        });
        defineValue(proto, 'slice', function slice(start, end) {
            var length = this.length;
            start = adjustOffset(start, length);
            end = end !== undefined ? adjustOffset(end, length) : length;
            return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
        });
        defineValue(proto, 'copy', function copy(target, targetStart, sourceStart, sourceEnd) {
            checkUint8Array(target, 'target');
            targetStart = targetStart === undefined ? 0 : Math.max(0, Math.trunc(targetStart) || 0);
            sourceStart = sourceStart === undefined ? 0 : Math.max(0, Math.trunc(sourceStart) || 0);
            sourceEnd = sourceEnd === undefined ? this.length : Math.min(this.length, Math.trunc(sourceEnd) || 0);
            if (sourceStart > this.length)
                throw outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
            var count = Math.min(sourceEnd - sourceStart, target.length - targetStart);
            if (count <= 0)
                return 0;
            target.set(this.subarray(sourceStart, sourceStart + count), targetStart);
            return count;
        });
        defineValue(proto, 'fill', function fill(value, offset, end, encoding) {
            if (typeof offset === 'string') {
                encoding = offset;
                offset = 0;
                end = this.length;
            } else if (typeof end === 'string') {
                encoding = end;
                end = this.length;
            }
            offset = offset === undefined ? 0 : offset;
            end = end === undefined ? this.length : end;
            if (offset < 0 || end > this.length)
                throw outOfRange(offset < 0 ? 'offset' : 'end', '>= 0 && <= ' + this.length, offset < 0 ? offset : end);
            if (end <= offset)
                return this;
            if (typeof value === 'number' || typeof value === 'boolean') {
                Uint8Array.prototype.fill.call(this, Number(value) & 0xFF, offset, end);
                return this;
            }
            var bytes = bytesOfValue(value, encoding);
            if (bytes.length === 0) {
                if (typeof value === 'string' && value.length === 0) {
                    Uint8Array.prototype.fill.call(this, 0, offset, end);
                    return this;
                }
                throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
                    'The argument \'value\' is invalid. Received \'' + String(value) + '\'');
            }
            for (var i = offset; i < end; ++i)
                this[i] = bytes[(i - offset) % bytes.length];
            return this;
        });
        defineValue(proto, 'write', function write(string, offset, length, encoding) {
            if (typeof string !== 'string')
                throw invalidArgType('"string" argument', 'of type string', string);
            if (typeof offset === 'string') {
                encoding = offset;
                offset = 0;
                length = this.length;
            } else if (typeof length === 'string') {
                encoding = length;
                length = undefined;
            }
            offset = offset === undefined ? 0 : offset;
            if (offset < 0 || offset > this.length)
                throw outOfRange('offset', '>= 0 && <= ' + this.length, offset);
            var remaining = this.length - offset;
            length = length === undefined || length > remaining ? remaining : length;
            var ops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
            if (ops === undefined)
                throw unknownEncoding(encoding);
            var bytes = ops.encode(string);
            var count = Math.min(bytes.length, length);
            if (ops === encodingOps.utf8) {
                // Never write part of a character.
                while (count > 0 && count < bytes.length && (bytes[count] & 0xC0) === 0x80)
                    --count;
            } else if (ops === encodingOps.ucs2) {
                count -= count % 2;
            }
            this.set(bytes.subarray(0, count), offset);
            return count;
        });
        var indexOfBytes = function (buffer, value, byteOffset, encoding, last) {
            if (typeof byteOffset === 'string') {
                encoding = byteOffset;
                byteOffset = undefined;
            }
            var length = buffer.length;
            var needle = typeof value === 'number' ? new Uint8Array([value & 0xFF]) : bytesOfValue(value, encoding);
            byteOffset = byteOffset === undefined ? (last ? length : 0) : +byteOffset;
            if (byteOffset !== byteOffset)
                byteOffset = last ? length : 0;
            byteOffset = Math.trunc(byteOffset);
            if (byteOffset < 0)
                byteOffset += length;
            if (needle.length === 0)
                return last ? Math.min(Math.max(byteOffset, 0), length) : (byteOffset > length ? length : Math.max(byteOffset, 0));
            var start = last ? Math.min(byteOffset, length - needle.length) : Math.max(byteOffset, 0);
            var step = last ? -1 : 1;
            for (var i = start; last ? i >= 0 : i <= length - needle.length; i += step) {
                var j = 0;
                while (j < needle.length && buffer[i + j] === needle[j])
                    ++j;
                if (j === needle.length)
                    return i;
            }
            return -1;
        };
        defineValue(proto, 'indexOf', function indexOf(value, byteOffset, encoding) {
            return indexOfBytes(this, value, byteOffset, encoding, false);
        });
        defineValue(proto, 'lastIndexOf', function lastIndexOf(value, byteOffset, encoding) {
            return indexOfBytes(this, value, byteOffset, encoding, true);
        });
        defineValue(proto, 'includes', function includes(value, byteOffset, encoding) {
            return indexOfBytes(this, value, byteOffset, encoding, false) !== -1;
        });

        // Integer reads and writes, checked like Node's.
        var checkOffset = function (buffer, offset, size) {
            if (offset === undefined)
                offset = 0;
            if (typeof offset !== 'number')
                throw invalidArgType('"offset" argument', 'of type number', offset);
            if (offset !== Math.floor(offset))
                throw outOfRange('offset', 'an integer', offset);
            if (buffer.length - size < 0)
                throw outOfBounds();
            if (offset < 0 || offset > buffer.length - size)
                throw outOfRange('offset', '>= 0 and <= ' + (buffer.length - size), offset);
            return offset;
        };
        var dataView = function (buffer) {
            return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        };
        [['UInt8', 'Uint8', 1], ['UInt16', 'Uint16', 2], ['UInt32', 'Uint32', 4],
            ['Int8', 'Int8', 1], ['Int16', 'Int16', 2], ['Int32', 'Int32', 4]].forEach(function (type) {
            var name = type[0];
            var viewName = type[1];
            var size = type[2];
            var signed = name.charAt(0) === 'I';
            var min = signed ? -Math.pow(2, 8 * size - 1) : 0;
            var max = signed ? Math.pow(2, 8 * size - 1) - 1 : Math.pow(2, 8 * size) - 1;
            var endians = size === 1 ? [''] : ['BE', 'LE'];
            endians.forEach(function (endian) {
                var littleEndian = endian === 'LE';
                var read = function (offset) {
                    offset = checkOffset(this, offset, size);
                    return dataView(this)['get' + viewName](offset, littleEndian);
                };
                var write = function (value, offset) {
                    offset = checkOffset(this, offset, size);
                    value = +value;
                    if (!(value >= min && value <= max))
                        throw outOfRange('value', '>= ' + min + ' and <= ' + max, value);
                    dataView(this)['set' + viewName](offset, value, littleEndian);
                    return offset + size;
                };
                Object.defineProperty(read, 'name', { value: 'read' + name + endian });
                Object.defineProperty(write, 'name', { value: 'write' + name + endian });
                defineValue(proto, 'read' + name + endian, read);
                defineValue(proto, 'write' + name + endian, write);
                if (!signed) {
                    defineValue(proto, 'readUint' + name.slice(4) + endian, read);
                    defineValue(proto, 'writeUint' + name.slice(4) + endian, write);
                }
            });
        });

        defineGlobal('Buffer', Buffer);
    }
});
