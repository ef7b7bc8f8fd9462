#pragma once

#include "support/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <utility>

namespace Authdesk {

// Where the token request carries the client id and secret (connector-format.md §5.1).
// Unset follows the seed document: both places.
enum class ClientAuthLocation { Unset, Headers, Body };

// What a connector's getOAuthConfig produces, validated. A plain value: the authorization request,
// the loopback handler and the token client read it and never change it.
//
// Field names are the connector format's (connector-format.md §5.1). Authdesk extension fields,
// documented in the README's connector-author section: revokeUri, issuer,
// authorizationResponseIssParameterSupported, redirectPort, redirectPath, keepRedirectUrlParameters.
struct OAuthConfig
{
    QUrl authorizeUri; // absolute http(s), required
    QUrl tokenUri; // absolute http(s), required
    QString clientId; // required, non-empty
    QString clientSecret; // empty for a public client
    QStringList scopes; // in the connector's order, duplicates and empty entries removed
    ClientAuthLocation clientAuthLocation = ClientAuthLocation::Unset;
    bool noRefreshToken = false;
    bool skipPkce = false;
    // Extra authorize-URL parameters, in key order (a JSON object has no other order). Numbers and
    // booleans are already turned into their JSON text; null entries are left out.
    QList<std::pair<QString, QString>> extra;

    // Authdesk extensions.
    QUrl revokeUri; // RFC 7009 endpoint; empty when absent
    QString issuer; // expected issuer (RFC 9207 `iss`, RFC 8414 metadata, OIDC); empty when absent
    // RFC 9207 / RFC 8414 metadata flag: the server always sends `iss` in authorization responses,
    // so a callback without it is rejected. Only meaningful together with `issuer`.
    bool authorizationResponseIssParameterSupported = false;
    std::optional<quint16> redirectPort; // fixed loopback port (a provider that pins the redirect URI)
    QString redirectPath = defaultRedirectPath(); // loopback callback path, begins with '/'
    // Hand every query parameter of the redirect (e.g. QuickBooks' realmId) on to the credentials hooks.
    bool keepRedirectUrlParameters = false;

    static QString defaultRedirectPath() { return QStringLiteral("/callback"); }

    // Validates the types and values of `json` (the result of getOAuthConfig). Errors have code
    // Validation and name the connector and the field, e.g.
    // `connector "github": getOAuthConfig field "scopes" must be ...`.
    static Result<OAuthConfig> fromJson(const QJsonObject &json, const QString &connectorKey);
};

} // namespace Authdesk
