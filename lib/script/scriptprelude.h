#pragma once

#include "support/result.h"

#include <QString>
#include <QStringList>

class QJSEngine;
class QObject;

namespace Authdesk {

// The JavaScript a QJSEngine needs before it runs connector methods written for Node.js: the
// ECMAScript built-ins QJSEngine 6.4 lacks (js/polyfills.js) and the web and Node host objects
// (js/web.js: URLSearchParams, Headers, AbortController, btoa/atob, TextEncoder/TextDecoder,
// Buffer, ...), then, given the native host, the host APIs (js/host.js: timers, console, fetch,
// crypto, require). They are compiled into the library as ES modules precompiled to bytecode, so
// installing them parses nothing, and evaluated in that order; web.js and host.js install what they
// define at its first use (see scriptprelude.cpp and web.js).
// Installing is idempotent. What the engine has natively stays, except where QJSEngine 6.4 is wrong:
// its URLSearchParams (a space becomes %20), its unstable Array.prototype.sort, and Symbol (wrapped
// for Symbol.prototype.description). tests/script/corpus/builtins compares the result with Node.
class ScriptPrelude
{
public:
    // Installs polyfills.js, lazy.js and web.js in `engine`; an error names the file and line that threw.
    static Result<bool> install(QJSEngine &engine);

    // Installs polyfills.js and web.js, makes `host` (a ScriptHost) the global `__authdesk`, and
    // installs host.js on it and then lowering.js (the helpers lowered code calls): everything a
    // connector method runs with.
    static Result<bool> install(QJSEngine &engine, QObject *host);

    // The resource paths of the prelude scripts' sources, in evaluation order (host.js not included).
    static QStringList scriptPaths();

    // Evaluates one script as a classic script, reporting a thrown exception as
    // "fileName:line[:column]: Name: message". Internal; tests use it with broken sources.
    static Result<bool> installSource(QJSEngine &engine, const QString &source, const QString &fileName);
};

} // namespace Authdesk
