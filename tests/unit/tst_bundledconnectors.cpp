#include "catalog/connectorcatalog.h"
#include "connectorfixture.h"
#include "mapping/jssemantics.h"
#include "mapping/mappingevaluator.h"
#include "spec/dataschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// Every connector shipped in connectors/ must load cleanly and produce a usable OAuth config and
// API client from realistic inputs.
class tst_BundledConnectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void atLeastTheRequiredProviders();
    void loadsWithoutProblems_data();
    void loadsWithoutProblems();
    void oauthConfigEvaluates_data();
    void oauthConfigEvaluates();
    void apiClientEvaluates_data();
    void apiClientEvaluates();

private:
    void addConnectorRows();
    ConnectorCatalog m_catalog;
};

void tst_BundledConnectors::initTestCase()
{
    ConnectorSearchPath path;
    path.append(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/connectors"), ConnectorSource::Bundled);
    m_catalog = ConnectorCatalog::load(path);
}

void tst_BundledConnectors::atLeastTheRequiredProviders()
{
    QVERIFY2(m_catalog.size() >= 12, qPrintable(QString::number(m_catalog.size())));
    for (const char16_t *key : {u"github", u"google", u"microsoft", u"slack", u"dropbox", u"gitlab", u"atlassian",
             u"spotify", u"zoom", u"salesforce", u"hubspot", u"notion"})
        QVERIFY2(m_catalog.find(QString::fromUtf16(key)), qPrintable(QString::fromUtf16(key)));
}

void tst_BundledConnectors::addConnectorRows()
{
    QTest::addColumn<QString>("key");
    for (const CatalogEntry &entry : m_catalog.entries())
        QTest::addRow("%s", qPrintable(entry.key())) << entry.key();
}

void tst_BundledConnectors::loadsWithoutProblems_data()
{
    addConnectorRows();
}

void tst_BundledConnectors::loadsWithoutProblems()
{
    QFETCH(QString, key);
    const CatalogEntry *entry = m_catalog.find(key);
    QStringList problems;
    for (const Diagnostic &diagnostic : entry->connector.diagnostics)
        problems.append(diagnostic.toString());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    const ConnectorSpec &spec = entry->connector.spec;
    QCOMPARE(spec.auth().type, AuthType::OAuth2);
    QVERIFY(!spec.name().isEmpty());
    QVERIFY(spec.auth().method(AuthMethod::GetOAuthConfig));
    QVERIFY(spec.auth().method(AuthMethod::MakeApiClient));
    QVERIFY2(spec.auth().method(AuthMethod::Test), "every bundled connector calls a who-am-I endpoint in its test");
    // clientId comes from the connector parameters the user supplies.
    QVERIFY(spec.parametersSchema().value(u"properties"_s).toObject().contains(u"clientId"_s));
    QVERIFY(DataSchema::secretProperties(spec.parametersSchema()).contains(u"clientSecret"_s));
}

void tst_BundledConnectors::oauthConfigEvaluates_data()
{
    addConnectorRows();
}

void tst_BundledConnectors::oauthConfigEvaluates()
{
    QFETCH(QString, key);
    const ConnectorSpec &spec = m_catalog.find(key)->connector.spec;
    const MethodImplementation *method = spec.auth().method(AuthMethod::GetOAuthConfig);
    QCOMPARE(method->type, ImplementationType::Mapping);

    const QJsonObject connectorParameters = spec.connectorParametersWithDefaults(
        {{u"clientId"_s, u"the-client"_s}, {u"clientSecret"_s, u"the-secret"_s}});
    const QJsonObject connectionInput = DataSchema::applyDefaults(spec.auth().inputSchema, {});
    const QJsonObject variables {{u"connectorParameters"_s, connectorParameters},
        {u"connectionInput"_s, connectionInput}, {u"connectionParameters"_s, connectionInput},
        {u"redirectUri"_s, u"http://127.0.0.1:51234/callback"_s}, {u"state"_s, u"xyz"_s}};
    const auto result = MappingEvaluator(variables).evaluate(method->mapping);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    const QJsonObject config = result->toObject();
    const QString dump = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));

    QCOMPARE(config.value(u"clientId"_s).toString(), u"the-client"_s);
    for (const QString &field : {u"authorizeUri"_s, u"tokenUri"_s}) {
        const QUrl url(config.value(field).toString());
        QVERIFY2(url.isValid() && url.scheme() == u"https" && !url.host().isEmpty() && !url.host().contains(u'{'),
            qPrintable(field + u" in "_s + dump));
    }
    const QString location = config.value(u"clientAuthLocation"_s).toString();
    QVERIFY2(location == u"headers" || location == u"body", qPrintable(dump));
    for (const QString &flag : {u"noRefreshToken"_s, u"skipPkce"_s})
        QVERIFY2(!config.contains(flag) || config.value(flag).isBool(), qPrintable(flag + u" in "_s + dump));
    if (config.contains(u"scopes"_s)) {
        QVERIFY2(config.value(u"scopes"_s).isArray(), qPrintable(dump));
        for (const QJsonValue &scope : config.value(u"scopes"_s).toArray())
            QVERIFY2(scope.isString() && !scope.toString().contains(u' '), qPrintable(dump));
    }
    const QJsonObject extra = config.value(u"extra"_s).toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        QVERIFY2(!it.value().isObject() && !it.value().isArray(), qPrintable(dump));
}

void tst_BundledConnectors::apiClientEvaluates_data()
{
    addConnectorRows();
}

void tst_BundledConnectors::apiClientEvaluates()
{
    QFETCH(QString, key);
    const ConnectorSpec &spec = m_catalog.find(key)->connector.spec;
    const MethodImplementation *method = spec.auth().method(AuthMethod::MakeApiClient);
    QCOMPARE(method->type, ImplementationType::Mapping);

    // Credentials as the token exchange and the connectors' own hooks store them.
    const QJsonObject credentials {{u"access_token"_s, u"token-123"_s}, {u"token_type"_s, u"Bearer"_s},
        {u"instance_url"_s, u"https://acme.my.salesforce.com"_s}, {u"cloudId"_s, u"cloud-1"_s},
        {u"baseUrl"_s, u"https://gitlab.example.com"_s}};
    const auto result = MappingEvaluator({{u"credentials"_s, credentials}}).evaluate(method->mapping);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QJsonObject client = result->toObject();
    if (client.value(u"args"_s).isObject())
        client = client.value(u"args"_s).toObject();
    const QString dump = QString::fromUtf8(QJsonDocument(client).toJson(QJsonDocument::Compact));

    const QUrl base(
        client.contains(u"baseUri"_s) ? client.value(u"baseUri"_s).toString() : client.value(u"baseUrl"_s).toString());
    QVERIFY2(base.isValid() && base.scheme() == u"https" && !base.host().isEmpty(), qPrintable(dump));
    // The live token reaches the provider in the Authorization header, never in the URL.
    QCOMPARE(client.value(u"headers"_s).toObject().value(u"Authorization"_s).toString(), u"Bearer token-123"_s);
    QVERIFY2(!dump.contains(u"token-123"_s) || !client.value(u"query"_s).toObject().contains(u"access_token"_s),
        qPrintable(dump));
}

QTEST_GUILESS_MAIN(tst_BundledConnectors)
#include "tst_bundledconnectors.moc"
