#pragma once

#include "store/connectionrecord.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

namespace Authdesk {

// Decides when a connection deserves a desktop notification, from what the connection index says
// (so it works the same whether this window or `authdesk daemon` refreshes): a connection that
// becomes NeedsReconnect, Error (a refused client, a broken connector) or Expired, a refresh that keeps
// failing (failingRefreshes in a row), a test that fails.
// Each is reported once per state change, not at every index reload or countdown tick: the first
// update() only learns the current state (the tray icon and tooltip show it), later ones report what
// changed since.
class ConnectionAlerts
{
    Q_DECLARE_TR_FUNCTIONS(Authdesk::ConnectionAlerts)

public:
    enum class Kind { NeedsReconnect, Broken, RefreshFailing, TestFailed };

    struct Alert
    {
        Kind kind = Kind::NeedsReconnect;
        QString connectionName;
        QString title; // short, translated
        QString message; // the index's (redacted) explanation when it has one
    };

    // Refreshes that must fail in a row before "keeps failing" (one transient failure is retried quietly).
    static constexpr int failingRefreshes = 3;

    // Compares the connections with the previous update(); returns what to notify.
    QList<Alert> update(const QList<ConnectionRecord> &connections);

    // NeedsReconnect, Error or Expired, or a refresh failing failingRefreshes times in a row: the
    // user has something to do. (Shared by the tray icon and the window's status bar.)
    static bool needsAttention(const ConnectionRecord &record);
    // Failed refreshes since the last success (or connect), from the connection's history.
    static int failedRefreshesInARow(const ConnectionRecord &record);

private:
    struct Seen
    {
        QString status;
        bool refreshFailingReported = false;
        QDateTime lastTestTime;
        bool lastTestSucceeded = true;
    };

    QHash<QString, Seen> m_seen; // by connection id (a rename is not a new connection)
    bool m_initialized = false;
};

} // namespace Authdesk
