#include "catalog/connectorcatalog.h"
#include "grantcatalog.h"
#include "mapping/mappingevaluator.h"
#include "testprinting.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// Converts Grant's 191 OAuth2 providers (provider-catalog.md §9) into connector folders and loads
// them all through the catalog: a large, independent set of real authorize/token URLs that every
// loader change must keep loading without a diagnostic.
class tst_GrantCatalogImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyOAuth2ProviderLoads();
    void templatedUrls_data();
    void templatedUrls();
    void scopeDelimiters_data();
    void scopeDelimiters();
    void clientAuthLocation();

private:
    const CatalogEntry *entry(const QString &key) const;

    QString m_grantJson;
    QTemporaryDir m_directory;
    Test::GrantImport m_import;
    ConnectorCatalog m_catalog;
    qsizetype m_oauth2Count = 0;
};

namespace {

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u"\n  "_s);
}

QJsonObject evaluateOAuthConfig(const ConnectorSpec &spec, const QJsonObject &variables)
{
    const MethodImplementation *method = spec.auth().method(AuthMethod::GetOAuthConfig);
    if (!method)
        return {};
    const auto value = MappingEvaluator(variables).evaluate(method->mapping);
    if (!value) {
        qWarning().noquote() << value.error().message;
        return {};
    }
    return value->toObject();
}

QJsonObject evaluateApiClient(const ConnectorSpec &spec, const QJsonObject &variables)
{
    const MethodImplementation *method = spec.auth().method(AuthMethod::MakeApiClient);
    if (!method)
        return {};
    const auto value = MappingEvaluator(variables).evaluate(method->mapping);
    return value ? value->toObject() : QJsonObject();
}

} // namespace

void tst_GrantCatalogImport::initTestCase()
{
    m_grantJson
        = QDir::cleanPath(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR) + u"/../shared/data/providers/grant-oauth.json"_s);
    if (!QFileInfo::exists(m_grantJson))
        QSKIP(qPrintable(u"Grant's provider list is not available at %1 (it lives outside the repository, in "
                         "shared/data/providers/)"_s.arg(m_grantJson)));
    QVERIFY(m_directory.isValid());

    // Count the OAuth2 providers independently of the helper.
    QFile file(m_grantJson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject providers = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!providers.isEmpty());
    for (const QJsonValue &provider : providers) {
        if (provider.toObject().value(u"oauth"_s).toInt() == 2)
            ++m_oauth2Count;
    }

    m_import = Test::writeGrantConnectors(m_grantJson, m_directory.path());
    ConnectorSearchPath searchPath;
    searchPath.append(m_directory.path(), ConnectorSource::Extra);
    m_catalog = ConnectorCatalog::load(searchPath);
}

const CatalogEntry *tst_GrantCatalogImport::entry(const QString &key) const
{
    const CatalogEntry *found = m_catalog.find(key);
    if (!found)
        qWarning("no connector %s in the catalog", qPrintable(key));
    return found;
}

void tst_GrantCatalogImport::everyOAuth2ProviderLoads()
{
    // provider-catalog.md §9: 218 providers, 191 of them OAuth2.
    QCOMPARE(m_oauth2Count, 191);
    QCOMPARE(m_import.folders.size(), m_oauth2Count);
    QCOMPARE(m_import.skipped, 218 - 191);
    QCOMPARE(m_catalog.size(), m_oauth2Count);

    QStringList failures;
    for (const CatalogEntry &catalogEntry : m_catalog.entries()) {
        if (!catalogEntry.connector.diagnostics.isEmpty())
            failures.append(catalogEntry.key() + u":\n  "_s + describe(catalogEntry.connector.diagnostics));
    }
    QVERIFY2(failures.isEmpty(),
        qPrintable(u"%1 of %2 connectors have diagnostics:\n"_s.arg(failures.size()).arg(m_catalog.size())
            + failures.join(u'\n')));
    QCOMPARE(m_catalog.invalidCount(), 0);

    for (const CatalogEntry &catalogEntry : m_catalog.entries()) {
        const ConnectorSpec &spec = catalogEntry.connector.spec;
        QCOMPARE(catalogEntry.source, ConnectorSource::Extra);
        QCOMPARE(spec.name(), spec.key());
        QCOMPARE(spec.auth().type, AuthType::OAuth2);
        QVERIFY(spec.auth().method(AuthMethod::GetOAuthConfig));
        QVERIFY(spec.auth().method(AuthMethod::MakeApiClient));
        QCOMPARE(spec.parametersSchema().value(u"required"_s).toArray().size(), 2);
    }

    // A plain provider evaluates to its Grant URLs.
    const CatalogEntry *github = entry(u"github"_s);
    QVERIFY(github);
    const QJsonObject config = evaluateOAuthConfig(github->connector.spec,
        {{u"connectorParameters"_s, QJsonObject {{u"clientId"_s, u"id"_s}, {u"clientSecret"_s, u"secret"_s}}}});
    QCOMPARE(config.value(u"authorizeUri"_s).toString(), u"https://github.com/login/oauth/authorize"_s);
    QCOMPARE(config.value(u"tokenUri"_s).toString(), u"https://github.com/login/oauth/access_token"_s);
    QCOMPARE(config.value(u"clientId"_s).toString(), u"id"_s);
    QCOMPARE(config.value(u"clientSecret"_s).toString(), u"secret"_s);
    QCOMPARE(evaluateApiClient(github->connector.spec, {}).value(u"baseUri"_s).toString(), u"https://github.com"_s);
}

void tst_GrantCatalogImport::templatedUrls_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("authorizeUri");
    QTest::addColumn<QString>("tokenUri");
    QTest::addColumn<QString>("baseUri");

    QTest::addRow("zendesk") << u"zendesk"_s << u"https://acme.zendesk.com/oauth/authorizations/new"_s
                             << u"https://acme.zendesk.com/oauth/tokens"_s << u"https://acme.zendesk.com"_s;
    QTest::addRow("shopify") << u"shopify"_s << u"https://acme.myshopify.com/admin/oauth/authorize"_s
                             << u"https://acme.myshopify.com/admin/oauth/access_token"_s
                             << u"https://acme.myshopify.com"_s;
    // The whole host is the placeholder (self-hosted servers).
    QTest::addRow("keycloak") << u"keycloak"_s << u"https://acme/protocol/openid-connect/auth"_s
                              << u"https://acme/protocol/openid-connect/token"_s << u"https://acme"_s;
    // Only the token URL is templated.
    QTest::addRow("vend") << u"vend"_s << u"https://secure.vendhq.com/connect"_s
                          << u"https://acme.vendhq.com/api/1.0/token"_s << u"https://acme.vendhq.com"_s;
}

void tst_GrantCatalogImport::templatedUrls()
{
    QFETCH(QString, key);
    QFETCH(QString, authorizeUri);
    QFETCH(QString, tokenUri);
    QFETCH(QString, baseUri);

    const CatalogEntry *catalogEntry = entry(key);
    QVERIFY(catalogEntry);
    const ConnectorSpec &spec = catalogEntry->connector.spec;

    // The user is asked for the subdomain.
    const QJsonObject input = spec.auth().inputSchema;
    QVERIFY(input.value(u"properties"_s).toObject().contains(u"subdomain"_s));
    QCOMPARE(input.value(u"required"_s).toArray(), QJsonArray {u"subdomain"_s});

    const QJsonObject connectionInput {{u"subdomain"_s, u"acme"_s}};
    const QJsonObject config = evaluateOAuthConfig(spec, {{u"connectionInput"_s, connectionInput}});
    QCOMPARE(config.value(u"authorizeUri"_s).toString(), authorizeUri);
    QCOMPARE(config.value(u"tokenUri"_s).toString(), tokenUri);
    QCOMPARE(
        evaluateApiClient(spec, {{u"connectionInput"_s, connectionInput}}).value(u"baseUri"_s).toString(), baseUri);
}

void tst_GrantCatalogImport::scopeDelimiters_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("scopes"); // the `scopes` field, as JSON
    QTest::addColumn<QString>("extraScope"); // the `scope` authorize parameter from `extra`

    QTest::addRow("space") << u"google"_s << u"[\"openid\",\"email\"]"_s << QString();
    QTest::addRow("defaultComma") << u"github"_s << QString() << u"openid,email"_s;
    QTest::addRow("plus") << u"unsplash"_s << QString() << u"openid+email"_s;
}

void tst_GrantCatalogImport::scopeDelimiters()
{
    QFETCH(QString, key);
    QFETCH(QString, scopes);
    QFETCH(QString, extraScope);

    const CatalogEntry *catalogEntry = entry(key);
    QVERIFY(catalogEntry);
    const QJsonObject parameters {{u"clientId"_s, u"id"_s}, {u"scopes"_s, QJsonArray {u"openid"_s, u"email"_s}}};
    const QJsonObject config
        = evaluateOAuthConfig(catalogEntry->connector.spec, {{u"connectorParameters"_s, parameters}});
    const QJsonValue scopesValue = config.value(u"scopes"_s);
    QCOMPARE(scopesValue.isUndefined()
            ? QString()
            : QString::fromUtf8(QJsonDocument(scopesValue.toArray()).toJson(QJsonDocument::Compact)),
        scopes);
    QCOMPARE(config.value(u"extra"_s).toObject().value(u"scope"_s).toString(), extraScope);

    // Without scopes the authorize URL gets no scope parameter at all.
    const QJsonObject none = evaluateOAuthConfig(
        catalogEntry->connector.spec, {{u"connectorParameters"_s, QJsonObject {{u"clientId"_s, u"id"_s}}}});
    QVERIFY(!none.contains(u"scopes"_s));
    QVERIFY(!none.contains(u"extra"_s));
}

void tst_GrantCatalogImport::clientAuthLocation()
{
    const QJsonObject variables {{u"connectorParameters"_s, QJsonObject {{u"clientId"_s, u"id"_s}}}};
    for (const QString &key : {u"notion"_s, u"reddit"_s, u"fitbit"_s}) {
        const CatalogEntry *catalogEntry = entry(key);
        QVERIFY(catalogEntry);
        QCOMPARE(evaluateOAuthConfig(catalogEntry->connector.spec, variables).value(u"clientAuthLocation"_s).toString(),
            u"headers"_s);
    }
    const CatalogEntry *github = entry(u"github"_s);
    QVERIFY(github);
    QCOMPARE(
        evaluateOAuthConfig(github->connector.spec, variables).value(u"clientAuthLocation"_s).toString(), u"body"_s);
}

QTEST_GUILESS_MAIN(tst_GrantCatalogImport)
#include "tst_grantcatalogimport.moc"
