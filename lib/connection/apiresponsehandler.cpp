#include "apiresponsehandler.h"

#include "mapping/jssemantics.h"
#include "mapping/mappingevaluator.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

ApiResponseHandler::ApiResponseHandler(Expression handler, QString field)
    : m_handler(std::move(handler))
    , m_field(std::move(field))
{
}

Result<ApiResponseHandler> ApiResponseHandler::fromExpression(const Expression &handler, const QString &field)
{
    if (handler.kind() != Expression::Kind::Object)
        return Error(ErrorCode::Validation, u"%1 must be an object with match, isSuccess, data or error"_s.arg(field));
    if (!handler.member(u"match"))
        return Error(ErrorCode::Validation, u"%1 has no match"_s.arg(field));
    if (const Expression *error = handler.member(u"error");
        error && error->kind() != Expression::Kind::Object && error->kind() != Expression::Kind::Formula)
        return Error(ErrorCode::Validation, u"%1.error must be an object with message, key and data"_s.arg(field));
    return ApiResponseHandler(handler, field);
}

QJsonObject ApiResponseHandler::variablesFor(const ApiResponse &response, QJsonObject base)
{
    const QJsonObject variable = response.toVariable();
    base.insert(u"response"_s, variable);
    for (auto it = variable.begin(); it != variable.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

Result<std::optional<ApiResponseHandler::Outcome>> ApiResponseHandler::apply(const QJsonObject &variables) const
{
    const MappingEvaluator evaluator(variables);
    const auto evaluate = [&](QStringView part) -> Result<QJsonValue> {
        const Expression *expression = m_handler.member(part);
        if (!expression)
            return QJsonValue(QJsonValue::Undefined);
        Result<QJsonValue> value = evaluator.evaluate(*expression);
        if (!value)
            return Error(ErrorCode::Validation, u"%1.%2: %3"_s.arg(m_field, part, value.error().message));
        return value;
    };

    const Result<QJsonValue> match = evaluate(u"match");
    if (!match)
        return match.error();
    if (!JsSemantics::isTruthy(*match))
        return std::optional<Outcome>();

    Outcome outcome;
    const Result<QJsonValue> isSuccess = evaluate(u"isSuccess");
    if (!isSuccess)
        return isSuccess.error();
    outcome.success = JsSemantics::isTruthy(*isSuccess);
    if (outcome.success) {
        if (m_handler.member(u"data")) {
            const Result<QJsonValue> data = evaluate(u"data");
            if (!data)
                return data.error();
            outcome.data = *data;
        }
        return std::optional<Outcome>(std::move(outcome));
    }
    const Result<QJsonValue> error = evaluate(u"error");
    if (!error)
        return error.error();
    const QJsonObject errorObject = error->toObject();
    const QJsonValue key = errorObject.value(u"key"_s);
    const QJsonValue message = errorObject.value(u"message"_s);
    if (!JsSemantics::isNullish(key))
        outcome.key = JsSemantics::toString(key);
    if (!JsSemantics::isNullish(message))
        outcome.message = JsSemantics::toString(message);
    outcome.errorData
        = errorObject.contains(u"data"_s) ? errorObject.value(u"data"_s) : QJsonValue(QJsonValue::Undefined);
    return std::optional<Outcome>(std::move(outcome));
}

} // namespace Authdesk
