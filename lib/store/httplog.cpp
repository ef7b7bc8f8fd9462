#include "httplog.h"

#include "connectionrecord.h"
#include "jsonfile.h"
#include "profile.h"

#include "support/logging.h"
#include "support/redaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QPromise>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>
#include <QThreadPool>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const auto privateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString headerValue(const QList<QPair<QString, QString>> &headers, QStringView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QPair<QString, QString>> redactedHeaders(const QList<QPair<QString, QString>> &headers)
{
    QList<QPair<QString, QString>> result;
    result.reserve(headers.size());
    for (const auto &[name, value] : headers)
        result.append({name, Redaction::headerValue(name, value)});
    return result;
}

QJsonArray headersToJson(const QList<QPair<QString, QString>> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray {name, value});
    return array;
}

std::optional<QList<QPair<QString, QString>>> headersFromJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return QList<QPair<QString, QString>>();
    if (!value.isArray())
        return std::nullopt;
    QList<QPair<QString, QString>> headers;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonArray pair = item.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return std::nullopt;
        headers.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return headers;
}

// Bodies are mostly JSON or form text; a binary one is kept as base64 so the line stays JSON.
void putBody(QJsonObject &object, const QString &key, const QByteArray &body)
{
    if (body.isEmpty())
        return;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(body);
    if (!decoder.hasError())
        object.insert(key, text);
    else
        object.insert(QString(key + u"Base64"_s), QString::fromLatin1(body.toBase64()));
}

QByteArray takeBody(const QJsonObject &object, const QString &key)
{
    if (const QJsonValue text = object.value(key); text.isString())
        return text.toString().toUtf8();
    return QByteArray::fromBase64(object.value(QString(key + u"Base64"_s)).toString().toLatin1());
}

QByteArray lineOf(const HttpExchange &exchange)
{
    return QJsonDocument(HttpLog::toJson(exchange)).toJson(QJsonDocument::Compact);
}

// One thread, so that the file operations run in the order they were asked for.
QThreadPool &queue()
{
    static QThreadPool *pool = [] {
        auto *threads = new QThreadPool;
        threads->setMaxThreadCount(1);
        threads->setObjectName(u"HttpLog"_s);
        // Pending records are written before the process ends.
        qAddPostRoutine([] { queue().waitForDone(); });
        return threads;
    }();
    return *pool;
}

template <typename T> QFuture<T> runQueued(std::function<T()> work)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    queue().start([promise, work = std::move(work)] {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}

} // namespace

HttpLog::HttpLog(QString filePath, int limit)
    : m_filePath(std::move(filePath))
    , m_limit(qMax(1, limit))
{
}

QString HttpLog::directory(const Profile &profile)
{
    return profile.dataDir() + u"/httplog"_s;
}

HttpLog HttpLog::forConnection(const Profile &profile, const QString &connectionId, int limit)
{
    // Ids are UUIDs; anything else is kept to a safe file name all the same.
    QString name = connectionId;
    for (QChar &c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_')
            c = u'_';
    }
    return HttpLog(directory(profile) + u'/' + name + u".jsonl"_s, limit);
}

HttpExchange HttpLog::redacted(const HttpExchange &exchange)
{
    HttpExchange result = exchange;
    result.method = exchange.method.toUpper();
    result.url = Redaction::url(QUrl(exchange.url)).toString();
    result.requestHeaders = redactedHeaders(exchange.requestHeaders);
    result.responseHeaders = redactedHeaders(exchange.responseHeaders);
    result.requestBody = Redaction::body(exchange.requestBody, headerValue(exchange.requestHeaders, u"content-type"));
    result.responseBody
        = Redaction::body(exchange.responseBody, headerValue(exchange.responseHeaders, u"content-type"));
    result.error = Redaction::text(exchange.error);
    return result;
}

QJsonObject HttpLog::toJson(const HttpExchange &exchange)
{
    QJsonObject request {{u"headers"_s, headersToJson(exchange.requestHeaders)}};
    putBody(request, u"body"_s, exchange.requestBody);
    QJsonObject response {{u"headers"_s, headersToJson(exchange.responseHeaders)}};
    putBody(response, u"body"_s, exchange.responseBody);
    QJsonObject object {
        {u"time"_s, exchange.startedAt.isValid() ? ConnectionRecord::formatTime(exchange.startedAt) : QString()},
        {u"durationMs"_s, double(exchange.durationMs)}, {u"method"_s, exchange.method}, {u"url"_s, exchange.url},
        {u"status"_s, exchange.status}, {u"request"_s, request}, {u"response"_s, response}};
    if (!exchange.error.isEmpty())
        object.insert(u"error"_s, exchange.error);
    return object;
}

std::optional<HttpExchange> HttpLog::fromJson(const QJsonObject &json)
{
    if (!json.value(u"method"_s).isString() || !json.value(u"url"_s).isString())
        return std::nullopt;
    HttpExchange exchange;
    exchange.startedAt = QDateTime::fromString(json.value(u"time"_s).toString(), Qt::ISODateWithMs);
    exchange.durationMs = qint64(json.value(u"durationMs"_s).toDouble());
    exchange.method = json.value(u"method"_s).toString();
    exchange.url = json.value(u"url"_s).toString();
    exchange.status = json.value(u"status"_s).toInt();
    exchange.error = json.value(u"error"_s).toString();
    const QJsonObject request = json.value(u"request"_s).toObject();
    const QJsonObject response = json.value(u"response"_s).toObject();
    const auto requestHeaders = headersFromJson(request.value(u"headers"_s));
    const auto responseHeaders = headersFromJson(response.value(u"headers"_s));
    if (!requestHeaders || !responseHeaders)
        return std::nullopt;
    exchange.requestHeaders = *requestHeaders;
    exchange.responseHeaders = *responseHeaders;
    exchange.requestBody = takeBody(request, u"body"_s);
    exchange.responseBody = takeBody(response, u"body"_s);
    return exchange;
}

Result<QList<QByteArray>> HttpLog::readLines(bool *endsWithNewline) const
{
    QFile file(m_filePath);
    if (!file.exists()) {
        *endsWithNewline = true;
        return QList<QByteArray>();
    }
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, u"cannot read the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
    const QByteArray data = file.readAll();
    *endsWithNewline = data.isEmpty() || data.endsWith('\n');
    QList<QByteArray> lines = data.split('\n');
    lines.removeIf([](const QByteArray &line) { return line.trimmed().isEmpty(); });
    return lines;
}

Result<HttpLog::Contents> HttpLog::read() const
{
    bool endsWithNewline = true;
    const auto lines = readLines(&endsWithNewline);
    if (!lines)
        return lines.error();
    Contents contents;
    int number = 0;
    for (const QByteArray &line : *lines) {
        ++number;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        std::optional<HttpExchange> exchange;
        if (error.error == QJsonParseError::NoError && document.isObject())
            exchange = fromJson(document.object());
        if (!exchange) {
            // A crash mid-append, or a hand edit: the rest of the log is still worth showing.
            ++contents.damagedLines;
            qCWarning(lcStore).noquote() << "skipping damaged entry" << number << "of the HTTP log" << m_filePath;
            continue;
        }
        contents.entries.append(*exchange);
    }
    if (contents.entries.size() > m_limit)
        contents.entries = contents.entries.mid(contents.entries.size() - m_limit);
    return contents;
}

Result<int> HttpLog::append(const QList<HttpExchange> &exchanges) const
{
    if (exchanges.isEmpty())
        return 0;
    if (const auto folder = Profile::ensurePrivateDir(QFileInfo(m_filePath).absolutePath()); !folder)
        return folder.error();
    const auto lock = JsonFile::lock(m_filePath);
    if (!lock)
        return lock.error();
    bool endsWithNewline = true;
    auto lines = readLines(&endsWithNewline);
    if (!lines)
        return lines.error();

    QSet<QByteArray> present(lines->cbegin(), lines->cend());
    QList<QByteArray> added;
    for (const HttpExchange &exchange : exchanges) {
        const QByteArray line = lineOf(redacted(exchange));
        if (present.contains(line))
            continue;
        present.insert(line);
        added.append(line);
    }
    if (added.isEmpty())
        return 0;

    const qsizetype total = lines->size() + added.size();
    if (total > m_limit + m_limit / 4) {
        // Trim: the newest `limit` entries, written atomically.
        QList<QByteArray> kept = *lines + added;
        kept = kept.mid(kept.size() - m_limit);
        QSaveFile file(m_filePath);
        if (!file.open(QIODevice::WriteOnly))
            return Error(
                ErrorCode::Internal, u"cannot write the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
        file.setPermissions(privateFile);
        for (const QByteArray &line : std::as_const(kept))
            file.write(line + '\n');
        if (!file.commit())
            return Error(
                ErrorCode::Internal, u"cannot write the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
        return int(added.size());
    }

    QFile file(m_filePath);
    const bool created = !file.exists();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return Error(ErrorCode::Internal, u"cannot write the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
    if (created)
        file.setPermissions(privateFile);
    // A partial last line (an interrupted append) is ended, so that it stays one damaged line.
    QByteArray data = endsWithNewline ? QByteArray() : QByteArray("\n");
    for (const QByteArray &line : std::as_const(added))
        data += line + '\n';
    if (file.write(data) != data.size() || !file.flush())
        return Error(ErrorCode::Internal, u"cannot write the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
    return int(added.size());
}

Result<bool> HttpLog::clear() const
{
    if (!QFile::exists(m_filePath))
        return true;
    const auto lock = JsonFile::lock(m_filePath);
    if (!lock)
        return lock.error();
    QFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(ErrorCode::Internal, u"cannot clear the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
    qCInfo(lcStore).noquote() << "cleared the HTTP log" << m_filePath;
    return true;
}

Result<bool> HttpLog::remove() const
{
    if (!QFile::exists(m_filePath))
        return true;
    const auto lock = JsonFile::lock(m_filePath);
    if (!lock)
        return lock.error();
    QFile file(m_filePath);
    if (!file.remove())
        return Error(ErrorCode::Internal, u"cannot delete the HTTP log %1: %2"_s.arg(m_filePath, file.errorString()));
    return true;
}

void HttpLog::record(const Profile &profile, const QString &connectionId, const QList<HttpExchange> &exchanges)
{
    if (connectionId.isEmpty() || exchanges.isEmpty())
        return;
    const HttpLog log = forConnection(profile, connectionId);
    queue().start([log, exchanges] {
        if (const auto appended = log.append(exchanges); !appended)
            qCWarning(lcStore).noquote() << "the HTTP log was not written:" << appended.error().message;
    });
}

void HttpLog::forget(const Profile &profile, const QString &connectionId)
{
    if (connectionId.isEmpty())
        return;
    const HttpLog log = forConnection(profile, connectionId);
    queue().start([log] {
        if (const auto removed = log.remove(); !removed)
            qCWarning(lcStore).noquote() << "the HTTP log was not deleted:" << removed.error().message;
    });
}

QFuture<Result<bool>> HttpLog::clearLater() const
{
    const HttpLog log = *this;
    return runQueued<Result<bool>>([log] { return log.clear(); });
}

QFuture<Result<HttpLog::Contents>> HttpLog::readLater() const
{
    const HttpLog log = *this;
    return runQueued<Result<Contents>>([log] { return log.read(); });
}

void HttpLog::flush()
{
    queue().waitForDone();
}

} // namespace Authdesk
