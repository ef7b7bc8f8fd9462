#pragma once

#include "profilecommand.h"

namespace Authdesk {

// `authdesk configure CONNECTOR [--set KEY=VALUE]... [--unset KEY]...`: sets the connector's
// parameters for the profile (clientId, clientSecret, ...). Secret ones (clientSecret, names that look
// secret, schema fields with `format: password` or `x-secret`) go to the keychain, the rest to the
// profile's settings. Without changes it shows the parameters, secrets masked.
class ConfigureCommand : public ProfileCommand
{
    Q_OBJECT

public:
    ConfigureCommand(QString connectorKey, QStringList assignments, QStringList removals, Options options,
        QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void print(const QJsonObject &parameters, const QStringList &secretKeys);

    QString m_connectorKey;
    QStringList m_assignments;
    QStringList m_removals;
};

} // namespace Authdesk
