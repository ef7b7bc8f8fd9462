#pragma once

#include "formencoding.h"
#include "oauthconfig.h"
#include "tokenerror.h"

#include "support/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace Authdesk {

// The code exchange (RFC 6749 §4.1.3).
struct AuthorizationCodeGrant
{
    QString code; // as received on the redirect, already decoded once
    QString redirectUri; // the exact redirect_uri of the authorization request
    QString codeVerifier; // empty when PKCE was skipped
    // Appended last. Never replace or add a protocol or client-authentication parameter (grant_type,
    // code, redirect_uri, code_verifier, refresh_token, client_id, client_secret, ...): those are dropped.
    FormEncoding::Fields extraParameters;
};

// The refresh (RFC 6749 §6).
struct RefreshGrant
{
    QString refreshToken;
    // Send the configured scopes again (Microsoft Entra needs it, connectors/README.md). Off by default:
    // RFC 6749 makes scope optional and some servers narrow the grant when it is sent.
    bool includeScope = false;
    FormEncoding::Fields extraParameters; // as in AuthorizationCodeGrant
};

// A token revocation (RFC 7009 §2.1).
struct RevocationGrant
{
    QString token;
    QString tokenTypeHint; // "refresh_token", "access_token" or empty
};

// One POST to a token or revocation endpoint, byte for byte, built without I/O.
//
// Client authentication follows config.clientAuthLocation (connector-format.md §5.1):
//   Headers -> Authorization: Basic (id and secret form-encoded first, RFC 6749 §2.3.1), nothing in the body
//   Body    -> client_id and client_secret in the form
//   Unset   -> both (the seed document's rule, seed-oauth2.md; RFC 6749 §2.3 would allow one only)
// A public client (no secret; an empty secret counts as none) sends client_id in the body only: no
// Authorization header and never an empty client_secret= (Microsoft rejects it).
// Every request carries Accept: application/json (GitHub answers form-encoded without it).
struct TokenRequest
{
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // application/x-www-form-urlencoded

    // grant_type=authorization_code, code, redirect_uri, code_verifier (when PKCE was used).
    static Result<TokenRequest, TokenError> authorizationCode(const OAuthConfig &config, const AuthorizationCodeGrant &grant);
    // grant_type=refresh_token, refresh_token, scope only when asked; no redirect_uri.
    static Result<TokenRequest, TokenError> refresh(const OAuthConfig &config, const RefreshGrant &grant);
    // token, token_type_hint to config.revokeUri.
    static Result<TokenRequest, TokenError> revocation(const OAuthConfig &config, const RevocationGrant &grant);
};

} // namespace Authdesk
