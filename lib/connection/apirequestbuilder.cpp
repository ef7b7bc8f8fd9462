#include "apirequestbuilder.h"

#include "mapping/jssemantics.h"
#include "oauth/formencoding.h"
#include "oauth/networkpolicy.h"
#include "support/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

using Pairs = ApiClientConfig::Pairs;

Error invalid(const QString &connector, const QString &message)
{
    return Error(ErrorCode::Validation, ApiClientConfig::connectorPrefix(connector) + message);
}

// RFC 9110 §5.6.2 token characters.
bool isToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (c.unicode() > 0x7e || c.unicode() <= 0x20)
            return false;
        if (QStringView(u"\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    }
    return true;
}

QString describeObject(const QJsonValue &value)
{
    // A `$template` is plain data to the formula engine, so it arrives here as an object.
    if (value.isObject() && value.toObject().contains(u"$template"_s))
        return u"an object with $template, which is not a formula: write $tpl with {name} placeholders"_s;
    return value.isArray() ? u"a list"_s : u"an object"_s;
}

// String(value) for a header or query value; nothing for null/undefined; an error for the rest.
Result<std::optional<QString>> scalarText(const QJsonValue &value, const QString &field)
{
    if (JsSemantics::isNullish(value))
        return std::optional<QString>();
    if (value.isString() || value.isDouble() || value.isBool())
        return std::optional<QString>(JsSemantics::toString(value));
    return Error(
        ErrorCode::Validation, u"%1 must be a string, number or boolean (got %2)"_s.arg(field, describeObject(value)));
}

Result<Pairs> objectPairs(const QJsonValue &value, const QString &field, bool listsAllowed)
{
    Pairs pairs;
    if (JsSemantics::isNullish(value))
        return pairs;
    if (!value.isObject())
        return Error(ErrorCode::Validation, u"%1 must be an object of names and values"_s.arg(field));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString itemField = u"%1.%2"_s.arg(field, it.key());
        if (listsAllowed && it.value().isArray()) {
            const QJsonArray items = it.value().toArray();
            for (const QJsonValue &item : items) {
                const auto text = scalarText(item, itemField);
                if (!text)
                    return text.error();
                if (*text)
                    pairs.append({it.key(), **text});
            }
            continue;
        }
        const auto text = scalarText(it.value(), itemField);
        if (!text)
            return text.error();
        if (*text)
            pairs.append({it.key(), **text});
    }
    return pairs;
}

bool isBearerTokenParameter(const QString &name)
{
    return name.compare(u"access_token"_s, Qt::CaseInsensitive) == 0;
}

QString refusedTokenParameter(const QString &field)
{
    return u"%1 carries access_token, which is refused: a bearer token goes in the Authorization header only, never "
           "in a URL (RFC 6750 §2.3, RFC 9700 §4.3.2)"_s.arg(field);
}

// A path that names its own scheme ("https://...") or host ("//host/...").
bool isAbsolute(const QString &path)
{
    static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]*://"_s);
    return path.startsWith(u"//"_s) || scheme.match(path).hasMatch();
}

QString origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

// Later layers win: a name set by a later layer replaces every earlier value of that name.
void mergeLayer(Pairs &merged, const Pairs &layer)
{
    QSet<QString> replaced;
    for (const auto &entry : layer) {
        const QString &name = entry.first; // not a structured binding: clang 14 cannot capture those
        if (!replaced.contains(name)) {
            replaced.insert(name);
            merged.removeIf([&name](const std::pair<QString, QString> &pair) { return pair.first == name; });
        }
        merged.append(entry);
    }
}

void setHeader(Pairs &headers, const QString &name, const QString &value)
{
    for (auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0) {
            pair = {name, value};
            return;
        }
    }
    headers.append({name, value});
}

bool hasHeader(const Pairs &headers, QStringView name)
{
    return std::any_of(headers.begin(), headers.end(),
        [name](const std::pair<QString, QString> &pair) { return pair.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: serialized inside an array, brackets cut off.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

Result<Pairs> ApiRequestBuilder::headerPairs(const QJsonValue &value, const QString &field)
{
    Result<Pairs> pairs = objectPairs(value, field, false);
    if (!pairs)
        return pairs;
    for (const auto &[name, text] : *pairs) {
        if (!isToken(name))
            return Error(
                ErrorCode::Validation, u"%1 has a header name that is not an HTTP token: \"%2\""_s.arg(field, name));
        if (text.contains(u'\r') || text.contains(u'\n') || text.contains(QChar(0)))
            return Error(ErrorCode::Validation, u"%1.%2 must be a single line"_s.arg(field, name));
    }
    return pairs;
}

Result<Pairs> ApiRequestBuilder::queryPairs(const QJsonValue &value, const QString &field)
{
    Result<Pairs> pairs = objectPairs(value, field, true);
    if (!pairs)
        return pairs;
    for (const auto &pair : *pairs) {
        if (isBearerTokenParameter(pair.first))
            return Error(ErrorCode::Validation, refusedTokenParameter(field));
    }
    return pairs;
}

bool ApiRequestBuilder::isSameOrigin(const QUrl &left, const QUrl &right)
{
    const QString scheme = left.scheme().toLower();
    const int defaultPort = scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1;
    return scheme == right.scheme().toLower() && left.host().compare(right.host(), Qt::CaseInsensitive) == 0
        && left.port(defaultPort) == right.port(defaultPort);
}

QByteArray ApiRequestBuilder::basicAuthorization(const ApiBasicAuth &auth)
{
    return "Basic " + (auth.username + u':' + auth.password).toUtf8().toBase64();
}

Result<ApiRequestBuilder::Wire> ApiRequestBuilder::build(const ApiClientConfig &config, const ApiRequest &request)
{
    const QString &connector = config.connector();
    Wire wire;

    static const QSet<QString> methods {
        u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s};
    const QString method = request.method.toUpper();
    if (!methods.contains(method))
        return invalid(connector,
            u"API request method must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (got \"%1\")"_s.arg(
                request.method));
    wire.method = method.toLatin1();

    // The base: the client's, or the call's baseUri option (which must pass the policy itself).
    QUrl base = config.baseUri();
    if (request.options.baseUri) {
        const Result<QUrl> checked
            = NetworkPolicy::checkUrl(*request.options.baseUri, u"the request's baseUri option"_s);
        if (!checked)
            return invalid(connector, checked.error().message);
        base = *checked;
    }
    if (base.isEmpty())
        return invalid(connector, u"the API client has no baseUri"_s);

    // The target URL and the path's own query.
    QString path = request.path;
    if (const qsizetype hash = path.indexOf(u'#'); hash >= 0)
        path.truncate(hash);
    QString pathQuery;
    if (const qsizetype question = path.indexOf(u'?'); question >= 0) {
        pathQuery = path.mid(question + 1);
        path.truncate(question);
    }
    QUrl url;
    if (isAbsolute(path)) {
        url = path.startsWith(u"//"_s) ? QUrl(base.scheme() + u':' + path, QUrl::TolerantMode)
                                       : QUrl(path, QUrl::TolerantMode);
    } else {
        QString joined = base.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
        while (joined.endsWith(u'/'))
            joined.chop(1);
        qsizetype start = 0;
        while (start < path.size() && path.at(start) == u'/')
            ++start;
        if (start < path.size() || path.endsWith(u'/'))
            joined += u'/' + path.mid(start);
        url = QUrl(joined, QUrl::TolerantMode);
    }
    const Result<QUrl> allowed = NetworkPolicy::checkUrl(url, u"API request URL"_s);
    if (!allowed)
        return invalid(connector, allowed.error().message);
    if (!isSameOrigin(url, config.baseUri())) {
        if (!request.options.allowOtherOrigin)
            return invalid(connector,
                u"API request URL \"%1\" is refused: it is not on the API client's origin %2, and the client's headers "
                "carry the connection's credentials (allowOtherOrigin sends such a request without them)"_s.arg(
                    Redaction::url(url).toString(), origin(config.baseUri())));
        wire.carriesClientCredentials = false;
    }

    // Query: the URL's own < client default < call < the path's own.
    const auto decoded = [](const QString &query) { return FormEncoding::decode(query.toUtf8()); };
    // An absolute path's query was split off with the rest of the path's; the base URI's own counts
    // only for paths joined to it.
    Pairs query = isAbsolute(path) ? Pairs() : decoded(base.query(QUrl::FullyEncoded));
    if (wire.carriesClientCredentials)
        mergeLayer(query, config.query());
    const Result<Pairs> callQuery = queryPairs(request.query, u"the request's query"_s);
    if (!callQuery)
        return invalid(connector, callQuery.error().message);
    mergeLayer(query, *callQuery);
    mergeLayer(query, decoded(pathQuery));
    for (const auto &pair : std::as_const(query)) {
        if (isBearerTokenParameter(pair.first))
            return invalid(connector, refusedTokenParameter(u"the request URL"_s));
    }
    if (query.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(QString::fromLatin1(FormEncoding::encode(query)), QUrl::StrictMode);
    url.setFragment(QString());
    wire.url = url;

    // Headers.
    Pairs headers {{u"Accept"_s, u"application/json"_s}};
    if (wire.carriesClientCredentials) {
        for (const auto &[name, value] : config.headers())
            setHeader(headers, name, value);
    }
    const Result<Pairs> callHeaders = headerPairs(request.headers, u"the request's headers"_s);
    if (!callHeaders)
        return invalid(connector, callHeaders.error().message);
    for (const auto &[name, value] : *callHeaders)
        setHeader(headers, name, value);
    std::optional<ApiBasicAuth> auth = request.options.auth;
    if (!auth && wire.carriesClientCredentials)
        auth = config.auth();
    if (auth)
        setHeader(headers, u"Authorization"_s, QString::fromLatin1(basicAuthorization(*auth)));

    // Body.
    switch (request.body.kind) {
    case ApiRequestBody::Kind::None:
        break;
    case ApiRequestBody::Kind::Json:
        if (request.body.json.isUndefined() || request.body.json.isNull())
            break; // post(path, null) sends nothing, as axios does
        wire.body = jsonText(request.body.json);
        wire.hasBody = true;
        if (!hasHeader(headers, u"Content-Type"))
            headers.append({u"Content-Type"_s, u"application/json"_s});
        break;
    case ApiRequestBody::Kind::Raw:
        wire.body = request.body.bytes;
        wire.hasBody = true;
        if (!request.body.contentType.isEmpty() && !hasHeader(headers, u"Content-Type"))
            headers.append({u"Content-Type"_s, QString::fromLatin1(request.body.contentType)});
        break;
    }

    for (const auto &[name, value] : std::as_const(headers))
        wire.headers.append({name.toLatin1(), value.toUtf8()});
    return wire;
}

} // namespace Authdesk
