#include "jssemantics.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk::JsSemantics {

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
    if (number == std::trunc(number) && std::fabs(number) < 1e21)
        return QString::number(number, 'f', 0);
    QString text = QString::number(number, 'g', QLocale::FloatingPointShortest);
    // JavaScript writes exponents as "e+21"/"e-7", never with leading zeros ("e-07").
    const qsizetype e = text.indexOf(u'e');
    if (e >= 0) {
        QString exponent = text.mid(e + 1);
        const QChar sign = exponent.front() == u'-' ? u'-' : u'+';
        if (exponent.front() == u'-' || exponent.front() == u'+')
            exponent.remove(0, 1);
        while (exponent.size() > 1 && exponent.front() == u'0')
            exponent.remove(0, 1);
        text = text.left(e) + u'e' + sign + exponent;
    }
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
    case QJsonValue::String: {
        const QString text = value.toString().trimmed();
        if (text.isEmpty())
            return 0;
        bool ok = false;
        double number = text.toDouble(&ok);
        if (ok)
            return number;
        if (text.startsWith(u"0x"_s, Qt::CaseInsensitive)) {
            const qulonglong hex = text.mid(2).toULongLong(&ok, 16);
            return ok ? double(hex) : nan;
        }
        if (text == u"Infinity"_s || text == u"+Infinity"_s)
            return std::numeric_limits<double>::infinity();
        if (text == u"-Infinity"_s)
            return -std::numeric_limits<double>::infinity();
        return nan;
    }
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
        return text.startsWith(u'-') ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
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
    if (left.type() == right.type())
        return left == right;
    const bool leftComposite = left.isArray() || left.isObject();
    const bool rightComposite = right.isArray() || right.isObject();
    if (leftComposite && rightComposite)
        return false;
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
