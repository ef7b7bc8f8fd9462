#pragma once

#include "support/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Authdesk {

// What the connection index keeps about one connection: everything a listing, `inspect` or a
// support engineer needs, and nothing secret (tokens and secret inputs live in the keychain).
// Times are UTC; an invalid QDateTime means "unknown" or "never".
struct ConnectionRecord
{
    // The outcome of the last refresh or test.
    struct Check
    {
        QDateTime time;
        bool succeeded = false;
        QString message; // redacted before it is stored
        bool isNull() const { return !time.isValid(); }
        friend bool operator==(const Check &, const Check &) = default;
    };

    // One entry of the connection's history (created, renamed, refreshed, tested, status changes...).
    struct Event
    {
        QDateTime time;
        QString kind;
        QString message; // redacted before it is stored
        friend bool operator==(const Event &, const Event &) = default;
    };

    // Stable for the life of the connection (a UUID, set by ConnectionIndex::add); unlike the name it
    // survives a rename, so it is what keys the connection's keychain entry.
    QString id;
    QString name; // unique within a profile
    QString connectorKey;
    QString authOptionKey; // empty for a connector with a single auth option
    QJsonObject input; // the non-secret connection input
    QString status; // lib/connection's status name: Connecting, Ready, Refreshing, NeedsReconnect, ...
    QStringList scopesRequested;
    QStringList scopesGranted;
    QDateTime createdAt;
    QDateTime obtainedAt; // when the current credentials were obtained
    QDateTime expiresAt; // when the access token expires; invalid: unknown
    Check lastRefresh;
    Check lastTest;
    QList<Event> history; // oldest first

    friend bool operator==(const ConnectionRecord &, const ConnectionRecord &) = default;

    QJsonObject toJson() const;
    // Reads what toJson() wrote. Every field is type-checked; errors (ErrorCode::Validation) name the
    // field, prefixed by `where` (e.g. `connections[2]`).
    static Result<ConnectionRecord> fromJson(const QJsonObject &json, const QString &where);

    // Time format of the index: ISO 8601 in UTC with milliseconds ("2025-01-01T12:00:00.000Z").
    static QString formatTime(const QDateTime &time);
};

} // namespace Authdesk
