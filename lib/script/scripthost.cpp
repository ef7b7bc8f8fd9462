#include "scripthost.h"

#include "support/logging.h"
#include "support/redaction.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <vector>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr qsizetype recordedBodyLimit = 64 * 1024;

std::optional<QCryptographicHash::Algorithm> hashAlgorithm(const QString &name)
{
    if (name == u"sha1")
        return QCryptographicHash::Sha1;
    if (name == u"sha256")
        return QCryptographicHash::Sha256;
    if (name == u"sha384")
        return QCryptographicHash::Sha384;
    if (name == u"sha512")
        return QCryptographicHash::Sha512;
    if (name == u"md5")
        return QCryptographicHash::Md5;
    return std::nullopt;
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

ScriptHost::ScriptHost(QJSEngine *engine, const ScriptInvocation &invocation, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_invocation(invocation)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_network->setAutoDeleteReplies(false);
}

ScriptHost::~ScriptHost()
{
    shutdown();
}

void ScriptHost::shutdown()
{
    m_shutDown = true;
    for (QTimer *timer : std::as_const(m_timers))
        delete timer;
    m_timers.clear();
    m_timerCallbacks.clear();
    const auto fetches = std::exchange(m_fetches, {});
    for (const PendingFetch &pending : fetches) {
        if (pending.reply) {
            pending.reply->disconnect(this);
            pending.reply->abort();
            pending.reply->deleteLater();
        }
    }
}

void ScriptHost::call(QJSValue callback, const QJSValueList &arguments)
{
    if (m_shutDown || !callback.isCallable())
        return;
    QJSValue argumentArray = m_engine->newArray(quint32(arguments.size()));
    for (qsizetype i = 0; i < arguments.size(); ++i)
        argumentArray.setProperty(quint32(i), arguments.at(i));
    const QJSValue outcome = m_engine->globalObject().property(u"__authdeskInvoke"_s).call({callback, QJSValue(), argumentArray});
    if (m_engine->hasError())
        Q_EMIT uncaughtException(m_engine->catchError());
    else if (!outcome.property(u"ok"_s).toBool())
        Q_EMIT uncaughtException(outcome.property(u"error"_s));
}

void ScriptHost::apiRequest(const QJSValue &request, const QJSValue &callback)
{
    const auto json = [this](const QJSValue &value) {
        // JSON.stringify's view of the value: what a request body or query can carry.
        const QJSValue text = m_engine->globalObject().property(u"JSON"_s).property(u"stringify"_s).call({value});
        if (!text.isString())
            return QJsonValue(QJsonValue::Undefined);
        return QJsonDocument::fromJson("[" + text.toString().toUtf8() + "]").array().at(0);
    };
    ScriptApiRequest apiRequest;
    apiRequest.method = request.property(u"method"_s).toString().toUpper();
    apiRequest.path = request.property(u"path"_s).toString();
    apiRequest.query = json(request.property(u"query"_s)).toObject();
    apiRequest.data = json(request.property(u"data"_s));
    apiRequest.headers = json(request.property(u"headers"_s)).toObject();
    apiRequest.options = json(request.property(u"options"_s)).toObject();
    if (!m_invocation.apiGateway) {
        ScriptApiReply reply;
        reply.failure = ScriptApiReply::Failure{{}, u"this method was called without an API client"_s, {}};
        QTimer::singleShot(0, this, [this, callback, reply] { deliverApiReply(callback, reply); });
        return;
    }
    m_invocation.apiGateway->send(apiRequest, this, [this, callback](const ScriptApiReply &reply) {
        // The gateway calls on this object's thread; it may answer at once, inside send(): a promise
        // callback must not run inside the call that created the promise's request, so defer.
        QTimer::singleShot(0, this, [this, callback, reply] { deliverApiReply(callback, reply); });
    });
}

void ScriptHost::deliverApiReply(const QJSValue &callback, const ScriptApiReply &reply)
{
    QJSValue result = m_engine->newObject();
    if (reply.failure) {
        QJSValue failure = m_engine->newObject();
        failure.setProperty(u"key"_s, reply.failure->key);
        failure.setProperty(u"message"_s, reply.failure->message);
        failure.setProperty(u"data"_s, m_engine->toScriptValue(reply.failure->data.toVariant()));
        result.setProperty(u"failure"_s, failure);
    }
    result.setProperty(u"status"_s, reply.status);
    QJSValue headers = m_engine->newArray(quint32(reply.headers.size()));
    for (qsizetype i = 0; i < reply.headers.size(); ++i) {
        QJSValue pair = m_engine->newArray(2);
        pair.setProperty(0, QString::fromLatin1(reply.headers.at(i).first).toLower());
        pair.setProperty(1, QString::fromUtf8(reply.headers.at(i).second));
        headers.setProperty(quint32(i), pair);
    }
    result.setProperty(u"headers"_s, headers);
    result.setProperty(u"body"_s, QString::fromLatin1(reply.body.toBase64()));
    call(callback, {result});
}

int ScriptHost::setTimer(int milliseconds, bool repeat, const QJSValue &callback)
{
    const int id = nextId();
    auto *timer = new QTimer(this);
    timer->setSingleShot(!repeat);
    timer->setInterval(std::max(0, milliseconds));
    m_timers.insert(id, timer);
    m_timerCallbacks.insert(id, callback);
    connect(timer, &QTimer::timeout, this, [this, id, repeat] {
        const QJSValue timerCallback = m_timerCallbacks.value(id);
        if (!repeat)
            clearTimer(id);
        call(timerCallback, {});
    });
    timer->start();
    return id;
}

void ScriptHost::clearTimer(int id)
{
    m_timerCallbacks.remove(id);
    if (QTimer *timer = m_timers.take(id))
        timer->deleteLater();
}

void ScriptHost::log(const QString &level, const QString &text)
{
    if (m_logTruncated)
        return;
    const QString redacted = Redaction::text(text);
    m_logBytes += redacted.size() * 2;
    if (m_logBytes > m_invocation.maximumLogBytes) {
        m_logTruncated = true;
        m_log.append({QDateTime::currentDateTimeUtc(), u"warn"_s,
            u"[console output truncated after %1 bytes]"_s.arg(m_invocation.maximumLogBytes)});
        return;
    }
    qCDebug(lcScript) << m_invocation.fileName << level << redacted;
    m_log.append({QDateTime::currentDateTimeUtc(), level, redacted});
}

QString ScriptHost::digest(const QString &algorithm, const QString &dataBase64)
{
    const auto hash = hashAlgorithm(algorithm);
    if (!hash) {
        m_engine->throwError(QJSValue::GenericError, u"Digest method not supported"_s);
        return {};
    }
    return QString::fromLatin1(QCryptographicHash::hash(QByteArray::fromBase64(dataBase64.toLatin1()), *hash).toBase64());
}

QString ScriptHost::hmac(const QString &algorithm, const QString &keyBase64, const QString &dataBase64)
{
    const auto hash = hashAlgorithm(algorithm);
    if (!hash) {
        m_engine->throwError(QJSValue::GenericError, u"Invalid digest: %1"_s.arg(algorithm));
        return {};
    }
    return QString::fromLatin1(QMessageAuthenticationCode::hash(QByteArray::fromBase64(dataBase64.toLatin1()),
        QByteArray::fromBase64(keyBase64.toLatin1()), *hash)
                                   .toBase64());
}

QString ScriptHost::randomBytes(int size)
{
    if (size < 0 || size > 64 * 1024 * 1024) {
        m_engine->throwError(QJSValue::RangeError, u"The value of \"size\" is out of range."_s);
        return {};
    }
    std::vector<quint32> words(size_t(size) / 4 + 1);
    QRandomGenerator::system()->generate(words.begin(), words.end());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), size);
    return QString::fromLatin1(bytes.toBase64());
}

QString ScriptHost::randomUUID()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void ScriptHost::settle(bool fulfilled, const QJSValue &value)
{
    Q_EMIT settled(fulfilled, value);
}

void ScriptHost::failFetchLater(const QJSValue &callback, const QString &error, qsizetype exchange)
{
    if (exchange >= 0)
        m_exchanges[exchange].error = error;
    // Callbacks never run inside the call that registered them (like a real network error).
    QTimer::singleShot(0, this, [this, callback, error] {
        QJSValue result = m_engine->newObject();
        result.setProperty(u"error"_s, error);
        call(callback, {result});
    });
}

int ScriptHost::fetch(const QJSValue &request, const QJSValue &callback)
{
    const int id = nextId();
    const QString method = request.property(u"method"_s).toString();
    const QUrl url(request.property(u"url"_s).toString(), QUrl::StrictMode);

    HttpExchange exchange;
    exchange.startedAt = QDateTime::currentDateTimeUtc();
    exchange.method = method;
    exchange.url = Redaction::url(url).toString();
    QNetworkRequest networkRequest(url);
    QString contentType;
    const QJSValue headers = request.property(u"headers"_s);
    const int headerCount = headers.property(u"length"_s).toInt();
    for (int i = 0; i < headerCount; ++i) {
        const QJSValue pair = headers.property(quint32(i));
        const QString name = pair.property(0).toString();
        const QString value = pair.property(1).toString();
        networkRequest.setRawHeader(name.toUtf8(), value.toUtf8());
        exchange.requestHeaders.append({name, Redaction::headerValue(name, value)});
        if (name.compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    const QJSValue bodyValue = request.property(u"body"_s);
    const QByteArray body = bodyValue.isString() ? QByteArray::fromBase64(bodyValue.toString().toLatin1()) : QByteArray();
    exchange.requestBody = Redaction::bodyExcerpt(body, contentType, recordedBodyLimit);
    m_exchanges.append(exchange);
    const qsizetype exchangeIndex = m_exchanges.size() - 1;

    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        failFetchLater(callback, u"invalid URL \"%1\""_s.arg(Redaction::url(url).toString()), exchangeIndex);
        return id;
    }
    if (scheme != u"https" && !(scheme == u"http" && isLoopback(url))) {
        failFetchLater(callback,
            scheme == u"http" ? u"refused to send a request over plain http:// to %1 (only https:// or loopback)"_s.arg(url.host())
                              : u"unsupported URL scheme \"%1\""_s.arg(scheme),
            exchangeIndex);
        return id;
    }

    const QString redirect = request.property(u"redirect"_s).toString();
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
        redirect == u"follow" ? QNetworkRequest::NoLessSafeRedirectPolicy : QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    if (!networkRequest.hasRawHeader("User-Agent"))
        networkRequest.setRawHeader("User-Agent", "Authdesk");

    QNetworkReply *reply = m_network->sendCustomRequest(networkRequest, method.toLatin1(), body);
    PendingFetch pending;
    pending.reply = reply;
    pending.callback = callback;
    pending.exchange = exchangeIndex;
    pending.redirectMode = redirect;
    pending.timer.start();
    m_fetches.insert(id, pending);

    connect(reply, &QNetworkReply::readyRead, this, [this, id] {
        auto it = m_fetches.find(id);
        if (it == m_fetches.end() || !it->reply)
            return;
        it->body += it->reply->readAll();
        if (it->body.size() > m_invocation.maximumResponseBytes) {
            it->reply->disconnect(this);
            it->reply->abort();
            finishFetch(id, u"the response is larger than %1 bytes"_s.arg(m_invocation.maximumResponseBytes));
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, id] { finishFetch(id, QString()); });
    return id;
}

void ScriptHost::abortFetch(int id)
{
    const PendingFetch pending = m_fetches.take(id);
    if (pending.reply) {
        pending.reply->disconnect(this);
        pending.reply->abort();
        pending.reply->deleteLater();
    }
    if (pending.exchange >= 0)
        m_exchanges[pending.exchange].error = u"aborted"_s;
}

void ScriptHost::finishFetch(int id, const QString &limitError)
{
    PendingFetch pending = m_fetches.take(id);
    QNetworkReply *reply = pending.reply;
    if (!reply)
        return;
    reply->deleteLater();
    HttpExchange &exchange = m_exchanges[pending.exchange];
    exchange.durationMs = pending.timer.elapsed();
    pending.body += reply->readAll();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    QString error = limitError;
    // HTTP error statuses are responses, not failures; only transport errors fail fetch.
    if (error.isEmpty() && !status.isValid() && reply->error() != QNetworkReply::NoError)
        error = reply->errorString();
    const int statusCode = status.toInt();
    if (error.isEmpty() && pending.redirectMode == u"error" && statusCode >= 300 && statusCode < 400)
        error = u"unexpected redirect"_s;
    if (!error.isEmpty()) {
        exchange.error = error;
        QJSValue result = m_engine->newObject();
        result.setProperty(u"error"_s, error);
        call(pending.callback, {result});
        return;
    }

    QJSValue headers = m_engine->newArray();
    quint32 index = 0;
    QString contentType;
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        const QString headerName = QString::fromLatin1(name).toLower();
        const QString headerValue = QString::fromUtf8(value);
        QJSValue pair = m_engine->newArray(2);
        pair.setProperty(0, headerName);
        pair.setProperty(1, headerValue);
        headers.setProperty(index++, pair);
        exchange.responseHeaders.append({headerName, Redaction::headerValue(headerName, headerValue)});
        if (headerName == u"content-type")
            contentType = headerValue;
    }
    exchange.status = statusCode;
    exchange.responseBody = Redaction::bodyExcerpt(pending.body, contentType, recordedBodyLimit);

    QJSValue result = m_engine->newObject();
    result.setProperty(u"status"_s, statusCode);
    result.setProperty(u"statusText"_s, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    result.setProperty(u"url"_s, reply->url().toString(QUrl::FullyEncoded));
    result.setProperty(u"redirected"_s, reply->url() != reply->request().url());
    result.setProperty(u"headers"_s, headers);
    result.setProperty(u"body"_s, QString::fromLatin1(pending.body.toBase64()));
    call(pending.callback, {result});
}

} // namespace Authdesk
