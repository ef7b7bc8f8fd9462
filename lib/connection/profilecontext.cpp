#include "profilecontext.h"

#include "apiclient.h"
#include "connectionsession.h"

#include "catalog/connectorsearchpath.h"
#include "store/connectorparametersjob.h"
#include "store/httplog.h"
#include "store/connectorparameterstore.h"
#include "store/secretstore.h"
#include "support/clock.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Authdesk {

ProfileContext::ProfileContext(Profile profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
{
}

ProfileContext::~ProfileContext() = default;

Result<ProfileContext *> ProfileContext::open(const QString &profileName, const QStringList &connectorDirectories,
    QObject *parent, const QString &profilesRoot)
{
    const auto profile = Profile::resolve(profileName, profilesRoot);
    if (!profile)
        return profile.error();
    if (const auto folder = profile->ensureDataDir(); !folder)
        return folder.error();
    auto *context = new ProfileContext(*profile, parent);
    context->m_catalog = ConnectorCatalog::load(ConnectorSearchPath::standard(connectorDirectories));
    context->m_index = std::make_unique<ConnectionIndex>(profile->connectionIndexPath());
    if (const auto loaded = context->m_index->load(); !loaded) {
        delete context;
        return loaded.error();
    }
    context->m_secrets = new SecretStore(*profile, context);
    context->m_parameters = new ConnectorParameterStore(*profile, context->m_secrets, context);
    return context;
}

const Clock &ProfileContext::clock() const
{
    return Clock::system();
}

Result<const LoadedConnector *> ProfileContext::connector(const QString &key) const
{
    const CatalogEntry *entry = m_catalog.find(key);
    if (!entry)
        return Error(ErrorCode::NotFound, u"no connector \"%1\" (see authdesk connectors)"_s.arg(key));
    if (!entry->isValid()) {
        QStringList errors;
        for (const Diagnostic &diagnostic : entry->connector.diagnostics) {
            if (diagnostic.isError())
                errors.append(diagnostic.toString());
        }
        return Error(ErrorCode::Validation, u"connector \"%1\" has errors:\n%2"_s.arg(key, errors.join(u'\n')));
    }
    return &entry->connector;
}

Result<ConnectionRecord> ProfileContext::connection(const QString &name) const
{
    if (const ConnectionRecord *record = m_index->find(name))
        return *record;
    QStringList names;
    for (const ConnectionRecord &record : m_index->connections())
        names.append(record.name);
    return Error(ErrorCode::NotFound, names.isEmpty()
            ? u"no connection \"%1\" in profile \"%2\" (it has none yet: authdesk connect CONNECTOR)"_s.arg(name, m_profile.name())
            : u"no connection \"%1\" in profile \"%2\" (connections: %3)"_s.arg(name, m_profile.name(), names.join(u", "_s)));
}

QStringList ProfileContext::secretParameterKeys(const ConnectorSpec &spec)
{
    QStringList keys;
    const auto collect = [&keys](const QJsonObject &schema) { keys += ConnectorParameterStore::secretProperties(schema); };
    collect(spec.parametersSchema());
    collect(spec.auth().parametersSchema);
    for (const AuthOption &option : spec.options())
        collect(option.auth.parametersSchema);
    keys.removeDuplicates();
    return keys;
}

void ProfileContext::loadConnectorParameters(
    const ConnectorSpec &spec, QObject *receiver, std::function<void(const Result<QJsonObject> &)> then)
{
    ConnectorParametersJob *job = m_parameters->load(spec.key());
    connect(job, &ConnectorParametersJob::finished, receiver,
        [then = std::move(then)](const ConnectorParametersJob::Outcome &outcome) { then(outcome); });
    job->start();
}

void ProfileContext::openSession(const QString &name, Refresher *refresher, QObject *owner,
    std::function<void(const Result<ConnectionSession *> &)> then)
{
    const auto record = connection(name);
    if (!record)
        return then(record.error());
    const auto loaded = connector(record->connectorKey);
    if (!loaded)
        return then(loaded.error());
    const ConnectorSpec spec = (*loaded)->spec;
    const QString optionKey = record->authOptionKey;
    loadConnectorParameters(spec, owner,
        [this, spec, optionKey, name, refresher, owner, then = std::move(then)](const Result<QJsonObject> &parameters) {
            if (!parameters)
                return then(parameters.error());
            ConnectionSession::Settings settings;
            settings.spec = spec;
            settings.optionKey = optionKey;
            settings.connectorParameters = *parameters;
            settings.connectionName = name;
            settings.lockFilePath = m_profile.lockFilePath();
            auto *session = new ConnectionSession(settings, m_secrets, m_index.get(), clock(), owner);
            session->setRefresher(refresher);
            connect(session, &ConnectionSession::ready, owner, [this, session, then](const std::optional<Error> &error) {
                if (error) {
                    session->deleteLater();
                    return then(*error);
                }
                // The connection's HTTP log gets what the session sent so far and every API exchange after.
                const QString id = session->record().id;
                HttpLog::record(m_profile, id, session->httpExchanges());
                connect(session->apiClient(), &ApiClient::exchangeRecorded, session,
                    [this, id](const HttpExchange &exchange) { HttpLog::record(m_profile, id, {exchange}); });
                then(session);
            });
            session->open();
        });
}

} // namespace Authdesk
