#pragma once

#include <QJsonValue>
#include <QString>

// The few JavaScript rules the formula engine relies on (truthiness, String(), ==, parseFloat),
// applied to JSON values. QJsonValue::Undefined stands for JavaScript's undefined.
namespace Authdesk::JsSemantics {

bool isUndefined(const QJsonValue &value);
bool isNullish(const QJsonValue &value); // null or undefined
bool isTruthy(const QJsonValue &value);
// String(value): numbers without a trailing ".0", arrays joined with ",", objects "[object Object]".
QString toString(const QJsonValue &value);
QString numberToString(double number);
// Number(value) (NaN when not convertible).
double toNumber(const QJsonValue &value);
// parseFloat(String(value)).
double parseFloat(const QJsonValue &value);
// Abstract equality (==) for JSON values; two objects or arrays are never equal (no identity).
bool looseEquals(const QJsonValue &left, const QJsonValue &right);
// Deep structural equality (===, but objects and arrays by content).
bool deepEquals(const QJsonValue &left, const QJsonValue &right);
// null, undefined, "", [] and {} are empty.
bool isEmpty(const QJsonValue &value);

} // namespace Authdesk::JsSemantics
