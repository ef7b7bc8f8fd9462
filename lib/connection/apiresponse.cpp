#include "apiresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// JSON by its media type (application/json, application/vnd.github+json, application/problem+json),
// or by content when the server did not say or said text/plain.
bool mayBeJson(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type.isEmpty() || type == "text/plain" || type.endsWith("/json") || type.endsWith("+json");
}

QJsonValue parseJson(const QByteArray &body)
{
    // Wrapped in an array so that scalars (a bare string or number) parse too.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + body + "\n]", &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().at(0);
}

} // namespace

ApiResponse ApiResponse::fromHttp(int status, QList<std::pair<QByteArray, QByteArray>> headers, QByteArray body)
{
    ApiResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    if (!response.body.trimmed().isEmpty() && mayBeJson(response.header("content-type")))
        response.json = parseJson(response.body);
    if (!response.json.isUndefined())
        response.data = response.json;
    else if (!response.body.isEmpty())
        response.data = QString::fromUtf8(response.body);
    return response;
}

QByteArray ApiResponse::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (QByteArrayView(headerName).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject ApiResponse::headersObject() const
{
    QJsonObject object;
    for (const auto &[name, value] : headers) {
        const QString key = QString::fromLatin1(name).toLower();
        const QString text = QString::fromUtf8(value);
        const QJsonValue previous = object.value(key);
        object.insert(key, previous.isString() ? previous.toString() + u", "_s + text : text);
    }
    return object;
}

QJsonObject ApiResponse::toVariable() const
{
    QJsonObject variable {{u"status"_s, status}, {u"statusCode"_s, status}, {u"headers"_s, headersObject()}};
    if (!data.isUndefined())
        variable.insert(u"data"_s, data);
    return variable;
}

} // namespace Authdesk
