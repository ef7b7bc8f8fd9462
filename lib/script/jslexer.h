#pragma once

#include "jstoken.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Authdesk {

// A lexical error: where (1-based line and UTF-16 column, and the offset) and what.
struct JsLexError
{
    qsizetype offset = 0;
    int line = 0;
    int column = 0;
    QString message;

    QString toString() const; // "3:14: unterminated string literal"
};

// Tokenizes ECMAScript 2023 source, TypeScript included, for the parser that lowers connector
// scripts to what Qt 6.4's QJSEngine runs. Linear time, no regular expressions, and safe on any
// input: malformed text becomes an Invalid token (with exactly one JsLexError), never a crash or a
// stall; so does an unterminated string, template, comment or regular expression literal, and a
// regular expression with invalid flags (its regexFlagsStart is then its end). Comments and whitespace are skipped; JsToken::newlineBefore keeps what ASI needs.
//
//     JsLexer lexer(source);
//     for (JsToken token = lexer.next(); !token.is(JsTokenKind::EndOfInput); token = lexer.next())
//         ...;
//     for (const JsLexError &error : lexer.errors())
//         qCWarning(lcScript) << error.toString();
//
// Regular expression or division. A '/' starts a regular expression unless the previous token ends
// an expression, which is decided like this:
//  - division after an identifier, a literal, `this`, `super`, `null`, `true`, `false`, a private
//    name, `]`, a template tail, a reserved word used as a property name (`a.return / 2`), and a
//    postfix `++`/`--` or TypeScript non-null `!` (one that directly follows an expression on the
//    same line: `i++ / 2`, `x! / 2`);
//  - division after `)`, except when the parentheses were opened by `if`, `while`, `for`
//    (`for await` too) or `with`: `if (x) /re/.test(y)` is a regular expression;
//  - after `}`: division when the braces were an object literal, a regular expression when they
//    were a block. A `{` is an object literal after `${`, after a punctuator other than the ones
//    below (`(` `[` `,` `=` `?` `...`, operators) and after a keyword that starts an expression
//    (`return` on the same line, `typeof` `in` `of` `instanceof` `new` `delete` `void` `throw`
//    `case` `default` `extends` `yield` `await`). It is a block at the start, after `;` `{` `}`
//    `)` `=>`, after a `:` directly inside a block (a label or `case x:`), after `return` +
//    newline, and after any other identifier or keyword (`else {`, `class A {`, `static {`);
//  - a regular expression after every other punctuator, after the reserved words (`return`,
//    `typeof`, `instanceof`, `in`, `new`, `delete`, `void`, `throw`, `case`, `do`, `else`, ...)
//    and after `of`, `yield` and `await`.
// The parser knows better where it expects an operand or an operator; when the lexer guessed
// wrong it corrects it with rescanAsRegex() / rescanAsPunctuator() on the token just returned
// (for example `a ? b : {} / 2`, or `yield / 2` outside a generator). Template literals are
// tracked with a stack of open braces: a `}` that closes a `${` continues the template, however
// deeply templates nest; rescanTemplateContinuation() exists for a parser that disagrees.
//
// TypeScript: no extra punctuators beyond `!`, `?`, `:`, `<`, `>` and `@` (decorators). `>>`,
// `>>>`, `>=`, `>>=` and `>>>=` are scanned greedily even inside type arguments
// (`Array<Map<K, V>>`); the parser splits them with splitPunctuator(). JSX is not supported.
class JsLexer
{
public:
    using Errors = QList<JsLexError>;

    // The lexer keeps a shallow (implicitly shared) copy of `source`; offsets index into it.
    explicit JsLexer(const QString &source);
    Q_DISABLE_COPY_MOVE(JsLexer)

    // The next token; EndOfInput (an empty token at the end) once the input is used up, again on
    // every later call. If a `${` is still open at the end, an empty Invalid token ("unterminated
    // template literal") comes first.
    JsToken next();

    // Corrections by the parser. `token` must be the token most recently returned by next() (or by
    // a rescan); the lexer scans again from its start, and the result replaces it, also as the
    // context for the tokens that follow. Its errors are dropped and scanned again.
    //  - rescanAsRegex: a `/` or `/=` punctuator (or an Invalid token starting with '/') as a
    //    regular expression literal;
    //  - rescanAsPunctuator: a regular expression (or an Invalid token starting with '/') as `/` or
    //    `/=`;
    //  - rescanTemplateContinuation: a `}` punctuator as the TemplateMiddle or TemplateTail that
    //    follows a substitution.
    // A token of another shape is returned unchanged and nothing else happens.
    JsToken rescanAsRegex(const JsToken &token);
    JsToken rescanAsPunctuator(const JsToken &token);
    JsToken rescanTemplateContinuation(const JsToken &token);

    // Speculative parsing (TypeScript arrow functions and type arguments): rewind() returns the
    // lexer to the state of checkpoint(), errors included.
    class Checkpoint;
    Checkpoint checkpoint() const;
    void rewind(const Checkpoint &checkpoint);

    // The errors so far, in the order they were found (which is source order, except that an
    // unterminated template substitution is reported at the end, located at its template).
    const Errors &errors() const { return m_errors; }
    Errors takeErrors() { return std::exchange(m_errors, {}); }

    // Every token up to and including EndOfInput; the errors go to `errors` when it is not null.
    static QList<JsToken> tokenize(const QString &source, Errors *errors = nullptr);

    // Splits a punctuator after its first `headLength` characters when both parts are
    // punctuators: `>>=` at 1 gives `>` and `>=`. The tail has no newlineBefore. For a
    // TypeScript parser that closes type arguments with the first '>' of `>>`, `>>>`, `>=`, ...
    static std::optional<std::pair<JsToken, JsToken>> splitPunctuator(const JsToken &token, qsizetype headLength = 1);

    // The value a token stands for: a string literal without quotes and with escapes and line
    // continuations resolved; a template part's cooked text (CR LF and CR read as LF), or a null
    // QString when it has an invalid escape; an identifier or private name with its \u escapes
    // resolved. Any other token: its text.
    static QString value(const JsToken &token, QStringView source);

private:
    enum class Brace : quint8 { Block, Object, Template };

    // What the lexer remembers about a token that was returned.
    struct Context
    {
        JsTokenKind kind = JsTokenKind::EndOfInput;
        JsPunctuator punctuator = JsPunctuator::None;
        JsKeyword keyword = JsKeyword::None;
        bool expressionEnd = false; // a '/' after it is division
        bool newlineBefore = false;
    };

    struct TemplateStart
    {
        qsizetype offset;
        int line;
        int column;
    };

    struct State
    {
        qsizetype position = 0;
        qsizetype lineStart = 0;
        int line = 1;
        Context previous;
        Context beforePrevious;
        QList<Brace> braces; // open `{` and `${`
        QList<bool> parens; // open `(`: true when it belongs to if/while/for/with
        QList<TemplateStart> templateStarts; // the template part of each open `${`
        qsizetype errorsBeforePrevious = 0; // m_errors.size() before the previous token
        bool unterminatedTemplateReported = false;
    };

    JsToken scan(bool newlineBefore);
    JsToken scanPunctuator(char16_t c);
    JsToken scanIdentifier(bool privateName);
    JsToken scanNumber();
    JsToken scanString(char16_t quote);
    JsToken scanTemplate(JsTokenKind noSubstitution, JsTokenKind head);
    JsToken scanRegex();
    JsToken scanInvalidCharacters();
    JsToken finishEndOfInput(bool newlineBefore);

    void beginToken(qsizetype start, bool newlineBefore);
    JsToken finishToken(JsTokenKind kind, JsPunctuator punctuator = JsPunctuator::None, bool closesExpression = false);
    // Records the token's error (one per token; `replace` lets "unterminated" win).
    void error(qsizetype offset, const QString &message, bool replace = false);
    void newLine(qsizetype lineStart);
    bool restartAt(const JsToken &token);
    Brace classifyBrace() const;

    QString m_source;
    const char16_t *m_data = nullptr;
    qsizetype m_size = 0;
    State m_state;
    Errors m_errors;

    // The token being scanned.
    qsizetype m_tokenStart = 0;
    int m_tokenLine = 1;
    int m_tokenColumn = 1;
    bool m_tokenNewline = false;
    quint8 m_tokenFlags = 0;
    JsKeyword m_tokenKeyword = JsKeyword::None;
    qsizetype m_regexFlagsStart = 0;
    qsizetype m_tokenErrorsBefore = 0;
    bool m_tokenFailed = false;
    JsLexError m_tokenError;
};

class JsLexer::Checkpoint
{
    friend class JsLexer;
    State m_state;
    qsizetype m_errorCount = 0;
};

} // namespace Authdesk
