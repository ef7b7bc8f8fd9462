#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace Authdesk {

// One call of `apiClient.get/post/put/patch/delete(...)` in a connector script.
struct ScriptApiRequest
{
    QString method; // GET, POST, PUT, PATCH, DELETE
    QString path; // relative to the client's base URI, or absolute
    QJsonObject query; // merged over the client's default query
    QJsonValue data = QJsonValue(QJsonValue::Undefined); // the body (JSON), undefined when there is none
    QJsonObject headers; // merged over the client's headers
    QJsonObject options; // the rest of the call's options (baseUri, auth, responseType, ...), as given
};

// What the API answered, or why there is no usable answer. A failure carries the SDK's error key
// (access_token_expired, connection_is_defunct, rate_limit_exceeded, or empty for other errors) and
// the status and body when there was a response; the script sees it as a ConnectionError.
struct ScriptApiReply
{
    struct Failure
    {
        QString key;
        QString message;
        QJsonValue data;
    };

    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::optional<Failure> failure;
};

// How the `apiClient` (also `externalApiClient`) argument of a connector method reaches the API. The
// connection layer implements it with its API client (the connector's makeApiClient, the live token,
// a refresh and one retry after a 401, backoff on 429); a method invoked without one gets no apiClient.
// send() is called on the script's thread; `reply` must be called exactly once, on the thread of
// `context` (the script's host object), unless `context` is destroyed first (the script stopped).
class ScriptApiGateway
{
public:
    virtual ~ScriptApiGateway();

    virtual void send(const ScriptApiRequest &request, QObject *context, std::function<void(ScriptApiReply)> reply) = 0;
};

} // namespace Authdesk
