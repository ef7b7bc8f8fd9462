#include "connectorspec.h"

#include "dataschema.h"

#include "mapping/jssemantics.h"
#include "mapping/mappingevaluator.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectorSpec::ConnectorSpec()
    : m_data(std::make_shared<const ConnectorSpecData>())
{
}

ConnectorSpec::ConnectorSpec(ConnectorSpecData data)
    : m_data(std::make_shared<const ConnectorSpecData>(std::move(data)))
{
}

QJsonObject ConnectorSpec::connectorParametersWithDefaults(const QJsonObject &connectorParameters) const
{
    return DataSchema::applyDefaults(m_data->parametersSchema, connectorParameters);
}

Result<QStringList> ConnectorSpec::availableOptionKeys(const QJsonObject &connectorParameters) const
{
    const QJsonObject variables {{u"connectorParameters"_s, connectorParametersWithDefaults(connectorParameters)}};
    const MappingEvaluator evaluator(variables);
    auto isEnabled = [&](const AuthSpec &auth) -> Result<bool> {
        if (!auth.hasEnabledCondition())
            return true;
        const auto value = evaluator.evaluate(auth.enabled);
        if (!value)
            return value.error();
        return JsSemantics::isTruthy(*value);
    };

    QStringList keys;
    if (m_data->options.isEmpty() || m_data->auth.type) {
        const auto enabled = isEnabled(m_data->auth);
        if (!enabled)
            return enabled.error();
        if (*enabled)
            keys.append(QString());
    }
    for (const AuthOption &option : m_data->options) {
        const auto enabled = isEnabled(option.auth);
        if (!enabled)
            return Error(ErrorCode::Validation,
                u"%1: option \"%2\": %3"_s.arg(m_data->key, option.key, enabled.error().message));
        if (*enabled)
            keys.append(option.key);
    }
    return keys;
}

Result<AuthSpec> ConnectorSpec::effectiveAuth(const QString &optionKey) const
{
    const AuthSpec &top = m_data->auth;
    if (optionKey.isEmpty())
        return top;
    const auto option = std::find_if(m_data->options.cbegin(), m_data->options.cend(),
        [&](const AuthOption &candidate) { return candidate.key == optionKey; });
    if (option == m_data->options.cend())
        return Error(ErrorCode::NotFound, u"connector \"%1\" has no auth option \"%2\""_s.arg(m_data->key, optionKey));

    AuthSpec effective = option->auth;
    if (!effective.type)
        effective.type = top.type;
    if (effective.title.isEmpty())
        effective.title = top.title;
    if (effective.description.isEmpty())
        effective.description = top.description;
    if (effective.helpUri.isEmpty())
        effective.helpUri = top.helpUri;
    effective.inputSchema = DataSchema::merge(top.inputSchema, option->auth.inputSchema);
    effective.parametersSchema = DataSchema::merge(top.parametersSchema, option->auth.parametersSchema);
    effective.credentialsSchema = DataSchema::merge(top.credentialsSchema, option->auth.credentialsSchema);
    for (const AuthMethod inherited : {AuthMethod::MakeApiClient, AuthMethod::Test, AuthMethod::Disconnect}) {
        if (!effective.methods.contains(inherited) && top.methods.contains(inherited))
            effective.methods.insert(inherited, top.methods.value(inherited));
    }
    return effective;
}

} // namespace Authdesk
