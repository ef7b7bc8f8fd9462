#include "connectionactions.h"

#include "connection/connectionsession.h"
#include "connection/disconnectjob.h"
#include "connection/profilecontext.h"
#include "connection/profilerefresher.h"
#include "connection/refresherclient.h"
#include "connection/refreshrequest.h"
#include "connection/testjob.h"
#include "spec/connectorspec.h"
#include "store/httplog.h"
#include "support/logging.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectionActions::ConnectionActions(ProfileContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_refresher(new ProfileRefresher(context, this))
{
}

ConnectionActions::~ConnectionActions() = default;

QString ConnectionActions::describe(const Error &error)
{
    QString text = error.message;
    if (!error.providerError.isEmpty() && !text.contains(error.providerError)) {
        text += u'\n' + (error.providerErrorDescription.isEmpty()
                    ? tr("The provider said: %1").arg(error.providerError)
                    : tr("The provider said: %1 (%2)").arg(error.providerError, error.providerErrorDescription));
    }
    return text;
}

void ConnectionActions::finish(Outcome outcome)
{
    qCInfo(lcApp) << "action" << outcome.action << "on" << outcome.connectionName
                  << (outcome.succeeded ? "succeeded" : "failed");
    Q_EMIT finished(outcome);
}

void ConnectionActions::recordExchanges(const QString &name, const QList<HttpExchange> &exchanges)
{
    if (const ConnectionRecord *record = m_context->index().find(name))
        HttpLog::record(m_context->profile(), record->id, exchanges);
}

void ConnectionActions::announceNewCredentials(const QString &name)
{
    auto *client = new RefresherClient(m_context->profile().localSocketName(), this);
    client->setTimeout(std::chrono::seconds(5));
    connect(client, &RefresherClient::finished, this, [name](RefresherClient *done) {
        done->deleteLater();
        if (!done->outcome() && done->outcome().error().failure != RefresherClient::Failure::NotRunning)
            qCWarning(lcApp) << "the profile's refresher was not told about" << name << ":" << done->outcome().error().message;
    });
    RefresherProtocol::Request request;
    request.op = RefresherProtocol::Op::Reload;
    request.name = name;
    client->send(request);
}

void ConnectionActions::loadConnectorParameters(
    const ConnectorSpec &spec, QObject *context, std::function<void(const Result<QJsonObject> &)> then)
{
    m_context->loadConnectorParameters(spec, context, std::move(then));
}

void ConnectionActions::openSession(const QString &name, std::function<void(const Result<ConnectionSession *> &)> then)
{
    m_context->openSession(name, m_refresher, this, std::move(then));
}

void ConnectionActions::test(const QString &name)
{
    Q_EMIT started(Action::Test, name);
    openSession(name, [this, name](const Result<ConnectionSession *> &session) {
        if (!session)
            return finish({Action::Test, name, false, true, describe(session.error())});
        auto *job = new TestJob(*session, &m_context->index(), this);
        connect(job, &TestJob::finished, this, [this, name, opened = *session](TestJob *done) {
            done->deleteLater();
            opened->deleteLater();
            Outcome outcome{Action::Test, name, done->passed() || !done->hasTest(), done->hasTest(), {}};
            if (!done->hasTest())
                outcome.message = tr("The connector of %1 has no test.").arg(name);
            else if (done->passed())
                outcome.message = done->message().isEmpty() ? tr("The test of %1 passed.").arg(name)
                                                            : tr("Test of %1: %2").arg(name, done->message());
            else
                outcome.message = tr("The test of %1 failed: %2")
                                      .arg(name, done->error() ? describe(*done->error()) : done->message());
            finish(outcome);
        });
        job->start();
    });
}

void ConnectionActions::refresh(const QString &name)
{
    Q_EMIT started(Action::Refresh, name);
    RefreshRequest *request = m_refresher->refresh(name, true, Refresher::Want::Status);
    connect(request, &RefreshRequest::finished, this, [this, name](RefreshRequest *done) {
        const RefreshOutcome &result = done->outcome();
        if (result.error)
            return finish({Action::Refresh, name, false, true, tr("Refreshing %1 failed: %2").arg(name, describe(*result.error))});
        QString message = result.refreshed ? tr("Refreshed %1.").arg(name) : tr("%1 is still fresh.").arg(name);
        if (!result.warning.isEmpty())
            message += u' ' + result.warning;
        finish({Action::Refresh, name, true, true, message});
    });
}

void ConnectionActions::disconnect(const QString &name, bool keepRemote)
{
    Q_EMIT started(Action::Disconnect, name);
    const auto record = m_context->connection(name);
    if (!record)
        return finish({Action::Disconnect, name, false, true, describe(record.error())});
    const auto connector = m_context->connector(record->connectorKey);
    if (!connector)
        return finish({Action::Disconnect, name, false, true, describe(connector.error())});
    const ConnectorSpec spec = (*connector)->spec;
    const QString optionKey = record->authOptionKey;
    const QString id = record->id;
    loadConnectorParameters(spec, this, [this, spec, optionKey, name, keepRemote, id](const Result<QJsonObject> &parameters) {
        if (!parameters)
            return finish({Action::Disconnect, name, false, true, describe(parameters.error())});
        DisconnectJob::Settings settings;
        settings.spec = spec;
        settings.optionKey = optionKey;
        settings.connectorParameters = *parameters;
        settings.connectionName = name;
        settings.keepRemote = keepRemote;
        auto *job = new DisconnectJob(settings, m_context->secrets(), &m_context->index(), this);
        connect(job, &DisconnectJob::finished, this, [this, name, id](DisconnectJob *done) {
            done->deleteLater();
            // The connection's HTTP log goes with it (when the index no longer has it).
            if (const ConnectionRecord *left = m_context->index().find(name); !left || left->id != id)
                HttpLog::forget(m_context->profile(), id);
            if (done->error())
                return finish({Action::Disconnect, name, false, true, tr("Disconnecting %1 failed: %2").arg(name, describe(*done->error()))});
            QString message = tr("Disconnected %1.").arg(name);
            if (!done->notes().isEmpty())
                message += u' ' + done->notes().join(u' ');
            finish({Action::Disconnect, name, true, true, message});
        });
        job->start();
    });
}

} // namespace Authdesk
