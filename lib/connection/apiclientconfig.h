#pragma once

#include "apirequest.h"
#include "apiresponsehandler.h"

#include "mapping/expression.h"
#include "support/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

namespace Authdesk {

// The API client of a connection as the connector's makeApiClient describes it
// (connector-format.md §6), validated:
//
//     args:                                  # optional wrapper (the SDK's output shape)
//       baseUri: https://api.example.com/v1   # or baseUrl; must pass NetworkPolicy
//       headers: {Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}}
//       query: {api-version: '2'}             # or defaultQueryParameters
//       auth: {username: ..., password: ...}  # HTTP Basic
//       responseHandlers: [{match, isSuccess, data, error: {message, key, data}}, ...]
//
// Header and query values are converted like JavaScript's String() (numbers, booleans); null and
// undefined values are left out; objects are refused (the leftover of a `$template`, which is not a
// formula, gets its own message). A query parameter named access_token is refused: a bearer token
// goes in the Authorization header only (RFC 6750 §2.3, RFC 9700 §4.3.2). Every error names the
// connector and the field.
class ApiClientConfig
{
public:
    using Pairs = QList<std::pair<QString, QString>>;

    ApiClientConfig() = default;

    // What makeApiClient returned: the value a JavaScript makeApiClient resolved to, or an evaluated
    // mapping. responseHandlers come as JSON formulas (compiled here with Expression::fromJson).
    static Result<ApiClientConfig> fromJson(const QJsonValue &value, const QString &connector);
    // A makeApiClient mapping: everything but responseHandlers is evaluated now with `variables`
    // ({credentials, connectorParameters, connectionParameters, ...}); the handlers are kept as
    // written and evaluated per response, with the same variables plus the response.
    static Result<ApiClientConfig> fromMapping(
        const Expression &mapping, const QJsonObject &variables, const QString &connector);

    // The connector's name or key, as errors show it.
    const QString &connector() const { return m_connector; }
    const QUrl &baseUri() const { return m_baseUri; }
    const Pairs &headers() const { return m_headers; }
    const Pairs &query() const { return m_query; }
    const std::optional<ApiBasicAuth> &auth() const { return m_auth; }
    const QList<ApiResponseHandler> &responseHandlers() const { return m_responseHandlers; }
    // What response handlers see besides the response (the mapping's variables).
    const QJsonObject &handlerVariables() const { return m_handlerVariables; }

    // "connector NAME: " (or nothing when the connector has no name), the start of every message.
    static QString connectorPrefix(const QString &connector);

private:
    static Result<ApiClientConfig> parse(const QJsonObject &object, const QString &connector,
        const QList<Expression> &handlerExpressions, const QJsonObject &handlerVariables);

    QString m_connector;
    QUrl m_baseUri;
    Pairs m_headers;
    Pairs m_query;
    std::optional<ApiBasicAuth> m_auth;
    QList<ApiResponseHandler> m_responseHandlers;
    QJsonObject m_handlerVariables;
};

} // namespace Authdesk
