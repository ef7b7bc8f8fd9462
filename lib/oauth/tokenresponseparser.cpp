#include "tokenresponseparser.h"

#include "formencoding.h"

#include "support/redaction.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QByteArray mediaType(const EndpointResponse &response)
{
    QByteArray type = response.header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool isFormName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'-' && c != u'.' && c != u'['
            && c != u']')
            return false;
    }
    return true;
}

// A form body that only a sniff finds (text/plain, no type) must look like one: name=value pairs
// with plain names and no raw white space, so that an HTML or text error page is not taken as data.
std::optional<QJsonObject> formObject(const QByteArray &body, bool strict)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (strict) {
        for (const char c : trimmed) {
            if (uchar(c) <= ' ' || c == '<' || c == '{' || c == '"')
                return std::nullopt;
        }
    }
    QJsonObject object;
    for (const auto &[name, value] : FormEncoding::decode(trimmed)) {
        if (strict && !isFormName(name))
            return std::nullopt;
        object.insert(name, value);
    }
    if (object.isEmpty())
        return std::nullopt;
    return object;
}

QString stringMember(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    return {};
}

// Description from a provider, made safe to show: no secrets, no control characters, bounded.
QString shownText(const QString &text)
{
    QString cleaned;
    cleaned.reserve(std::min<qsizetype>(text.size(), 500));
    for (const QChar c : text.left(500))
        cleaned.append(c.isPrint() ? c : u' ');
    return Redaction::text(cleaned);
}

struct BodyError
{
    QString error;
    QString description;
    QString uri;
    bool present = false; // the body says it is an error (error member, ok:false)
};

BodyError bodyError(const QJsonObject &object)
{
    BodyError result;
    const QJsonValue error = object.value("error"_L1);
    if (error.isString() && !error.toString().isEmpty()) {
        result.error = error.toString();
        result.present = true;
    } else if (error.isObject()) {
        // {"error": {"code": ..., "message": ...}} (Google APIs style and others).
        const QJsonObject inner = error.toObject();
        result.error = stringMember(inner, "code"_L1);
        if (result.error.isEmpty())
            result.error = stringMember(inner, "type"_L1);
        if (result.error.isEmpty())
            result.error = stringMember(inner, "status"_L1);
        result.description = stringMember(inner, "message"_L1);
        result.present = true;
    }
    const QJsonValue ok = object.value("ok"_L1);
    if (ok.isBool() && !ok.toBool())
        result.present = true; // Slack: {"ok": false, "error": "invalid_code"}
    if (result.description.isEmpty())
        result.description = stringMember(object, "error_description"_L1);
    if (result.description.isEmpty() && result.present)
        result.description = stringMember(object, "message"_L1);
    result.uri = stringMember(object, "error_uri"_L1);
    return result;
}

QString describe(const TokenError &error)
{
    QString text = u"answered HTTP %1"_s.arg(error.httpStatus);
    if (!error.error.isEmpty())
        text += u" with error \"%1\""_s.arg(shownText(error.error));
    if (!error.errorDescription.isEmpty())
        text += u": "_s + shownText(error.errorDescription);
    if (!error.errorUri.isEmpty())
        text += u" (see %1)"_s.arg(shownText(error.errorUri));
    return text;
}

TokenError errorFrom(const EndpointResponse &response, const std::optional<QJsonObject> &object, const QDateTime &receivedAt)
{
    TokenError error;
    error.httpStatus = response.status;
    error.retryAfter = TokenResponseParser::retryAfter(response.header("retry-after"), receivedAt);
    if (object) {
        const BodyError fromBody = bodyError(*object);
        error.error = fromBody.error;
        error.errorDescription = fromBody.description;
        error.errorUri = fromBody.uri;
        if (fromBody.present && error.error.isEmpty())
            error.error = u"unknown_error"_s; // ok:false without a code
    }
    const int status = response.status;
    if (status == 429 || status >= 500)
        error.kind = TokenError::Kind::Transient;
    else if (const auto kind = TokenError::kindForErrorCode(error.error))
        error.kind = *kind;
    else if (status == 401)
        error.kind = TokenError::Kind::Configuration; // client authentication failed (RFC 6749 §5.2)
    else
        error.kind = TokenError::Kind::Provider;

    if (status >= 300 && status < 400) {
        const QUrl location(QString::fromUtf8(response.header("location")));
        error.message = u"answered HTTP %1, a redirect to \"%2\"; token endpoints must answer directly"_s.arg(status).arg(
            Redaction::url(location).toString());
    } else if (!object && status >= 400 && !response.body.trimmed().isEmpty()) {
        error.message = describe(error) + u" and a body that is neither JSON nor form-encoded (%1)"_s.arg(
                            QString::fromLatin1(mediaType(response).isEmpty() ? "no content type" : mediaType(response)));
    } else {
        error.message = describe(error);
    }
    if (error.retryAfter)
        error.message += u"; retry after %1 s"_s.arg(error.retryAfter->count());
    return error;
}

bool hasAccessToken(const QJsonObject &object)
{
    const QJsonValue token = object.value("access_token"_L1);
    return token.isString() && !token.toString().isEmpty();
}

std::optional<TokenError> sizeError(const EndpointResponse &response)
{
    if (response.body.size() <= TokenResponseParser::maximumBodySize)
        return std::nullopt;
    TokenError error;
    error.kind = TokenError::Kind::Provider;
    error.httpStatus = response.status;
    error.message = u"answered HTTP %1 with a body larger than %2 bytes"_s.arg(response.status).arg(
        TokenResponseParser::maximumBodySize);
    return error;
}

} // namespace

std::optional<QJsonObject> TokenResponseParser::bodyObject(const EndpointResponse &response)
{
    const QByteArray type = mediaType(response);
    if (type == "application/x-www-form-urlencoded")
        return formObject(response.body, false);
    if (type.contains("json"))
        return jsonObject(response.body);
    if (auto object = jsonObject(response.body))
        return object;
    if (type.isEmpty() || type == "text/plain")
        return formObject(response.body, true);
    return std::nullopt;
}

std::optional<std::chrono::seconds> TokenResponseParser::retryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.trimmed().toByteArray();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = text.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0)
            return std::nullopt;
        return std::min(std::chrono::seconds(seconds), maximumRetryAfter);
    }
    // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" (the obsolete forms are not worth the code).
    const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!date.isValid() || !now.isValid())
        return std::nullopt;
    QDateTime utc = date;
    utc.setTimeSpec(Qt::UTC);
    const qint64 delta = now.toUTC().secsTo(utc);
    return std::min(std::chrono::seconds(std::max<qint64>(delta, 0)), maximumRetryAfter);
}

TokenError TokenResponseParser::errorFromResponse(const EndpointResponse &response, const QDateTime &receivedAt)
{
    if (auto tooLarge = sizeError(response))
        return *tooLarge;
    return errorFrom(response, bodyObject(response), receivedAt);
}

Result<TokenResponse, TokenError> TokenResponseParser::parseTokenResponse(const EndpointResponse &response,
    const QDateTime &receivedAt)
{
    if (auto tooLarge = sizeError(response))
        return *tooLarge;
    const std::optional<QJsonObject> object = bodyObject(response);
    if (response.status < 200 || response.status >= 300)
        return errorFrom(response, object, receivedAt);
    if (!object) {
        TokenError error;
        error.httpStatus = response.status;
        error.message = u"answered HTTP %1 with a body that is not a JSON object or form-encoded (%2, %3 bytes)"_s
                            .arg(response.status)
                            .arg(QString::fromLatin1(mediaType(response).isEmpty() ? "no content type" : mediaType(response)))
                            .arg(response.body.size());
        return error;
    }
    if (bodyError(*object).present)
        return errorFrom(response, object, receivedAt); // GitHub's and Slack's errors with 200

    bool found = hasAccessToken(*object);
    for (auto it = object->constBegin(); !found && it != object->constEnd(); ++it)
        found = it.value().isObject() && hasAccessToken(it.value().toObject()); // Slack's authed_user
    if (!found) {
        TokenError error;
        error.httpStatus = response.status;
        error.message = u"answered HTTP %1 without an access_token"_s.arg(response.status);
        return error;
    }
    TokenResponse parsed;
    parsed.fields = *object;
    parsed.receivedAt = receivedAt.toUTC();
    return parsed;
}

std::optional<TokenError> TokenResponseParser::parseRevocationResponse(const EndpointResponse &response,
    const QDateTime &receivedAt)
{
    if (response.status >= 200 && response.status < 300)
        return std::nullopt; // RFC 7009 §2.2: valid and unknown tokens alike; the body does not matter
    return errorFromResponse(response, receivedAt);
}

} // namespace Authdesk
