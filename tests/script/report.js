// The serialiser of the differential test harness: defines the global `report(value)` that a case of
// tests/script/corpus calls. tests/script/node-runner.mjs (Node) and tests/unit/tst_builtinscorpus.cpp
// (QJSEngine) both evaluate this very file, so both sides turn a value into a line the same way.
// Plain ES2017 that QJSEngine 6.4 parses; it relies on nothing that the prelude installs.
//
// A line is JSON.stringify(value) with values JSON cannot carry spelled as marker strings:
//   undefined "<undefined>", NaN "<NaN>", Infinity "<Infinity>", -0 "<-0>", functions "<function>",
//   symbols "<Symbol(description)>", errors {"error": name, "message": message[, "errors": [...]]},
//   typed arrays {"<Uint8Array>": [bytes]}, ArrayBuffer/DataView likewise, Map/Set {"<Map>": [...]}.
// A Buffer serialises through its own toJSON, as in Node. Every character outside printable ASCII is
// written as a \uXXXX escape, so a line is ASCII whatever the engine does with lone surrogates.
(function (global) {
    'use strict';

    var lines = [];
    var toString = Object.prototype.toString;

    function isError(value) {
        if (value instanceof Error || toString.call(value) === '[object Error]')
            return true;
        return typeof global.DOMException === 'function' && value instanceof global.DOMException;
    }

    function replacer(key, value) {
        switch (typeof value) {
        case 'undefined':
            return '<undefined>';
        case 'number':
            if (value !== value)
                return '<NaN>';
            if (value === Infinity)
                return '<Infinity>';
            if (value === -Infinity)
                return '<-Infinity>';
            if (value === 0 && 1 / value < 0)
                return '<-0>';
            return value;
        case 'function':
            return '<function>';
        case 'symbol':
            return '<' + String(value) + '>';
        case 'object':
            break;
        default:
            return value;
        }
        if (value === null)
            return null;
        if (isError(value)) {
            var error = { error: String(value.name), message: String(value.message) };
            if (Array.isArray(value.errors))
                error.errors = value.errors;
            return error;
        }
        if (value instanceof ArrayBuffer) {
            return { '<ArrayBuffer>': Array.prototype.slice.call(new Uint8Array(value)) };
        }
        if (ArrayBuffer.isView(value)) {
            var result = {};
            if (value instanceof DataView) {
                var bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
                result['<DataView>'] = Array.prototype.slice.call(bytes);
            } else {
                result['<' + toString.call(value).slice(8, -1) + '>'] = Array.prototype.slice.call(value);
            }
            return result;
        }
        if (value instanceof Map)
            return { '<Map>': Array.from(value) };
        if (value instanceof Set)
            return { '<Set>': Array.from(value) };
        return value;
    }

    function hex4(code) {
        return '\\u' + ('000' + code.toString(16)).slice(-4);
    }

    // JSON text in which every non-ASCII (and so every lone surrogate) character is escaped.
    function asciiOnly(text) {
        var out = '';
        for (var i = 0; i < text.length; ++i) {
            var code = text.charCodeAt(i);
            out += code >= 0x20 && code < 0x7f ? text.charAt(i) : hex4(code);
        }
        return out;
    }

    function serialize(value) {
        try {
            return asciiOnly(JSON.stringify(value, replacer));
        } catch (error) {
            return '"<unserialisable ' + String(error && error.name) + '>"';
        }
    }

    function report(value) {
        lines.push(arguments.length === 0 ? '"<no value>"' : serialize(value));
    }

    Object.defineProperty(global, 'report', { value: report, writable: true, configurable: true });
    Object.defineProperty(global, '__report', {
        configurable: true,
        value: {
            lines: lines,
            serialize: serialize,
            // What a runner records when a case throws, or leaves a promise rejection unhandled.
            uncaught: function (error) { lines.push('!uncaught ' + serialize(error)); },
            unhandledRejection: function (reason) { lines.push('!unhandled-rejection ' + serialize(reason)); }
        }
    });
})(Function('return this')());
