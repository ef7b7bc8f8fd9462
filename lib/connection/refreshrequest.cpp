#include "refreshrequest.h"

#include <QTimer>

namespace Authdesk {

RefreshRequest::RefreshRequest(QString connectionName, bool force, QObject *parent)
    : QObject(parent)
    , m_connectionName(std::move(connectionName))
    , m_force(force)
{
}

RefreshRequest::~RefreshRequest() = default;

void RefreshRequest::finish(RefreshOutcome outcome)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_outcome = std::move(outcome);
    // Queued: the refresher may be inside the caller's refresh() call, or about to answer others.
    QTimer::singleShot(0, this, [this] {
        m_finished = true;
        Q_EMIT finished(this, QPrivateSignal());
        if (m_autoDelete)
            deleteLater();
    });
}

} // namespace Authdesk
