#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Authdesk {

// A successful answer of a token endpoint (RFC 6749 §5.1), read by TokenResponseParser.
//
// fields is the response as the provider returned it (a form-encoded response becomes an object of
// strings); nested objects such as Slack's `authed_user` are kept as they are, for the connector's
// credentials hooks. The other members are read from the top level.
struct TokenResponse
{
    QJsonObject fields;
    QDateTime receivedAt; // UTC, from the Clock when the response arrived

    QString accessToken() const;
    QString refreshToken() const;
    QString idToken() const;
    // token_type as sent (GitHub sends "bearer"; compare case-insensitively).
    QString tokenType() const;
    // The granted scopes: `scope` split on spaces and commas (GitHub returns "repo,gist").
    QStringList grantedScopes() const;
    // expires_in in seconds, from a number or a numeric string (Azure AD v1 sends "3599"); nothing
    // when absent or not a non-negative number.
    std::optional<qint64> expiresIn() const;
    // receivedAt + expires_in, in UTC; invalid when the lifetime is unknown (then only a 401 tells).
    QDateTime expiresAt() const;
};

// The credentials after a refresh (RFC 6749 §6): the stored ones overwritten field by field by the
// refresh response. A response without a (non-empty) refresh_token keeps the stored refresh token
// (and its refresh_token_expires_in); a new one replaces it. Lifetime fields of the old access token
// (expires_in, expires_at, expires_on, ext_expires_in) are dropped when the response does not bring
// its own, so a stale lifetime never describes the new access token.
QJsonObject mergeRefreshedCredentials(const QJsonObject &stored, const QJsonObject &refreshResponse);

} // namespace Authdesk
