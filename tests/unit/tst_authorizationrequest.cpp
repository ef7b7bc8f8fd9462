#include "oauth/authorizationrequest.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

const QString redirectUri = u"http://127.0.0.1:5555/callback"_s;

OAuthConfig baseConfig()
{
    OAuthConfig config;
    config.clientId = u"my-client"_s;
    config.authorizeUri = QUrl(u"https://as.example/authorize"_s);
    config.tokenUri = QUrl(u"https://as.example/token"_s);
    config.scopes = {u"read"_s, u"write"_s};
    return config;
}

// The query as name/value pairs, decoded the way a server decodes them.
QList<std::pair<QString, QString>> queryItems(const QUrl &url)
{
    QList<std::pair<QString, QString>> items;
    const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    for (const QByteArray &item : query.split('&')) {
        const qsizetype equals = item.indexOf('=');
        QByteArray name = item.left(equals);
        QByteArray value = item.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        items.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return items;
}

QStringList names(const QUrl &url)
{
    QStringList result;
    for (const auto &item : queryItems(url))
        result.append(item.first);
    return result;
}

QString valueOf(const QUrl &url, const QString &name)
{
    for (const auto &[key, value] : queryItems(url)) {
        if (key == name)
            return value;
    }
    return QString();
}

const AuthorizationRequest::Secrets fixedSecrets {
    u"state-123"_s, u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s, u"nonce-456"_s};

} // namespace

// The authorization URL is what the provider sees of Authdesk: its parameters, their encoding and
// the one-time values are checked byte for byte.
class tst_AuthorizationRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc7636AppendixB();
    void exactUrl();
    void redirectUriIsSentAsGiven();
    void everyValueIsPercentEncoded();
    void roundTripsThroughAServerDecoder();
    void noScopeParameterWithoutScopes();
    void randomSecrets();
    void skipPkce();
    void nonceOnlyForOpenId();
    void extrasComeLastAndNeverOverrideSecurityParameters();
    void extraScopeReplacesJoinedScopes();
    void authorizeUrlKeepsItsOwnQuery();
    void eachParameterOnce();
};

void tst_AuthorizationRequest::rfc7636AppendixB()
{
    QCOMPARE(AuthorizationRequest::s256Challenge(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
        u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    const auto request = AuthorizationRequest::create(baseConfig(), redirectUri, fixedSecrets);
    QCOMPARE(request.codeChallenge(), u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    QCOMPARE(valueOf(request.url(), u"code_challenge"_s), u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    QCOMPARE(valueOf(request.url(), u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(request.codeVerifier(), u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s);
}

void tst_AuthorizationRequest::exactUrl()
{
    const auto request = AuthorizationRequest::create(baseConfig(), redirectUri, fixedSecrets);
    QCOMPARE(request.url().toEncoded(),
        QByteArray("https://as.example/authorize?response_type=code&client_id=my-client"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback&scope=read%20write&state=state-123"
                   "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
    QCOMPARE(request.url().toString(QUrl::FullyEncoded), QString::fromLatin1(request.url().toEncoded()));
}

void tst_AuthorizationRequest::redirectUriIsSentAsGiven()
{
    const auto v4 = AuthorizationRequest::create(baseConfig(), redirectUri, fixedSecrets);
    QCOMPARE(v4.redirectUri(), redirectUri);
    QCOMPARE(valueOf(v4.url(), u"redirect_uri"_s), redirectUri);
    const auto v6 = AuthorizationRequest::create(baseConfig(), u"http://[::1]:5555/callback"_s, fixedSecrets);
    QVERIFY(v6.url().toEncoded().contains("&redirect_uri=http%3A%2F%2F%5B%3A%3A1%5D%3A5555%2Fcallback&"));
}

void tst_AuthorizationRequest::everyValueIsPercentEncoded()
{
    OAuthConfig config = baseConfig();
    config.clientId = u"my id+1&x=y"_s;
    config.scopes = {u"https://www.googleapis.com/auth/drive"_s, u"a+b"_s};
    config.extra = {{u"login_hint"_s, u"j\u00f6rg+test@example.com"_s}, {u"we ird"_s, u"%41/?#"_s}};
    const QByteArray url = AuthorizationRequest::create(config, redirectUri, fixedSecrets).url().toEncoded();
    // QUrlQuery would leave '+' as it is, which servers read as a space (oauth-standards-and-qt.md check 8).
    QVERIFY2(url.contains("&client_id=my%20id%2B1%26x%3Dy&"), url.constData());
    QVERIFY2(url.contains("&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdrive%20a%2Bb&"), url.constData());
    QVERIFY2(url.contains("&login_hint=j%C3%B6rg%2Btest%40example.com&"), url.constData());
    QVERIFY2(url.endsWith("&we%20ird=%2541%2F%3F%23"), url.constData());
    QVERIFY(!url.contains('+'));
}

void tst_AuthorizationRequest::roundTripsThroughAServerDecoder()
{
    OAuthConfig config = baseConfig();
    config.clientId = u"a+b c&d=e%f\u00e9"_s;
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    QCOMPARE(valueOf(request.url(), u"client_id"_s), config.clientId);
    // QUrlQuery (another decoder) agrees once '+' handling is out of the way.
    QCOMPARE(QUrlQuery(request.url()).queryItemValue(u"client_id"_s, QUrl::FullyDecoded), config.clientId);
}

void tst_AuthorizationRequest::noScopeParameterWithoutScopes()
{
    OAuthConfig config = baseConfig();
    config.scopes.clear();
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    QVERIFY(!names(request.url()).contains(u"scope"_s));
    QVERIFY(request.scopes().isEmpty());
}

void tst_AuthorizationRequest::randomSecrets()
{
    static const QRegularExpression base64Url(u"^[A-Za-z0-9_-]{43}$"_s);
    QSet<QString> states;
    QSet<QString> verifiers;
    for (int i = 0; i < 200; ++i) {
        const auto request = AuthorizationRequest::create(baseConfig(), redirectUri);
        // 32 random bytes: 256 bits, 43 base64url characters without padding (RFC 7636 §4.1).
        QVERIFY2(base64Url.match(request.state()).hasMatch(), qPrintable(request.state()));
        QVERIFY2(base64Url.match(request.codeVerifier()).hasMatch(), qPrintable(request.codeVerifier()));
        QCOMPARE(QByteArray::fromBase64(request.state().toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
        QCOMPARE(request.codeChallenge(), AuthorizationRequest::s256Challenge(request.codeVerifier()));
        QCOMPARE(valueOf(request.url(), u"state"_s), request.state());
        QVERIFY(request.state() != request.codeVerifier());
        states.insert(request.state());
        verifiers.insert(request.codeVerifier());
    }
    QCOMPARE(states.size(), 200);
    QCOMPARE(verifiers.size(), 200);
    QCOMPARE(AuthorizationRequest::randomToken(16).size(), 22); // 128 bits
}

void tst_AuthorizationRequest::skipPkce()
{
    OAuthConfig config = baseConfig();
    config.skipPkce = true;
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    QVERIFY(request.codeVerifier().isEmpty());
    QVERIFY(request.codeChallenge().isEmpty());
    QVERIFY(!names(request.url()).contains(u"code_challenge"_s));
    QVERIFY(!names(request.url()).contains(u"code_challenge_method"_s));
    QCOMPARE(valueOf(request.url(), u"state"_s), u"state-123"_s);
    QVERIFY(AuthorizationRequest::create(config, redirectUri).codeVerifier().isEmpty());
}

void tst_AuthorizationRequest::nonceOnlyForOpenId()
{
    OAuthConfig config = baseConfig();
    QVERIFY(AuthorizationRequest::create(config, redirectUri).nonce().isEmpty());
    QVERIFY(!names(AuthorizationRequest::create(config, redirectUri).url()).contains(u"nonce"_s));
    config.scopes = {u"openidx"_s, u"profile"_s};
    QVERIFY(AuthorizationRequest::create(config, redirectUri).nonce().isEmpty());

    config.scopes = {u"profile"_s, u"openid"_s};
    const auto request = AuthorizationRequest::create(config, redirectUri);
    QCOMPARE(request.nonce().size(), 43);
    QVERIFY(request.nonce() != request.state());
    QCOMPARE(valueOf(request.url(), u"nonce"_s), request.nonce());
    QVERIFY(AuthorizationRequest::create(config, redirectUri).nonce() != request.nonce());
}

void tst_AuthorizationRequest::extrasComeLastAndNeverOverrideSecurityParameters()
{
    OAuthConfig config = baseConfig();
    config.scopes = {u"openid"_s};
    config.extra = {{u"access_type"_s, u"offline"_s}, {u"client_id"_s, u"evil"_s}, {u"code_challenge"_s, u"x"_s},
        {u"code_challenge_method"_s, u"plain"_s}, {u"nonce"_s, u"n"_s}, {u"prompt"_s, u"consent"_s},
        {u"redirect_uri"_s, u"https://evil.example/"_s}, {u"response_type"_s, u"token"_s}, {u"state"_s, u"fixed"_s}};
    for (const char *name :
        {"client_id", "code_challenge", "code_challenge_method", "nonce", "redirect_uri", "response_type", "state"})
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(
                u"extra parameter \"%1\" would replace a security parameter"_s.arg(QLatin1StringView(name))));
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    QCOMPARE(names(request.url()),
        (QStringList {u"response_type"_s, u"client_id"_s, u"redirect_uri"_s, u"scope"_s, u"state"_s,
            u"code_challenge"_s, u"code_challenge_method"_s, u"nonce"_s, u"access_type"_s, u"prompt"_s}));
    QCOMPARE(valueOf(request.url(), u"response_type"_s), u"code"_s);
    QCOMPARE(valueOf(request.url(), u"client_id"_s), u"my-client"_s);
    QCOMPARE(valueOf(request.url(), u"redirect_uri"_s), redirectUri);
    QCOMPARE(valueOf(request.url(), u"state"_s), u"state-123"_s);
    QCOMPARE(valueOf(request.url(), u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(valueOf(request.url(), u"nonce"_s), u"nonce-456"_s);
    QCOMPARE(request.droppedExtraParameters(),
        (QStringList {u"client_id"_s, u"code_challenge"_s, u"code_challenge_method"_s, u"nonce"_s, u"redirect_uri"_s,
            u"response_type"_s, u"state"_s}));
}

void tst_AuthorizationRequest::extraScopeReplacesJoinedScopes()
{
    // Providers that want commas (Slack, Grant's scope_delimiter) set a pre-joined extra.scope.
    OAuthConfig config = baseConfig();
    config.extra = {{u"scope"_s, u"chat:write,openid"_s}, {u"user_scope"_s, u"search:read"_s}};
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    QCOMPARE(names(request.url()).count(u"scope"_s), 1);
    QCOMPARE(valueOf(request.url(), u"scope"_s), u"chat:write,openid"_s);
    QVERIFY(request.url().toEncoded().contains("&scope=chat%3Awrite%2Copenid&"));
    QCOMPARE(request.scopes(), (QStringList {u"chat:write"_s, u"openid"_s}));
    QCOMPARE(valueOf(request.url(), u"nonce"_s), u"nonce-456"_s); // openid seen in extra.scope
}

void tst_AuthorizationRequest::authorizeUrlKeepsItsOwnQuery()
{
    OAuthConfig config = baseConfig();
    config.authorizeUri = QUrl(u"https://as.example/authorize?tenant=a%2Bb&client_id=other&prompt=login"_s);
    config.extra = {{u"prompt"_s, u"consent"_s}};
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"own query parameter \"client_id\" is replaced"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"own query parameter \"prompt\" is replaced"_s));
    const auto request = AuthorizationRequest::create(config, redirectUri, fixedSecrets);
    const QByteArray url = request.url().toEncoded();
    QVERIFY2(url.startsWith("https://as.example/authorize?tenant=a%2Bb&response_type=code&client_id=my-client&"),
        url.constData());
    QVERIFY2(url.endsWith("&prompt=consent"), url.constData());
    QCOMPARE(names(request.url()).count(u"client_id"_s), 1);
    QCOMPARE(names(request.url()).count(u"prompt"_s), 1);
}

void tst_AuthorizationRequest::eachParameterOnce()
{
    OAuthConfig config = baseConfig();
    config.scopes = {u"openid"_s, u"email"_s};
    config.extra = {{u"prompt"_s, u"consent"_s}, {u"access_type"_s, u"offline"_s}};
    const QStringList all = names(AuthorizationRequest::create(config, redirectUri).url());
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), all.size());
}

QTEST_GUILESS_MAIN(tst_AuthorizationRequest)
#include "tst_authorizationrequest.moc"
