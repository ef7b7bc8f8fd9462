// SourceFrontEnd: connector source written for Node.js (JavaScript or TypeScript, ES modules or
// CommonJS) into the ES2017 CommonJS that QJSEngine 6.4 runs, with positions mapped back.
//  - transforms: the exact output of each lowering (with every feature lowered, as Qt 6.4 needs),
//    which QJSEngine must also compile;
//  - runs: the lowered code run through ScriptJob (prelude, host, lowering.js) gives what Node.js
//    20 gave for the same file (TypeScript compiled by the TypeScript 5.9 compiler for Node);
//  - errors: unsupported constructs and unknown imports fail at load, located in the file;
//  - positions of the output, of engine syntax errors and of runtime exceptions map back.
#include "script/enginefeatures.h"
#include "script/scriptjob.h"
#include "script/sourceeditor.h"
#include "script/sourcefrontend.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Authdesk;

class tst_SourceFrontEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plainCommonJsIsUnchanged();
    void transforms_data();
    void transforms();
    void runs_data();
    void runs();
    void errors_data();
    void errors();
    void positionsMapBack_data();
    void positionsMapBack();
    void runtimeErrorsPointAtTheOriginalLine_data();
    void runtimeErrorsPointAtTheOriginalLine();
    void engineSyntaxErrorIsMapped();
    void connectorFilesLoad_data();
    void connectorFilesLoad();
    void connectorFilesRunThroughScriptJob_data();
    void connectorFilesRunThroughScriptJob();
    void onlyMissingFeaturesAreLowered();
    void engineFeaturesProbe();
    void importsNeedKnownModules();
    void deepNestingOnASmallStack();
    void memoryAndDiskCache();
    void editorOrdersInsertionsAndMoves();
    void positionMapSerialization();

private:
    ScriptJob *run(const QString &fileName, const QString &source, const QString &method = u"test"_s,
        const QJsonObject &arguments = {});
    static QString compileError(const QString &code);
};

void tst_SourceFrontEnd::initTestCase()
{
    SourceFrontEnd::setDiskCacheDirectory(QString()); // tests that want it set their own
}

ScriptJob *tst_SourceFrontEnd::run(
    const QString &fileName, const QString &source, const QString &method, const QJsonObject &arguments)
{
    ScriptInvocation invocation;
    invocation.fileName = fileName;
    invocation.source = source;
    invocation.methodName = method;
    invocation.arguments = arguments;
    invocation.timeout = std::chrono::seconds(20);
    auto *job = new ScriptJob(invocation, this);
    QSignalSpy spy(job, &ScriptJob::finished);
    job->start();
    if (!spy.wait(60000))
        qFatal("script job did not finish");
    return job;
}

// Evaluates the code in QJSEngine's module wrapper without running it; the SyntaxError if any.
QString tst_SourceFrontEnd::compileError(const QString &code)
{
    QJSEngine engine;
    QStringList stack;
    const QJSValue value
        = engine.evaluate(u"(function (exports, require, module, __filename, __dirname) {"_s + code + u"\n})"_s,
            u"compiled.js"_s, 1, &stack);
    return stack.isEmpty() ? QString() : value.toString() + u" at "_s + stack.join(u' ');
}

void tst_SourceFrontEnd::plainCommonJsIsUnchanged()
{
    const QString source = u"module.exports = function (a) { return a.b + 1; };\n"_s;
    const auto prepared = SourceFrontEnd::prepare(source, u"a.js"_s, EngineFeatures::none());
    QVERIFY(prepared);
    QCOMPARE(prepared->code, source);
    QVERIFY(prepared->map.isIdentity());
    QVERIFY(!prepared->isModule);
}

void tst_SourceFrontEnd::transforms_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ts variable annotations")
        << u"a.ts"_s << u"let a: number = 1, b: Map<string, Array<number>>;"_s << u"let a = 1, b;"_s;
    QTest::addRow("ts glued tokens keep a space")
        << u"a.ts"_s << u"class A<T>extends B {}"_s << u"class A extends B {}"_s;
    QTest::addRow("ts interface keeps lines")
        << u"a.ts"_s << u"interface I {\n  a: number;\n}\nlet i: I = { a: 1 };"_s << u";\n\n\nlet i = { a: 1 };"_s;
    QTest::addRow("ts type alias before parenthesis")
        << u"a.ts"_s << u"const a = b\ntype T = string\n(c)"_s << u"const a = b;\n;\n(c);"_s;
    QTest::addRow("ts parameter properties")
        << u"a.ts"_s << u"class A { constructor(private a: string, public b = 1) { go(); } }"_s
        << u"class A { constructor( a,  b = 1) { this.a = a; this.b = b;  go(); } }"_s;
    QTest::addRow("ts enum")
        << u"a.ts"_s << u"enum E { A, B = 4, C, D = 'd' }"_s
        << u"var E; (function (E) {E[E[\"A\"] = 0] = \"A\"; E[E[\"B\"] = 4] = \"B\"; E[E[\"C\"] = 5] = \"C\"; E[\"D\"] = 'd'; })(E || (E = {}));"_s;
    QTest::addRow("ts import equals and export equals")
        << u"a.ts"_s << u"import axios = require('axios');\nexport = axios;"_s
        << u"\"use strict\";var axios = require('axios');\nmodule.exports = axios;"_s;
    QTest::addRow("ts import elision") << u"a.ts"_s << u"import { A, B } from 'axios';\nlet a: A = B;"_s
                                       << u"\"use strict\";var _axios = require('axios'), B = _axios.B;\nlet a = B;"_s;
    QTest::addRow("esm default import") << u"a.js"_s << u"import axios from 'axios';"_s
                                        << u"\"use strict\";var axios = __authdeskImportDefault(require('axios'));"_s;
    QTest::addRow("esm namespace import")
        << u"a.js"_s << u"import * as sdk from '@integration-app/sdk';"_s
        << u"\"use strict\";var sdk = __authdeskImportStar(require('@integration-app/sdk'));"_s;
    QTest::addRow("esm named and default import")
        << u"a.js"_s << u"import axios, { get, default as d } from 'axios';"_s
        << u"\"use strict\";var _axios = require('axios'), axios = __authdeskImportDefault(_axios), get = _axios.get, d = __authdeskImportDefault(_axios);"_s;
    QTest::addRow("esm side-effect import")
        << u"a.js"_s << u"import 'crypto';"_s << u"\"use strict\";require('crypto');"_s;
    QTest::addRow("esm multi-line import keeps lines")
        << u"a.js"_s << u"import {\n  get,\n  post,\n} from 'axios';\nget();"_s
        << u"\"use strict\";var _axios = require('axios'), get = _axios.get, post = _axios.post;\n\n\n\nget();"_s;
    QTest::addRow("esm export declarations")
        << u"a.js"_s << u"export const a = 1, { b } = c;\nexport function f() {}\nexport class K {}"_s
        << u"\"use strict\";const a = 1, { b } = c;\nfunction f() {}\nclass K {}\nexports.a = a; exports.b = b; exports.f = f; exports.K = K;"_s;
    QTest::addRow("esm export list") << u"a.js"_s << u"const a = 1;\nexport { a as default, a };"_s
                                     << u"\"use strict\";const a = 1;\n\nexports.default = a; exports.a = a;"_s;
    QTest::addRow("esm export default function") << u"a.js"_s << u"export default function main() {}"_s
                                                 << u"\"use strict\";function main() {};\nexports.default = main;"_s;
    QTest::addRow("esm export default anonymous function")
        << u"a.js"_s << u"export default async function () { await x; }"_s
        << u"\"use strict\";exports.default =  function () { return __authdeskAsync(this, arguments, function* () { (yield x); });};"_s;
    QTest::addRow("esm export default expression")
        << u"a.js"_s << u"export default { a: 1 }"_s << u"\"use strict\";exports.default = { a: 1 };"_s;
    QTest::addRow("esm re-exports")
        << u"a.js"_s
        << u"export * from 'axios';\nexport * as sdk from '@integration-app/sdk';\nexport { default as client } from 'axios';"_s
        << u"\"use strict\";__authdeskExportStar(require('axios'), exports);\nexports.sdk = __authdeskImportStar(require('@integration-app/sdk'));\nvar _reexport = require('axios'); exports.client = __authdeskImportDefault(_reexport);"_s;
    QTest::addRow("legacy octal") << u"a.js"_s << u"x = [017, 08, '\\033[0m', '\\0'];"_s
                                  << u"x = [15, 8, '\\x1b[0m', '\\0'];"_s;
    QTest::addRow("ts removed text keeps tokens apart")
        << u"a.ts"_s << u"x = 1!.toFixed() + a+<T>+b;"_s << u"x = 1 .toFixed() + a+ +b;"_s;
    QTest::addRow("optional catch binding")
        << u"a.js"_s << u"try { a(); } catch { b(); }"_s << u"try { a(); } catch (_e) { b(); }"_s;
    QTest::addRow("numeric separators") << u"a.js"_s << u"x = 1_000 + 0xF_F;"_s << u"x = 1000 + 0xFF;"_s;
    QTest::addRow("logical assignment identifier") << u"a.js"_s << u"a ?\?= b;"_s << u"(a ?\? (a = b));"_s;
    QTest::addRow("logical assignment member")
        << u"a.js"_s << u"o.p ||= 1; f().q &&= 2; o[k()] ?\?= 3; this.r ?\?= 4;"_s
        << u"var _a, _b; (o.p || (o.p = 1)); ((_a = f()).q && (_a.q = 2)); (o[(_b = k())] ?\? (o[_b] = 3)); (this.r ?\? (this.r = 4));"_s;
    QTest::addRow("logical assignment inside arrow body")
        << u"a.js"_s << u"const f = () => g().h ?\?= 1;"_s
        << u"const f = () => { var _a; return ((_a = g()).h ?\? (_a.h = 1)); };"_s;
    QTest::addRow("object spread") << u"a.js"_s << u"x = { a, ...b, c, ...d, ...e };"_s
                                   << u"x = __authdeskSpread(__authdeskSpread(__authdeskDefineAll(__authdeskSpread({ a, }, b), { c, }), d) , e );"_s;
    QTest::addRow("object spread only") << u"a.js"_s << u"x = { ...b };"_s << u"x = __authdeskSpread({ }, b );"_s;
    QTest::addRow("object rest declaration")
        << u"a.js"_s << u"const { a, ...r } = o;"_s << u"const { a } = o, r = __authdeskRest(o, [\"a\"]);"_s;
    QTest::addRow("object rest declaration with call")
        << u"a.js"_s << u"const { a, b: { c, ...r2 }, ...r } = f();"_s
        << u"var _a; const { a, b: _u } = (_a = f()), r = __authdeskRest(_a, [\"a\", \"b\"]), { c } = _u, r2 = __authdeskRest(_u, [\"c\"]);"_s;
    QTest::addRow("object rest parameter")
        << u"a.js"_s << u"function f(x, { a, ...r } = {}) { return r; }"_s
        << u"function f(x, _p = {}) {var { a } = _p, r = __authdeskRest(_p, [\"a\"]);  return r; }"_s;
    QTest::addRow("object rest arrow parameter")
        << u"a.js"_s << u"const f = ({ a, ...r }) => r;"_s
        << u"const f = (_p) => { var { a } = _p, r = __authdeskRest(_p, [\"a\"]); return r; };"_s;
    QTest::addRow("object rest assignment") << u"a.js"_s << u"({ a, ...r } = o);"_s
                                            << u"var _a; (({ a } = _a = o, r = __authdeskRest(_a, [\"a\"]), _a));"_s;
    QTest::addRow("object rest for-of")
        << u"a.js"_s << u"for (const { a, ...r } of list) use(r);"_s
        << u"for (const _t of list) { const { a } = _t, r = __authdeskRest(_t, [\"a\"]); use(r); }"_s;
    QTest::addRow("object rest for-of without spaces")
        << u"a.js"_s << u"for (const{a,...r}of list) use(r)"_s
        << u"for (const _t of list) { const {a} = _t, r = __authdeskRest(_t, [\"a\"]); use(r) };"_s;
    QTest::addRow("class fields")
        << u"a.js"_s << u"class A { x = 1; static y = this.x; z; }"_s
        << u"let _AClass = __authdeskClass(); class A { constructor() { __authdeskDefineField(this, _AClass, \"__authdeskField_1\", \"x\"); __authdeskDefineField(this, _AClass, null, \"z\"); } __authdeskField_1() { return 1; } static __authdeskField_2() { return this.x; }  } __authdeskClassInstall(_AClass, A); __authdeskDefineField(A, _AClass, \"__authdeskField_2\", \"y\");"_s;
    QTest::addRow("class fields derived")
        << u"a.js"_s << u"class B extends A { x = 1; constructor() { super(); go(); } }"_s
        << u"let _BClass = __authdeskClass(); class B extends A { __authdeskField_1() { return 1; } constructor() { super(); __authdeskDefineField(this, _BClass, \"__authdeskField_1\", \"x\");  go(); } } __authdeskClassInstall(_BClass, B);"_s;
    QTest::addRow("class fields derived default constructor")
        << u"a.js"_s << u"class B extends A { x = 1; }"_s
        << u"let _BClass = __authdeskClass(); class B extends A { constructor(...args) { super(...args); __authdeskDefineField(this, _BClass, \"__authdeskField_1\", \"x\"); } __authdeskField_1() { return 1; } } __authdeskClassInstall(_BClass, B);"_s;
    QTest::addRow("class expression statics")
        << u"a.js"_s << u"const C = class { static a = 1; static { go(this); } };"_s
        << u"var _CClass, _a; const C = (_CClass = __authdeskClass(), _a = class { static __authdeskField_1() { return 1; } static __authdeskField_2() { go(this); } }, __authdeskClassInstall(_CClass, _a, \"C\"), __authdeskDefineField(_a, _CClass, \"__authdeskField_1\", \"a\"), __authdeskStaticBlock(_CClass, _a, \"__authdeskField_2\"), _a);"_s;
    QTest::addRow("async function")
        << u"a.js"_s << u"async function f(a) { return await a; }"_s
        << u" function f(a) { return __authdeskAsync(this, arguments, function* () { return (yield a); });}"_s;
    QTest::addRow("async arrow expression")
        << u"a.js"_s << u"const f = async (a) => await a + 1;"_s
        << u"const f =  (a) => __authdeskAsync(this, arguments, function* () { return (yield a) + 1; });"_s;
    QTest::addRow("async arrow block")
        << u"a.js"_s << u"const f = async () => { await g(); };"_s
        << u"const f =  () => { return __authdeskAsync(this, arguments, function* () { (yield g()); });};"_s;
    QTest::addRow("async method with super")
        << u"a.js"_s << u"class C extends B { async m() { return super.m(await 1); } }"_s
        << u"class C extends B {  m() { var _super = (name) => super[name]; return __authdeskAsync(this, arguments, function* () { return _super(\"m\").call(this, (yield 1)); });} }"_s;
    QTest::addRow("async object method")
        << u"a.js"_s << u"o = { async m() { await 1; } };"_s
        << u"o = {  m() { return __authdeskAsync(this, arguments, function* () { (yield 1); });} };"_s;
    QTest::addRow("await precedence")
        << u"a.js"_s << u"async function f() { return -await a * (await b) ** 2 + typeof await c; }"_s
        << u" function f() { return __authdeskAsync(this, arguments, function* () { return -(yield a) * ((yield b)) ** 2 + typeof (yield c); });}"_s;
    QTest::addRow("regex dotall") << u"a.js"_s << u"x = /a.b[.]c\\./gs;"_s << u"x = __authdeskRegExp(/a[\\s\\S]b[.]c\\./g, \"a.b[.]c\\\\.\", \"gs\", []);"_s;
    QTest::addRow("asi gets explicit semicolons")
        << u"a.js"_s << u"a = b\nc ?\?= d\nreturn_ = e"_s << u"a = b;\n(c ?\? (c = d));\nreturn_ = e;"_s;
    QTest::addRow("private members")
        << u"a.js"_s << u"class A { #x = 1; #m() {} static #s; t(o) { this.#x += 2; o.#x++; return #x in o && this.#m(1); } }"_s
        << u"let _AClass = __authdeskClass({ \"#x\": \"field\", \"#m\": \"method\", \"#s\": \"static field\" }); class A { constructor() { __authdeskPrivateBrand(this, _AClass); __authdeskPrivateField(this, _AClass, \"__authdeskField_1\", \"#x\"); } __authdeskField_1() { return 1; } \"#m\"() {}  t(o) { __authdeskPrivateSet(this, _AClass, \"#x\", __authdeskPrivateGet(this, _AClass, \"#x\") + (2)); __authdeskPrivateUpdate(o, _AClass, \"#x\", 1, false); return __authdeskPrivateIn(_AClass, \"#x\", o) && __authdeskPrivateCall(this, _AClass, \"#m\", 1); } } __authdeskClassInstall(_AClass, A); __authdeskPrivateField(A, _AClass, null, \"#s\");"_s;
    QTest::addRow("private logical assignment")
        << u"a.js"_s << u"class A { #v; get() { return this.#v ?\?= f(); } }"_s
        << u"let _AClass = __authdeskClass({ \"#v\": \"field\" }); class A { constructor() { __authdeskPrivateField(this, _AClass, null, \"#v\"); }  get() { return (__authdeskPrivateGet(this, _AClass, \"#v\") ?\? __authdeskPrivateSet(this, _AClass, \"#v\", f())); } } __authdeskClassInstall(_AClass, A);"_s;
    QTest::addRow("regex named groups")
        << u"a.js"_s << u"x = /(?<y>\\d+)-(\\d)/;"_s
        << u"x = __authdeskRegExp(/(?<y>\\d+)-(\\d)/, \"(?<y>\\\\d+)-(\\\\d)\", \"\", [\"y\", \"\"]);"_s;
    QTest::addRow("async parameters move into the generator")
        << u"a.js"_s << u"async function f(a, { b } = {}) { return a; }"_s
        << u" function f(_p) { return __authdeskAsync(this, arguments, function* (a, { b } = {}) { return a; });}"_s;
    QTest::addRow("async arrow parameters move into the generator")
        << u"a.js"_s << u"const g = async (a, b = 1) => a + b;"_s
        << u"const g =  (_p, ..._args) => __authdeskAsync(this, [_p].concat(_args), function* (a, b = 1) { return a + b; });"_s;
    QTest::addRow("imports are hoisted")
        << u"a.js"_s << u"f();\nimport { get } from \"axios\";\nfunction f() { return get; }"_s
        << u"\"use strict\";var _axios = require(\"axios\"), get = _axios.get;f();\n\nfunction f() { return get; }"_s;
    QTest::addRow("ts return type over lines before an arrow")
        << u"a.ts"_s << u"const g = (x: number): {\n  a: number\n} => x;"_s << u"const g = (x) =>\n\n x;"_s;
    QTest::addRow("hashbang") << u"a.js"_s << u"#!/usr/bin/env node\nx = 1;"_s << u"///usr/bin/env node\nx = 1;"_s;
}

void tst_SourceFrontEnd::transforms()
{
    QFETCH(QString, fileName);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const auto prepared = SourceFrontEnd::prepare(source, fileName, EngineFeatures::none());
    QVERIFY2(prepared, qPrintable(prepared ? QString() : prepared.error().toString()));
    QCOMPARE(prepared->code, expected);
    const QString error = compileError(prepared->code);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Lowering keeps the lines (the module epilogue may add one at the end).
    const qsizetype lines = SourcePositionMap::lineStarts(source).size();
    const qsizetype outputLines = SourcePositionMap::lineStarts(prepared->code).size();
    QVERIFY2(outputLines == lines || outputLines == lines + 1, qPrintable(QString::number(outputLines)));
}

void tst_SourceFrontEnd::runs_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("node"); // JSON.stringify of what Node.js 20 returned
    QTest::addRow("ts annotations and casts")
        << u"a.ts"_s
        << u"interface P { a: number; b?: string }\ntype N = number;\nexport default function (p: Partial<P>): N { const q: P = { a: 2, ...p }; const x = <number>q.a; const y = q.a as number; return x! + (y satisfies number); }"_s
        << u"4"_s;
    QTest::addRow("ts class modifiers and parameter properties")
        << u"a.ts"_s
        << u"abstract class Shape<T> { protected abstract area(): number; constructor(private readonly name: string, public size: number = 2) {} describe(): string { return `${this.name}:${this.size}:${this.area()}`; } }\nclass Square extends Shape<number> { declare extra: string; area(): number { return this.size * this.size; } }\nexport default () => [new Square('sq').describe(), new Square('big', 5).describe()];"_s
        << u"[\"sq:2:4\",\"big:5:25\"]"_s;
    QTest::addRow("ts enums")
        << u"a.ts"_s
        << u"enum Color { Red, Green = 5, Blue }\nconst enum Dir { Up = 'UP', Down = 'DOWN' }\nenum Bits { A = 1 << 0, B = 1 << 1, AB = A | B, C }\nexport default () => [Color.Red, Color.Blue, Color[5], Dir.Down, Bits.AB, Bits.C, Object.keys(Color).length];"_s
        << u"[0,6,\"Green\",\"DOWN\",3,4,6]"_s;
    QTest::addRow("ts overloads generics")
        << u"a.ts"_s
        << u"function pick(a: string): string;\nfunction pick(a: number): number;\nfunction pick(a: any) { return a; }\nconst id = <T,>(x: T): T => x;\nclass Box<T> { constructor(public value: T) {} map<U>(f: (t: T) => U): Box<U> { return new Box<U>(f(this.value)); } }\nexport default () => [pick('a'), id<number>(2), new Box(3).map<string>((n) => `n${n}`).value, new Map<string, number>([['k', 1]]).get('k')];"_s
        << u"[\"a\",2,\"n3\",1]"_s;
    QTest::addRow("ts type-only imports are elided")
        << u"a.ts"_s
        << u"import type { Foo } from './types';\nimport { type Bar, Baz } from './more';\nlet f: Foo | Bar | Baz;\nexport default () => 'no runtime import';"_s
        << u"\"no runtime import\""_s;
    QTest::addRow("ts definite assignment and optional")
        << u"a.ts"_s
        << u"let x!: number;\nx = 4;\nfunction f(a?: number, b: number = 1): number { return (a ?\? 10) + b; }\nexport default () => [x, f(), f(1, 2)];"_s
        << u"[4,11,3]"_s;
    QTest::addRow("ts arrow return type in conditional")
        << u"a.ts"_s
        << u"const pick = (c: boolean) => c ? (a: number): number => a * 2 : (a: number): number => a;\nexport default () => [pick(true)(3), pick(false)(3)];"_s
        << u"[6,3]"_s;
    QTest::addRow("ts non-null and satisfies in chains")
        << u"a.ts"_s
        << u"const m: Record<string, { v?: number }> = { a: { v: 1 } };\nexport default () => m['a']!.v! + (m.a satisfies object ? 1 : 0);"_s
        << u"2"_s;
    QTest::addRow("ts export equals") << u"a.ts"_s << u"function main() { return 'ok'; }\nexport = main;"_s
                                      << u"\"ok\""_s;
    QTest::addRow("esm named exports")
        << u"a.js"_s
        << u"export const a = 1, { b } = { b: 2 };\nexport function f() { return a + b; }\nexport class K {}\nexport { f as default, a as aa };"_s
        << u"3"_s;
    QTest::addRow("esm default expression")
        << u"a.js"_s << u"const x = 20;\nexport default (() => x + 1);"_s << u"21"_s;
    QTest::addRow("esm import axios default and namespace")
        << u"a.js"_s
        << u"import axios from 'axios';\nimport * as ns from 'axios';\nexport default () => [typeof axios, typeof axios.get, typeof ns.default, typeof ns.default.create];"_s
        << u"[\"function\",\"function\",\"function\",\"function\"]"_s;
    QTest::addRow("esm dynamic import")
        << u"a.js"_s << u"export default async () => { const m = await import('axios'); return typeof m.default; };"_s
        << u"\"function\""_s;
    QTest::addRow("esm re-export")
        << u"a.js"_s
        << u"export { default as client } from 'axios';\nexport * as http from 'axios';\nexport default () => 'main';"_s
        << u"\"main\""_s;
    QTest::addRow("commonjs untouched")
        << u"a.js"_s << u"var parts = [];\nmodule.exports = function () { return parts.concat(['cjs']); };"_s
        << u"[\"cjs\"]"_s;
    QTest::addRow("legacy octal literals and escapes")
        << u"a.js"_s
        << u"module.exports = () => [017, 08, 0777, 09.5, '\\033[0m'.length, '\\08'.length, '\\8\\9', 'a\\101b', '\\400', '\\1x'.charCodeAt(0)];"_s
        << u"[15,8,511,9.5,4,2,\"89\",\"aAb\",\" 0\",1]"_s;
    QTest::addRow("ts non-null after a number")
        << u"a.ts"_s << u"const a: { b?: number } = { b: 2 };\nexport default () => 1!.toFixed(1) + a!.b!;"_s
        << u"\"1.02\""_s;
    QTest::addRow("optional catch binding")
        << u"a.js"_s << u"export default () => { try { JSON.parse('{'); } catch { return 'caught'; } };"_s
        << u"\"caught\""_s;
    QTest::addRow("numeric separators") << u"a.js"_s
                                        << u"export default () => [1_000_000, 0xFF_FF, 0b1010_0101, 1_0.0_1, .5e1_0];"_s
                                        << u"[1000000,65535,165,10.01,5000000000]"_s;
    QTest::addRow("logical assignment identifiers")
        << u"a.js"_s
        << u"export default () => { let a = null, b = 0, c = 1, d = 'keep'; a ?\?= 'set'; b ||= 'or'; c &&= 'and'; d ?\?= 'no'; return [a, b, c, d]; };"_s
        << u"[\"set\",\"or\",\"and\",\"keep\"]"_s;
    QTest::addRow("logical assignment members evaluate once")
        << u"a.js"_s
        << u"export default () => { const log = []; const o = { x: null, y: 0 }; const get = () => { log.push('obj'); return o; }; const key = () => { log.push('key'); return 'y'; }; get().x ?\?= 1; get()[key()] ||= 2; get().x &&= 3; return [o, log]; };"_s
        << u"[{\"x\":3,\"y\":2},[\"obj\",\"obj\",\"key\",\"obj\"]]"_s;
    QTest::addRow("logical assignment short circuits")
        << u"a.js"_s
        << u"export default () => { let calls = 0; const f = () => { calls++; return 9; }; let a = 1, b = 0, c = null; a ||= f(); b &&= f(); c ?\? 0; c ?\?= f(); return [a, b, c, calls]; };"_s
        << u"[1,0,9,1]"_s;
    QTest::addRow("object spread order and overrides")
        << u"a.js"_s
        << u"export default () => { const a = { x: 1, y: 2 }; return [{ ...a }, { ...a, y: 3 }, { y: 0, ...a }, { ...a, ...{ z: 4 } }, { ...null, ...undefined, ...'hi', ...[7] }]; };"_s
        << u"[{\"x\":1,\"y\":2},{\"x\":1,\"y\":3},{\"y\":2,\"x\":1},{\"x\":1,\"y\":2,\"z\":4},{\"0\":7,\"1\":\"i\"}]"_s;
    QTest::addRow("object spread evaluation order")
        << u"a.js"_s
        << u"export default () => { const log = []; const t = (v) => { log.push(v); return { [v]: v }; }; const o = { a: log.push('a'), ...t('b'), c: log.push('c'), ...t('d') }; return [Object.keys(o), log]; };"_s
        << u"[[\"a\",\"b\",\"c\",\"d\"],[\"a\",\"b\",\"c\",\"d\"]]"_s;
    QTest::addRow("object spread keeps literal getters")
        << u"a.js"_s
        << u"export default () => { let n = 0; const o = { ...{ a: 1 }, get b() { return ++n; } }; return [o.b, o.b, Object.getOwnPropertyDescriptor(o, 'b').get !== undefined]; };"_s
        << u"[1,2,true]"_s;
    QTest::addRow("object spread copies getter values")
        << u"a.js"_s
        << u"export default () => { const src = { get v() { return 'got'; } }; const o = { ...src }; return [o.v, Object.getOwnPropertyDescriptor(o, 'v').value]; };"_s
        << u"[\"got\",\"got\"]"_s;
    QTest::addRow("object rest in declarations")
        << u"a.js"_s
        << u"export default () => { const { a, ...r } = { a: 1, b: 2, c: 3 }; const { x: { y, ...r2 }, ...r3 } = { x: { y: 1, z: 2 }, w: 3 }; const [p, { q, ...r4 }] = [1, { q: 2, s: 3 }]; return [a, r, y, r2, r3, p, q, r4]; };"_s
        << u"[1,{\"b\":2,\"c\":3},1,{\"z\":2},{\"w\":3},1,2,{\"s\":3}]"_s;
    QTest::addRow("object rest with defaults and computed keys")
        << u"a.js"_s
        << u"export default () => { const k = 'b'; const { a = 5, [k]: bee, ...r } = { b: 2, c: 3 }; return [a, bee, r]; };"_s
        << u"[5,2,{\"c\":3}]"_s;
    QTest::addRow("object rest in parameters")
        << u"a.js"_s
        << u"const f = ({ a, ...rest }) => [a, rest];\nfunction g(x, { b, ...r } = { b: 5, c: 6 }) { return [x, b, r]; }\nexport default () => [f({ a: 1, b: 2 }), g(0), g(1, { b: 2, d: 3 })];"_s
        << u"[[1,{\"b\":2}],[0,5,{\"c\":6}],[1,2,{\"d\":3}]]"_s;
    QTest::addRow("object rest in assignment expressions")
        << u"a.js"_s
        << u"export default () => { let a, r, n; const v = ({ a, ...r } = { a: 1, b: 2 }); [n, { ...r }] = [0, { z: 9 }]; return [a, r, v, n]; };"_s
        << u"[1,{\"z\":9},{\"a\":1,\"b\":2},0]"_s;
    QTest::addRow("object rest in for-of and catch")
        << u"a.js"_s
        << u"export default () => { const out = []; for (const { id, ...data } of [{ id: 1, v: 'a' }, { id: 2, v: 'b' }]) out.push([id, data]); try { throw { code: 1, msg: 'x' }; } catch ({ code, ...info }) { out.push([code, info]); } return out; };"_s
        << u"[[1,{\"v\":\"a\"}],[2,{\"v\":\"b\"}],[1,{\"msg\":\"x\"}]]"_s;
    QTest::addRow("object rest skips non-enumerable and keeps symbols")
        << u"a.js"_s
        << u"export default () => { const s = Symbol('s'); const o = Object.defineProperty({ a: 1, [s]: 2 }, 'hidden', { value: 3, enumerable: false }); const { a, ...r } = o; return [Object.keys(r), r[s], 'hidden' in r]; };"_s
        << u"[[],2,false]"_s;
    QTest::addRow("class instance fields")
        << u"a.js"_s
        << u"class A { x = 1; y = this.x + 1; ['z'] = 3; n; }\nexport default () => { const a = new A(); return [a, 'n' in a]; };"_s
        << u"[{\"x\":1,\"y\":2,\"z\":3},true]"_s;
    QTest::addRow("class static fields and blocks")
        << u"a.js"_s
        << u"class A { static s = 5; static t = this.s * 2; static { this.u = A.t + 1; } }\nconst B = class { static a = 1; static b = this.a + 1; };\nexport default () => [A.s, A.t, A.u, B.a, B.b];"_s
        << u"[5,10,11,1,2]"_s;
    QTest::addRow("class fields in derived classes")
        << u"a.js"_s
        << u"class Base { constructor() { this.fromBase = this.describe(); } describe() { return 'base'; } }\nclass D extends Base { field = 'f'; constructor(k) { super(); this.k = k; } describe() { return 'derived:' + this.field; } }\nclass E extends Base { g = 2; }\nexport default () => [new D(1), new E()];"_s
        << u"[{\"fromBase\":\"derived:undefined\",\"field\":\"f\",\"k\":1},{\"fromBase\":\"base\",\"g\":2}]"_s;
    QTest::addRow("class fields use super")
        << u"a.js"_s
        << u"class B { static s() { return 'static'; } m() { return 'm'; } }\nclass C extends B { static t = super.s(); f = super.m(); }\nexport default () => [C.t, new C().f];"_s
        << u"[\"static\",\"m\"]"_s;
    QTest::addRow("class field arrow keeps this")
        << u"a.js"_s
        << u"class Counter { count = 0; inc = () => ++this.count; }\nexport default () => { const c = new Counter(); const inc = c.inc; inc(); inc(); return c.count; };"_s
        << u"2"_s;
    QTest::addRow("async function basics")
        << u"a.js"_s
        << u"export default async function () { const a = await 1; const b = await Promise.resolve(2); const c = await (async () => 3)(); return a + b + c; }"_s
        << u"6"_s;
    QTest::addRow("async await precedence")
        << u"a.js"_s
        << u"const v = async (x) => x;\nexport default async () => [await v(2) * 3, -await v(1), !await v(0), typeof await v('s'), (await v([1, 2])).length, `t${await v('x')}`, await v(1) ? await v('yes') : 'no'];"_s
        << u"[6,-1,true,\"string\",2,\"tx\",\"yes\"]"_s;
    QTest::addRow("async this and arguments")
        << u"a.js"_s
        << u"class A { constructor() { this.v = 4; } async m(x) { await null; return [this.v, x, arguments.length]; } }\nfunction F() { this.v = 5; this.f = async () => { await 0; return this.v; }; }\nexport default async () => [await new A().m(1, 2), await new F().f()];"_s
        << u"[[4,1,2],5]"_s;
    QTest::addRow("async arrow arguments are the outer function's")
        << u"a.js"_s
        << u"function outer() { const inner = async () => { await 0; return Array.from(arguments); }; return inner('ignored'); }\nexport default () => outer(1, 2);"_s
        << u"[1,2]"_s;
    QTest::addRow("async errors and finally")
        << u"a.js"_s
        << u"export default async () => { const log = []; try { await Promise.reject(new Error('boom')); } catch (e) { log.push('caught ' + e.message); } finally { log.push('finally'); } try { await (async () => { throw new TypeError('inner'); })(); } catch (e) { log.push(e.name); } return log; };"_s
        << u"[\"caught boom\",\"finally\",\"TypeError\"]"_s;
    QTest::addRow("async rejection propagates")
        << u"a.js"_s
        << u"const fail = async () => { await null; throw new Error('late'); };\nexport default async () => { try { await fail(); return 'no'; } catch (e) { return e.message; } };"_s
        << u"\"late\""_s;
    QTest::addRow("async loops with continue and break")
        << u"a.js"_s
        << u"export default async () => { const out = []; for (let i = 0; i < 5; i++) { if (i === 1) continue; if (i === 4) break; out.push(await i); } let j = 0; while (j < 3) { j = await (j + 1); } for (const x of [1, 2]) out.push(await x * 10); return [out, j]; };"_s
        << u"[[0,2,3,10,20],3]"_s;
    QTest::addRow("async closures in loops")
        << u"a.js"_s
        << u"export default async () => { const fs = []; for (let i = 0; i < 3; i++) { await null; fs.push(() => i); } return fs.map((f) => f()); };"_s
        << u"[0,1,2]"_s;
    QTest::addRow("async ordering of microtasks")
        << u"a.js"_s
        << u"const log = [];\nasync function a() { log.push('a1'); await null; log.push('a2'); }\nexport default async () => { const p = a(); log.push('sync'); await p; log.push('end'); return log; };"_s
        << u"[\"a1\",\"sync\",\"a2\",\"end\"]"_s;
    QTest::addRow("async methods in objects and super")
        << u"a.js"_s
        << u"class B { m(x) { return 'B' + x; } get g() { return 'G'; } }\nclass C extends B { async m(x) { await 0; return super.m(x) + super.g + super['m']('y'); } }\nconst o = { v: 1, async get() { return this.v + (await 1); } };\nexport default async () => [await new C().m('x'), await o.get()];"_s
        << u"[\"BxGBy\",2]"_s;
    QTest::addRow("async in template and object keys")
        << u"a.js"_s
        << u"export default async () => { const o = { [await 'k']: await 2, ...(await { s: 3 }) }; return [`a${await 'b'}c`, o]; };"_s
        << u"[\"abc\",{\"k\":2,\"s\":3}]"_s;
    QTest::addRow("async with destructuring and rest parameters")
        << u"a.js"_s
        << u"const f = async ({ a, ...rest }, ...more) => [a, rest, more];\nexport default async () => f({ a: 1, b: 2 }, 3, 4);"_s
        << u"[1,{\"b\":2},[3,4]]"_s;
    QTest::addRow("async function returning a promise")
        << u"a.js"_s
        << u"export default async () => { const inner = async () => Promise.resolve('adopted'); return inner(); };"_s
        << u"\"adopted\""_s;
    QTest::addRow("async generator-era code keeps working")
        << u"a.js"_s << u"function* g() { yield 1; yield 2; }\nexport default async () => [...g()].concat(await 3);"_s
        << u"[1,2,3]"_s;
    QTest::addRow("async nested in class field and static")
        << u"a.js"_s
        << u"class A { static make = async () => new A(); load = async () => { await 0; return 'loaded'; }; }\nexport default async () => (await A.make()).load();"_s
        << u"\"loaded\""_s;
    QTest::addRow("regex dotall flag")
        << u"a.js"_s
        << u"export default () => [/a.b/s.test('a\\nb'), /a.b/.test('a\\nb'), /[.]/s.test('x'), /a\\.b/s.test('a.b'), 'x\\ny'.replace(/x.y/s, 'ok')];"_s
        << u"[true,false,false,true,\"ok\"]"_s;
    QTest::addRow("connector style TypeScript")
        << u"test.ts"_s
        << u"import { BadRequestError } from '@integration-app/sdk';\n\ninterface Credentials { access_token: string; realmId?: string }\n\nconst fallback = { credentials: { access_token: 'tok' }, extra: { 'X-Extra': '1' }, more: true };\n\nexport default async function test(args: { credentials?: Credentials; [k: string]: unknown }): Promise<object> {\n  const { credentials, ...rest } = args.credentials ? args : fallback;\n  const headers = { Authorization: `Bearer ${credentials.access_token}`, ...(rest.extra as object) };\n  let realm = credentials.realmId;\n  realm ?\?= 'default-realm';\n  try {\n    JSON.parse('{');\n  } catch {\n    return { headers, realm, error: new BadRequestError('bad').message, keys: Object.keys(rest) };\n  }\n  return {};\n}"_s
        << u"{\"headers\":{\"Authorization\":\"Bearer tok\",\"X-Extra\":\"1\"},\"realm\":\"default-realm\",\"error\":\"bad\",\"keys\":[\"extra\",\"more\"]}"_s;
}

void tst_SourceFrontEnd::runs()
{
    QFETCH(QString, fileName);
    QFETCH(QString, source);
    QFETCH(QString, node);
    ScriptJob *job = run(u"/connectors/acme/auth/"_s + fileName, source);
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    const QJsonDocument expected = QJsonDocument::fromJson(u"["_s.append(node).append(u']').toUtf8());
    QVERIFY(expected.isArray());
    QCOMPARE(QJsonArray {job->result()}, expected.array());
}

void tst_SourceFrontEnd::errors_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("error");
    QTest::addColumn<ScriptError::Kind>("kind");
    QTest::addRow("syntax error") << u"a.js"_s << u"module.exports = function () {\n  return 1 +;\n};"_s
                                  << u"a.js:2:13: SyntaxError: unexpected token `;`"_s << ScriptError::Kind::Syntax;
    QTest::addRow("syntax error in typescript")
        << u"a.ts"_s << u"let a: = 1;"_s << u"a.ts:1:8: SyntaxError: unexpected token `=`"_s
        << ScriptError::Kind::Syntax;
    QTest::addRow("typescript in a javascript file")
        << u"a.js"_s << u"let a: number = 1;"_s << u"a.js:1:6: SyntaxError: unexpected token `:`"_s
        << ScriptError::Kind::Syntax;
    QTest::addRow("unknown import")
        << u"a.js"_s << u"import _ from 'lodash';"_s
        << u"a.js:1:15: cannot import 'lodash': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url"_s
        << ScriptError::Kind::Import;
    QTest::addRow("relative import")
        << u"a.ts"_s << u"import { helper } from './helper';\nhelper();"_s
        << u"a.ts:1:24: cannot import './helper': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url"_s
        << ScriptError::Kind::Import;
    QTest::addRow("unknown re-export")
        << u"a.js"_s << u"export * from 'fs';"_s
        << u"a.js:1:15: cannot import 'fs': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url"_s
        << ScriptError::Kind::Import;
    QTest::addRow("unknown dynamic import literal")
        << u"a.js"_s << u"export default () => import('fs');"_s
        << u"a.js:1:29: cannot import 'fs': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url"_s
        << ScriptError::Kind::Import;
    QTest::addRow("lookbehind")
        << u"a.js"_s << u"const r = /(?<=\\$)\\d+/;"_s
        << u"a.js:1:12: lookbehind in regular expressions is not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("negative lookbehind")
        << u"a.js"_s << u"const r =\n  /(?<!x)y/;"_s
        << u"a.js:2:4: lookbehind in regular expressions is not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("backreference without a named group")
        << u"a.js"_s << u"const r = /\\k<a>/;"_s
        << u"a.js:1:12: `\\k<...>` without a named group is not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("unicode property")
        << u"a.js"_s << u"const r = /\\p{L}+/u;"_s
        << u"a.js:1:12: Unicode property escapes (\\p{...}) in regular expressions are not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("match indices flag")
        << u"a.js"_s << u"const r = /a/d;"_s
        << u"a.js:1:14: the regular expression flag `d` (match indices) is not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("undeclared private name")
        << u"a.js"_s << u"class A { m() { return this.#x; } }"_s
        << u"a.js:1:29: SyntaxError: Private field '#x' must be declared in an enclosing class"_s
        << ScriptError::Kind::Syntax;
    QTest::addRow("optional chaining to a private member")
        << u"a.js"_s << u"class A { #x; m(o) { return o?.#x; } }"_s
        << u"a.js:1:32: optional chaining with a private member (`?.` before #x) is not supported; test the object first"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("private method as a template tag")
        << u"a.js"_s << u"class A { #t() {} m() { return this.#t`x`; } }"_s
        << u"a.js:1:32: a private method as a template tag is not supported; call it with the template's parts"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("for await")
        << u"a.js"_s << u"async function f() { for await (const x of y) {} }"_s
        << u"a.js:1:22: `for await` is not supported by Qt 6.4's JavaScript engine; await the promises in a plain loop"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("async generator")
        << u"a.js"_s << u"async function* f() {}"_s
        << u"a.js:1:1: async generator functions are not supported by Qt 6.4's JavaScript engine"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("top-level await")
        << u"a.js"_s << u"await f();"_s
        << u"a.js:1:1: top-level await is not supported; await inside the exported function instead"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("bigint") << u"a.js"_s << u"x = 10n;"_s
                            << u"a.js:1:5: BigInt literals are not supported by Qt 6.4's JavaScript engine"_s
                            << ScriptError::Kind::Unsupported;
    QTest::addRow("import meta") << u"a.js"_s << u"export const u = import.meta.url;"_s
                                 << u"a.js:1:18: import.meta is not supported in connector scripts"_s
                                 << ScriptError::Kind::Unsupported;
    QTest::addRow("namespace")
        << u"a.ts"_s << u"namespace N {}"_s
        << u"a.ts:1:1: TypeScript namespaces are not supported; use plain objects or module exports"_s
        << ScriptError::Kind::Unsupported;
    QTest::addRow("decorator") << u"a.ts"_s << u"@Component class A {}"_s << u"a.ts:1:1: decorators are not supported"_s
                               << ScriptError::Kind::Unsupported;
    QTest::addRow("export of undeclared name")
        << u"a.js"_s << u"export { missing };"_s << u"a.js:1:10: `missing` is exported but not declared in this file"_s
        << ScriptError::Kind::Export;
}

void tst_SourceFrontEnd::errors()
{
    QFETCH(QString, fileName);
    QFETCH(QString, source);
    QFETCH(QString, error);
    QFETCH(ScriptError::Kind, kind);
    const auto prepared = SourceFrontEnd::prepare(source, fileName, EngineFeatures::none());
    QVERIFY(!prepared);
    QCOMPARE(prepared.error().toString(), error);
    QCOMPARE(prepared.error().kind, kind);
    // Through ScriptJob too: the same located error, and nothing runs.
    ScriptJob *job = run(fileName, source);
    QVERIFY(job->error());
    QCOMPARE(job->error()->toString(), error);
}

void tst_SourceFrontEnd::positionsMapBack_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("words"); // each occurs once in the source
    QTest::addRow("typescript async rest")
        << u"a.ts"_s
        << u"interface I { a: number }\nexport default async function alpha(beta: I): Promise<number> {\n  const { gamma, ...delta } = beta as any;\n  return (await epsilon(gamma)) ?? zeta;\n}\n"_s
        << QStringList {u"alpha"_s, u"gamma"_s, u"delta"_s, u"epsilon"_s, u"zeta"_s};
    QTest::addRow("class fields stay in place")
        << u"a.js"_s << u"class K {\n  one = two();\n  static three = four;\n  constructor() { five(); }\n}\n"_s
        << QStringList {u"two"_s, u"four"_s, u"five"_s};
    QTest::addRow("spread and logical assignment") << u"a.js"_s << u"x = { ...aa, bb,\n  ...cc };\ndd.ee ?\?= ff;\n"_s
                                                   << QStringList {u"aa"_s, u"bb"_s, u"cc"_s, u"dd"_s, u"ff"_s};
    QTest::addRow("imports and exports")
        << u"a.js"_s << u"import hh from 'axios';\nexport const ii = hh;\nexport function jj() { return kk; }\n"_s
        << QStringList {u"ii"_s, u"jj"_s, u"kk"_s};
    QTest::addRow("moved rest initializer")
        << u"a.js"_s << u"const { ll, ...mm } = nn(\n  oo);\n"_s << QStringList {u"ll"_s, u"nn"_s, u"oo"_s};
}

void tst_SourceFrontEnd::positionsMapBack()
{
    QFETCH(QString, fileName);
    QFETCH(QString, source);
    QFETCH(QStringList, words);
    const auto prepared = SourceFrontEnd::prepare(source, fileName, EngineFeatures::none());
    QVERIFY2(prepared, qPrintable(prepared ? QString() : prepared.error().toString()));
    const SourcePositionMap &map = prepared->map;
    for (const QString &word : std::as_const(words)) {
        const QRegularExpression whole(u"\\b"_s + word + u"\\b"_s);
        const qsizetype original = source.indexOf(whole);
        const qsizetype output = prepared->code.indexOf(whole);
        QVERIFY2(original >= 0 && output >= 0, qPrintable(word));
        QCOMPARE(map.originalOffset(output), original);
        // And by line and column, as QJSEngine reports them.
        const SourceLocation at = map.outputLocationOfOffset(output);
        QCOMPARE(map.originalLocation(at), map.originalLocationOfOffset(original));
        // With only the line, the original line.
        QCOMPARE(map.originalLocation({at.line, 0}).line, map.originalLocationOfOffset(original).line);
    }
}

void tst_SourceFrontEnd::runtimeErrorsPointAtTheOriginalLine_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::addRow("async typescript")
        << u"test.ts"_s
        << u"interface Args { n?: number }\nexport default async function test({ n }: Args): Promise<number> {\n  const { a, ...rest } = { a: 1, b: 2 };\n  await null;\n  if (n === undefined) {\n    throw new Error('line six');\n  }\n  return a + Object.keys(rest).length;\n}\n"_s
        << 6 << u"Error: line six"_s;
    QTest::addRow("class field initializer")
        << u"test.js"_s << u"class K {\n  x = 1;\n  y = this.missing();\n}\nexport default () => new K();\n"_s << 3
        << u"TypeError"_s;
    QTest::addRow("after a multi-line import")
        << u"test.js"_s
        << u"import {\n  create,\n} from 'axios';\nexport default async () => {\n  await 0;\n  return null.x;\n};\n"_s
        << 6 << u"TypeError"_s;
    QTest::addRow("rejection in an awaited helper")
        << u"test.ts"_s
        << u"const wait = async (ms: number): Promise<void> => {\n  await new Promise((r) => setTimeout(r, ms));\n  throw new RangeError(`waited ${ms}`);\n};\nexport default async () => { await wait(1); };\n"_s
        << 3 << u"RangeError: waited 1"_s;
}

void tst_SourceFrontEnd::runtimeErrorsPointAtTheOriginalLine()
{
    QFETCH(QString, fileName);
    QFETCH(QString, source);
    QFETCH(int, line);
    QFETCH(QString, message);
    ScriptJob *job = run(fileName, source);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Runtime);
    QCOMPARE(job->error()->file, fileName);
    QCOMPARE(job->error()->line, line);
    QVERIFY2(job->error()->message.startsWith(message), qPrintable(job->error()->message));
}

void tst_SourceFrontEnd::engineSyntaxErrorIsMapped()
{
    // An early error the front end does not check (a redeclared `let`) is found by QJSEngine in
    // the lowered code; its line and column are the file's, after removed TypeScript and an import.
    const QString source
        = u"import axios from 'axios';\nlet a: number = 1;\nconst b: string = 'x'; let a = 2;\nexport default () => a;\n"_s;
    ScriptJob *job = run(u"test.ts"_s, source);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Syntax);
    QCOMPARE(job->error()->line, 3);
    QCOMPARE(job->error()->column, 28);
}

void tst_SourceFrontEnd::connectorFilesLoad_data()
{
    QTest::addColumn<QString>("path");
    const QDir root(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR));
    int count = 0;
    for (const QString &folder : {u"connectors"_s, u"tests/fixtures/connectors"_s}) {
        QDirIterator it(root.filePath(folder), {u"*.js"_s, u"*.ts"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(u"/auth/"_s)) {
                QTest::addRow("%s", qPrintable(root.relativeFilePath(path))) << path;
                ++count;
            }
        }
    }
    QVERIFY(count >= 7);
}

void tst_SourceFrontEnd::connectorFilesLoad()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(file.readAll());
    const auto prepared = SourceFrontEnd::prepare(source, path, EngineFeatures::probe());
    QVERIFY2(prepared, qPrintable(prepared ? QString() : prepared.error().toString()));
    const QString error = compileError(prepared->code);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_SourceFrontEnd::connectorFilesRunThroughScriptJob_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<QString>("result");
    const QDir root(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR));
    QTest::addRow("quickbooks getCredentials")
        << root.filePath(u"tests/fixtures/connectors/quickbooks/auth/get-credentials-from-access-token-response.js"_s)
        << u"getCredentialsFromAccessTokenResponse"_s
        << QJsonObject {{u"tokenResponse"_s, QJsonObject {{u"access_token"_s, u"at"_s}, {u"expires_in"_s, 3600}}},
               {u"request"_s, QJsonObject {{u"query"_s, QJsonObject {{u"realmId"_s, u"123"_s}}}}}}
        << uR"({"access_token":"at","expires_in":3600,"isSandbox":false,"realmId":"123"})"_s;
    QTest::addRow("gitlab getCredentials")
        << root.filePath(u"connectors/gitlab/auth/get-credentials-from-access-token-response.js"_s)
        << u"getCredentialsFromAccessTokenResponse"_s
        << QJsonObject {{u"connectionInput"_s, QJsonObject {{u"baseUrl"_s, u"https://git.example.com///"_s}}}}
        << uR"({"baseUrl":"https://git.example.com"})"_s;
    QTest::addRow("slack getCredentials")
        << root.filePath(u"connectors/slack/auth/get-credentials-from-access-token-response.js"_s)
        << u"getCredentialsFromAccessTokenResponse"_s
        << QJsonObject {{u"tokenResponse"_s,
               QJsonObject {{u"ok"_s, true}, {u"access_token"_s, u"xoxb"_s},
                   {u"team"_s, QJsonObject {{u"id"_s, u"T1"_s}}},
                   {u"authed_user"_s, QJsonObject {{u"id"_s, u"U1"_s}, {u"access_token"_s, u"xoxp"_s}}}}}}
        << uR"({"access_token":"xoxp","bot_access_token":"xoxb","team_id":"T1","token_type":"user","user_id":"U1"})"_s;
}

void tst_SourceFrontEnd::connectorFilesRunThroughScriptJob()
{
    QFETCH(QString, path);
    QFETCH(QString, method);
    QFETCH(QJsonObject, arguments);
    QFETCH(QString, result);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    ScriptJob *job = run(path, QString::fromUtf8(file.readAll()), method, arguments);
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(QString::fromUtf8(QJsonDocument(job->result().toObject()).toJson(QJsonDocument::Compact)), result);
}

void tst_SourceFrontEnd::onlyMissingFeaturesAreLowered()
{
    const QString source
        = u"import axios from 'axios';\nexport default async ({ a, ...b }: { a: number }) => { try { x ?\?= { ...b, n: 1_0 }; } catch { } return axios(/a.b/s); };\nclass K { f = 1; static { } }\n"_s;
    const auto modern = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::all());
    QVERIFY(modern);
    QCOMPARE(modern->code,
        u"\"use strict\";var axios = __authdeskImportDefault(require('axios'));\nexports.default = async ({ a, ...b }) => { try { x ?\?= { ...b, n: 1_0 }; } catch { } return axios(/a.b/s); };\nclass K { f = 1; static { } }\n"_s);
    const auto old = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::none());
    QVERIFY(old);
    QVERIFY(!old->code.contains(u"async"_s));
    QVERIFY(!old->code.contains(u"...b"_s)); // the rest and the spread of b (the arrow keeps a rest parameter)
    QVERIFY(!old->code.contains(u"?\?="_s));
    QVERIFY(!old->code.contains(u"1_0"_s));
    QVERIFY(!old->code.contains(u"/s)"_s));
    QVERIFY(!old->code.contains(u"catch {"_s));
    QVERIFY(!old->code.contains(u"static {"_s));
    QVERIFY2(compileError(old->code).isEmpty(), qPrintable(compileError(old->code)));
}

void tst_SourceFrontEnd::engineFeaturesProbe()
{
    const EngineFeatures &probed = EngineFeatures::probe();
    QCOMPARE(&probed, &EngineFeatures::probe()); // cached
    QCOMPARE(EngineFeatures::probeEngine(), probed);
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    // Measured on Qt 6.4.2: everything needs lowering (and lookbehind and named groups fail silently).
    QCOMPARE(probed, EngineFeatures::none());
    QCOMPARE(probed.toString(), u"none"_s);
#endif
    QVERIFY(EngineFeatures::all().toString().contains(u"asyncFunctions,objectSpread"_s));
}

void tst_SourceFrontEnd::importsNeedKnownModules()
{
    const QString source = u"import x from 'mine';\nexport default () => x;"_s;
    QVERIFY(!SourceFrontEnd::prepare(source, u"a.js"_s, EngineFeatures::none()));
    const auto allowed = SourceFrontEnd::prepare(source, u"a.js"_s, EngineFeatures::none(), {u"mine"_s});
    QVERIFY(allowed);
    QVERIFY(allowed->isModule);
    // A type-only import of an unknown module is fine in TypeScript: nothing is imported at runtime.
    QVERIFY(SourceFrontEnd::prepare(u"import { T } from './types';\nlet t: T;"_s, u"a.ts"_s, EngineFeatures::none()));
    QVERIFY(!SourceFrontEnd::prepare(u"import { T } from './types';\nlet t = T;"_s, u"a.ts"_s, EngineFeatures::none()));
    // require() stays a runtime call: ScriptJob reports an unknown module when it is called.
    QVERIFY(SourceFrontEnd::prepare(u"const x = require('lodash');"_s, u"a.js"_s, EngineFeatures::none()));
}

void tst_SourceFrontEnd::deepNestingOnASmallStack()
{
    // macOS gives a thread 512 KB of stack; the front end must not depend on more.
    std::optional<Result<PreparedSource, ScriptError>> deep;
    std::optional<Result<PreparedSource, ScriptError>> tooDeep;
    QThread *thread = QThread::create([&] {
        deep.emplace(
            SourceFrontEnd::prepare(u"x = "_s + u"(["_s.repeated(200) + u"1"_s + u"])"_s.repeated(200) + u";"_s,
                u"a.js"_s, EngineFeatures::none()));
        tooDeep.emplace(
            SourceFrontEnd::prepare(u"x = "_s + u"(["_s.repeated(3000) + u"1"_s, u"a.js"_s, EngineFeatures::none()));
    });
    thread->setStackSize(512 * 1024);
    thread->start();
    QVERIFY(thread->wait(60000));
    delete thread;
    QVERIFY2(*deep, qPrintable(*deep ? QString() : deep->error().toString()));
    QVERIFY(!*tooDeep);
    QCOMPARE(tooDeep->error().kind, ScriptError::Kind::Syntax);
    QVERIFY2(tooDeep->error().toString().startsWith(u"a.js:1:"_s), qPrintable(tooDeep->error().toString()));
    QVERIFY(tooDeep->error().message.endsWith(u"nested too deeply"_s));
}

void tst_SourceFrontEnd::memoryAndDiskCache()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    SourceFrontEnd::setDiskCacheDirectory(directory.path());
    SourceFrontEnd::clearMemoryCache();
    const QString source = u"export default async (a: number) => ({ ...await a });\n"_s;
    const auto first = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::none());
    QVERIFY(first);
    QCOMPARE(QDir(directory.path()).entryList(QDir::Files).size(), 2); // code and map
    const auto cached = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::none());
    QCOMPARE(cached->code, first->code);
    SourceFrontEnd::clearMemoryCache();
    const auto fromDisk = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::none());
    QVERIFY(fromDisk);
    QCOMPARE(fromDisk->code, first->code);
    QCOMPARE(fromDisk->map.segments().size(), first->map.segments().size());
    QCOMPARE(fromDisk->map.originalOffset(20), first->map.originalOffset(20));
    // Other features or another file type are other entries; a damaged entry is ignored.
    QVERIFY(SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::all()));
    QCOMPARE(QDir(directory.path()).entryList(QDir::Files).size(), 4);
    for (const QString &name : QDir(directory.path()).entryList({u"*.map"_s}, QDir::Files)) {
        QFile map(directory.filePath(name));
        QVERIFY(map.open(QIODevice::WriteOnly | QIODevice::Truncate));
        map.write("garbage");
    }
    SourceFrontEnd::clearMemoryCache();
    const auto rebuilt = SourceFrontEnd::prepare(source, u"a.ts"_s, EngineFeatures::none());
    QVERIFY(rebuilt);
    QCOMPARE(rebuilt->code, first->code);
    SourceFrontEnd::setDiskCacheDirectory(QString());
}

void tst_SourceFrontEnd::editorOrdersInsertionsAndMoves()
{
    // Openings: outer (registered first) first; closings: inner (registered later) first.
    SourceEditor nesting(u"f(a);"_s);
    nesting.insert(2, u"outer("_s);
    nesting.insert(2, u"inner("_s);
    nesting.insert(3, u")"_s, SourceEditor::Side::After);
    nesting.insert(3, u"]"_s, SourceEditor::Side::After);
    QCOMPARE(nesting.apply().text, u"f(outer(inner(a]));"_s);

    // A move takes the edits registered after it at its ends; earlier ones stay in place.
    SourceEditor moving(u"f(a, b);"_s);
    moving.insert(2, u"<"_s);
    moving.move(2, 3, 6);
    moving.insert(2, u"outer("_s);
    moving.insert(3, u")"_s, SourceEditor::Side::After);
    moving.replace(5, 6, u"B"_s);
    const SourceEditor::Output output = moving.apply();
    QCOMPARE(output.text, u"f(<, Bouter(a));"_s);
    QCOMPARE(output.map.originalOffset(output.text.indexOf(u'a')), 2);
    QCOMPARE(output.map.originalOffset(output.text.indexOf(u'B')), 5);
    QCOMPARE(output.map.originalOffset(output.text.indexOf(u'o')), 2); // inserted text: where it was inserted
    QCOMPARE(output.map.originalOffset(0), 0);

    // A group keeps its registration order on the closing side; placeholders are filled later.
    SourceEditor grouped(u"x;"_s);
    const int group = grouped.reserveSequence();
    grouped.insert(1, u"1"_s, SourceEditor::Side::After, group);
    grouped.insert(1, u"2"_s, SourceEditor::Side::After, group);
    grouped.insert(1, u"!"_s, SourceEditor::Side::After); // later: closes first
    const int placeholder = grouped.insert(0, QString());
    grouped.setText(placeholder, u"+"_s);
    QCOMPARE(grouped.apply().text, u"+x!12;"_s);

    // A replacement swallows what is inside it.
    SourceEditor swallowing(u"abcdef"_s);
    swallowing.insert(3, u"X"_s);
    swallowing.replace(2, 5, u"-"_s);
    swallowing.replace(3, 4, u"Y"_s);
    QCOMPARE(swallowing.apply().text, u"ab-f"_s);
}

void tst_SourceFrontEnd::positionMapSerialization()
{
    const QString source = u"line1\r\nline2\nline3\u2028line4"_s;
    SourceEditor editor(source);
    editor.insert(7, u"X"_s);
    const SourceEditor::Output output = editor.apply();
    QCOMPARE(output.map.originalLocation({2, 2}), (SourceLocation {2, 1}));
    QCOMPARE(output.map.originalLocation({4, 1}), (SourceLocation {4, 1}));
    const std::optional<SourcePositionMap> copy
        = SourcePositionMap::deserialize(source, output.text, output.map.serialize());
    QVERIFY(copy);
    QCOMPARE(copy->originalLocation({2, 3}), output.map.originalLocation({2, 3}));
    QVERIFY(!SourcePositionMap::deserialize(source, output.text + u"more"_s, output.map.serialize()));
    QVERIFY(!SourcePositionMap::deserialize(source, output.text, QByteArray("\x00\x00\x00\x01\xff\xff\xff\xff", 8)));
}

QTEST_GUILESS_MAIN(tst_SourceFrontEnd)
#include "tst_sourcefrontend.moc"
