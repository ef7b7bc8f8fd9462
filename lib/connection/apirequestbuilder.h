#pragma once

#include "apiclientconfig.h"
#include "apirequest.h"

#include "support/result.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace Authdesk {

// Turns a client config and one call into what goes on the wire, without any I/O:
//
//   URL      the path appended to the base URI (not RFC 3986 resolution, which would drop the base
//            URI's last segment: "/user" under ".../v1" is ".../v1/user", as axios joins them); an
//            absolute URL is taken as it is, but must have the base URI's origin unless
//            options.allowOtherOrigin (then the client's headers, auth and query stay home)
//   query    base URI's own < client default < call < the path's own, per parameter name; every
//            name and value fully percent-encoded (FormEncoding), so '+' is never read as a space
//   headers  Accept: application/json < client headers < call headers (names case-insensitive);
//            `auth` (the call's, else the client's) sets Authorization: Basic last, as axios does;
//            Content-Type: application/json for a JSON body unless the call set one
// Errors (code Validation) name the connector; nothing is sent for them.
class ApiRequestBuilder
{
public:
    struct Wire
    {
        QByteArray method;
        QUrl url;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool hasBody = false;
        // False when the request goes to another origin (allowOtherOrigin) without the client's
        // headers, auth and default query.
        bool carriesClientCredentials = true;
    };

    static Result<Wire> build(const ApiClientConfig &config, const ApiRequest &request);

    // Header values from a JSON object (`field` names it in errors): strings, numbers and booleans as
    // String() gives them; null/undefined left out; names must be HTTP tokens, values single lines.
    static Result<ApiClientConfig::Pairs> headerPairs(const QJsonValue &value, const QString &field);
    // Query parameters from a JSON object: like headers, but an array gives one parameter per item;
    // a parameter named access_token is refused.
    static Result<ApiClientConfig::Pairs> queryPairs(const QJsonValue &value, const QString &field);

    static bool isSameOrigin(const QUrl &left, const QUrl &right);
    static QByteArray basicAuthorization(const ApiBasicAuth &auth);
};

} // namespace Authdesk
