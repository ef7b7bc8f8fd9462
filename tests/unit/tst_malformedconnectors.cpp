#include "connectorfixture.h"
#include "spec/connectorloader.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

using Files = QMap<QString, QByteArray>;

// Every row is one broken connector folder "acme" and the complete list of diagnostics it must
// produce, written as "file:line:column: message" with the file relative to the fixture root. The
// whole list is compared so that a second, misleading message for the same mistake fails too.
class tst_MalformedConnectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brokenFolder_data();
    void brokenFolder();
    void brokenFoldersAreListedByKey();
};

namespace {

// spec.yml of a valid connector; rows replace it or the method files.
const QByteArray validSpec = //
    "key: acme\n" // 1
    "name: Acme\n" // 2
    "auth:\n" // 3
    "  type: oauth2\n" // 4
    "  getOAuthConfig:\n" // 5
    "    implementationType: mapping\n" // 6
    "  makeApiClient:\n" // 7
    "    implementationType: mapping\n"; // 8

const QByteArray validOAuthConfig = //
    "clientId: {$var: connectorParameters.clientId}\n"
    "authorizeUri: https://auth.acme.test/authorize\n"
    "tokenUri: https://auth.acme.test/token\n";

const QByteArray validApiClient = //
    "baseUri: https://api.acme.test\n"
    "headers:\n"
    "  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n";

// The valid connector with `overrides` applied; a null QByteArray removes a file.
Files connector(const Files &overrides)
{
    Files files {
        {u"spec.yml"_s, validSpec},
        {u"auth/get-oauth-config.map.yml"_s, validOAuthConfig},
        {u"auth/make-api-client.map.yml"_s, validApiClient},
    };
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
        if (it.value().isNull())
            files.remove(it.key());
        else
            files.insert(it.key(), it.value());
    }
    return files;
}

// validSpec followed by more method entries (from line 9 on).
QByteArray specWith(const QByteArray &moreAuthLines)
{
    return validSpec + moreAuthLines;
}

// An OAuth config whose line 4 (and further lines) are `lines`.
QByteArray oauthConfigWith(const QByteArray &lines)
{
    return validOAuthConfig + lines;
}

QStringList relativeDiagnostics(const Diagnostics &diagnostics, const QString &root)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString().replace(root + u'/', QString()));
    return lines;
}

} // namespace

void tst_MalformedConnectors::brokenFolder_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<DiagnosticKind>("kind"); // of the first diagnostic
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("name"); // what the catalog shows

    const QString acme = u"Acme"_s;

    // --- spec.yml as a whole -----------------------------------------------------------------
    QTest::addRow("yamlSyntaxInSpec")
        << connector({{u"spec.yml"_s, "key: acme\nname: [Acme\nauth:\n  type: oauth2\n"}}) << DiagnosticKind::YamlSyntax
        << QStringList {u"acme/spec.yml:3:5: YAML syntax error: end of sequence flow not found"_s} << u"acme"_s;
    QTest::addRow("yamlSyntaxInMethodFile")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"
               "  tokenUri: https://auth.acme.test/token\n"}})
        << DiagnosticKind::YamlSyntax
        << QStringList {u"acme/auth/get-oauth-config.map.yml:3:11: YAML syntax error: illegal map value"_s} << acme;
    QTest::addRow("specIsAList")
        << connector({{u"spec.yml"_s, "- key: acme\n- name: Acme\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:1:1: spec.yml must be a mapping of fields (name, key, auth, ...), got a list"_s}
        << u"acme"_s;
    QTest::addRow("specIsEmpty")
        << connector({{u"spec.yml"_s, "# nothing yet\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:1:1: spec.yml must be a mapping of fields (name, key, auth, ...), got nothing (null)"_s}
        << u"acme"_s;
    QTest::addRow("noSpecYml") << connector({{u"spec.yml"_s, QByteArray()}}) << DiagnosticKind::MissingFile
                               << QStringList {u"acme/spec.yml: no spec.yml in the connector folder"_s} << u"acme"_s;
    QTest::addRow("specIsAFolder") << connector({{u"spec.yml"_s, QByteArray()}, {u"spec.yml/readme.txt"_s, "oops"}})
                                   << DiagnosticKind::UnreadableFile
                                   << QStringList {u"acme/spec.yml: is a folder, not a file"_s} << u"acme"_s;
    QTest::addRow("invalidUtf8InSpec")
        << connector({{u"spec.yml"_s, "key: acme\nname: Acme \xff\xfe\n"}}) << DiagnosticKind::UnreadableFile
        << QStringList {u"acme/spec.yml:2:12: not valid UTF-8 text (save the file as UTF-8)"_s} << u"acme"_s;
    QTest::addRow("duplicateKeyInSpec") << connector(
        {{u"spec.yml"_s, "key: acme\nname: Acme\nname: Acme Corp\n" + validSpec.mid(validSpec.indexOf("auth:"))}})
                                        << DiagnosticKind::DuplicateKey
                                        << QStringList {u"acme/spec.yml:3:1: duplicate key \"name\""_s} << acme;
    QTest::addRow("duplicateKeyInAuth") << connector({{u"spec.yml"_s, validSpec + "  type: oauth2\n"}})
                                        << DiagnosticKind::DuplicateKey
                                        << QStringList {u"acme/spec.yml:9:3: duplicate key \"type\""_s} << acme;
    QTest::addRow("duplicateKeyInMethodEntry")
        << connector({{u"spec.yml"_s,
               validSpec.left(validSpec.indexOf("  makeApiClient")) + "    implementationType: javascript\n"
                   + validSpec.mid(validSpec.indexOf("  makeApiClient"))}})
        << DiagnosticKind::DuplicateKey << QStringList {u"acme/spec.yml:7:5: duplicate key \"implementationType\""_s}
        << acme;
    QTest::addRow("duplicateMethod") << connector(
        {{u"spec.yml"_s, specWith("  makeApiClient:\n    implementationType: mapping\n")}})
                                     << DiagnosticKind::DuplicateKey
                                     << QStringList {u"acme/spec.yml:9:3: duplicate key \"makeApiClient\""_s} << acme;
    QTest::addRow("duplicateMethodViaBothNames")
        << connector({{u"spec.yml"_s,
                          specWith("  getCredentialsFromTokenResponse:\n"
                                   "    implementationType: javascript\n"
                                   "  getCredentialsFromAccessTokenResponse:\n"
                                   "    implementationType: javascript\n")},
               {u"auth/get-credentials-from-token-response.js"_s, "export default function () { return {}; }\n"},
               {u"auth/get-credentials-from-access-token-response.js"_s,
                   "export default function () { return {}; }\n"}})
        << DiagnosticKind::DuplicateKey
        << QStringList {u"acme/spec.yml:11:3: getCredentialsFromAccessTokenResponse is the same method as "
                        "getCredentialsFromTokenResponse (line 9); declare it once"_s}
        << acme;
    QTest::addRow("nameIsAList") << connector(
        {{u"spec.yml"_s, "key: acme\nname: [Acme, Corp]\n" + validSpec.mid(validSpec.indexOf("auth:"))}})
                                 << DiagnosticKind::WrongType
                                 << QStringList {u"acme/spec.yml:2:7: name must be a string, got a list"_s}
                                 << u"acme"_s;
    QTest::addRow("invalidKeyCharacters")
        << connector({{u"spec.yml"_s, "key: acme corp!\n" + validSpec.mid(10)}}) << DiagnosticKind::InvalidValue
        << QStringList {u"acme/spec.yml:1:6: key must be letters, digits, '-', '_' or '.' (got \"acme corp!\")"_s}
        << acme;
    QTest::addRow("keyIsAMapping") << connector({{u"spec.yml"_s, "key: {id: acme}\n" + validSpec.mid(10)}})
                                   << DiagnosticKind::WrongType
                                   << QStringList {u"acme/spec.yml:1:6: key must be a string, got a mapping"_s} << acme;
    QTest::addRow("parametersSchemaIsAList")
        << connector({{u"spec.yml"_s, validSpec + "parametersSchema: [clientId]\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:9:19: parametersSchema must be a mapping, got a list"_s} << acme;
    QTest::addRow("topLevelUiSchemaIsAString")
        << connector({{u"spec.yml"_s, validSpec + "ui:\n  schema: isSandbox\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:10:11: ui.schema must be a mapping, got a string"_s} << acme;

    // --- the auth block --------------------------------------------------------------------
    QTest::addRow("noAuthBlock")
        << connector({{u"spec.yml"_s, "key: acme\nname: Acme\n"}}) << DiagnosticKind::MissingField
        << QStringList {u"acme/spec.yml:1:1: no auth block: add `auth:` with `type: oauth2` and its methods"_s} << acme;
    QTest::addRow("authIsAString")
        << connector({{u"spec.yml"_s, "key: acme\nname: Acme\nauth: oauth2\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:3:7: auth must be a mapping with type and methods, got a string"_s} << acme;
    QTest::addRow("authIsEmpty")
        << connector({{u"spec.yml"_s, "key: acme\nname: Acme\nauth:\n"}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:3:1: auth must be a mapping with type and methods, got nothing (null)"_s}
        << acme;
    QTest::addRow("missingAuthType")
        << connector({{u"spec.yml"_s,
               "key: acme\nname: Acme\nauth:\n" + validSpec.mid(validSpec.indexOf("  getOAuthConfig"))}})
        << DiagnosticKind::MissingField
        << QStringList {u"acme/spec.yml:3:1: auth: type is missing (one of oauth2, client-credentials, oauth1, proxy, "
                        "integration-app-token, membrane-token)"_s}
        << acme;
    QTest::addRow("unknownAuthType")
        << connector({{u"spec.yml"_s, QByteArray(validSpec).replace("type: oauth2", "type: oauth3")}})
        << DiagnosticKind::UnknownAuthType
        << QStringList {u"acme/spec.yml:4:9: auth type must be one of oauth2, client-credentials, oauth1, proxy, "
                        "integration-app-token, membrane-token (got \"oauth3\")"_s}
        << acme;
    QTest::addRow("authTypeIsAList") << connector(
        {{u"spec.yml"_s, QByteArray(validSpec).replace("type: oauth2", "type: [oauth2]")}})
                                     << DiagnosticKind::WrongType
                                     << QStringList {u"acme/spec.yml:4:9: type must be a string, got a list"_s} << acme;
    QTest::addRow("unsupportedAuthTypeProxy")
        << connector({{u"spec.yml"_s,
                          "key: acme\nname: Acme\nauth:\n  type: proxy\n  proxyKey: acme-proxy\n"
                          "  makeApiClient:\n    implementationType: mapping\n"},
               {u"auth/get-oauth-config.map.yml"_s, QByteArray()}})
        << DiagnosticKind::UnsupportedAuthType
        << QStringList {u"acme/spec.yml:4:9: auth type \"proxy\" is not supported by Authdesk (it supports oauth2 and "
                        "client-credentials)"_s}
        << acme;
    QTest::addRow("missingGetOAuthConfig")
        << connector({{u"spec.yml"_s,
                          "key: acme\nname: Acme\nauth:\n  type: oauth2\n  makeApiClient:\n"
                          "    implementationType: mapping\n"},
               {u"auth/get-oauth-config.map.yml"_s, QByteArray()}})
        << DiagnosticKind::MissingMethod
        << QStringList {u"acme/spec.yml:3:1: auth: getOAuthConfig is required for auth type oauth2"_s} << acme;
    QTest::addRow("missingMakeApiClient")
        << connector({{u"spec.yml"_s, validSpec.left(validSpec.indexOf("  makeApiClient"))},
               {u"auth/make-api-client.map.yml"_s, QByteArray()}})
        << DiagnosticKind::MissingMethod
        << QStringList {u"acme/spec.yml:3:1: auth: makeApiClient is required for auth type oauth2"_s} << acme;
    QTest::addRow("methodNotApplicable")
        << connector({{u"spec.yml"_s, QByteArray(validSpec).replace("type: oauth2", "type: client-credentials")}})
        << DiagnosticKind::MethodNotApplicable
        << QStringList {u"acme/spec.yml:5:3: auth: getOAuthConfig does not apply to auth type client-credentials"_s}
        << acme;
    QTest::addRow("methodEntryIsAString")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace(
                   "  getOAuthConfig:\n    implementationType: mapping\n", "  getOAuthConfig: mapping\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:5:19: getOAuthConfig must be a mapping such as {implementationType: mapping}, got a string"_s}
        << acme;
    QTest::addRow("optionsNotAMapping")
        << connector({{u"spec.yml"_s, specWith("  options: [oauth, apiKey]\n")}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:9:12: options must be a mapping of option key to auth option, got a list"_s}
        << acme;
    QTest::addRow("optionIsAString")
        << connector({{u"spec.yml"_s, specWith("  options:\n    sandbox: yes\n")}}) << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:10:14: auth option \"sandbox\" must be a mapping, got a string"_s} << acme;
    QTest::addRow("optionWithUnknownType")
        << connector({{u"spec.yml"_s, specWith("  options:\n    apiKey:\n      type: api-key\n")}})
        << DiagnosticKind::UnknownAuthType
        << QStringList {u"acme/spec.yml:11:13: auth type must be one of oauth2, client-credentials, oauth1, proxy, "
                        "integration-app-token, membrane-token (got \"api-key\")"_s}
        << acme;
    QTest::addRow("optionMethodNotApplicable")
        << connector({{u"spec.yml"_s,
                          specWith("  options:\n    apiKey:\n      type: client-credentials\n"
                                   "      getTokenData:\n        implementationType: javascript\n")},
               {u"auth/get-token-data.js"_s, "export default function () { return {}; }\n"}})
        << DiagnosticKind::MethodNotApplicable
        << QStringList {u"acme/spec.yml:12:7: option \"apiKey\": getTokenData does not apply to auth type client-credentials"_s}
        << acme;
    QTest::addRow("optionMissingGetOAuthConfig")
        << connector({{u"spec.yml"_s, specWith("  options:\n    custom:\n      type: oauth2\n      title: Own app\n")}})
        << DiagnosticKind::MissingMethod
        << QStringList {u"acme/spec.yml:10:5: option \"custom\": getOAuthConfig is required for auth type oauth2"_s}
        << acme;
    QTest::addRow("optionWithoutAnyType") << connector({{u"spec.yml"_s,
        "key: acme\nname: Acme\nauth:\n" + validSpec.mid(validSpec.indexOf("  getOAuthConfig"))
            + "  options:\n    custom:\n      title: Own app\n"}})
                                          << DiagnosticKind::MissingField
                                          << QStringList {u"acme/spec.yml:9:5: option \"custom\": type is missing (one "
                                                          u"of oauth2, client-credentials, oauth1, "
                                                          "proxy, integration-app-token, membrane-token)"_s}
                                          << acme;
    QTest::addRow("duplicateOptionKey") << connector({{u"spec.yml"_s,
        specWith("  options:\n    token:\n      type: client-credentials\n"
                 "    token:\n      type: client-credentials\n")}})
                                        << DiagnosticKind::DuplicateKey
                                        << QStringList {u"acme/spec.yml:12:5: duplicate key \"token\""_s} << acme;
    QTest::addRow("inlineFormatWithoutType")
        << connector({{u"spec.yml"_s,
               "key: acme\nname: Acme\ngetOAuthConfig:\n  type: mapping\n"
               "makeApiClient:\n  type: mapping\n"}})
        << DiagnosticKind::MissingField
        << QStringList {u"acme/spec.yml:1:1: type is missing (one of oauth2, client-credentials, oauth1, proxy, "
                        "integration-app-token, membrane-token)"_s}
        << acme;
    QTest::addRow("inlineFormatDuplicateKey")
        << connector({{u"spec.yml"_s,
               "key: acme\nname: Acme\ntype: oauth2\ngetOAuthConfig: {type: mapping}\n"
               "makeApiClient: {type: mapping}\ntype: client-credentials\n"}})
        << DiagnosticKind::DuplicateKey << QStringList {u"acme/spec.yml:6:1: duplicate key \"type\""_s} << acme;
    QTest::addRow("enabledFormulaMalformed")
        << connector({{u"spec.yml"_s, specWith("  enabled:\n    $var: [connectorParameters, clientId]\n")}})
        << DiagnosticKind::MalformedFormula
        << QStringList {u"acme/spec.yml:10:11: $var expects a path such as connectorParameters.clientId, got a list"_s}
        << acme;
    QTest::addRow("inlineFormatParametersSchemaIsAString")
        << connector({{u"spec.yml"_s,
               "key: acme\nname: Acme\ntype: oauth2\nparametersSchema: clientId\n"
               "getOAuthConfig:\n  type: mapping\n  mapping:\n"
               "    clientId: x\n    authorizeUri: https://a.test/a\n    tokenUri: https://a.test/t\n"
               "makeApiClient:\n  type: mapping\n  mapping: {baseUri: https://api.acme.test}\n"}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:4:19: parametersSchema must be a mapping, got a string"_s} << acme;

    // --- implementation types, files and suffixes -----------------------------------------
    QTest::addRow("implementationTypeInvalid")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace(
                   "implementationType: mapping\n  makeApiClient", "implementationType: yaml\n  makeApiClient")}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/spec.yml:6:25: getOAuthConfig.implementationType must be one of mapping, "
                        u"rest-api-mapping, "
                        "operation-mapping, graphql-api-mapping, javascript, not-supported (got \"yaml\")"_s}
        << acme;
    QTest::addRow("refreshCredentialsAsMapping")
        << connector({{u"spec.yml"_s, specWith("  refreshCredentials:\n    implementationType: mapping\n")},
               {u"auth/refresh-credentials.map.yml"_s, "access_token: x\n"}})
        << DiagnosticKind::ImplementationNotAllowed
        << QStringList {u"acme/spec.yml:10:25: refreshCredentials cannot be implemented as mapping (allowed: "
                        u"javascript, "
                        "not-supported)"_s}
        << acme;
    QTest::addRow("testAsMapping")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: mapping\n")},
               {u"auth/test.map.yml"_s, "path: /me\n"}})
        << DiagnosticKind::ImplementationNotAllowed
        << QStringList {u"acme/spec.yml:10:25: test cannot be implemented as mapping (allowed: rest-api-mapping, "
                        "operation-mapping, javascript, not-supported)"_s}
        << acme;
    QTest::addRow("inlineMappingForRefreshCredentials")
        << connector({{u"spec.yml"_s, specWith("  refreshCredentials:\n    mapping:\n      access_token: x\n")}})
        << DiagnosticKind::ImplementationNotAllowed
        << QStringList {u"acme/spec.yml:11:7: refreshCredentials cannot be implemented as mapping (allowed: "
                        u"javascript, "
                        "not-supported)"_s}
        << acme;
    QTest::addRow("inlineCodeEmpty") << connector(
        {{u"spec.yml"_s, specWith("  test:\n    type: javascript\n    code: \"  \"\n")}})
                                     << DiagnosticKind::InvalidValue
                                     << QStringList {u"acme/spec.yml:11:11: test is empty; it must export a function"_s}
                                     << acme;
    QTest::addRow("inlineMappingWithJavascriptType")
        << connector({{u"spec.yml"_s, specWith("  test:\n    type: javascript\n    mapping: {path: /me}\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/spec.yml:11:14: test is javascript but has an inline mapping:"_s} << acme;
    QTest::addRow("declaredFileMissing")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                   "implementationType: mapping\n    filePath: auth/nowhere.yml\n  makeApiClient")}})
        << DiagnosticKind::MissingFile
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig.filePath: acme/auth/nowhere.yml does not exist"_s} << acme;
    QTest::addRow("filePathIsAFolder")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: mapping\n    filePath: auth/config.yml\n  makeApiClient")},
               {u"auth/config.yml/x.yml"_s, "a: 1\n"}})
        << DiagnosticKind::UnreadableFile
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig.filePath: acme/auth/config.yml is a folder, not a file"_s}
        << acme;
    QTest::addRow("noFileForDeclaredMethod")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")}})
        << DiagnosticKind::MissingFile
        << QStringList {u"acme/spec.yml:10:25: test: no implementation file found (looked for auth/test.js, auth/test.ts)"_s}
        << acme;
    QTest::addRow("noFileForRequiredMethod")
        << connector({{u"auth/get-oauth-config.map.yml"_s, QByteArray()}}) << DiagnosticKind::MissingFile
        << QStringList {u"acme/spec.yml:6:25: getOAuthConfig: no implementation file found (looked for "
                        "auth/get-oauth-config.map.yml, auth/get-oauth-config.yml, auth/oauth-config.map.yml, "
                        "auth/oauth-config.yml)"_s}
        << acme;
    QTest::addRow("javascriptDeclaredOnlyMappingPresent")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace(
                   "implementationType: mapping\n  makeApiClient", "implementationType: javascript\n  makeApiClient")}})
        << DiagnosticKind::WrongSuffix
        << QStringList {u"acme/spec.yml:6:25: getOAuthConfig is declared as javascript, but "
                        u"auth/get-oauth-config.map.yml "
                        "is a mapping file (expected .js or .ts)"_s}
        << acme;
    QTest::addRow("javascriptDeclaredTwoMappingsPresent")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: javascript\n  makeApiClient")},
               {u"auth/get-oauth-config.map.yml"_s, QByteArray()}, {u"auth/oauth-config.yml"_s, validOAuthConfig},
               {u"auth/get-oauth-config.yml"_s, validOAuthConfig}})
        << DiagnosticKind::WrongSuffix
        << QStringList {u"acme/spec.yml:6:25: getOAuthConfig is declared as javascript, but auth/get-oauth-config.yml "
                        "is a mapping file (expected .js or .ts)"_s}
        << acme;
    QTest::addRow("filePathJsForMapping")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: mapping\n    filePath: auth/get-oauth-config.js\n"
                              "  makeApiClient")},
               {u"auth/get-oauth-config.js"_s, "export default function () { return {}; }\n"}})
        << DiagnosticKind::WrongSuffix
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig is declared as mapping, so auth/get-oauth-config.js must "
                        "end in .map.yml or .yml"_s}
        << acme;
    QTest::addRow("filePathRestSuffixForMapping")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: mapping\n    filePath: auth/config.rest.yml\n"
                              "  makeApiClient")},
               {u"auth/config.rest.yml"_s, validOAuthConfig}})
        << DiagnosticKind::WrongSuffix
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig is declared as mapping, so auth/config.rest.yml must "
                        "end in .map.yml or .yml"_s}
        << acme;
    QTest::addRow("filePathMappingForTest")
        << connector({{u"spec.yml"_s, specWith("  test:\n    filePath: auth/test.map.yml\n")},
               {u"auth/test.map.yml"_s, "path: /me\n"}})
        << DiagnosticKind::ImplementationNotAllowed
        << QStringList {u"acme/spec.yml:10:15: test cannot be implemented as mapping (auth/test.map.yml)"_s} << acme;
    QTest::addRow("requiredMethodNotSupported")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace("  getOAuthConfig:\n    implementationType: mapping\n",
                   "  getOAuthConfig:\n    implementationType: not-supported\n")}})
        << DiagnosticKind::MissingMethod
        << QStringList {u"acme/spec.yml:5:3: auth: getOAuthConfig is required for auth type oauth2 and cannot be "
                        "not-supported"_s}
        << acme;
    QTest::addRow("filePathWithoutKnownSuffix") << connector(
        {{u"spec.yml"_s, specWith("  test:\n    filePath: auth/check.txt\n")}, {u"auth/check.txt"_s, "GET /me\n"}})
                                                << DiagnosticKind::WrongSuffix
                                                << QStringList {u"acme/spec.yml:10:15: test: cannot tell the "
                                                                u"implementation type of auth/check.txt from its name; "
                                                                "add implementationType"_s}
                                                << acme;
    QTest::addRow("filePathAbsolute")
        << connector({{u"spec.yml"_s,
               QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                   "implementationType: mapping\n    filePath: /etc/acme/oauth.yml\n  makeApiClient")}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig.filePath must be relative to the connector folder "
                        "(got \"/etc/acme/oauth.yml\")"_s}
        << acme;
    QTest::addRow("filePathParent")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: mapping\n    filePath: ../oauth.yml\n  makeApiClient")},
               {u"../oauth.yml"_s, validOAuthConfig}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig.filePath must be relative to the connector folder "
                        "(got \"../oauth.yml\")"_s}
        << acme;
    QTest::addRow("filePathEscapesThroughAuth")
        << connector({{u"spec.yml"_s,
                          QByteArray(validSpec).replace("implementationType: mapping\n  makeApiClient",
                              "implementationType: mapping\n    filePath: auth/../../oauth.yml\n  makeApiClient")},
               {u"../oauth.yml"_s, validOAuthConfig}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/spec.yml:7:15: getOAuthConfig.filePath must be relative to the connector folder "
                        "(got \"auth/../../oauth.yml\")"_s}
        << acme;
    QTest::addRow("unterminatedStringInJs")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")},
               {u"auth/test.js"_s, "export default async function test({ apiClient }) {\n"
                                   "  const me = await apiClient.get('/me)\n"
                                   "  return Boolean(me.id)\n"
                                   "}\n"}})
        << DiagnosticKind::ScriptSyntax
        << QStringList {u"acme/auth/test.js:2:34: unterminated string literal"_s} << acme;
    QTest::addRow("unterminatedCommentInTs")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")},
               {u"auth/test.ts"_s, "export default function test(): boolean {\n  /* not closed\n  return true\n}\n"}})
        << DiagnosticKind::ScriptSyntax << QStringList {u"acme/auth/test.ts:2:3: unterminated comment"_s} << acme;
    QTest::addRow("inlineCodeLexicalError")
        << connector({{u"spec.yml"_s, specWith("  test:\n    type: javascript\n    code: \"module.exports = () => `open\"\n")}})
        << DiagnosticKind::ScriptSyntax
        << QStringList {u"acme/spec.yml:11:11: test.code, line 1:24: unterminated template literal"_s} << acme;
    QTest::addRow("emptyJsFile") << connector(
        {{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")}, {u"auth/test.js"_s, ""}})
                                 << DiagnosticKind::InvalidValue
                                 << QStringList {u"acme/auth/test.js:1:1: test is empty; it must export a function"_s}
                                 << acme;
    QTest::addRow("blankTsFile") << connector(
        {{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")},
            {u"auth/test.ts"_s, "\n   \n\t\n"}})
                                 << DiagnosticKind::InvalidValue
                                 << QStringList {u"acme/auth/test.ts:1:1: test is empty; it must export a function"_s}
                                 << acme;
    QTest::addRow("invalidUtf8InMethodFile")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"
               "tokenUri: https://auth.acme.test/t\xc3\x28ken\n"}})
        << DiagnosticKind::UnreadableFile
        << QStringList {u"acme/auth/get-oauth-config.map.yml:3:35: not valid UTF-8 text (save the file as UTF-8)"_s}
        << acme;
    QTest::addRow("invalidUtf8InJsFile")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: javascript\n")},
               {u"auth/test.js"_s, "// caf\xe9\nexport default function () { return true; }\n"}})
        << DiagnosticKind::UnreadableFile
        << QStringList {u"acme/auth/test.js:1:7: not valid UTF-8 text (save the file as UTF-8)"_s} << acme;
    QTest::addRow("credentialsSchemaFileIsAList")
        << connector({{u"auth/credentials-schema.yml"_s, "- access_token\n- refresh_token\n"}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/credentials-schema.yml:1:1: a credentials schema must be a mapping"_s} << acme;

    // --- formulas ------------------------------------------------------------------------------
    QTest::addRow("templateIsUnknown")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri:\n"
               "  $template: \"https://${subdomain}.acme.test/authorize\"\n"
               "tokenUri: https://auth.acme.test/token\n"}})
        << DiagnosticKind::UnknownFormula
        << QStringList {u"acme/auth/get-oauth-config.map.yml:3:3: unknown formula \"$template\"; did you mean $tpl "
                        "(with {name} placeholders)?"_s}
        << acme;
    QTest::addRow("jsonataUnsupported")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$jsonata: connectorParameters.clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"
               "tokenUri: https://auth.acme.test/token\n"}})
        << DiagnosticKind::UnsupportedFormula
        << QStringList {u"acme/auth/get-oauth-config.map.yml:1:12: $jsonata is not supported in Authdesk (no JSONata "
                        "engine); use $case/$eval/$concat or a JavaScript method instead"_s}
        << acme;
    QTest::addRow("lookupUnsupported")
        << connector({{u"auth/make-api-client.map.yml"_s,
               "baseUri: https://api.acme.test\n"
               "headers:\n"
               "  X-Account:\n"
               "    $lookup: {collection: accounts}\n"}})
        << DiagnosticKind::UnsupportedFormula
        << QStringList {u"acme/auth/make-api-client.map.yml:4:5: $lookup is not supported in Authdesk: it looks up "
                        "records in the connector platform's data, which does not exist on the desktop"_s}
        << acme;
    QTest::addRow("malformedVarPath")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters..clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"
               "tokenUri: https://auth.acme.test/token\n"}})
        << DiagnosticKind::MalformedFormula
        << QStringList {u"acme/auth/get-oauth-config.map.yml:1:18: $var path \"connectorParameters..clientId\" is malformed"_s}
        << acme;
    QTest::addRow("varOfAList") << connector({{u"auth/get-oauth-config.map.yml"_s,
        "clientId:\n"
        "  $var: [connectorParameters, clientId]\n"
        "authorizeUri: https://auth.acme.test/authorize\n"
        "tokenUri: https://auth.acme.test/token\n"}})
                                << DiagnosticKind::MalformedFormula
                                << QStringList {u"acme/auth/get-oauth-config.map.yml:2:9: $var expects a path such as "
                                                u"connectorParameters.clientId, "
                                                "got a list"_s}
                                << acme;
    QTest::addRow("inlineMappingFormulaIsLocatedInSpec")
        << connector({{u"spec.yml"_s,
               specWith("  test:\n    type: rest-api-mapping\n    mapping:\n      path: /me\n"
                        "      responseMapping:\n        $jsonata: response.data.id\n")}})
        << DiagnosticKind::UnsupportedFormula
        << QStringList {u"acme/spec.yml:14:9: $jsonata is not supported in Authdesk (no JSONata engine); use "
                        "$case/$eval/$concat or a JavaScript method instead"_s}
        << acme;

    // --- the OAuth config (getOAuthConfig mapping) ---------------------------------------------
    QTest::addRow("clientAuthLocationBadEnum")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("clientAuthLocation: sideways\n")}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:21: clientAuthLocation must be \"headers\" or \"body\" "
                        "(got \"sideways\")"_s}
        << acme;
    QTest::addRow("redirectPortOutOfRange")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("redirectPort: 70000\n")}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:15: redirectPort must be a port number from 1 to 65535 (got 70000)"_s}
        << acme;
    QTest::addRow("redirectPathRelative")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("redirectPath: callback\n")}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:15: redirectPath must be a path that starts with \"/\" (got \"callback\")"_s}
        << acme;
    QTest::addRow("issParameterSupportedYes")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("authorizationResponseIssParameterSupported: yes\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:45: authorizationResponseIssParameterSupported must be true or false (got \"yes\")"_s}
        << acme;
    QTest::addRow("skipPkceYes")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("skipPkce: yes\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:11: skipPkce must be true or false (got \"yes\")"_s}
        << acme;
    QTest::addRow("noRefreshTokenNumber")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("noRefreshToken: 1\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:17: noRefreshToken must be true or false (got 1)"_s}
        << acme;
    QTest::addRow("scopesAsMapping")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("scopes:\n  read: true\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:5:3: scopes must be a list of strings (or one string)"_s}
        << acme;
    QTest::addRow("scopeItemNumber")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("scopes: [read, 42]\n")}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:16: each scope must be a string (got 42)"_s} << acme;
    QTest::addRow("authorizeUriNotAUrl")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri: auth.acme.test/authorize\n"
               "tokenUri: https://auth.acme.test/token\n"}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/get-oauth-config.map.yml:2:15: authorizeUri must be an absolute http(s) URL "
                        "(got \"auth.acme.test/authorize\")"_s}
        << acme;
    QTest::addRow("tokenUriMissing")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"}})
        << DiagnosticKind::MissingField
        << QStringList {u"acme/auth/get-oauth-config.map.yml:1:1: the OAuth config needs tokenUri"_s} << acme;
    QTest::addRow("tokenUriNumber")
        << connector({{u"auth/get-oauth-config.map.yml"_s,
               "clientId: {$var: connectorParameters.clientId}\n"
               "authorizeUri: https://auth.acme.test/authorize\n"
               "tokenUri: 443\n"}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/get-oauth-config.map.yml:3:11: tokenUri must be a URL string (got 443)"_s} << acme;
    QTest::addRow("oauthConfigIsAList") << connector(
        {{u"auth/get-oauth-config.map.yml"_s, "- https://auth.acme.test/authorize\n"}})
                                        << DiagnosticKind::WrongType
                                        << QStringList {u"acme/auth/get-oauth-config.map.yml:1:1: the OAuth config "
                                                        u"must be a mapping with authorizeUri, "
                                                        "tokenUri, ..."_s}
                                        << acme;
    QTest::addRow("extraWithNestedList") << connector(
        {{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("extra:\n  prompt: [consent, login]\n")}})
                                         << DiagnosticKind::WrongType
                                         << QStringList {u"acme/auth/get-oauth-config.map.yml:5:11: extra.prompt must "
                                                         u"be a single value (a string, number "
                                                         "or formula), not a list"_s}
                                         << acme;
    QTest::addRow("duplicateKeyInMethodFile")
        << connector(
               {{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("tokenUri: https://auth.acme.test/token2\n")}})
        << DiagnosticKind::DuplicateKey
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:1: duplicate key \"tokenUri\""_s} << acme;
    QTest::addRow("scopeSeparatorWarning")
        << connector({{u"auth/get-oauth-config.map.yml"_s, oauthConfigWith("scopeSeparator: \",\"\n")}})
        << DiagnosticKind::UnknownKey
        << QStringList {u"acme/auth/get-oauth-config.map.yml:4:17: warning: scopeSeparator is not part of the OAuth "
                        "config format and is ignored; use extra (authorize URL) or a JavaScript "
                        "getTokenData/refreshCredentials (token requests)"_s}
        << acme;

    // --- makeApiClient and test --------------------------------------------------------------
    QTest::addRow("baseUriNotAUrl")
        << connector({{u"auth/make-api-client.map.yml"_s, "args:\n  baseUri: api.acme.test\n"}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/make-api-client.map.yml:2:12: baseUri must be an absolute http(s) URL "
                        "(got \"api.acme.test\")"_s}
        << acme;
    QTest::addRow("headersAsList")
        << connector({{u"auth/make-api-client.map.yml"_s, "baseUri: https://api.acme.test\nheaders: [Accept]\n"}})
        << DiagnosticKind::WrongType
        << QStringList {u"acme/auth/make-api-client.map.yml:2:10: headers must be a mapping of names to values (got a list)"_s}
        << acme;
    QTest::addRow("restTestNoPath") << connector(
        {{u"spec.yml"_s, specWith("  test:\n    implementationType: rest-api-mapping\n")},
            {u"auth/test.rest.yml"_s, "method: GET\nresponseMapping: true\n"}})
                                    << DiagnosticKind::MissingField
                                    << QStringList {u"acme/auth/test.rest.yml:1:1: the REST test needs a path"_s}
                                    << acme;
    QTest::addRow("restTestBadMethod")
        << connector({{u"spec.yml"_s, specWith("  test:\n    implementationType: rest-api-mapping\n")},
               {u"auth/test.api.yml"_s, "path: /me\nmethod: FETCH\n"}})
        << DiagnosticKind::InvalidValue
        << QStringList {u"acme/auth/test.api.yml:2:9: method must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS "
                        "(got \"FETCH\")"_s}
        << acme;
}

void tst_MalformedConnectors::brokenFolder()
{
    QFETCH(Files, files);
    QFETCH(DiagnosticKind, kind);
    QFETCH(QStringList, expected);
    QFETCH(QString, name);

    ConnectorFixture fixture;
    QVERIFY(fixture.isValid());
    const QString folder = fixture.addConnector(u"acme"_s, files);
    const LoadedConnector loaded = ConnectorLoader::load(folder);

    const QStringList actual = relativeDiagnostics(loaded.diagnostics, fixture.root());
    if (actual != expected)
        qWarning().noquote() << "diagnostics:\n " << actual.join(u"\n  "_s);
    QCOMPARE(actual, expected);
    QCOMPARE(loaded.diagnostics.first().kind, kind);
    const bool onlyWarnings = std::all_of(
        expected.cbegin(), expected.cend(), [](const QString &line) { return line.contains(u": warning: "_s); });
    QCOMPARE(loaded.isValid(), onlyWarnings);

    // A broken connector keeps a key and a name so that catalogs can list it with its errors.
    QCOMPARE(loaded.spec.key(), u"acme"_s);
    QCOMPARE(loaded.spec.name(), name);
    QCOMPARE(loaded.spec.folder(), folder);
}

void tst_MalformedConnectors::brokenFoldersAreListedByKey()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"no-spec"_s, {{u"auth/test.js"_s, "export default () => true;\n"}});
    fixture.addConnector(u"bad-yaml"_s, {{u"spec.yml"_s, "key: renamed\nname: [Bad\n"}});
    fixture.addConnector(u"bad-auth"_s, {{u"spec.yml"_s, "key: custom-key\nname: Custom\nauth: 12\n"}});

    const LoadedConnector noSpec = ConnectorLoader::load(fixture.root() + u"/no-spec"_s);
    QCOMPARE(noSpec.spec.key(), u"no-spec"_s);
    QCOMPARE(noSpec.spec.name(), u"no-spec"_s);
    QVERIFY(!noSpec.isValid());

    // A syntax error stops parsing before `key:` counts: the folder name stands in.
    const LoadedConnector badYaml = ConnectorLoader::load(fixture.root() + u"/bad-yaml"_s);
    QCOMPARE(badYaml.spec.key(), u"bad-yaml"_s);
    QVERIFY(!badYaml.isValid());

    const LoadedConnector badAuth = ConnectorLoader::load(fixture.root() + u"/bad-auth"_s);
    QCOMPARE(badAuth.spec.key(), u"custom-key"_s);
    QCOMPARE(badAuth.spec.name(), u"Custom"_s);
    QVERIFY(!badAuth.isValid());
    QCOMPARE(badAuth.diagnostics.size(), 1);
}

QTEST_GUILESS_MAIN(tst_MalformedConnectors)
#include "tst_malformedconnectors.moc"
