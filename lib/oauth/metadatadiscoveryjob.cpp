#include "metadatadiscoveryjob.h"

#include "endpointcall.h"
#include "tokenresponseparser.h"

#include "support/logging.h"
#include "support/redaction.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

MetadataDiscoveryJob::MetadataDiscoveryJob(QString issuer, QNetworkAccessManager *network, const Clock &clock,
    std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_issuer(std::move(issuer))
    , m_network(network)
    , m_clock(clock)
    , m_timeout(timeout)
{
}

MetadataDiscoveryJob::~MetadataDiscoveryJob() = default;

void MetadataDiscoveryJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_pending = AuthorizationServerMetadata::discoveryUrls(m_issuer);
    if (m_pending.isEmpty()) {
        TokenError error;
        error.kind = TokenError::Kind::Refused;
        error.message = u"issuer \"%1\" is not an https:// URL without query and fragment (http:// only for loopback hosts)"_s.arg(
            Redaction::text(m_issuer));
        QTimer::singleShot(0, this, [this, error] { finishWith(std::nullopt, error); });
        return;
    }
    tryNext();
}

void MetadataDiscoveryJob::kill()
{
    if (m_finished)
        return;
    if (m_call)
        m_call->abort();
    TokenError error;
    error.kind = TokenError::Kind::Cancelled;
    error.message = u"the metadata discovery was cancelled"_s;
    finishWith(std::nullopt, error);
}

void MetadataDiscoveryJob::tryNext()
{
    if (m_pending.isEmpty()) {
        TokenError error;
        error.kind = m_sawTransient ? TokenError::Kind::Transient : TokenError::Kind::Provider;
        error.message = u"no authorization server metadata for issuer \"%1\": %2"_s.arg(m_issuer, m_failures.join(u"; "_s));
        finishWith(std::nullopt, error);
        return;
    }
    const QUrl url = m_pending.takeFirst();
    if (m_call)
        m_call->deleteLater();
    m_call = new EndpointCall(m_network, m_clock, {"GET", url, u"issuer"_s, {{"Accept", "application/json"}}, {}}, m_timeout, this);
    connect(m_call, &EndpointCall::finished, this, &MetadataDiscoveryJob::onCallFinished);
    m_call->start();
}

void MetadataDiscoveryJob::onCallFinished()
{
    m_exchanges.append(m_call->exchange());
    const QString url = m_call->exchange().url;
    if (const auto &error = m_call->error()) {
        m_sawTransient = m_sawTransient || error->kind == TokenError::Kind::Transient;
        m_failures.append(url + u' ' + error->message);
        tryNext();
        return;
    }
    const EndpointResponse &response = *m_call->response();
    const std::optional<QJsonObject> document = TokenResponseParser::bodyObject(response);
    if (response.status != 200 || !document) {
        m_sawTransient = m_sawTransient || response.status == 429 || response.status >= 500;
        m_failures.append(u"%1 answered HTTP %2%3"_s.arg(url).arg(response.status).arg(
            document || response.status != 200 ? QString() : u" without a JSON object"_s));
        tryNext();
        return;
    }
    auto metadata = AuthorizationServerMetadata::fromDocument(*document, m_issuer);
    if (!metadata) {
        TokenError error = metadata.error();
        error.httpStatus = response.status;
        error.message = url + u": "_s + error.message;
        finishWith(std::nullopt, error);
        return;
    }
    finishWith(std::move(metadata).value(), std::nullopt);
}

void MetadataDiscoveryJob::finishWith(std::optional<AuthorizationServerMetadata> metadata, std::optional<TokenError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_metadata = std::move(metadata);
    m_error = std::move(error);
    if (m_error)
        qCInfo(lcOAuth).noquote() << "metadata discovery failed:" << m_error->toString();
    else
        qCDebug(lcOAuth).noquote() << "metadata discovered for" << m_issuer;
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
