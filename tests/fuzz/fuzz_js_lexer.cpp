// Fuzzes the JavaScript/TypeScript lexer. The bytes are read as UTF-8 and, to reach lone
// surrogates and every code unit, also as raw UTF-16. Besides "no crash, no hang" it checks:
//  - the invariants of tests/helpers/jslexerchecks.h (order, bounds, progress, positions,
//    newlineBefore, trivia between tokens, delimiters, one error per Invalid token);
//  - streaming next() gives the same tokens and errors as tokenize(), also when every '/'
//    token is rescanned the other way and back, and across checkpoint()/rewind();
//  - splitPunctuator() gives two adjacent halves, and rescanTemplateContinuation() on a `}`
//    leaves a lexer that still finishes with ordered, non-empty tokens.
#include "../helpers/jslexerchecks.h"
#include "script/jslexer.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_js_lexer: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

bool sameToken(const JsToken &a, const JsToken &b)
{
    return a.kind == b.kind && a.punctuator == b.punctuator && a.keyword == b.keyword && a.flags == b.flags
        && a.newlineBefore == b.newlineBefore && a.line == b.line && a.column == b.column && a.start == b.start
        && a.end == b.end && a.regexFlagsStart == b.regexFlagsStart;
}

bool sameErrors(const JsLexer::Errors &a, const JsLexer::Errors &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].offset != b[i].offset || a[i].line != b[i].line || a[i].column != b[i].column
            || a[i].message != b[i].message)
            return false;
    }
    return true;
}

bool startsWithSlash(const JsToken &token, const QString &source)
{
    return token.start < source.size() && source.at(token.start) == u'/';
}

void checkStreaming(const QString &source, const QList<JsToken> &tokens, const JsLexer::Errors &errors)
{
    JsLexer lexer(source);
    qsizetype index = 0;
    for (;;) {
        if (index % 16 == 5) { // read ahead, rewind, and it must read the same again
            const JsLexer::Checkpoint mark = lexer.checkpoint();
            JsToken ahead[4];
            int count = 0;
            while (count < 4) {
                ahead[count] = lexer.next();
                if (ahead[count++].kind == JsTokenKind::EndOfInput)
                    break;
            }
            lexer.rewind(mark);
            for (int i = 0; i < count; ++i) {
                if (!sameToken(lexer.next(), ahead[i]))
                    fail("rewind", JsLexerChecks::describeToken(ahead[i]));
            }
            lexer.rewind(mark);
        }
        JsToken token = lexer.next();
        if (index >= tokens.size() || !sameToken(token, tokens.at(index)))
            fail("next() differs from tokenize()", JsLexerChecks::describeToken(token));
        if (token.is(JsPunctuator::Slash) || token.is(JsPunctuator::SlashAssign)) {
            const JsToken regex = lexer.rescanAsRegex(token);
            if (regex.start != token.start || regex.end <= regex.start)
                fail("rescanAsRegex", JsLexerChecks::describeToken(regex));
            token = lexer.rescanAsPunctuator(regex);
        } else if ((token.kind == JsTokenKind::RegularExpression || token.kind == JsTokenKind::Invalid)
            && startsWithSlash(token, source)) {
            const JsToken punctuator = lexer.rescanAsPunctuator(token);
            token = lexer.rescanAsRegex(punctuator);
        }
        if (!sameToken(token, tokens.at(index)))
            fail("rescan round trip", JsLexerChecks::describeToken(tokens.at(index)));
        if (token.kind == JsTokenKind::EndOfInput)
            break;
        ++index;
    }
    if (!sameErrors(lexer.errors(), errors))
        fail("errors differ after rescans", source.left(200));
    if (!lexer.next().is(JsTokenKind::EndOfInput))
        fail("EndOfInput does not repeat", source.left(200));
}

void checkSplits(const QList<JsToken> &tokens)
{
    for (const JsToken &token : tokens) {
        if (token.kind != JsTokenKind::Punctuator)
            continue;
        for (qsizetype head = 0; head <= token.length(); ++head) {
            const auto split = JsLexer::splitPunctuator(token, head);
            if (!split)
                continue;
            const auto &[first, second] = *split;
            if (first.start != token.start || first.end != second.start || second.end != token.end
                || first.end <= first.start || second.end <= second.start || second.column != token.column + int(head))
                fail("splitPunctuator", JsLexerChecks::describeToken(token));
        }
    }
}

void checkTemplateRescan(const QString &source, const QList<JsToken> &tokens)
{
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!tokens.at(i).is(JsPunctuator::RightBrace))
            continue;
        JsLexer lexer(source);
        for (qsizetype k = 0; k < i; ++k)
            (void)lexer.next();
        JsToken token = lexer.rescanTemplateContinuation(lexer.next());
        qsizetype previousEnd = token.start;
        for (int guard = 0; token.kind != JsTokenKind::EndOfInput; ++guard) {
            if (token.start < previousEnd || token.end > source.size() || guard > source.size() + 2
                || (token.end == token.start && token.start != source.size()))
                fail("tokens after rescanTemplateContinuation", JsLexerChecks::describeToken(token));
            previousEnd = token.end;
            token = lexer.next();
        }
        return; // the first `}` is enough; more would make long inputs quadratic
    }
}

void checkSource(const QString &source)
{
    JsLexer::Errors errors;
    const QList<JsToken> tokens = JsLexer::tokenize(source, &errors);
    const QString problem = JsLexerChecks::check(source, tokens, errors);
    if (!problem.isEmpty())
        fail("invariant", problem);
    for (const JsLexError &error : errors)
        (void)error.toString();
    checkStreaming(source, tokens, errors);
    checkSplits(tokens);
    checkTemplateRescan(source, tokens);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkSource(QString::fromUtf8(bytes));
    if (size >= 2) {
        QString units(qsizetype(size / 2), Qt::Uninitialized);
        std::memcpy(units.data(), data, (size / 2) * sizeof(char16_t));
        checkSource(units);
    }
    return 0;
}
