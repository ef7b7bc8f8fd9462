#pragma once

#include "refreshoutcome.h"

#include <QObject>
#include <QString>

namespace Authdesk {

// The handle of one refresh asked of a Refresher. The refresher completes it (finish()); finished()
// is then emitted once, from the event loop (never from inside Refresher::refresh()), and the request
// deletes itself afterwards unless setAutoDelete(false).
//
//     RefreshRequest *request = refresher->refresh(u"work"_s, false, Refresher::Want::AccessToken);
//     connect(request, &RefreshRequest::finished, this, [](RefreshRequest *done) {
//         if (!done->outcome().error) use(done->outcome().accessToken);
//     });
//
// Requests for the same connection that overlap share one refresh (RefreshService coalesces them),
// so several handles may finish with the same outcome.
class RefreshRequest : public QObject
{
    Q_OBJECT

public:
    RefreshRequest(QString connectionName, bool force, QObject *parent = nullptr);
    ~RefreshRequest() override;

    const QString &connectionName() const { return m_connectionName; }
    bool force() const { return m_force; }
    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const RefreshOutcome &outcome() const { return m_outcome; }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    // For refreshers: ends the request; later calls are ignored.
    void finish(RefreshOutcome outcome);

Q_SIGNALS:
    void finished(Authdesk::RefreshRequest *request, QPrivateSignal);

private:
    QString m_connectionName;
    bool m_force = false;
    RefreshOutcome m_outcome;
    bool m_finishing = false;
    bool m_finished = false;
    bool m_autoDelete = true;
};

} // namespace Authdesk
