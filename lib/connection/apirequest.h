#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

namespace Authdesk {

// HTTP Basic credentials (makeApiClient's `auth: {username, password}`), sent as
// `Authorization: Basic base64(utf8(username ":" password))`, as axios does.
struct ApiBasicAuth
{
    QString username;
    QString password;
};

// The body of an API request: none, JSON (sent with Content-Type: application/json unless the call
// names another type), or raw bytes with their content type.
struct ApiRequestBody
{
    enum class Kind { None, Json, Raw };

    Kind kind = Kind::None;
    QJsonValue json;
    QByteArray bytes;
    QByteArray contentType;

    static ApiRequestBody none() { return {}; }
    static ApiRequestBody fromJson(QJsonValue value) { return {Kind::Json, std::move(value), {}, {}}; }
    static ApiRequestBody raw(QByteArray data, QByteArray type)
    {
        return {Kind::Raw, {}, std::move(data), std::move(type)};
    }
};

// How the caller wants one request treated (connector-format.md §6.3 call options, plus Authdesk's
// allowOtherOrigin).
struct ApiRequestOptions
{
    enum class ResponseType { Json, Text, ArrayBuffer };

    // For the JavaScript side (js/host.js reads them again): the whole response instead of the body,
    // and how to decode the body. C++ callers always get the whole ApiResponse.
    bool returnFullResponse = false;
    ResponseType responseType = ResponseType::Json;
    // Replaces the client's base URI for this call; like an absolute path it must keep the base URI's
    // origin unless allowOtherOrigin is set.
    std::optional<QUrl> baseUri;
    // Replaces the client's `auth`.
    std::optional<ApiBasicAuth> auth;
    // A URL of another origin (scheme, host, port) than the client's base URI is refused by default:
    // the client's headers carry the connection's token, which must not go to another server. With
    // this set, such a request is sent, but WITHOUT the client's headers, auth and default query: only
    // what the call itself gives.
    bool allowOtherOrigin = false;
};

// One call of the API client: `GET /user`, `POST /items {json}` ...
//   method   GET POST PUT PATCH DELETE HEAD OPTIONS (any case)
//   path     joined to the base URI ("/user" under "https://api.example.com/v1" is
//            https://api.example.com/v1/user), or an absolute URL of the same origin; may carry a
//            query of its own, which wins over `query`
//   query    merged over the client's default query (the call wins); values as JavaScript's String()
//            gives them, arrays as repeated parameters, null/undefined left out
//   headers  merged over the client's headers (the call wins; names compared case-insensitively)
struct ApiRequest
{
    QString method = QStringLiteral("GET");
    QString path;
    QJsonObject query;
    QJsonObject headers;
    ApiRequestBody body;
    ApiRequestOptions options;

    static ApiRequest make(QString method, QString path, ApiRequestBody body = {}, QJsonObject query = {})
    {
        ApiRequest request;
        request.method = std::move(method);
        request.path = std::move(path);
        request.body = std::move(body);
        request.query = std::move(query);
        return request;
    }
};

} // namespace Authdesk
