#pragma once

#include <QString>

namespace Authdesk {

// What the running QJSEngine parses and runs correctly, so that the source front end lowers only
// what it must: on Qt 6.4 every flag is false; a newer Qt runs more source as it is. TypeScript and
// ES module syntax are always lowered (QJSEngine evaluates scripts, not modules).
//
//     const EngineFeatures &features = EngineFeatures::probe(); // evaluated once, then cached
struct EngineFeatures
{
    bool asyncFunctions = false; // async functions, arrows and methods with await
    bool objectSpread = false; // { ...a }
    bool objectRest = false; // const { a, ...rest } = o
    bool optionalCatchBinding = false; // catch { }
    bool classFields = false; // class A { x = 1; static y = 2 }
    bool classStaticBlocks = false; // class A { static { } }
    bool privateMembers = false; // class A { #x; #m() {} }
    bool logicalAssignment = false; // a ??= b, a ||= b, a &&= b
    bool numericSeparators = false; // 1_000
    bool bigInt = false; // 10n
    bool legacyOctal = false; // sloppy-mode 017, 08 and '\033'
    bool regexDotAll = false; // /./s
    bool regexLookbehind = false; // /(?<=a)b/ matches
    bool regexNamedGroups = false; // /(?<y>a)/.exec('a').groups.y
    bool regexUnicodeProperties = false; // /\p{L}/u matches
    bool regexIndices = false; // /a/d

    // Nothing supported: everything the front end knows is lowered (what Qt 6.4 needs).
    static EngineFeatures none() { return {}; }
    // Everything supported: only TypeScript and modules are lowered.
    static EngineFeatures all();

    // Probes a throwaway QJSEngine once (thread-safe) and returns the cached answers.
    static const EngineFeatures &probe();
    // Runs the probe again, without the cache; for tests.
    static EngineFeatures probeEngine();

    // "async,objectSpread,..." for the cache key and diagnostics.
    QString toString() const;

    friend bool operator==(const EngineFeatures &, const EngineFeatures &) = default;
};

} // namespace Authdesk
