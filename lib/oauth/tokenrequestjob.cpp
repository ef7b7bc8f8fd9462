#include "tokenrequestjob.h"

#include "endpointcall.h"
#include "tokenresponseparser.h"

#include "support/logging.h"
#include "support/redaction.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QString what(TokenRequestJob::Grant grant)
{
    return grant == TokenRequestJob::Grant::AuthorizationCode ? u"code exchange"_s : u"refresh"_s;
}

} // namespace

TokenRequestJob::TokenRequestJob(Grant grant, Result<TokenRequest, TokenError> request, QNetworkAccessManager *network,
    const Clock &clock, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_grant(grant)
    , m_request(std::move(request))
    , m_network(network)
    , m_clock(clock)
    , m_timeout(timeout)
{
}

TokenRequestJob::~TokenRequestJob() = default;

void TokenRequestJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_request) {
        const TokenError error = m_request.error();
        QTimer::singleShot(0, this, [this, error] { finishWith(std::nullopt, error); });
        return;
    }
    const TokenRequest &request = m_request.value();
    m_call = new EndpointCall(m_network, m_clock, {"POST", request.url, u"tokenUri"_s, request.headers, request.body},
        m_timeout, this);
    connect(m_call, &EndpointCall::finished, this, &TokenRequestJob::onCallFinished);
    m_call->start();
}

void TokenRequestJob::kill()
{
    if (m_finished)
        return;
    if (m_call)
        m_call->abort();
    TokenError error;
    error.kind = TokenError::Kind::Cancelled;
    error.message = u"the %1 was cancelled"_s.arg(what(m_grant));
    finishWith(std::nullopt, error);
}

void TokenRequestJob::onCallFinished()
{
    m_exchange = m_call->exchange();
    const QString endpoint = u"token endpoint %1 "_s.arg(Redaction::url(m_request.value().url).toString());
    if (m_call->error()) {
        TokenError error = *m_call->error();
        if (error.kind != TokenError::Kind::Refused)
            error.message = endpoint + error.message;
        finishWith(std::nullopt, error);
        return;
    }
    auto parsed = TokenResponseParser::parseTokenResponse(*m_call->response(), m_call->receivedAt());
    if (!parsed) {
        TokenError error = parsed.error();
        error.message = endpoint + error.message;
        finishWith(std::nullopt, error);
        return;
    }
    finishWith(std::move(parsed).value(), std::nullopt);
}

void TokenRequestJob::finishWith(std::optional<TokenResponse> response, std::optional<TokenError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_response = std::move(response);
    m_error = std::move(error);
    if (m_error)
        qCInfo(lcOAuth).noquote() << what(m_grant) << "failed:" << m_error->toString();
    else
        qCDebug(lcOAuth).noquote() << what(m_grant) << "succeeded; expires at"
                                   << (m_response->expiresAt().isValid() ? m_response->expiresAt().toString(Qt::ISODate)
                                                                         : u"(unknown)"_s);
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
