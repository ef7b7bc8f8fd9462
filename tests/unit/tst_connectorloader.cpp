#include "connectorfixture.h"
#include "mapping/mappingevaluator.h"
#include "spec/connectorloader.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

using Files = QMap<QString, QByteArray>;

// Every variant of the connector format that must load without a single diagnostic, and what the
// loaded spec then says (connector-format.md §1-§6, §8, §10, §11).
class tst_ConnectorLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oauthConfigFileNames_data();
    void oauthConfigFileNames();
    void preferredOAuthConfigFileWins();
    void methodFiles_data();
    void methodFiles();
    void explicitFilePath_data();
    void explicitFilePath();
    void inlineBodiesInFolderFormat();
    void notSupported();
    void inlineFormat();
    void availableOptionKeys_data();
    void availableOptionKeys();
    void optionMergeRules();
    void topLevelAuthIsAnOption();
    void inputSchemaFallback_data();
    void inputSchemaFallback();
    void parametersSchemaDefaults();
    void credentialsSchema_data();
    void credentialsSchema();
    void unknownKeysAreIgnored();
    void testIsOptional();
    void keyAndNameDefaults_data();
    void keyAndNameDefaults();
    void currentDirectoryAsFolder();
    void byteOrderMark();
    void quickBooksShape();
};

namespace {

const QByteArray specHeader = //
    "key: acme\n"
    "name: Acme\n"
    "parametersSchema:\n"
    "  type: object\n"
    "  properties:\n"
    "    clientId: {type: string}\n"
    "    clientSecret: {type: string, format: password}\n"
    "auth:\n"
    "  type: oauth2\n";

const QByteArray getOAuthConfigEntry = "  getOAuthConfig:\n    implementationType: mapping\n";
const QByteArray makeApiClientEntry = "  makeApiClient:\n    implementationType: mapping\n";

const QByteArray oauthConfig = //
    "clientId:\n"
    "  $var: connectorParameters.clientId\n"
    "clientSecret:\n"
    "  $var: connectorParameters.clientSecret\n"
    "authorizeUri: https://auth.acme.test/authorize\n"
    "tokenUri: https://auth.acme.test/token\n"
    "scopes: [read, write]\n"
    "clientAuthLocation: body\n";

const QByteArray apiClient = //
    "baseUri: https://api.acme.test/v1\n"
    "headers:\n"
    "  Authorization:\n"
    "    $concat: ['Bearer ', {$var: credentials.access_token}]\n";

const QByteArray javascript = "export default async function ({ apiClient }) {\n  return true;\n}\n";

// A valid oauth2 connector; `entries` are appended to the auth block and `files` to the folder.
Files connector(const QByteArray &entries = getOAuthConfigEntry + makeApiClientEntry, const Files &files = {})
{
    Files all {
        {u"spec.yml"_s, specHeader + entries},
        {u"auth/get-oauth-config.map.yml"_s, oauthConfig},
        {u"auth/make-api-client.map.yml"_s, apiClient},
    };
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.value().isNull())
            all.remove(it.key());
        else
            all.insert(it.key(), it.value());
    }
    return all;
}

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

QString json(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"undefined"_s;
    QJsonArray wrapper {value};
    const QByteArray text = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QJsonValue evaluate(const MethodImplementation *method, const QJsonObject &variables)
{
    if (!method) {
        qWarning("the method is not loaded");
        return QJsonValue(QJsonValue::Undefined);
    }
    const auto value = MappingEvaluator(variables).evaluate(method->mapping);
    if (!value) {
        qWarning().noquote() << value.error().message;
        return QJsonValue(QJsonValue::Undefined);
    }
    return *value;
}

const QJsonObject connectorParameters {{u"clientId"_s, u"id-123"_s}, {u"clientSecret"_s, u"s3cret"_s}};

QJsonObject oauthVariables(const QJsonObject &connectionInput = {})
{
    return {{u"connectorParameters"_s, connectorParameters}, {u"connectionInput"_s, connectionInput},
        {u"connectionParameters"_s, connectionInput}, {u"redirectUri"_s, u"http://127.0.0.1:5000/callback"_s},
        {u"state"_s, u"xyz"_s}};
}

QStringList propertyNames(const QJsonObject &schema)
{
    QStringList names = schema.value(u"properties"_s).toObject().keys();
    names.sort();
    return names;
}

} // namespace

// Loads `folder` and fails the calling test, listing the diagnostics, unless there are none.
#define LOAD_CLEANLY(loaded, folder)                                                                                   \
    const LoadedConnector loaded = ConnectorLoader::load(folder);                                                      \
    QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(describe(loaded.diagnostics)))

void tst_ConnectorLoader::oauthConfigFileNames_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("entry");

    const QByteArray declared = getOAuthConfigEntry;
    const QByteArray inferred = "  getOAuthConfig: {}\n";
    for (const QString &fileName :
        {u"get-oauth-config.map.yml"_s, u"get-oauth-config.yml"_s, u"oauth-config.yml"_s, u"oauth-config.map.yml"_s}) {
        QTest::addRow("%s_declared", qPrintable(fileName)) << fileName << declared;
        QTest::addRow("%s_inferred", qPrintable(fileName)) << fileName << inferred;
    }
    QTest::addRow("get-oauth-config.map.yml_nullEntry")
        << u"get-oauth-config.map.yml"_s << QByteArray("  getOAuthConfig:\n");
}

void tst_ConnectorLoader::oauthConfigFileNames()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, entry);

    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        connector(entry + makeApiClientEntry,
            {{u"auth/get-oauth-config.map.yml"_s, QByteArray()}, {u"auth/"_s + fileName, oauthConfig}}));
    LOAD_CLEANLY(loaded, folder);

    const MethodImplementation *method = loaded.spec.auth().method(AuthMethod::GetOAuthConfig);
    QVERIFY(method);
    QCOMPARE(method->type, ImplementationType::Mapping);
    QCOMPARE(method->filePath, folder + u"/auth/"_s + fileName);
    QVERIFY(!method->isInline);
    QCOMPARE(method->declarationLine, 10);
    QCOMPARE(method->declarationColumn, 3);

    const QJsonObject config = evaluate(method, oauthVariables()).toObject();
    QCOMPARE(config.value(u"clientId"_s).toString(), u"id-123"_s);
    QCOMPARE(config.value(u"authorizeUri"_s).toString(), u"https://auth.acme.test/authorize"_s);
    QCOMPARE(json(config.value(u"scopes"_s)), u"[\"read\",\"write\"]"_s);
}

void tst_ConnectorLoader::preferredOAuthConfigFileWins()
{
    // get-oauth-config is the preferred file key; .map.yml the preferred mapping suffix.
    ConnectorFixture fixture;
    QByteArray other = oauthConfig;
    other.replace("auth.acme.test", "other.acme.test");
    const QString folder = fixture.addConnector(u"acme"_s,
        connector(getOAuthConfigEntry + makeApiClientEntry,
            {{u"auth/oauth-config.yml"_s, other}, {u"auth/oauth-config.map.yml"_s, other},
                {u"auth/get-oauth-config.yml"_s, other}}));
    LOAD_CLEANLY(loaded, folder);
    const MethodImplementation *method = loaded.spec.auth().method(AuthMethod::GetOAuthConfig);
    QVERIFY(method);
    QCOMPARE(method->filePath, folder + u"/auth/get-oauth-config.map.yml"_s);
}

void tst_ConnectorLoader::methodFiles_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<AuthMethod>("method");
    QTest::addColumn<ImplementationType>("type");

    using enum ImplementationType;
    const QByteArray restTest
        = "method: GET\npath: /me\nresponseMapping:\n  $eval: {$var: $.response.data.id}\n  isNotEmpty: true\n";
    const QByteArray opTest = "operationKey: get-current-user\ninput: {}\n";
    const QByteArray credentialsMapping = "access_token: {$var: tokenResponse.access_token}\n";

    auto add = [](const char *name, const QByteArray &entry, const QString &fileName, const QByteArray &contents,
                   AuthMethod method, ImplementationType type) {
        QTest::addRow("%s", name) << entry << fileName << contents << method << type;
    };
    // makeApiClient replaces the default entry (see methodFiles()).
    add("makeApiClient_yml", "  makeApiClient:\n    implementationType: mapping\n", u"make-api-client.yml"_s, apiClient,
        AuthMethod::MakeApiClient, Mapping);
    add("makeApiClient_js", "  makeApiClient:\n    implementationType: javascript\n", u"make-api-client.js"_s,
        javascript, AuthMethod::MakeApiClient, Javascript);
    add("makeApiClient_ts", "  makeApiClient:\n    implementationType: javascript\n", u"make-api-client.ts"_s,
        "export default function ({ credentials }: { credentials: any }) {\n  return { baseUri: 'https://x.test' "
        "};\n}\n",
        AuthMethod::MakeApiClient, Javascript);
    add("makeApiClient_inferredJs", "  makeApiClient: {}\n", u"make-api-client.js"_s, javascript,
        AuthMethod::MakeApiClient, Javascript);
    add("makeApiClient_inferredMapping", "  makeApiClient:\n", u"make-api-client.yml"_s, apiClient,
        AuthMethod::MakeApiClient, Mapping);
    add("getOAuthConfig_js", "  getOAuthConfig:\n    implementationType: javascript\n", u"get-oauth-config.js"_s,
        javascript, AuthMethod::GetOAuthConfig, Javascript);
    add("getOAuthConfig_oauthConfigTs", "  getOAuthConfig:\n    implementationType: javascript\n", u"oauth-config.ts"_s,
        javascript, AuthMethod::GetOAuthConfig, Javascript);
    add("test_js", "  test:\n    implementationType: javascript\n", u"test.js"_s, javascript, AuthMethod::Test,
        Javascript);
    add("test_ts", "  test:\n    implementationType: javascript\n", u"test.ts"_s, javascript, AuthMethod::Test,
        Javascript);
    add("test_inferredJs", "  test: {}\n", u"test.js"_s, javascript, AuthMethod::Test, Javascript);
    add("test_inferredTs", "  test: {}\n", u"test.ts"_s, javascript, AuthMethod::Test, Javascript);
    add("test_restYml", "  test:\n    implementationType: rest-api-mapping\n", u"test.rest.yml"_s, restTest,
        AuthMethod::Test, RestApiMapping);
    add("test_apiYml", "  test:\n    implementationType: rest-api-mapping\n", u"test.api.yml"_s, restTest,
        AuthMethod::Test, RestApiMapping);
    add("test_inferredRestYml", "  test: {}\n", u"test.rest.yml"_s, restTest, AuthMethod::Test, RestApiMapping);
    add("test_inferredApiYml", "  test: {}\n", u"test.api.yml"_s, restTest, AuthMethod::Test, RestApiMapping);
    add("test_opYml", "  test:\n    implementationType: operation-mapping\n", u"test.op.yml"_s, opTest,
        AuthMethod::Test, OperationMapping);
    add("test_inferredOpYml", "  test: {}\n", u"test.op.yml"_s, opTest, AuthMethod::Test, OperationMapping);
    add("tokenResponse_tokenFile", "  getCredentialsFromTokenResponse:\n    implementationType: javascript\n",
        u"get-credentials-from-token-response.js"_s, javascript, AuthMethod::GetCredentialsFromAccessTokenResponse,
        Javascript);
    add("tokenResponse_accessTokenFile", "  getCredentialsFromTokenResponse:\n    implementationType: javascript\n",
        u"get-credentials-from-access-token-response.js"_s, javascript,
        AuthMethod::GetCredentialsFromAccessTokenResponse, Javascript);
    add("accessTokenResponse_accessTokenFile",
        "  getCredentialsFromAccessTokenResponse:\n    implementationType: javascript\n",
        u"get-credentials-from-access-token-response.js"_s, javascript,
        AuthMethod::GetCredentialsFromAccessTokenResponse, Javascript);
    add("accessTokenResponse_tokenFile",
        "  getCredentialsFromAccessTokenResponse:\n    implementationType: javascript\n",
        u"get-credentials-from-token-response.js"_s, javascript, AuthMethod::GetCredentialsFromAccessTokenResponse,
        Javascript);
    add("accessTokenResponse_ts", "  getCredentialsFromAccessTokenResponse: {}\n",
        u"get-credentials-from-access-token-response.ts"_s, javascript,
        AuthMethod::GetCredentialsFromAccessTokenResponse, Javascript);
    add("accessTokenResponse_mapping", "  getCredentialsFromAccessTokenResponse:\n    implementationType: mapping\n",
        u"get-credentials-from-access-token-response.map.yml"_s, credentialsMapping,
        AuthMethod::GetCredentialsFromAccessTokenResponse, Mapping);
    add("refreshTokenResponse_mapping", "  getCredentialsFromRefreshTokenResponse: {}\n",
        u"get-credentials-from-refresh-token-response.yml"_s, credentialsMapping,
        AuthMethod::GetCredentialsFromRefreshTokenResponse, Mapping);
    add("getTokenData_js", "  getTokenData:\n    implementationType: javascript\n", u"get-token-data.js"_s, javascript,
        AuthMethod::GetTokenData, Javascript);
    add("refreshCredentials_js", "  refreshCredentials:\n    implementationType: javascript\n",
        u"refresh-credentials.js"_s, javascript, AuthMethod::RefreshCredentials, Javascript);
    add("disconnect_ts", "  disconnect: {}\n", u"disconnect.ts"_s, javascript, AuthMethod::Disconnect, Javascript);
    add("connectionParameters_js", "  getCredentialsFromConnectionParameters: {}\n",
        u"get-credentials-from-connection-parameters.js"_s, javascript,
        AuthMethod::GetCredentialsFromConnectionParameters, Javascript);
}

void tst_ConnectorLoader::methodFiles()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, contents);
    QFETCH(AuthMethod, method);
    QFETCH(ImplementationType, type);

    QByteArray entries = entry;
    Files files {{u"auth/"_s + fileName, contents}};
    if (method != AuthMethod::GetOAuthConfig)
        entries.prepend(getOAuthConfigEntry);
    else
        files.insert(u"auth/get-oauth-config.map.yml"_s, QByteArray()); // only the row's file
    if (method != AuthMethod::MakeApiClient)
        entries.append(makeApiClientEntry);
    else
        files.insert(u"auth/make-api-client.map.yml"_s, QByteArray());

    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s, connector(entries, files));
    LOAD_CLEANLY(loaded, folder);

    const MethodImplementation *implementation = loaded.spec.auth().method(method);
    QVERIFY(implementation);
    QCOMPARE(implementation->method, method);
    QCOMPARE(implementation->type, type);
    QCOMPARE(implementation->filePath, folder + u"/auth/"_s + fileName);
    QVERIFY(!implementation->isInline);
    if (type == ImplementationType::Javascript) {
        QCOMPARE(implementation->code, QString::fromUtf8(contents));
        QVERIFY(implementation->mapping.isUndefined());
    } else {
        QVERIFY(implementation->code.isEmpty());
        QCOMPARE(implementation->mapping.kind(), Expression::Kind::Object);
    }
}

void tst_ConnectorLoader::explicitFilePath_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<AuthMethod>("method");
    QTest::addColumn<ImplementationType>("type");

    using enum ImplementationType;
    QTest::addRow("oauthConfigYml") // QuickBooks
        << QByteArray("  getOAuthConfig:\n    implementationType: mapping\n    filePath: auth/oauth-config.yml\n")
        << u"auth/oauth-config.yml"_s << oauthConfig << AuthMethod::GetOAuthConfig << Mapping;
    QTest::addRow("oauthConfigInferredMapping")
        << QByteArray("  getOAuthConfig:\n    filePath: config/oauth.map.yml\n") << u"config/oauth.map.yml"_s
        << oauthConfig << AuthMethod::GetOAuthConfig << Mapping;
    QTest::addRow("testTs") << QByteArray("  test:\n    implementationType: javascript\n    filePath: auth/test.ts\n")
                            << u"auth/test.ts"_s << javascript << AuthMethod::Test << Javascript;
    QTest::addRow("otherFolder_inferredJs") << QByteArray("  test:\n    filePath: checks/ping.js\n")
                                            << u"checks/ping.js"_s << javascript << AuthMethod::Test << Javascript;
    QTest::addRow("otherFolder_inferredRest")
        << QByteArray("  test:\n    filePath: checks/ping.rest.yml\n") << u"checks/ping.rest.yml"_s
        << QByteArray("method: GET\npath: /ping\n") << AuthMethod::Test << RestApiMapping;
    QTest::addRow("dotSlash_declaredOp") << QByteArray(
        "  test:\n    implementationType: operation-mapping\n    filePath: ./auth/ping.op.yml\n")
                                         << u"auth/ping.op.yml"_s << QByteArray("operationKey: me\n")
                                         << AuthMethod::Test << OperationMapping;
    QTest::addRow("credentialsHook_ts") << QByteArray(
        "  getCredentialsFromAccessTokenResponse:\n    implementationType: javascript\n"
        "    filePath: auth/hooks/tenant.ts\n")
                                        << u"auth/hooks/tenant.ts"_s << javascript
                                        << AuthMethod::GetCredentialsFromAccessTokenResponse << Javascript;
    QTest::addRow("innerDotDotStaysInside")
        << QByteArray("  disconnect:\n    filePath: auth/x/../revoke.js\n") << u"auth/revoke.js"_s << javascript
        << AuthMethod::Disconnect << Javascript;
}

void tst_ConnectorLoader::explicitFilePath()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, relativePath);
    QFETCH(QByteArray, contents);
    QFETCH(AuthMethod, method);
    QFETCH(ImplementationType, type);

    // The row's getOAuthConfig replaces the default one, whose file is then absent.
    const bool config = method == AuthMethod::GetOAuthConfig;
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        connector((config ? QByteArray() : getOAuthConfigEntry) + makeApiClientEntry + entry,
            {{u"auth/get-oauth-config.map.yml"_s, config ? QByteArray() : oauthConfig}, {relativePath, contents}}));
    LOAD_CLEANLY(loaded, folder);
    const MethodImplementation *implementation = loaded.spec.auth().method(method);
    QVERIFY(implementation);
    QCOMPARE(implementation->type, type);
    QCOMPARE(implementation->filePath, folder + u'/' + relativePath);
    if (type == ImplementationType::Javascript)
        QCOMPARE(implementation->code, QString::fromUtf8(contents));
    else
        QCOMPARE(implementation->mapping.kind(), Expression::Kind::Object);
}

void tst_ConnectorLoader::inlineBodiesInFolderFormat()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        connector("  getOAuthConfig:\n"
                  "    implementationType: mapping\n"
                  "    mapping:\n"
                  "      clientId: {$var: connectorParameters.clientId}\n"
                  "      authorizeUri: https://inline.acme.test/authorize\n"
                  "      tokenUri: https://inline.acme.test/token\n"
                  "  makeApiClient:\n"
                  "    mapping:\n" // type inferred from `mapping:`
                  "      baseUri: https://api.acme.test\n"
                  "  test:\n"
                  "    type: javascript\n" // `type` works like implementationType
                  "    code: |\n"
                  "      export default async function ({ apiClient }) {\n"
                  "        return (await apiClient.get('/me')).id != null;\n"
                  "      }\n"
                  "  disconnect:\n"
                  "    code: \"export default async function () {}\"\n",
            // The inline body wins over the conventional file.
            {{u"auth/get-oauth-config.map.yml"_s, oauthConfig}}));
    LOAD_CLEANLY(loaded, folder);
    const AuthSpec &auth = loaded.spec.auth();

    const MethodImplementation *config = auth.method(AuthMethod::GetOAuthConfig);
    QVERIFY(config);
    QVERIFY(config->isInline);
    QCOMPARE(config->type, ImplementationType::Mapping);
    QCOMPARE(config->filePath, loaded.spec.specFile());
    QCOMPARE(evaluate(config, oauthVariables()).toObject().value(u"authorizeUri"_s).toString(),
        u"https://inline.acme.test/authorize"_s);

    const MethodImplementation *client = auth.method(AuthMethod::MakeApiClient);
    QVERIFY(client);
    QVERIFY(client->isInline);
    QCOMPARE(client->type, ImplementationType::Mapping);
    QCOMPARE(json(evaluate(client, {})), u"{\"baseUri\":\"https://api.acme.test\"}"_s);

    const MethodImplementation *test = auth.method(AuthMethod::Test);
    QVERIFY(test);
    QVERIFY(test->isInline);
    QCOMPARE(test->type, ImplementationType::Javascript);
    QCOMPARE(test->code,
        u"export default async function ({ apiClient }) {\n  return (await apiClient.get('/me')).id != null;\n}\n"_s);

    const MethodImplementation *disconnect = auth.method(AuthMethod::Disconnect);
    QVERIFY(disconnect);
    QCOMPARE(disconnect->type, ImplementationType::Javascript);
    QCOMPARE(disconnect->code, u"export default async function () {}"_s);
}

void tst_ConnectorLoader::notSupported()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        connector(getOAuthConfigEntry + makeApiClientEntry
                + "  test:\n    implementationType: not-supported\n"
                  "  refreshCredentials:\n    implementationType: not-supported\n",
            // A file for a not-supported method is not read (this one would not even parse).
            {{u"auth/test.js"_s, ""}}));
    LOAD_CLEANLY(loaded, folder);
    const AuthSpec &auth = loaded.spec.auth();
    for (const AuthMethod method : {AuthMethod::Test, AuthMethod::RefreshCredentials}) {
        QVERIFY(auth.methods.contains(method));
        QCOMPARE(auth.methods.value(method).type, ImplementationType::NotSupported);
        QVERIFY(!auth.methods.value(method).isSupported());
        QVERIFY(auth.methods.value(method).filePath.isEmpty());
        QVERIFY(!auth.method(method)); // method() hides declared-but-unsupported methods
    }
    QVERIFY(!auth.methods.contains(AuthMethod::Disconnect));
}

void tst_ConnectorLoader::inlineFormat()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme-inline"_s,
        {{u"spec.yml"_s,
             "key: acme-inline\n"
             "name: Acme (inline)\n"
             "logoUri: https://acme.test/logo.png\n"
             "type: oauth2\n"
             "title: Acme account\n"
             "parametersSchema:\n"
             "  type: object\n"
             "  properties:\n"
             "    clientId: {type: string}\n"
             "    clientSecret: {type: string, format: password}\n"
             "inputSchema:\n"
             "  type: object\n"
             "  properties:\n"
             "    subdomain: {type: string}\n"
             "getOAuthConfig:\n"
             "  type: mapping\n"
             "  mapping:\n"
             "    clientId: {$var: connectorParameters.clientId}\n"
             "    clientSecret: {$var: connectorParameters.clientSecret}\n"
             "    authorizeUri:\n"
             "      $tpl:\n"
             "        template: 'https://{subdomain}.acme.test/oauth/authorize'\n"
             "        values: {subdomain: {$var: connectionInput.subdomain}}\n"
             "    tokenUri: https://acme.test/oauth/token\n"
             "makeApiClient:\n"
             "  type: mapping\n"
             "  mapping:\n"
             "    baseUri: https://api.acme.test\n"
             "getCredentialsFromAccessTokenResponse:\n"
             "  type: javascript\n" // body from the conventional file
             "test:\n"
             "  type: javascript\n"
             "  code: \"export default async ({ apiClient }) => !!(await apiClient.get('/me'))\"\n"},
            {u"auth/get-credentials-from-access-token-response.js"_s, javascript}});
    LOAD_CLEANLY(loaded, folder);
    const ConnectorSpec &spec = loaded.spec;
    QVERIFY(spec.isInlineFormat());
    QCOMPARE(spec.key(), u"acme-inline"_s);
    QCOMPARE(spec.name(), u"Acme (inline)"_s);
    QCOMPARE(spec.logoUri(), u"https://acme.test/logo.png"_s);
    QCOMPARE(spec.auth().type, AuthType::OAuth2);
    QCOMPARE(spec.auth().title, u"Acme account"_s);
    QCOMPARE(propertyNames(spec.parametersSchema()), (QStringList {u"clientId"_s, u"clientSecret"_s}));
    QCOMPARE(propertyNames(spec.auth().inputSchema), QStringList {u"subdomain"_s});
    QVERIFY(spec.options().isEmpty());

    const MethodImplementation *config = spec.auth().method(AuthMethod::GetOAuthConfig);
    QVERIFY(config);
    QVERIFY(config->isInline);
    QCOMPARE(evaluate(config, oauthVariables({{u"subdomain"_s, u"tenant"_s}})).toObject().value(u"authorizeUri"_s),
        QJsonValue(u"https://tenant.acme.test/oauth/authorize"_s));
    QVERIFY(spec.auth().method(AuthMethod::MakeApiClient));
    const MethodImplementation *hook = spec.auth().method(AuthMethod::GetCredentialsFromAccessTokenResponse);
    QVERIFY(hook);
    QVERIFY(!hook->isInline);
    QCOMPARE(hook->code, QString::fromUtf8(javascript));
    const MethodImplementation *test = spec.auth().method(AuthMethod::Test);
    QVERIFY(test);
    QCOMPARE(test->type, ImplementationType::Javascript);
    QCOMPARE(test->code, u"export default async ({ apiClient }) => !!(await apiClient.get('/me'))"_s);
    QCOMPARE(QStringList(spec.availableOptionKeys({}).value()), QStringList {QString()});
}

namespace {

// Options with `enabled` formulas and the §3.2 merge rules. The top-level auth has no type, so it is
// a set of shared fields and fallback methods, not an option of its own.
Files optionsConnector()
{
    return {
        {u"spec.yml"_s,
            "key: acme\n"
            "name: Acme\n"
            "parametersSchema:\n"
            "  type: object\n"
            "  properties:\n"
            "    clientId: {type: string}\n"
            "    region: {type: string, default: eu}\n"
            "auth:\n"
            "  title: Acme\n"
            "  ui:\n"
            "    schema:\n"
            "      type: object\n"
            "      properties:\n"
            "        subdomain: {type: string}\n"
            "      required: [subdomain]\n"
            "  parametersSchema:\n"
            "    properties:\n"
            "      clientSecret: {type: string, format: password}\n"
            "  credentialsSchema:\n"
            "    type: object\n"
            "    properties:\n"
            "      access_token: {type: string}\n"
            "  makeApiClient:\n"
            "    implementationType: mapping\n"
            "  test:\n"
            "    implementationType: javascript\n"
            "  disconnect:\n"
            "    implementationType: javascript\n"
            "  getCredentialsFromAccessTokenResponse:\n"
            "    implementationType: javascript\n"
            "  refreshCredentials:\n"
            "    implementationType: javascript\n"
            "  options:\n"
            "    oauth:\n"
            "      type: oauth2\n"
            "      title: Your own OAuth app\n"
            "      enabled:\n"
            "        $var: connectorParameters.clientId\n"
            "      ui:\n"
            "        schema:\n"
            "          type: object\n"
            "          properties:\n"
            "            sandbox: {type: boolean}\n"
            "      parametersSchema:\n"
            "        properties:\n"
            "          scopes: {type: array, default: [read]}\n"
            "        required: [clientSecret]\n"
            "      credentialsSchema:\n"
            "        properties:\n"
            "          refresh_token: {type: string}\n"
            "      getOAuthConfig:\n"
            "        implementationType: mapping\n"
            "    euOnly:\n"
            "      type: oauth2\n"
            "      enabled:\n"
            "        $eval:\n"
            "          $var: connectorParameters.region\n"
            "        is: eu\n"
            "      getOAuthConfig:\n"
            "        implementationType: mapping\n"
            "        filePath: auth/eu/oauth-config.yml\n"
            "      makeApiClient:\n"
            "        implementationType: javascript\n"
            "        filePath: auth/eu/make-api-client.js\n"
            "    apiKey:\n"
            "      type: client-credentials\n"
            "      title: API key\n"
            "      inputSchema:\n"
            "        properties:\n"
            "          apiKey: {type: string, format: password}\n"
            "      test:\n"
            "        implementationType: javascript\n"
            "        filePath: auth/api-key-test.js\n"},
        {u"auth/get-oauth-config.map.yml"_s, oauthConfig},
        {u"auth/eu/oauth-config.yml"_s, QByteArray(oauthConfig).replace("auth.acme.test", "eu.acme.test")},
        {u"auth/make-api-client.map.yml"_s, apiClient},
        {u"auth/eu/make-api-client.js"_s, "export default () => ({ baseUri: 'https://eu.acme.test' });\n"},
        {u"auth/test.js"_s, javascript},
        {u"auth/api-key-test.js"_s, "export default () => true;\n"},
        {u"auth/disconnect.js"_s, "export default async function () {}\n"},
        {u"auth/get-credentials-from-access-token-response.js"_s, javascript},
        {u"auth/refresh-credentials.js"_s, javascript},
    };
}

} // namespace

void tst_ConnectorLoader::availableOptionKeys_data()
{
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("noClientId") << QJsonObject {} << QStringList {u"euOnly"_s, u"apiKey"_s};
    QTest::addRow("withClientId") << QJsonObject {{u"clientId"_s, u"abc"_s}}
                                  << QStringList {u"oauth"_s, u"euOnly"_s, u"apiKey"_s};
    QTest::addRow("emptyClientId") << QJsonObject {{u"clientId"_s, u""_s}} << QStringList {u"euOnly"_s, u"apiKey"_s};
    QTest::addRow("clientIdOtherRegion") << QJsonObject {{u"clientId"_s, u"abc"_s}, {u"region"_s, u"us"_s}}
                                         << QStringList {u"oauth"_s, u"apiKey"_s};
    QTest::addRow("otherRegion") << QJsonObject {{u"region"_s, u"us"_s}} << QStringList {u"apiKey"_s};
}

void tst_ConnectorLoader::availableOptionKeys()
{
    QFETCH(QJsonObject, parameters);
    QFETCH(QStringList, expected);

    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s, optionsConnector());
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(loaded.spec.options().size(), 3);
    QVERIFY(!loaded.spec.auth().type);
    const auto keys = loaded.spec.availableOptionKeys(parameters);
    QVERIFY2(keys, qPrintable(keys ? QString() : keys.error().message));
    QCOMPARE(*keys, expected);
}

void tst_ConnectorLoader::optionMergeRules()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s, optionsConnector());
    LOAD_CLEANLY(loaded, folder);
    const ConnectorSpec &spec = loaded.spec;
    const AuthSpec &top = spec.auth();

    // oauth: own getOAuthConfig; makeApiClient, test and disconnect inherited; schemas merged.
    const auto oauth = spec.effectiveAuth(u"oauth"_s);
    QVERIFY(oauth);
    QCOMPARE(oauth->type, AuthType::OAuth2);
    QCOMPARE(oauth->title, u"Your own OAuth app"_s);
    QVERIFY(oauth->hasEnabledCondition());
    QCOMPARE(propertyNames(oauth->inputSchema), (QStringList {u"sandbox"_s, u"subdomain"_s}));
    QCOMPARE(json(oauth->inputSchema.value(u"required"_s)), u"[\"subdomain\"]"_s);
    QCOMPARE(propertyNames(oauth->parametersSchema), (QStringList {u"clientSecret"_s, u"scopes"_s}));
    QCOMPARE(json(oauth->parametersSchema.value(u"required"_s)), u"[\"clientSecret\"]"_s);
    QCOMPARE(propertyNames(oauth->credentialsSchema), (QStringList {u"access_token"_s, u"refresh_token"_s}));
    QCOMPARE(oauth->method(AuthMethod::GetOAuthConfig)->filePath, folder + u"/auth/get-oauth-config.map.yml"_s);
    for (const AuthMethod inherited : {AuthMethod::MakeApiClient, AuthMethod::Test, AuthMethod::Disconnect}) {
        QVERIFY(oauth->method(inherited));
        QCOMPARE(oauth->method(inherited)->filePath, top.method(inherited)->filePath);
    }
    // Other methods of the top-level auth are not inherited.
    QVERIFY(top.method(AuthMethod::GetCredentialsFromAccessTokenResponse));
    QVERIFY(top.method(AuthMethod::RefreshCredentials));
    QVERIFY(!oauth->method(AuthMethod::GetCredentialsFromAccessTokenResponse));
    QVERIFY(!oauth->method(AuthMethod::RefreshCredentials));
    QCOMPARE(oauth->methods.size(), 4);

    // euOnly: its own makeApiClient wins over the top-level one; title falls back to the top level.
    const auto eu = spec.effectiveAuth(u"euOnly"_s);
    QVERIFY(eu);
    QCOMPARE(eu->title, u"Acme"_s);
    QCOMPARE(eu->method(AuthMethod::MakeApiClient)->type, ImplementationType::Javascript);
    QCOMPARE(eu->method(AuthMethod::MakeApiClient)->filePath, folder + u"/auth/eu/make-api-client.js"_s);
    QCOMPARE(evaluate(eu->method(AuthMethod::GetOAuthConfig), oauthVariables()).toObject().value(u"tokenUri"_s),
        QJsonValue(u"https://eu.acme.test/token"_s));
    QCOMPARE(eu->method(AuthMethod::Test)->filePath, folder + u"/auth/test.js"_s);
    QCOMPARE(propertyNames(eu->inputSchema), QStringList {u"subdomain"_s});

    // apiKey: another auth type; own test, inherited makeApiClient; inputSchema is merged too.
    const auto apiKey = spec.effectiveAuth(u"apiKey"_s);
    QVERIFY(apiKey);
    QCOMPARE(apiKey->type, AuthType::ClientCredentials);
    QCOMPARE(apiKey->title, u"API key"_s);
    QVERIFY(!apiKey->hasEnabledCondition());
    QCOMPARE(apiKey->method(AuthMethod::Test)->filePath, folder + u"/auth/api-key-test.js"_s);
    QCOMPARE(apiKey->method(AuthMethod::MakeApiClient)->filePath, folder + u"/auth/make-api-client.map.yml"_s);
    QVERIFY(!apiKey->method(AuthMethod::GetOAuthConfig));
    QCOMPARE(propertyNames(apiKey->inputSchema), (QStringList {u"apiKey"_s, u"subdomain"_s}));

    // "" is the top-level auth itself; unknown keys are an error.
    const auto self = spec.effectiveAuth(QString());
    QVERIFY(self);
    QCOMPARE(self->methods.size(), top.methods.size());
    const auto unknown = spec.effectiveAuth(u"nope"_s);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void tst_ConnectorLoader::topLevelAuthIsAnOption()
{
    // With a type of its own, the top-level auth is offered as option "" next to the others.
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        connector(getOAuthConfigEntry + makeApiClientEntry
            + "  enabled: {$var: connectorParameters.clientId}\n"
              "  options:\n"
              "    token:\n"
              "      type: client-credentials\n"
              "      title: Personal access token\n"));
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(*loaded.spec.availableOptionKeys({}), QStringList {u"token"_s});
    QCOMPARE(*loaded.spec.availableOptionKeys({{u"clientId"_s, u"x"_s}}), (QStringList {QString(), u"token"_s}));
    const auto token = loaded.spec.effectiveAuth(u"token"_s);
    QVERIFY(token);
    QCOMPARE(token->type, AuthType::ClientCredentials);
    QVERIFY(token->method(AuthMethod::MakeApiClient));
    QVERIFY(!token->method(AuthMethod::GetOAuthConfig));
}

void tst_ConnectorLoader::inputSchemaFallback_data()
{
    QTest::addColumn<QByteArray>("topLevel");
    QTest::addColumn<QByteArray>("authLevel");
    QTest::addColumn<QStringList>("expected");

    const QByteArray topUi = "ui:\n  schema:\n    type: object\n    properties:\n      isSandbox: {type: boolean}\n";
    const QByteArray topInput = "inputSchema:\n  type: object\n  properties:\n    region: {type: string}\n";
    const QByteArray authUi
        = "  ui:\n    schema:\n      type: object\n      properties:\n        tenant: {type: string}\n"
          "    helpUri: https://acme.test/help\n";
    const QByteArray authInput = "  inputSchema:\n    type: object\n    properties:\n      site: {type: string}\n";

    QTest::addRow("topLevelUiSchema") << topUi << QByteArray() << QStringList {u"isSandbox"_s};
    QTest::addRow("topLevelInputSchema") << topInput << QByteArray() << QStringList {u"region"_s};
    QTest::addRow("authUiSchemaWins") << topUi << authUi << QStringList {u"tenant"_s};
    QTest::addRow("authInputSchemaWins") << topInput << authInput << QStringList {u"site"_s};
    QTest::addRow("authUiAndInputSchemaMerge")
        << QByteArray() << authUi + authInput << QStringList {u"site"_s, u"tenant"_s};
    QTest::addRow("none") << QByteArray() << QByteArray() << QStringList {};
}

void tst_ConnectorLoader::inputSchemaFallback()
{
    QFETCH(QByteArray, topLevel);
    QFETCH(QByteArray, authLevel);
    QFETCH(QStringList, expected);

    ConnectorFixture fixture;
    Files files = connector(getOAuthConfigEntry + makeApiClientEntry + authLevel);
    // The top-level keys go before `auth:` so that they are not read as part of it.
    files[u"spec.yml"_s].prepend(topLevel);
    const QString folder = fixture.addConnector(u"acme"_s, files);
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(propertyNames(loaded.spec.auth().inputSchema), expected);
    if (authLevel.contains("helpUri"))
        QCOMPARE(loaded.spec.auth().helpUri, u"https://acme.test/help"_s);
}

void tst_ConnectorLoader::parametersSchemaDefaults()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        {{u"spec.yml"_s,
             "key: acme\n"
             "parametersSchema:\n"
             "  type: object\n"
             "  properties:\n"
             "    clientId: {type: string}\n"
             "    scopes:\n"
             "      type: array\n"
             "      items: {type: string}\n"
             "      default: [openid, email]\n"
             "    advanced:\n"
             "      type: object\n"
             "      properties:\n"
             "        timeout: {type: number, default: 30}\n"
             "        proxy: {type: string}\n"
             "  required: [clientId]\n"
             "auth:\n"
             "  type: oauth2\n"
             "  parametersSchema:\n" // auth-level connector parameters are merged into the spec's
             "    properties:\n"
             "      audience: {type: string, default: api.acme.test}\n"
             "    required: [audience]\n"
                 + getOAuthConfigEntry + makeApiClientEntry},
            {u"auth/get-oauth-config.map.yml"_s,
                QByteArray(oauthConfig).replace("scopes: [read, write]", "scopes: {$var: connectorParameters.scopes}")},
            {u"auth/make-api-client.map.yml"_s, apiClient}});
    LOAD_CLEANLY(loaded, folder);
    const ConnectorSpec &spec = loaded.spec;
    QCOMPARE(propertyNames(spec.parametersSchema()),
        (QStringList {u"advanced"_s, u"audience"_s, u"clientId"_s, u"scopes"_s}));
    QCOMPARE(json(spec.parametersSchema().value(u"required"_s)), u"[\"clientId\",\"audience\"]"_s);

    QCOMPARE(json(spec.connectorParametersWithDefaults({})),
        u"{\"advanced\":{\"timeout\":30},\"audience\":\"api.acme.test\",\"scopes\":[\"openid\",\"email\"]}"_s);
    // Values that are set win; nested objects get their missing defaults.
    const QJsonObject given {{u"clientId"_s, u"id"_s}, {u"scopes"_s, QJsonArray {u"profile"_s}},
        {u"advanced"_s, QJsonObject {{u"proxy"_s, u"http://proxy"_s}}}};
    QCOMPARE(json(spec.connectorParametersWithDefaults(given)),
        u"{\"advanced\":{\"proxy\":\"http://proxy\",\"timeout\":30},\"audience\":\"api.acme.test\",\"clientId\":\"id\",\"scopes\":[\"profile\"]}"_s);

    // The QuickBooks pattern: scopes come straight from the connector parameters' default.
    const QJsonObject variables {
        {u"connectorParameters"_s, spec.connectorParametersWithDefaults({{u"clientId"_s, u"id"_s}})}};
    QCOMPARE(json(evaluate(spec.auth().method(AuthMethod::GetOAuthConfig), variables).toObject().value(u"scopes"_s)),
        u"[\"openid\",\"email\"]"_s);
}

void tst_ConnectorLoader::credentialsSchema_data()
{
    QTest::addColumn<QByteArray>("authLevel");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("expected");

    const QByteArray inlineSchema = "  credentialsSchema:\n    type: object\n    properties:\n"
                                    "      access_token: {type: string}\n      refresh_token: {type: string}\n";
    const QByteArray fileSchema
        = "type: object\nproperties:\n  realmId: {type: string}\n  isSandbox: {type: boolean}\n";
    QTest::addRow("inline") << inlineSchema << QByteArray() << QStringList {u"access_token"_s, u"refresh_token"_s};
    QTest::addRow("file") << QByteArray() << fileSchema << QStringList {u"isSandbox"_s, u"realmId"_s};
    // QuickBooks ships both: the file adds realmId and isSandbox to the inline schema.
    QTest::addRow("inlineAndFile") << inlineSchema << fileSchema
                                   << QStringList {u"access_token"_s, u"isSandbox"_s, u"realmId"_s, u"refresh_token"_s};
    QTest::addRow("none") << QByteArray() << QByteArray() << QStringList {};
}

void tst_ConnectorLoader::credentialsSchema()
{
    QFETCH(QByteArray, authLevel);
    QFETCH(QByteArray, file);
    QFETCH(QStringList, expected);

    ConnectorFixture fixture;
    Files extra;
    if (!file.isEmpty())
        extra.insert(u"auth/credentials-schema.yml"_s, file);
    const QString folder
        = fixture.addConnector(u"acme"_s, connector(getOAuthConfigEntry + makeApiClientEntry + authLevel, extra));
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(propertyNames(loaded.spec.auth().credentialsSchema), expected);
}

void tst_ConnectorLoader::unknownKeysAreIgnored()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s,
        {{u"spec.yml"_s,
             "key: acme\n"
             "name: Acme\n"
             "iconUri: /public/logo.png\n"
             "appUri: https://acme.test\n"
             "apiDocsUri: https://acme.test/docs\n"
             "categories: [CRM, Sales]\n"
             "connectionMode: popup\n"
             "status: production\n"
             "version: 1.0.0\n"
             "baseUri: s3://bucket/connectors/acme\n"
             "api: {type: openapi}\n"
             "udm: {contacts: {}}\n"
             "hasReadme: true\n"
             "somethingNew: {nested: [1, 2]}\n"
             "test: {path: /status}\n" // the connector-level test, not the auth method
             "auth:\n"
             "  type: oauth2\n"
             "  description: Connect with OAuth\n"
             "  proxyKey: unused\n"
             "  oAuthConfig: {legacy: true}\n"
             "  futureField: 42\n"
             "  getOAuthConfig:\n"
             "    implementationType: mapping\n"
             "    filePath: auth/get-oauth-config.map.yml\n"
             "    inheritedFromPath: /base\n"
             "    isIncomplete: false\n"
             "    parametersSchema: {type: object}\n"
             "    futureMethodField: x\n"
             "  makeApiClient:\n"
             "    implementationType: mapping\n"},
            {u"auth/get-oauth-config.map.yml"_s,
                oauthConfig
                    + "revokeUri: https://auth.acme.test/revoke\nnoRefreshToken: false\nfutureConfigField: 1\n"},
            {u"auth/make-api-client.map.yml"_s,
                "args:\n"
                "  baseUri: https://api.acme.test/v1\n"
                "  headers: {Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}}\n"
                "  query: {format: json}\n"
                "  responseHandlers: []\n"
                "  futureClientField: yes\n"},
            {u"data/contacts/spec.yml"_s, "name: Contacts\n"}, {u"operations/get-user/spec.yml"_s, "name: Get user\n"},
            {u"udm.yml"_s, "contacts: {}\n"}, {u"auth/notes.md"_s, "# notes\n"}});
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(loaded.spec.logoUri(), u"/public/logo.png"_s);
    QCOMPARE(loaded.spec.auth().description, u"Connect with OAuth"_s);
    QVERIFY(!loaded.spec.isInlineFormat());
    QVERIFY(!loaded.spec.auth().method(AuthMethod::Test));
    QCOMPARE(loaded.spec.auth().methods.size(), 2);
    const QJsonObject client = evaluate(loaded.spec.auth().method(AuthMethod::MakeApiClient),
        {{u"credentials"_s, QJsonObject {{u"access_token"_s, u"t"_s}}}})
                                   .toObject();
    QCOMPARE(client.value(u"args"_s).toObject().value(u"baseUri"_s).toString(), u"https://api.acme.test/v1"_s);
}

void tst_ConnectorLoader::testIsOptional()
{
    // The shape of the Google Drive export (connector-format.md §10.3): no `test` at all.
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"google-drive"_s,
        {{u"spec.yml"_s,
             "name: Google Drive\n"
             "key: google-drive\n"
             "parametersSchema:\n"
             "  type: object\n"
             "  properties:\n"
             "    clientId: {type: string}\n"
             "    clientSecret: {type: string}\n"
             "auth:\n"
             "  type: oauth2\n"
             "  getOAuthConfig:\n"
             "    implementationType: mapping\n"
             "    filePath: auth/get-oauth-config.map.yml\n"
             "  getCredentialsFromAccessTokenResponse:\n"
             "    implementationType: javascript\n"
             "    filePath: auth/get-credentials-from-access-token-response.ts\n"
             "  makeApiClient:\n"
             "    implementationType: mapping\n"
             "    filePath: auth/make-api-client.yml\n"},
            {u"auth/get-oauth-config.map.yml"_s, oauthConfig + "extra:\n  access_type: offline\n  prompt: consent\n"},
            {u"auth/get-credentials-from-access-token-response.ts"_s,
                "export default async function ({ tokenResponse }: { tokenResponse: Record<string, unknown> }) {\n"
                "  return { ...tokenResponse };\n}\n"},
            {u"auth/make-api-client.yml"_s, apiClient}});
    LOAD_CLEANLY(loaded, folder);
    QVERIFY(loaded.isValid());
    QVERIFY(!loaded.spec.auth().methods.contains(AuthMethod::Test));
    QCOMPARE(loaded.spec.auth().methods.size(), 3);
    const QJsonObject config
        = evaluate(loaded.spec.auth().method(AuthMethod::GetOAuthConfig), oauthVariables()).toObject();
    QCOMPARE(json(config.value(u"extra"_s)), u"{\"access_type\":\"offline\",\"prompt\":\"consent\"}"_s);
}

void tst_ConnectorLoader::keyAndNameDefaults_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("folderSuffix");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");

    QTest::addRow("keyAndName") << QByteArray("key: acme-crm\nname: Acme CRM\n") << QString() << u"acme-crm"_s
                                << u"Acme CRM"_s;
    QTest::addRow("keyOnly") << QByteArray("key: acme-crm\n") << QString() << u"acme-crm"_s << u"acme-crm"_s;
    QTest::addRow("nameOnly") << QByteArray("name: Acme CRM\n") << QString() << u"acme_folder"_s << u"Acme CRM"_s;
    QTest::addRow("neither") << QByteArray() << QString() << u"acme_folder"_s << u"acme_folder"_s;
    QTest::addRow("trailingSlash") << QByteArray() << u"/"_s << u"acme_folder"_s << u"acme_folder"_s;
    QTest::addRow("dotSegments") << QByteArray() << u"/../acme_folder/."_s << u"acme_folder"_s << u"acme_folder"_s;
    QTest::addRow("nullKeyAndName") << QByteArray("key:\nname: ~\n") << QString() << u"acme_folder"_s
                                    << u"acme_folder"_s;
    QTest::addRow("numericKey") << QByteArray("key: 1password\n") << QString() << u"1password"_s << u"1password"_s;
}

void tst_ConnectorLoader::keyAndNameDefaults()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, folderSuffix);
    QFETCH(QString, key);
    QFETCH(QString, name);

    ConnectorFixture fixture;
    Files files = connector();
    QByteArray &spec = files[u"spec.yml"_s];
    spec = head + spec.mid(spec.indexOf("parametersSchema:"));
    const QString folder = fixture.addConnector(u"acme_folder"_s, files);
    LOAD_CLEANLY(loaded, folder + folderSuffix);
    QCOMPARE(loaded.spec.key(), key);
    QCOMPARE(loaded.spec.name(), name);
}

void tst_ConnectorLoader::currentDirectoryAsFolder()
{
    // Loading "." (a connector folder given as the current directory) must not give the key ".".
    ConnectorFixture fixture;
    Files files = connector();
    files[u"spec.yml"_s].replace("key: acme\n", "");
    const QString folder = fixture.addConnector(u"acme_folder"_s, files);
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(folder));
    const LoadedConnector loaded = ConnectorLoader::load(u"."_s);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(describe(loaded.diagnostics)));
    QCOMPARE(loaded.spec.key(), u"acme_folder"_s);
    QCOMPARE(loaded.spec.specFile(), u"spec.yml"_s);
    QCOMPARE(loaded.spec.auth().method(AuthMethod::GetOAuthConfig)->filePath, u"auth/get-oauth-config.map.yml"_s);
}

void tst_ConnectorLoader::byteOrderMark()
{
    // Files saved on Windows may start with a UTF-8 byte order mark; it is not part of the content.
    const QByteArray bom = "\xEF\xBB\xBF";
    Files files = connector(getOAuthConfigEntry + makeApiClientEntry + "  test:\n    implementationType: javascript\n",
        {{u"auth/get-oauth-config.map.yml"_s, bom + oauthConfig}, {u"auth/test.js"_s, bom + javascript},
            {u"auth/credentials-schema.yml"_s, bom + "properties:\n  access_token: {type: string}\n"}});
    files[u"spec.yml"_s].prepend(bom);
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"acme"_s, files);
    LOAD_CLEANLY(loaded, folder);
    QCOMPARE(loaded.spec.key(), u"acme"_s); // not "\uFEFFkey"
    QCOMPARE(loaded.spec.auth().method(AuthMethod::Test)->code, QString::fromUtf8(javascript));
    QCOMPARE(loaded.spec.auth().method(AuthMethod::GetOAuthConfig)->mapping.members().front().first, u"clientId"_s);
    QCOMPARE(propertyNames(loaded.spec.auth().credentialsSchema), QStringList {u"access_token"_s});
}

void tst_ConnectorLoader::quickBooksShape()
{
    // Our own files in the shape of the QuickBooks export (connector-format.md §10.1).
    const QString folder = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/fixtures/connectors/quickbooks");
    LOAD_CLEANLY(loaded, folder);
    const ConnectorSpec &spec = loaded.spec;
    QCOMPARE(spec.key(), u"quickbooks"_s);
    QCOMPARE(spec.name(), u"QuickBooks"_s);
    QVERIFY(!spec.isInlineFormat());
    const AuthSpec &auth = spec.auth();
    QCOMPARE(auth.type, AuthType::OAuth2);
    QCOMPARE(auth.methods.size(), 4);
    QCOMPARE(auth.method(AuthMethod::GetOAuthConfig)->filePath, folder + u"/auth/oauth-config.yml"_s);
    QCOMPARE(auth.method(AuthMethod::GetCredentialsFromAccessTokenResponse)->type, ImplementationType::Javascript);
    QCOMPARE(auth.method(AuthMethod::Test)->type, ImplementationType::Javascript);
    QVERIFY(auth.method(AuthMethod::Test)->code.contains(u"BadRequestError"_s));

    // Connection input from the top-level ui.schema; credentials schema from spec.yml plus the file.
    QCOMPARE(propertyNames(auth.inputSchema), QStringList {u"isSandbox"_s});
    QCOMPARE(propertyNames(auth.credentialsSchema),
        (QStringList {u"access_token"_s, u"isSandbox"_s, u"realmId"_s, u"refresh_token"_s}));

    // The OAuth config takes the scopes from the parameters schema's default.
    const QJsonObject variables {{u"connectorParameters"_s, spec.connectorParametersWithDefaults(connectorParameters)},
        {u"connectionInput"_s, QJsonObject {{u"isSandbox"_s, true}}}};
    const QJsonObject config = evaluate(auth.method(AuthMethod::GetOAuthConfig), variables).toObject();
    QCOMPARE(json(config),
        u"{\"authorizeUri\":\"https://appcenter.intuit.com/connect/oauth2\",\"clientAuthLocation\":\"body\","
        u"\"clientId\":\"id-123\",\"clientSecret\":\"s3cret\","
        u"\"scopes\":[\"com.intuit.quickbooks.accounting\",\"openid\",\"profile\",\"email\"],"
        u"\"tokenUri\":\"https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer\"}"_s);

    // makeApiClient (wrapped in args:) picks the sandbox host from the credentials.
    const MethodImplementation *client = auth.method(AuthMethod::MakeApiClient);
    const QJsonObject sandbox {{u"access_token"_s, u"tok"_s}, {u"realmId"_s, u"4620816365"_s}, {u"isSandbox"_s, true}};
    QCOMPARE(json(evaluate(client, {{u"credentials"_s, sandbox}})),
        u"{\"args\":{\"baseUri\":\"https://sandbox-quickbooks.api.intuit.com/v3/company/4620816365\","
        u"\"headers\":{\"Accept\":\"application/json\",\"Authorization\":\"Bearer tok\"}}}"_s);
    QJsonObject production = sandbox;
    production.insert(u"isSandbox"_s, false);
    QCOMPARE(
        evaluate(client, {{u"credentials"_s, production}}).toObject().value(u"args"_s).toObject().value(u"baseUri"_s),
        QJsonValue(u"https://quickbooks.api.intuit.com/v3/company/4620816365"_s));
}

QTEST_GUILESS_MAIN(tst_ConnectorLoader)
#include "tst_connectorloader.moc"
