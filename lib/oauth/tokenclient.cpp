#include "tokenclient.h"

#include "metadatadiscoveryjob.h"
#include "networkpolicy.h"
#include "revocationjob.h"
#include "tokenrequestjob.h"

#include "support/clock.h"

#include <QNetworkAccessManager>

namespace Authdesk {

TokenClient::TokenClient(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{
    NetworkPolicy::configure(m_network);
}

TokenClient::TokenClient(QObject *parent)
    : TokenClient(Clock::system(), parent)
{
}

TokenClient::~TokenClient() = default;

TokenRequestJob *TokenClient::exchangeCode(const OAuthConfig &config, const AuthorizationCodeGrant &grant)
{
    return new TokenRequestJob(TokenRequestJob::Grant::AuthorizationCode, TokenRequest::authorizationCode(config, grant),
        m_network, m_clock, m_timeout, this);
}

TokenRequestJob *TokenClient::refresh(const OAuthConfig &config, const RefreshGrant &grant)
{
    return new TokenRequestJob(TokenRequestJob::Grant::RefreshToken, TokenRequest::refresh(config, grant), m_network,
        m_clock, m_timeout, this);
}

RevocationJob *TokenClient::revoke(const OAuthConfig &config, const RevocationGrant &grant)
{
    return new RevocationJob(TokenRequest::revocation(config, grant), m_network, m_clock, m_timeout, this);
}

MetadataDiscoveryJob *TokenClient::discoverMetadata(const QString &issuer)
{
    return new MetadataDiscoveryJob(issuer, m_network, m_clock, m_timeout, this);
}

} // namespace Authdesk
