#pragma once

#include "support/error.h"
#include "support/httpexchange.h"
#include "support/result.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

namespace Authdesk {

class ConnectionSession;
class ConnectorSpec;
class ProfileContext;
class ProfileRefresher;

// What the GUI does to an existing connection — test, refresh now, disconnect — as asynchronous lib
// jobs (ConnectionSession + TestJob, the profile's Refresher, DisconnectJob), the same ones the CLI
// commands use. Every action ends with finished(); none blocks the GUI thread.
class ConnectionActions : public QObject
{
    Q_OBJECT

public:
    enum class Action { Test, Refresh, Disconnect };
    Q_ENUM(Action)

    // The outcome of one action, with a message for the status bar or a dialog.
    struct Outcome
    {
        Action action = Action::Test;
        QString connectionName;
        bool succeeded = false;
        bool hasTest = true; // Test only: false when the connector defines none (nothing ran)
        QString message; // plain words; never a secret
    };

    explicit ConnectionActions(ProfileContext *context, QObject *parent = nullptr);
    ~ConnectionActions() override;

    ProfileContext *context() const { return m_context; }

    void test(const QString &name);
    void refresh(const QString &name);
    // Revokes at the provider unless `keepRemote`, then deletes the keychain entry and the index entry.
    void disconnect(const QString &name, bool keepRemote = false);

    // Tells the profile's refresher daemon, when one runs, to re-read a connection whose credentials
    // this process just stored (a connect or reconnect). Fire and forget: without an answer the
    // daemon still sees the index file change.
    void announceNewCredentials(const QString &name);

    // Adds exchanges to the connection's persistent HTTP log (HttpLog), e.g. a connect's.
    void recordExchanges(const QString &name, const QList<HttpExchange> &exchanges);

    // The connection `name` opened for API use, with this object's refresher (credentials refreshed
    // when due, 401 -> one refresh and one retry); every exchange lands in the connection's HTTP log.
    // The session is a child of this object: delete it (deleteLater) when done.
    void openSession(const QString &name, std::function<void(const Result<ConnectionSession *> &)> then);

    // All parameters of a connector (the keychain's included).
    void loadConnectorParameters(const ConnectorSpec &spec, QObject *context,
        std::function<void(const Result<QJsonObject> &)> then);

    // A user-facing sentence for an error, with the provider's own words when it sent any.
    static QString describe(const Error &error);

Q_SIGNALS:
    void started(Authdesk::ConnectionActions::Action action, const QString &connectionName);
    void finished(const Authdesk::ConnectionActions::Outcome &outcome);

private:
    void finish(Outcome outcome);

    ProfileContext *m_context;
    ProfileRefresher *m_refresher;
};

} // namespace Authdesk
