#include "networkmonitor.h"

#include "support/logging.h"

namespace Authdesk {

NetworkMonitor::NetworkMonitor(QObject *parent)
    : QObject(parent)
{
    // loadDefaultBackend() returns true when an instance already exists.
    m_hasBackend = QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance();
    if (!m_hasBackend) {
        qCDebug(lcConnection) << "no network information backend: network changes are not followed";
        return;
    }
    QNetworkInformation *information = QNetworkInformation::instance();
    m_reachability = information->reachability();
    connect(information, &QNetworkInformation::reachabilityChanged, this, &NetworkMonitor::observeReachability);
    qCDebug(lcConnection) << "network information from" << information->backendName() << "reachability"
                          << m_reachability;
}

NetworkMonitor::~NetworkMonitor() = default;

void NetworkMonitor::observeReachability(QNetworkInformation::Reachability reachability)
{
    const QNetworkInformation::Reachability previous = m_reachability;
    m_reachability = reachability;
    if (reachability == previous)
        return;
    if (reachability == QNetworkInformation::Reachability::Online) {
        qCInfo(lcConnection) << "the network is back";
        Q_EMIT online();
    } else if (previous == QNetworkInformation::Reachability::Online) {
        qCInfo(lcConnection) << "the network is gone:" << reachability;
        Q_EMIT offline();
    }
}

} // namespace Authdesk
