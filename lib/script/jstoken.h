#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace Authdesk {

// What a JsToken is. Reserved words are Identifiers: JsToken::keyword says which word an
// Identifier spells and JsToken::isKeyword() whether it is reserved.
enum class JsTokenKind : quint8 {
    EndOfInput,
    Identifier, // IdentifierName, reserved words and escaped names included
    PrivateName, // #name (the text includes the '#')
    Punctuator, // JsToken::punctuator says which
    NumericLiteral, // 1, .5, 1e3, 0x1F, 0o7, 0b1, 017, 1_000
    BigIntLiteral, // 10n, 0x1Fn
    StringLiteral, // 'x' or "x", quotes included
    TemplateNoSubstitution, // `text`
    TemplateHead, // `text${
    TemplateMiddle, // }text${
    TemplateTail, // }text`
    RegularExpression, // /body/flags; JsToken::regexFlagsStart splits the two
    Invalid, // malformed text; the lexer recorded exactly one error for it
};

// ES2023 punctuators plus TypeScript's decorator '@'. `>>`, `>>>`, `>=`, `>>=`, `>>>=` are always
// scanned greedily; a TypeScript parser closing type arguments splits them with
// JsLexer::splitPunctuator().
// clang-format off
enum class JsPunctuator : quint8 {
    None,
    LeftBrace, RightBrace, LeftParen, RightParen, LeftBracket, RightBracket,
    Dot, Ellipsis, Semicolon, Comma, Colon, Question, QuestionDot, Arrow, At,
    Less, Greater, LessEqual, GreaterEqual,
    Equal, NotEqual, StrictEqual, StrictNotEqual,
    Plus, Minus, Star, Slash, Percent, StarStar, PlusPlus, MinusMinus,
    ShiftLeft, ShiftRight, UnsignedShiftRight,
    Ampersand, Bar, Caret, Exclamation, Tilde,
    AmpersandAmpersand, BarBar, QuestionQuestion,
    Assign, PlusAssign, MinusAssign, StarAssign, SlashAssign, PercentAssign, StarStarAssign,
    ShiftLeftAssign, ShiftRightAssign, UnsignedShiftRightAssign,
    AmpersandAssign, BarAssign, CaretAssign,
    AmpersandAmpersandAssign, BarBarAssign, QuestionQuestionAssign,
};

// The words a parser looks for: ES2023 reserved words, the strict-mode reserved words, the
// contextual keywords of JavaScript and the TypeScript declaration/type keywords. Only set on
// Identifiers written without escapes (an escaped keyword is not a keyword, see JsToken::isEscaped).
enum class JsKeyword : quint8 {
    None,
    // ReservedWord (always reserved; true/false/null/this/super included)
    Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do, Else, Enum, Export,
    Extends, False, Finally, For, Function, If, Import, In, Instanceof, New, Null, Return, Super,
    Switch, This, Throw, True, Try, Typeof, Var, Void, While, With,
    // reserved in some contexts: await (modules, async functions), yield (generators, strict mode)
    Await, Yield,
    // reserved in strict mode only
    Implements, Interface, Let, Package, Private, Protected, Public, Static,
    // contextual JavaScript keywords
    As, Async, From, Get, Set, Of, Target, Meta, Accessor,
    // contextual TypeScript keywords
    Abstract, Asserts, Declare, Global, Infer, Is, Keyof, Module, Namespace, Override, Readonly,
    Satisfies, Type, Unique,
};
// clang-format on

// Extra facts about a token (JsToken::flags).
enum class JsTokenFlag : quint8 {
    Escaped = 0x01, // Identifier/PrivateName: written with \u escapes
    NumericSeparators = 0x02, // Numeric/BigInt: contains `_` separators
    LegacyOctal = 0x04, // Numeric: 017 or 08/09 (leading zero); strict mode forbids both
    LegacyOctalEscape = 0x08, // String: \1..\7, \0 before a digit, \8, \9; strict mode forbids them
    InvalidEscape = 0x10, // Template part: a malformed escape; only a tagged template allows it
    LineContinuation = 0x20, // String/template part: contains `\` + line terminator
};

QStringView punctuatorText(JsPunctuator punctuator); // "?." for QuestionDot; empty for None
JsPunctuator punctuatorFromText(QStringView text); // None unless text is exactly one
QStringView keywordText(JsKeyword keyword); // "instanceof" for Instanceof
JsKeyword keywordFromText(QStringView text); // None unless text is one of the words
// ReservedWord minus await/yield: never an identifier.
bool isReservedWord(JsKeyword keyword);
// Reserved only in strict mode code: implements interface let package private protected public
// static yield.
bool isStrictModeReservedWord(JsKeyword keyword);
QString tokenKindName(JsTokenKind kind); // "Identifier", "TemplateHead", ...

// A token: a range of UTF-16 offsets into the source (which the caller keeps), its kind and the
// position of its first character. line and column count from 1; a column counts UTF-16 code units
// from the start of the line, and CR LF, LF, CR, U+2028 and U+2029 each end a line (everywhere,
// also inside strings, templates and comments).
struct JsToken
{
    JsTokenKind kind = JsTokenKind::EndOfInput;
    JsPunctuator punctuator = JsPunctuator::None; // None unless kind == Punctuator
    JsKeyword keyword = JsKeyword::None; // None unless an unescaped Identifier spells one
    quint8 flags = 0; // JsTokenFlag bits
    bool newlineBefore = false; // a line terminator (also one inside a comment) precedes the token
    int line = 1;
    int column = 1;
    qsizetype start = 0;
    qsizetype end = 0;
    qsizetype regexFlagsStart = 0; // RegularExpression: where the flags begin (== end without flags); else end

    qsizetype length() const { return end - start; }
    QStringView text(QStringView source) const { return source.mid(start, end - start); }
    QStringView text(const QString &source) const { return text(QStringView(source)); }

    bool is(JsTokenKind k) const { return kind == k; }
    bool is(JsPunctuator p) const { return kind == JsTokenKind::Punctuator && punctuator == p; }
    bool is(JsKeyword k) const { return kind == JsTokenKind::Identifier && keyword == k; }
    // Compares without the source: true for a punctuator spelled `spelling` ("=>") or an unescaped
    // Identifier that is the JsKeyword spelled `spelling` ("async"). Other identifiers never match;
    // compare their text() instead.
    bool is(QStringView spelling) const;

    // A reserved word (isReservedWord) written without escapes: `if`, `this`, `null`, ...
    bool isKeyword() const { return kind == JsTokenKind::Identifier && isReservedWord(keyword); }
    bool isTemplate() const { return kind >= JsTokenKind::TemplateNoSubstitution && kind <= JsTokenKind::TemplateTail; }
    bool isLiteral() const;

    bool hasFlag(JsTokenFlag flag) const { return flags & quint8(flag); }
    bool isEscaped() const { return hasFlag(JsTokenFlag::Escaped); }
    bool hasSeparators() const { return hasFlag(JsTokenFlag::NumericSeparators); }

    // RegularExpression: the pattern between the slashes, and the flags after them.
    QStringView regexBody(QStringView source) const { return source.mid(start + 1, regexFlagsStart - start - 2); }
    QStringView regexFlags(QStringView source) const { return source.mid(regexFlagsStart, end - regexFlagsStart); }
};

} // namespace Authdesk
