#pragma once

#include "tokenerror.h"
#include "tokenrequest.h"
#include "tokenresponse.h"

#include "support/httpexchange.h"
#include "support/result.h"

#include <QObject>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace Authdesk {

class Clock;
class EndpointCall;

// One code exchange or refresh at a token endpoint. Made by TokenClient:
//
//     TokenRequestJob *job = tokenClient->refresh(config, {refreshToken});
//     connect(job, &TokenRequestJob::finished, this, [job] {
//         if (job->error()) report(job->error()->toError());      // ReconnectNeeded, Transient, ...
//         else store(mergeRefreshedCredentials(old, job->response()->fields));
//         job->deleteLater();
//     });
//     job->start();
//
// finished() is emitted exactly once, after start() has returned, also after kill() (error kind
// Cancelled). The job never deletes itself.
class TokenRequestJob : public QObject
{
    Q_OBJECT

public:
    enum class Grant { AuthorizationCode, RefreshToken };
    Q_ENUM(Grant)

    TokenRequestJob(Grant grant, Result<TokenRequest, TokenError> request, QNetworkAccessManager *network,
        const Clock &clock, std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~TokenRequestJob() override;

    void start();
    void kill();

    Grant grant() const { return m_grant; }
    bool isFinished() const { return m_finished; }
    // Exactly one of the two is set once finished.
    const std::optional<TokenResponse> &response() const { return m_response; }
    const std::optional<TokenError> &error() const { return m_error; }
    // The exchange as the inspector shows it (redacted); empty when nothing was sent.
    const HttpExchange &exchange() const { return m_exchange; }

Q_SIGNALS:
    void finished(Authdesk::TokenRequestJob *job, QPrivateSignal);

private:
    void onCallFinished();
    void finishWith(std::optional<TokenResponse> response, std::optional<TokenError> error);

    Grant m_grant;
    Result<TokenRequest, TokenError> m_request;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    std::chrono::milliseconds m_timeout;
    EndpointCall *m_call = nullptr;
    std::optional<TokenResponse> m_response;
    std::optional<TokenError> m_error;
    HttpExchange m_exchange;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
