#pragma once

#include <QNetworkInformation>
#include <QObject>

namespace Authdesk {

// Tells when the network comes back, from QNetworkInformation's reachability (NetworkManager on
// Linux, the OS's own API on macOS and Windows): online() when it becomes Online after being anything
// else. A refresh that failed while offline is then retried at once instead of at the end of its
// backoff (the scheduler's retryFailedNow()).
//
// Without a backend (no NetworkManager, a container, tests) hasBackend() is false and nothing is
// emitted on its own; the scheduler's backoff still retries.
class NetworkMonitor : public QObject
{
    Q_OBJECT

public:
    // Loads QNetworkInformation's default backend (once per process) and follows it.
    explicit NetworkMonitor(QObject *parent = nullptr);
    ~NetworkMonitor() override;

    bool hasBackend() const { return m_hasBackend; }
    QNetworkInformation::Reachability reachability() const { return m_reachability; }
    bool isOnline() const { return m_reachability == QNetworkInformation::Reachability::Online; }

    // What the backend reports; public so that a test (or another source of truth) can feed it.
    void observeReachability(QNetworkInformation::Reachability reachability);

Q_SIGNALS:
    void online();
    void offline();

private:
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
    bool m_hasBackend = false;
};

} // namespace Authdesk
