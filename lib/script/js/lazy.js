// Authdesk script prelude: the lazy installation that web.js and host.js share (web.js says how it
// works). __authdeskLazyInstaller(name, rest, invokeRest) is called by the base of a lazily installed
// script at install: `rest` is the rest of the file when the script is evaluated whole (in Node), or
// null, and then ScriptPrelude's loader, there while the base installs, imports the rest module
// `name`; `invokeRest(run, base)` calls the rest with the arguments that script's rest takes. It
// returns the base's tools: placeholder(target, key, enumerable) and runRest().
// Plain ES2017 that QJSEngine 6.4 parses.
(function (global) {
    'use strict';

    function lazyInstaller(name, rest, invokeRest) {
        var loader = global.__authdeskPrelude; // ScriptPrelude's, while it installs the calling base
        var defineProperty = Object.defineProperty;
        var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
        var reflectGet = Reflect.get;
        var reflectSet = Reflect.set;
        var placeholders = [];
        var restState = 'waiting'; // then 'running', then 'done'
        var restResult;

        function placeholderOf(target, key) {
            for (var i = 0; i < placeholders.length; ++i) {
                if (placeholders[i].target === target && placeholders[i].key === key)
                    return placeholders[i];
            }
            return undefined;
        }

        // Until the rest replaces it, or a program redefines or deletes it.
        function inPlace(entry) {
            var current = getOwnPropertyDescriptor(entry.target, entry.key);
            return current !== undefined && current.get === entry.get;
        }

        // What the rest gets: whether target[key] has a placeholder, and `define`, which replaces the
        // placeholder, unless a program has redefined or deleted it (then what the program did stays, as
        // it would have had it come after the rest).
        var base = {
            wants: function (target, key) {
                return placeholderOf(target, key) !== undefined;
            },
            define: function (target, key, descriptor) {
                var entry = placeholderOf(target, key);
                if (!inPlace(entry))
                    return;
                var current = getOwnPropertyDescriptor(target, key);
                descriptor.enumerable = current.enumerable; // which a program may have changed
                entry.standsFor = descriptor;
                if (current.configurable)
                    defineProperty(target, key, descriptor);
            }
        };

        // Runs the rest of this file, once. A placeholder it has not replaced goes back to what was there
        // (unless a program has made it non-configurable).
        function runRest() {
            if (restState === 'waiting') {
                var run = typeof rest === 'function' ? rest : loader.load(name); // may throw: then again later
                restState = 'running';
                restResult = invokeRest(run, base);
                restState = 'done';
                for (var i = 0; i < placeholders.length; ++i) {
                    var entry = placeholders[i];
                    if (entry.standsFor === entry.original && inPlace(entry)
                        && getOwnPropertyDescriptor(entry.target, entry.key).configurable) {
                        if (entry.original === undefined)
                            delete entry.target[entry.key];
                        else
                            defineProperty(entry.target, entry.key, entry.original);
                    }
                }
            }
            return restResult;
        }

        // Makes target[key] a placeholder for what the rest defines there, enumerable as that will be.
        // While it stays in place (as the rest runs, or when a program has made it non-configurable), it
        // stands for the property: what was there, then what the rest defined.
        function placeholder(target, key, enumerable) {
            var original = getOwnPropertyDescriptor(target, key);
            var entry = { target: target, key: key, original: original, standsFor: original };
            entry.get = function () {
                runRest();
                if (!inPlace(entry))
                    return reflectGet(target, key, this);
                var property = entry.standsFor;
                return property === undefined ? undefined : (property.get ? property.get.call(this) : property.value);
            };
            entry.set = function (value) {
                runRest();
                if (!inPlace(entry)) {
                    reflectSet(target, key, value, this);
                    return;
                }
                var property = entry.standsFor;
                if (property !== undefined && property.set)
                    property.set.call(this, value);
                else if (property !== undefined && property.writable && this === target)
                    property.value = value;
            };
            defineProperty(target, key, { get: entry.get, set: entry.set, enumerable: enumerable, configurable: true });
            placeholders.push(entry);
        }

        return { placeholder: placeholder, runRest: runRest };
    }

    Object.defineProperty(global, '__authdeskLazyInstaller',
        { value: lazyInstaller, writable: true, enumerable: false, configurable: true });
})(Function('return this')());
