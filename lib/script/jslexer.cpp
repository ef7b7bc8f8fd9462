#include "jslexer.h"

#include <QChar>

#include <array>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// ASCII character classes.
enum : quint8 {
    IdStart = 0x01,
    IdPart = 0x02,
    DecimalDigit = 0x04,
    HexDigit = 0x08,
    Space = 0x10, // TAB VT FF SP; line terminators are checked by hand
};

constexpr std::array<quint8, 128> buildAsciiTable()
{
    std::array<quint8, 128> table {};
    for (char16_t c = u'a'; c <= u'z'; ++c)
        table[c] = IdStart | IdPart;
    for (char16_t c = u'A'; c <= u'Z'; ++c)
        table[c] = IdStart | IdPart;
    table[u'$'] = IdStart | IdPart;
    table[u'_'] = IdStart | IdPart;
    for (char16_t c = u'0'; c <= u'9'; ++c)
        table[c] = IdPart | DecimalDigit | HexDigit;
    for (char16_t c = u'a'; c <= u'f'; ++c)
        table[c] |= HexDigit;
    for (char16_t c = u'A'; c <= u'F'; ++c)
        table[c] |= HexDigit;
    table[u' '] = Space;
    table[u'\t'] = Space;
    table[0x0B] = Space;
    table[0x0C] = Space;
    return table;
}

constexpr std::array<quint8, 128> kAscii = buildAsciiTable();

inline bool isLineTerminator(char32_t c)
{
    return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029;
}

inline bool isDecimalDigit(char32_t c)
{
    return c >= u'0' && c <= u'9';
}

inline int hexValue(char32_t c)
{
    if (c >= u'0' && c <= u'9')
        return int(c - u'0');
    if (c >= u'a' && c <= u'f')
        return int(c - u'a' + 10);
    if (c >= u'A' && c <= u'F')
        return int(c - u'A' + 10);
    return -1;
}

inline bool isRadixDigit(char32_t c, int radix)
{
    switch (radix) {
    case 2:
        return c == u'0' || c == u'1';
    case 8:
        return c >= u'0' && c <= u'7';
    case 16:
        return hexValue(c) >= 0;
    default:
        return isDecimalDigit(c);
    }
}

// ID_Start and ID_Continue outside ASCII, by general category (Other_ID_Start/Continue included,
// Pattern_Syntax excluded).
bool isNonAsciiIdStart(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_Letter:
        return c != 0x2E2F;
    default:
        return c == 0x1885 || c == 0x1886 || c == 0x2118 || c == 0x212E || c == 0x309B || c == 0x309C;
    }
}

bool isNonAsciiIdPart(char32_t c)
{
    if (isNonAsciiIdStart(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Number_DecimalDigit:
    case QChar::Punctuation_Connector:
        return true;
    default:
        return c == 0x00B7 || c == 0x0387 || (c >= 0x1369 && c <= 0x1371) || c == 0x19DA || c == 0x200C || c == 0x200D;
    }
}

inline bool isIdStart(char32_t c)
{
    return c < 128 ? (kAscii[c] & IdStart) != 0 : isNonAsciiIdStart(c);
}

inline bool isIdPart(char32_t c)
{
    return c < 128 ? (kAscii[c] & IdPart) != 0 : isNonAsciiIdPart(c);
}

// WhiteSpace outside ASCII: NBSP, ZWNBSP and the other Zs characters.
bool isNonAsciiSpace(char32_t c)
{
    return c == 0x00A0 || c == 0xFEFF || (c > 0xFF && QChar::category(c) == QChar::Separator_Space);
}

struct CodePoint
{
    char32_t value;
    int units;
};

// The code point at `pos` (< size); a lone surrogate stands for itself.
inline CodePoint codePointAt(const char16_t *data, qsizetype size, qsizetype pos)
{
    const char16_t c = data[pos];
    if (QChar::isHighSurrogate(c) && pos + 1 < size && QChar::isLowSurrogate(data[pos + 1]))
        return {QChar::surrogateToUcs4(c, data[pos + 1]), 2};
    return {c, 1};
}

// An escape sequence after a backslash.
struct Escape
{
    enum Kind : quint8 {
        Character, // `value`
        LineContinuation, // backslash + line terminator: no value
        LegacyOctal, // \1..\7, \0 before a digit, \8, \9: `value`
        InvalidHex, // \x not followed by two hex digits
        InvalidUnicode, // malformed \u escape, or a code point above 10FFFF
        Truncated, // the backslash is the last character
    };
    Kind kind;
    char32_t value;
    qsizetype end; // just after the escape; always > the backslash's position
};

// \uXXXX or \u{X...} at `pos` (the backslash).
Escape parseUnicodeEscape(const char16_t *data, qsizetype size, qsizetype pos)
{
    qsizetype p = pos + 1;
    if (p >= size || data[p] != u'u')
        return {Escape::InvalidUnicode, 0, p};
    ++p;
    char32_t value = 0;
    if (p < size && data[p] == u'{') {
        ++p;
        int digits = 0;
        bool tooBig = false;
        while (p < size) {
            const int digit = hexValue(data[p]);
            if (digit < 0)
                break;
            value = value * 16 + char32_t(digit);
            if (value > 0x10FFFF) {
                tooBig = true;
                value = 0x10FFFF; // keep scanning without overflowing
            }
            ++digits;
            ++p;
        }
        if (p < size && data[p] == u'}' && digits > 0 && !tooBig)
            return {Escape::Character, value, p + 1};
        return {Escape::InvalidUnicode, 0, p};
    }
    for (int i = 0; i < 4; ++i) {
        const int digit = p < size ? hexValue(data[p]) : -1;
        if (digit < 0)
            return {Escape::InvalidUnicode, 0, p};
        value = value * 16 + char32_t(digit);
        ++p;
    }
    return {Escape::Character, value, p};
}

// The escape sequence of a string literal or template at `pos` (the backslash).
Escape parseEscape(const char16_t *data, qsizetype size, qsizetype pos)
{
    const qsizetype p = pos + 1;
    if (p >= size)
        return {Escape::Truncated, 0, p};
    const char16_t c = data[p];
    switch (c) {
    case u'\r':
        return {Escape::LineContinuation, 0, (p + 1 < size && data[p + 1] == u'\n') ? p + 2 : p + 1};
    case u'\n':
    case 0x2028:
    case 0x2029:
        return {Escape::LineContinuation, 0, p + 1};
    case u'b':
        return {Escape::Character, 0x08, p + 1};
    case u't':
        return {Escape::Character, 0x09, p + 1};
    case u'n':
        return {Escape::Character, 0x0A, p + 1};
    case u'v':
        return {Escape::Character, 0x0B, p + 1};
    case u'f':
        return {Escape::Character, 0x0C, p + 1};
    case u'r':
        return {Escape::Character, 0x0D, p + 1};
    case u'x': {
        const int high = p + 1 < size ? hexValue(data[p + 1]) : -1;
        if (high < 0)
            return {Escape::InvalidHex, 0, p + 1};
        const int low = p + 2 < size ? hexValue(data[p + 2]) : -1;
        if (low < 0)
            return {Escape::InvalidHex, 0, p + 2};
        return {Escape::Character, char32_t(high * 16 + low), p + 3};
    }
    case u'u':
        return parseUnicodeEscape(data, size, pos);
    case u'8':
    case u'9':
        return {Escape::LegacyOctal, c, p + 1};
    default:
        break;
    }
    if (c >= u'0' && c <= u'7') {
        if (c == u'0' && !(p + 1 < size && isDecimalDigit(data[p + 1])))
            return {Escape::Character, 0, p + 1};
        // LegacyOctalEscapeSequence: up to three digits starting with 0-3, two otherwise.
        char32_t value = c - u'0';
        qsizetype q = p + 1;
        const int maxDigits = c <= u'3' ? 3 : 2;
        for (int digits = 1; digits < maxDigits && q < size && data[q] >= u'0' && data[q] <= u'7'; ++digits, ++q)
            value = value * 8 + (data[q] - u'0');
        return {Escape::LegacyOctal, value, q};
    }
    // A NonEscapeCharacter (\' \" \\ \a ...) stands for itself; a surrogate pair's second half is
    // read as an ordinary character afterwards.
    return {Escape::Character, c, p + 1};
}

void appendCodePoint(QString &out, char32_t value)
{
    if (QChar::requiresSurrogates(value)) {
        out.append(QChar(QChar::highSurrogate(value)));
        out.append(QChar(QChar::lowSurrogate(value)));
    } else {
        out.append(QChar(char16_t(value)));
    }
}

// The cooked value of string or template characters; a null QString for a template with an
// invalid escape.
QString cook(QStringView text, bool templateMode)
{
    const char16_t *data = text.utf16();
    const qsizetype size = text.size();
    QString out;
    out.reserve(qMax<qsizetype>(size, 1)); // never null: null means "no cooked value"
    qsizetype i = 0;
    while (i < size) {
        const char16_t c = data[i];
        if (c == u'\\') {
            const Escape escape = parseEscape(data, size, i);
            switch (escape.kind) {
            case Escape::Character:
                appendCodePoint(out, escape.value);
                break;
            case Escape::LineContinuation:
                break;
            case Escape::LegacyOctal:
                if (templateMode)
                    return QString();
                appendCodePoint(out, escape.value);
                break;
            case Escape::InvalidHex:
            case Escape::InvalidUnicode:
            case Escape::Truncated:
                if (templateMode)
                    return QString();
                out.append(text.mid(i, escape.end - i));
                break;
            }
            i = escape.end;
        } else if (templateMode && c == u'\r') {
            out.append(u'\n');
            i += (i + 1 < size && data[i + 1] == u'\n') ? 2 : 1;
        } else {
            out.append(QChar(c));
            ++i;
        }
    }
    return out;
}

QString decodeIdentifier(QStringView text)
{
    const char16_t *data = text.utf16();
    const qsizetype size = text.size();
    QString out;
    out.reserve(size);
    qsizetype i = 0;
    while (i < size) {
        if (data[i] == u'\\') {
            const Escape escape = parseUnicodeEscape(data, size, i);
            if (escape.kind == Escape::Character)
                appendCodePoint(out, escape.value);
            else
                out.append(text.mid(i, escape.end - i));
            i = escape.end;
        } else {
            out.append(QChar(data[i]));
            ++i;
        }
    }
    return out;
}

QString describeCharacter(char32_t c)
{
    if (c > 0x20 && c < 0x7F)
        return u"unexpected character '"_s + QChar(char16_t(c)) + u'\'';
    return u"unexpected character U+"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
}

} // namespace

QString JsLexError::toString() const
{
    return QString::number(line) + u':' + QString::number(column) + u": "_s + message;
}

JsLexer::JsLexer(const QString &source)
    : m_source(source)
    , m_data(QStringView(m_source).utf16())
    , m_size(m_source.size())
{
}

QList<JsToken> JsLexer::tokenize(const QString &source, Errors *errors)
{
    JsLexer lexer(source);
    QList<JsToken> tokens;
    tokens.reserve(source.size() / 6 + 8);
    for (;;) {
        tokens.append(lexer.next());
        if (tokens.constLast().kind == JsTokenKind::EndOfInput)
            break;
    }
    if (errors)
        *errors = lexer.takeErrors();
    return tokens;
}

JsToken JsLexer::next()
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype pos = m_state.position;
    bool newline = false;

    if (pos == 0 && size >= 2 && data[0] == u'#' && data[1] == u'!') { // hashbang comment
        pos = 2;
        while (pos < size && !isLineTerminator(data[pos]))
            ++pos;
    }

    // Whitespace, line terminators and comments.
    while (pos < size) {
        const char16_t c = data[pos];
        if (c < 128) {
            if (kAscii[c] & Space) {
                ++pos;
                continue;
            }
            if (c == u'\n') {
                ++pos;
                newLine(pos);
                newline = true;
                continue;
            }
            if (c == u'\r') {
                ++pos;
                if (pos < size && data[pos] == u'\n')
                    ++pos;
                newLine(pos);
                newline = true;
                continue;
            }
            if (c == u'/' && pos + 1 < size) {
                const char16_t n = data[pos + 1];
                if (n == u'/') {
                    pos += 2;
                    while (pos < size && !isLineTerminator(data[pos]))
                        ++pos;
                    continue;
                }
                if (n == u'*') {
                    beginToken(pos, newline); // in case it is unterminated
                    pos += 2;
                    bool closed = false;
                    while (pos < size) {
                        const char16_t ch = data[pos];
                        if (ch == u'*') {
                            if (pos + 1 < size && data[pos + 1] == u'/') {
                                pos += 2;
                                closed = true;
                                break;
                            }
                            ++pos;
                        } else if (ch == u'\n' || ch == 0x2028 || ch == 0x2029) {
                            ++pos;
                            newLine(pos);
                            newline = true;
                        } else if (ch == u'\r') {
                            ++pos;
                            if (pos < size && data[pos] == u'\n')
                                ++pos;
                            newLine(pos);
                            newline = true;
                        } else {
                            ++pos;
                        }
                    }
                    if (!closed) {
                        m_state.position = pos;
                        error(m_tokenStart, u"unterminated comment"_s);
                        return finishToken(JsTokenKind::Invalid);
                    }
                    continue;
                }
            }
            break;
        }
        if (c == 0x2028 || c == 0x2029) {
            ++pos;
            newLine(pos);
            newline = true;
            continue;
        }
        if (isNonAsciiSpace(c)) {
            ++pos;
            continue;
        }
        break;
    }

    m_state.position = pos;
    if (pos >= size)
        return finishEndOfInput(newline);
    return scan(newline);
}

JsToken JsLexer::scan(bool newlineBefore)
{
    const qsizetype pos = m_state.position;
    beginToken(pos, newlineBefore);
    const char16_t c = m_data[pos];
    const char16_t n = pos + 1 < m_size ? m_data[pos + 1] : char16_t(0);
    if (c < 128) {
        const quint8 cls = kAscii[c];
        if (cls & IdStart)
            return scanIdentifier(false);
        if (cls & DecimalDigit)
            return scanNumber();
        switch (c) {
        case u'"':
        case u'\'':
            return scanString(c);
        case u'`':
            m_state.position = pos + 1;
            return scanTemplate(JsTokenKind::TemplateNoSubstitution, JsTokenKind::TemplateHead);
        case u'.':
            if (isDecimalDigit(n))
                return scanNumber();
            break;
        case u'\\':
            return scanIdentifier(false);
        case u'#':
            if (n == u'\\' || (pos + 1 < m_size && isIdStart(codePointAt(m_data, m_size, pos + 1).value)))
                return scanIdentifier(true);
            return scanInvalidCharacters();
        case u'/':
            if (!m_state.previous.expressionEnd)
                return scanRegex();
            break;
        default:
            break;
        }
        return scanPunctuator(c);
    }
    if (isNonAsciiIdStart(codePointAt(m_data, m_size, pos).value))
        return scanIdentifier(false);
    return scanInvalidCharacters();
}

JsToken JsLexer::scanPunctuator(char16_t c)
{
    const qsizetype p = m_state.position;
    const auto at = [this, p](qsizetype k) -> char16_t { return p + k < m_size ? m_data[p + k] : char16_t(0); };
    JsPunctuator punctuator = JsPunctuator::None;
    qsizetype length = 1;
    bool closesExpression = false;

    switch (c) {
    case u'{':
        m_state.braces.append(classifyBrace());
        punctuator = JsPunctuator::LeftBrace;
        break;
    case u'}':
        if (!m_state.braces.isEmpty()) {
            const Brace brace = m_state.braces.takeLast();
            if (brace == Brace::Template) {
                m_state.templateStarts.removeLast();
                m_state.position = p + 1;
                return scanTemplate(JsTokenKind::TemplateTail, JsTokenKind::TemplateMiddle);
            }
            closesExpression = brace == Brace::Object;
        }
        punctuator = JsPunctuator::RightBrace;
        break;
    case u'(': {
        const Context &previous = m_state.previous;
        bool statementHeader = false;
        if (previous.kind == JsTokenKind::Identifier) {
            switch (previous.keyword) {
            case JsKeyword::If:
            case JsKeyword::While:
            case JsKeyword::For:
            case JsKeyword::With:
                statementHeader = true;
                break;
            case JsKeyword::Await:
                statementHeader = m_state.beforePrevious.kind == JsTokenKind::Identifier
                    && m_state.beforePrevious.keyword == JsKeyword::For;
                break;
            default:
                break;
            }
        }
        m_state.parens.append(statementHeader);
        punctuator = JsPunctuator::LeftParen;
        break;
    }
    case u')':
        closesExpression = m_state.parens.isEmpty() || !m_state.parens.takeLast();
        punctuator = JsPunctuator::RightParen;
        break;
    case u'[':
        punctuator = JsPunctuator::LeftBracket;
        break;
    case u']':
        closesExpression = true;
        punctuator = JsPunctuator::RightBracket;
        break;
    case u';':
        punctuator = JsPunctuator::Semicolon;
        break;
    case u',':
        punctuator = JsPunctuator::Comma;
        break;
    case u':':
        punctuator = JsPunctuator::Colon;
        break;
    case u'~':
        punctuator = JsPunctuator::Tilde;
        break;
    case u'@':
        punctuator = JsPunctuator::At;
        break;
    case u'.':
        if (at(1) == u'.' && at(2) == u'.') {
            punctuator = JsPunctuator::Ellipsis;
            length = 3;
        } else {
            punctuator = JsPunctuator::Dot;
        }
        break;
    case u'?':
        if (at(1) == u'?') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::QuestionQuestionAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::QuestionQuestion;
                length = 2;
            }
        } else if (at(1) == u'.' && !isDecimalDigit(at(2))) { // `a?.5:b` is a conditional
            punctuator = JsPunctuator::QuestionDot;
            length = 2;
        } else {
            punctuator = JsPunctuator::Question;
        }
        break;
    case u'<':
        if (at(1) == u'<') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::ShiftLeftAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::ShiftLeft;
                length = 2;
            }
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::LessEqual;
            length = 2;
        } else {
            punctuator = JsPunctuator::Less;
        }
        break;
    case u'>':
        if (at(1) == u'>') {
            if (at(2) == u'>') {
                if (at(3) == u'=') {
                    punctuator = JsPunctuator::UnsignedShiftRightAssign;
                    length = 4;
                } else {
                    punctuator = JsPunctuator::UnsignedShiftRight;
                    length = 3;
                }
            } else if (at(2) == u'=') {
                punctuator = JsPunctuator::ShiftRightAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::ShiftRight;
                length = 2;
            }
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::GreaterEqual;
            length = 2;
        } else {
            punctuator = JsPunctuator::Greater;
        }
        break;
    case u'=':
        if (at(1) == u'=') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::StrictEqual;
                length = 3;
            } else {
                punctuator = JsPunctuator::Equal;
                length = 2;
            }
        } else if (at(1) == u'>') {
            punctuator = JsPunctuator::Arrow;
            length = 2;
        } else {
            punctuator = JsPunctuator::Assign;
        }
        break;
    case u'!':
        if (at(1) == u'=') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::StrictNotEqual;
                length = 3;
            } else {
                punctuator = JsPunctuator::NotEqual;
                length = 2;
            }
        } else {
            punctuator = JsPunctuator::Exclamation;
        }
        break;
    case u'+':
        if (at(1) == u'+') {
            punctuator = JsPunctuator::PlusPlus;
            length = 2;
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::PlusAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Plus;
        }
        break;
    case u'-':
        if (at(1) == u'-') {
            punctuator = JsPunctuator::MinusMinus;
            length = 2;
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::MinusAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Minus;
        }
        break;
    case u'*':
        if (at(1) == u'*') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::StarStarAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::StarStar;
                length = 2;
            }
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::StarAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Star;
        }
        break;
    case u'/':
        if (at(1) == u'=') {
            punctuator = JsPunctuator::SlashAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Slash;
        }
        break;
    case u'%':
        if (at(1) == u'=') {
            punctuator = JsPunctuator::PercentAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Percent;
        }
        break;
    case u'&':
        if (at(1) == u'&') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::AmpersandAmpersandAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::AmpersandAmpersand;
                length = 2;
            }
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::AmpersandAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Ampersand;
        }
        break;
    case u'|':
        if (at(1) == u'|') {
            if (at(2) == u'=') {
                punctuator = JsPunctuator::BarBarAssign;
                length = 3;
            } else {
                punctuator = JsPunctuator::BarBar;
                length = 2;
            }
        } else if (at(1) == u'=') {
            punctuator = JsPunctuator::BarAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Bar;
        }
        break;
    case u'^':
        if (at(1) == u'=') {
            punctuator = JsPunctuator::CaretAssign;
            length = 2;
        } else {
            punctuator = JsPunctuator::Caret;
        }
        break;
    default:
        return scanInvalidCharacters();
    }
    m_state.position = p + length;
    return finishToken(JsTokenKind::Punctuator, punctuator, closesExpression);
}

JsToken JsLexer::scanIdentifier(bool privateName)
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype p = m_state.position + (privateName ? 1 : 0);
    const qsizetype nameStart = p;
    bool escaped = false;
    bool first = true;
    for (;;) {
        if (!first) {
            while (p < size && data[p] < 128 && (kAscii[data[p]] & IdPart))
                ++p;
        }
        if (p >= size)
            break;
        const char16_t c = data[p];
        if (c < 128) {
            if (first && (kAscii[c] & IdStart)) {
                ++p;
                first = false;
                continue;
            }
            if (c != u'\\')
                break;
            escaped = true;
            const Escape escape = parseUnicodeEscape(data, size, p);
            if (escape.kind != Escape::Character)
                error(p, u"invalid Unicode escape sequence"_s);
            else if (!(first ? isIdStart(escape.value) : isIdPart(escape.value)))
                error(p, u"escape sequence is not a valid identifier character"_s);
            p = escape.end;
            first = false;
            continue;
        }
        const CodePoint cp = codePointAt(data, size, p);
        if (!(first ? isNonAsciiIdStart(cp.value) : isNonAsciiIdPart(cp.value)))
            break;
        p += cp.units;
        first = false;
    }
    m_state.position = p;
    if (escaped)
        m_tokenFlags |= quint8(JsTokenFlag::Escaped);
    else if (!privateName)
        m_tokenKeyword = keywordFromText(QStringView(data + nameStart, p - nameStart));
    return finishToken(privateName ? JsTokenKind::PrivateName : JsTokenKind::Identifier);
}

JsToken JsLexer::scanNumber()
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    const qsizetype start = m_state.position;
    qsizetype p = start;
    const auto at = [data, size](qsizetype i) -> char16_t { return i < size ? data[i] : char16_t(0); };
    JsTokenKind kind = JsTokenKind::NumericLiteral;

    // Digits of `radix` with `_` separators between them; returns how many digits there were.
    const auto digits = [&](int radix) {
        qsizetype count = 0;
        for (;;) {
            const char16_t c = at(p);
            if (isRadixDigit(c, radix)) {
                ++count;
                ++p;
            } else if (c == u'_') {
                if (count == 0 || !isRadixDigit(at(p - 1), radix) || !isRadixDigit(at(p + 1), radix))
                    error(p, u"invalid numeric separator"_s);
                m_tokenFlags |= quint8(JsTokenFlag::NumericSeparators);
                ++p;
            } else {
                return count;
            }
        }
    };
    // `.digits` and an exponent after the integer part; returns whether there was either.
    const auto fractionAndExponent = [&]() {
        bool any = false;
        if (at(p) == u'.') {
            ++p;
            any = true;
            digits(10);
        }
        if ((at(p) | 0x20) == u'e') {
            ++p;
            any = true;
            if (at(p) == u'+' || at(p) == u'-')
                ++p;
            if (digits(10) == 0)
                error(start, u"invalid numeric literal"_s);
        }
        return any;
    };

    const char16_t first = data[p];
    const char16_t second = (at(p + 1) | 0x20);
    if (first == u'0' && (second == u'x' || second == u'o' || second == u'b')) {
        const int radix = second == u'x' ? 16 : (second == u'o' ? 8 : 2);
        p += 2;
        if (digits(radix) == 0)
            error(start, u"invalid numeric literal"_s);
        if (at(p) == u'n') {
            ++p;
            kind = JsTokenKind::BigIntLiteral;
        }
    } else if (first == u'0' && isDecimalDigit(at(p + 1))) {
        // LegacyOctalIntegerLiteral (017) or NonOctalDecimalIntegerLiteral (08, 019.5).
        m_tokenFlags |= quint8(JsTokenFlag::LegacyOctal);
        bool octal = true;
        ++p;
        while (isDecimalDigit(at(p))) {
            octal = octal && data[p] <= u'7';
            ++p;
        }
        if (at(p) == u'_')
            error(p, u"invalid numeric separator"_s);
        if (!octal)
            fractionAndExponent();
        if (at(p) == u'n') {
            error(start, u"invalid BigInt literal"_s);
            ++p;
        }
    } else {
        const bool leadingDot = first == u'.';
        bool integer = !leadingDot;
        if (!leadingDot) {
            if (first == u'0' && at(p + 1) == u'_')
                error(p + 1, u"invalid numeric separator"_s);
            digits(10);
        }
        if (fractionAndExponent())
            integer = false;
        if (at(p) == u'n') {
            ++p;
            if (integer)
                kind = JsTokenKind::BigIntLiteral;
            else
                error(start, u"invalid BigInt literal"_s);
        }
    }

    // "The SourceCharacter immediately following a NumericLiteral must not be an IdentifierStart
    // or DecimalDigit": `3in`, `1.toString()`, `0b12` are one invalid token.
    if (p < size) {
        const CodePoint cp = codePointAt(data, size, p);
        if (cp.value == u'\\' || isIdStart(cp.value) || isDecimalDigit(cp.value)) {
            error(start, u"invalid numeric literal"_s);
            while (p < size) {
                const CodePoint part = codePointAt(data, size, p);
                if (part.value == u'\\' || isIdPart(part.value))
                    p += part.units;
                else
                    break;
            }
        }
    }
    m_state.position = p;
    return finishToken(kind);
}

JsToken JsLexer::scanString(char16_t quote)
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype p = m_state.position + 1;
    for (;;) {
        while (p < size) { // plain characters
            const char16_t c = data[p];
            if (c == quote || c == u'\\' || c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029)
                break;
            ++p;
        }
        if (p >= size) {
            error(m_tokenStart, u"unterminated string literal"_s, true);
            break;
        }
        const char16_t c = data[p];
        if (c == quote) {
            ++p;
            break;
        }
        if (c == u'\\') {
            const Escape escape = parseEscape(data, size, p);
            switch (escape.kind) {
            case Escape::Character:
            case Escape::Truncated:
                break;
            case Escape::LineContinuation:
                m_tokenFlags |= quint8(JsTokenFlag::LineContinuation);
                newLine(escape.end);
                break;
            case Escape::LegacyOctal:
                m_tokenFlags |= quint8(JsTokenFlag::LegacyOctalEscape);
                break;
            case Escape::InvalidHex:
                error(p, u"invalid hexadecimal escape sequence"_s);
                break;
            case Escape::InvalidUnicode:
                error(p, u"invalid Unicode escape sequence"_s);
                break;
            }
            p = escape.end;
            continue;
        }
        if (c == 0x2028 || c == 0x2029) { // allowed in strings since ES2019
            ++p;
            newLine(p);
            continue;
        }
        error(m_tokenStart, u"unterminated string literal"_s, true); // CR or LF; not part of the token
        break;
    }
    m_state.position = p;
    return finishToken(JsTokenKind::StringLiteral);
}

JsToken JsLexer::scanTemplate(JsTokenKind noSubstitution, JsTokenKind head)
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype p = m_state.position;
    JsTokenKind kind = noSubstitution;
    for (;;) {
        if (p >= size) {
            error(m_tokenStart, u"unterminated template literal"_s, true);
            break;
        }
        const char16_t c = data[p];
        if (c == u'`') {
            ++p;
            break;
        }
        if (c == u'$' && p + 1 < size && data[p + 1] == u'{') {
            p += 2;
            kind = head;
            m_state.braces.append(Brace::Template);
            m_state.templateStarts.append({m_tokenStart, m_tokenLine, m_tokenColumn});
            break;
        }
        if (c == u'\\') {
            const Escape escape = parseEscape(data, size, p);
            switch (escape.kind) {
            case Escape::Character:
            case Escape::Truncated:
                break;
            case Escape::LineContinuation:
                m_tokenFlags |= quint8(JsTokenFlag::LineContinuation);
                newLine(escape.end);
                break;
            case Escape::LegacyOctal:
            case Escape::InvalidHex:
            case Escape::InvalidUnicode:
                m_tokenFlags |= quint8(JsTokenFlag::InvalidEscape);
                break;
            }
            p = escape.end;
            continue;
        }
        ++p;
        if (c == u'\n' || c == 0x2028 || c == 0x2029) {
            newLine(p);
        } else if (c == u'\r') {
            if (p < size && data[p] == u'\n')
                ++p;
            newLine(p);
        }
    }
    m_state.position = p;
    return finishToken(kind);
}

JsToken JsLexer::scanRegex()
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype p = m_state.position + 1;
    bool inClass = false;
    bool closed = false;
    while (p < size) {
        const char16_t c = data[p];
        if (isLineTerminator(c))
            break;
        ++p;
        if (c == u'\\') {
            if (p < size && !isLineTerminator(data[p]))
                ++p;
        } else if (c == u'[') {
            inClass = true;
        } else if (c == u']') {
            inClass = false;
        } else if (c == u'/' && !inClass) {
            closed = true;
            break;
        }
    }
    if (!closed) {
        // An Invalid token (as every malformed token is), not a RegularExpression with an error.
        error(m_tokenStart, u"unterminated regular expression literal"_s, true);
        m_state.position = p;
        return finishToken(JsTokenKind::Invalid);
    }

    // Flags: IdentifierPart characters, of which d g i m s u v y are valid, each once.
    m_regexFlagsStart = p;
    quint32 seen = 0;
    bool bad = false;
    while (p < size) {
        const char16_t c = data[p];
        if (c < 128 && (kAscii[c] & IdPart)) {
            static constexpr char16_t kFlags[] = u"dgimsuvy";
            int index = -1;
            for (int i = 0; i < 8; ++i) {
                if (kFlags[i] == c)
                    index = i;
            }
            if (index < 0 || (seen & (1u << index)))
                bad = true;
            else
                seen |= 1u << index;
            ++p;
        } else if (c == u'\\') {
            bad = true;
            p = parseUnicodeEscape(data, size, p).end;
        } else if (c >= 128 && isNonAsciiIdPart(codePointAt(data, size, p).value)) {
            bad = true;
            p += codePointAt(data, size, p).units;
        } else {
            break;
        }
    }
    if (bad)
        error(m_regexFlagsStart, u"invalid regular expression flags"_s);
    m_state.position = p;
    return finishToken(JsTokenKind::RegularExpression);
}

JsToken JsLexer::scanInvalidCharacters()
{
    const char16_t *const data = m_data;
    const qsizetype size = m_size;
    qsizetype p = m_state.position;
    const CodePoint first = codePointAt(data, size, p);
    error(p, describeCharacter(first.value));
    p += first.units;
    // Swallow a run of further characters that cannot start anything (binary junk, stray
    // symbols), so that garbage gives one error and not one per character.
    while (p < size) {
        const CodePoint cp = codePointAt(data, size, p);
        const char32_t c = cp.value;
        const bool junk = c < 128 ? ((c < 0x20 && !(kAscii[c] & Space) && c != u'\n' && c != u'\r') || c == 0x7F)
                                  : !(isLineTerminator(c) || isNonAsciiSpace(c) || isNonAsciiIdStart(c));
        if (!junk)
            break;
        p += cp.units;
    }
    m_state.position = p;
    return finishToken(JsTokenKind::Invalid);
}

JsToken JsLexer::finishEndOfInput(bool newlineBefore)
{
    beginToken(m_size, newlineBefore);
    if (!m_state.templateStarts.isEmpty() && !m_state.unterminatedTemplateReported) {
        // A `${` that is never closed: report it once, at its template.
        m_state.unterminatedTemplateReported = true;
        const TemplateStart &open = m_state.templateStarts.constLast();
        m_tokenFailed = true;
        m_tokenError = {open.offset, open.line, open.column, u"unterminated template literal"_s};
        return finishToken(JsTokenKind::Invalid);
    }
    return finishToken(JsTokenKind::EndOfInput);
}

void JsLexer::beginToken(qsizetype start, bool newlineBefore)
{
    m_tokenStart = start;
    m_tokenLine = m_state.line;
    m_tokenColumn = int(start - m_state.lineStart + 1);
    m_tokenNewline = newlineBefore;
    m_tokenFlags = 0;
    m_tokenKeyword = JsKeyword::None;
    m_regexFlagsStart = 0;
    m_tokenFailed = false;
    m_tokenErrorsBefore = m_errors.size();
}

JsToken JsLexer::finishToken(JsTokenKind kind, JsPunctuator punctuator, bool closesExpression)
{
    JsToken token;
    token.kind = m_tokenFailed ? JsTokenKind::Invalid : kind;
    token.punctuator = token.kind == JsTokenKind::Punctuator ? punctuator : JsPunctuator::None;
    token.keyword = token.kind == JsTokenKind::Identifier ? m_tokenKeyword : JsKeyword::None;
    token.flags = m_tokenFlags;
    token.newlineBefore = m_tokenNewline;
    token.line = m_tokenLine;
    token.column = m_tokenColumn;
    token.start = m_tokenStart;
    token.end = m_state.position;
    // Only a valid regular expression has flags; an Invalid one (bad flags) is just its text.
    token.regexFlagsStart = token.kind == JsTokenKind::RegularExpression ? m_regexFlagsStart : token.end;
    if (m_tokenFailed)
        m_errors.append(m_tokenError);

    // What this token means for a '/' and a '{' that follow.
    const Context &previous = m_state.previous;
    Context context;
    context.kind = token.kind;
    context.punctuator = token.punctuator;
    context.keyword = token.keyword;
    context.newlineBefore = token.newlineBefore;
    switch (token.kind) {
    case JsTokenKind::Identifier:
        if (previous.kind == JsTokenKind::Punctuator
            && (previous.punctuator == JsPunctuator::Dot || previous.punctuator == JsPunctuator::QuestionDot)) {
            context.keyword = JsKeyword::None; // a property name: `a.if`, `a?.return`
        }
        switch (context.keyword) {
        case JsKeyword::None:
        case JsKeyword::This:
        case JsKeyword::Super:
        case JsKeyword::Null:
        case JsKeyword::True:
        case JsKeyword::False:
            context.expressionEnd = true;
            break;
        case JsKeyword::Of:
        case JsKeyword::Yield:
        case JsKeyword::Await:
            context.expressionEnd = false;
            break;
        default:
            context.expressionEnd = !isReservedWord(context.keyword);
            break;
        }
        break;
    case JsTokenKind::Punctuator:
        switch (token.punctuator) {
        case JsPunctuator::RightParen:
        case JsPunctuator::RightBrace:
        case JsPunctuator::RightBracket:
            context.expressionEnd = closesExpression;
            break;
        case JsPunctuator::PlusPlus:
        case JsPunctuator::MinusMinus:
        case JsPunctuator::Exclamation:
            // Postfix `i++` / TypeScript `x!` when directly after an operand on the same line.
            context.expressionEnd = previous.expressionEnd && !token.newlineBefore;
            break;
        default:
            context.expressionEnd = false;
            break;
        }
        break;
    case JsTokenKind::TemplateHead:
    case JsTokenKind::TemplateMiddle:
    case JsTokenKind::EndOfInput:
        context.expressionEnd = false;
        break;
    case JsTokenKind::PrivateName:
    case JsTokenKind::NumericLiteral:
    case JsTokenKind::BigIntLiteral:
    case JsTokenKind::StringLiteral:
    case JsTokenKind::TemplateNoSubstitution:
    case JsTokenKind::TemplateTail:
    case JsTokenKind::RegularExpression:
    case JsTokenKind::Invalid:
        context.expressionEnd = true;
        break;
    }
    m_state.beforePrevious = m_state.previous;
    m_state.previous = context;
    m_state.errorsBeforePrevious = m_tokenErrorsBefore;
    return token;
}

void JsLexer::error(qsizetype offset, const QString &message, bool replace)
{
    if (m_tokenFailed && !replace)
        return; // one error per token: the first, or the one that says it is unterminated
    m_tokenFailed = true;
    if (offset == m_tokenStart)
        m_tokenError = {offset, m_tokenLine, m_tokenColumn, message};
    else
        m_tokenError = {offset, m_state.line, int(offset - m_state.lineStart + 1), message};
}

void JsLexer::newLine(qsizetype lineStart)
{
    ++m_state.line;
    m_state.lineStart = lineStart;
}

JsLexer::Brace JsLexer::classifyBrace() const
{
    const Context &previous = m_state.previous;
    switch (previous.kind) {
    case JsTokenKind::EndOfInput: // the start
        return Brace::Block;
    case JsTokenKind::Punctuator:
        switch (previous.punctuator) {
        case JsPunctuator::Semicolon:
        case JsPunctuator::LeftBrace:
        case JsPunctuator::RightBrace:
        case JsPunctuator::RightParen:
        case JsPunctuator::Arrow:
            return Brace::Block;
        case JsPunctuator::Colon: // a label or `case x:` inside a block; a property value otherwise
            return m_state.braces.isEmpty() || m_state.braces.constLast() == Brace::Block ? Brace::Block
                                                                                          : Brace::Object;
        default:
            return Brace::Object;
        }
    case JsTokenKind::Identifier:
        switch (previous.keyword) {
        case JsKeyword::Return:
            return m_tokenNewline ? Brace::Block : Brace::Object;
        case JsKeyword::Typeof:
        case JsKeyword::Instanceof:
        case JsKeyword::In:
        case JsKeyword::Of:
        case JsKeyword::New:
        case JsKeyword::Delete:
        case JsKeyword::Void:
        case JsKeyword::Throw:
        case JsKeyword::Case:
        case JsKeyword::Default:
        case JsKeyword::Extends:
        case JsKeyword::Yield:
        case JsKeyword::Await:
            return Brace::Object;
        default:
            return Brace::Block; // else do try finally static, `class A {`, `interface I {`, ...
        }
    case JsTokenKind::TemplateHead:
    case JsTokenKind::TemplateMiddle:
        return Brace::Object;
    default:
        return Brace::Block;
    }
}

bool JsLexer::restartAt(const JsToken &token)
{
    if (token.start < 0 || token.start >= m_size || token.line < 1 || token.column < 1)
        return false;
    // Undo what the token did to the context and the errors, then scan from its start.
    m_state.position = token.start;
    m_state.line = token.line;
    m_state.lineStart = token.start - (token.column - 1);
    m_state.previous = m_state.beforePrevious;
    if (m_errors.size() > m_state.errorsBeforePrevious)
        m_errors.resize(m_state.errorsBeforePrevious);
    beginToken(token.start, token.newlineBefore);
    return true;
}

JsToken JsLexer::rescanAsRegex(const JsToken &token)
{
    const bool slash
        = token.is(JsPunctuator::Slash) || token.is(JsPunctuator::SlashAssign) || token.kind == JsTokenKind::Invalid;
    // `//` and `/*` start comments, never a regular expression.
    if (!slash || token.start < 0 || token.start >= m_size || m_data[token.start] != u'/'
        || (token.start + 1 < m_size && (m_data[token.start + 1] == u'/' || m_data[token.start + 1] == u'*'))
        || !restartAt(token)) {
        return token;
    }
    return scanRegex();
}

JsToken JsLexer::rescanAsPunctuator(const JsToken &token)
{
    const bool regex = token.kind == JsTokenKind::RegularExpression || token.kind == JsTokenKind::Invalid;
    if (!regex || token.start < 0 || token.start >= m_size || m_data[token.start] != u'/'
        || (token.start + 1 < m_size && (m_data[token.start + 1] == u'/' || m_data[token.start + 1] == u'*'))
        || !restartAt(token)) {
        return token;
    }
    return scanPunctuator(u'/');
}

JsToken JsLexer::rescanTemplateContinuation(const JsToken &token)
{
    if (!token.is(JsPunctuator::RightBrace) || token.start < 0 || token.start >= m_size || m_data[token.start] != u'}'
        || !restartAt(token)) {
        return token;
    }
    m_state.position = token.start + 1;
    return scanTemplate(JsTokenKind::TemplateTail, JsTokenKind::TemplateMiddle);
}

JsLexer::Checkpoint JsLexer::checkpoint() const
{
    Checkpoint checkpoint;
    checkpoint.m_state = m_state;
    checkpoint.m_errorCount = m_errors.size();
    return checkpoint;
}

void JsLexer::rewind(const Checkpoint &checkpoint)
{
    m_state = checkpoint.m_state;
    if (m_errors.size() > checkpoint.m_errorCount)
        m_errors.resize(checkpoint.m_errorCount);
}

std::optional<std::pair<JsToken, JsToken>> JsLexer::splitPunctuator(const JsToken &token, qsizetype headLength)
{
    if (token.kind != JsTokenKind::Punctuator)
        return std::nullopt;
    const QStringView text = punctuatorText(token.punctuator);
    if (headLength <= 0 || headLength >= text.size() || token.length() != text.size())
        return std::nullopt;
    const JsPunctuator head = punctuatorFromText(text.first(headLength));
    const JsPunctuator tail = punctuatorFromText(text.sliced(headLength));
    if (head == JsPunctuator::None || tail == JsPunctuator::None)
        return std::nullopt;
    JsToken first = token;
    first.punctuator = head;
    first.end = token.start + headLength;
    first.regexFlagsStart = first.end;
    JsToken second = token;
    second.punctuator = tail;
    second.start = first.end;
    second.column = token.column + int(headLength);
    second.newlineBefore = false;
    return std::make_pair(first, second);
}

QString JsLexer::value(const JsToken &token, QStringView source)
{
    const QStringView text = token.text(source);
    switch (token.kind) {
    case JsTokenKind::StringLiteral:
        return text.size() >= 2 ? cook(text.sliced(1, text.size() - 2), false) : QString();
    case JsTokenKind::TemplateNoSubstitution:
    case JsTokenKind::TemplateTail:
        return text.size() >= 2 ? cook(text.sliced(1, text.size() - 2), true) : QString();
    case JsTokenKind::TemplateHead:
    case JsTokenKind::TemplateMiddle:
        return text.size() >= 3 ? cook(text.sliced(1, text.size() - 3), true) : QString();
    case JsTokenKind::Identifier:
    case JsTokenKind::PrivateName:
        return token.isEscaped() ? decodeIdentifier(text) : text.toString();
    default:
        return text.toString();
    }
}

} // namespace Authdesk
