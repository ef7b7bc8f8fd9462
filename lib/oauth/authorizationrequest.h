#pragma once

#include "oauthconfig.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Authdesk {

// One authorization-code request (RFC 6749 §4.1.1) with its one-time secrets: the URL to open in
// the browser, and the state, PKCE verifier and nonce that the redirect and the token request are
// checked against.
//
//     const QString redirectUri = *handler.listen();              // LoopbackReplyHandler
//     const AuthorizationRequest request = AuthorizationRequest::create(config, redirectUri);
//     handler.expect(request.state());
//     Q_EMIT authorizeWithBrowser(request.url());
//     ... later: tokenClient.exchange(code, request.redirectUri(), request.codeVerifier());
//
// The query is the authorize URL's own parameters, then response_type, client_id, redirect_uri,
// scope (space-joined; left out when there are no scopes), state, code_challenge,
// code_challenge_method=S256 (unless skipPkce), nonce (when `openid` is requested), then the
// config's `extra`. Extras never replace the security parameters: those entries are dropped with a
// warning. `extra.scope` replaces the joined scopes (for providers that want commas). Every name and
// value is percent-encoded except the RFC 3986 unreserved characters, so '+' goes out as %2B.
class AuthorizationRequest
{
public:
    // The one-time values; create() draws them from the system CSPRNG.
    struct Secrets
    {
        QString state;
        QString codeVerifier; // empty with skipPkce
        QString nonce; // empty unless `openid` is requested
    };

    static AuthorizationRequest create(const OAuthConfig &config, const QString &redirectUri);
    // With given secrets: for tests and for reproducing a request.
    static AuthorizationRequest create(const OAuthConfig &config, const QString &redirectUri, Secrets secrets);

    QUrl url() const { return m_url; }
    const QString &redirectUri() const { return m_redirectUri; }
    const QString &state() const { return m_secrets.state; }
    const QString &codeVerifier() const { return m_secrets.codeVerifier; }
    QString codeChallenge() const;
    const QString &nonce() const { return m_secrets.nonce; }
    const QStringList &scopes() const { return m_scopes; } // as sent (extra.scope split), for the token client
    // `extra` entries left out because they would have replaced a security parameter.
    const QStringList &droppedExtraParameters() const { return m_droppedExtras; }

    // base64url without padding of `byteCount` bytes from QRandomGenerator::system().
    static QString randomToken(int byteCount = 32);
    // RFC 7636 §4.2 S256: BASE64URL(SHA256(ASCII(verifier))).
    static QString s256Challenge(const QString &codeVerifier);
    // Percent-encodes all but A-Z a-z 0-9 - . _ ~ (UTF-8 first).
    static QByteArray encodeComponent(const QString &value);
    // The names extras may not set.
    static const QStringList &securityParameterNames();

private:
    AuthorizationRequest() = default;

    QUrl m_url;
    QString m_redirectUri;
    Secrets m_secrets;
    QStringList m_scopes;
    QStringList m_droppedExtras;
};

} // namespace Authdesk
