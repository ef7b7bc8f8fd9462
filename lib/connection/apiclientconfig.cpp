#include "apiclientconfig.h"

#include "apirequestbuilder.h"

#include "mapping/jssemantics.h"
#include "mapping/mappingevaluator.h"
#include "oauth/networkpolicy.h"
#include "support/logging.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

Error invalid(const QString &connector, const QString &message)
{
    return Error(ErrorCode::Validation, ApiClientConfig::connectorPrefix(connector) + message);
}

// The name that is present, of a field and its alias (connector-format.md §11 item 4).
QString presentKey(const QJsonObject &object, const QString &name, const QString &alias)
{
    if (!JsSemantics::isNullish(object.value(name)))
        return name;
    return JsSemantics::isNullish(object.value(alias)) ? name : alias;
}

const QString handlersField = u"makeApiClient responseHandlers"_s;

} // namespace

QString ApiClientConfig::connectorPrefix(const QString &connector)
{
    return connector.isEmpty() ? QString() : u"connector %1: "_s.arg(connector);
}

Result<ApiClientConfig> ApiClientConfig::parse(const QJsonObject &object, const QString &connector,
    const QList<Expression> &handlerExpressions, const QJsonObject &handlerVariables)
{
    ApiClientConfig config;
    config.m_connector = connector;
    config.m_handlerVariables = handlerVariables;

    static const QSet<QString> known {u"baseUri"_s, u"baseUrl"_s, u"headers"_s, u"query"_s, u"defaultQueryParameters"_s,
        u"auth"_s, u"responseHandlers"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            qCDebug(lcConnection).noquote()
                << connectorPrefix(connector) + u"makeApiClient ignores the field"_s << it.key();
    }

    const QString baseKey = presentKey(object, u"baseUri"_s, u"baseUrl"_s);
    const QString baseField = u"makeApiClient "_s + baseKey;
    const QJsonValue base = object.value(baseKey);
    if (JsSemantics::isNullish(base))
        return invalid(connector, u"makeApiClient gave no baseUri (or baseUrl)"_s);
    if (!base.isString()) {
        const bool isTemplate = base.isObject() && base.toObject().contains(u"$template"_s);
        return invalid(connector,
            isTemplate
                ? u"%1 is an object with $template, which is not a formula: write $tpl with {name} placeholders"_s.arg(
                    baseField)
                : u"%1 must be a string"_s.arg(baseField));
    }
    const Result<QUrl> baseUri = NetworkPolicy::checkUrl(QUrl(base.toString().trimmed(), QUrl::StrictMode), baseField);
    if (!baseUri)
        return invalid(connector, baseUri.error().message);
    config.m_baseUri = baseUri->adjusted(QUrl::RemoveFragment);

    Result<Pairs> headers = ApiRequestBuilder::headerPairs(object.value(u"headers"_s), u"makeApiClient headers"_s);
    if (!headers)
        return invalid(connector, headers.error().message);
    config.m_headers = std::move(headers).value();

    const QString queryKey = presentKey(object, u"query"_s, u"defaultQueryParameters"_s);
    Result<Pairs> query = ApiRequestBuilder::queryPairs(object.value(queryKey), u"makeApiClient "_s + queryKey);
    if (!query)
        return invalid(connector, query.error().message);
    config.m_query = std::move(query).value();

    const QJsonValue auth = object.value(u"auth"_s);
    if (!JsSemantics::isNullish(auth)) {
        if (!auth.isObject())
            return invalid(connector, u"makeApiClient auth must be an object with username and password"_s);
        const QJsonValue username = auth.toObject().value(u"username"_s);
        const QJsonValue password = auth.toObject().value(u"password"_s);
        if (JsSemantics::isNullish(username))
            return invalid(connector, u"makeApiClient auth has no username"_s);
        for (const auto &[name, value] : {std::pair {u"username"_s, username}, std::pair {u"password"_s, password}}) {
            if (value.isObject() || value.isArray())
                return invalid(connector, u"makeApiClient auth.%1 must be a string"_s.arg(name));
        }
        config.m_auth = ApiBasicAuth {JsSemantics::toString(username),
            JsSemantics::isNullish(password) ? QString() : JsSemantics::toString(password)};
    }

    for (qsizetype i = 0; i < handlerExpressions.size(); ++i) {
        Result<ApiResponseHandler> handler
            = ApiResponseHandler::fromExpression(handlerExpressions.at(i), u"%1[%2]"_s.arg(handlersField).arg(i));
        if (!handler)
            return invalid(connector, handler.error().message);
        config.m_responseHandlers.append(std::move(handler).value());
    }
    return config;
}

Result<ApiClientConfig> ApiClientConfig::fromJson(const QJsonValue &value, const QString &connector)
{
    if (!value.isObject())
        return invalid(connector, u"makeApiClient must give an object with baseUri, headers, ..."_s);
    QJsonObject object = value.toObject();
    if (object.value(u"args"_s).isObject())
        object = object.value(u"args"_s).toObject();

    QList<Expression> handlers;
    const QJsonValue handlersValue = object.value(u"responseHandlers"_s);
    if (handlersValue.isArray()) {
        const QJsonArray items = handlersValue.toArray();
        for (const QJsonValue &item : items)
            handlers.append(Expression::fromJson(item));
    } else if (!JsSemantics::isNullish(handlersValue)) {
        return invalid(connector, handlersField + u" must be a list of {match, ...}"_s);
    }
    return parse(object, connector, handlers, {});
}

Result<ApiClientConfig> ApiClientConfig::fromMapping(
    const Expression &mapping, const QJsonObject &variables, const QString &connector)
{
    const Expression *args = mapping.member(u"args");
    const Expression &root = (args && args->kind() == Expression::Kind::Object) ? *args : mapping;
    const MappingEvaluator evaluator(variables);

    if (root.kind() != Expression::Kind::Object) {
        // A formula that yields the whole config: its handlers are data by now.
        const Result<QJsonValue> evaluated = evaluator.evaluate(root);
        if (!evaluated)
            return invalid(connector, u"makeApiClient: "_s + evaluated.error().message);
        Result<ApiClientConfig> config = fromJson(*evaluated, connector);
        if (config)
            config.value().m_handlerVariables = variables;
        return config;
    }

    // The handlers stay formulas: they are evaluated per response, once `response` exists.
    std::vector<Expression::Member> members;
    QList<Expression> handlers;
    for (const auto &member : root.members()) {
        if (member.first != u"responseHandlers") {
            members.push_back(member);
            continue;
        }
        const Expression &list = member.second;
        if (list.kind() == Expression::Kind::Array) {
            for (const Expression &item : list.items())
                handlers.append(item);
        } else if (!(list.kind() == Expression::Kind::Literal && JsSemantics::isNullish(list.literalValue()))) {
            return invalid(connector, handlersField + u" must be a list of {match, ...}"_s);
        }
    }
    const Result<QJsonValue> evaluated
        = evaluator.evaluate(Expression::object(std::move(members), root.line(), root.column()));
    if (!evaluated)
        return invalid(connector, u"makeApiClient: "_s + evaluated.error().message);
    if (!evaluated->isObject() && !evaluated->isUndefined())
        return invalid(connector, u"makeApiClient must give an object with baseUri, headers, ..."_s);
    return parse(evaluated->toObject(), connector, handlers, variables);
}

} // namespace Authdesk
