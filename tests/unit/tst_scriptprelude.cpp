#include "script/scripthost.h"
#include "script/scriptprelude.h"
#include "testprinting.h"

#include <QFile>
#include <QJSEngine>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// ScriptPrelude itself: what it installs, that it installs once, that it keeps what the engine has,
// and that a failing script is located. What the installed objects do is tst_BuiltinsCorpus's part.
class tst_ScriptPrelude : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptsAreResources();
    void installsExactlyTheseGlobals();
    void installTwiceIsIdempotent();
    void nativeMembersAreKept();
    void nativeGlobalsAreKept();
    void qtsUrlSearchParamsIsReplaced();
    void installedMembersAreNotEnumerable();
    void globalsAreInstalledAtFirstUse();
    void globalsChangedBeforeFirstUseStayChanged();
    void hostApisAreInstalledAtFirstUse();
    void preludeErrorsPointIntoThePrelude();
    void failingScriptIsLocated_data();
    void failingScriptIsLocated();
    void returnedErrorIsNoFailure();
};

namespace {

// Evaluates `expression` (no exception allowed) and returns its value.
QJSValue evaluate(QJSEngine &engine, const QString &expression)
{
    QStringList stackTrace;
    const QJSValue value = engine.evaluate(expression, u"test.js"_s, 1, &stackTrace);
    if (!stackTrace.isEmpty())
        qWarning("%s threw %s", qPrintable(expression), qPrintable(value.toString()));
    return value;
}

// Evaluates `expression`, which must yield true; otherwise fails the test with the expression.
#define VERIFY_JS(engine, expression)                                                                                  \
    do {                                                                                                               \
        const QJSValue verifyJsValue = evaluate(engine, expression);                                                   \
        QVERIFY2(verifyJsValue.isBool() && verifyJsValue.toBool(),                                                     \
            qPrintable(QString(expression) + u" gave "_s + verifyJsValue.toString()));                                 \
    } while (false)

void install(QJSEngine &engine)
{
    const Result<bool> installed = ScriptPrelude::install(engine);
    QVERIFY2(installed.hasValue(), qPrintable(installed ? QString() : installed.error().message));
}

// What the prelude adds to (or replaces on) the global object of a QJSEngine 6.4.
const QStringList installedGlobals = {u"AbortController"_s, u"AbortSignal"_s, u"AggregateError"_s, u"Buffer"_s,
    u"DOMException"_s, u"Event"_s, u"EventTarget"_s, u"Headers"_s, u"TextDecoder"_s, u"TextEncoder"_s,
    u"__authdeskLazyInstaller"_s, // js/lazy.js, which web.js and host.js install with
    u"atob"_s,
    u"btoa"_s, u"globalThis"_s, u"queueMicrotask"_s};

// The members the prelude installs, as JavaScript [object, name] pairs.
const QString installedMembers = uR"js([
    [Array.prototype, 'flat'], [Array.prototype, 'flatMap'], [Array.prototype, 'at'],
    [Array.prototype, 'findLast'], [Array.prototype, 'findLastIndex'], [Array.prototype, 'sort'],
    [String.prototype, 'at'], [String.prototype, 'replaceAll'], [String.prototype, 'matchAll'],
    [String.prototype, 'trimStart'], [String.prototype, 'trimEnd'], [String.prototype, 'trimLeft'],
    [String.prototype, 'trimRight'], [Object.getPrototypeOf(Uint8Array.prototype), 'at'],
    [Object.getPrototypeOf(Uint8Array.prototype), 'findLast'],
    [Object.getPrototypeOf(Uint8Array.prototype), 'findLastIndex'],
    [Object, 'fromEntries'], [Object, 'hasOwn'], [Promise, 'allSettled'], [Promise, 'any'],
    [Promise.prototype, 'finally'], [Symbol.prototype, 'description'],
    [Buffer.prototype, 'toJSON'], [Buffer.prototype, 'toString'], [Buffer, 'from']
])js"_s;

} // namespace

void tst_ScriptPrelude::scriptsAreResources()
{
    const QStringList paths = ScriptPrelude::scriptPaths();
    QCOMPARE(paths, QStringList({u":/authdesk/script/js/polyfills.js"_s, u":/authdesk/script/js/lazy.js"_s, u":/authdesk/script/js/web.js"_s}));
    for (const QString &path : paths) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY(file.size() > 1000);
    }
}

void tst_ScriptPrelude::installsExactlyTheseGlobals()
{
    QJSEngine engine;
    evaluate(engine, u"var before = Object.getOwnPropertyNames(Function('return this')());"_s);
    install(engine);
    const QStringList added = evaluate(engine,
        u"Object.getOwnPropertyNames(Function('return this')()).filter(function (name) {"
        "    return before.indexOf(name) < 0 && name !== 'before'; }).sort()"_s)
                                  .toVariant()
                                  .toStringList();
    QCOMPARE(added, installedGlobals);
    // Replaced rather than added: Symbol (to remember descriptions) and Qt's URLSearchParams.
    VERIFY_JS(engine, u"Symbol('').description === '' && Symbol().description === undefined"_s);
}

void tst_ScriptPrelude::installTwiceIsIdempotent()
{
    QJSEngine engine;
    install(engine);
    // Every global and every installed member, as [name, value] pairs (but this test's own variable).
    const QString snapshot
        = u"(function () { var global = Function('return this')();"
          "  var values = Object.getOwnPropertyNames(global).filter(function (name) {"
          "      return name !== 'first'; }).sort().map(function (name) {"
          "      return [name, global[name]]; });"
          "  return values.concat(%1.map(function (member) {"
          "      var d = Object.getOwnPropertyDescriptor(member[0], member[1]);"
          "      return ['member ' + member[1], d.value || d.get]; })); })()"_s.arg(installedMembers);
    evaluate(engine, u"var first = "_s + snapshot + u";"_s);
    install(engine);
    const QJSValue changed = evaluate(engine,
        u"(function () { var second = "_s + snapshot
            + u"; if (second.length !== first.length) return 'the number of globals changed';"
              "  return first.filter(function (entry, i) {"
              "      return second[i][0] !== entry[0] || !Object.is(second[i][1], entry[1]); })"
              "      .map(function (entry) { return entry[0]; }).join(', '); })()"_s);
    QCOMPARE(changed.toString(), QString());
    // Still working after the second time.
    VERIFY_JS(engine, u"new URLSearchParams({ q: 'a b' }).toString() === 'q=a+b'"_s);
    VERIFY_JS(engine, u"Symbol('').description === '' && Symbol('x').description === 'x'"_s);
    VERIFY_JS(engine, u"Buffer.from('hi').toString('base64') === 'aGk='"_s);
}

void tst_ScriptPrelude::nativeMembersAreKept()
{
    QJSEngine engine;
    // A member that QJSEngine 6.4 has, and members that a newer Qt would have: stand-ins here.
    evaluate(engine,
        u"var nativeMap = Array.prototype.map;"
        "var standIn = function flat() { return 'native'; };"
        "Object.defineProperty(Array.prototype, 'flat', { value: standIn, writable: true, configurable: true });"
        "var standInReplaceAll = function replaceAll() { return 'native'; };"
        "Object.defineProperty(String.prototype, 'replaceAll', { value: standInReplaceAll, writable: true,"
        "    configurable: true });"
        "var standInAny = function any() { return 'native'; };"
        "Object.defineProperty(Promise, 'any', { value: standInAny, writable: true, configurable: true });"_s);
    install(engine);
    VERIFY_JS(engine, u"Array.prototype.map === nativeMap"_s);
    VERIFY_JS(engine, u"Array.prototype.flat === standIn && [].flat() === 'native'"_s);
    VERIFY_JS(engine, u"String.prototype.replaceAll === standInReplaceAll"_s);
    VERIFY_JS(engine, u"Promise.any === standInAny"_s);
    // What was missing is there.
    VERIFY_JS(engine, u"typeof Array.prototype.flatMap === 'function' && typeof Promise.allSettled === 'function'"_s);
}

void tst_ScriptPrelude::nativeGlobalsAreKept()
{
    QJSEngine engine;
    evaluate(engine,
        u"var global = Function('return this')();"
        "function NativeBuffer() {}"
        "function NativeHeaders() {}"
        "function NativeTextEncoder() {}"
        "var nativeAtob = function atob() { return 'native'; };"
        "global.Buffer = NativeBuffer; global.Headers = NativeHeaders; global.TextEncoder = NativeTextEncoder;"
        "global.atob = nativeAtob;"
        "var nativeGlobalThis = { stand: 'in' }; global.globalThis = nativeGlobalThis;"_s);
    install(engine);
    VERIFY_JS(engine, u"Buffer === NativeBuffer && Headers === NativeHeaders && TextEncoder === NativeTextEncoder"_s);
    VERIFY_JS(engine, u"atob === nativeAtob && globalThis === nativeGlobalThis"_s);
    VERIFY_JS(engine, u"typeof TextDecoder === 'function' && typeof btoa === 'function'"_s);
}

void tst_ScriptPrelude::qtsUrlSearchParamsIsReplaced()
{
    QJSEngine engine;
    // Qt 6.4 has a URLSearchParams of its own that writes a space as %20; Node writes '+'.
    evaluate(engine, u"var qtSearchParams = typeof URLSearchParams === 'function' ? URLSearchParams : null;"_s);
    install(engine);
    VERIFY_JS(engine, u"URLSearchParams !== qtSearchParams"_s);
    VERIFY_JS(engine, u"new URLSearchParams({ a: 'b c' }).toString() === 'a=b+c'"_s);

    // One that serialises like Node's is kept.
    QJSEngine other;
    evaluate(other,
        u"function RightSearchParams(init) { this.init = init; }"
        "RightSearchParams.prototype.toString = function () { return 'a=b+c%7E'; };"
        "RightSearchParams.prototype.sort = function () {};"
        "Object.defineProperty(RightSearchParams.prototype, 'size', { get: function () { return 1; } });"
        "URLSearchParams = RightSearchParams;"_s);
    install(other);
    VERIFY_JS(other, u"URLSearchParams === RightSearchParams"_s);
}

void tst_ScriptPrelude::installedMembersAreNotEnumerable()
{
    QJSEngine engine;
    install(engine);
    VERIFY_JS(engine,
        u"%1.every(function (member) {"
        "    return member[1] in member[0] && !member[0].propertyIsEnumerable(member[1]); })"_s.arg(installedMembers));
    VERIFY_JS(engine,
        u"(function () { var keys = []; for (var key in []) keys.push(key);"
        "    for (var key2 in '') keys.push(key2); return keys.length === 0; })()"_s);
    VERIFY_JS(engine, u"Object.keys(Array.prototype).length === 0 && Object.keys(Object).length === 0"_s);
    VERIFY_JS(engine, u"Object.keys(Buffer.from('ab')).join() === '0,1'"_s);
    // Interface objects are not enumerable, global functions are (WebIDL, and so in Node).
    VERIFY_JS(engine,
        u"(function () { var global = Function('return this')();"
        "    return ['Buffer', 'URLSearchParams', 'Headers', 'TextEncoder', 'TextDecoder', 'AbortController',"
        "        'AbortSignal', 'DOMException', 'Event', 'EventTarget', 'AggregateError', 'globalThis', 'Symbol']"
        "        .every(function (name) { return !global.propertyIsEnumerable(name); })"
        "        && ['atob', 'btoa', 'queueMicrotask'].every(function (name) {"
        "            return global.propertyIsEnumerable(name); }); })()"_s);
}

// web.js puts placeholders where its globals go, and the first use of one installs them all in place:
// then each is what it would have been had web.js installed it at once (ScriptPrelude's laziness).
void tst_ScriptPrelude::globalsAreInstalledAtFirstUse()
{
    QJSEngine engine;
    install(engine);
    evaluate(engine,
        u"var global = Function('return this')();"
        "var webGlobals = ['DOMException', 'Event', 'EventTarget', 'AbortSignal', 'AbortController',"
        "    'URLSearchParams', 'Headers', 'btoa', 'atob', 'TextEncoder', 'TextDecoder', 'Buffer'];"
        "var namesBefore = Object.getOwnPropertyNames(global).join();"
        "var placeholders = webGlobals.map(function (name) {"
        "    return Object.getOwnPropertyDescriptor(global, name); });"_s);
    // Not installed yet, but there: an accessor each, enumerable as the global will be.
    VERIFY_JS(engine,
        u"placeholders.every(function (d, i) { return typeof d.get === 'function' && d.configurable"
        "    && d.enumerable === (webGlobals[i] === 'btoa' || webGlobals[i] === 'atob'); })"_s);
    VERIFY_JS(engine, u"webGlobals.every(function (name) { return name in global; })"_s);
    // typeof reads it: the first use, after which every web global is a plain data property.
    VERIFY_JS(engine, u"typeof Buffer === 'function' && Buffer.from('hi').toString('hex') === '6869'"_s);
    VERIFY_JS(engine,
        u"webGlobals.every(function (name) { var d = Object.getOwnPropertyDescriptor(global, name);"
        "    return typeof d.value === 'function' && d.writable && d.configurable"
        "        && d.enumerable === (name === 'btoa' || name === 'atob'); })"_s);
    // In place: the global's property names, in the same order.
    VERIFY_JS(engine, u"Object.getOwnPropertyNames(global).join() === namesBefore"_s);
    VERIFY_JS(engine, u"new AbortController().signal instanceof EventTarget && btoa('hi') === 'aGk='"_s);
    // As web.js ran before host.js: no setTimeout then, so no AbortSignal.timeout.
    VERIFY_JS(engine, u"!('timeout' in AbortSignal)"_s);
}

void tst_ScriptPrelude::globalsChangedBeforeFirstUseStayChanged()
{
    QJSEngine engine;
    install(engine);
    // Deleted, redefined, made enumerable or non-configurable before their first use: as if after
    // web.js had installed them. Then the first use, an assignment.
    evaluate(engine,
        u"var global = Function('return this')();"
        "delete global.TextEncoder;"
        "Object.defineProperty(global, 'atob', { value: 'mine', writable: true, enumerable: false, configurable: true });"
        "Object.defineProperty(global, 'Event', { enumerable: true });"
        "Object.defineProperty(global, 'Buffer', { configurable: false });"
        "Headers = 5;"_s);
    VERIFY_JS(engine, u"Headers === 5 && !('TextEncoder' in global) && typeof TextEncoder === 'undefined'"_s);
    VERIFY_JS(engine,
        u"(function () { var d = Object.getOwnPropertyDescriptor(global, 'Headers');"
        "    return d.value === 5 && d.writable && !d.enumerable && d.configurable; })()"_s);
    VERIFY_JS(engine,
        u"(function () { var d = Object.getOwnPropertyDescriptor(global, 'atob');"
        "    return d.value === 'mine' && d.writable && !d.enumerable && d.configurable; })()"_s);
    VERIFY_JS(engine,
        u"(function () { var d = Object.getOwnPropertyDescriptor(global, 'Event');"
        "    return typeof d.value === 'function' && d.enumerable; })()"_s);
    VERIFY_JS(engine, u"typeof TextDecoder === 'function' && typeof btoa === 'function'"_s);
    // A placeholder that cannot be replaced stands for the global it would have become.
    VERIFY_JS(engine, u"typeof Buffer === 'function' && Buffer.from('hi').length === 2"_s);
    VERIFY_JS(engine, u"Buffer = 7, Buffer === 7 && !Object.getOwnPropertyDescriptor(global, 'Buffer').configurable"_s);
}

// host.js as ScriptRun installs it: its base at once, the rest (fetch, Response, crypto, and the
// modules of require) at first use.
void tst_ScriptPrelude::hostApisAreInstalledAtFirstUse()
{
    QJSEngine engine;
    QObject owner;
    ScriptInvocation invocation;
    invocation.fileName = u"test.js"_s;
    auto *host = new ScriptHost(&engine, invocation, &owner);
    const Result<bool> installed = ScriptPrelude::install(engine, host);
    QVERIFY2(installed.hasValue(), qPrintable(installed ? QString() : installed.error().message));
    evaluate(engine, u"var global = Function('return this')();"_s);
    VERIFY_JS(engine,
        u"['Response', 'fetch', 'crypto'].every(function (name) {"
        "    return typeof Object.getOwnPropertyDescriptor(global, name).get === 'function'; })"_s);
    VERIFY_JS(engine,
        u"typeof setTimeout === 'function' && typeof console.log === 'function'"
        "    && typeof __authdeskInvoke === 'function' && __authdeskRequire.knownModules.indexOf('axios') >= 0"_s);
    // Both web.js's and host.js's globals are still to be installed.
    VERIFY_JS(engine, u"typeof Object.getOwnPropertyDescriptor(global, 'Buffer').get === 'function'"_s);
    VERIFY_JS(engine,
        u"__authdeskRequire('crypto').createHash('sha256').update('abc').digest('hex')"
        "    === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'"_s);
    VERIFY_JS(engine,
        u"['Response', 'fetch', 'crypto'].every(function (name) {"
        "    var d = Object.getOwnPropertyDescriptor(global, name);"
        "    return 'value' in d && d.writable && !d.enumerable && d.configurable; })"_s);
    VERIFY_JS(engine, u"__authdeskRequire('node:crypto').webcrypto === crypto && crypto.randomUUID().length === 36"_s);
    VERIFY_JS(engine,
        u"(function () { var sdk = __authdeskRequire('@membranehq/sdk');"
        "    return new sdk.NotFoundError('x') instanceof sdk.BadRequestError; })()"_s);
    VERIFY_JS(engine, u"new Response('{\"a\":1}').ok && typeof __authdeskRequire('axios').get === 'function'"_s);
}

// An error the prelude creates carries the prelude's file ("qrc:...", which ScriptRun recognises) and
// the line of the script that created it, whichever module ran it.
void tst_ScriptPrelude::preludeErrorsPointIntoThePrelude()
{
    QJSEngine engine;
    install(engine);
    const QJSValue error = evaluate(engine, u"(function () { try { Buffer.alloc(-1); } catch (e) { return e; } })()"_s);
    QVERIFY(error.isError());
    QVERIFY2(error.property(u"fileName"_s).toString().startsWith(u"qrc:"_s),
        qPrintable(error.property(u"fileName"_s).toString()));
    QVERIFY2(error.property(u"fileName"_s).toString().endsWith(u"web.js"_s),
        qPrintable(error.property(u"fileName"_s).toString()));
    QFile web(u":/authdesk/script/js/web.js"_s);
    QVERIFY(web.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(web.readAll()).split(u'\n');
    const int line = error.property(u"lineNumber"_s).toInt();
    QVERIFY2(lines.value(line - 1).contains(u"new Constructor(message)"_s),
        qPrintable(u"line %1: %2"_s.arg(line).arg(lines.value(line - 1))));
}

void tst_ScriptPrelude::failingScriptIsLocated_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");

    QTest::newRow("syntax error") << u"var a = 1;\n\nvar b = {;\n"_s
                                  << u"broken.js:3:10: SyntaxError: Expected token `}'"_s;
    QTest::newRow("syntax QJSEngine 6.4 lacks")
        << u"var a = 1;\nvar f = async function () {};\n"_s << u"broken.js:2:15: SyntaxError: Expected token `;'"_s;
    QTest::newRow("type error") << u"var a = 1;\nnull.x;\n"_s
                                << u"broken.js:2: TypeError: Cannot read property 'x' of null"_s;
    QTest::newRow("thrown in a function") << u"(function () {\n  function f() {\n    throw new RangeError('deep');\n"
                                             "  }\n  f();\n})();\n"_s
                                          << u"broken.js:3: RangeError: deep"_s;
    QTest::newRow("thrown non-error") << u"\n\n\nthrow 5;\n"_s << u"broken.js:4: 5"_s;
}

void tst_ScriptPrelude::failingScriptIsLocated()
{
    QFETCH(QString, source);
    QFETCH(QString, message);

    QJSEngine engine;
    const Result<bool> installed = ScriptPrelude::installSource(engine, source, u"broken.js"_s);
    QVERIFY(!installed.hasValue());
    QCOMPARE(installed.error().code, ErrorCode::Internal);
    QCOMPARE(installed.error().message, message);
}

void tst_ScriptPrelude::returnedErrorIsNoFailure()
{
    QJSEngine engine;
    // The completion value of a script may be an Error object without anything having been thrown.
    const Result<bool> installed = ScriptPrelude::installSource(engine, u"new Error('returned')"_s, u"fine.js"_s);
    QVERIFY(installed.hasValue());
}

QTEST_GUILESS_MAIN(tst_ScriptPrelude)
#include "tst_scriptprelude.moc"
