#include "endpointcall.h"

#include "networkpolicy.h"
#include "tokenresponseparser.h"

#include "support/clock.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// What the inspector keeps of a body.
constexpr qsizetype recordedBodyLimit = 16 * 1024;

QString headerText(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (QByteArrayView(headerName).compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(value);
    }
    return {};
}

bool isTlsError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

} // namespace

EndpointCall::EndpointCall(QNetworkAccessManager *network, const Clock &clock, Request request,
    std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_request(std::move(request))
    , m_timeout(timeout)
{
}

EndpointCall::~EndpointCall()
{
    abort();
}

void EndpointCall::start()
{
    if (m_started)
        return;
    m_started = true;
    m_elapsed.start();
    m_exchange.startedAt = m_clock.nowUtc();
    m_exchange.method = QString::fromLatin1(m_request.method);
    m_exchange.url = Redaction::url(m_request.url).toString();
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        const QString headerName = QString::fromLatin1(name);
        m_exchange.requestHeaders.append({headerName, Redaction::headerValue(headerName, QString::fromUtf8(value))});
    }
    m_exchange.requestBody = Redaction::bodyExcerpt(m_request.body, headerText(m_request.headers, "content-type"), recordedBodyLimit);

    const Result<QUrl> allowed = NetworkPolicy::checkUrl(m_request.url, m_request.field);
    if (!allowed) {
        TokenError error;
        error.kind = TokenError::Kind::Refused;
        error.message = allowed.error().message;
        // Like a network failure, the refusal arrives after start() has returned.
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }

    QNetworkRequest request = NetworkPolicy::request(m_request.url, m_timeout);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    qCDebug(lcOAuth).noquote() << m_exchange.method << m_exchange.url << "body:" << m_exchange.requestBody;
    m_reply = m_request.method == "GET" ? m_network->get(request)
                                        : m_network->sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        // Refuse an announced oversized body before reading it.
        const qlonglong length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > TokenResponseParser::maximumBodySize)
            onReadyRead();
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &EndpointCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &EndpointCall::onFinished);
}

void EndpointCall::abort()
{
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void EndpointCall::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    m_body += m_reply->readAll();
    const qlonglong announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_body.size() > TokenResponseParser::maximumBodySize || announced > TokenResponseParser::maximumBodySize) {
        TokenError error;
        error.kind = TokenError::Kind::Provider;
        error.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        error.message = u"answered with a body larger than %1 bytes; it was not read"_s.arg(TokenResponseParser::maximumBodySize);
        fail(error);
    }
}

void EndpointCall::onFinished()
{
    if (m_done || !m_reply)
        return;
    if (m_reply->isOpen())
        m_body += m_reply->readAll();
    m_receivedAt = m_clock.nowUtc();
    m_exchange.durationMs = m_elapsed.elapsed();
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        const QNetworkReply::NetworkError networkError = m_reply->error();
        TokenError error;
        error.kind = TokenError::Kind::Transient;
        if (networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError) {
            // Only the transfer timeout cancels a reply here: abort() disconnects first.
            error.message = u"did not answer within %1 ms"_s.arg(m_timeout.count());
        } else if (isTlsError(networkError)) {
            error.kind = TokenError::Kind::Provider;
            error.message = u"could not be reached securely: %1"_s.arg(Redaction::text(m_reply->errorString()));
        } else {
            error.message = u"could not be reached: %1"_s.arg(Redaction::text(m_reply->errorString()));
        }
        fail(error);
        return;
    }

    EndpointResponse response;
    response.status = status.toInt();
    response.body = m_body;
    QString contentType;
    for (const auto &[name, value] : m_reply->rawHeaderPairs()) {
        response.headers.append({name, value});
        const QString headerName = QString::fromLatin1(name).toLower();
        const QString headerValue = QString::fromUtf8(value);
        m_exchange.responseHeaders.append({headerName, Redaction::headerValue(headerName, headerValue)});
        if (headerName == u"content-type")
            contentType = headerValue;
    }
    m_exchange.status = response.status;
    m_exchange.responseBody = Redaction::bodyExcerpt(m_body, contentType, recordedBodyLimit);
    qCDebug(lcOAuth).noquote() << m_exchange.method << m_exchange.url << "->" << response.status << "in"
                               << m_exchange.durationMs << "ms, body:" << m_exchange.responseBody;
    m_response = std::move(response);
    finish();
}

void EndpointCall::fail(TokenError error)
{
    if (m_done)
        return;
    m_exchange.error = error.message;
    m_exchange.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    if (!m_receivedAt.isValid())
        m_receivedAt = m_clock.nowUtc();
    qCDebug(lcOAuth).noquote() << m_exchange.method << m_exchange.url << "failed:" << error.message;
    m_error = std::move(error);
    finish();
}

void EndpointCall::finish()
{
    if (m_done)
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        if (!m_reply->isFinished())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_done = true;
    Q_EMIT finished(QPrivateSignal());
}

} // namespace Authdesk
