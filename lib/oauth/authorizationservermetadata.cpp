#include "authorizationservermetadata.h"

#include "networkpolicy.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

TokenError invalid(const QString &message)
{
    TokenError error;
    error.kind = TokenError::Kind::Provider;
    error.message = message;
    return error;
}

// An endpoint member: absent is fine (empty URL), present must be a usable URL.
Result<QUrl, TokenError> endpoint(const QJsonObject &document, QLatin1StringView member)
{
    const QJsonValue value = document.value(member);
    if (value.isUndefined() || value.isNull())
        return QUrl();
    const QUrl url(value.toString(), QUrl::StrictMode);
    const QString field = u"metadata %1"_s.arg(member);
    if (!value.isString())
        return invalid(u"%1 is not a string"_s.arg(field));
    const Result<QUrl> allowed = NetworkPolicy::checkUrl(url, field);
    if (!allowed)
        return invalid(allowed.error().message);
    return url;
}

} // namespace

QList<QUrl> AuthorizationServerMetadata::discoveryUrls(const QString &issuer)
{
    const QUrl url(issuer, QUrl::StrictMode);
    if (!NetworkPolicy::checkUrl(url, u"issuer"_s) || url.hasQuery() || url.hasFragment())
        return {};
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    QUrl inserted = url;
    inserted.setPath(u"/.well-known/oauth-authorization-server"_s + path, QUrl::StrictMode);
    QUrl appended = url;
    appended.setPath(path + u"/.well-known/openid-configuration"_s, QUrl::StrictMode);
    return {inserted, appended};
}

Result<AuthorizationServerMetadata, TokenError> AuthorizationServerMetadata::fromDocument(const QJsonObject &document,
    const QString &expectedIssuer)
{
    const QJsonValue issuer = document.value("issuer"_L1);
    if (!issuer.isString())
        return invalid(u"the metadata has no issuer"_s);
    if (issuer.toString() != expectedIssuer) {
        return invalid(u"the metadata names the issuer \"%1\", not the configured \"%2\"; it is not used (RFC 8414 §3.3)"_s.arg(
            issuer.toString().left(200), expectedIssuer));
    }
    AuthorizationServerMetadata metadata;
    metadata.issuer = issuer.toString();
    metadata.document = document;
    const auto authorization = endpoint(document, "authorization_endpoint"_L1);
    if (!authorization)
        return authorization.error();
    const auto token = endpoint(document, "token_endpoint"_L1);
    if (!token)
        return token.error();
    const auto revocation = endpoint(document, "revocation_endpoint"_L1);
    if (!revocation)
        return revocation.error();
    metadata.authorizationEndpoint = authorization.value();
    metadata.tokenEndpoint = token.value();
    metadata.revocationEndpoint = revocation.value();
    metadata.authorizationResponseIssParameterSupported
        = document.value("authorization_response_iss_parameter_supported"_L1).toBool(false);
    metadata.codeChallengeMethodsSupported = stringList(document.value("code_challenge_methods_supported"_L1));
    metadata.tokenEndpointAuthMethodsSupported = document.contains("token_endpoint_auth_methods_supported"_L1)
        ? stringList(document.value("token_endpoint_auth_methods_supported"_L1))
        : QStringList{u"client_secret_basic"_s};
    return metadata;
}

} // namespace Authdesk
