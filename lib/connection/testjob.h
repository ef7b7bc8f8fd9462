#pragma once

#include "support/error.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Authdesk {

class ConnectionIndex;
class ConnectionSession;

// Runs a connector's `test` for a connection (connector-format.md §8) through its session: a
// JavaScript or mapping method with the connection's apiClient and credentials, or a
// rest-api-mapping request through the API client. A truthy result passes; an exception, a failed
// request or a falsy result fails, with the message shown. The outcome goes to the connection's
// history (last test) and status (Ready, or Error after a failed test).
class TestJob : public QObject
{
    Q_OBJECT

public:
    TestJob(ConnectionSession *session, ConnectionIndex *index, QObject *parent = nullptr);

    // The session must be open (ConnectionSession::ready without error).
    void start();

    bool isFinished() const { return m_finished; }
    // False when the connector has no test: nothing was run.
    bool hasTest() const { return m_hasTest; }
    bool passed() const { return m_passed; }
    const QString &message() const { return m_message; }
    // Set when the test failed (also for a falsy result): what the user sees.
    const std::optional<Error> &error() const { return m_error; }
    const QJsonValue &value() const { return m_value; }

Q_SIGNALS:
    void finished(Authdesk::TestJob *job, QPrivateSignal);

private:
    void finish(bool passed, const QString &message, std::optional<Error> error = std::nullopt);

    QPointer<ConnectionSession> m_session;
    ConnectionIndex *m_index;
    bool m_hasTest = true;
    bool m_passed = false;
    QString m_message;
    std::optional<Error> m_error;
    QJsonValue m_value;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
