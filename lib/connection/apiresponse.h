#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <utility>

namespace Authdesk {

// What the API answered to one request.
//   json  the body parsed, when it is JSON (a JSON or unlabelled/text content type); else undefined
//   data  what the call returns: a response handler's `data` when one gave it (dataFromHandler),
//         otherwise json, otherwise the body as text (undefined for an empty body)
struct ApiResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;
    QJsonValue json = QJsonValue(QJsonValue::Undefined);
    QJsonValue data = QJsonValue(QJsonValue::Undefined);
    bool dataFromHandler = false;

    // Fills json and data from the body and the Content-Type.
    static ApiResponse fromHttp(int status, QList<std::pair<QByteArray, QByteArray>> headers, QByteArray body);

    // The first header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    // Names lower-cased, repeated headers joined with ", " (as Node's http module shows them).
    QJsonObject headersObject() const;
    // {status, statusCode, headers, data}: the `response` variable of response handlers and of a REST
    // test's responseMapping (connector-format.md §7 names statusCode; status is the SDK's
    // full-response name).
    QJsonObject toVariable() const;
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace Authdesk
