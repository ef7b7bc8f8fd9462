#pragma once

#include "apiresponse.h"

#include "mapping/expression.h"
#include "support/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Authdesk {

// One item of makeApiClient's `responseHandlers` (connector-format.md §6.3):
//
//     responseHandlers:
//       - match: {$eval: {$var: response.data.error}, is: invalid_auth}
//         error: {key: access_token_expired, message: {$var: response.data.error}}
//       - match: {$eval: {$var: response.data.ok}, is: true}
//         isSuccess: true
//         data: {$var: response.data.result}
//
// Every part is a formula evaluated (MappingEvaluator) per response, with the variables of the
// makeApiClient mapping (credentials, ...) plus `response` = {status, statusCode, headers, data} and,
// as shorthands, `status`, `statusCode`, `headers` and `data` at the top level: the documented
// locators read `response.data.*`, and the shorthands let `$var: data.error` work as authors write it
// in other tools. A handler whose `match` is truthy decides the outcome: success (isSuccess truthy,
// with `data` when given) or an error with error.key/message/data.
class ApiResponseHandler
{
public:
    struct Outcome
    {
        bool success = false;
        // success: the handler's data (when it has a `data` formula)
        std::optional<QJsonValue> data;
        // error
        QString key;
        QString message;
        QJsonValue errorData = QJsonValue(QJsonValue::Undefined);
    };

    // A handler item; `field` names it in errors ("responseHandlers[1]").
    static Result<ApiResponseHandler> fromExpression(const Expression &handler, const QString &field);

    // The variables the handlers of a response are evaluated with: `base` (the makeApiClient
    // variables) plus response, status, statusCode, headers and data.
    static QJsonObject variablesFor(const ApiResponse &response, QJsonObject base);

    // Nothing when `match` is not truthy; an Error when a formula cannot be evaluated.
    Result<std::optional<Outcome>> apply(const QJsonObject &variables) const;

    const QString &field() const { return m_field; }
    QJsonValue toJson() const { return m_handler.toJson(); }

private:
    ApiResponseHandler(Expression handler, QString field);

    Expression m_handler;
    QString m_field;
};

} // namespace Authdesk
