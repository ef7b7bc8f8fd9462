#pragma once

#include "profilecommand.h"

namespace Authdesk {

// `authdesk connections [--json]`: the profile's connections with status and expiry (no secrets;
// nothing is read from the keychain).
class ConnectionsCommand : public ProfileCommand
{
    Q_OBJECT

public:
    ConnectionsCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;
};

} // namespace Authdesk
