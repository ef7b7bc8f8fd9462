#include "authmethod.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr std::array<std::pair<AuthType, const char16_t *>, 6> authTypeNames {{
    {AuthType::OAuth2, u"oauth2"},
    {AuthType::ClientCredentials, u"client-credentials"},
    {AuthType::OAuth1, u"oauth1"},
    {AuthType::Proxy, u"proxy"},
    {AuthType::IntegrationAppToken, u"integration-app-token"},
    {AuthType::MembraneToken, u"membrane-token"},
}};

struct MethodInfo
{
    AuthMethod method;
    const char16_t *specKey;
    const char16_t *fileKey;
};

constexpr std::array<MethodInfo, 9> methodInfos {{
    {AuthMethod::GetOAuthConfig, u"getOAuthConfig", u"get-oauth-config"},
    {AuthMethod::GetTokenData, u"getTokenData", u"get-token-data"},
    {AuthMethod::GetCredentialsFromAccessTokenResponse, u"getCredentialsFromAccessTokenResponse",
        u"get-credentials-from-access-token-response"},
    {AuthMethod::GetCredentialsFromRefreshTokenResponse, u"getCredentialsFromRefreshTokenResponse",
        u"get-credentials-from-refresh-token-response"},
    {AuthMethod::GetCredentialsFromConnectionParameters, u"getCredentialsFromConnectionParameters",
        u"get-credentials-from-connection-parameters"},
    {AuthMethod::RefreshCredentials, u"refreshCredentials", u"refresh-credentials"},
    {AuthMethod::MakeApiClient, u"makeApiClient", u"make-api-client"},
    {AuthMethod::Test, u"test", u"test"},
    {AuthMethod::Disconnect, u"disconnect", u"disconnect"},
}};

constexpr std::array<std::pair<ImplementationType, const char16_t *>, 6> implementationNames {{
    {ImplementationType::Mapping, u"mapping"},
    {ImplementationType::RestApiMapping, u"rest-api-mapping"},
    {ImplementationType::OperationMapping, u"operation-mapping"},
    {ImplementationType::GraphqlApiMapping, u"graphql-api-mapping"},
    {ImplementationType::Javascript, u"javascript"},
    {ImplementationType::NotSupported, u"not-supported"},
}};

} // namespace

namespace AuthTypes {

std::optional<AuthType> fromString(QStringView text)
{
    for (const auto &[type, name] : authTypeNames) {
        if (text == QStringView(name))
            return type;
    }
    return std::nullopt;
}

QString toString(AuthType type)
{
    for (const auto &[candidate, name] : authTypeNames) {
        if (candidate == type)
            return QString::fromUtf16(name);
    }
    return {};
}

bool isSupported(AuthType type)
{
    return type == AuthType::OAuth2 || type == AuthType::ClientCredentials;
}

QStringList allNames()
{
    QStringList names;
    for (const auto &entry : authTypeNames)
        names.append(QString::fromUtf16(entry.second));
    return names;
}

} // namespace AuthTypes

namespace AuthMethods {

const QList<AuthMethod> &all()
{
    static const QList<AuthMethod> methods = [] {
        QList<AuthMethod> list;
        for (const MethodInfo &info : methodInfos)
            list.append(info.method);
        return list;
    }();
    return methods;
}

std::optional<AuthMethod> fromSpecKey(QStringView key)
{
    if (key == u"getCredentialsFromTokenResponse")
        return AuthMethod::GetCredentialsFromAccessTokenResponse;
    for (const MethodInfo &info : methodInfos) {
        if (key == QStringView(info.specKey))
            return info.method;
    }
    return std::nullopt;
}

QString specKey(AuthMethod method)
{
    for (const MethodInfo &info : methodInfos) {
        if (info.method == method)
            return QString::fromUtf16(info.specKey);
    }
    return {};
}

QStringList fileKeys(AuthMethod method)
{
    QStringList keys;
    for (const MethodInfo &info : methodInfos) {
        if (info.method == method)
            keys.append(QString::fromUtf16(info.fileKey));
    }
    if (method == AuthMethod::GetOAuthConfig)
        keys.append(u"oauth-config"_s);
    if (method == AuthMethod::GetCredentialsFromAccessTokenResponse)
        keys.append(u"get-credentials-from-token-response"_s);
    return keys;
}

QList<ImplementationType> allowedImplementations(AuthMethod method)
{
    using enum ImplementationType;
    switch (method) {
    case AuthMethod::GetOAuthConfig:
    case AuthMethod::GetTokenData:
    case AuthMethod::GetCredentialsFromAccessTokenResponse:
    case AuthMethod::GetCredentialsFromRefreshTokenResponse:
    case AuthMethod::GetCredentialsFromConnectionParameters:
    case AuthMethod::MakeApiClient:
        return {Mapping, Javascript, NotSupported};
    case AuthMethod::RefreshCredentials:
    case AuthMethod::Disconnect:
        return {Javascript, NotSupported};
    case AuthMethod::Test:
        return {RestApiMapping, OperationMapping, Javascript, NotSupported};
    }
    return {};
}

bool appliesTo(AuthMethod method, AuthType type)
{
    switch (method) {
    case AuthMethod::GetOAuthConfig:
        return type == AuthType::OAuth2 || type == AuthType::OAuth1;
    case AuthMethod::GetTokenData:
    case AuthMethod::GetCredentialsFromAccessTokenResponse:
    case AuthMethod::GetCredentialsFromRefreshTokenResponse:
        return type == AuthType::OAuth2;
    case AuthMethod::GetCredentialsFromConnectionParameters:
        return type == AuthType::ClientCredentials || type == AuthType::OAuth2;
    case AuthMethod::RefreshCredentials:
    case AuthMethod::Disconnect:
        return type == AuthType::OAuth2 || type == AuthType::OAuth1 || type == AuthType::ClientCredentials;
    case AuthMethod::MakeApiClient:
    case AuthMethod::Test:
        return true;
    }
    return false;
}

bool isRequired(AuthMethod method, AuthType type)
{
    if (method == AuthMethod::MakeApiClient)
        return true;
    if (method == AuthMethod::GetOAuthConfig)
        return type == AuthType::OAuth2 || type == AuthType::OAuth1;
    return false;
}

} // namespace AuthMethods

namespace ImplementationTypes {

std::optional<ImplementationType> fromString(QStringView text)
{
    for (const auto &[type, name] : implementationNames) {
        if (text == QStringView(name))
            return type;
    }
    return std::nullopt;
}

QString toString(ImplementationType type)
{
    for (const auto &[candidate, name] : implementationNames) {
        if (candidate == type)
            return QString::fromUtf16(name);
    }
    return {};
}

QStringList suffixes(ImplementationType type)
{
    switch (type) {
    case ImplementationType::Mapping:
        return {u".map.yml"_s, u".yml"_s};
    case ImplementationType::RestApiMapping:
        return {u".rest.yml"_s, u".api.yml"_s};
    case ImplementationType::OperationMapping:
        return {u".op.yml"_s};
    case ImplementationType::GraphqlApiMapping:
        return {u".graphql.yml"_s};
    case ImplementationType::Javascript:
        return {u".js"_s, u".ts"_s};
    case ImplementationType::NotSupported:
        return {};
    }
    return {};
}

bool isYaml(ImplementationType type)
{
    return type != ImplementationType::Javascript && type != ImplementationType::NotSupported;
}

std::optional<ImplementationType> fromSuffixOf(QStringView fileName)
{
    std::optional<ImplementationType> best;
    qsizetype bestLength = 0;
    for (const auto &entry : implementationNames) {
        for (const QString &suffix : suffixes(entry.first)) {
            if (suffix.size() > bestLength && fileName.endsWith(suffix) && fileName.size() > suffix.size()) {
                best = entry.first;
                bestLength = suffix.size();
            }
        }
    }
    return best;
}

std::optional<ImplementationType> fromFileName(QStringView fileName, QStringView fileKey)
{
    if (!fileName.startsWith(fileKey))
        return std::nullopt;
    const QStringView suffix = fileName.mid(fileKey.size());
    for (const auto &entry : implementationNames) {
        for (const QString &candidate : suffixes(entry.first)) {
            if (suffix == candidate)
                return entry.first;
        }
    }
    return std::nullopt;
}

} // namespace ImplementationTypes

} // namespace Authdesk
