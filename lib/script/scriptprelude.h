#pragma once

#include "support/result.h"

#include <QString>
#include <QStringList>

class QJSEngine;

namespace Authdesk {

// The JavaScript a QJSEngine needs before it runs connector methods written for Node.js: the
// ECMAScript built-ins QJSEngine 6.4 lacks (js/polyfills.js) and the web and Node host objects
// (js/web.js: URLSearchParams, Headers, AbortController, btoa/atob, TextEncoder/TextDecoder,
// Buffer, ...). Both are compiled into the library as Qt resources and evaluated in that order.
// Installing is idempotent. What the engine has natively stays, except where QJSEngine 6.4 is wrong:
// its URLSearchParams (a space becomes %20), its unstable Array.prototype.sort, and Symbol (wrapped
// for Symbol.prototype.description). tests/script/corpus/builtins compares the result with Node.
class ScriptPrelude
{
public:
    // Evaluates the prelude in `engine`; an error names the file and line that threw.
    static Result<bool> install(QJSEngine &engine);

    // The resource paths of the prelude scripts, in evaluation order.
    static QStringList scriptPaths();

    // Evaluates one script as `install` does, reporting a thrown exception as
    // "fileName:line[:column]: Name: message". Internal; tests use it with broken sources.
    static Result<bool> installSource(QJSEngine &engine, const QString &source, const QString &fileName);
};

} // namespace Authdesk
