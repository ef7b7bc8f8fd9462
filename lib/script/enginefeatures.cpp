#include "enginefeatures.h"

#include <QJSEngine>
#include <QJSValue>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// True when `source` evaluates without an exception to a value that is true.
bool evaluatesToTrue(QJSEngine &engine, const QString &source)
{
    QStringList stack;
    const QJSValue value = engine.evaluate(source, u"probe.js"_s, 1, &stack);
    return stack.isEmpty() && !value.isError() && value.isBool() && value.toBool();
}

// True when `body` parses (it is wrapped in a function that is never called).
bool parses(QJSEngine &engine, const QString &body)
{
    return evaluatesToTrue(engine, u"(function () { return true; function probe() {\n"_s + body + u"\n} })()"_s);
}

} // namespace

EngineFeatures EngineFeatures::all()
{
    EngineFeatures features;
    features.asyncFunctions = true;
    features.objectSpread = true;
    features.objectRest = true;
    features.optionalCatchBinding = true;
    features.classFields = true;
    features.classStaticBlocks = true;
    features.privateMembers = true;
    features.logicalAssignment = true;
    features.numericSeparators = true;
    features.bigInt = true;
    features.legacyOctal = true;
    features.regexDotAll = true;
    features.regexLookbehind = true;
    features.regexNamedGroups = true;
    features.regexUnicodeProperties = true;
    features.regexIndices = true;
    return features;
}

EngineFeatures EngineFeatures::probeEngine()
{
    QJSEngine engine;
    EngineFeatures features;
    features.asyncFunctions
        = parses(engine,
              u"async function f(a) { await a; } var g = async (x) => await x; var o = { async m() { await 1; } };"_s)
        && evaluatesToTrue(engine, u"(async function () {})() instanceof Promise"_s);
    features.objectSpread = parses(engine, u"var a = { ...b, c: 1 };"_s);
    features.objectRest = parses(engine, u"var { a, ...b } = c; function f({ x, ...y }) {}"_s);
    features.optionalCatchBinding = parses(engine, u"try { } catch { }"_s);
    features.classFields = parses(engine, u"class A { x = 1; static y = 2; ['z'] = 3; }"_s);
    features.classStaticBlocks = parses(engine, u"class A { static { } }"_s);
    features.privateMembers = parses(engine, u"class A { #x = 1; #m() { return #x in this; } }"_s);
    features.logicalAssignment = parses(engine, u"a ?\?= b; a ||= b; a &&= b;"_s);
    features.numericSeparators = evaluatesToTrue(engine, u"1_000 === 1000"_s);
    features.bigInt = evaluatesToTrue(engine, u"typeof 10n === 'bigint'"_s);
    features.legacyOctal = evaluatesToTrue(engine, u"017 === 15 && 08 === 8 && '\\033' === '\\x1b' && '\\8' === '8'"_s);
    features.regexDotAll = evaluatesToTrue(engine, u"/a.b/s.test('a\\nb')"_s);
    features.regexLookbehind = evaluatesToTrue(engine, u"/(?<=a)b/.test('ab') && !/(?<!a)b/.test('ab')"_s);
    features.regexNamedGroups = evaluatesToTrue(engine,
        u"(function () { var m = /(?<y>a)\\k<y>/.exec('aa'); return !!m && !!m.groups && m.groups.y === 'a'; })()"_s);
    features.regexUnicodeProperties = evaluatesToTrue(engine, u"/\\p{L}/u.test('a') && !/\\p{L}/u.test('1')"_s);
    features.regexIndices = evaluatesToTrue(
        engine, u"(function () { var m = /b/d.exec('ab'); return !!m.indices && m.indices[0][0] === 1; })()"_s);
    return features;
}

const EngineFeatures &EngineFeatures::probe()
{
    static const EngineFeatures features = probeEngine();
    return features;
}

QString EngineFeatures::toString() const
{
    QStringList names;
    const auto add = [&names](bool on, const char16_t *name) {
        if (on)
            names.append(QString::fromUtf16(name));
    };
    add(asyncFunctions, u"asyncFunctions");
    add(objectSpread, u"objectSpread");
    add(objectRest, u"objectRest");
    add(optionalCatchBinding, u"optionalCatchBinding");
    add(classFields, u"classFields");
    add(classStaticBlocks, u"classStaticBlocks");
    add(privateMembers, u"privateMembers");
    add(logicalAssignment, u"logicalAssignment");
    add(numericSeparators, u"numericSeparators");
    add(bigInt, u"bigInt");
    add(legacyOctal, u"legacyOctal");
    add(regexDotAll, u"regexDotAll");
    add(regexLookbehind, u"regexLookbehind");
    add(regexNamedGroups, u"regexNamedGroups");
    add(regexUnicodeProperties, u"regexUnicodeProperties");
    add(regexIndices, u"regexIndices");
    return names.isEmpty() ? u"none"_s : names.join(u',');
}

} // namespace Authdesk
