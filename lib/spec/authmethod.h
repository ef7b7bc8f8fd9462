#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Authdesk {

// The `auth.type` values of the connector format (connector-format.md §3.1).
enum class AuthType { OAuth2, ClientCredentials, OAuth1, Proxy, IntegrationAppToken, MembraneToken };

// The auth methods a connector may implement (connector-format.md §4).
enum class AuthMethod {
    GetOAuthConfig,
    GetTokenData,
    GetCredentialsFromAccessTokenResponse,
    GetCredentialsFromRefreshTokenResponse,
    GetCredentialsFromConnectionParameters,
    RefreshCredentials,
    MakeApiClient,
    Test,
    Disconnect,
};

// How a method is implemented (connector-format.md §1).
enum class ImplementationType {
    Mapping,
    RestApiMapping,
    OperationMapping,
    GraphqlApiMapping,
    Javascript,
    NotSupported
};

namespace AuthTypes {
std::optional<AuthType> fromString(QStringView text);
QString toString(AuthType type);
// Authdesk runs oauth2 and client-credentials; the others need the connector platform's servers
// (proxy, integration-app-token, membrane-token) or a protocol Authdesk does not speak (oauth1).
bool isSupported(AuthType type);
QStringList allNames();
} // namespace AuthTypes

namespace AuthMethods {
const QList<AuthMethod> &all();
// Both spellings of the credentials hook are accepted (`getCredentialsFromTokenResponse` is the
// seed document's name, `getCredentialsFromAccessTokenResponse` the SDK's).
std::optional<AuthMethod> fromSpecKey(QStringView key);
QString specKey(AuthMethod method);
// File names without suffix under auth/, preferred first: get-oauth-config, oauth-config.
QStringList fileKeys(AuthMethod method);
QList<ImplementationType> allowedImplementations(AuthMethod method);
bool appliesTo(AuthMethod method, AuthType type);
// Required for the auth type (getOAuthConfig and makeApiClient for oauth2).
bool isRequired(AuthMethod method, AuthType type);
} // namespace AuthMethods

namespace ImplementationTypes {
std::optional<ImplementationType> fromString(QStringView text);
QString toString(ImplementationType type);
QStringList suffixes(ImplementationType type); // ".map.yml", ".yml" for mapping; none for not-supported
bool isYaml(ImplementationType type);
// The implementation type whose suffix is the longest match for a file name ("test.rest.yml" ->
// rest-api-mapping, "x.yml" -> mapping), or nullopt.
std::optional<ImplementationType> fromSuffixOf(QStringView fileName);
// The implementation type a file name implies, given the method's file key ("get-oauth-config").
std::optional<ImplementationType> fromFileName(QStringView fileName, QStringView fileKey);
} // namespace ImplementationTypes

} // namespace Authdesk
