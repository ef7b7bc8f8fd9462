#pragma once

#include "apierror.h"

#include "mapping/expression.h"
#include "support/error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Authdesk {

class ApiClient;
class ApiRequestJob;

// Runs a connector's `test` of type rest-api-mapping (connector-format.md §8) through the
// connection's ApiClient:
//
//     method: GET                  # default GET
//     path: /user
//     query: {fields: id}          # optional; also data (a JSON body) and headers
//     responseMapping:             # optional; without it any 2xx passes
//       $eval: {$var: $.response.data.id}
//       isNotEmpty: true
//
// Everything but responseMapping is evaluated first with `variables` ({credentials,
// connectorParameters, connectionParameters, ...}); responseMapping is evaluated with the same
// variables plus `response` = {status, statusCode, headers, data} (and the top-level shorthands of
// ApiResponseHandler). A truthy result passes. A failed request (after the client's refresh and
// retries) does not pass, with the API error's message.
//
// finished() is emitted exactly once, never inside start(), also after kill().
class RestTestRunner : public QObject
{
    Q_OBJECT

public:
    RestTestRunner(ApiClient *client, Expression test, QJsonObject variables, QObject *parent = nullptr);
    ~RestTestRunner() override;

    void start();
    void kill();

    bool isFinished() const { return m_finished; }
    bool passed() const { return m_passed; }
    // What responseMapping gave (true when there is none and the request succeeded).
    const QJsonValue &value() const { return m_value; }
    // Why the test did not pass, safe to show.
    const std::optional<Error> &error() const { return m_error; }
    // The request's error, when that is why.
    const std::optional<ApiError> &apiError() const { return m_apiError; }

Q_SIGNALS:
    void finished(Authdesk::RestTestRunner *runner, QPrivateSignal);

private:
    void run();
    void onRequestFinished();
    void finishWith(bool passed, std::optional<Error> error);
    QString prefix() const;

    QPointer<ApiClient> m_client;
    Expression m_test;
    QJsonObject m_variables;
    QString m_description; // "GET /user"
    QPointer<ApiRequestJob> m_job;
    QJsonValue m_value = QJsonValue(QJsonValue::Undefined);
    std::optional<Error> m_error;
    std::optional<ApiError> m_apiError;
    bool m_passed = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
