#pragma once

#include "profilecommand.h"

namespace Authdesk {

// `authdesk inspect NAME [--json] [--reveal]`: what is stored for a connection: connector, status,
// scopes requested and granted, times, history, and the credentials from the keychain — masked
// unless --reveal — with JWT access and id tokens decoded (header and claims, expiry in local time).
class InspectCommand : public ProfileCommand
{
    Q_OBJECT

public:
    InspectCommand(QString name, bool reveal, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void print(const QJsonObject &credentials);

    QString m_name;
    bool m_reveal = false;
};

} // namespace Authdesk
