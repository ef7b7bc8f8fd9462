#include "oauthconfig.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// What a JSON value is, for messages: "a number", "an object", ...
QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"\"%1\""_s.arg(value.toString().left(80));
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        return u"nothing"_s;
    }
    return u"nothing"_s;
}

// A number as JavaScript prints it in a string (12345, not 12345.0 or 1.2345e+4), so that a
// numeric client id or extra parameter from YAML reads as written.
QString numberText(double number)
{
    if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 1e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

class Reader
{
public:
    Reader(const QJsonObject &json, const QString &connectorKey)
        : m_json(json)
        , m_connectorKey(connectorKey)
    {
    }

    Error fieldError(QStringView field, const QString &problem) const
    {
        return Error(ErrorCode::Validation,
            u"connector \"%1\": getOAuthConfig field \"%2\" %3"_s.arg(m_connectorKey, field, problem));
    }

    QJsonValue value(QStringView field) const { return m_json.value(field); }
    static bool absent(const QJsonValue &value) { return value.isNull() || value.isUndefined(); }

    // A string, or a number written without quotes in YAML. Absent (or null) gives an empty string.
    Result<QString> text(QStringView field, bool required) const
    {
        const QJsonValue v = value(field);
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
        if (v.isDouble())
            return numberText(v.toDouble());
        if (absent(v) || (v.isString() && v.toString().trimmed().isEmpty())) {
            if (required)
                return fieldError(field, u"is missing or empty (is the connector configured?)"_s);
            return QString();
        }
        return fieldError(field, u"must be a string (got %1)"_s.arg(describe(v)));
    }

    Result<bool> flag(QStringView field) const
    {
        const QJsonValue v = value(field);
        if (absent(v))
            return false;
        if (!v.isBool())
            return fieldError(field, u"must be true or false (got %1)"_s.arg(describe(v)));
        return v.toBool();
    }

    // An absolute http(s) URL with a host. Whether plain http is acceptable for the endpoint is the
    // caller's decision (the token client refuses it for anything but loopback).
    Result<QUrl> url(QStringView field, bool required) const
    {
        const QJsonValue v = value(field);
        if (absent(v) || (v.isString() && v.toString().trimmed().isEmpty())) {
            if (required)
                return fieldError(field, u"is missing"_s);
            return QUrl();
        }
        if (!v.isString())
            return fieldError(field, u"must be a URL string (got %1)"_s.arg(describe(v)));
        const QString text = v.toString().trimmed();
        const QUrl parsed(text, QUrl::StrictMode);
        const QString scheme = parsed.scheme().toLower();
        if (!parsed.isValid() || (scheme != u"https" && scheme != u"http") || parsed.host().isEmpty())
            return fieldError(field, u"must be an absolute http(s) URL (got %1)"_s.arg(describe(v)));
        if (parsed.hasFragment())
            return fieldError(field, u"must not have a #fragment (got %1)"_s.arg(describe(v)));
        return parsed;
    }

private:
    const QJsonObject &m_json;
    const QString &m_connectorKey;
};

// RFC 6749 §3.3: a scope token has no whitespace; a string of scopes is separated by spaces or,
// as many connector settings write it, commas.
void appendScopes(QStringList &scopes, const QString &text, bool splitOnCommas)
{
    static const QRegularExpression spaces(u"\\s+"_s);
    static const QRegularExpression spacesOrCommas(u"[\\s,]+"_s);
    const QStringList parts = text.split(splitOnCommas ? spacesOrCommas : spaces, Qt::SkipEmptyParts);
    for (const QString &scope : parts) {
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
}

Result<QStringList> readScopes(const Reader &reader)
{
    const QJsonValue v = reader.value(u"scopes");
    QStringList scopes;
    if (Reader::absent(v))
        return scopes;
    if (v.isString()) {
        appendScopes(scopes, v.toString(), true);
        return scopes;
    }
    if (!v.isArray())
        return reader.fieldError(u"scopes", u"must be a list of strings or one string (got %1)"_s.arg(describe(v)));
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (Reader::absent(item))
            continue; // a `$var` of an unset parameter inside the list
        if (!item.isString())
            return reader.fieldError(u"scopes", u"entry %1 must be a string (got %2)"_s.arg(i).arg(describe(item)));
        // An entry keeps its commas: a provider that wants "a,b" can list it pre-joined.
        appendScopes(scopes, item.toString(), false);
    }
    return scopes;
}

Result<ClientAuthLocation> readClientAuthLocation(const Reader &reader)
{
    const QJsonValue v = reader.value(u"clientAuthLocation");
    if (!Reader::absent(v)) {
        if (v == QJsonValue(u"headers"_s))
            return ClientAuthLocation::Headers;
        if (v == QJsonValue(u"body"_s))
            return ClientAuthLocation::Body;
        return reader.fieldError(u"clientAuthLocation", u"must be \"headers\" or \"body\" (got %1)"_s.arg(describe(v)));
    }
    // The deprecated flags say where *not* to put the credentials (connector-format.md §5.1).
    const Result<bool> skipBody = reader.flag(u"skipClientAuthInBody");
    if (!skipBody)
        return skipBody.error();
    const Result<bool> skipHeader = reader.flag(u"skipClientAuthInHeader");
    if (!skipHeader)
        return skipHeader.error();
    if (*skipBody && *skipHeader)
        return reader.fieldError(u"skipClientAuthInBody",
            u"and skipClientAuthInHeader are both true, which leaves no place for the client credentials"_s);
    if (*skipBody)
        return ClientAuthLocation::Headers;
    if (*skipHeader)
        return ClientAuthLocation::Body;
    return ClientAuthLocation::Unset;
}

Result<QList<std::pair<QString, QString>>> readExtra(const Reader &reader)
{
    const QJsonValue v = reader.value(u"extra");
    QList<std::pair<QString, QString>> extra;
    if (Reader::absent(v))
        return extra;
    if (!v.isObject())
        return reader.fieldError(
            u"extra", u"must be an object of parameter names and values (got %1)"_s.arg(describe(v)));
    const QJsonObject object = v.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue item = it.value();
        if (it.key().isEmpty())
            return reader.fieldError(u"extra", u"has a parameter with an empty name"_s);
        if (Reader::absent(item))
            continue; // an unset `$var`: no parameter rather than "null"
        if (item.isString())
            extra.append({it.key(), item.toString()});
        else if (item.isDouble())
            extra.append({it.key(), numberText(item.toDouble())});
        else if (item.isBool())
            extra.append({it.key(), item.toBool() ? u"true"_s : u"false"_s});
        else
            return reader.fieldError(u"extra",
                u"parameter \"%1\" must be a string, number or boolean (got %2)"_s.arg(it.key(), describe(item)));
    }
    return extra;
}

Result<std::optional<quint16>> readRedirectPort(const Reader &reader)
{
    const QJsonValue v = reader.value(u"redirectPort");
    if (Reader::absent(v))
        return std::optional<quint16>();
    const double number = v.toDouble(-1);
    if (!v.isDouble() || std::trunc(number) != number || number < 1 || number > 65535)
        return reader.fieldError(u"redirectPort", u"must be a port number from 1 to 65535 (got %1)"_s.arg(describe(v)));
    return std::optional<quint16>(quint16(number));
}

// The callback path is compared byte for byte with what the browser requests, so it may only hold
// characters that no browser re-encodes (RFC 3986 pchar without '%').
Result<QString> readRedirectPath(const Reader &reader)
{
    const QJsonValue v = reader.value(u"redirectPath");
    if (Reader::absent(v))
        return OAuthConfig::defaultRedirectPath();
    static const QRegularExpression path(u"^(/[A-Za-z0-9\\-._~!$&'()*+,;=:@]+)+$"_s);
    if (!v.isString() || !path.match(v.toString()).hasMatch() || v.toString().size() > 200)
        return reader.fieldError(u"redirectPath",
            u"must be a path such as \"/callback\": '/'-separated segments of letters, digits and -._~!$&'()*+,;=:@ "
            "(got %1)"_s.arg(describe(v)));
    return v.toString();
}

Result<QString> readIssuer(const Reader &reader)
{
    const Result<QUrl> url = reader.url(u"issuer", false);
    if (!url)
        return url.error();
    if (url->isEmpty())
        return QString();
    if (url->hasQuery())
        return reader.fieldError(u"issuer", u"must not have a query (RFC 8414 §2)"_s);
    // Kept exactly as written: RFC 9207 compares the issuer as a plain string.
    return reader.value(u"issuer").toString().trimmed();
}

} // namespace

Result<OAuthConfig> OAuthConfig::fromJson(const QJsonObject &json, const QString &connectorKey)
{
    const Reader reader(json, connectorKey);
    OAuthConfig config;

    // The fields in the format's order; the first problem is the one reported.
    std::optional<Error> problem;
    const auto take = [&problem](auto &target, auto result) {
        if (problem)
            return;
        if (result)
            target = std::move(result).value();
        else
            problem = result.error();
    };
    take(config.clientId, reader.text(u"clientId", true));
    take(config.clientSecret, reader.text(u"clientSecret", false));
    take(config.authorizeUri, reader.url(u"authorizeUri", true));
    take(config.tokenUri, reader.url(u"tokenUri", true));
    take(config.scopes, readScopes(reader));
    take(config.clientAuthLocation, readClientAuthLocation(reader));
    take(config.noRefreshToken, reader.flag(u"noRefreshToken"));
    take(config.skipPkce, reader.flag(u"skipPkce"));
    take(config.extra, readExtra(reader));
    take(config.revokeUri, reader.url(u"revokeUri", false));
    take(config.issuer, readIssuer(reader));
    take(config.authorizationResponseIssParameterSupported, reader.flag(u"authorizationResponseIssParameterSupported"));
    take(config.redirectPort, readRedirectPort(reader));
    take(config.redirectPath, readRedirectPath(reader));
    take(config.keepRedirectUrlParameters, reader.flag(u"keepRedirectUrlParameters"));
    if (problem)
        return *problem;

    if (config.authorizationResponseIssParameterSupported && config.issuer.isEmpty())
        return reader.fieldError(u"authorizationResponseIssParameterSupported",
            u"needs \"issuer\": the iss parameter can only be checked against a known issuer"_s);
    return config;
}

} // namespace Authdesk
