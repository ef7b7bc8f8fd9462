#include "connectionlistmodel.h"

#include "connectionstatus.h"

#include "store/connectionindex.h"
#include "support/clock.h"
#include "support/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// Worst first, so that sorting by status brings the connections that need attention to the top.
int severity(const QString &status)
{
    const auto parsed = ConnectionStatuses::fromString(status);
    if (!parsed)
        return 0;
    switch (*parsed) {
    case ConnectionStatus::NeedsReconnect:
        return 0;
    case ConnectionStatus::Error:
        return 1;
    case ConnectionStatus::Expired:
        return 2;
    case ConnectionStatus::Connecting:
        return 3;
    case ConnectionStatus::Refreshing:
        return 4;
    case ConnectionStatus::Ready:
        return 5;
    }
    return 0;
}

QString statusText(const QString &status)
{
    const auto parsed = ConnectionStatuses::fromString(status);
    if (!parsed)
        return status.isEmpty() ? ConnectionListModel::tr("Unknown") : status;
    switch (*parsed) {
    case ConnectionStatus::Connecting:
        return ConnectionListModel::tr("Connecting");
    case ConnectionStatus::Ready:
        return ConnectionListModel::tr("Ready");
    case ConnectionStatus::Refreshing:
        return ConnectionListModel::tr("Refreshing");
    case ConnectionStatus::NeedsReconnect:
        return ConnectionListModel::tr("Needs reconnect");
    case ConnectionStatus::Error:
        return ConnectionListModel::tr("Error");
    case ConnectionStatus::Expired:
        return ConnectionListModel::tr("Expired");
    }
    return status;
}

// "4 min 05 s", "2 h 10 min", "3 days": two units at most, so the text stays short.
QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return ConnectionListModel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return ConnectionListModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 48 * 3600)
        return ConnectionListModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    return ConnectionListModel::tr("%n day(s)", nullptr, int(seconds / 86400));
}

qint64 timeKey(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

} // namespace

ConnectionListModel::ConnectionListModel(ConnectionIndex *index, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index)
    , m_clock(clock)
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadTimer(new QTimer(this))
    , m_tickTimer(new QTimer(this))
{
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(reloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &ConnectionListModel::reload);
    // The index is saved atomically (a new file renamed over the old one), which ends a watch on the
    // file itself: the folder is watched too, and the file is watched again after each change.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_tickTimer, &QTimer::timeout, this, &ConnectionListModel::tick);
    m_records = m_index->connections();
    if (m_index->damage())
        m_loadError = m_index->damage()->message;
    watchIndexFile();
    scheduleTick();
}

ConnectionListModel::~ConnectionListModel() = default;

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ConnectionRecord *ConnectionListModel::record(int row) const
{
    return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
}

int ConnectionListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records.at(row).name == name)
            return row;
    }
    return -1;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionRecord &record = m_records.at(index.row());
    switch (role) {
    case NameRole:
        return record.name;
    case StatusRole:
        return record.status;
    case ExpiresAtRole:
        return record.expiresAt;
    case LastTestPassedRole:
        return record.lastTest.isNull() ? QVariant() : QVariant(record.lastTest.succeeded);
    case LastRefreshSucceededRole:
        return record.lastRefresh.isNull() ? QVariant() : QVariant(record.lastRefresh.succeeded);
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return record.name.toCaseFolded();
        case ConnectorColumn:
            return record.connectorKey.toCaseFolded();
        case StatusColumn:
            return severity(record.status);
        case ExpiresColumn:
            // Unknown expiries last: they need no attention.
            return record.expiresAt.isValid() ? record.expiresAt.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        case LastRefreshColumn:
            return timeKey(record.lastRefresh.time);
        case LastTestColumn:
            return timeKey(record.lastTest.time);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ExpiresColumn:
            return record.expiresAt.isValid() ? record.expiresAt.toLocalTime().toString(Qt::TextDate) : QVariant();
        case LastRefreshColumn:
            return record.lastRefresh.message.isEmpty() ? QVariant() : record.lastRefresh.message;
        case LastTestColumn:
            return record.lastTest.message.isEmpty() ? QVariant() : record.lastTest.message;
        }
        return {};
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return record.name;
        case ConnectorColumn:
            return record.authOptionKey.isEmpty() ? record.connectorKey
                                                  : u"%1 (%2)"_s.arg(record.connectorKey, record.authOptionKey);
        case StatusColumn:
            return statusText(record.status);
        case ExpiresColumn:
            return expiresInText(record.expiresAt, m_clock.nowUtc());
        case LastRefreshColumn:
            return checkText(record.lastRefresh);
        case LastTestColumn:
            return checkText(record.lastTest);
        }
        return {};
    }
    return {};
}

QString ConnectionListModel::checkText(const ConnectionRecord::Check &check) const
{
    if (check.isNull())
        return tr("never");
    return check.succeeded ? tr("%1, passed").arg(agoText(check.time, m_clock.nowUtc()))
                           : tr("%1, failed").arg(agoText(check.time, m_clock.nowUtc()));
}

QVariant ConnectionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ConnectorColumn:
        return tr("Connector");
    case StatusColumn:
        return tr("Status");
    case ExpiresColumn:
        return tr("Expires in");
    case LastRefreshColumn:
        return tr("Last refresh");
    case LastTestColumn:
        return tr("Last test");
    }
    return {};
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(StatusRole, "status");
    names.insert(NameRole, "name");
    names.insert(ExpiresAtRole, "expiresAt");
    names.insert(LastTestPassedRole, "lastTestPassed");
    names.insert(LastRefreshSucceededRole, "lastRefreshSucceeded");
    return names;
}

void ConnectionListModel::reload()
{
    m_reloadTimer->stop();
    const auto loaded = m_index->load();
    m_loadError = loaded ? QString() : loaded.error().message;
    if (!loaded)
        qCWarning(lcConnection) << "cannot read the connection index:" << loaded.error().message;
    const QList<ConnectionRecord> &fresh = m_index->connections();

    bool sameRows = fresh.size() == m_records.size();
    for (qsizetype row = 0; sameRows && row < fresh.size(); ++row)
        sameRows = fresh.at(row).id == m_records.at(row).id;
    if (sameRows) {
        m_records = fresh;
        if (!m_records.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_records = fresh;
        endResetModel();
    }
    watchIndexFile();
    scheduleTick();
    Q_EMIT reloaded();
}

void ConnectionListModel::watchIndexFile()
{
    const QFileInfo file(m_index->filePath());
    if (!m_watcher->directories().contains(file.absolutePath()) && file.absoluteDir().exists())
        m_watcher->addPath(file.absolutePath());
    if (file.exists() && !m_watcher->files().contains(file.absoluteFilePath()))
        m_watcher->addPath(file.absoluteFilePath());
}

void ConnectionListModel::tick()
{
    if (!m_records.isEmpty()) {
        // Every time column is relative to now.
        Q_EMIT dataChanged(index(0, ExpiresColumn), index(rowCount() - 1, LastTestColumn), {Qt::DisplayRole, Qt::AccessibleTextRole});
    }
    scheduleTick();
}

void ConnectionListModel::scheduleTick()
{
    if (m_records.isEmpty()) {
        m_tickTimer->stop();
        return;
    }
    const QDateTime now = m_clock.nowUtc();
    const QDateTime soon = now.addSecs(3600);
    bool fast = false;
    for (const ConnectionRecord &record : std::as_const(m_records)) {
        // Counting down within the hour, or just expired (the text still says seconds).
        if (record.expiresAt.isValid() && record.expiresAt <= soon && record.expiresAt.secsTo(now) < 60) {
            fast = true;
            break;
        }
    }
    const int interval = fast ? fastTickMs : slowTickMs;
    if (m_tickTimer->interval() != interval || !m_tickTimer->isActive())
        m_tickTimer->start(interval);
}

int ConnectionListModel::tickInterval() const
{
    return m_tickTimer->isActive() ? m_tickTimer->interval() : 0;
}

QString ConnectionListModel::expiresInText(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return tr("unknown");
    const qint64 seconds = now.secsTo(expiresAt);
    if (seconds <= 0)
        return seconds > -60 ? tr("expired just now") : tr("expired %1 ago").arg(durationText(-seconds));
    return tr("in %1").arg(durationText(seconds));
}

QString ConnectionListModel::agoText(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return tr("never");
    const qint64 seconds = time.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 48 * 3600)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n day(s) ago", nullptr, int(seconds / 86400));
}

} // namespace Authdesk
