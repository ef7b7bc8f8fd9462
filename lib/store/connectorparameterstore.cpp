#include "connectorparameterstore.h"

#include "jsonfile.h"
#include "profile.h"
#include "secretstore.h"
#include "support/redaction.h"

#include <QJsonArray>
#include <QLockFile>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {
const QString formatName = u"authdesk-connector-parameters"_s;
constexpr int formatVersion = 1;
} // namespace

ConnectorParameterStore::ConnectorParameterStore(const Profile &profile, SecretStore *secrets, QObject *parent)
    : ConnectorParameterStore(profile.connectorParametersPath(), secrets, parent)
{
}

ConnectorParameterStore::ConnectorParameterStore(QString settingsPath, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_secrets(secrets)
{
    qRegisterMetaType<Authdesk::ConnectorParametersJob::Outcome>();
}

bool ConnectorParameterStore::isSecretByName(const QString &key)
{
    return key == u"clientSecret"_s || Redaction::isSecretName(key);
}

bool ConnectorParameterStore::isSecretProperty(const QJsonObject &property)
{
    return property.value(u"format"_s).toString() == u"password" || property.value(u"x-secret"_s).toBool()
        || property.value(u"writeOnly"_s).toBool();
}

QStringList ConnectorParameterStore::secretProperties(const QJsonObject &schema)
{
    QStringList keys;
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (isSecretProperty(it.value().toObject()))
            keys.append(it.key());
    }
    return keys;
}

ConnectorParametersJob *ConnectorParameterStore::load(const QString &connectorKey)
{
    return new ConnectorParametersJob(this, ConnectorParametersJob::Operation::Load, connectorKey);
}

ConnectorParametersJob *ConnectorParameterStore::set(
    const QString &connectorKey, const QJsonObject &changes, const QStringList &secretKeys)
{
    return new ConnectorParametersJob(this, ConnectorParametersJob::Operation::Set, connectorKey, changes, secretKeys);
}

ConnectorParametersJob *ConnectorParameterStore::remove(const QString &connectorKey)
{
    return new ConnectorParametersJob(this, ConnectorParametersJob::Operation::Remove, connectorKey);
}

Result<QJsonObject> ConnectorParameterStore::nonSecretParameters(const QString &connectorKey) const
{
    auto section = readSection(connectorKey);
    if (!section)
        return section.error();
    return section->parameters;
}

Result<QStringList> ConnectorParameterStore::secretParameterNames(const QString &connectorKey) const
{
    auto section = readSection(connectorKey);
    if (!section)
        return section.error();
    return section->secretKeys;
}

Result<ConnectorParameterStore::Section> ConnectorParameterStore::readSection(const QString &connectorKey) const
{
    auto sections = readSections();
    if (!sections)
        return sections.error();
    return sections->value(connectorKey);
}

Result<ConnectorParameterStore::Sections> ConnectorParameterStore::readSections() const
{
    auto content = JsonFile::read(m_settingsPath, formatName, formatVersion);
    if (!content)
        return content.error();
    Sections sections;
    if (!content->has_value())
        return sections;
    const QJsonValue connectors = content->value().value(u"connectors"_s);
    if (!connectors.isObject() && !connectors.isUndefined())
        return JsonFile::damaged(m_settingsPath, u"\"connectors\" must be an object"_s);
    // Every section is checked, so that a damaged file is never rewritten, whichever connector changes.
    const QJsonObject entries = connectors.toObject();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        const QString where = u"connectors.\"%1\""_s.arg(it.key());
        if (!it->isObject())
            return JsonFile::damaged(m_settingsPath, where + u" must be an object"_s);
        const QJsonValue parameters = it->toObject().value(u"parameters"_s);
        const QJsonValue secretKeys = it->toObject().value(u"secretKeys"_s);
        if (!parameters.isObject() && !parameters.isUndefined())
            return JsonFile::damaged(m_settingsPath, where + u".parameters must be an object"_s);
        if (!secretKeys.isArray() && !secretKeys.isUndefined())
            return JsonFile::damaged(m_settingsPath, where + u".secretKeys must be an array of names"_s);
        Section section;
        section.parameters = parameters.toObject();
        for (const QJsonValue name : secretKeys.toArray()) {
            if (!name.isString())
                return JsonFile::damaged(m_settingsPath, where + u".secretKeys must be an array of names"_s);
            section.secretKeys.append(name.toString());
        }
        sections.insert(it.key(), section);
    }
    return sections;
}

Result<bool> ConnectorParameterStore::writeSection(const QString &connectorKey, const Section &section) const
{
    auto lock = JsonFile::lock(m_settingsPath);
    if (!lock)
        return lock.error();
    // The file as it is now (another process may have changed other connectors meanwhile).
    auto current = readSections();
    if (!current)
        return current.error();
    Sections sections = std::move(current).value();

    // The last guard: a secret-looking or secret-listed name never reaches the file.
    Section cleaned;
    cleaned.secretKeys = section.secretKeys;
    cleaned.secretKeys.sort();
    for (auto it = section.parameters.begin(); it != section.parameters.end(); ++it) {
        if (!isSecretByName(it.key()) && !section.secretKeys.contains(it.key()))
            cleaned.parameters.insert(it.key(), it.value());
    }
    if (cleaned.parameters.isEmpty() && cleaned.secretKeys.isEmpty())
        sections.remove(connectorKey);
    else
        sections.insert(connectorKey, cleaned);

    QJsonObject connectors;
    for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
        connectors.insert(it.key(),
            QJsonObject {
                {u"parameters"_s, it->parameters}, {u"secretKeys"_s, QJsonArray::fromStringList(it->secretKeys)}});
    }
    return JsonFile::write(m_settingsPath, formatName, formatVersion, QJsonObject {{u"connectors"_s, connectors}});
}

} // namespace Authdesk
