#include "profilecommand.h"

#include "connection/apiclient.h"
#include "connection/connectionsession.h"
#include "connection/profilecontext.h"
#include "connection/profilerefresher.h"
#include "spec/connectorspec.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "store/httplog.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

ProfileCommand::ProfileCommand(QString commandName, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_commandName(std::move(commandName))
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
{
}

ProfileCommand::~ProfileCommand() = default;

bool ProfileCommand::openContext()
{
    const auto opened = ProfileContext::open(m_options.profile, m_options.connectorDirectories, this);
    if (!opened) {
        fail(opened.error());
        return false;
    }
    m_context = *opened;
    return true;
}

int ProfileCommand::fail(const Error &error)
{
    m_err << u"authdesk "_s << m_commandName << u": "_s << error.message << Qt::endl;
    if (!error.providerError.isEmpty() && !error.message.contains(error.providerError)) {
        m_err << u"  the provider said: "_s << error.providerError;
        if (!error.providerErrorDescription.isEmpty())
            m_err << u" ("_s << error.providerErrorDescription << u')';
        m_err << Qt::endl;
    }
    m_exitCode = exitCodeFor(error.code);
    return m_exitCode;
}

void ProfileCommand::finishWith(const std::optional<Error> &error)
{
    const int code = error ? fail(*error) : 0;
    m_out.flush();
    m_err.flush();
    Q_EMIT finished(code);
}

Refresher *ProfileCommand::refresher()
{
    if (!m_refresher)
        m_refresher = new ProfileRefresher(m_context, this);
    return m_refresher;
}

void ProfileCommand::loadConnectorParameters(const ConnectorSpec &spec, std::function<void(const Result<QJsonObject> &)> then)
{
    ConnectorParametersJob *job = m_context->parameters()->load(spec.key());
    connect(job, &ConnectorParametersJob::finished, this,
        [then = std::move(then)](const ConnectorParametersJob::Outcome &outcome) { then(outcome); });
    job->start();
}

void ProfileCommand::openSession(const QString &name, std::function<void(const Result<ConnectionSession *> &)> then)
{
    const auto record = m_context->connection(name);
    if (!record)
        return then(record.error());
    const auto connector = m_context->connector(record->connectorKey);
    if (!connector)
        return then(connector.error());
    const ConnectorSpec spec = (*connector)->spec;
    const QString optionKey = record->authOptionKey;
    loadConnectorParameters(spec, [this, spec, optionKey, name, then = std::move(then)](const Result<QJsonObject> &parameters) {
        if (!parameters)
            return then(parameters.error());
        ConnectionSession::Settings settings;
        settings.spec = spec;
        settings.optionKey = optionKey;
        settings.connectorParameters = *parameters;
        settings.connectionName = name;
        settings.lockFilePath = m_context->profile().lockFilePath();
        auto *session = new ConnectionSession(settings, m_context->secrets(), &m_context->index(), m_context->clock(), this);
        session->setRefresher(refresher());
        connect(session, &ConnectionSession::ready, this, [this, session, then](const std::optional<Error> &error) {
            if (error)
                return then(*error);
            // The connection's HTTP log gets what the session sent so far and every API exchange after.
            const QString id = session->record().id;
            HttpLog::record(m_context->profile(), id, session->httpExchanges());
            connect(session->apiClient(), &ApiClient::exchangeRecorded, this,
                [this, id](const HttpExchange &exchange) { HttpLog::record(m_context->profile(), id, {exchange}); });
            then(session);
        });
        session->open();
    });
}

} // namespace Authdesk
