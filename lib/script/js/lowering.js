// Authdesk script prelude, part 4: the runtime helpers of connector code lowered by the source
// front end (SourceFrontEnd, jslowering.cpp): async functions as generators, object spread and
// rest, class fields and private names (#x), regular expressions with the `s` flag or named
// groups, and the ES module interop of import/export turned into require()/exports.
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
    // function, and settles its promise with the return value or the exception. Parameters with
    // initializers or patterns move to the generator, so that their errors reject the promise too.
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

    // { a, ...b, c, ...d } -> __authdeskSpread(__authdeskDefineAll(__authdeskSpread({ a, }, b), { c, }), d):
    // nested, so that each part is evaluated after the parts before it were copied (a source's
    // getters run before the literal properties that follow it are evaluated).
    // A source's own enumerable properties are read and defined as data properties, as `...` does.
    define('__authdeskSpread', function (target, source) {
        if (source === null || source === undefined)
            return target;
        var from = Object(source);
        var keys = ownKeys(from);
        for (var k = 0; k < keys.length; ++k) {
            if (isEnumerable.call(from, keys[k]))
                defineData(target, keys[k], from[keys[k]]);
        }
        return target;
    });

    // The literal properties after a spread: defined as they are (getters stay getters).
    define('__authdeskDefineAll', function (target, chunk) {
        var keys = ownKeys(chunk);
        for (var k = 0; k < keys.length; ++k)
            Object.defineProperty(target, keys[k], Object.getOwnPropertyDescriptor(chunk, keys[k]));
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

    // --- Classes: fields, static blocks and private names ---------------------------------------
    //
    // A lowered class gets a record, made before the class: its private names. Field initializers
    // and static blocks became methods `__authdeskField_<n>` of the class, and private methods and
    // accessors methods named "#m"; __authdeskClassInstall takes them all off the prototype and the
    // constructor into the record, so that no one sees them there:
    //
    //     _K = __authdeskClass({ "#x": "field", "#m": "method" });
    //     class A { constructor() { __authdeskPrivateBrand(this, _K); __authdeskPrivateField(this, _K, "__authdeskField_1", "#x"); }
    //               __authdeskField_1() { return 1; } "#m"() { ... } }
    //     __authdeskClassInstall(_K, A);
    //
    // Private state lives in WeakMaps (fields) and WeakSets (the brand of the objects that have the
    // class's private methods), as the engines that lower #x without native support do, and the
    // errors are Node's.

    function PrivateName(description, spec) {
        this.description = description;
        this.isStatic = spec.indexOf('static ') === 0;
        this.kind = this.isStatic ? spec.slice(7) : spec; // field, method, accessor
        this.values = this.kind === 'field' ? new WeakMap() : null;
        this.method = undefined;
        this.getter = undefined;
        this.setter = undefined;
    }

    function ClassRecord(privateNames) {
        this.names = {};
        for (var description in privateNames)
            this.names[description] = new PrivateName(description, privateNames[description]);
        this.initializers = {};
        this.instances = new WeakSet(); // the objects with the private methods and accessors
        this.constructor = undefined;
    }

    function className(record) {
        var name = record.constructor && record.constructor.name;
        return typeof name === 'string' && name !== '' ? name : 'anonymous';
    }

    define('__authdeskClass', function (privateNames) {
        return new ClassRecord(privateNames || {});
    });

    // Takes the methods the lowering made off the class; `name` is the name an anonymous class
    // expression gets from where it is (const X = class {}), which the temporaries would change.
    define('__authdeskClassInstall', function (record, constructor, name) {
        record.constructor = constructor;
        var homes = [constructor.prototype, constructor];
        for (var h = 0; h < homes.length; ++h) {
            var home = homes[h];
            var keys = Object.getOwnPropertyNames(home);
            for (var k = 0; k < keys.length; ++k) {
                var key = keys[k];
                var slot = hasOwn.call(record.names, key) ? record.names[key] : null;
                if (key.indexOf('__authdeskField_') === 0) {
                    record.initializers[key] = Object.getOwnPropertyDescriptor(home, key).value;
                } else if (slot && slot.kind !== 'field' && slot.isStatic === (home === constructor)) {
                    var descriptor = Object.getOwnPropertyDescriptor(home, key);
                    slot.method = descriptor.value;
                    slot.getter = descriptor.get;
                    slot.setter = descriptor.set;
                } else {
                    continue;
                }
                delete home[key];
            }
        }
        if (name !== undefined)
            Object.defineProperty(constructor, 'name', { value: name, configurable: true });
    });

    function initialValue(record, target, initializer) {
        return initializer ? record.initializers[initializer].call(target) : undefined;
    }

    // x = value: defined on the instance (or the class), not assigned: setters are not called.
    define('__authdeskDefineField', function (target, record, initializer, key) {
        Object.defineProperty(target, key,
            { value: initialValue(record, target, initializer), writable: true, enumerable: true, configurable: true });
    });

    define('__authdeskStaticBlock', function (record, constructor, block) {
        record.initializers[block].call(constructor);
    });

    // [expression] = value: the key is computed once, when the class is defined.
    define('__authdeskPropertyKey', function (value) {
        return typeof value === 'symbol' ? value : String(value);
    });

    define('__authdeskPrivateField', function (target, record, initializer, description) {
        var value = initialValue(record, target, initializer);
        var slot = record.names[description];
        if (slot.values.has(target))
            throw new TypeError('Cannot initialize ' + description + ' twice on the same object');
        slot.values.set(target, value);
    });

    // The private methods and accessors of the class, for `this` (at the start of construction).
    define('__authdeskPrivateBrand', function (target, record) {
        if (record.instances.has(target))
            throw new TypeError('Cannot initialize private methods of class ' + className(record) + ' twice on the same object');
        record.instances.add(target);
    });

    function hasBrand(record, slot, target) {
        return slot.isStatic ? target === record.constructor : record.instances.has(target);
    }

    function checkBrand(record, slot, target) {
        if (!hasBrand(record, slot, target)) {
            throw new TypeError(slot.isStatic ? 'Receiver must be class ' + className(record)
                                              : 'Receiver must be an instance of class ' + className(record));
        }
    }

    define('__authdeskPrivateGet', function (target, record, description) {
        var slot = record.names[description];
        if (slot.kind === 'field') {
            if (!isObjectLike(target) || !slot.values.has(target))
                throw new TypeError('Cannot read private member ' + description + ' from an object whose class did not declare it');
            return slot.values.get(target);
        }
        checkBrand(record, slot, target);
        if (slot.kind === 'method')
            return slot.method;
        if (!slot.getter)
            throw new TypeError('\'' + description + '\' was defined without a getter');
        return slot.getter.call(target);
    });

    define('__authdeskPrivateSet', function (target, record, description, value) {
        var slot = record.names[description];
        if (slot.kind === 'field') {
            if (!isObjectLike(target) || !slot.values.has(target))
                throw new TypeError('Cannot write private member ' + description + ' to an object whose class did not declare it');
            slot.values.set(target, value);
            return value;
        }
        checkBrand(record, slot, target);
        if (slot.kind === 'method')
            throw new TypeError('Private method \'' + description + '\' is not writable');
        if (!slot.setter)
            throw new TypeError('\'' + description + '\' was defined without a setter');
        slot.setter.call(target, value);
        return value;
    });

    // o.#m(a, b) -> __authdeskPrivateCall(o, _K, "#m", a, b): `this` is o.
    define('__authdeskPrivateCall', function (target, record, description) {
        var callee = global.__authdeskPrivateGet(target, record, description);
        return Function.prototype.apply.call(callee, target, Array.prototype.slice.call(arguments, 3));
    });

    // o.#x++ and friends: the value as a number, the new value stored.
    define('__authdeskPrivateUpdate', function (target, record, description, delta, prefix) {
        var old = +global.__authdeskPrivateGet(target, record, description);
        global.__authdeskPrivateSet(target, record, description, old + delta);
        return prefix ? old + delta : old;
    });

    // #x in o
    define('__authdeskPrivateIn', function (record, description, target) {
        if (!isObjectLike(target))
            throw new TypeError('Cannot use \'in\' operator to search for \'' + description + '\' in ' + String(target));
        var slot = record.names[description];
        return slot.kind === 'field' ? slot.values.has(target) : hasBrand(record, slot, target);
    });

    function isObjectLike(value) {
        return (typeof value === 'object' && value !== null) || typeof value === 'function';
    }

    // --- Regular expressions: the `s` flag and named groups -------------------------------------
    //
    // /(?<y>\d{4})-(?<m>\d\d)/s -> __authdeskRegExp(/(?<y>\d{4})-(?<m>\d\d)/, "(?<y>\\d{4})-(?<m>\\d\\d)", "s", ["y", "m"])
    // Qt 6.4 parses named groups (and their \k<name> backreferences) but gives matches no
    // `groups`, and it rejects the `s` flag, whose `.` the front end rewrote as [\s\S]. The result
    // is a RegExp of a subclass that adds `groups` to its matches, does `$<name>` in replace, and
    // reports the source and flags that were written. String.prototype.replace of this engine does
    // not ask the regex (Symbol.replace), so it is taught to for these regexes.

    var regExpInfo = new WeakMap(); // AuthdeskRegExp -> { source, flags, names }
    var nativeExec = RegExp.prototype.exec;

    function AuthdeskRegExp(pattern, flags) {
        // new AuthdeskRegExp(regexp[, flags]): what species constructors (matchAll, split) do.
        var from = pattern instanceof RegExp ? regExpInfo.get(pattern) : undefined;
        var written = flags === undefined ? (from ? from.flags : String(pattern.flags)) : String(flags);
        var engineFlags = written.replace('s', '');
        // From the regex the engine compiled, not its source text (which Qt 6.4 escapes wrongly: /\//).
        var engine = from ? from.engine : pattern instanceof RegExp ? pattern : String(pattern);
        var regexp = new RegExp(engine, engineFlags);
        Object.setPrototypeOf(regexp, new.target ? new.target.prototype : AuthdeskRegExp.prototype);
        regExpInfo.set(regexp, {
            source: from ? from.source : String(engine.source === undefined ? engine : engine.source),
            engine: engine,
            flags: written,
            names: from ? from.names : [],
        });
        return regexp;
    }
    AuthdeskRegExp.prototype = Object.create(RegExp.prototype);
    Object.defineProperty(AuthdeskRegExp.prototype, 'constructor', { value: AuthdeskRegExp, writable: true, configurable: true });
    Object.setPrototypeOf(AuthdeskRegExp, RegExp);

    function infoOf(regexp) {
        return regExpInfo.get(regexp) || { source: regexp.source, flags: regexp.flags, names: [] };
    }

    function defineGetter(name, get) {
        Object.defineProperty(AuthdeskRegExp.prototype, name, { get: get, configurable: true });
    }
    defineGetter('source', function () { return infoOf(this).source; });
    defineGetter('flags', function () {
        // In the order of RegExp.prototype.flags: d g i m s u v y.
        var written = infoOf(this).flags;
        return ['d', 'g', 'i', 'm', 's', 'u', 'v', 'y'].filter(function (f) { return written.indexOf(f) >= 0; }).join('');
    });
    defineGetter('dotAll', function () { return infoOf(this).flags.indexOf('s') >= 0; });
    Object.defineProperty(AuthdeskRegExp.prototype, 'toString', {
        value: function toString() { return '/' + this.source + '/' + this.flags; }, writable: true, configurable: true,
    });

    function addGroups(regexp, match) {
        var names = infoOf(regexp).names;
        if (match && names.length) {
            var groups = Object.create(null);
            for (var i = 0; i < names.length; ++i) {
                if (names[i])
                    groups[names[i]] = match[i + 1];
            }
            match.groups = groups;
        }
        return match;
    }
    Object.defineProperty(AuthdeskRegExp.prototype, 'exec', {
        value: function exec(string) { return addGroups(this, nativeExec.call(this, string)); },
        writable: true, configurable: true,
    });

    // GetSubstitution with captures and named captures.
    function substitute(matched, string, position, captures, groups, replacement) {
        var result = '';
        var tail = position + matched.length;
        for (var i = 0; i < replacement.length; ++i) {
            var c = replacement.charAt(i);
            if (c !== '$' || i + 1 >= replacement.length) {
                result += c;
                continue;
            }
            var next = replacement.charAt(i + 1);
            if (next === '$') {
                result += '$';
                ++i;
            } else if (next === '&') {
                result += matched;
                ++i;
            } else if (next === '`') {
                result += string.slice(0, position);
                ++i;
            } else if (next === '\'') {
                result += tail >= string.length ? '' : string.slice(tail);
                ++i;
            } else if (next >= '0' && next <= '9') {
                var two = replacement.charAt(i + 2);
                var index = Number(next);
                var width = 1;
                if (two >= '0' && two <= '9' && Number(next + two) >= 1 && Number(next + two) <= captures.length) {
                    index = Number(next + two);
                    width = 2;
                }
                if (index >= 1 && index <= captures.length) {
                    result += captures[index - 1] === undefined ? '' : captures[index - 1];
                    i += width;
                } else {
                    result += '$';
                }
            } else if (next === '<' && groups !== undefined) {
                var close = replacement.indexOf('>', i + 2);
                if (close < 0) {
                    result += '$';
                } else {
                    var value = groups[replacement.slice(i + 2, close)];
                    result += value === undefined ? '' : String(value);
                    i = close;
                }
            } else {
                result += '$';
            }
        }
        return result;
    }

    function advance(string, index, unicode) {
        if (!unicode || index + 1 >= string.length)
            return index + 1;
        var first = string.charCodeAt(index);
        var second = string.charCodeAt(index + 1);
        return first >= 0xD800 && first <= 0xDBFF && second >= 0xDC00 && second <= 0xDFFF ? index + 2 : index + 1;
    }

    // RegExp.prototype[Symbol.replace], for these regexes.
    Object.defineProperty(AuthdeskRegExp.prototype, Symbol.replace, {
        value: function (string, replaceValue) {
            string = String(string);
            var functional = typeof replaceValue === 'function';
            if (!functional)
                replaceValue = String(replaceValue);
            var isGlobal = this.global;
            if (isGlobal)
                this.lastIndex = 0;
            var results = [];
            for (;;) {
                var match = this.exec(string);
                if (match === null)
                    break;
                results.push(match);
                if (!isGlobal)
                    break;
                if (String(match[0]) === '')
                    this.lastIndex = advance(string, Number(this.lastIndex), this.unicode);
            }
            var out = '';
            var nextPosition = 0;
            for (var r = 0; r < results.length; ++r) {
                var m = results[r];
                var matched = String(m[0]);
                var position = Math.max(Math.min(Number(m.index), string.length), 0);
                var captures = [];
                for (var n = 1; n < m.length; ++n)
                    captures.push(m[n] === undefined ? undefined : String(m[n]));
                var replacement;
                if (functional) {
                    var args = [matched].concat(captures, [position, string]);
                    if (m.groups !== undefined)
                        args.push(m.groups);
                    replacement = String(replaceValue.apply(undefined, args));
                } else {
                    replacement = substitute(matched, string, position, captures, m.groups, replaceValue);
                }
                if (position >= nextPosition) {
                    out += string.slice(nextPosition, position) + replacement;
                    nextPosition = position + matched.length;
                }
            }
            return out + string.slice(nextPosition);
        },
        writable: true, configurable: true,
    });

    // The literal is a new object each time it is evaluated, as a regex literal is.
    // Qt 6.4's regexes have no `dotAll` (nor the flag); with the `s` flag lowered they report it.
    if (!('dotAll' in RegExp.prototype)) {
        Object.defineProperty(RegExp.prototype, 'dotAll', {
            get: function () {
                if (this === RegExp.prototype)
                    return undefined;
                if (!(this instanceof RegExp))
                    throw new TypeError('RegExp.prototype.dotAll getter called on non-RegExp object');
                return String(this.flags).indexOf('s') >= 0;
            },
            configurable: true,
        });
    }

    define('__authdeskRegExp', function (literal, source, flags, names) {
        regExpInfo.set(literal, { source: source, engine: new RegExp(literal), flags: flags, names: names });
        Object.setPrototypeOf(literal, AuthdeskRegExp.prototype);
        return literal;
    });

    // This engine's String.prototype.replace does not dispatch to Symbol.replace; for the regexes
    // above it must (replaceAll, from polyfills.js, already does).
    var nativeReplace = String.prototype.replace;
    Object.defineProperty(String.prototype, 'replace', {
        value: function replace(searchValue, replaceValue) {
            if (searchValue instanceof AuthdeskRegExp) {
                if (this === null || this === undefined)
                    throw new TypeError('String.prototype.replace called on null or undefined');
                return searchValue[Symbol.replace](String(this), replaceValue);
            }
            return nativeReplace.apply(this, arguments);
        },
        writable: true, configurable: true,
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
