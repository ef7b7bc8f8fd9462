#pragma once

#include "support/diagnostic.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// JSON written as text in test tables, and back.
namespace Authdesk::Test {

// A JSON value written as JSON text ("1", "\"a\"", "[1]", ...); "undefined" gives undefined.
// Malformed text is a mistake in the test and aborts.
QJsonValue json(const QByteArray &text);
// Compact JSON text of a value; "undefined" for undefined.
QByteArray compactJson(const QJsonValue &value);
// Every diagnostic's toString(), one per line.
QString describeDiagnostics(const Diagnostics &diagnostics);

} // namespace Authdesk::Test
