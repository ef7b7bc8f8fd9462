#include "apirequestjob.h"

#include "apiclient.h"
#include "apirequestbuilder.h"

#include "oauth/networkpolicy.h"
#include "support/clock.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const QString accessTokenExpired = u"access_token_expired"_s;
const QString connectionIsDefunct = u"connection_is_defunct"_s;
const QString rateLimitExceeded = u"rate_limit_exceeded"_s;
const QString accessDenied = u"access_denied"_s;

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

// RFC 6750 §3.1: WWW-Authenticate: Bearer error="insufficient_scope", or an OAuth-style JSON body.
bool isInsufficientScope(const ApiResponse &response)
{
    static const QRegularExpression challenge(
        u"error\\s*=\\s*\"?insufficient_scope\"?"_s, QRegularExpression::CaseInsensitiveOption);
    if (challenge.match(QString::fromUtf8(response.header("www-authenticate"))).hasMatch())
        return true;
    return response.json.isObject() && response.json.toObject().value(u"error"_s) == u"insufficient_scope"_s;
}

// The scope a 403 asked for, when the challenge names it.
QString requiredScope(const ApiResponse &response)
{
    static const QRegularExpression scope(u"scope\\s*=\\s*\"([^\"]*)\""_s, QRegularExpression::CaseInsensitiveOption);
    return scope.match(QString::fromUtf8(response.header("www-authenticate"))).captured(1);
}

} // namespace

ApiRequestJob::ApiRequestJob(ApiClient *client, ApiRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
{
}

ApiRequestJob::~ApiRequestJob()
{
    dropReply();
}

void ApiRequestJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // Even a request refused before sending finishes after start() has returned.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            send();
    });
}

void ApiRequestJob::kill()
{
    if (m_finished)
        return;
    if (m_reply)
        record(0, {}, {}, u"cancelled"_s);
    dropReply();
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    error.message = what() + u" was cancelled"_s;
    fail(error);
}

QString ApiRequestJob::what() const
{
    QString path = m_request.path;
    if (const qsizetype question = path.indexOf(u'?'); question >= 0)
        path.truncate(question);
    return ApiClientConfig::connectorPrefix(m_config.connector()) + m_request.method.toUpper() + u' '
        + Redaction::text(path);
}

void ApiRequestJob::send()
{
    m_config = m_client->config();
    m_configGeneration = m_client->configGeneration();
    m_body.clear();
    m_elapsed.start();
    m_exchange = HttpExchange();
    m_exchange.startedAt = m_client->clock().nowUtc();
    m_exchange.method = m_request.method.toUpper();

    const Result<ApiRequestBuilder::Wire> built = ApiRequestBuilder::build(m_config, m_request);
    if (!built) {
        m_exchange.url = Redaction::text(m_request.path);
        record(0, {}, {}, built.error().message);
        ApiError error;
        error.kind = ApiError::Kind::Refused;
        error.message = built.error().message;
        fail(error);
        return;
    }
    const ApiRequestBuilder::Wire &wire = *built;
    m_exchange.url = Redaction::url(wire.url).toString();
    for (const auto &[name, value] : wire.headers) {
        const QString headerName = QString::fromLatin1(name);
        m_exchange.requestHeaders.append({headerName, Redaction::headerValue(headerName, QString::fromUtf8(value))});
    }
    m_exchange.requestBody = Redaction::bodyExcerpt(wire.body, headerText(wire.headers, "content-type"), recordedBodyLimit);

    QNetworkRequest request = NetworkPolicy::request(wire.url, m_client->timeout());
    for (const auto &[name, value] : wire.headers)
        request.setRawHeader(name, value);
    QNetworkAccessManager *network = m_client->networkAccessManager();
    if (wire.method == "GET" && !wire.hasBody)
        m_reply = network->get(request);
    else if (wire.method == "HEAD" && !wire.hasBody)
        m_reply = network->head(request);
    else
        m_reply = network->sendCustomRequest(request, wire.method, wire.body);
    qCDebug(lcConnection).noquote() << m_exchange.method << m_exchange.url;
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ApiRequestJob::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiRequestJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiRequestJob::onReplyFinished);
}

void ApiRequestJob::onMetaDataChanged()
{
    // Refuse an announced oversized body before reading any of it.
    if (m_reply
        && m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() > m_client->maximumResponseBytes())
        onReadyRead();
}

void ApiRequestJob::onReadyRead()
{
    if (m_finished || !m_reply)
        return;
    m_body += m_reply->readAll();
    const qint64 limit = m_client->maximumResponseBytes();
    const qlonglong announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_body.size() <= limit && announced <= limit)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString message = what() + u" answered with a body larger than %1 bytes; it was not read"_s.arg(limit);
    record(status, m_reply->rawHeaderPairs(), {}, message);
    dropReply();
    ApiError error = makeError(ApiError::Kind::TooLarge, {}, message);
    error.status = status;
    error.bodyExcerpt.clear();
    fail(error);
}

void ApiRequestJob::onReplyFinished()
{
    if (m_finished || !m_reply)
        return;
    if (m_reply->isOpen())
        m_body += m_reply->readAll();
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        const QNetworkReply::NetworkError networkError = m_reply->error();
        ApiError::Kind kind = ApiError::Kind::Network;
        QString message;
        if (networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError) {
            // Only the transfer timeout cancels a reply here: kill() disconnects first.
            kind = ApiError::Kind::Timeout;
            message = what() + u": the API did not answer within %1 ms"_s.arg(m_client->timeout().count());
        } else if (networkError == QNetworkReply::SslHandshakeFailedError) {
            message = what()
                + u": the API could not be reached securely: %1"_s.arg(Redaction::text(m_reply->errorString()));
        } else {
            message = what() + u": the API could not be reached: %1"_s.arg(Redaction::text(m_reply->errorString()));
        }
        record(0, {}, {}, message);
        dropReply();
        ApiError error;
        error.kind = kind;
        error.message = message;
        fail(error);
        return;
    }

    QList<std::pair<QByteArray, QByteArray>> headers;
    for (const auto &[name, value] : m_reply->rawHeaderPairs())
        headers.append({name, value});
    m_response = ApiResponse::fromHttp(status.toInt(), headers, std::exchange(m_body, {}));
    record(m_response->status, m_response->headers, m_response->body, {});
    dropReply();
    interpret();
}

void ApiRequestJob::interpret()
{
    ApiResponse &response = *m_response;
    const QString answered = u" answered HTTP %1"_s.arg(response.status);

    // The connector's response handlers come first; the first that matches decides.
    const QList<ApiResponseHandler> &handlers = m_config.responseHandlers();
    if (!handlers.isEmpty()) {
        const QJsonObject variables = ApiResponseHandler::variablesFor(response, m_config.handlerVariables());
        for (const ApiResponseHandler &handler : handlers) {
            const auto outcome = handler.apply(variables);
            if (!outcome) {
                fail(makeError(ApiError::Kind::ResponseHandler, {},
                    what() + answered + u", and makeApiClient's response handler failed: "_s
                        + outcome.error().message));
                return;
            }
            if (!*outcome)
                continue;
            const ApiResponseHandler::Outcome &result = **outcome;
            if (result.success) {
                if (result.data) {
                    response.data = *result.data;
                    response.dataFromHandler = true;
                }
                finish();
                return;
            }
            const QString reason = result.message.isEmpty()
                ? what() + answered + u" (%1 matched)"_s.arg(handler.field())
                : what() + u": "_s + Redaction::text(result.message);
            if (result.key == accessTokenExpired) {
                onTokenRejected(reason);
            } else if (result.key == rateLimitExceeded) {
                onRateLimited(reason);
            } else {
                ApiError error = makeError(ApiError::Kind::ResponseHandler, result.key, reason);
                error.data = result.errorData;
                fail(error);
            }
            return;
        }
    }

    if (response.isSuccess()) {
        finish();
        return;
    }
    switch (response.status) {
    case 401:
        if (isInsufficientScope(response)) {
            fail(makeError(ApiError::Kind::InsufficientScope, accessDenied,
                what() + answered + u": the token lacks a scope this call needs; connect again granting it"_s));
            return;
        }
        onTokenRejected(what() + answered + u": the access token was rejected"_s);
        return;
    case 403:
        if (isInsufficientScope(response)) {
            const QString scope = requiredScope(response);
            fail(makeError(ApiError::Kind::InsufficientScope, accessDenied,
                what() + answered
                    + u": the token lacks a scope this call needs%1; connect again granting it"_s.arg(
                        scope.isEmpty() ? QString() : u" (%1)"_s.arg(scope))));
            return;
        }
        break;
    case 429:
        onRateLimited(what() + answered + u" (rate limited)"_s);
        return;
    default:
        break;
    }
    QString message = what() + answered;
    if (response.status >= 300 && response.status < 400)
        message += u" (redirects are not followed)"_s;
    const QByteArray excerpt = ApiError::excerpt(response.body, QString::fromUtf8(response.header("content-type")));
    if (!excerpt.isEmpty())
        message += u": "_s + QString::fromUtf8(excerpt);
    fail(makeError(ApiError::Kind::HttpStatus, {}, message));
}

void ApiRequestJob::onTokenRejected(const QString &reason)
{
    if (m_renewedCredentials) {
        fail(
            makeError(ApiError::Kind::Unauthorized, accessTokenExpired, reason + u", again after fresh credentials"_s));
        return;
    }
    if (!m_client->credentialsRefresher() && m_client->configGeneration() == m_configGeneration) {
        fail(makeError(ApiError::Kind::Unauthorized, accessTokenExpired,
            reason + u", and the connection has no way to refresh it"_s));
        return;
    }
    m_renewedCredentials = true;
    m_client->renewCredentials(m_configGeneration, this, [this, reason](std::optional<Error> failure) {
        if (m_finished)
            return;
        if (!failure) {
            send();
            return;
        }
        const bool grantGone = failure->providerError == u"invalid_grant";
        fail(makeError(ApiError::Kind::RefreshFailed, grantGone ? connectionIsDefunct : accessTokenExpired,
            reason + u", and refreshing it failed: "_s + Redaction::text(failure->message)));
    });
}

void ApiRequestJob::onRateLimited(const QString &reason)
{
    const ApiRetryPolicy &policy = m_client->retryPolicy();
    const ApiRetryPolicy::Decision decision = policy.decide(m_rateLimitRetries, m_response->header("retry-after"),
        m_client->clock().nowUtc(), QRandomGenerator::global()->generateDouble());
    if (!decision.retry) {
        QString message = reason;
        if (m_rateLimitRetries > 0)
            message += u" after %1 retries"_s.arg(m_rateLimitRetries);
        if (decision.retryAfter && *decision.retryAfter > policy.maximumDelay)
            message += u"; the API asks to wait %1 s"_s.arg(decision.retryAfter->count());
        ApiError error = makeError(ApiError::Kind::RateLimited, rateLimitExceeded, message);
        error.retryAfter = decision.retryAfter;
        fail(error);
        return;
    }
    ++m_rateLimitRetries;
    qCInfo(lcConnection).noquote() << reason
                                   << u"; retry %1 of %2 in %3 ms"_s.arg(m_rateLimitRetries)
                                          .arg(policy.maximumRetries)
                                          .arg(decision.delay.count());
    m_client->delay(decision.delay, this, [this] {
        if (!m_finished)
            send();
    });
}

void ApiRequestJob::record(
    int status, const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body, const QString &error)
{
    m_exchange.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    m_exchange.status = status;
    m_exchange.error = error;
    for (const auto &[name, value] : headers) {
        const QString headerName = QString::fromLatin1(name).toLower();
        m_exchange.responseHeaders.append({headerName, Redaction::headerValue(headerName, QString::fromUtf8(value))});
    }
    m_exchange.responseBody = Redaction::bodyExcerpt(body, headerText(headers, "content-type"), recordedBodyLimit);
    qCDebug(lcConnection).noquote() << m_exchange.method << m_exchange.url << "->" << status << "in"
                                    << m_exchange.durationMs << "ms" << error;
    m_exchanges.append(m_exchange);
    Q_EMIT exchangeRecorded(m_exchange);
    m_client->recordExchange(m_exchange);
}

ApiError ApiRequestJob::makeError(ApiError::Kind kind, const QString &key, const QString &message) const
{
    ApiError error;
    error.kind = kind;
    error.key = key;
    error.message = message;
    if (m_response) {
        error.status = m_response->status;
        error.bodyExcerpt = ApiError::excerpt(m_response->body, QString::fromUtf8(m_response->header("content-type")));
    }
    return error;
}

void ApiRequestJob::fail(ApiError error)
{
    if (m_finished)
        return;
    m_error = std::move(error);
    finish();
}

void ApiRequestJob::finish()
{
    if (m_finished)
        return;
    dropReply();
    m_finished = true;
    if (m_error)
        qCInfo(lcConnection).noquote() << "API request failed:" << m_error->toString();
    Q_EMIT finished(this, QPrivateSignal());
}

void ApiRequestJob::dropReply()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    if (!m_reply->isFinished())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

} // namespace Authdesk
