#include "connectionscommand.h"

#include "connection/profilecontext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// "in 42 min", "3 h ago", "unknown".
QString relative(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return u"unknown"_s;
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = std::abs(seconds);
    const QString amount = magnitude < 120 ? u"%1 s"_s.arg(magnitude)
        : magnitude < 7200                 ? u"%1 min"_s.arg(magnitude / 60)
        : magnitude < 172800               ? u"%1 h"_s.arg(magnitude / 3600)
                                           : u"%1 days"_s.arg(magnitude / 86400);
    return seconds >= 0 ? u"in "_s + amount : amount + u" ago"_s;
}

} // namespace

ConnectionsCommand::ConnectionsCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"connections"_s, std::move(options), out, err, parent)
{
}

int ConnectionsCommand::start()
{
    if (!openContext())
        return exitCode();
    const QList<ConnectionRecord> &records = context()->index().connections();
    if (options().json) {
        QJsonArray array;
        for (const ConnectionRecord &record : records)
            array.append(record.toJson());
        out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (records.isEmpty()) {
        out() << u"No connections in profile \"%1\". Make one with: authdesk connect CONNECTOR"_s.arg(
            context()->profile().name())
              << Qt::endl;
        return 0;
    }
    qsizetype nameWidth = 4, connectorWidth = 9;
    for (const ConnectionRecord &record : records) {
        nameWidth = std::max(nameWidth, record.name.size());
        connectorWidth = std::max(connectorWidth, record.connectorKey.size());
    }
    const QDateTime now = context()->clock().nowUtc();
    out() << u"NAME"_s.leftJustified(nameWidth + 2) << u"CONNECTOR"_s.leftJustified(connectorWidth + 2)
          << u"STATUS"_s.leftJustified(16) << u"EXPIRES"_s.leftJustified(14) << u"LAST REFRESH"_s << Qt::endl;
    for (const ConnectionRecord &record : records) {
        const QString lastRefresh = record.lastRefresh.isNull()
            ? u"never"_s
            : relative(record.lastRefresh.time, now) + (record.lastRefresh.succeeded ? u""_s : u" (failed)"_s);
        out() << record.name.leftJustified(nameWidth + 2) << record.connectorKey.leftJustified(connectorWidth + 2)
              << record.status.leftJustified(16) << relative(record.expiresAt, now).leftJustified(14) << lastRefresh
              << Qt::endl;
    }
    return 0;
}

} // namespace Authdesk
