#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace Authdesk {

// What the stored credentials of a connection say about time and scope, whatever shape the provider
// or a connector hook gave them.
namespace CredentialTimes {

// When the access token expires: `expires_at` (epoch milliseconds as the seed's refreshCredentials
// writes it, epoch seconds, or an ISO 8601 date) or else `expires_in` (seconds, a number or a numeric
// string) counted from `obtainedAt`. Invalid when neither says: the expiry is unknown and refresh is
// driven by 401s.
QDateTime expiresAt(const QJsonObject &credentials, const QDateTime &obtainedAt);

// The scopes the provider granted (`scope`, space or comma separated, or an array).
QStringList grantedScopes(const QJsonObject &credentials);

} // namespace CredentialTimes

} // namespace Authdesk
