#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Authdesk::Test {

QJsonValue json(const QByteArray &text)
{
    if (text == "undefined")
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test data (%s): %s", qPrintable(error.errorString()), text.constData());
    return document.array().at(0);
}

QByteArray compactJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return "undefined";
    const QByteArray text = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

QString describeDiagnostics(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

} // namespace Authdesk::Test
