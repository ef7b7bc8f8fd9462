#pragma once

#include <QString>

#include <optional>

namespace Authdesk {

// The state of a connection as users see it (issue: OAuth end to end, item 7). Stored in the
// connection index by name.
enum class ConnectionStatus {
    Connecting, // the authorization flow is running
    Ready, // credentials stored and usable
    Refreshing, // a refresh is running; the stored access token may still be used
    NeedsReconnect, // the provider refused the grant (invalid_grant, ...): connect again
    Error, // something else failed (configuration, script, storage); see the history
    Expired, // the access token expired and cannot be refreshed (noRefreshToken)
};

namespace ConnectionStatuses {
QString toString(ConnectionStatus status);
std::optional<ConnectionStatus> fromString(const QString &name);
} // namespace ConnectionStatuses

} // namespace Authdesk
