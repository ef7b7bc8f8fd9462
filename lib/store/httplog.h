#pragma once

#include "support/httpexchange.h"
#include "support/result.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Authdesk {

class Profile;

// The persistent HTTP log of one connection: its last `limit` exchanges (HttpExchange), one JSON object
// per line in <profile>/httplog/<connection id>.jsonl, so that the inspector of the GUI, a later
// `authdesk bundle` and a support person see what went over the wire after the process that sent it
// has gone. Keyed by the connection's id, so a rename keeps the log and a new connection with an old
// name starts empty.
//
//     HttpLog log = HttpLog::forConnection(profile, record.id);
//     log.append(job->httpExchanges());            // redacted (again) before it is written
//     const auto read = log.read();                // oldest first; damaged lines skipped
//
// Every change runs under a lock file beside the log (the daemon, the GUI and commands append to the
// same file) on the file as it is on disk at that moment. An append adds lines at the end (append-safe:
// a crash leaves at most one partial last line, which the next read skips and the next append ends);
// once the file holds a quarter more than `limit` entries it is rewritten atomically (QSaveFile) with
// the newest `limit`. An exchange that is already in the file is not appended twice: the same exchange
// can reach the log on two paths (a refresh's, through the refresher and through the session that
// asked for it). Nothing secret is written: every exchange passes through redacted() first.
//
// record(), forget(), clearLater() and readLater() do the work on one background thread, in the order
// they were called, so the GUI thread never waits for the file or its lock (another process may hold
// it), and a read sees every record queued before it. flush() waits for that queue (tests, shutdown).
class HttpLog
{
public:
    static constexpr int defaultLimit = 200;

    // What read() found: the entries (oldest first, at most `limit`) and how many lines were unreadable.
    struct Contents
    {
        QList<HttpExchange> entries;
        int damagedLines = 0;
    };

    explicit HttpLog(QString filePath, int limit = defaultLimit);
    // <profile data dir>/httplog/<connectionId>.jsonl
    static HttpLog forConnection(const Profile &profile, const QString &connectionId, int limit = defaultLimit);
    static QString directory(const Profile &profile);

    const QString &filePath() const { return m_filePath; }
    int limit() const { return m_limit; }

    // Appends the exchanges (redacted once more) that are not in the file yet; the number appended.
    Result<int> append(const QList<HttpExchange> &exchanges) const;
    // A missing file is an empty log. Damaged lines are skipped and logged (lcStore), never fatal.
    Result<Contents> read() const;
    // Empties the log (the user's "Clear"); the file stays, so a watcher keeps watching it.
    Result<bool> clear() const;
    // Deletes the log (the connection is gone).
    Result<bool> remove() const;

    // Fire and forget for the places that record exchanges: appends to the log of `connectionId` (in the
    // background queue) and logs a warning when that fails, because recording must never fail the
    // operation that was recorded.
    static void record(const Profile &profile, const QString &connectionId, const QList<HttpExchange> &exchanges);
    // Deletes the log of a connection that is gone, after the records queued before.
    static void forget(const Profile &profile, const QString &connectionId);
    // clear() and read() in the background queue.
    QFuture<Result<bool>> clearLater() const;
    QFuture<Result<Contents>> readLater() const;
    // Waits until everything queued so far is done.
    static void flush();

    // The one redaction step for everything that is stored or exported from the log: URL, header
    // values, bodies (by content type) and the error text through lib/support/redaction.h. Idempotent.
    static HttpExchange redacted(const HttpExchange &exchange);
    // The line format (also used by the support bundle). Bodies are text when they are UTF-8, else base64.
    static QJsonObject toJson(const HttpExchange &exchange);
    static std::optional<HttpExchange> fromJson(const QJsonObject &json);

private:
    Result<QList<QByteArray>> readLines(bool *endsWithNewline) const;

    QString m_filePath;
    int m_limit;
};

} // namespace Authdesk
