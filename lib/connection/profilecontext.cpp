#include "profilecontext.h"

#include "catalog/connectorsearchpath.h"
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

} // namespace Authdesk
