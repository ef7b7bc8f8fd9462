#pragma once

#include "profilecommand.h"

namespace Authdesk {

class DisconnectJob;

// `authdesk disconnect NAME [--keep-remote]`: revokes the grant at the provider (unless
// --keep-remote) and deletes the connection's secrets and index entry.
class DisconnectCommand : public ProfileCommand
{
    Q_OBJECT

public:
    DisconnectCommand(QString name, bool keepRemote, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void onFinished(DisconnectJob *job);

    QString m_name;
    bool m_keepRemote = false;
};

} // namespace Authdesk
