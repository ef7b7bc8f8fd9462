#include "jslexerchecks.h"
#include "script/jslexer.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// Lets QCOMPARE print token kinds and punctuators by name (found by argument-dependent lookup).
namespace Authdesk {
inline char *toString(const JsTokenKind &kind)
{
    return qstrdup(qPrintable(tokenKindName(kind)));
}
inline char *toString(const JsPunctuator &punctuator)
{
    return qstrdup(qPrintable(punctuatorText(punctuator).toString()));
}
inline char *toString(const JsKeyword &keyword)
{
    return qstrdup(qPrintable(keywordText(keyword).toString()));
}
} // namespace Authdesk

namespace {

enum class Show { Kinds, Positions, Flags };

// The tokens (EndOfInput left out, except with Show::Positions) in a compact form:
//  Kinds:     "kw:return re:/a/g p:; id:x num:1 str:'s' head:`a${ mid:}b${ tail:}c` tpl:`t` priv:#x
//              big:1n bad:..." (kw: = reserved word, id: = any other identifier)
//  Positions: "text@line:column", with '^' in front when newlineBefore; "<eof>" for EndOfInput
//  Flags:     "text" plus "{E}" escaped, "{S}" separators, "{O}" legacy octal, "{Q}" legacy octal
//             escape, "{X}" invalid template escape, "{C}" line continuation
QString describe(const QString &source, const QList<JsToken> &tokens, Show show = Show::Kinds)
{
    QStringList parts;
    for (const JsToken &token : tokens) {
        const QString text = token.text(source).toString();
        if (show == Show::Positions) {
            const QString name = token.kind == JsTokenKind::EndOfInput ? u"<eof>"_s : text;
            parts.append((token.newlineBefore ? u"^"_s : QString()) + name + u'@' + QString::number(token.line) + u':'
                + QString::number(token.column));
            continue;
        }
        if (token.kind == JsTokenKind::EndOfInput)
            continue;
        if (show == Show::Flags) {
            QString flags;
            const std::pair<JsTokenFlag, char16_t> letters[]
                = {{JsTokenFlag::Escaped, u'E'}, {JsTokenFlag::NumericSeparators, u'S'},
                    {JsTokenFlag::LegacyOctal, u'O'}, {JsTokenFlag::LegacyOctalEscape, u'Q'},
                    {JsTokenFlag::InvalidEscape, u'X'}, {JsTokenFlag::LineContinuation, u'C'}};
            for (const auto &[flag, letter] : letters) {
                if (token.hasFlag(flag))
                    flags += QChar(letter);
            }
            parts.append(flags.isEmpty() ? text : text + u'{' + flags + u'}');
            continue;
        }
        QString kind;
        switch (token.kind) {
        case JsTokenKind::Identifier:
            kind = token.isKeyword() ? u"kw"_s : u"id"_s;
            break;
        case JsTokenKind::PrivateName:
            kind = u"priv"_s;
            break;
        case JsTokenKind::Punctuator:
            kind = u"p"_s;
            break;
        case JsTokenKind::NumericLiteral:
            kind = u"num"_s;
            break;
        case JsTokenKind::BigIntLiteral:
            kind = u"big"_s;
            break;
        case JsTokenKind::StringLiteral:
            kind = u"str"_s;
            break;
        case JsTokenKind::TemplateNoSubstitution:
            kind = u"tpl"_s;
            break;
        case JsTokenKind::TemplateHead:
            kind = u"head"_s;
            break;
        case JsTokenKind::TemplateMiddle:
            kind = u"mid"_s;
            break;
        case JsTokenKind::TemplateTail:
            kind = u"tail"_s;
            break;
        case JsTokenKind::RegularExpression:
            kind = u"re"_s;
            break;
        case JsTokenKind::Invalid:
            kind = u"bad"_s;
            break;
        case JsTokenKind::EndOfInput:
            break;
        }
        parts.append(kind + u':' + text);
    }
    return parts.join(u' ');
}

QStringList describe(const JsLexer::Errors &errors)
{
    QStringList lines;
    for (const JsLexError &error : errors)
        lines.append(error.toString());
    return lines;
}

// Tokenizes, checks the invariants of every tokenization, and returns the tokens.
QList<JsToken> lex(const QString &source, JsLexer::Errors *errors = nullptr)
{
    JsLexer::Errors found;
    const QList<JsToken> tokens = JsLexer::tokenize(source, &found);
    const QString problem = JsLexerChecks::check(source, tokens, found);
    if (!problem.isEmpty())
        qWarning("invariant broken for %s: %s", qPrintable(source.left(200)), qPrintable(problem));
    if (errors)
        *errors = found;
    return problem.isEmpty() ? tokens : QList<JsToken>();
}

// A realistic mix of ES2023 and TypeScript; tokenizes without errors.
QString sampleSource()
{
    return uR"js(#!/usr/bin/env node
// ES2023 and TypeScript features the lowering has to deal with.
import { readFile } from 'node:fs/promises';
export default async function main({ credentials, ...rest } = {}) {
  const token = credentials?.access_token ?? rest.token ?? '';
  let retries = 1_000, big = 9_007_199_254_740_993n, f = .5e-3, o = 0o17, h = 0xFF_FF;
  retries ||= 3; retries &&= retries - 1; rest.limit ??= 10; f **= 2; h >>>= 1;
  for await (const chunk of stream(token)) /re/g.test(chunk) && retries--;
  label: for (let i = 0; i < 10; i++) { if (i % 2) continue label; }
  const { a = 1, b: [c, , d] = [] } = await fetchJson(`/api/${encodeURIComponent(token)}?q=${ {x: 1}.x }`);
  return [...[a, c, d], ...Object.entries(rest)].map(([k, v]) => `${k}=${v}`).join('&');
}
class Client extends Base {
  #secret = 'x\'y\u0041\x41\
z';
  static #count = 0;
  static { Client.#count = 1; }
  get secret() { return this.#secret; }
  static has(o) { return #secret in o; }
  async *pages(url) { let next = url; while (next) { const r = yield await fetch(next); next = r?.next; } }
}
/* block
   comment */ const re = /(?<year>\d{4})-(?<m>\d\d)\/[/\]]+/dgimsuy, half = total / 2 / count;
@Component({ selector: 'app' })
export abstract class Store<T extends object = {}> implements Iterable<T> {
  private readonly items: Array<Map<string, number>> = new Map<string, Array<number>>() as any;
  declare value!: string;
}
type Mapped<T> = { readonly [K in keyof T]?: T[K] extends infer U ? U : never };
const ident = <T,>(x: T): T => x, n = value!.length! / 2, k = x as const;
if (ok) /x/.test(s); else x = {} / 2;
)js"_s;
}

} // namespace

class tst_JsLexer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void errors_data();
    void errors();
    void positions_data();
    void positions();
    void flags_data();
    void flags();
    void values_data();
    void values();
    void templateValues();
    void regexParts();
    void keywordAndPunctuatorTables();
    void tokenHelpers();
    void splitPunctuator_data();
    void splitPunctuator();
    void splitClosesTypeArguments();
    void rescanAsPunctuator();
    void rescanAsRegex();
    void rescanInvalidRegexAsDivision();
    void rescanTemplateContinuation();
    void rescanLeavesOtherTokensAlone();
    void checkpointAndRewind();
    void endOfInputRepeats();
    void streamingMatchesTokenize();
    void sampleHasNoErrors();
    void everyPrefixHoldsInvariants();
    void hostileInputs_data();
    void hostileInputs();
    void connectorScripts_data();
    void connectorScripts();
};

void tst_JsLexer::tokens_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    // Punctuators: every ES2023 one, longest match first.
    QTest::addRow("all punctuators")
        << uR"js({ } ( ) [ ] . ... ; , < > <= >= == != === !== + - * % ** ++ -- << >> >>> & | ^ ! ~ && || ?? ? ?. : = += -= *= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= => @)js"_s
        << uR"js(p:{ p:} p:( p:) p:[ p:] p:. p:... p:; p:, p:< p:> p:<= p:>= p:== p:!= p:=== p:!== p:+ p:- p:* p:% p:** p:++ p:-- p:<< p:>> p:>>> p:& p:| p:^ p:! p:~ p:&& p:|| p:?? p:? p:?. p:: p:= p:+= p:-= p:*= p:%= p:**= p:<<= p:>>= p:>>>= p:&= p:|= p:^= p:&&= p:||= p:??= p:=> p:@)js"_s;
    QTest::addRow("slash punctuators") << u"a / b /= c"_s << u"id:a p:/ id:b p:/= id:c"_s;
    QTest::addRow("longest match") << u"a>>>=b"_s << u"id:a p:>>>= id:b"_s;
    QTest::addRow("no spaces") << u"a+++b"_s << u"id:a p:++ p:+ id:b"_s;
    QTest::addRow("=== then =") << u"a====b"_s << u"id:a p:=== p:= id:b"_s;
    QTest::addRow("optional chain") << u"a?.b"_s << u"id:a p:?. id:b"_s;
    QTest::addRow("optional index") << u"a?.[0]"_s << u"id:a p:?. p:[ num:0 p:]"_s;
    QTest::addRow("optional call") << u"a?.(x)"_s << u"id:a p:?. p:( id:x p:)"_s;
    QTest::addRow("?. before digit is ? and number") << u"a?.5:b"_s << u"id:a p:? num:.5 p:: id:b"_s;
    QTest::addRow("?. before space") << u"a?. 5"_s << u"id:a p:?. num:5"_s;
    QTest::addRow("nullish") << u"a??b"_s << u"id:a p:?? id:b"_s;
    QTest::addRow("nullish assign") << u"a?\?=b"_s << u"id:a p:?\?= id:b"_s;
    QTest::addRow("logical assign") << u"a||=b&&=c"_s << u"id:a p:||= id:b p:&&= id:c"_s;
    QTest::addRow("exponent assign") << u"a**=2"_s << u"id:a p:**= num:2"_s;
    QTest::addRow("spread") << u"f(...args)"_s << u"id:f p:( p:... id:args p:)"_s;
    QTest::addRow("four dots") << u"...."_s << u"p:... p:."_s;
    QTest::addRow("arrow") << u"x=>x"_s << u"id:x p:=> id:x"_s;
    QTest::addRow("arrow with block") << u"(a)=>{}"_s << u"p:( id:a p:) p:=> p:{ p:}"_s;
    QTest::addRow("html comments are not comments") << u"<!-- x -->"_s << u"p:< p:! p:-- id:x p:-- p:>"_s;

    // Identifiers and keywords.
    QTest::addRow("identifiers") << u"foo $bar _baz a1 $ _"_s << u"id:foo id:$bar id:_baz id:a1 id:$ id:_"_s;
    QTest::addRow("reserved words") << u"if else return this null true false typeof"_s
                                    << u"kw:if kw:else kw:return kw:this kw:null kw:true kw:false kw:typeof"_s;
    QTest::addRow("contextual words are identifiers")
        << u"async await yield of let static get set as from type"_s
        << u"id:async id:await id:yield id:of id:let id:static id:get id:set id:as id:from id:type"_s;
    QTest::addRow("keyword prefixes are identifiers")
        << u"iff returns classy instanceofx"_s << u"id:iff id:returns id:classy id:instanceofx"_s;
    QTest::addRow("keyword as property") << u"a.if.return"_s << u"id:a p:. kw:if p:. kw:return"_s;
    QTest::addRow("non-ASCII letters") << u"café ñ Ωmega 变量 ǅx"_s << u"id:café id:ñ id:Ωmega id:变量 id:ǅx"_s;
    QTest::addRow("astral letter") << u"𝐀b"_s << u"id:𝐀b"_s;
    QTest::addRow("combining mark and ZWNJ") << u"a\u0301\u200Cb"_s << u"id:a\u0301\u200Cb"_s;
    QTest::addRow("digit continues") << u"x٣"_s << u"id:x٣"_s;
    QTest::addRow("unicode escape") << uR"js(\u0061bc)js"_s << uR"js(id:\u0061bc)js"_s;
    QTest::addRow("braced unicode escape") << uR"js(a\u{62}c)js"_s << uR"js(id:a\u{62}c)js"_s;
    QTest::addRow("astral escape") << uR"js(\u{1D400}x)js"_s << uR"js(id:\u{1D400}x)js"_s;
    QTest::addRow("escaped keyword is no keyword") << uR"js(\u0069f)js"_s << uR"js(id:\u0069f)js"_s;
    QTest::addRow("private names") << u"this.#x; #y in o"_s << u"kw:this p:. priv:#x p:; priv:#y kw:in id:o"_s;
    QTest::addRow("escaped private name") << uR"js(#\u0061)js"_s << uR"js(priv:#\u0061)js"_s;
    QTest::addRow("private name with dollar") << u"#$x"_s << u"priv:#$x"_s;

    // Numbers.
    QTest::addRow("decimals") << u"0 1 123 1.5 .5 5. 0.5"_s << u"num:0 num:1 num:123 num:1.5 num:.5 num:5. num:0.5"_s;
    QTest::addRow("exponents") << u"1e3 1E+3 1e-3 1.5e10 1.e5 .5e-3"_s
                               << u"num:1e3 num:1E+3 num:1e-3 num:1.5e10 num:1.e5 num:.5e-3"_s;
    QTest::addRow("hex octal binary") << u"0x1F 0XfF 0o17 0O7 0b101 0B1"_s
                                      << u"num:0x1F num:0XfF num:0o17 num:0O7 num:0b101 num:0B1"_s;
    QTest::addRow("legacy octal and leading zero") << u"017 08 09.5 019e1"_s << u"num:017 num:08 num:09.5 num:019e1"_s;
    QTest::addRow("legacy octal then fraction") << u"07.5"_s << u"num:07 num:.5"_s;
    QTest::addRow("separators") << u"1_000 1_000.000_1 0xFF_FF 0b1_0 0o7_7 1e1_0"_s
                                << u"num:1_000 num:1_000.000_1 num:0xFF_FF num:0b1_0 num:0o7_7 num:1e1_0"_s;
    QTest::addRow("bigint") << u"10n 0n 0x1Fn 0b1n 0o7n 1_000n"_s
                            << u"big:10n big:0n big:0x1Fn big:0b1n big:0o7n big:1_000n"_s;
    QTest::addRow("member of number") << u"1..toString() 1 .x"_s << u"num:1. p:. id:toString p:( p:) num:1 p:. id:x"_s;
    QTest::addRow("identifier then dot number") << u"a.5"_s << u"id:a num:.5"_s;
    QTest::addRow("minus is not part of a number") << u"-1"_s << u"p:- num:1"_s;

    // Strings.
    QTest::addRow("strings") << uR"js('a' "b" '' "it's" 'say "hi"')js"_s
                             << uR"js(str:'a' str:"b" str:'' str:"it's" str:'say "hi"')js"_s;
    QTest::addRow("simple escapes") << uR"js('\n\t\\\'\"\b\f\v\r')js"_s << uR"js(str:'\n\t\\\'\"\b\f\v\r')js"_s;
    QTest::addRow("code escapes") << uR"js("\x41\u0041\u{41}\u{10FFFF}")js"_s
                                  << uR"js(str:"\x41\u0041\u{41}\u{10FFFF}")js"_s;
    QTest::addRow("line continuation") << u"'a\\\nb' c"_s << u"str:'a\\\nb' id:c"_s;
    QTest::addRow("CRLF line continuation") << u"'a\\\r\nb' c"_s << u"str:'a\\\r\nb' id:c"_s;
    QTest::addRow("octal escapes") << uR"js('\0' '\08' '\7' '\377' '\8')js"_s
                                   << uR"js(str:'\0' str:'\08' str:'\7' str:'\377' str:'\8')js"_s;
    QTest::addRow("LS and PS in strings") << u"'a\u2028b\u2029c'"_s << u"str:'a\u2028b\u2029c'"_s;
    QTest::addRow("lone surrogate in string") << u"'\xD800'"_s << u"str:'\xD800'"_s;
    QTest::addRow("escaped quote at end") << uR"js('\\' 'a\'')js"_s << uR"js(str:'\\' str:'a\'')js"_s;

    // Templates.
    QTest::addRow("template") << u"`abc`"_s << u"tpl:`abc`"_s;
    QTest::addRow("empty template") << u"``"_s << u"tpl:``"_s;
    QTest::addRow("substitution") << u"`a${b}c`"_s << u"head:`a${ id:b tail:}c`"_s;
    QTest::addRow("two substitutions") << u"`a${b}c${d}e`"_s << u"head:`a${ id:b mid:}c${ id:d tail:}e`"_s;
    QTest::addRow("adjacent substitutions") << u"`${a}${b}`"_s << u"head:`${ id:a mid:}${ id:b tail:}`"_s;
    QTest::addRow("nested template") << u"`a${`b${c}`}d`"_s << u"head:`a${ head:`b${ id:c tail:}` tail:}d`"_s;
    QTest::addRow("deeply nested") << u"`${`${`${x}`}`}`"_s
                                   << u"head:`${ head:`${ head:`${ id:x tail:}` tail:}` tail:}`"_s;
    QTest::addRow("object literal in substitution")
        << u"`${ {a:1}.a }`"_s << u"head:`${ p:{ id:a p:: num:1 p:} p:. id:a tail:}`"_s;
    QTest::addRow("empty braces in substitution") << u"`${ { } }`"_s << u"head:`${ p:{ p:} tail:}`"_s;
    QTest::addRow("function in substitution")
        << u"`${ (() => { return { a: `x${y}` }; })() }`"_s
        << u"head:`${ p:( p:( p:) p:=> p:{ kw:return p:{ id:a p:: head:`x${ id:y tail:}` p:} p:; p:} p:) p:( p:) tail:}`"_s;
    QTest::addRow("escaped backtick and dollar") << u"`\\` \\${no} $ { $`"_s << u"tpl:`\\` \\${no} $ { $`"_s;
    QTest::addRow("multi-line template") << u"`a\nb${c}\r\nd`"_s << u"head:`a\nb${ id:c tail:}\r\nd`"_s;
    QTest::addRow("tagged template, invalid escape") << uR"js(tag`\unicode`)js"_s << uR"js(id:tag tpl:`\unicode`)js"_s;
    QTest::addRow("division in substitution") << u"`${a/b}`"_s << u"head:`${ id:a p:/ id:b tail:}`"_s;
    QTest::addRow("regex in substitution")
        << u"`${/re/.test(a)}`"_s << u"head:`${ re:/re/ p:. id:test p:( id:a p:) tail:}`"_s;
    QTest::addRow("division after template") << u"`a` / 2"_s << u"tpl:`a` p:/ num:2"_s;
    QTest::addRow("division after template tail") << u"`${a}` / 2"_s << u"head:`${ id:a tail:}` p:/ num:2"_s;

    // Regular expression or division.
    QTest::addRow("a / b / c") << u"a / b / c"_s << u"id:a p:/ id:b p:/ id:c"_s;
    QTest::addRow("x = /=/g") << u"x = /=/g"_s << u"id:x p:= re:/=/g"_s;
    QTest::addRow("return /re/") << u"return /re/"_s << u"kw:return re:/re/"_s;
    QTest::addRow("regex at start") << u"/re/i.test(s)"_s << u"re:/re/i p:. id:test p:( id:s p:)"_s;
    QTest::addRow(") / 2") << u"(a) / 2"_s << u"p:( id:a p:) p:/ num:2"_s;
    QTest::addRow("call / 2") << u"f(x) / 2"_s << u"id:f p:( id:x p:) p:/ num:2"_s;
    QTest::addRow("if (x) /re/") << u"if (x) /re/.test(y)"_s
                                 << u"kw:if p:( id:x p:) re:/re/ p:. id:test p:( id:y p:)"_s;
    QTest::addRow("if with call in condition") << u"if (f(x)) /re/"_s << u"kw:if p:( id:f p:( id:x p:) p:) re:/re/"_s;
    QTest::addRow("while (x) /re/") << u"while (x) /a/"_s << u"kw:while p:( id:x p:) re:/a/"_s;
    QTest::addRow("for (;;) /re/") << u"for (;;) /a/"_s << u"kw:for p:( p:; p:; p:) re:/a/"_s;
    QTest::addRow("for await") << u"for await (x of y) /a/"_s << u"kw:for id:await p:( id:x id:of id:y p:) re:/a/"_s;
    QTest::addRow("with (o) /re/") << u"with (o) /a/"_s << u"kw:with p:( id:o p:) re:/a/"_s;
    QTest::addRow("method named if") << u"a.if(x) / 2"_s << u"id:a p:. kw:if p:( id:x p:) p:/ num:2"_s;
    QTest::addRow("] / 2") << u"a[0] / 2"_s << u"id:a p:[ num:0 p:] p:/ num:2"_s;
    QTest::addRow("this / super / literals")
        << u"this / 2; null / 1; true / 1; false / 1; 'x' / 2; 1n / 2n"_s
        << u"kw:this p:/ num:2 p:; kw:null p:/ num:1 p:; kw:true p:/ num:1 p:; kw:false p:/ num:1 p:; str:'x' p:/ num:2 p:; big:1n p:/ big:2n"_s;
    QTest::addRow("regex / 2") << u"/r/ / 2"_s << u"re:/r/ p:/ num:2"_s;
    QTest::addRow("regex after operators") << u"x = a ? /b/ : /c/"_s << u"id:x p:= id:a p:? re:/b/ p:: re:/c/"_s;
    QTest::addRow("regex in array and call")
        << u"[/a/, /b/]; f(/c/)"_s << u"p:[ re:/a/ p:, re:/b/ p:] p:; id:f p:( re:/c/ p:)"_s;
    QTest::addRow("regex as property value") << u"x = {a: /re/}"_s << u"id:x p:= p:{ id:a p:: re:/re/ p:}"_s;
    QTest::addRow("regex after keywords")
        << u"typeof /a/; void /b/; delete /c/; throw /d/; new /e/; x in /f/; x instanceof /g/"_s
        << u"kw:typeof re:/a/ p:; kw:void re:/b/ p:; kw:delete re:/c/ p:; kw:throw re:/d/ p:; kw:new re:/e/ p:; id:x kw:in re:/f/ p:; id:x kw:instanceof re:/g/"_s;
    QTest::addRow("regex after case do else")
        << u"case /a/: do /b/; else /c/"_s << u"kw:case re:/a/ p:: kw:do re:/b/ p:; kw:else re:/c/"_s;
    QTest::addRow("regex after yield await of")
        << u"yield /a/; await /b/; for (x of /c/)"_s
        << u"id:yield re:/a/ p:; id:await re:/b/ p:; kw:for p:( id:x id:of re:/c/ p:)"_s;
    QTest::addRow("keyword as property then division") << u"a.return / 2"_s << u"id:a p:. kw:return p:/ num:2"_s;
    QTest::addRow("contextual word as property") << u"a.of / 2"_s << u"id:a p:. id:of p:/ num:2"_s;
    QTest::addRow("postfix ++ then division") << u"i++ / 2"_s << u"id:i p:++ p:/ num:2"_s;
    QTest::addRow("prefix ++ then regex") << u"++/x/.lastIndex"_s << u"p:++ re:/x/ p:. id:lastIndex"_s;
    QTest::addRow("++ after newline is prefix") << u"a\n++/x/.y"_s << u"id:a p:++ re:/x/ p:. id:y"_s;
    QTest::addRow("! then regex") << u"!/y/.test(s)"_s << u"p:! re:/y/ p:. id:test p:( id:s p:)"_s;
    QTest::addRow("arrow then regex") << u"x => /a/.test(x)"_s << u"id:x p:=> re:/a/ p:. id:test p:( id:x p:)"_s;
    QTest::addRow("block then regex") << u"if (a) {} /re/.test(s)"_s
                                      << u"kw:if p:( id:a p:) p:{ p:} re:/re/ p:. id:test p:( id:s p:)"_s;
    QTest::addRow("block at start then regex") << u"{}\n/foo/"_s << u"p:{ p:} re:/foo/"_s;
    QTest::addRow("function declaration then regex")
        << u"function f() {}\n/re/.test(s)"_s << u"kw:function id:f p:( p:) p:{ p:} re:/re/ p:. id:test p:( id:s p:)"_s;
    QTest::addRow("object literal then division") << u"x = {} / 2"_s << u"id:x p:= p:{ p:} p:/ num:2"_s;
    QTest::addRow("object in call then division") << u"f({}) / 2"_s << u"id:f p:( p:{ p:} p:) p:/ num:2"_s;
    QTest::addRow("return object then division") << u"return {a} / 2"_s << u"kw:return p:{ id:a p:} p:/ num:2"_s;
    QTest::addRow("label block then regex") << u"a: {} /b/"_s << u"id:a p:: p:{ p:} re:/b/"_s;
    QTest::addRow("no ASI before /") << u"a = b\n/re/g.exec(c)"_s
                                     << u"id:a p:= id:b p:/ id:re p:/ id:g p:. id:exec p:( id:c p:)"_s;
    QTest::addRow("slash inside class") << u"/[/]/.test(a)"_s << u"re:/[/]/ p:. id:test p:( id:a p:)"_s;
    QTest::addRow("escaped slashes") << uR"js(/\//; /a\/b/; /[\]/]/)js"_s
                                     << uR"js(re:/\// p:; re:/a\/b/ p:; re:/[\]/]/)js"_s;
    QTest::addRow("division after a regex") << uR"js(/a/ /b/)js"_s << uR"js(re:/a/ p:/ id:b p:/)js"_s;
    QTest::addRow("named groups and all flags")
        << uR"js(x = /(?<y>\d{4})/dgimsuvy)js"_s << uR"js(id:x p:= re:/(?<y>\d{4})/dgimsuvy)js"_s;
    QTest::addRow("comment does not reset the context") << u"a /**/ / 2"_s << u"id:a p:/ num:2"_s;
    QTest::addRow("regex after comment at start") << u"/* a */ /re/"_s << u"re:/re/"_s;
    QTest::addRow("regex starting with =") << u"x = /=/"_s << u"id:x p:= re:/=/"_s;
    QTest::addRow("regex after >") << u"<RegExp>/a/"_s << u"p:< id:RegExp p:> re:/a/"_s;

    // Comments and whitespace.
    QTest::addRow("line comment") << u"a // comment\nb"_s << u"id:a id:b"_s;
    QTest::addRow("block comment") << u"a /* x */ b"_s << u"id:a id:b"_s;
    QTest::addRow("star-slash-like text") << u"a /* * / ** /* */ b"_s << u"id:a id:b"_s;
    QTest::addRow("comments do not nest") << u"/* /* */ a"_s << u"id:a"_s;
    QTest::addRow("empty comment") << u"/**/a/***/"_s << u"id:a"_s;
    QTest::addRow("line comment with star-slash") << u"// */ x\ny"_s << u"id:y"_s;
    QTest::addRow("only comments") << u"// a\n/* b */"_s << u""_s;
    QTest::addRow("hashbang") << u"#!/usr/bin/env node\nfoo"_s << u"id:foo"_s;
    QTest::addRow("unicode whitespace") << u"a\u00A0b\uFEFFc\u2003d\u3000e\tf\vg\fh"_s
                                        << u"id:a id:b id:c id:d id:e id:f id:g id:h"_s;
    QTest::addRow("empty source") << QString() << u""_s;

    // TypeScript.
    QTest::addRow("TS nested generics")
        << u"let x: Array<Map<string, number>> = new Map<string, Array<number>>()"_s
        << u"id:let id:x p:: id:Array p:< id:Map p:< id:string p:, id:number p:>> p:= kw:new id:Map p:< id:string p:, id:Array p:< id:number p:>> p:( p:)"_s;
    QTest::addRow("TS triple generics") << u"a: A<B<C<D>>>;"_s
                                        << u"id:a p:: id:A p:< id:B p:< id:C p:< id:D p:>>> p:;"_s;
    QTest::addRow("TS generics then >=") << u"let g: P<Q>= null"_s << u"id:let id:g p:: id:P p:< id:Q p:>= kw:null"_s;
    QTest::addRow("TS non-null") << u"x!.y"_s << u"id:x p:! p:. id:y"_s;
    QTest::addRow("TS non-null then division") << u"x! / 2"_s << u"id:x p:! p:/ num:2"_s;
    QTest::addRow("TS as const") << u"a as const"_s << u"id:a id:as kw:const"_s;
    QTest::addRow("TS generic arrow") << u"<T,>(x: T) => x"_s << u"p:< id:T p:, p:> p:( id:x p:: id:T p:) p:=> id:x"_s;
    QTest::addRow("TS decorator") << u"@dec class A {}"_s << u"p:@ id:dec kw:class id:A p:{ p:}"_s;
    QTest::addRow("TS decorator call") << u"@Component({selector: 'x'})"_s
                                       << u"p:@ id:Component p:( p:{ id:selector p:: str:'x' p:} p:)"_s;
    QTest::addRow("TS optional and definite")
        << u"class A { a?: T; b!: string }"_s
        << u"kw:class id:A p:{ id:a p:? p:: id:T p:; id:b p:! p:: id:string p:}"_s;
    QTest::addRow("TS type predicate")
        << u"function f(v: unknown): v is string {}"_s
        << u"kw:function id:f p:( id:v p:: id:unknown p:) p:: id:v id:is id:string p:{ p:}"_s;
    QTest::addRow("TS mapped type")
        << u"type M = { readonly [K in keyof T]?: T[K] }"_s
        << u"id:type id:M p:= p:{ id:readonly p:[ id:K kw:in id:keyof id:T p:] p:? p:: id:T p:[ id:K p:] p:}"_s;
    QTest::addRow("TS satisfies") << u"x satisfies Config"_s << u"id:x id:satisfies id:Config"_s;
    QTest::addRow("TS enum and interface")
        << u"enum E { A = 1 } interface I { x: number }"_s
        << u"kw:enum id:E p:{ id:A p:= num:1 p:} id:interface id:I p:{ id:x p:: id:number p:}"_s;
    QTest::addRow("TS type assertion") << u"<number>x / 2"_s << u"p:< id:number p:> id:x p:/ num:2"_s;
}

void tst_JsLexer::tokens()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    JsLexer::Errors errors;
    const QList<JsToken> tokens = lex(source, &errors);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(describe(source, tokens), expected);
    QCOMPARE(describe(errors), QStringList());
}

void tst_JsLexer::errors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("errors");

    QTest::addRow("unterminated string") << u"'abc"_s << u"bad:'abc"_s
                                         << QStringList {u"1:1: unterminated string literal"_s};
    QTest::addRow("string ends at newline")
        << u"x = 'abc\nd"_s << u"id:x p:= bad:'abc id:d"_s << QStringList {u"1:5: unterminated string literal"_s};
    QTest::addRow("string ends at CR") << u"'a\rb'"_s << u"bad:'a id:b bad:'"_s
                                       << QStringList {u"1:1: unterminated string literal"_s,
                                              u"2:2: unterminated string literal"_s};
    QTest::addRow("backslash at end") << u"\"a\\"_s << u"bad:\"a\\"_s
                                      << QStringList {u"1:1: unterminated string literal"_s};
    QTest::addRow("unterminated wins over bad escape")
        << uR"js("\x)js"_s << uR"js(bad:"\x)js"_s << QStringList {u"1:1: unterminated string literal"_s};
    QTest::addRow("bad hex escape") << uR"js(x = "a\xZ")js"_s << uR"js(id:x p:= bad:"a\xZ")js"_s
                                    << QStringList {u"1:7: invalid hexadecimal escape sequence"_s};
    QTest::addRow("short unicode escape")
        << uR"js('\u12')js"_s << uR"js(bad:'\u12')js"_s << QStringList {u"1:2: invalid Unicode escape sequence"_s};
    QTest::addRow("code point too big") << uR"js('\u{110000}')js"_s << uR"js(bad:'\u{110000}')js"_s
                                        << QStringList {u"1:2: invalid Unicode escape sequence"_s};
    QTest::addRow("empty braced escape") << uR"js('\u{}')js"_s << uR"js(bad:'\u{}')js"_s
                                         << QStringList {u"1:2: invalid Unicode escape sequence"_s};
    QTest::addRow("bad escape after continuation")
        << u"'a\\\n\\x'"_s << u"bad:'a\\\n\\x'"_s << QStringList {u"2:1: invalid hexadecimal escape sequence"_s};
    QTest::addRow("unterminated template")
        << u"`abc"_s << u"bad:`abc"_s << QStringList {u"1:1: unterminated template literal"_s};
    QTest::addRow("unterminated multi-line template")
        << u"a\n `x\ny"_s << u"id:a bad:`x\ny"_s << QStringList {u"2:2: unterminated template literal"_s};
    QTest::addRow("open substitution") << u"`a${b"_s << u"head:`a${ id:b bad:"_s
                                       << QStringList {u"1:1: unterminated template literal"_s};
    QTest::addRow("unterminated template tail")
        << u"`a${b}c"_s << u"head:`a${ id:b bad:}c"_s << QStringList {u"1:6: unterminated template literal"_s};
    QTest::addRow("nested open substitutions") << u"`a${`b${c"_s << u"head:`a${ head:`b${ id:c bad:"_s
                                               << QStringList {u"1:5: unterminated template literal"_s};
    QTest::addRow("unterminated comment")
        << u"/* abc"_s << u"bad:/* abc"_s << QStringList {u"1:1: unterminated comment"_s};
    QTest::addRow("unterminated comment on line 2")
        << u"a\n  /* x\n y"_s << u"id:a bad:/* x\n y"_s << QStringList {u"2:3: unterminated comment"_s};
    QTest::addRow("unterminated regex") << u"x = /abc"_s << u"id:x p:= bad:/abc"_s
                                        << QStringList {u"1:5: unterminated regular expression literal"_s};
    QTest::addRow("regex ends at newline") << u"x = /a\n/"_s << u"id:x p:= bad:/a p:/"_s
                                           << QStringList {u"1:5: unterminated regular expression literal"_s};
    QTest::addRow("regex class never closed")
        << u"/[/"_s << u"bad:/[/"_s << QStringList {u"1:1: unterminated regular expression literal"_s};
    QTest::addRow("regex backslash at end")
        << u"/a\\"_s << u"bad:/a\\"_s << QStringList {u"1:1: unterminated regular expression literal"_s};
    QTest::addRow("duplicate regex flag")
        << u"/a/gg"_s << u"bad:/a/gg"_s << QStringList {u"1:4: invalid regular expression flags"_s};
    QTest::addRow("unknown regex flag") << u"/a/x"_s << u"bad:/a/x"_s
                                        << QStringList {u"1:4: invalid regular expression flags"_s};
    QTest::addRow("escaped regex flag") << uR"js(/a/\u0067)js"_s << uR"js(bad:/a/\u0067)js"_s
                                        << QStringList {u"1:4: invalid regular expression flags"_s};
    QTest::addRow("misguessed regex after object braces (parser rescans)")
        << u"a ? b : {} / 2"_s << u"id:a p:? id:b p:: p:{ p:} bad:/ 2"_s
        << QStringList {u"1:12: unterminated regular expression literal"_s};
    QTest::addRow("star-slash outside a comment") << u"/* /* */ a */"_s << u"id:a p:* bad:/"_s
                                                  << QStringList {u"1:13: unterminated regular expression literal"_s};
    QTest::addRow("0x without digits") << u"0x"_s << u"bad:0x"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("0x then letter") << u"0xg"_s << u"bad:0xg"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("double separator") << u"1__0"_s << u"bad:1__0"_s
                                      << QStringList {u"1:2: invalid numeric separator"_s};
    QTest::addRow("trailing separator") << u"1_ "_s << u"bad:1_"_s << QStringList {u"1:2: invalid numeric separator"_s};
    QTest::addRow("separator after 0") << u"0_1"_s << u"bad:0_1"_s << QStringList {u"1:2: invalid numeric separator"_s};
    QTest::addRow("separator after dot") << u"1._5"_s << u"bad:1._5"_s
                                         << QStringList {u"1:3: invalid numeric separator"_s};
    QTest::addRow("separator before dot")
        << u"1_.5"_s << u"bad:1_.5"_s << QStringList {u"1:2: invalid numeric separator"_s};
    QTest::addRow("separator after e") << u"1e_5"_s << u"bad:1e_5"_s
                                       << QStringList {u"1:3: invalid numeric separator"_s};
    QTest::addRow("separator after 0x") << u"0x_1"_s << u"bad:0x_1"_s
                                        << QStringList {u"1:3: invalid numeric separator"_s};
    QTest::addRow("separator in legacy octal")
        << u"01_2"_s << u"bad:01_2"_s << QStringList {u"1:3: invalid numeric separator"_s};
    QTest::addRow("exponent without digits")
        << u"1e+"_s << u"bad:1e+"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("identifier after number")
        << u"3in x"_s << u"bad:3in id:x"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("member on integer") << u"1.toString()"_s << u"bad:1.toString p:( p:)"_s
                                       << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("binary with 2") << u"0b12"_s << u"bad:0b12"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("octal with 8") << u"0o78"_s << u"bad:0o78"_s << QStringList {u"1:1: invalid numeric literal"_s};
    QTest::addRow("legacy octal bigint") << u"08n"_s << u"bad:08n"_s << QStringList {u"1:1: invalid BigInt literal"_s};
    QTest::addRow("fraction bigint") << u"1.5n"_s << u"bad:1.5n"_s << QStringList {u"1:1: invalid BigInt literal"_s};
    QTest::addRow("exponent bigint") << u"1e3n"_s << u"bad:1e3n"_s << QStringList {u"1:1: invalid BigInt literal"_s};
    QTest::addRow("leading dot bigint") << u".5n"_s << u"bad:.5n"_s << QStringList {u"1:1: invalid BigInt literal"_s};
    QTest::addRow("lone #") << u"# x"_s << u"bad:# id:x"_s << QStringList {u"1:1: unexpected character '#'"_s};
    QTest::addRow("#! after the start") << u"a #!b"_s << u"id:a bad:# p:! id:b"_s
                                        << QStringList {u"1:3: unexpected character '#'"_s};
    QTest::addRow("backslash not an escape")
        << uR"js(\x41)js"_s << uR"js(bad:\x41)js"_s << QStringList {u"1:1: invalid Unicode escape sequence"_s};
    QTest::addRow("escape of a space in an identifier")
        << uR"js(a\u0020b)js"_s << uR"js(bad:a\u0020b)js"_s
        << QStringList {u"1:2: escape sequence is not a valid identifier character"_s};
    QTest::addRow("escaped digit at identifier start")
        << uR"js(\u0031a)js"_s << uR"js(bad:\u0031a)js"_s
        << QStringList {u"1:1: escape sequence is not a valid identifier character"_s};
    QTest::addRow("truncated escape") << uR"js(a\u00)js"_s << uR"js(bad:a\u00)js"_s
                                      << QStringList {u"1:2: invalid Unicode escape sequence"_s};
    QTest::addRow("control character") << u"a\u0001b"_s << u"id:a bad:\u0001 id:b"_s
                                       << QStringList {u"1:2: unexpected character U+0001"_s};
    QTest::addRow("run of junk is one token")
        << u"a\u0001\u0002\u20AC\u00A7 b"_s << u"id:a bad:\u0001\u0002\u20AC\u00A7 id:b"_s
        << QStringList {u"1:2: unexpected character U+0001"_s};
    QTest::addRow("currency symbol") << u"x€"_s << u"id:x bad:€"_s
                                     << QStringList {u"1:2: unexpected character U+20AC"_s};
    QTest::addRow("lone surrogate") << u"a \xD800"_s << u"id:a bad:\xD800"_s
                                    << QStringList {u"1:3: unexpected character U+D800"_s};
    QTest::addRow("NUL") << QString(QChar(0)) << QString(u"bad:"_s + QChar(0))
                         << QStringList {u"1:1: unexpected character U+0000"_s};
    QTest::addRow("errors on several lines")
        << u"'a\n\"b\n/*"_s << u"bad:'a bad:\"b bad:/*"_s
        << QStringList {u"1:1: unterminated string literal"_s, u"2:1: unterminated string literal"_s,
               u"3:1: unterminated comment"_s};
    QTest::addRow("error after CRLF") << u"a\r\n'x"_s << u"id:a bad:'x"_s
                                      << QStringList {u"2:1: unterminated string literal"_s};
    QTest::addRow("error after LS") << u"a\u2028'x"_s << u"id:a bad:'x"_s
                                    << QStringList {u"2:1: unterminated string literal"_s};
    QTest::addRow("error after PS in a string")
        << u"'a\u2029b' 'x"_s << u"str:'a\u2029b' bad:'x"_s << QStringList {u"2:4: unterminated string literal"_s};
}

void tst_JsLexer::errors()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QFETCH(QStringList, errors);
    JsLexer::Errors found;
    const QList<JsToken> tokens = lex(source, &found);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(describe(source, tokens), expected);
    QCOMPARE(describe(found), errors);
    // Malformed text is an Invalid token, regular expressions included: no flags, no other kind.
    for (const JsToken &token : tokens) {
        if (token.kind == JsTokenKind::Invalid)
            QCOMPARE(token.regexFlagsStart, token.end);
    }
}

void tst_JsLexer::positions_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::addRow("one line") << u"  x  y"_s << u"x@1:3 y@1:6 <eof>@1:7"_s;
    QTest::addRow("LF") << u"a\nb"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("CRLF") << u"a\r\nb"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("CR") << u"a\rb"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("LS") << u"a\u2028b"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("PS") << u"a\u2029b"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("mixed line ends") << u"a\n\r\n\rb"_s << u"a@1:1 ^b@4:1 <eof>@4:2"_s;
    QTest::addRow("tab is one column") << u"\t\tx"_s << u"x@1:3 <eof>@1:4"_s;
    QTest::addRow("astral counts two units") << u"𝐀 x"_s << u"𝐀@1:1 x@1:4 <eof>@1:5"_s;
    QTest::addRow("newline at end") << u"a\n"_s << u"a@1:1 ^<eof>@2:1"_s;
    QTest::addRow("line comment") << u"a // c\nb"_s << u"a@1:1 ^b@2:1 <eof>@2:2"_s;
    QTest::addRow("newline inside comment") << u"a /* \n */ b"_s << u"a@1:1 ^b@2:5 <eof>@2:6"_s;
    QTest::addRow("CRLF inside comment") << u"a/*\r\n*/b"_s << u"a@1:1 ^b@2:3 <eof>@2:4"_s;
    QTest::addRow("comment without newline") << u"a/**/b"_s << u"a@1:1 b@1:6 <eof>@1:7"_s;
    QTest::addRow("newline before comment") << u"a\n/*c*/b"_s << u"a@1:1 ^b@2:6 <eof>@2:7"_s;
    QTest::addRow("line continuation in string") << u"'x\\\ny' z"_s << u"'x\\\ny'@1:1 z@2:4 <eof>@2:5"_s;
    QTest::addRow("LS inside string") << u"a\u2028'b\u2028c' d"_s << u"a@1:1 ^'b\u2028c'@2:1 d@3:4 <eof>@3:5"_s;
    QTest::addRow("template over lines") << u"`a\nb` c"_s << u"`a\nb`@1:1 c@2:4 <eof>@2:5"_s;
    QTest::addRow("CRLF inside template") << u"`a\r\nb` c"_s << u"`a\r\nb`@1:1 c@2:4 <eof>@2:5"_s;
    QTest::addRow("template parts over lines") << u"`a${\nx\n}b`"_s << u"`a${@1:1 ^x@2:1 ^}b`@3:1 <eof>@3:4"_s;
    QTest::addRow("return newline") << u"return\nx"_s << u"return@1:1 ^x@2:1 <eof>@2:2"_s;
    QTest::addRow("hashbang") << u"#!x\ny"_s << u"^y@2:1 <eof>@2:2"_s;
    QTest::addRow("hashbang only") << u"#!/bin/node"_s << u"<eof>@1:12"_s;
    QTest::addRow("BOM at start") << u"\uFEFFa"_s << u"a@1:2 <eof>@1:3"_s;
    QTest::addRow("async arrow newline") << u"async\nx => x"_s << u"async@1:1 ^x@2:1 =>@2:3 x@2:6 <eof>@2:7"_s;
}

void tst_JsLexer::positions()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const QList<JsToken> tokens = lex(source);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(describe(source, tokens, Show::Positions), expected);
}

void tst_JsLexer::flags_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::addRow("separators") << u"1_000 1000 0x1_F 1_0n 1.0_1"_s << u"1_000{S} 1000 0x1_F{S} 1_0n{S} 1.0_1{S}"_s;
    QTest::addRow("legacy octal") << u"017 08 019.5 0.5 0 00"_s << u"017{O} 08{O} 019.5{O} 0.5 0 00{O}"_s;
    QTest::addRow("legacy octal escapes")
        << uR"js('\7' '\0' '\08' '\8' '\9' '\00')js"_s << uR"js('\7'{Q} '\0' '\08'{Q} '\8'{Q} '\9'{Q} '\00'{Q})js"_s;
    QTest::addRow("invalid template escapes")
        << uR"js(t`\u` t`\x` t`\0` t`\01` t`\8` t`\u{110000}` t`\n`)js"_s
        << uR"js(t `\u`{X} t `\x`{X} t `\0` t `\01`{X} t `\8`{X} t `\u{110000}`{X} t `\n`)js"_s;
    QTest::addRow("invalid escape in template head") << uR"js(`\x${a}\u`)js"_s << uR"js(`\x${{X} a }\u`{X})js"_s;
    QTest::addRow("escaped names") << uR"js(\u0061 a\u{62} #\u0063 #d abc)js"_s
                                   << uR"js(\u0061{E} a\u{62}{E} #\u0063{E} #d abc)js"_s;
    QTest::addRow("line continuations") << u"'a\\\nb' `c\\\nd` 'e'"_s << u"'a\\\nb'{C} `c\\\nd`{C} 'e'"_s;
}

void tst_JsLexer::flags()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    JsLexer::Errors errors;
    const QList<JsToken> tokens = lex(source, &errors);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(describe(source, tokens, Show::Flags), expected);
    QCOMPARE(describe(errors), QStringList());
}

void tst_JsLexer::values_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("isNull");

    QTest::addRow("plain string") << u"'abc'"_s << u"abc"_s << false;
    QTest::addRow("empty string") << u"''"_s << u""_s << false;
    QTest::addRow("simple escapes") << uR"js("\n\t\\\'\"\b\f\v\r")js"_s << u"\n\t\\'\"\b\f\v\r"_s << false;
    QTest::addRow("code escapes") << uR"js("\x41\u0042\u{43}")js"_s << u"ABC"_s << false;
    QTest::addRow("astral escape") << uR"js('\u{1F600}')js"_s << u"😀"_s << false;
    QTest::addRow("surrogate escapes") << uR"js('\uD83D\uDE00')js"_s << u"😀"_s << false;
    QTest::addRow("line continuation") << u"'a\\\nb'"_s << u"ab"_s << false;
    QTest::addRow("CRLF line continuation") << u"'a\\\r\nb'"_s << u"ab"_s << false;
    QTest::addRow("LS line continuation") << u"'a\\\u2028b'"_s << u"ab"_s << false;
    QTest::addRow("NUL escape") << uR"js('\0')js"_s << QString(QChar(0)) << false;
    QTest::addRow("legacy octal escape") << uR"js('\101\7')js"_s << u"A\u0007"_s << false;
    QTest::addRow("non-octal decimal escape") << uR"js('\8')js"_s << u"8"_s << false;
    QTest::addRow("non-escape character") << uR"js('\q\$')js"_s << u"q$"_s << false;
    QTest::addRow("raw LS") << u"'a\u2028b'"_s << u"a\u2028b"_s << false;
    QTest::addRow("template") << uR"js(`a\nb`)js"_s << u"a\nb"_s << false;
    QTest::addRow("template CRLF") << u"`a\r\nb\rc`"_s << u"a\nb\nc"_s << false;
    QTest::addRow("empty template") << u"``"_s << u""_s << false;
    QTest::addRow("template with invalid escape") << uR"js(`\unicode`)js"_s << QString() << true;
    QTest::addRow("escaped identifier") << uR"js(\u0061b\u{63})js"_s << u"abc"_s << false;
    QTest::addRow("escaped private name") << uR"js(#\u{62}x)js"_s << u"#bx"_s << false;
    QTest::addRow("plain identifier") << u"café"_s << u"café"_s << false;
    QTest::addRow("number") << u"1_000"_s << u"1_000"_s << false;
    QTest::addRow("regex") << u"/a/g"_s << u"/a/g"_s << false;
}

void tst_JsLexer::values()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QFETCH(bool, isNull);
    const QList<JsToken> tokens = lex(source);
    QCOMPARE(tokens.size(), 2); // the token and EndOfInput
    const QString value = JsLexer::value(tokens.first(), source);
    QCOMPARE(value, expected);
    QCOMPARE(value.isNull(), isNull);
}

void tst_JsLexer::templateValues()
{
    const QString source = u"`a${x}b\\n${y}c`"_s;
    const QList<JsToken> tokens = lex(source);
    QCOMPARE(tokens.size(), 6);
    QCOMPARE(JsLexer::value(tokens.at(0), source), u"a"_s);
    QCOMPARE(JsLexer::value(tokens.at(2), source), u"b\n"_s);
    QCOMPARE(JsLexer::value(tokens.at(4), source), u"c"_s);
    QCOMPARE(JsLexer::value(tokens.at(1), source), u"x"_s);
}

void tst_JsLexer::regexParts()
{
    const QString source = uR"js(x = /a[/]\/b/gi; y = /c/; z = /d/g)js"_s;
    const QList<JsToken> tokens = lex(source);
    QList<JsToken> regexes;
    for (const JsToken &token : tokens) {
        if (token.is(JsTokenKind::RegularExpression))
            regexes.append(token);
    }
    QCOMPARE(regexes.size(), 3);
    QCOMPARE(regexes.at(0).regexBody(source), uR"js(a[/]\/b)js"_s);
    QCOMPARE(regexes.at(0).regexFlags(source), u"gi"_s);
    QCOMPARE(regexes.at(1).regexBody(source), u"c"_s);
    QCOMPARE(regexes.at(1).regexFlags(source), u""_s);
    QCOMPARE(regexes.at(1).regexFlagsStart, regexes.at(1).end);
    QCOMPARE(regexes.at(2).regexFlags(source), u"g"_s);
}

void tst_JsLexer::keywordAndPunctuatorTables()
{
    for (int k = int(JsKeyword::Break); k <= int(JsKeyword::Unique); ++k) {
        const auto keyword = JsKeyword(k);
        QVERIFY(!keywordText(keyword).isEmpty());
        QCOMPARE(keywordFromText(keywordText(keyword)), keyword);
        const QString source = keywordText(keyword).toString();
        const QList<JsToken> tokens = lex(source);
        QCOMPARE(tokens.first().keyword, keyword);
        QVERIFY(tokens.first().is(keywordText(keyword)));
    }
    for (int p = int(JsPunctuator::LeftBrace); p <= int(JsPunctuator::QuestionQuestionAssign); ++p) {
        const auto punctuator = JsPunctuator(p);
        QCOMPARE(punctuatorFromText(punctuatorText(punctuator)), punctuator);
        // Each punctuator scans as itself after an operand (so that '/' is division).
        const QString source = u"a "_s + punctuatorText(punctuator);
        const QList<JsToken> tokens = lex(source);
        QCOMPARE(tokens.size(), 3);
        QVERIFY2(tokens.at(1).is(punctuator), qPrintable(source));
    }
    QCOMPARE(keywordFromText(u"Await"), JsKeyword::None);
    QCOMPARE(keywordFromText(u"constructor"), JsKeyword::None);
    QCOMPARE(keywordFromText(u"i"), JsKeyword::None);
    QCOMPARE(keywordFromText(u"instanceofs"), JsKeyword::None);
    QCOMPARE(punctuatorFromText(u".."), JsPunctuator::None);
    QCOMPARE(punctuatorFromText(u""), JsPunctuator::None);
    QVERIFY(isReservedWord(JsKeyword::Enum));
    QVERIFY(!isReservedWord(JsKeyword::Await));
    QVERIFY(!isReservedWord(JsKeyword::Let));
    QVERIFY(isStrictModeReservedWord(JsKeyword::Let));
    QVERIFY(isStrictModeReservedWord(JsKeyword::Yield));
    QVERIFY(!isStrictModeReservedWord(JsKeyword::Async));
    QCOMPARE(tokenKindName(JsTokenKind::TemplateHead), u"TemplateHead"_s);
}

void tst_JsLexer::tokenHelpers()
{
    const QString source = u"async x => x ?? null; `t`; 1n"_s;
    const QList<JsToken> tokens = lex(source);
    QCOMPARE(tokens.size(), 11);
    const JsToken &async = tokens.at(0);
    QVERIFY(async.is(u"async"));
    QVERIFY(async.is(JsKeyword::Async));
    QVERIFY(!async.isKeyword()); // contextual, not reserved
    QVERIFY(!tokens.at(1).is(u"x")); // plain identifiers are compared through text()
    QCOMPARE(tokens.at(1).text(source), u"x");
    QVERIFY(tokens.at(2).is(u"=>"));
    QVERIFY(tokens.at(2).is(JsPunctuator::Arrow));
    QVERIFY(!tokens.at(2).is(u"="));
    QVERIFY(tokens.at(4).is(u"??"));
    QVERIFY(tokens.at(5).isKeyword());
    QVERIFY(tokens.at(5).isLiteral());
    QVERIFY(tokens.at(7).isTemplate());
    QVERIFY(tokens.at(7).isLiteral());
    QVERIFY(tokens.at(9).is(JsTokenKind::BigIntLiteral));
    QCOMPARE(tokens.at(9).length(), 2);
    QVERIFY(tokens.at(10).is(JsTokenKind::EndOfInput));
    QCOMPARE(tokens.at(10).start, source.size());
}

void tst_JsLexer::splitPunctuator_data()
{
    QTest::addColumn<QString>("punctuator");
    QTest::addColumn<int>("headLength");
    QTest::addColumn<QString>("expected"); // "head tail", or "" when it cannot be split

    QTest::addRow(">>") << u">>"_s << 1 << u"> >"_s;
    QTest::addRow(">>>") << u">>>"_s << 1 << u"> >>"_s;
    QTest::addRow(">>> at 2") << u">>>"_s << 2 << u">> >"_s;
    QTest::addRow(">=") << u">="_s << 1 << u"> ="_s;
    QTest::addRow(">>=") << u">>="_s << 1 << u"> >="_s;
    QTest::addRow(">>>=") << u">>>="_s << 1 << u"> >>="_s;
    QTest::addRow("<<") << u"<<"_s << 1 << u"< <"_s;
    QTest::addRow("!=") << u"!="_s << 1 << u"! ="_s;
    QTest::addRow("?\?= at 2") << u"?\?="_s << 2 << u"?? ="_s;
    QTest::addRow("?.") << u"?."_s << 1 << u"? ."_s;
    QTest::addRow("=>") << u"=>"_s << 1 << u"= >"_s;
    QTest::addRow("... has no .. half") << u"..."_s << 1 << u""_s;
    QTest::addRow("single character") << u">"_s << 1 << u""_s;
    QTest::addRow("head 0") << u">>"_s << 0 << u""_s;
    QTest::addRow("head too long") << u">>"_s << 2 << u""_s;
}

void tst_JsLexer::splitPunctuator()
{
    QFETCH(QString, punctuator);
    QFETCH(int, headLength);
    QFETCH(QString, expected);
    const QString source = u"a\n  "_s + punctuator;
    const QList<JsToken> tokens = lex(source);
    QCOMPARE(tokens.size(), 3);
    const JsToken &token = tokens.at(1);
    QVERIFY(token.newlineBefore);
    const auto split = JsLexer::splitPunctuator(token, headLength);
    if (expected.isEmpty()) {
        QVERIFY(!split);
        return;
    }
    QVERIFY(split);
    const auto &[head, tail] = *split;
    QCOMPARE(head.text(source) + u' ' + tail.text(source), expected);
    QVERIFY(head.is(head.text(source)));
    QVERIFY(tail.is(tail.text(source)));
    QCOMPARE(head.start, token.start);
    QCOMPARE(head.end, tail.start);
    QCOMPARE(tail.end, token.end);
    QCOMPARE(head.line, 2);
    QCOMPARE(tail.line, 2);
    QCOMPARE(head.column, 3);
    QCOMPARE(tail.column, 3 + headLength);
    QVERIFY(head.newlineBefore);
    QVERIFY(!tail.newlineBefore);
}

void tst_JsLexer::splitClosesTypeArguments()
{
    // How a TypeScript parser closes `Array<Map<K, V>>`: each '>' it needs splits `>>` once.
    const QString source = u"let m: Array<Map<K, V>>= x"_s;
    JsLexer lexer(source);
    QStringList closed;
    int depth = 0;
    JsToken token = lexer.next();
    while (!token.is(JsTokenKind::EndOfInput)) {
        if (token.is(JsPunctuator::Less)) {
            ++depth;
        } else if (depth > 0 && token.text(source).startsWith(u'>')) {
            if (const auto split = JsLexer::splitPunctuator(token)) {
                closed.append(split->first.text(source).toString() + u'@' + QString::number(split->first.column));
                --depth;
                token = split->second;
                continue;
            }
            closed.append(token.text(source).toString() + u'@' + QString::number(token.column));
            --depth;
        }
        token = lexer.next();
    }
    QCOMPARE(closed, (QStringList {u">@22"_s, u">@23"_s}));
    QCOMPARE(depth, 0);
}

void tst_JsLexer::rescanAsPunctuator()
{
    // `{}` after `:` inside a block looks like a block to the lexer, so `/ 2` starts a regular
    // expression; the parser knows it wants an operator and rescans.
    const QString source = u"a ? b : {} / 2 / c"_s;
    JsLexer lexer(source);
    QStringList seen;
    for (JsToken token = lexer.next(); !token.is(JsTokenKind::EndOfInput); token = lexer.next()) {
        if (token.is(JsTokenKind::RegularExpression)) {
            QCOMPARE(token.text(source), u"/ 2 /");
            token = lexer.rescanAsPunctuator(token);
        }
        seen.append(token.text(source).toString());
    }
    QCOMPARE(seen.join(u' '), u"a ? b : { } / 2 / c"_s);
    QVERIFY(lexer.errors().isEmpty());

    // A regular expression that is really two divisions: `of / 2 / 1` outside `for`.
    const QString source2 = u"of / 2 / 1"_s;
    JsLexer lexer2(source2);
    const JsToken of = lexer2.next();
    QVERIFY(of.is(JsKeyword::Of));
    const JsToken regex = lexer2.next();
    QCOMPARE(regex.kind, JsTokenKind::RegularExpression);
    QCOMPARE(regex.text(source2), u"/ 2 /");
    const JsToken slash = lexer2.rescanAsPunctuator(regex);
    QVERIFY(slash.is(JsPunctuator::Slash));
    QCOMPARE(slash.end, regex.start + 1);
    QCOMPARE(lexer2.next().text(source2), u"2");
    QVERIFY(lexer2.next().is(JsPunctuator::Slash)); // after a number: division
    QCOMPARE(lexer2.next().text(source2), u"1");
    QVERIFY(lexer2.next().is(JsTokenKind::EndOfInput));
}

void tst_JsLexer::rescanAsRegex()
{
    // The lexer reads `/b/g` after `)` as divisions; a parser that knows better rescans.
    const QString source = u"(a) /b/g.test(c) /= 2"_s;
    JsLexer lexer(source);
    QStringList seen;
    for (JsToken token = lexer.next(); !token.is(JsTokenKind::EndOfInput); token = lexer.next()) {
        if (token.is(JsPunctuator::Slash) && seen.size() == 3)
            token = lexer.rescanAsRegex(token);
        seen.append(describe(source, {token}));
    }
    QCOMPARE(seen.join(u' '), u"p:( id:a p:) re:/b/g p:. id:test p:( id:c p:) p:/= num:2"_s);
    QVERIFY(lexer.errors().isEmpty());

    // `/=` too, and an unterminated result reports its error.
    const QString source2 = u"x /= 2"_s;
    JsLexer lexer2(source2);
    (void)lexer2.next();
    const JsToken divide = lexer2.next();
    QVERIFY(divide.is(JsPunctuator::SlashAssign));
    const JsToken regex = lexer2.rescanAsRegex(divide);
    QCOMPARE(regex.kind, JsTokenKind::Invalid);
    QCOMPARE(regex.text(source2), u"/= 2");
    QCOMPARE(regex.regexFlagsStart, regex.end); // no flags: an Invalid token is just its text
    QCOMPARE(describe(lexer2.errors()), QStringList {u"1:3: unterminated regular expression literal"_s});
    // ... and going back drops the error again.
    QVERIFY(lexer2.rescanAsPunctuator(regex).is(JsPunctuator::SlashAssign));
    QVERIFY(lexer2.errors().isEmpty());
    QCOMPARE(lexer2.next().text(source2), u"2");
}

void tst_JsLexer::rescanInvalidRegexAsDivision()
{
    // A class expression's `}` looks like a block's: `/ 2;` becomes an unterminated regex on
    // this line, which the parser turns back into a division.
    const QString source = u"x = class {} / 2;\ny"_s;
    JsLexer lexer(source);
    QStringList seen;
    for (JsToken token = lexer.next(); !token.is(JsTokenKind::EndOfInput); token = lexer.next()) {
        if (token.is(JsTokenKind::Invalid))
            token = lexer.rescanAsPunctuator(token);
        seen.append(describe(source, {token}));
    }
    QCOMPARE(seen.join(u' '), u"id:x p:= kw:class p:{ p:} p:/ num:2 p:; id:y"_s);
    QVERIFY(lexer.errors().isEmpty());
}

void tst_JsLexer::rescanTemplateContinuation()
{
    // A stray `}` the lexer did not see as closing a substitution (the parser drives templates
    // itself here): rescanned, it becomes the template tail.
    const QString source = u"a}b` + 1"_s;
    JsLexer lexer(source);
    QCOMPARE(lexer.next().text(source), u"a");
    const JsToken brace = lexer.next();
    QVERIFY(brace.is(JsPunctuator::RightBrace));
    const JsToken tail = lexer.rescanTemplateContinuation(brace);
    QCOMPARE(tail.kind, JsTokenKind::TemplateTail);
    QCOMPARE(tail.text(source), u"}b`");
    QVERIFY(lexer.next().is(JsPunctuator::Plus));
    QCOMPARE(lexer.next().text(source), u"1");
    QVERIFY(lexer.next().is(JsTokenKind::EndOfInput));
    QVERIFY(lexer.errors().isEmpty());

    // A middle pushes a new substitution, so the next `}` continues the template by itself.
    const QString source2 = u"}x${y}z`"_s;
    JsLexer lexer2(source2);
    const JsToken middle = lexer2.rescanTemplateContinuation(lexer2.next());
    QCOMPARE(middle.kind, JsTokenKind::TemplateMiddle);
    QCOMPARE(lexer2.next().text(source2), u"y");
    const JsToken tail2 = lexer2.next();
    QCOMPARE(tail2.kind, JsTokenKind::TemplateTail);
    QCOMPARE(tail2.text(source2), u"}z`");
    QVERIFY(lexer2.errors().isEmpty());
}

void tst_JsLexer::rescanLeavesOtherTokensAlone()
{
    const QString source = u"a + // c\n/*d*/"_s;
    JsLexer lexer(source);
    const JsToken a = lexer.next();
    QCOMPARE(lexer.rescanAsRegex(a).end, a.end);
    QCOMPARE(lexer.rescanAsPunctuator(a).end, a.end);
    QCOMPARE(lexer.rescanTemplateContinuation(a).end, a.end);
    const JsToken plus = lexer.next();
    QVERIFY(plus.is(JsPunctuator::Plus));
    QVERIFY(lexer.rescanAsRegex(plus).is(JsPunctuator::Plus));
    QVERIFY(lexer.next().is(JsTokenKind::EndOfInput));

    // An unterminated comment is not a regular expression.
    const QString source2 = u"/* x"_s;
    JsLexer lexer2(source2);
    const JsToken comment = lexer2.next();
    QCOMPARE(comment.kind, JsTokenKind::Invalid);
    QCOMPARE(lexer2.rescanAsRegex(comment).end, comment.end);
    QCOMPARE(lexer2.rescanAsPunctuator(comment).end, comment.end);
    QCOMPARE(lexer2.errors().size(), 1);
}

void tst_JsLexer::checkpointAndRewind()
{
    // Speculation as for a TypeScript generic arrow: read ahead, then go back.
    const QString source = u"<T,>(x: T) => `${x}` + 'bad\n/ 2"_s;
    JsLexer::Errors expectedErrors;
    const QList<JsToken> expected = lex(source, &expectedErrors);
    QCOMPARE(expectedErrors.size(), 1);

    JsLexer lexer(source);
    (void)lexer.next();
    const JsLexer::Checkpoint mark = lexer.checkpoint();
    QList<JsToken> ahead;
    for (JsToken token = lexer.next(); !token.is(JsTokenKind::EndOfInput); token = lexer.next())
        ahead.append(token);
    QCOMPARE(lexer.errors().size(), 1);
    lexer.rewind(mark);
    QVERIFY(lexer.errors().isEmpty());
    for (qsizetype i = 0; i < ahead.size(); ++i) {
        const JsToken token = lexer.next();
        QCOMPARE(token.start, expected.at(i + 1).start);
        QCOMPARE(token.end, expected.at(i + 1).end);
        QCOMPARE(token.kind, expected.at(i + 1).kind);
        QCOMPARE(token.line, expected.at(i + 1).line);
        QCOMPARE(token.newlineBefore, expected.at(i + 1).newlineBefore);
    }
    QVERIFY(lexer.next().is(JsTokenKind::EndOfInput));
    QCOMPARE(describe(lexer.errors()), describe(expectedErrors));
}

void tst_JsLexer::endOfInputRepeats()
{
    const QString source = u"a\n"_s;
    JsLexer lexer(source);
    QCOMPARE(lexer.next().text(source), u"a");
    const JsToken end = lexer.next();
    QVERIFY(end.is(JsTokenKind::EndOfInput));
    QVERIFY(end.newlineBefore);
    QCOMPARE(end.start, 2);
    QCOMPARE(end.line, 2);
    for (int i = 0; i < 3; ++i)
        QVERIFY(lexer.next().is(JsTokenKind::EndOfInput));

    // An open substitution is reported once, then the end follows.
    const QString open = u"`${"_s;
    JsLexer lexer2(open);
    QCOMPARE(lexer2.next().kind, JsTokenKind::TemplateHead);
    QCOMPARE(lexer2.next().kind, JsTokenKind::Invalid);
    QVERIFY(lexer2.next().is(JsTokenKind::EndOfInput));
    QVERIFY(lexer2.next().is(JsTokenKind::EndOfInput));
    QCOMPARE(lexer2.errors().size(), 1);
    QCOMPARE(lexer2.takeErrors().size(), 1);
    QVERIFY(lexer2.errors().isEmpty());
}

void tst_JsLexer::streamingMatchesTokenize()
{
    const QString source = sampleSource();
    const QList<JsToken> all = JsLexer::tokenize(source);
    JsLexer lexer(source);
    for (const JsToken &expected : all) {
        const JsToken token = lexer.next();
        QCOMPARE(token.start, expected.start);
        QCOMPARE(token.end, expected.end);
        QCOMPARE(token.kind, expected.kind);
    }
}

void tst_JsLexer::sampleHasNoErrors()
{
    const QString source = sampleSource();
    JsLexer::Errors errors;
    const QList<JsToken> tokens = lex(source, &errors);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(describe(errors), QStringList());
    const QString all = describe(source, tokens);
    // Spot checks of the tricky places.
    QVERIFY(all.contains(u"p:) re:/re/g p:."_s)); // for await (...) /re/
    QVERIFY(all.contains(u"re:/(?<year>\\d{4})-(?<m>\\d\\d)\\/[/\\]]+/dgimsuy"_s));
    QVERIFY(all.contains(u"id:total p:/ num:2 p:/ id:count"_s));
    QVERIFY(all.contains(u"big:9_007_199_254_740_993n"_s));
    QVERIFY(all.contains(
        u"head:`/api/${ id:encodeURIComponent p:( id:token p:) mid:}?q=${ p:{ id:x p:: num:1 p:} p:. id:x tail:}`"_s));
    QVERIFY(all.contains(u"id:number p:>> p:= kw:new"_s));
    QVERIFY(all.contains(u"id:value p:! p:. id:length p:! p:/ num:2"_s));
    QVERIFY(all.contains(u"kw:if p:( id:ok p:) re:/x/"_s));
    QVERIFY(all.contains(u"p:= p:{ p:} p:/ num:2"_s));
    QVERIFY(all.contains(u"priv:#secret kw:in id:o"_s));
    QCOMPARE(tokens.constLast().line, 32);
}

void tst_JsLexer::everyPrefixHoldsInvariants()
{
    // Cutting the sample anywhere leaves unterminated strings, templates, comments, regular
    // expressions and escapes at every possible point.
    const QString source = sampleSource();
    for (qsizetype length = 0; length <= source.size(); ++length) {
        const QString prefix = source.left(length);
        JsLexer::Errors errors;
        const QList<JsToken> tokens = JsLexer::tokenize(prefix, &errors);
        const QString problem = JsLexerChecks::check(prefix, tokens, errors);
        if (!problem.isEmpty())
            QFAIL(qPrintable(u"prefix of %1 characters: %2"_s.arg(length).arg(problem)));
    }
}

void tst_JsLexer::hostileInputs_data()
{
    QTest::addColumn<QString>("source");

    const qsizetype n = 200000;
    QTest::addRow("nested substitutions") << QString(u"`${"_s).repeated(n);
    QTest::addRow("closed nested substitutions") << QString(u"`${"_s).repeated(n) + QString(u"}`"_s).repeated(n);
    QTest::addRow("open braces") << QString(n, u'{');
    QTest::addRow("close braces") << QString(n, u'}');
    QTest::addRow("open parens") << QString(n, u'(');
    QTest::addRow("close parens") << QString(n, u')');
    QTest::addRow("quotes") << QString(n, u'\'');
    QTest::addRow("backticks") << QString(n, u'`');
    QTest::addRow("backslashes") << QString(n, u'\\');
    QTest::addRow("hashes") << QString(n, u'#');
    QTest::addRow("slashes on one line") << QString(u"x/"_s).repeated(n);
    QTest::addRow("regex openers") << QString(u"(/"_s).repeated(n);
    QTest::addRow("comment openers") << QString(u"/*"_s).repeated(n);
    QTest::addRow("underscores after a digit") << u"1"_s + QString(n, u'_');
    QTest::addRow("long identifier") << QString(n, u'a');
    QTest::addRow("long escaped identifier") << QString(u"\\u0061"_s).repeated(n / 6);
    QTest::addRow("long braced escape") << u"'\\u{"_s + QString(n, u'0') + u"1}'"_s;
    QTest::addRow("surrogates") << QString(n, QChar(0xD800));
    QTest::addRow("line separators") << QString(n, QChar(0x2028));
    QTest::addRow("CRs") << QString(n, u'\r');
    QTest::addRow("junk") << QString(n, QChar(0x0001));
    QTest::addRow("sample repeated") << sampleSource().repeated(50);
}

void tst_JsLexer::hostileInputs()
{
    QFETCH(QString, source);
    QElapsedTimer timer;
    timer.start();
    JsLexer::Errors errors;
    const QList<JsToken> tokens = JsLexer::tokenize(source, &errors);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(JsLexerChecks::check(source, tokens, errors), QString());
    QVERIFY2(elapsed < 5000, qPrintable(u"took %1 ms"_s.arg(elapsed))); // linear: milliseconds
}

void tst_JsLexer::connectorScripts_data()
{
    QTest::addColumn<QString>("path");
    QDirIterator it(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/connectors"), {u"*.js"_s, u"*.ts"_s}, QDir::Files,
        QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"/auth/"))
            paths.append(path);
    }
    paths.sort();
    QVERIFY(paths.size() >= 5);
    for (const QString &path : std::as_const(paths))
        QTest::addRow("%s", qPrintable(path.section(u'/', -3))) << path;
}

void tst_JsLexer::connectorScripts()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(file.readAll());
    JsLexer::Errors errors;
    const QList<JsToken> tokens = lex(source, &errors);
    QVERIFY(tokens.size() > 10);
    QCOMPARE(describe(errors), QStringList());
}

QTEST_GUILESS_MAIN(tst_JsLexer)
#include "tst_jslexer.moc"
