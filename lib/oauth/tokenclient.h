#pragma once

#include "oauthconfig.h"
#include "tokenrequest.h"

#include <QObject>

#include <chrono>

class QNetworkAccessManager;

namespace Authdesk {

class Clock;
class MetadataDiscoveryJob;
class RevocationJob;
class TokenRequestJob;

// The standard OAuth2 requests of a connection, on QNetworkAccessManager (design.md decision 2):
// code exchange and refresh (RFC 6749 §4.1.3, §6), revocation (RFC 7009) and metadata discovery
// (RFC 8414). Every call returns a job that has not started yet; the caller connects to its
// finished() signal, calls start() and deletes the job afterwards. The jobs are children of the
// client and never outlive it.
//
//   Authdesk                         token endpoint
//      | POST grant_type=authorization_code, code, redirect_uri, code_verifier
//      |      + client authentication (Basic / body / both, per clientAuthLocation)
//      |----------------------------------->|
//      |<-----------------------------------| 200 JSON or form; or an error (also in a 200)
//   TokenResponseParser -> TokenResponse (expires_at from the Clock) or TokenError (classified)
//
// Requests obey NetworkPolicy (https://, or http:// to loopback; system proxy; TLS verified),
// give up after the timeout (default 30 s of silence, QNetworkRequest::setTransferTimeout) and read
// at most TokenResponseParser::maximumBodySize bytes. Nothing secret is logged.
class TokenClient : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds defaultTimeout{30000};

    // The clock (read for expires_at and Retry-After dates) must outlive the client.
    explicit TokenClient(const Clock &clock, QObject *parent = nullptr);
    explicit TokenClient(QObject *parent = nullptr); // the system clock
    ~TokenClient() override;

    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    QNetworkAccessManager *networkAccessManager() const { return m_network; }

    TokenRequestJob *exchangeCode(const OAuthConfig &config, const AuthorizationCodeGrant &grant);
    TokenRequestJob *refresh(const OAuthConfig &config, const RefreshGrant &grant);
    RevocationJob *revoke(const OAuthConfig &config, const RevocationGrant &grant);
    MetadataDiscoveryJob *discoverMetadata(const QString &issuer);

private:
    const Clock &m_clock;
    QNetworkAccessManager *m_network;
    std::chrono::milliseconds m_timeout = defaultTimeout;
};

} // namespace Authdesk
