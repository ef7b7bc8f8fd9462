#pragma once

#include "profilecommand.h"

namespace Authdesk {

class RefreshRequest;

// `authdesk token NAME`: prints a valid access token for other programs (stdout, nothing else),
// refreshing first when it expires within a minute. `authdesk refresh NAME [--json]`: refreshes now
// and reports the new expiry.
// Both go through the profile's refresher (the daemon when it runs, else this process under the
// profile's refresh lock), so two processes never spend one rotating refresh token.
class TokenCommand : public ProfileCommand
{
    Q_OBJECT

public:
    enum class Mode { PrintToken, Refresh };

    TokenCommand(Mode mode, QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void onFinished(RefreshRequest *request);

    Mode m_mode;
    QString m_name;
};

} // namespace Authdesk
