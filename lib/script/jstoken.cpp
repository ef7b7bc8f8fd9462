#include "jstoken.h"

#include <array>
#include <string_view>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// Spellings indexed by enum value; the order must follow the enums in jstoken.h.
// clang-format off
constexpr std::u16string_view kPunctuators[] = {
    u"",
    u"{", u"}", u"(", u")", u"[", u"]",
    u".", u"...", u";", u",", u":", u"?", u"?.", u"=>", u"@",
    u"<", u">", u"<=", u">=",
    u"==", u"!=", u"===", u"!==",
    u"+", u"-", u"*", u"/", u"%", u"**", u"++", u"--",
    u"<<", u">>", u">>>",
    u"&", u"|", u"^", u"!", u"~",
    u"&&", u"||", u"??",
    u"=", u"+=", u"-=", u"*=", u"/=", u"%=", u"**=",
    u"<<=", u">>=", u">>>=",
    u"&=", u"|=", u"^=",
    u"&&=", u"||=", u"?\?=",
};
static_assert(std::size(kPunctuators) == size_t(JsPunctuator::QuestionQuestionAssign) + 1);

constexpr std::u16string_view kKeywords[] = {
    u"",
    u"break", u"case", u"catch", u"class", u"const", u"continue", u"debugger", u"default", u"delete",
    u"do", u"else", u"enum", u"export", u"extends", u"false", u"finally", u"for", u"function", u"if",
    u"import", u"in", u"instanceof", u"new", u"null", u"return", u"super", u"switch", u"this", u"throw",
    u"true", u"try", u"typeof", u"var", u"void", u"while", u"with",
    u"await", u"yield",
    u"implements", u"interface", u"let", u"package", u"private", u"protected", u"public", u"static",
    u"as", u"async", u"from", u"get", u"set", u"of", u"target", u"meta", u"accessor",
    u"abstract", u"asserts", u"declare", u"global", u"infer", u"is", u"keyof", u"module", u"namespace",
    u"override", u"readonly", u"satisfies", u"type", u"unique",
};
// clang-format on
static_assert(std::size(kKeywords) == size_t(JsKeyword::Unique) + 1);

// Open-addressing hash of the keywords on (length, first, last character); built at compile time.
constexpr size_t kKeywordSlots = 256;

constexpr size_t keywordHash(size_t length, char16_t first, char16_t last)
{
    return (length * 7 + size_t(first) * 31 + size_t(last) * 17) & (kKeywordSlots - 1);
}

constexpr std::array<quint8, kKeywordSlots> buildKeywordTable()
{
    std::array<quint8, kKeywordSlots> table {};
    for (size_t k = 1; k < std::size(kKeywords); ++k) {
        const std::u16string_view word = kKeywords[k];
        size_t slot = keywordHash(word.size(), word.front(), word.back());
        while (table[slot] != 0)
            slot = (slot + 1) & (kKeywordSlots - 1);
        table[slot] = quint8(k);
    }
    return table;
}

constexpr std::array<quint8, kKeywordSlots> kKeywordTable = buildKeywordTable();

} // namespace

QStringView punctuatorText(JsPunctuator punctuator)
{
    const auto index = size_t(punctuator);
    if (index >= std::size(kPunctuators))
        return {};
    return QStringView(kPunctuators[index].data(), qsizetype(kPunctuators[index].size()));
}

JsPunctuator punctuatorFromText(QStringView text)
{
    if (text.isEmpty() || text.size() > 4)
        return JsPunctuator::None;
    const std::u16string_view wanted(text.utf16(), size_t(text.size()));
    for (size_t i = 1; i < std::size(kPunctuators); ++i) {
        if (kPunctuators[i] == wanted)
            return JsPunctuator(i);
    }
    return JsPunctuator::None;
}

QStringView keywordText(JsKeyword keyword)
{
    const auto index = size_t(keyword);
    if (index >= std::size(kKeywords))
        return {};
    return QStringView(kKeywords[index].data(), qsizetype(kKeywords[index].size()));
}

JsKeyword keywordFromText(QStringView text)
{
    const qsizetype length = text.size();
    if (length < 2 || length > 10)
        return JsKeyword::None;
    const char16_t *data = text.utf16();
    const char16_t first = data[0];
    const char16_t last = data[length - 1];
    if (first < u'a' || first > u'z' || last < u'a' || last > u'z')
        return JsKeyword::None;
    const std::u16string_view wanted(data, size_t(length));
    size_t slot = keywordHash(size_t(length), first, last);
    while (const quint8 candidate = kKeywordTable[slot]) {
        if (kKeywords[candidate] == wanted)
            return JsKeyword(candidate);
        slot = (slot + 1) & (kKeywordSlots - 1);
    }
    return JsKeyword::None;
}

bool isReservedWord(JsKeyword keyword)
{
    return keyword >= JsKeyword::Break && keyword <= JsKeyword::With;
}

bool isStrictModeReservedWord(JsKeyword keyword)
{
    return keyword == JsKeyword::Yield || (keyword >= JsKeyword::Implements && keyword <= JsKeyword::Static);
}

QString tokenKindName(JsTokenKind kind)
{
    switch (kind) {
    case JsTokenKind::EndOfInput:
        return u"EndOfInput"_s;
    case JsTokenKind::Identifier:
        return u"Identifier"_s;
    case JsTokenKind::PrivateName:
        return u"PrivateName"_s;
    case JsTokenKind::Punctuator:
        return u"Punctuator"_s;
    case JsTokenKind::NumericLiteral:
        return u"NumericLiteral"_s;
    case JsTokenKind::BigIntLiteral:
        return u"BigIntLiteral"_s;
    case JsTokenKind::StringLiteral:
        return u"StringLiteral"_s;
    case JsTokenKind::TemplateNoSubstitution:
        return u"TemplateNoSubstitution"_s;
    case JsTokenKind::TemplateHead:
        return u"TemplateHead"_s;
    case JsTokenKind::TemplateMiddle:
        return u"TemplateMiddle"_s;
    case JsTokenKind::TemplateTail:
        return u"TemplateTail"_s;
    case JsTokenKind::RegularExpression:
        return u"RegularExpression"_s;
    case JsTokenKind::Invalid:
        return u"Invalid"_s;
    }
    return QString();
}

bool JsToken::is(QStringView spelling) const
{
    if (kind == JsTokenKind::Punctuator)
        return punctuatorText(punctuator) == spelling;
    if (kind == JsTokenKind::Identifier && keyword != JsKeyword::None)
        return keywordText(keyword) == spelling;
    return false;
}

bool JsToken::isLiteral() const
{
    switch (kind) {
    case JsTokenKind::NumericLiteral:
    case JsTokenKind::BigIntLiteral:
    case JsTokenKind::StringLiteral:
    case JsTokenKind::TemplateNoSubstitution:
    case JsTokenKind::RegularExpression:
        return true;
    case JsTokenKind::Identifier:
        return keyword == JsKeyword::True || keyword == JsKeyword::False || keyword == JsKeyword::Null;
    default:
        return false;
    }
}

} // namespace Authdesk
