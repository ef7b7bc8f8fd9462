// JsParser: the ES2023 + TypeScript parser of the source front end. The accept tables hold code
// that Node.js (JavaScript) and the TypeScript 5.9 compiler (TypeScript) accept; the reject table
// code that they reject (or that Authdesk refuses on purpose), with the exact first error.
#include "script/jsparser.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

class tst_JsParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsJavaScript_data();
    void acceptsJavaScript();
    void acceptsTypeScript_data();
    void acceptsTypeScript();
    void typeScriptIsRejectedInJavaScript();
    void rejects_data();
    void rejects();
    void tree_data();
    void tree();
    void typeScriptRanges_data();
    void typeScriptRanges();
    void moduleSyntax();
    void nestingIsBounded();
    void neverCrashesOnMutations();

private:
    // Empty when the tree is well formed: ranges inside their parents, children in order.
    static QString checkTree(const JsAst &ast, int node, int depth = 0);
};

QString tst_JsParser::checkTree(const JsAst &ast, int node, int depth)
{
    if (depth > 10000)
        return u"tree too deep"_s;
    const JsNode &n = ast.node(node);
    if (n.start < 0 || n.end < n.start || n.end > ast.source().size())
        return u"bad range of %1 [%2, %3)"_s.arg(JsAst::kindName(n.kind)).arg(n.start).arg(n.end);
    qsizetype previousStart = n.start;
    for (int c : ast.children(node)) {
        const JsNode &child = ast.node(c);
        // An object method's node starts at its `get`/`async`/`*` like the property, before the key.
        const bool method
            = n.kind == JsNodeKind::Property && child.kind == JsNodeKind::Method && child.start == n.start;
        if ((child.start < previousStart && !method) || child.start < n.start || child.end > n.end)
            return u"%1 [%2, %3) outside or out of order in %4 [%5, %6)"_s.arg(JsAst::kindName(child.kind))
                .arg(child.start)
                .arg(child.end)
                .arg(JsAst::kindName(n.kind))
                .arg(n.start)
                .arg(n.end);
        previousStart = child.start;
        const QString problem = checkTree(ast, c, depth + 1);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

void tst_JsParser::acceptsJavaScript_data()
{
    QTest::addColumn<QString>("source");
    QTest::addRow("empty") << u""_s;
    QTest::addRow("hashbang") << u"#!/usr/bin/env node\nvar a = 1;"_s;
    QTest::addRow("var let const") << u"var a = 1, b; let c = 2; const d = 3;"_s;
    QTest::addRow("let as identifier") << u"var let_ = 1; let\nx = 2;"_s;
    QTest::addRow("asi") << u"a = 1\nb = 2\n++c\nreturn_ = 3"_s;
    QTest::addRow("asi return") << u"function f() { return\n1 }"_s;
    QTest::addRow("division chain") << u"x = a / b / c;"_s;
    QTest::addRow("regex after paren of if") << u"if (x) /re/.test(y);"_s;
    QTest::addRow("regex in call") << u"s.replace(/\\//g, '-');"_s;
    QTest::addRow("regex class with slash") << u"x = /[/]+/g;"_s;
    QTest::addRow("regex after return") << u"function f() { return /a|b/i; }"_s;
    QTest::addRow("regex after yield") << u"function* g() { yield /x/; }"_s;
    QTest::addRow("division after object literal in conditional") << u"x = a ? b : {} / 2;"_s;
    QTest::addRow("division after function expression") << u"x = function () {} / 2;"_s;
    QTest::addRow("division after template") << u"x = `a` / 2;"_s;
    QTest::addRow("template nested") << u"t = `a${b + `c${d}e`}f${ {a: 1}.a }g`;"_s;
    QTest::addRow("template empty substitution object") << u"t = `${{}}`;"_s;
    QTest::addRow("tagged template") << u"tag`x${y}z`; a.b`c`; f()`d`;"_s;
    QTest::addRow("object literal full")
        << u"o = { a, b: 1, [c]: 2, 'd': 3, 4: 5, get e() { return 1; }, set e(v) {}, async f() {}, *g() {}, async *h() {}, ...i, async: 1, get: 2, set: 3, new: 4, class: 5 };"_s;
    QTest::addRow("object method named get") << u"o = { get() {}, set() {}, async() {}, static() {} };"_s;
    QTest::addRow("array holes and spread") << u"a = [, 1, , ...b, c,];"_s;
    QTest::addRow("destructuring declarations")
        << u"const { a, b: { c = 1 } = {}, ...d } = e, [f, , g = 2, ...h] = i;"_s;
    QTest::addRow("destructuring assignment") << u"({ a, b = 2, c: { d } = {}, ...e } = f); [a, , b = 1, ...c] = d;"_s;
    QTest::addRow("destructuring member targets") << u"({ a: o.x, b: o['y'] } = p); [o.z, ...o.w] = q;"_s;
    QTest::addRow("destructuring params") << u"function f({ a, b = 1 }, [c, d] = [], ...rest) {}"_s;
    QTest::addRow("arrow forms")
        << u"a = () => 1; b = x => x; c = (x, y) => { return x; }; d = ({ x }) => x; e = ([x] = []) => x; f = (...xs) => xs; g = (x,) => x;"_s;
    QTest::addRow("arrow body object") << u"f = () => ({ a: 1 });"_s;
    QTest::addRow("arrow then statement on next line") << u"f = () => {}\n[1].map(x => x);"_s;
    QTest::addRow("async arrows")
        << u"a = async () => {}; b = async x => x; c = async (x, y) => x; d = async ({ x }) => x;"_s;
    QTest::addRow("async as identifier") << u"var async = 1; async = 2; async(1, 2); async\n(x);"_s;
    QTest::addRow("async function forms")
        << u"async function f() { await g(); } const h = async function () {}; class A { async m() {} static async n() {} }"_s;
    QTest::addRow("await as identifier outside async") << u"function f() { var await = 1; return await; }"_s;
    QTest::addRow("yield as identifier outside generator") << u"function f() { var yield_ = yield_; } var yield = 1;"_s;
    QTest::addRow("generators") << u"function* g() { yield; yield 1; yield* h(); const x = yield; }"_s;
    QTest::addRow("classes")
        << u"class A extends B { constructor() { super(); } static s() {} get g() { return 1; } set g(v) {} ['c' + 1]() {} 'str'() {} 42() {} static async *ag() {} }"_s;
    QTest::addRow("class fields") << u"class A { a; b = 1; static c = 2; ['d'] = 3; 'e' = 4; static { A.f = 5; } }"_s;
    QTest::addRow("class private")
        << u"class A { #x = 1; #m() { return this.#x; } static #s; get #g() { return 1; } has(o) { return #x in o; } }"_s;
    QTest::addRow("class expression") << u"C = class Named extends (a, b) {}; D = class {};"_s;
    QTest::addRow("class member named static get set async")
        << u"class A { static; get; set; async; static static() {} }"_s;
    QTest::addRow("new forms") << u"new A; new A(); new A.B(); new (f())(); new new X()(); new (() => {});"_s;
    QTest::addRow("new.target in function") << u"function F() { return new.target; }"_s;
    QTest::addRow("optional chaining") << u"a?.b; a?.[b]; a?.(b); a?.b.c(d)?.e; (a?.b)`t`.length;"_s;
    QTest::addRow("nullish") << u"x = a ?\? b; y = (a || b) ?\? c; z = a ?\? (b && c);"_s;
    QTest::addRow("exponent") << u"x = 2 ** 3 ** 2; y = (-2) ** 2; z **= 2;"_s;
    QTest::addRow("logical assignment") << u"a ||= b; a &&= c; a ?\?= d; o.p ?\?= 1; o[k] ||= 2;"_s;
    QTest::addRow("numeric literals")
        << u"x = [0, 1.5, .5, 5., 1e3, 1E-3, 0x1F, 0o17, 0b101, 1_000_000, 0xF_F, 017, 08];"_s;
    QTest::addRow("bigint") << u"x = 10n + 0x1Fn;"_s;
    QTest::addRow("strings") << u"x = ['a', \"b\", '\\n', '\\u{1F600}', '\\x41', 'line\\\ncontinued'];"_s;
    QTest::addRow("comments") << u"/* block */ a = 1; // line\n/** doc\n */ b = 2; "_s;
    QTest::addRow("labels") << u"outer: for (;;) { inner: while (true) { break outer; continue inner; } }"_s;
    QTest::addRow("for variants")
        << u"for (;;) {} for (var i = 0, j; i < 1; i++) {} for (let x in o) {} for (const y of z) {} for (x of y); for (o.p in q); for ([a, b] of c); for (let [k, v] of m) {} for (var v in o) {}"_s;
    QTest::addRow("for await") << u"async function f() { for await (const x of y) {} }"_s;
    QTest::addRow("for in with in inside parens") << u"for (var i = (a in b) ? 1 : 0; i < 1; i++) {}"_s;
    QTest::addRow("switch") << u"switch (a) { case 1: case 2: b(); break; default: c(); }"_s;
    QTest::addRow("try forms")
        << u"try {} catch (e) {} try {} finally {} try {} catch {} finally {} try {} catch ({ message }) {}"_s;
    QTest::addRow("do while asi") << u"do x++; while (x < 5) y();"_s;
    QTest::addRow("with") << u"with (o) { a = b; }"_s;
    QTest::addRow("debugger") << u"debugger;"_s;
    QTest::addRow("comma and void") << u"x = (a, b, c); y = void 0; z = typeof a === 'undefined'; delete o.p;"_s;
    QTest::addRow("conditional nesting") << u"x = a ? b ? c : d : e ? f : g;"_s;
    QTest::addRow("in operator") << u"x = 'a' in o && !(b in c);"_s;
    QTest::addRow("instanceof") << u"x = a instanceof B;"_s;
    QTest::addRow("unary chain") << u"x = !!-+~a; y = - -b; z = + +c;"_s;
    QTest::addRow("update") << u"a++; --b; c.d++; e[f]--;"_s;
    QTest::addRow("getter setter in class with static name")
        << u"class A { static get x() { return 1; } static set x(v) {} }"_s;
    QTest::addRow("object keys reserved")
        << u"o = { if: 1, class: 2, function: 3, null: 4, true: 5 }; o.if; o.class;"_s;
    QTest::addRow("import call") << u"import('axios').then(m => m);"_s;
    QTest::addRow("import meta") << u"export const u = import.meta.url;"_s;
    QTest::addRow("imports")
        << u"import a from 'a'; import * as b from 'b'; import { c, d as e, default as f, 'g' as h } from 'c'; import i, { j } from 'd'; import k, * as l from 'e'; import 'side-effect';"_s;
    QTest::addRow("exports")
        << u"export const a = 1, { b } = {}; export let c; export var d; export function e() {} export async function f() {} export function* g() {} export class H {} export { a as aa, b as default, c as 'string name' }; export * from 'm'; export * as ns from 'n'; export { x as y, default as z } from 'o';"_s;
    QTest::addRow("export default expression") << u"export default a + b;"_s;
    QTest::addRow("export default function") << u"export default function () {}"_s;
    QTest::addRow("export default async function") << u"export default async function named() {}"_s;
    QTest::addRow("export default class") << u"export default class extends B {}"_s;
    QTest::addRow("export default arrow") << u"export default async ({ a }) => a;"_s;
    QTest::addRow("unicode identifiers") << u"var caf\u00e9 = 1, \\u0061b = 2, \u212e = 3;"_s;
    QTest::addRow("line separators") << u"a = 1\u2028b = 2\u2029c = 3"_s;
    QTest::addRow("crlf") << u"a = 1\r\nb = 2\rc = 3"_s;
    QTest::addRow("strict directive") << u"'use strict'; function f() { 'use strict'; return 1; }"_s;
    QTest::addRow("top-level return (CommonJS)") << u"if (x) return;\nmodule.exports = 1;"_s;
    QTest::addRow("sloppy function in if") << u"if (x) function f() {}"_s;
    QTest::addRow("getter on object with computed key") << u"o = { get [k]() { return 1; } };"_s;
    QTest::addRow("spread in calls and new") << u"f(...a, b, ...c); new F(...a);"_s;
    QTest::addRow("parenthesized arrow body conditional") << u"f = (a) => a ? b : c;"_s;
    QTest::addRow("arrow in conditional") << u"x = a ? (b) : c => d;"_s;
    QTest::addRow("regex with flags") << u"x = /a/dgimsuy;"_s;
    QTest::addRow("regex after keyword typeof") << u"x = typeof /re/;"_s;
    QTest::addRow("division after postfix") << u"x = i++ / 2;"_s;
    QTest::addRow("object literal after return") << u"function f() { return { a: 1 }; }"_s;
    QTest::addRow("block after arrow then regex") << u"f = () => {}\n/re/.test(a);"_s;
    QTest::addRow("class after closing then regex") << u"class A {}\n/re/g.exec(s);"_s;
    QTest::addRow("nested functions depth 50") << u"f("_s.repeated(50) + u")"_s.repeated(50) + u";"_s;
    QTest::addRow("deep arrays 200") << u"x = "_s + u"["_s.repeated(200) + u"]"_s.repeated(200) + u";"_s;
    QTest::addRow("deep parens 200") << u"x = "_s + u"("_s.repeated(200) + u"1"_s + u")"_s.repeated(200) + u";"_s;
    QTest::addRow("long chain") << u"x = a"_s + u".b"_s.repeated(500) + u";"_s;
    QTest::addRow("long binary") << u"x = 1"_s + u" + 1"_s.repeated(2000) + u";"_s;
    QTest::addRow("connector style module")
        << u"import axios from 'axios';\nexport default async function getTokenData({ credentials, ...rest }) {\n  const { data } = await axios.post(url, { ...rest, code: credentials?.code ?\? '' });\n  return { ...data, expiresAt: Date.now() + (data.expires_in ?\? 3600) * 1000 };\n}"_s;
}

void tst_JsParser::acceptsJavaScript()
{
    QFETCH(QString, source);
    const JsParser::Result parsed = JsParser::parse(source, {});
    QVERIFY2(!parsed.error, qPrintable(parsed.error ? parsed.error->toString() : QString()));
    QCOMPARE(parsed.ast.node(parsed.ast.root()).kind, JsNodeKind::Program);
    const QString problem = checkTree(parsed.ast, parsed.ast.root());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(parsed.ast.typeScriptRanges().isEmpty());
    // JavaScript is TypeScript too (except `<T>x`, which these snippets do not use).
    JsParser::Options typeScript;
    typeScript.typeScript = true;
    const JsParser::Result asTypeScript = JsParser::parse(source, typeScript);
    QVERIFY2(!asTypeScript.error, qPrintable(asTypeScript.error ? asTypeScript.error->toString() : QString()));
    QCOMPARE(asTypeScript.ast.dump(), parsed.ast.dump());
}

void tst_JsParser::acceptsTypeScript_data()
{
    QTest::addColumn<QString>("source");
    QTest::addRow("annotations")
        << u"let a: number = 1; const b: string[] = []; var c: Array<Map<string, number>>; let d: { x: number; y?: string } | null;"_s;
    QTest::addRow("function signatures")
        << u"function f<T extends object = {}>(a: T, b?: number, ...c: string[]): T | undefined { return a; }"_s;
    QTest::addRow("this parameter") << u"function f(this: Window, a: number) { return a; }"_s;
    QTest::addRow("type predicate") << u"function isS(x: unknown): x is string { return typeof x === 'string'; }"_s;
    QTest::addRow("asserts")
        << u"function assert(v: unknown, m?: string): asserts v { if (!v) throw new Error(m); } function a2(x: any): asserts x is string {}"_s;
    QTest::addRow("overloads")
        << u"function f(a: string): string;\nfunction f(a: number): number;\nfunction f(a: any) { return a; }"_s;
    QTest::addRow("interfaces")
        << u"interface A<T> extends B<T>, C { a: T; b?: number; readonly c: string; [k: string]: unknown; m(x: number): void; n?<U>(y: U): U; new (x: number): A<T>; (y: string): boolean; get g(): number; set s(v: number); }"_s;
    QTest::addRow("type aliases")
        << u"type A = string | number; type B<T> = T extends string ? 'yes' : 'no'; type C = { [K in keyof T as `get${Capitalize<K>}`]-?: () => T[K] }; type D = [a: string, b?: number, ...rest: boolean[]]; type E = typeof x; type F = keyof typeof y; type G = A['b'][number]; type H = new (...args: any[]) => object; type I = abstract new () => void; type J = unique symbol; type K = readonly string[]; type L = import('x').Y<Z>; type M = -1 | 1n | `t`;"_s;
    QTest::addRow("infer") << u"type U<T> = T extends Promise<infer R> ? R : never;"_s;
    QTest::addRow("function types")
        << u"let f: (a: number, b?: string) => void; let g: <T>(x: T) => T; let h: ({ a }: { a: number }) => number;"_s;
    QTest::addRow("generic arrows")
        << u"const a = <T,>(x: T) => x; const b = <T extends object>(x: T): T => x; const c = async <T>(x: T): Promise<T> => x;"_s;
    QTest::addRow("type arguments in calls")
        << u"f<string>(1); new Map<string, number>(); a.b<C>(); f<A<B<C>>>(x); g<T>`tpl`;"_s;
    QTest::addRow("less than is not type arguments") << u"x = a < b && c > d; y = a < b; z = a < (b > c);"_s;
    QTest::addRow("as satisfies non-null")
        << u"x = y as unknown as string; z = w satisfies T; v = a!.b!.c!; u = <any>t; const k = ['a', 'b'] as const;"_s;
    QTest::addRow("definite assignment") << u"let x!: number; class A { y!: string; }"_s;
    QTest::addRow("optional params in arrows") << u"f = (a?: number, b: string = 'x', ...c: any[]): void => {};"_s;
    QTest::addRow("typed destructuring param")
        << u"f = ({ a, b }: { a: number; b: string } = {} as any): number => a;"_s;
    QTest::addRow("classes")
        << u"abstract class A<T> extends B<T> implements I, J<T> { private x: number = 1; protected static y?: string; public readonly z: T; declare w: number; abstract m(): void; override n(): void {} constructor(private a: string, public readonly b = 2, protected c?: number) { super(); } [key: string]: any; get g(): number { return 1; } static s<U>(u: U): U { return u; } }"_s;
    QTest::addRow("class method overloads") << u"class A { m(a: string): void; m(a: number): void; m(a: any) {} }"_s;
    QTest::addRow("index signature with modifiers")
        << u"class A { static [k: string]: number; readonly [i: number]: string; }"_s;
    QTest::addRow("enums")
        << u"enum A { X, Y = 2, Z } const enum B { P = 'p', Q = 'q' } declare enum C { R } export enum D { S = 1 << 1 }"_s;
    QTest::addRow("declare")
        << u"declare const x: number; declare function f(): void; declare class K { m(): void; } declare module 'm' { export const y: number; } declare global { interface Window { a: string } } declare namespace NS { const z: number; }"_s;
    QTest::addRow("import export types")
        << u"import type { A } from './a'; import { type B, C } from './b'; import type D from './d'; export type { E } from './e'; export type F = string; export interface G {} export { type H, I }; import type * as J from './j';"_s;
    QTest::addRow("import equals require") << u"import fs = require('fs');\nexport = fs;"_s;
    QTest::addRow("export as namespace") << u"export as namespace MyLib;"_s;
    QTest::addRow("export default interface") << u"export default interface Props { a: number }"_s;
    QTest::addRow("export declare") << u"export declare const x: number; export declare function f(): void;"_s;
    QTest::addRow("export abstract class") << u"export abstract class A {} export default abstract class B {}"_s;
    QTest::addRow("arrow return type in conditional") << u"x = c ? (a): string => a : null;"_s;
    QTest::addRow("conditional with parenthesized arrow param") << u"x = c ? (a) : b => b;"_s;
    QTest::addRow("optional method call type args") << u"a?.b<T>(c);"_s;
    QTest::addRow("generic class")
        << u"class Box<in out T = any> { constructor(public value: T) {} map<U>(f: (t: T) => U): Box<U> { return new Box(f(this.value)); } }"_s;
    QTest::addRow("accessors in object type") << u"let o: { get a(): number; set a(v: number) };"_s;
    QTest::addRow("type keyword as identifier")
        << u"const type = 1; let declare = 2, abstract = 3, readonly = 4; type + declare;"_s;
    QTest::addRow("template literal types") << u"type T = `a${string}b${number}`;"_s;
    QTest::addRow("object type with methods and call signatures")
        << u"let o: { (x: number): string; new (): object; m?(): void; readonly [k: string]: any };"_s;
    QTest::addRow("connector style ts")
        << u"import { BadRequestError } from '@integration-app/sdk'\n\nexport default async function test({ apiClient, credentials }: { apiClient: any; credentials: any }) {\n  const response = await apiClient.get(`/companyinfo/${credentials.realmId}`)\n  if (!response?.CompanyInfo) {\n    throw new BadRequestError('No company info in the response')\n  }\n  return true\n}"_s;
}

void tst_JsParser::acceptsTypeScript()
{
    QFETCH(QString, source);
    JsParser::Options options;
    options.typeScript = true;
    const JsParser::Result parsed = JsParser::parse(source, options);
    QVERIFY2(!parsed.error, qPrintable(parsed.error ? parsed.error->toString() : QString()));
    const QString problem = checkTree(parsed.ast, parsed.ast.root());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The TypeScript ranges are sorted, disjoint, and removing them leaves parseable JavaScript
    // (enums, `import { type x }` and `import x = require()` are rewritten by the lowering instead).
    static const QRegularExpression lowered(u"\\benum\\b|\\{ type |= require\\(|export ="_s);
    QString stripped;
    qsizetype position = 0;
    for (const JsRange &range : parsed.ast.typeScriptRanges()) {
        QVERIFY(range.start >= position && range.end > range.start);
        stripped += QStringView(source).mid(position, range.start - position);
        stripped += u' ';
        position = range.end;
    }
    stripped += QStringView(source).mid(position);
    if (source.contains(lowered))
        return;
    const JsParser::Result javaScript = JsParser::parse(stripped, {});
    QVERIFY2(!javaScript.error,
        qPrintable(stripped + u"\n"_s + (javaScript.error ? javaScript.error->toString() : QString())));
}

void tst_JsParser::typeScriptIsRejectedInJavaScript()
{
    const JsParser::Result parsed = JsParser::parse(u"let a: number = 1;"_s, {});
    QVERIFY(parsed.error);
    QCOMPARE(parsed.error->toString(), u"1:6: unexpected token `:`"_s);
}

void tst_JsParser::rejects_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("typeScript");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("unsupported");
    QTest::addRow("missing operand") << u"x = 1 +;"_s << false << u"1:8: unexpected token `;`"_s << false;
    QTest::addRow("unclosed paren") << u"f(1, 2;"_s << false << u"1:7: unexpected token `;`"_s << false;
    QTest::addRow("unclosed brace at end")
        << u"function f() {"_s << false << u"1:15: unexpected end of input"_s << false;
    QTest::addRow("unexpected close paren") << u"x = );"_s << false << u"1:5: unexpected token `)`"_s << false;
    QTest::addRow("keyword as variable") << u"var if = 1;"_s << false << u"1:5: unexpected token `if`"_s << false;
    QTest::addRow("two operands") << u"x = a b;"_s << false << u"1:7: unexpected token `b`"_s << false;
    QTest::addRow("bad arrow newline") << u"f = (a)\n=> a;"_s << false << u"2:1: unexpected token `=>`"_s << false;
    QTest::addRow("shorthand initializer in expression")
        << u"x = { a = 1 };"_s << false << u"1:7: invalid shorthand property initializer"_s << false;
    QTest::addRow("parenthesized pattern")
        << u"({ a }) = b;"_s << false << u"1:1: invalid assignment target"_s << false;
    QTest::addRow("invalid assignment target")
        << u"a + b = c;"_s << false << u"1:1: invalid assignment target"_s << false;
    QTest::addRow("optional chain assignment")
        << u"a?.b = 1;"_s << false << u"1:1: invalid assignment target"_s << false;
    QTest::addRow("rest not last") << u"[...a, b] = c;"_s << false << u"1:2: a rest element must be last"_s << false;
    QTest::addRow("rest parameter not last")
        << u"f = (...a, b) => a;"_s << false << u"1:6: a rest parameter must be the last parameter"_s << false;
    QTest::addRow("empty parens") << u"x = ();"_s << false << u"1:6: unexpected token `)`"_s << false;
    QTest::addRow("trailing comma in parens") << u"x = (a, );"_s << false << u"1:7: unexpected token `,`"_s << false;
    QTest::addRow("throw newline") << u"throw\nnew Error();"_s << false
                                   << u"2:1: a line break is not allowed after `throw`"_s << false;
    QTest::addRow("class missing name") << u"class {}"_s << false << u"1:7: unexpected token `{`"_s << false;
    QTest::addRow("unterminated string") << u"x = 'abc\n;"_s << false << u"1:5: unterminated string literal"_s << false;
    QTest::addRow("unterminated template")
        << u"x = `abc"_s << false << u"1:5: unterminated template literal"_s << false;
    QTest::addRow("unterminated regex") << u"x = /abc\n;"_s << false
                                        << u"1:5: unterminated regular expression literal"_s << false;
    QTest::addRow("destructuring without initializer")
        << u"const { a, ...r } ;"_s << false << u"1:18: missing initializer in destructuring declaration"_s << false;
    QTest::addRow("array destructuring without initializer")
        << u"let [a],\n b = 1;"_s << false << u"1:8: missing initializer in destructuring declaration"_s << false;
    QTest::addRow("unterminated comment") << u"x = 1; /* open"_s << false << u"1:8: unterminated comment"_s << false;
    QTest::addRow("bad numeric separator") << u"x = 1__0;"_s << false << u"1:6: invalid numeric separator"_s << false;
    QTest::addRow("bad regex flags") << u"x = /a/gg;"_s << false << u"1:8: invalid regular expression flags"_s << false;
    QTest::addRow("two defaults") << u"switch (a) { default: break; default: }"_s << false
                                  << u"1:30: more than one default clause in a switch statement"_s << false;
    QTest::addRow("try without catch") << u"try {}"_s << false << u"1:7: unexpected end of input"_s << false;
    QTest::addRow("import inside function")
        << u"function f() { import x from 'x'; }"_s << false
        << u"1:16: an import declaration may only appear at the top level of a module"_s << false;
    QTest::addRow("export inside block") << u"{ export const a = 1; }"_s << false
                                         << u"1:3: an export declaration may only appear at the top level of a module"_s
                                         << false;
    QTest::addRow("else without if") << u"else {}"_s << false << u"1:1: unexpected token `else`"_s << false;
    QTest::addRow("getter with name then junk")
        << u"o = { get a b() {} };"_s << false << u"1:13: unexpected token `b`"_s << false;
    QTest::addRow("unary before exponent")
        << u"x = -a ** 2;"_s << false << u"1:5: a unary expression before `**` needs parentheses"_s << false;
    QTest::addRow("nullish mixed with or")
        << u"x = a ?\? b || c;"_s << false << u"1:10: `?\?` cannot be mixed with `||` or `&&` without parentheses"_s
        << false;
    QTest::addRow("for of with two declarations")
        << u"for (let a, b of c) {}"_s << false
        << u"1:6: only one variable may be declared in the head of a for-of loop"_s << false;
    QTest::addRow("for of sequence") << u"for (x of a, b) {}"_s << false << u"1:12: unexpected token `,`"_s << false;
    QTest::addRow("tagged template in optional chain")
        << u"a?.b`t`;"_s << false << u"1:5: a tagged template cannot be part of an optional chain"_s << false;
    QTest::addRow("unexpected end in template substitution")
        << u"x = `a${b"_s << false << u"1:5: unterminated template literal"_s << false;
    QTest::addRow("object rest not last")
        << u"({ ...a, b } = c);"_s << false << u"1:4: a rest element must be last"_s << false;
    QTest::addRow("async arrow newline") << u"f = async x\n=> x;"_s << false << u"1:11: unexpected token `x`"_s
                                         << false;
    QTest::addRow("decorator") << u"@dec class A {}"_s << false << u"1:1: decorators are not supported"_s << true;
    QTest::addRow("stray hash") << u"x = #;"_s << false << u"1:5: unexpected character '#'"_s << false;
    QTest::addRow("illegal character") << u"x = 1 \u00a7 2;"_s << false << u"1:7: unexpected character U+00A7"_s
                                       << false;
    QTest::addRow("nested too deeply") << u"x = "_s + u"("_s.repeated(3000) + u"1"_s + u")"_s.repeated(3000) + u";"_s
                                       << false << u"1:503: nested too deeply"_s << false;
    QTest::addRow("second line error column")
        << u"let a = 1;\nlet b = = 2;"_s << false << u"2:9: unexpected token `=`"_s << false;
    QTest::addRow("crlf line numbering") << u"a = 1;\r\nb = 2;\r\nc = );"_s << false << u"3:5: unexpected token `)`"_s
                                         << false;
    QTest::addRow("ts bad type") << u"let a: = 1;"_s << true << u"1:8: unexpected token `=`"_s << false;
    QTest::addRow("ts unclosed type arguments")
        << u"let a: Array<string = [];"_s << true << u"1:21: unexpected token `=`"_s << false;
    QTest::addRow("ts annotation in parenthesized expression")
        << u"x = (a: number);"_s << true << u"1:6: unexpected token `a`"_s << false;
    QTest::addRow("ts type annotation in js position")
        << u"let x: number[ = [];"_s << true << u"1:16: unexpected token `=`"_s << false;
    QTest::addRow("ts namespace")
        << u"namespace N { export const a = 1; }"_s << true
        << u"1:1: TypeScript namespaces are not supported; use plain objects or module exports"_s << true;
    QTest::addRow("ts module block")
        << u"module M { }"_s << true
        << u"1:1: TypeScript namespaces are not supported; use plain objects or module exports"_s << true;
    QTest::addRow("ts import alias") << u"import A = B.C;"_s << true
                                     << u"1:12: TypeScript import aliases (`import x = A.B`) are not supported"_s
                                     << true;
    QTest::addRow("ts decorator on member")
        << u"class A { @dec m() {} }"_s << true << u"1:11: decorators are not supported"_s << true;
    QTest::addRow("ts accessor keyword") << u"class A { accessor x = 1; }"_s << true
                                         << u"1:11: auto-accessors (`accessor x`) are not supported"_s << true;
}

void tst_JsParser::rejects()
{
    QFETCH(QString, source);
    QFETCH(bool, typeScript);
    QFETCH(QString, error);
    QFETCH(bool, unsupported);
    JsParser::Options options;
    options.typeScript = typeScript;
    const JsParser::Result parsed = JsParser::parse(source, options);
    QVERIFY(parsed.error);
    QCOMPARE(parsed.error->toString(), error);
    QCOMPARE(parsed.error->unsupported, unsupported);
}

void tst_JsParser::tree_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("typeScript");
    QTest::addColumn<QString>("tree");
    QTest::addRow("precedence")
        << u"a + b * c ** d ** e - f"_s << false
        << u"(Program (ExpressionStatement (Binary - (Binary + (Identifier a) (Binary * (Identifier b) (Binary ** (Identifier c) (Binary ** (Identifier d) (Identifier e))))) (Identifier f))))"_s;
    QTest::addRow("nullish and logical")
        << u"a ?\? (b || c) ?\? (d && e)"_s << false
        << u"(Program (ExpressionStatement (Binary ?\? (Binary ?\? (Identifier a) (Paren (Binary || (Identifier b) (Identifier c)))) (Paren (Binary && (Identifier d) (Identifier e))))))"_s;
    QTest::addRow("assignment right associative")
        << u"a = b += c"_s << false
        << u"(Program (ExpressionStatement (Assign = (Identifier a) (Assign += (Identifier b) (Identifier c)))))"_s;
    QTest::addRow("conditional")
        << u"a ? b : c ? d : e"_s << false
        << u"(Program (ExpressionStatement (Conditional (Identifier a) (Identifier b) (Conditional (Identifier c) (Identifier d) (Identifier e)))))"_s;
    QTest::addRow("division vs regex")
        << u"a / b / c; /re/g.test(d)"_s << false
        << u"(Program (ExpressionStatement (Binary / (Binary / (Identifier a) (Identifier b)) (Identifier c))) (ExpressionStatement (Call (Member (RegExp /re/g) (Name test)) (Arguments (Identifier d)))))"_s;
    QTest::addRow("regex after if paren")
        << u"if (a) /b/.c(d)"_s << false
        << u"(Program (If (Identifier a) (ExpressionStatement (Call (Member (RegExp /b/) (Name c)) (Arguments (Identifier d))))))"_s;
    QTest::addRow("division after object in conditional")
        << u"a ? b : {} / 2"_s << false
        << u"(Program (ExpressionStatement (Conditional (Identifier a) (Identifier b) (Binary / (Object) (NumericLiteral 2)))))"_s;
    QTest::addRow("asi before plusplus")
        << u"a\n++b"_s << false
        << u"(Program (ExpressionStatement (Identifier a)) (ExpressionStatement (Update ++ (Identifier b))))"_s;
    QTest::addRow("no asi before paren")
        << u"a\n(b)"_s << false
        << u"(Program (ExpressionStatement (Call (Identifier a) (Arguments (Identifier b)))))"_s;
    QTest::addRow("arrow concise body")
        << u"f = x => y => x + y"_s << false
        << u"(Program (ExpressionStatement (Assign = (Identifier f) (Arrow:expression (Params (Identifier x)) (Arrow:expression (Params (Identifier y)) (Binary + (Identifier x) (Identifier y)))))))"_s;
    QTest::addRow("arrow params cover")
        << u"f = ({ a, b: [c] = [] }, ...d) => 0"_s << false
        << u"(Program (ExpressionStatement (Assign = (Identifier f) (Arrow:expression (Params (ObjectPattern (PatternProperty:shorthand (Name a) (Identifier a)) (PatternProperty (Name b) (AssignPattern (ArrayPattern (Identifier c)) (Array)))) (Rest (Identifier d))) (NumericLiteral 0)))))"_s;
    QTest::addRow("async arrow and call")
        << u"async (a); async (a) => a; async x => x"_s << false
        << u"(Program (ExpressionStatement (Call (Identifier async) (Arguments (Identifier a)))) (ExpressionStatement (Arrow:async:expression (Params (Identifier a)) (Identifier a))) (ExpressionStatement (Arrow:async:expression (Params (Identifier x)) (Identifier x))))"_s;
    QTest::addRow("object pattern assignment")
        << u"({ a, b: { c } = {}, ...d } = e)"_s << false
        << u"(Program (ExpressionStatement (Paren (Assign = (ObjectPattern (PatternProperty:shorthand (Name a) (Identifier a)) (PatternProperty (Name b) (AssignPattern (ObjectPattern (PatternProperty:shorthand (Name c) (Identifier c))) (Object))) (Rest (Identifier d))) (Identifier e)))))"_s;
    QTest::addRow("template with nested braces")
        << u"`a${ { b: 1 }.b }c${`d${e}`}`"_s << false
        << u"(Program (ExpressionStatement (Template (Member (Object (Property (Name b) (NumericLiteral 1))) (Name b)) (Template (Identifier e)))))"_s;
    QTest::addRow("optional chain")
        << u"a?.b?.[c]?.(d).e"_s << false
        << u"(Program (ExpressionStatement (Member (Call:optional (Member:computed:optional (Member:optional (Identifier a) (Name b)) (Identifier c)) (Arguments (Identifier d))) (Name e))))"_s;
    QTest::addRow("new with member and call")
        << u"new a.b.C(d).e()"_s << false
        << u"(Program (ExpressionStatement (Call (Member (New (Member (Member (Identifier a) (Name b)) (Name C)) (Arguments (Identifier d))) (Name e)) (Arguments))))"_s;
    QTest::addRow("class members")
        << u"class A extends B { static x = 1; #y; constructor() { super(); } get z() { return 1; } static { } }"_s
        << false
        << u"(Program (ClassDeclaration (Identifier A) (Heritage (Identifier B)) (ClassBody (Field:static (Name x) (NumericLiteral 1)) (Field (PrivateName #y)) (Method:constructor (Name constructor) (Params) (Block (ExpressionStatement (Call (Super) (Arguments))))) (Method:get (Name z) (Params) (Block (Return (NumericLiteral 1)))) (StaticBlock (Block)))))"_s;
    QTest::addRow("for in of")
        << u"for (const [k, v] of m) for (x in o) ;"_s << false
        << u"(Program (ForOf (VariableDeclaration:const (VariableDeclarator (ArrayPattern (Identifier k) (Identifier v)))) (Identifier m) (ForIn (Identifier x) (Identifier o) (Empty))))"_s;
    QTest::addRow("ts cast and non-null")
        << u"x = (y as T)!.z satisfies U"_s << true
        << u"(Program (ExpressionStatement (Assign = (Identifier x) (TsCast (Member (TsCast:nonnull (Paren (TsCast (Identifier y)))) (Name z))))))"_s;
    QTest::addRow("ts type args vs comparison")
        << u"f<T>(x); a < b > c; g<A<B>>()"_s << true
        << u"(Program (ExpressionStatement (Call (Identifier f) (Arguments (Identifier x)))) (ExpressionStatement (Binary > (Binary < (Identifier a) (Identifier b)) (Identifier c))) (ExpressionStatement (Call (Identifier g) (Arguments))))"_s;
    QTest::addRow("ts generic arrow")
        << u"const f = <T,>(x: T): T => x"_s << true
        << u"(Program (VariableDeclaration:const (VariableDeclarator (Identifier f) (Arrow:expression (Params (Identifier x)) (Identifier x)))))"_s;
    QTest::addRow("ts conditional arrow")
        << u"x = c ? (a): T => a : b"_s << true
        << u"(Program (ExpressionStatement (Assign = (Identifier x) (Conditional (Identifier c) (Arrow:expression (Params (Identifier a)) (Identifier a)) (Identifier b)))))"_s;
    QTest::addRow("ts parameter properties")
        << u"class A { constructor(private a: number, public b = 1) {} }"_s << true
        << u"(Program (ClassDeclaration (Identifier A) (ClassBody (Method:constructor (Name constructor) (Params (Identifier a:property) (AssignPattern:property (Identifier b) (NumericLiteral 1))) (Block)))))"_s;
    QTest::addRow("ts enum and type only")
        << u"enum E { A, B = 2 } interface I {} type T = I;"_s << true
        << u"(Program (Enum (Identifier E) (EnumMember (Name A)) (EnumMember (Name B) (NumericLiteral 2))) (TypeOnly) (TypeOnly))"_s;
    QTest::addRow("ts import export")
        << u"import type { A } from 'a'; import { type B, C } from 'b'; export type { D }; export { C };"_s << true
        << u"(Program (TypeOnly) (Import (ImportSpecifier:type (Name B) (Identifier B)) (ImportSpecifier (Name C) (Identifier C)) (StringLiteral 'b')) (TypeOnly) (ExportNamed (ExportSpecifier (Name C) (Name C))))"_s;
}

void tst_JsParser::tree()
{
    QFETCH(QString, source);
    QFETCH(bool, typeScript);
    QFETCH(QString, tree);
    JsParser::Options options;
    options.typeScript = typeScript;
    const JsParser::Result parsed = JsParser::parse(source, options);
    QVERIFY2(!parsed.error, qPrintable(parsed.error ? parsed.error->toString() : QString()));
    QCOMPARE(parsed.ast.dump(), tree);
}

void tst_JsParser::typeScriptRanges_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("javaScript");
    QTest::addRow("variable annotations")
        << u"let a: number = 1, b: Map<string, Array<number>>;"_s << u"let a = 1, b;"_s;
    QTest::addRow("function signature")
        << u"function f<T extends object>(a: T, b?: number, ...c: string[]): T | null { return a; }"_s
        << u"function f(a, b, ...c) { return a; }"_s;
    QTest::addRow("this parameter") << u"function f(this: Window, a) {}"_s << u"function f(a) {}"_s;
    QTest::addRow("arrow") << u"const g = async <T,>(x: T, y?: U): Promise<T> => x;"_s
                           << u"const g = async (x, y) => x;"_s;
    QTest::addRow("casts") << u"x = (y as any)!.z satisfies Z; w = <string>v; k = [1] as const;"_s
                           << u"x = (y ).z ; w = v; k = [1] ;"_s;
    QTest::addRow("type arguments") << u"f<A, B<C>>(x); new Map<string, number>();"_s << u"f(x); new Map();"_s;
    QTest::addRow("class")
        << u"abstract class A<T> extends B<T> implements C, D { private readonly x?: number; declare y: T; abstract m(): void; constructor(public a: string) { super(); } n(): void {} [k: string]: any; }"_s
        << u" class A extends B  {   x;   constructor( a) { super(); } n() {}  }"_s;
    QTest::addRow("overloads") << u"function f(a: string): void;\nfunction f(a: any) {}"_s << u"\nfunction f(a) {}"_s;
    QTest::addRow("interface and type") << u"interface I {\n  a: number;\n}\ntype T = I | null;\nlet i: I;"_s
                                        << u"\n\nlet i;"_s;
    QTest::addRow("declare") << u"declare const x: number;\ndeclare module 'm' {\n  export const y: string;\n}\nx;"_s
                             << u"\n\nx;"_s;
    QTest::addRow("import and export types")
        << u"import type { A } from 'a';\nexport type { B } from 'b';\nexport interface C {}"_s << u"\n\n"_s;
    QTest::addRow("predicates") << u"function is(x): x is string { return true; } function as(x): asserts x {}"_s
                                << u"function is(x) { return true; } function as(x) {}"_s;
    QTest::addRow("definite assignment") << u"let x!: number;"_s << u"let x;"_s;
    QTest::addRow("glued identifiers") << u"class A<T>extends B {}"_s << u"class Aextends B {}"_s;
}

void tst_JsParser::typeScriptRanges()
{
    QFETCH(QString, source);
    QFETCH(QString, javaScript);
    JsParser::Options options;
    options.typeScript = true;
    const JsParser::Result parsed = JsParser::parse(source, options);
    QVERIFY2(!parsed.error, qPrintable(parsed.error ? parsed.error->toString() : QString()));
    QString stripped;
    qsizetype position = 0;
    for (const JsRange &range : parsed.ast.typeScriptRanges()) {
        stripped += QStringView(source).mid(position, range.start - position);
        position = range.end;
    }
    stripped += QStringView(source).mid(position);
    QCOMPARE(stripped, javaScript);
}

void tst_JsParser::moduleSyntax()
{
    QCOMPARE(JsParser::parse(u"module.exports = 1;"_s, {}).ast.firstModuleSyntax(), -1);
    QCOMPARE(JsParser::parse(u"// x\nexport default 1;"_s, {}).ast.firstModuleSyntax(), 5);
    QCOMPARE(JsParser::parse(u"a(); import 'm';"_s, {}).ast.firstModuleSyntax(), 5);
    QCOMPARE(JsParser::parse(u"import('m');"_s, {}).ast.firstModuleSyntax(), -1);
}

void tst_JsParser::nestingIsBounded()
{
    // Every kind of nesting stops at the limit with an error, far below what the stack takes.
    const QStringList openers {u"("_s, u"["_s, u"{a:"_s, u"!"_s, u"-"_s, u"a="_s, u"f("_s, u"x=>"_s, u"`${"_s,
        u"if(1)"_s, u"{"_s, u"new "_s, u"a?b:"_s, u"async()=>"_s, u"[...a,"_s};
    for (const QString &opener : openers) {
        const QString source = opener.repeated(5000) + u"1"_s;
        const JsParser::Result parsed = JsParser::parse(source, {});
        QVERIFY2(parsed.error, qPrintable(opener));
        QVERIFY2(parsed.error->message == u"nested too deeply"_s
                || parsed.error->message.startsWith(u"unexpected end"_s)
                || parsed.error->message.startsWith(u"unterminated"_s),
            qPrintable(opener + u": "_s + parsed.error->toString()));
    }
    JsParser::Options typeScript;
    typeScript.typeScript = true;
    for (const QString &opener : {u"let a: A<"_s, u"let a: ("_s, u"let a: {b:"_s, u"let a: ["_s, u"<T>"_s}) {
        const JsParser::Result parsed = JsParser::parse(opener.left(7) + opener.mid(7).repeated(5000), typeScript);
        QVERIFY2(parsed.error, qPrintable(opener));
    }
    JsParser::Options shallow;
    shallow.maxDepth = 10;
    QCOMPARE(JsParser::parse(u"x = [[[[[[[[[[[[1]]]]]]]]]]]];"_s, shallow).error->message, u"nested too deeply"_s);
}

void tst_JsParser::neverCrashesOnMutations()
{
    // Cut and splice the accepted snippets at random places: any answer is fine, but no crash or hang.
    QStringList corpus;
    corpus
        << u"export default async function f({ a, ...b }: T = {}) { const c = await g?.(a as any)!; return { ...b, c }; }"_s
        << u"class A<T> extends B { #x = 1; static y?: number; constructor(private z: string) { super(); } }"_s
        << u"x = a ? (b): c => d : e; y = `${`${f}`}`; z = /[/]/g.test(h) / 2;"_s
        << u"for await (const [k, v] of m) label: { break label; } try {} catch {} finally {}"_s;
    QRandomGenerator random(12345);
    for (int round = 0; round < 3000; ++round) {
        const QString &a = corpus.at(random.bounded(corpus.size()));
        const QString &b = corpus.at(random.bounded(corpus.size()));
        const QString source = a.left(random.bounded(a.size() + 1)) + b.mid(random.bounded(b.size() + 1));
        JsParser::Options options;
        options.typeScript = random.bounded(2) == 1;
        const JsParser::Result parsed = JsParser::parse(source, options);
        if (!parsed.error)
            QVERIFY2(checkTree(parsed.ast, parsed.ast.root()).isEmpty(), qPrintable(source));
        else
            QVERIFY(parsed.error->line >= 1 && parsed.error->column >= 1 && parsed.error->offset <= source.size());
    }
}

QTEST_GUILESS_MAIN(tst_JsParser)
#include "tst_jsparser.moc"
