#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace Authdesk {

// One HTTP request and its response as the inspector's HTTP log shows it. Everything in it has
// passed through Redaction already: it is safe to show, store and export.
struct HttpExchange
{
    QDateTime startedAt;
    qint64 durationMs = 0;
    QString method;
    QString url;
    QList<QPair<QString, QString>> requestHeaders;
    QByteArray requestBody; // redacted and truncated
    int status = 0;          // 0 when no response arrived
    QList<QPair<QString, QString>> responseHeaders;
    QByteArray responseBody; // redacted and truncated
    QString error;           // network or policy error, if any
};

} // namespace Authdesk
