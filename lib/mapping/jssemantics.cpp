#include "jssemantics.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk::JsSemantics {

namespace {

// ECMAScript StringToNumber for trimmed text: "" is 0; "Infinity" with an optional sign; 0x, 0o and 0b
// integers without a sign; otherwise a whole decimal literal or NaN. "inf", "nan", "1,5" and
// "12px" are NaN; "1e400" is Infinity.
double stringToNumber(const QString &text)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (text.isEmpty())
        return 0;
    if (text == u"Infinity" || text == u"+Infinity")
        return std::numeric_limits<double>::infinity();
    if (text == u"-Infinity")
        return -std::numeric_limits<double>::infinity();
    const QChar prefix = text.size() > 2 && text[0] == u'0' ? text[1].toLower() : QChar();
    if (prefix == u'x' || prefix == u'o' || prefix == u'b') {
        const int base = prefix == u'x' ? 16 : prefix == u'o' ? 8 : 2;
        double number = 0;
        for (const QChar c : QStringView(text).mid(2)) {
            const char16_t lower = c.toLower().unicode();
            const int digit = lower >= u'0' && lower <= u'9' ? lower - u'0'
                : lower >= u'a' && lower <= u'f'             ? lower - u'a' + 10
                                                             : base;
            if (digit >= base)
                return nan;
            number = number * base + digit;
        }
        return number;
    }
    static const QRegularExpression decimal(u"^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"_s);
    if (!decimal.match(text).hasMatch())
        return nan;
    // Out-of-range literals come back as infinity or 0 with ok == false, which is what JavaScript
    // gives for them too.
    return text.toDouble();
}

} // namespace

bool isUndefined(const QJsonValue &value)
{
    return value.type() == QJsonValue::Undefined;
}

bool isNullish(const QJsonValue &value)
{
    return value.type() == QJsonValue::Undefined || value.type() == QJsonValue::Null;
}

bool isTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return false;
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number != 0 && !std::isnan(number);
    }
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return true;
    }
    return false;
}

QString numberToString(double number)
{
    if (std::isnan(number))
        return u"NaN"_s;
    if (std::isinf(number))
        return number > 0 ? u"Infinity"_s : u"-Infinity"_s;
    if (number == 0)
        return u"0"_s;
    // ECMAScript Number::toString: the shortest digits that round-trip ("d.ddde+XX" gives them and
    // the exponent), then plain notation for exponents in [-7, 21) and "1e+21"/"1e-7" outside.
    const QString scientific = QString::number(std::fabs(number), 'e', QLocale::FloatingPointShortest);
    const qsizetype e = scientific.indexOf(u'e');
    QString digits = scientific.left(e);
    digits.remove(u'.');
    const qsizetype k = digits.size();
    const qsizetype n = scientific.mid(e + 1).toInt() + 1; // the decimal point sits after n digits
    QString text;
    if (k <= n && n <= 21) {
        text = digits + QString(n - k, u'0');
    } else if (0 < n && n <= 21) {
        text = digits.left(n) + u'.' + digits.mid(n);
    } else if (-6 < n && n <= 0) {
        text = u"0."_s + QString(-n, u'0') + digits;
    } else {
        text = digits.left(1);
        if (k > 1)
            text += u'.' + digits.mid(1);
        text += (n - 1 < 0 ? u"e-"_s : u"e+"_s) + QString::number(std::abs(n - 1));
    }
    if (number < 0)
        text.prepend(u'-');
    return text;
}

QString toString(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return u"undefined"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return numberToString(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            parts.append(isNullish(item) ? QString() : toString(item));
        return parts.join(u',');
    }
    case QJsonValue::Object:
        return u"[object Object]"_s;
    }
    return {};
}

double toNumber(const QJsonValue &value)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    switch (value.type()) {
    case QJsonValue::Undefined:
        return nan;
    case QJsonValue::Null:
        return 0;
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double:
        return value.toDouble();
    case QJsonValue::String:
        return stringToNumber(value.toString().trimmed());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return 0;
        if (array.size() == 1)
            return toNumber(QJsonValue(toString(array.first())));
        return nan;
    }
    case QJsonValue::Object:
        return nan;
    }
    return nan;
}

double parseFloat(const QJsonValue &value)
{
    if (value.type() == QJsonValue::Double)
        return value.toDouble();
    const QString text = toString(value).trimmed();
    // The longest prefix that is a decimal number, as parseFloat does.
    qsizetype end = 0;
    const qsizetype n = text.size();
    if (end < n && (text[end] == u'-' || text[end] == u'+'))
        ++end;
    if (text.mid(end).startsWith(u"Infinity"_s))
        return text.startsWith(u'-') ? -std::numeric_limits<double>::infinity()
                                     : std::numeric_limits<double>::infinity();
    qsizetype digits = 0;
    while (end < n && text[end].isDigit() && text[end].unicode() < 128) {
        ++end;
        ++digits;
    }
    if (end < n && text[end] == u'.') {
        ++end;
        while (end < n && text[end].isDigit() && text[end].unicode() < 128) {
            ++end;
            ++digits;
        }
    }
    if (digits == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (end < n && (text[end] == u'e' || text[end] == u'E')) {
        qsizetype expEnd = end + 1;
        if (expEnd < n && (text[expEnd] == u'-' || text[expEnd] == u'+'))
            ++expEnd;
        const qsizetype expStart = expEnd;
        while (expEnd < n && text[expEnd].isDigit() && text[expEnd].unicode() < 128)
            ++expEnd;
        if (expEnd > expStart)
            end = expEnd;
    }
    QString prefix = text.left(end);
    if (prefix.endsWith(u'.'))
        prefix.chop(1);
    return prefix.toDouble();
}

bool deepEquals(const QJsonValue &left, const QJsonValue &right)
{
    if (left.type() != right.type())
        return false;
    if (left.type() == QJsonValue::Undefined)
        return true;
    return left == right;
}

bool looseEquals(const QJsonValue &left, const QJsonValue &right)
{
    if (isNullish(left) || isNullish(right))
        return isNullish(left) && isNullish(right);
    const bool leftComposite = left.isArray() || left.isObject();
    const bool rightComposite = right.isArray() || right.isObject();
    // Two objects are == only when they are the same object; JSON values never are ({} != {}).
    if (leftComposite && rightComposite)
        return false;
    if (left.type() == right.type())
        return left == right;
    // A composite compared to a primitive goes through its string form (ToPrimitive).
    if (leftComposite)
        return looseEquals(QJsonValue(toString(left)), right);
    if (rightComposite)
        return looseEquals(left, QJsonValue(toString(right)));
    // string/number/boolean mixtures compare as numbers.
    return toNumber(left) == toNumber(right);
}

bool isEmpty(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    default:
        return false;
    }
}

} // namespace Authdesk::JsSemantics
