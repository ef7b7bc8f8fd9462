#pragma once

#include "tokenerror.h"
#include "tokenrequest.h"

#include "support/httpexchange.h"
#include "support/result.h"

#include <QObject>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace Authdesk {

class Clock;
class EndpointCall;

// One token revocation (RFC 7009) at the config's revokeUri, with the same client authentication as
// the token endpoint. Made by TokenClient::revoke(); used like TokenRequestJob.
//
// Outcomes: no error = revoked (the server answers 200 for valid and unknown tokens alike);
// error kind Unsupported = the server does not revoke this token type (unsupported_token_type) or
// the connector names no endpoint; Transient = 503 / network (retryAfter when given); others as
// TokenError describes. Local secrets are the caller's business: delete them whatever happens here.
class RevocationJob : public QObject
{
    Q_OBJECT

public:
    RevocationJob(Result<TokenRequest, TokenError> request, QNetworkAccessManager *network, const Clock &clock,
        std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~RevocationJob() override;

    void start();
    void kill();

    bool isFinished() const { return m_finished; }
    bool isRevoked() const { return m_finished && !m_error; }
    const std::optional<TokenError> &error() const { return m_error; }
    const HttpExchange &exchange() const { return m_exchange; }

Q_SIGNALS:
    void finished(Authdesk::RevocationJob *job, QPrivateSignal);

private:
    void onCallFinished();
    void finishWith(std::optional<TokenError> error);

    Result<TokenRequest, TokenError> m_request;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    std::chrono::milliseconds m_timeout;
    EndpointCall *m_call = nullptr;
    std::optional<TokenError> m_error;
    HttpExchange m_exchange;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
