#pragma once

#include "enginefeatures.h"
#include "scripterror.h"
#include "sourcepositionmap.h"

#include "support/result.h"

#include <QString>
#include <QStringList>

namespace Authdesk {

// What the engine evaluates for a connector file, and how to find the original positions again.
struct PreparedSource
{
    QString code; // plain ES2017 CommonJS: the body of the module wrapper function
    SourcePositionMap map; // from `code` back to the file
    bool isModule = false; // the file used import/export
};

// The source front end: turns a connector file written for Node.js (JavaScript or TypeScript, ES
// modules or CommonJS, async/await, object spread, class fields, ...) into the plain ES2017
// CommonJS that the running QJSEngine evaluates, lowering only what EngineFeatures says the
// engine lacks. Unchanged code keeps its exact text and lines. Errors (syntax, unsupported
// constructs such as regex lookbehind, imports of unknown modules) carry the file's own
// line:column. Results are cached in memory and on disk (keyed by the content hash and a
// fingerprint of the front end's sources, so a changed lowering never reuses old output).
//
//     const auto prepared = SourceFrontEnd::prepare(source, u"auth/test.ts"_s, EngineFeatures::probe());
//     if (!prepared)
//         return prepared.error(); // "auth/test.ts:3:14: SyntaxError: unexpected token `)`"
//     engine.evaluate(wrapperStart + prepared->code + wrapperEnd, fileName);
//
// The output calls the helpers of js/lowering.js (installed by ScriptRun after host.js).
class SourceFrontEnd
{
public:
    static Result<PreparedSource, ScriptError> prepare(const QString &source, const QString &fileName,
        const EngineFeatures &features, const QStringList &knownModules = defaultKnownModules());

    // The modules host.js provides (ScriptRun reads the live list from the engine).
    static QStringList defaultKnownModules();
    // .ts, .mts, .cts, .tsx: parsed as TypeScript.
    static bool isTypeScriptFile(const QString &fileName);

    // The disk cache (QStandardPaths::CacheLocation/script-frontend) is on by default; tests turn
    // it off or point it elsewhere. An empty directory disables it.
    static void setDiskCacheDirectory(const QString &directory);
    static QString diskCacheDirectory();
    static void clearMemoryCache();

    // The work of prepare() without the caches, on the calling thread: with the parser's full depth
    // limit (1000 levels) that needs about a megabyte of stack for the most deeply nested input,
    // which prepare() provides when it is needed.
    static Result<PreparedSource, ScriptError> prepareOnThisThread(const QString &source, const QString &fileName,
        const EngineFeatures &features, const QStringList &knownModules = defaultKnownModules(), int maxDepth = 1000);

private:
    static Result<PreparedSource, ScriptError> prepareUncached(const QString &source, const QString &fileName,
        const EngineFeatures &features, const QStringList &knownModules);
};

} // namespace Authdesk
