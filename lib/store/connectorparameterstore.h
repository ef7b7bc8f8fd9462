#pragma once

#include "connectorparametersjob.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Authdesk {

class Profile;
class SecretStore;

// A profile's connector parameters (clientId, clientSecret and whatever a connector's parameters
// schema asks for; `authdesk configure CONNECTOR --set KEY=VALUE`). Non-secret ones are kept in a
// JSON file in the profile folder (Profile::connectorParametersPath()); secret ones go to the
// keychain through the SecretStore, as one value per connector. A parameter is secret when it is
// `clientSecret`, when its name looks secret (Redaction::isSecretName), when the caller names it
// (schema fields with `format: password`), or when it was stored as secret before.
//
// The file also lists the names (never the values) of the secret parameters, so that loading a
// connector that has none does not touch the keychain at all, and `inspect` can say which secrets
// are set without reading them.
//
//     ConnectorParameterStore parameters(profile, &secretStore);
//     auto *job = parameters.set(u"github"_s, {{u"clientId"_s, id}, {u"clientSecret"_s, secret}});
//     connect(job, &ConnectorParametersJob::finished, this, [](const auto &outcome) { ... });
//     job->start();
//
// Threading: as SecretStore (main thread, event loop running). Jobs finish asynchronously.
class ConnectorParameterStore : public QObject
{
    Q_OBJECT

public:
    ConnectorParameterStore(const Profile &profile, SecretStore *secrets, QObject *parent = nullptr);
    ConnectorParameterStore(QString settingsPath, SecretStore *secrets, QObject *parent = nullptr);

    const QString &settingsPath() const { return m_settingsPath; }

    // clientSecret and secret-looking names (Redaction::isSecretName).
    static bool isSecretByName(const QString &key);
    // A JSON-schema property whose value is secret: `format: password`, `x-secret: true` or
    // `writeOnly: true`. The form masks it and the store keeps it in the keychain (one rule for both).
    static bool isSecretProperty(const QJsonObject &property);
    // The names of the secret properties of a JSON schema (top level).
    static QStringList secretProperties(const QJsonObject &schema);

    // All parameters of `connectorKey`, secret ones included (an empty object when none are set).
    ConnectorParametersJob *load(const QString &connectorKey);
    // Sets the parameters in `changes` (a null value removes one) and keeps the others. `secretKeys`
    // adds names that must be treated as secret (schema fields with format: password). The value
    // of the job is the full set afterwards.
    ConnectorParametersJob *set(
        const QString &connectorKey, const QJsonObject &changes, const QStringList &secretKeys = {});
    // Forgets every parameter of `connectorKey`, in the file and in the keychain.
    ConnectorParametersJob *remove(const QString &connectorKey);

    // From the file alone (no keychain access): the non-secret parameters and the names of the
    // secret ones. A damaged file is an error.
    Result<QJsonObject> nonSecretParameters(const QString &connectorKey) const;
    Result<QStringList> secretParameterNames(const QString &connectorKey) const;

private:
    friend class ConnectorParametersJob;

    struct Section
    {
        QJsonObject parameters; // non-secret
        QStringList secretKeys; // names of the parameters kept in the keychain
    };
    using Sections = QMap<QString, Section>;
    Result<Section> readSection(const QString &connectorKey) const;
    // All sections, each checked: a damaged file is an error whichever connector is asked for.
    Result<Sections> readSections() const;
    // Writes the section under the file lock, on the file as it is now; an empty section is removed.
    Result<bool> writeSection(const QString &connectorKey, const Section &section) const;

    QString m_settingsPath;
    QPointer<SecretStore> m_secrets;
};

} // namespace Authdesk
