#include "oauth/oauthconfig.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

// The smallest config that is valid, with one field replaced (or removed when `value` is undefined).
QJsonObject minimalWith(const QString &field, const QJsonValue &value)
{
    QJsonObject config {{u"clientId"_s, u"id"_s}, {u"authorizeUri"_s, u"https://as.example/authorize"_s},
        {u"tokenUri"_s, u"https://as.example/token"_s}};
    if (value.isUndefined())
        config.remove(field);
    else
        config.insert(field, value);
    return config;
}

} // namespace

// getOAuthConfig's result is checked before it drives a browser or a token request: every field's
// type, with messages that name the connector and the field.
class tst_OAuthConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedDocumentConfig();
    void defaults();
    void scopes_data();
    void scopes();
    void clientAuthLocation_data();
    void clientAuthLocation();
    void numbersAsText();
    void extraValues();
    void extensions();
    void invalid_data();
    void invalid();
};

void tst_OAuthConfig::seedDocumentConfig()
{
    // The example of seed-oauth2.md after its $var formulas are evaluated.
    const auto config = OAuthConfig::fromJson(
        QJsonObject {{u"clientId"_s, u"my-client"_s}, {u"clientSecret"_s, u"s+cr&t="_s},
            {u"authorizeUri"_s, u"https://auth.example.com/oauth2/authorize"_s},
            {u"tokenUri"_s, u"https://auth.example.com/oauth2/token"_s},
            {u"scopes"_s, QJsonArray {u"read"_s, u"write"_s}}, {u"clientAuthLocation"_s, u"body"_s},
            {u"noRefreshToken"_s, false}, {u"skipPkce"_s, false},
            {u"extra"_s, QJsonObject {{u"prompt"_s, u"consent"_s}, {u"access_type"_s, u"offline"_s}}}},
        u"example"_s);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->clientId, u"my-client"_s);
    QCOMPARE(config->clientSecret, u"s+cr&t="_s);
    QCOMPARE(config->authorizeUri, QUrl(u"https://auth.example.com/oauth2/authorize"_s));
    QCOMPARE(config->tokenUri, QUrl(u"https://auth.example.com/oauth2/token"_s));
    QCOMPARE(config->scopes, (QStringList {u"read"_s, u"write"_s}));
    QCOMPARE(config->clientAuthLocation, ClientAuthLocation::Body);
    QVERIFY(!config->noRefreshToken);
    QVERIFY(!config->skipPkce);
    // A JSON object has its keys in sorted order; that is the order the extras keep.
    const QList<std::pair<QString, QString>> extra {{u"access_type"_s, u"offline"_s}, {u"prompt"_s, u"consent"_s}};
    QCOMPARE(config->extra, extra);
}

void tst_OAuthConfig::defaults()
{
    const auto config = OAuthConfig::fromJson(minimalWith(u"clientSecret"_s, QJsonValue::Null), u"x"_s);
    QVERIFY(config);
    QVERIFY(config->clientSecret.isEmpty());
    QVERIFY(config->scopes.isEmpty());
    QCOMPARE(config->clientAuthLocation, ClientAuthLocation::Unset);
    QVERIFY(config->extra.isEmpty());
    QVERIFY(config->revokeUri.isEmpty());
    QVERIFY(config->issuer.isEmpty());
    QVERIFY(!config->authorizationResponseIssParameterSupported);
    QVERIFY(!config->redirectPort);
    QCOMPARE(config->redirectPath, u"/callback"_s);
    QVERIFY(!config->keepRedirectUrlParameters);
}

void tst_OAuthConfig::scopes_data()
{
    QTest::addColumn<QJsonValue>("scopes");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("list") << QJsonValue(QJsonArray {u"openid"_s, u"email"_s}) << QStringList {u"openid"_s, u"email"_s};
    QTest::addRow("space separated string")
        << QJsonValue(u"repo  read:org\tgist"_s) << QStringList {u"repo"_s, u"read:org"_s, u"gist"_s};
    QTest::addRow("comma separated string") << QJsonValue(u"chat:write,channels:read, users:read"_s)
                                            << QStringList {u"chat:write"_s, u"channels:read"_s, u"users:read"_s};
    QTest::addRow("duplicates and blanks dropped")
        << QJsonValue(QJsonArray {u"a"_s, u""_s, u"b"_s, u"a"_s, QJsonValue::Null}) << QStringList {u"a"_s, u"b"_s};
    QTest::addRow("list entry with spaces is split")
        << QJsonValue(QJsonArray {u"a b"_s}) << QStringList {u"a"_s, u"b"_s};
    QTest::addRow("list entry keeps its commas") << QJsonValue(QJsonArray {u"a,b"_s}) << QStringList {u"a,b"_s};
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << QStringList();
    QTest::addRow("empty list") << QJsonValue(QJsonArray()) << QStringList();
    QTest::addRow("empty string") << QJsonValue(u""_s) << QStringList();
}

void tst_OAuthConfig::scopes()
{
    QFETCH(QJsonValue, scopes);
    QFETCH(QStringList, expected);
    const auto config = OAuthConfig::fromJson(minimalWith(u"scopes"_s, scopes), u"x"_s);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->scopes, expected);
}

void tst_OAuthConfig::clientAuthLocation_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<ClientAuthLocation>("expected");
    QTest::addRow("headers") << minimalWith(u"clientAuthLocation"_s, u"headers"_s) << ClientAuthLocation::Headers;
    QTest::addRow("body") << minimalWith(u"clientAuthLocation"_s, u"body"_s) << ClientAuthLocation::Body;
    QTest::addRow("null") << minimalWith(u"clientAuthLocation"_s, QJsonValue::Null) << ClientAuthLocation::Unset;
    QTest::addRow("absent") << minimalWith(u"clientAuthLocation"_s, QJsonValue::Undefined) << ClientAuthLocation::Unset;
    QTest::addRow("deprecated skipClientAuthInBody")
        << minimalWith(u"skipClientAuthInBody"_s, true) << ClientAuthLocation::Headers;
    QTest::addRow("deprecated skipClientAuthInHeader")
        << minimalWith(u"skipClientAuthInHeader"_s, true) << ClientAuthLocation::Body;
    QJsonObject both = minimalWith(u"clientAuthLocation"_s, u"headers"_s);
    both.insert(u"skipClientAuthInHeader"_s, true);
    QTest::addRow("explicit location wins over deprecated flag") << both << ClientAuthLocation::Headers;
}

void tst_OAuthConfig::clientAuthLocation()
{
    QFETCH(QJsonObject, json);
    QFETCH(ClientAuthLocation, expected);
    const auto config = OAuthConfig::fromJson(json, u"x"_s);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->clientAuthLocation, expected);
}

void tst_OAuthConfig::numbersAsText()
{
    // YAML `clientId: 12345` arrives as a number; it is the id "12345", not "12345.0".
    QJsonObject json = minimalWith(u"clientId"_s, 12345);
    json.insert(u"clientSecret"_s, 987654321012.0);
    const auto config = OAuthConfig::fromJson(json, u"x"_s);
    QVERIFY(config);
    QCOMPARE(config->clientId, u"12345"_s);
    QCOMPARE(config->clientSecret, u"987654321012"_s);
}

void tst_OAuthConfig::extraValues()
{
    const auto config = OAuthConfig::fromJson(
        minimalWith(u"extra"_s,
            QJsonObject {{u"access_type"_s, u"offline"_s}, {u"max_age"_s, 0}, {u"include_granted_scopes"_s, true},
                {u"login_hint"_s, QJsonValue::Null}, {u"ratio"_s, 1.5}}),
        u"x"_s);
    QVERIFY(config);
    const QList<std::pair<QString, QString>> expected {{u"access_type"_s, u"offline"_s},
        {u"include_granted_scopes"_s, u"true"_s}, {u"max_age"_s, u"0"_s}, {u"ratio"_s, u"1.5"_s}};
    QCOMPARE(config->extra, expected);
}

void tst_OAuthConfig::extensions()
{
    const auto config = OAuthConfig::fromJson(
        QJsonObject {{u"clientId"_s, u"id"_s}, {u"authorizeUri"_s, u"http://127.0.0.1:4000/auth?tenant=a%2Bb"_s},
            {u"tokenUri"_s, u"http://127.0.0.1:4000/token"_s}, {u"revokeUri"_s, u"https://as.example/revoke"_s},
            {u"issuer"_s, u"https://as.example/"_s}, {u"authorizationResponseIssParameterSupported"_s, true},
            {u"redirectPort"_s, 53682}, {u"redirectPath"_s, u"/oauth2/callback/github"_s},
            {u"keepRedirectUrlParameters"_s, true}},
        u"x"_s);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->authorizeUri.toString(QUrl::FullyEncoded), u"http://127.0.0.1:4000/auth?tenant=a%2Bb"_s);
    QCOMPARE(config->revokeUri, QUrl(u"https://as.example/revoke"_s));
    QCOMPARE(config->issuer, u"https://as.example/"_s); // as written: RFC 9207 compares strings
    QVERIFY(config->authorizationResponseIssParameterSupported);
    QCOMPARE(config->redirectPort, std::optional<quint16>(53682));
    QCOMPARE(config->redirectPath, u"/oauth2/callback/github"_s);
    QVERIFY(config->keepRedirectUrlParameters);
}

void tst_OAuthConfig::invalid_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");
    QTest::addRow("no clientId") << minimalWith(u"clientId"_s, QJsonValue::Undefined) << u"clientId"_s << u"missing"_s;
    QTest::addRow("empty clientId") << minimalWith(u"clientId"_s, u"  "_s) << u"clientId"_s << u"missing"_s;
    QTest::addRow("clientId object") << minimalWith(u"clientId"_s, QJsonObject()) << u"clientId"_s
                                     << u"must be a string"_s;
    QTest::addRow("no authorizeUri") << minimalWith(u"authorizeUri"_s, QJsonValue::Undefined) << u"authorizeUri"_s
                                     << u"missing"_s;
    QTest::addRow("relative authorizeUri")
        << minimalWith(u"authorizeUri"_s, u"/authorize"_s) << u"authorizeUri"_s << u"absolute http(s) URL"_s;
    QTest::addRow("ftp tokenUri") << minimalWith(u"tokenUri"_s, u"ftp://as.example/token"_s) << u"tokenUri"_s
                                  << u"absolute http(s) URL"_s;
    QTest::addRow("tokenUri with fragment")
        << minimalWith(u"tokenUri"_s, u"https://as.example/token#x"_s) << u"tokenUri"_s << u"fragment"_s;
    QTest::addRow("tokenUri number") << minimalWith(u"tokenUri"_s, 5) << u"tokenUri"_s << u"URL string"_s;
    QTest::addRow("scopes number") << minimalWith(u"scopes"_s, 3) << u"scopes"_s << u"list of strings"_s;
    QTest::addRow("scopes object") << minimalWith(u"scopes"_s, QJsonObject()) << u"scopes"_s << u"list of strings"_s;
    QTest::addRow("scope entry number") << minimalWith(u"scopes"_s, QJsonArray {u"a"_s, 2}) << u"scopes"_s
                                        << u"entry 1 must be a string"_s;
    QTest::addRow("clientAuthLocation sideways") << minimalWith(u"clientAuthLocation"_s, u"sideways"_s)
                                                 << u"clientAuthLocation"_s << u"\"headers\" or \"body\""_s;
    QTest::addRow("clientAuthLocation case") << minimalWith(u"clientAuthLocation"_s, u"Headers"_s)
                                             << u"clientAuthLocation"_s << u"\"headers\" or \"body\""_s;
    QTest::addRow("skipPkce string") << minimalWith(u"skipPkce"_s, u"yes"_s) << u"skipPkce"_s << u"true or false"_s;
    QTest::addRow("noRefreshToken number")
        << minimalWith(u"noRefreshToken"_s, 1) << u"noRefreshToken"_s << u"true or false"_s;
    QTest::addRow("extra list") << minimalWith(u"extra"_s, QJsonArray {u"a"_s}) << u"extra"_s << u"object"_s;
    QTest::addRow("extra nested") << minimalWith(u"extra"_s, QJsonObject {{u"claims"_s, QJsonObject()}}) << u"extra"_s
                                  << u"parameter \"claims\""_s;
    QTest::addRow("revokeUri relative") << minimalWith(u"revokeUri"_s, u"revoke"_s) << u"revokeUri"_s
                                        << u"absolute http(s) URL"_s;
    QTest::addRow("issuer with query") << minimalWith(u"issuer"_s, u"https://as.example/?x=1"_s) << u"issuer"_s
                                       << u"query"_s;
    QTest::addRow("iss required without issuer")
        << minimalWith(u"authorizationResponseIssParameterSupported"_s, true)
        << u"authorizationResponseIssParameterSupported"_s << u"needs \"issuer\""_s;
    QTest::addRow("port zero") << minimalWith(u"redirectPort"_s, 0) << u"redirectPort"_s << u"1 to 65535"_s;
    QTest::addRow("port too big") << minimalWith(u"redirectPort"_s, 70000) << u"redirectPort"_s << u"1 to 65535"_s;
    QTest::addRow("port fraction") << minimalWith(u"redirectPort"_s, 80.5) << u"redirectPort"_s << u"1 to 65535"_s;
    QTest::addRow("port string") << minimalWith(u"redirectPort"_s, u"8080"_s) << u"redirectPort"_s << u"1 to 65535"_s;
    QTest::addRow("path relative") << minimalWith(u"redirectPath"_s, u"callback"_s) << u"redirectPath"_s
                                   << u"must be a path"_s;
    QTest::addRow("path with space") << minimalWith(u"redirectPath"_s, u"/call back"_s) << u"redirectPath"_s
                                     << u"must be a path"_s;
    QTest::addRow("path with escape") << minimalWith(u"redirectPath"_s, u"/%63allback"_s) << u"redirectPath"_s
                                      << u"must be a path"_s;
    QTest::addRow("path with query") << minimalWith(u"redirectPath"_s, u"/cb?x=1"_s) << u"redirectPath"_s
                                     << u"must be a path"_s;
    QTest::addRow("path root only") << minimalWith(u"redirectPath"_s, u"/"_s) << u"redirectPath"_s
                                    << u"must be a path"_s;
    QTest::addRow("path empty segment") << minimalWith(u"redirectPath"_s, u"/a//b"_s) << u"redirectPath"_s
                                        << u"must be a path"_s;
}

void tst_OAuthConfig::invalid()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    QFETCH(QString, problem);
    const auto config = OAuthConfig::fromJson(json, u"acme"_s);
    QVERIFY(!config);
    QCOMPARE(config.error().code, ErrorCode::Validation);
    const QString message = config.error().message;
    QVERIFY2(message.startsWith(u"connector \"acme\": getOAuthConfig field \"%1\""_s.arg(field)), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_OAuthConfig)
#include "tst_oauthconfig.moc"
