#pragma once

#include <QString>
#include <QStringList>

namespace Authdesk::Test {

struct GrantImport
{
    QStringList folders; // one connector folder per imported provider, in key order
    int skipped = 0; // providers that are not OAuth2 (or lack a URL); -1 when the file is unreadable
};

// Turns every `oauth: 2` provider of Grant's provider list (simov/grant `config/oauth.json`,
// provider-catalog.md §9) into a connector folder <targetRoot>/<key>:
//
//     spec.yml                       key, name, parametersSchema {clientId, clientSecret, scopes},
//                                    auth {type: oauth2, ui.schema {subdomain} when templated}
//     auth/get-oauth-config.map.yml  authorizeUri/tokenUri from authorize_url/access_url
//     auth/make-api-client.map.yml   baseUri = scheme and host of access_url, Bearer header
//
// `[subdomain]` placeholders become `$tpl` formulas reading `connectionInput.subdomain`. Scopes are
// `scopes: {$var: connectorParameters.scopes}` for space-delimited providers; for the others
// (Grant's default delimiter is ",") they are joined into `extra.scope`, because the OAuth config
// has no separator field (connector-format.md §5.1). The providers Grant authenticates with HTTP
// Basic get `clientAuthLocation: headers`, all others `body`.
GrantImport writeGrantConnectors(const QString &grantJsonPath, const QString &targetRoot);

} // namespace Authdesk::Test
