#pragma once

#include "store/connectionrecord.h"

#include <QAbstractTableModel>
#include <QDateTime>

class QFileSystemWatcher;
class QTimer;

namespace Authdesk {

class Clock;
class ConnectionIndex;

// A profile's connections as a table for the GUI: name, connector, status, an "expires in"
// countdown, the last refresh and the last test with their results. Rows come from a
// ConnectionIndex (not owned), which the model re-reads when its file changes on disk (another
// Authdesk process, the daemon, or a job of this one wrote it).
//
// One QTimer drives every countdown: it ticks each second while some access token expires within the
// next hour, otherwise once a minute (relative times like "5 min ago" still need that), so an idle
// window with long-lived tokens does not wake up every second.
class ConnectionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ConnectorColumn, StatusColumn, ExpiresColumn, LastRefreshColumn, LastTestColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        StatusRole = Qt::UserRole + 1, // the status name (ConnectionStatuses), for a badge
        SortRole, // what the column sorts by (times as msecs since epoch, status by severity)
        NameRole, // the connection's name, on every column
        ExpiresAtRole, // QDateTime (UTC), invalid when unknown
        LastTestPassedRole, // bool, or an invalid QVariant when never tested
        LastRefreshSucceededRole, // bool, or invalid when never refreshed
    };
    Q_ENUM(Role)

    static constexpr int fastTickMs = 1000;
    static constexpr int slowTickMs = 60 * 1000;
    // How long the watcher waits for more changes before re-reading (a save is several events).
    static constexpr int reloadDelayMs = 150;

    ConnectionListModel(ConnectionIndex *index, const Clock &clock, QObject *parent = nullptr);
    ~ConnectionListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const ConnectionRecord *record(int row) const;
    // -1 when there is no such connection.
    int rowOf(const QString &name) const;

    // Re-reads the index file now. Rows that stay keep their identity (a selection survives); the
    // model is only reset when connections were added, removed or reordered.
    void reload();

    // The countdown timer's current interval (fastTickMs or slowTickMs), or 0 when it is stopped
    // (no connections).
    int tickInterval() const;

    // "in 4 min 05 s", "in 2 h 10 min", "in 3 days", "expired 5 min ago"; "unknown" for an invalid
    // expiry.
    static QString expiresInText(const QDateTime &expiresAt, const QDateTime &now);
    // "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for an invalid time.
    static QString agoText(const QDateTime &time, const QDateTime &now);

    // The error of the last reload, empty when it worked.
    const QString &loadError() const { return m_loadError; }

Q_SIGNALS:
    // After every reload (also one that found the file damaged: loadError() then says why).
    void reloaded();

private:
    void tick();
    void scheduleTick();
    void watchIndexFile();
    QString checkText(const ConnectionRecord::Check &check) const;

    ConnectionIndex *m_index;
    const Clock &m_clock;
    QList<ConnectionRecord> m_records;
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadTimer;
    QTimer *m_tickTimer;
    QString m_loadError;
};

} // namespace Authdesk
