#include "tokenrequest.h"

#include "networkpolicy.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

TokenError refused(const Error &policyError)
{
    TokenError error;
    error.kind = TokenError::Kind::Refused;
    error.message = policyError.message;
    return error;
}

TokenError missing(const QString &what)
{
    TokenError error;
    error.kind = TokenError::Kind::Configuration;
    error.message = u"cannot build the request: %1 is empty"_s.arg(what);
    return error;
}

bool contains(const FormEncoding::Fields &fields, const QString &name)
{
    return std::any_of(fields.cbegin(), fields.cend(), [&name](const auto &field) { return field.first == name; });
}

// Parameters that only Authdesk sets: an extra parameter may neither replace nor add them (an extra
// client_secret would put the secret in the body of a Basic-only client).
bool isReserved(const QString &name)
{
    static const QStringList reserved{u"grant_type"_s, u"code"_s, u"redirect_uri"_s, u"code_verifier"_s,
        u"refresh_token"_s, u"client_id"_s, u"client_secret"_s, u"client_assertion"_s, u"client_assertion_type"_s,
        u"token"_s, u"token_type_hint"_s};
    return reserved.contains(name);
}

// Adds client authentication to a request whose grant fields are already in `fields`.
void authenticate(const OAuthConfig &config, FormEncoding::Fields &fields, TokenRequest &request)
{
    if (config.clientSecret.isEmpty()) {
        fields.append({u"client_id"_s, config.clientId});
        return;
    }
    if (config.clientAuthLocation != ClientAuthLocation::Body)
        request.headers.append({"Authorization", FormEncoding::basicAuthorization(config.clientId, config.clientSecret)});
    if (config.clientAuthLocation != ClientAuthLocation::Headers) {
        fields.append({u"client_id"_s, config.clientId});
        fields.append({u"client_secret"_s, config.clientSecret});
    }
}

Result<TokenRequest, TokenError> build(const QUrl &url, const QString &field, const OAuthConfig &config,
    FormEncoding::Fields fields, const FormEncoding::Fields &extraParameters)
{
    const Result<QUrl> allowed = NetworkPolicy::checkUrl(url, field);
    if (!allowed)
        return refused(allowed.error());
    if (config.clientId.isEmpty())
        return missing(u"clientId"_s);
    TokenRequest request;
    request.url = url;
    request.headers.emplaceBack("Accept", "application/json");
    request.headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
    authenticate(config, fields, request);
    for (const auto &[name, value] : extraParameters) {
        if (!name.isEmpty() && !isReserved(name) && !contains(fields, name))
            fields.append(std::pair(name, value)); // never replaces a protocol or security parameter
    }
    request.body = FormEncoding::encode(fields);
    return request;
}

} // namespace

Result<TokenRequest, TokenError> TokenRequest::authorizationCode(const OAuthConfig &config, const AuthorizationCodeGrant &grant)
{
    if (grant.code.isEmpty())
        return missing(u"the authorization code"_s);
    FormEncoding::Fields fields{{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, grant.code}};
    if (!grant.redirectUri.isEmpty())
        fields.append({u"redirect_uri"_s, grant.redirectUri});
    if (!grant.codeVerifier.isEmpty())
        fields.append({u"code_verifier"_s, grant.codeVerifier});
    return build(config.tokenUri, u"tokenUri"_s, config, fields, grant.extraParameters);
}

Result<TokenRequest, TokenError> TokenRequest::refresh(const OAuthConfig &config, const RefreshGrant &grant)
{
    if (grant.refreshToken.isEmpty())
        return missing(u"the refresh token"_s);
    FormEncoding::Fields fields{{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, grant.refreshToken}};
    if (grant.includeScope && !config.scopes.isEmpty())
        fields.append({u"scope"_s, config.scopes.join(u' ')});
    return build(config.tokenUri, u"tokenUri"_s, config, fields, grant.extraParameters);
}

Result<TokenRequest, TokenError> TokenRequest::revocation(const OAuthConfig &config, const RevocationGrant &grant)
{
    if (config.revokeUri.isEmpty()) {
        TokenError error;
        error.kind = TokenError::Kind::Unsupported;
        error.message = u"the connector names no revocation endpoint (revokeUri)"_s;
        return error;
    }
    if (grant.token.isEmpty())
        return missing(u"the token to revoke"_s);
    FormEncoding::Fields fields{{u"token"_s, grant.token}};
    if (!grant.tokenTypeHint.isEmpty())
        fields.append({u"token_type_hint"_s, grant.tokenTypeHint});
    return build(config.revokeUri, u"revokeUri"_s, config, fields, {});
}

} // namespace Authdesk
