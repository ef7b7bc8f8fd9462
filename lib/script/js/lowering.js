// Authdesk script prelude, part 4: the runtime helpers of connector code lowered by the source
// front end (SourceFrontEnd, jslowering.cpp): async functions as generators, object spread and
// rest, and the ES module interop of import/export turned into require()/exports.
// Runs after host.js; plain ES2017 that QJSEngine 6.4 parses.
(function (global) {
    'use strict';

    function define(name, value) {
        Object.defineProperty(global, name, { value: value, writable: true, enumerable: false, configurable: true });
    }

    var hasOwn = Object.prototype.hasOwnProperty;
    var isEnumerable = Object.prototype.propertyIsEnumerable;

    // Own keys in [[OwnPropertyKeys]] order: integer keys, strings, then symbols.
    function ownKeys(object) {
        var keys = Object.getOwnPropertyNames(object);
        return typeof Object.getOwnPropertySymbols === 'function' ? keys.concat(Object.getOwnPropertySymbols(object)) : keys;
    }

    function defineData(target, key, value) {
        Object.defineProperty(target, key, { value: value, writable: true, enumerable: true, configurable: true });
    }

    // async function f(a) { body } -> function f(a) { return __authdeskAsync(this, arguments, function* () { body' }); }
    // where `await x` became `(yield x)`. Runs synchronously up to the first await, like an async
    // function, and settles its promise with the return value or the exception.
    define('__authdeskAsync', function (thisArg, args, body) {
        return new Promise(function (resolve, reject) {
            var generator = body.apply(thisArg, args);
            function step(method, value) {
                var result;
                try {
                    result = generator[method](value);
                } catch (error) {
                    reject(error);
                    return;
                }
                if (result.done) {
                    resolve(result.value);
                    return;
                }
                Promise.resolve(result.value).then(fulfilled, rejected);
            }
            function fulfilled(value) {
                step('next', value);
            }
            function rejected(error) {
                step('throw', error);
            }
            step('next', undefined);
        });
    });

    // { a: 1, ...b, c } -> __authdeskSpread({ a: 1 }, b, { c }): literal chunks (even positions,
    // the first one is the result) and spread sources (odd positions) alternate. A chunk's own
    // properties are defined as they are (getters stay getters); a source's own enumerable
    // properties are read and defined as data properties, as `...` does.
    define('__authdeskSpread', function (target) {
        for (var i = 1; i < arguments.length; ++i) {
            var source = arguments[i];
            if (source === null || source === undefined)
                continue;
            var from = Object(source);
            var keys = ownKeys(from);
            for (var k = 0; k < keys.length; ++k) {
                var key = keys[k];
                if (i % 2 === 0) {
                    Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(from, key));
                } else if (isEnumerable.call(from, key)) {
                    defineData(target, key, from[key]);
                }
            }
        }
        return target;
    });

    // const { a, ...rest } = o -> const { a } = o, rest = __authdeskRest(o, ["a"])
    define('__authdeskRest', function (source, excluded) {
        if (source === null || source === undefined)
            throw new TypeError('Cannot destructure \'' + source + '\' as it is ' + (source === null ? 'null' : 'undefined') + '.');
        var from = Object(source);
        var skip = [];
        for (var e = 0; e < excluded.length; ++e)
            skip.push(typeof excluded[e] === 'symbol' ? excluded[e] : String(excluded[e]));
        var result = {};
        var keys = ownKeys(from);
        for (var k = 0; k < keys.length; ++k) {
            var key = keys[k];
            if (skip.indexOf(key) < 0 && isEnumerable.call(from, key))
                defineData(result, key, from[key]);
        }
        return result;
    });

    // import x from 'm': what Node gives a CommonJS module's default import.
    define('__authdeskImportDefault', function (module) {
        return module && module.__esModule ? module['default'] : module;
    });

    // import * as ns from 'm'
    define('__authdeskImportStar', function (module) {
        if (module && module.__esModule)
            return module;
        var namespace = {};
        if (module !== null && module !== undefined) {
            for (var key in module) {
                if (key !== 'default' && hasOwn.call(module, key))
                    namespace[key] = module[key];
            }
        }
        namespace['default'] = module;
        return namespace;
    });

    // export * from 'm'
    define('__authdeskExportStar', function (module, exports) {
        for (var key in module) {
            if (key !== 'default' && hasOwn.call(module, key) && !hasOwn.call(exports, key))
                exports[key] = module[key];
        }
    });

    // import('m')
    define('__authdeskImport', function (specifier) {
        return new Promise(function (resolve) {
            resolve(global.__authdeskImportStar(global.__authdeskRequire(String(specifier))));
        });
    });
})(Function('return this')());
