#pragma once

#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Authdesk {

// What one refresh request ended with, whoever served it (this process under the profile lock, or
// the profile's refresher daemon over its socket).
struct RefreshOutcome
{
    std::optional<Error> error;
    // A new access token was obtained (false: the stored one was still fresh enough, or the refresh failed).
    bool refreshed = false;
    // The credentials are held in the refresher's memory only: the keychain refused them and the
    // refresher retries the write (rotation safety; see RefreshService).
    bool unsaved = false;
    // Something the user should know although the request succeeded (e.g. the unsaved credentials).
    QString warning;
    // The access token to use (also after a failed refresh, while the stored one lasts). Secret.
    QString accessToken;
    QDateTime expiresAt; // UTC; invalid: unknown
    // The whole credentials when asked for (Refresher::Want::Credentials) or when served in-process.
    QJsonObject credentials;
    // The connection as the index says after the refresh.
    ConnectionRecord record;
    // What this process sent (redacted); empty when the daemon served the request.
    QList<HttpExchange> exchanges;
    // "this process" or "refresher daemon (pid N)": for logs and messages.
    QString servedBy;
};

} // namespace Authdesk
