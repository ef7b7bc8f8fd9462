#pragma once

#include "profilecommand.h"

namespace Authdesk {

class RefreshJob;

// `authdesk token NAME`: prints a valid access token for other programs (stdout, nothing else),
// refreshing first when it expires within a minute. `authdesk refresh NAME [--json]`: refreshes now
// and reports the new expiry.
// Both take the profile's refresh lock, so two processes never spend one rotating refresh token.
class TokenCommand : public ProfileCommand
{
    Q_OBJECT

public:
    enum class Mode { PrintToken, Refresh };

    TokenCommand(Mode mode, QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void onFinished(RefreshJob *job);

    Mode m_mode;
    QString m_name;
};

} // namespace Authdesk
