#pragma once

// What every tokenization must satisfy, whatever the input (used by tst_jslexer and
// fuzz_js_lexer): tokens in order, within bounds and non-empty (so the lexer makes progress), one
// EndOfInput at the end, positions that agree with a naive recount, newlineBefore exactly when a
// line terminator lies between two tokens, nothing but whitespace and comments between tokens,
// each kind's delimiters where they belong, and one error per Invalid token.
#include "script/jslexer.h"

#include <QList>
#include <QString>

#include <algorithm>

namespace Authdesk::JsLexerChecks {

inline bool isLineTerminator(char16_t c)
{
    return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029;
}

// Line starts, counted the simple way: CR LF, LF, CR, U+2028, U+2029 each end a line.
class LineTable
{
public:
    explicit LineTable(QStringView source)
    {
        m_starts.append(0);
        for (qsizetype i = 0; i < source.size(); ++i) {
            const char16_t c = source[i].unicode();
            if (c == u'\r' && i + 1 < source.size() && source[i + 1] == u'\n')
                continue; // the LF ends the line
            if (isLineTerminator(c))
                m_starts.append(i + 1);
        }
    }
    int line(qsizetype offset) const
    {
        return int(std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset) - m_starts.cbegin());
    }
    int column(qsizetype offset) const { return int(offset - m_starts.at(line(offset) - 1) + 1); }

private:
    QList<qsizetype> m_starts;
};

// Whether [from, to) holds only whitespace, line terminators and complete comments; sets
// `newline` when it holds a line terminator.
inline bool isTrivia(QStringView source, qsizetype from, qsizetype to, bool &newline)
{
    newline = false;
    qsizetype i = from;
    if (i == 0 && to >= 2 && source.startsWith(u"#!")) {
        while (i < to && !isLineTerminator(source[i].unicode()))
            ++i;
    }
    while (i < to) {
        const char16_t c = source[i].unicode();
        if (isLineTerminator(c)) {
            newline = true;
            ++i;
        } else if (QChar::isSpace(c) || c == 0xFEFF) {
            ++i;
        } else if (c == u'/' && i + 1 < to && source[i + 1] == u'/') {
            while (i < to && !isLineTerminator(source[i].unicode()))
                ++i;
        } else if (c == u'/' && i + 1 < to && source[i + 1] == u'*') {
            const qsizetype close = source.indexOf(u"*/", i + 2);
            if (close < 0 || close + 2 > to)
                return false;
            for (qsizetype k = i; k < close; ++k)
                newline = newline || isLineTerminator(source[k].unicode());
            i = close + 2;
        } else {
            return false;
        }
    }
    return true;
}

inline QString describeToken(const JsToken &token)
{
    return tokenKindName(token.kind) + u'[' + QString::number(token.start) + u',' + QString::number(token.end) + u']';
}

// An empty string when everything holds, otherwise what is wrong.
inline QString check(const QString &source, const QList<JsToken> &tokens, const JsLexer::Errors &errors)
{
    using namespace Qt::StringLiterals;
    const QStringView text(source);
    const qsizetype size = source.size();
    if (tokens.isEmpty() || tokens.constLast().kind != JsTokenKind::EndOfInput)
        return u"the last token is not EndOfInput"_s;
    const LineTable lines(text);
    qsizetype previousEnd = 0;
    qsizetype invalid = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const JsToken &token = tokens.at(i);
        const auto where = [&token]() { return describeToken(token) + u": "_s; };
        if (token.start < previousEnd || token.end < token.start || token.end > size)
            return where() + u"out of order or out of bounds"_s;
        const bool last = i + 1 == tokens.size();
        if ((token.kind == JsTokenKind::EndOfInput) != last)
            return where() + u"EndOfInput in the wrong place"_s;
        const bool emptyAllowed = last || (token.kind == JsTokenKind::Invalid && token.start == size);
        if (token.start == token.end && !emptyAllowed)
            return where() + u"empty token (no progress)"_s;
        if (last && token.start != size)
            return where() + u"EndOfInput before the end"_s;
        if (token.line != lines.line(token.start) || token.column != lines.column(token.start))
            return where()
                + u"at %1:%2, expected %3:%4"_s.arg(token.line)
                      .arg(token.column)
                      .arg(lines.line(token.start))
                      .arg(lines.column(token.start));
        bool newline = false;
        if (!isTrivia(text, previousEnd, token.start, newline))
            return where() + u"text between tokens is not whitespace or comments"_s;
        if (newline != token.newlineBefore)
            return where() + u"newlineBefore is wrong"_s;

        const QStringView t = token.text(text);
        switch (token.kind) {
        case JsTokenKind::Punctuator:
            if (token.punctuator == JsPunctuator::None || t != punctuatorText(token.punctuator))
                return where() + u"punctuator does not match its text"_s;
            break;
        case JsTokenKind::Identifier:
            if (token.keyword != JsKeyword::None && t != keywordText(token.keyword))
                return where() + u"keyword does not match its text"_s;
            break;
        case JsTokenKind::PrivateName:
            if (!t.startsWith(u'#') || t.size() < 2)
                return where() + u"private name without '#'"_s;
            break;
        case JsTokenKind::StringLiteral:
            if (t.size() < 2 || t.front() != t.back() || (t.front() != u'"' && t.front() != u'\''))
                return where() + u"string without quotes"_s;
            break;
        case JsTokenKind::TemplateNoSubstitution:
        case JsTokenKind::TemplateHead:
        case JsTokenKind::TemplateMiddle:
        case JsTokenKind::TemplateTail: {
            const bool opensWithBacktick
                = token.kind == JsTokenKind::TemplateNoSubstitution || token.kind == JsTokenKind::TemplateHead;
            const bool closesWithBacktick
                = token.kind == JsTokenKind::TemplateNoSubstitution || token.kind == JsTokenKind::TemplateTail;
            if (t.size() < 2 || !t.startsWith(opensWithBacktick ? u'`' : u'}')
                || !t.endsWith(closesWithBacktick ? u"`" : u"${"))
                return where() + u"template part without its delimiters"_s;
            break;
        }
        case JsTokenKind::RegularExpression:
            if (!t.startsWith(u'/') || token.regexFlagsStart <= token.start + 1 || token.regexFlagsStart > token.end
                || text[token.regexFlagsStart - 1] != u'/')
                return where() + u"regular expression without slashes"_s;
            break;
        case JsTokenKind::NumericLiteral:
        case JsTokenKind::BigIntLiteral:
            if (t.isEmpty() || !(t.front().isDigit() || t.front() == u'.'))
                return where() + u"number that does not start with a digit"_s;
            break;
        case JsTokenKind::Invalid:
            ++invalid;
            break;
        case JsTokenKind::EndOfInput:
            break;
        }
        (void)JsLexer::value(token, text);
        previousEnd = token.end;
    }
    if (invalid != errors.size())
        return u"%1 Invalid tokens but %2 errors"_s.arg(invalid).arg(errors.size());
    for (const JsLexError &error : errors) {
        if (error.offset < 0 || error.offset > size || error.message.isEmpty())
            return u"error out of bounds: "_s + error.toString();
        if (error.line != lines.line(error.offset) || error.column != lines.column(error.offset))
            return u"error at the wrong position: "_s + error.toString();
    }
    return QString();
}

} // namespace Authdesk::JsLexerChecks
