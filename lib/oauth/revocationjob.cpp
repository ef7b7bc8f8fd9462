#include "revocationjob.h"

#include "endpointcall.h"
#include "tokenresponseparser.h"

#include "support/logging.h"
#include "support/redaction.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

RevocationJob::RevocationJob(Result<TokenRequest, TokenError> request, QNetworkAccessManager *network, const Clock &clock,
    std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_network(network)
    , m_clock(clock)
    , m_timeout(timeout)
{
}

RevocationJob::~RevocationJob() = default;

void RevocationJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_request) {
        const TokenError error = m_request.error();
        QTimer::singleShot(0, this, [this, error] { finishWith(error); });
        return;
    }
    const TokenRequest &request = m_request.value();
    m_call = new EndpointCall(m_network, m_clock, {"POST", request.url, u"revokeUri"_s, request.headers, request.body},
        m_timeout, this);
    connect(m_call, &EndpointCall::finished, this, &RevocationJob::onCallFinished);
    m_call->start();
}

void RevocationJob::kill()
{
    if (m_finished)
        return;
    if (m_call)
        m_call->abort();
    TokenError error;
    error.kind = TokenError::Kind::Cancelled;
    error.message = u"the revocation was cancelled"_s;
    finishWith(error);
}

void RevocationJob::onCallFinished()
{
    m_exchange = m_call->exchange();
    const QString endpoint = u"revocation endpoint %1 "_s.arg(Redaction::url(m_request.value().url).toString());
    std::optional<TokenError> error = m_call->error();
    if (!error)
        error = TokenResponseParser::parseRevocationResponse(*m_call->response(), m_call->receivedAt());
    if (error && error->kind != TokenError::Kind::Refused)
        error->message = endpoint + error->message;
    finishWith(error);
}

void RevocationJob::finishWith(std::optional<TokenError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    if (m_error)
        qCInfo(lcOAuth).noquote() << "revocation failed:" << m_error->toString();
    else
        qCDebug(lcOAuth) << "token revoked";
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
