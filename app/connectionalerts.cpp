#include "connectionalerts.h"

#include "connection/connectionstatus.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

int ConnectionAlerts::failedRefreshesInARow(const ConnectionRecord &record)
{
    int failed = 0;
    for (auto it = record.history.crbegin(); it != record.history.crend(); ++it) {
        if (it->kind == u"refresh-failed")
            ++failed;
        else if (it->kind == u"refreshed" || it->kind == u"connected" || it->kind == u"reconnected")
            break;
    }
    return failed;
}

bool ConnectionAlerts::needsAttention(const ConnectionRecord &record)
{
    const auto status = ConnectionStatuses::fromString(record.status);
    if (status == ConnectionStatus::NeedsReconnect || status == ConnectionStatus::Error
        || status == ConnectionStatus::Expired)
        return true;
    return failedRefreshesInARow(record) >= failingRefreshes;
}

QList<ConnectionAlerts::Alert> ConnectionAlerts::update(const QList<ConnectionRecord> &connections)
{
    QList<Alert> alerts;
    QHash<QString, Seen> seen;
    for (const ConnectionRecord &record : connections) {
        const QString key = record.id.isEmpty() ? record.name : record.id;
        const int failures = failedRefreshesInARow(record);
        const bool needsReconnect = record.status == ConnectionStatuses::toString(ConnectionStatus::NeedsReconnect);
        const bool expired = record.status == ConnectionStatuses::toString(ConnectionStatus::Expired);
        const bool broken = expired || record.status == ConnectionStatuses::toString(ConnectionStatus::Error);
        Seen now {record.status, failures >= failingRefreshes, record.lastTest.time, record.lastTest.succeeded};
        const auto before = m_seen.constFind(key);
        if (m_initialized && before != m_seen.cend()) {
            if (needsReconnect && before->status != record.status) {
                alerts.append({Kind::NeedsReconnect, record.name, tr("%1 needs you to sign in again").arg(record.name),
                    record.lastRefresh.succeeded ? QString() : record.lastRefresh.message});
            } else if (broken && before->status != record.status) {
                alerts.append({Kind::Broken, record.name,
                    expired ? tr("%1 has expired: connect it again").arg(record.name)
                            : tr("%1 stopped working").arg(record.name),
                    record.lastRefresh.succeeded ? QString() : record.lastRefresh.message});
            } else if (!needsReconnect && !broken && now.refreshFailingReported && !before->refreshFailingReported) {
                alerts.append({Kind::RefreshFailing, record.name, tr("Refreshing %1 keeps failing").arg(record.name),
                    record.lastRefresh.message});
            }
            // Two tests can share a millisecond timestamp: a pass then a failure is new all the same.
            if (record.lastTest.time.isValid()
                && (record.lastTest.time != before->lastTestTime || before->lastTestSucceeded)
                && !record.lastTest.succeeded)
                alerts.append({Kind::TestFailed, record.name, tr("The test of %1 failed").arg(record.name),
                    record.lastTest.message});
        }
        // Once reported, "keeps failing" stays reported until a refresh succeeds.
        if (before != m_seen.cend() && before->refreshFailingReported && failures > 0)
            now.refreshFailingReported = true;
        seen.insert(key, now);
    }
    m_seen = std::move(seen);
    m_initialized = true;
    return alerts;
}

} // namespace Authdesk
