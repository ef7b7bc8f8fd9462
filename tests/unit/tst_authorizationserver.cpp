#include "authorizationserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using Authdesk::Test::AuthorizationServer;

// The test authorization server (tests/authserver: oidc-provider, the scripted browser) is what the
// OAuth integration tests stand on, so this proves it behaves as they assume, with nothing but Qt: a
// hand-built authorization request with PKCE, the scripted browser, a QTcpServer on 127.0.0.1 as the
// app's loopback reply handler, and token, refresh, revocation and introspection requests on
// QNetworkAccessManager.
namespace {

using Form = QList<QPair<QString, QString>>;

QString randomBase64Url(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char &byte : data)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString pkceChallenge(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// application/x-www-form-urlencoded, every reserved character escaped (`+` included).
QByteArray formEncode(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

QByteArray formBody(const Form &fields)
{
    QByteArrayList pairs;
    for (const auto &[name, value] : fields)
        pairs.append(formEncode(name) + '=' + formEncode(value));
    return pairs.join('&');
}

// Form-decoding (RFC 9207 §2.4 asks for it on `iss`): `+` is a space, then percent-decoding.
QMap<QString, QString> formDecode(const QByteArray &query)
{
    QMap<QString, QString> result;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        auto decode = [](QByteArray text) { return QUrl::fromPercentEncoding(text.replace('+', ' ')); };
        result.insert(decode(pair.left(equals)), equals < 0 ? QString() : decode(pair.mid(equals + 1)));
    }
    return result;
}

QJsonObject jwtPayload(const QString &jwt)
{
    const QByteArray payload = QByteArray::fromBase64(
        jwt.section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(payload).object();
}

// The app's side of the redirect: HTTP on 127.0.0.1, an ephemeral port; records every request target
// and answers each with a small page.
class LoopbackCatcher
{
public:
    LoopbackCatcher()
    {
        if (!m_server.listen(QHostAddress::LocalHost))
            qFatal("LoopbackCatcher cannot listen: %s", qPrintable(m_server.errorString()));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
            }
        });
    }

    QString redirectUri(const QString &path = u"/callback"_s) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path);
    }
    const QByteArrayList &targets() const { return m_targets; }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        if (!buffer.contains("\r\n\r\n")) {
            socket->setProperty("buffer", buffer);
            return;
        }
        m_targets.append(buffer.left(buffer.indexOf("\r\n")).split(' ').value(1));
        const QByteArray page = "<!DOCTYPE html><title>Done</title><p>You can close this window.</p>";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                      "Connection: close\r\nContent-Length: "
            + QByteArray::number(page.size()) + "\r\n\r\n" + page);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArrayList m_targets;
};

struct Authorization
{
    QString clientId;
    QString redirectUri;
    QString state;
    QString nonce;
    QString verifier;
    int browserExitCode = -1;
    QString browserLog;
    QByteArray callbackPath; // empty when the browser never reached the loopback
    QMap<QString, QString> callback; // form-decoded query of the callback
};

struct HttpResult
{
    int status = 0; // 0: no answer
    QByteArray body;
    QJsonObject json;
    QByteArray wwwAuthenticate;
};

enum class ClientAuth {
    Registered, // the client's registered method, done right
    Basic,
    Body,
    BasicUnencoded, // id and secret not form-encoded before base64 (a classic bug)
    BasicAndBody, // both at once (RFC 6749 §2.3: MUST NOT)
};

} // namespace

class tst_AuthorizationServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void discovery();
    void codeFlow_data();
    void codeFlow();
    void apiScopeOnResourceToken();
    void refreshRotation();
    void codeReplayIsRejected();
    void revocation();
    void consentDenied();
    void pkceIsRequired_data();
    void pkceIsRequired();
    void redirectPathMustMatch();
    void clientAuthentication_data();
    void clientAuthentication();
    void browserStaysOnLoopback();
    void stopsWhenStdinCloses();
    void reportsStartFailures();
    void unavailableReasonNamesTheFix();

private:
    // Runs the scripted browser on a hand-built authorization URL and catches the redirect.
    void authorize(Authorization &result, const QString &clientId, const QString &scope,
        AuthorizationServer::Consent consent = AuthorizationServer::Consent::Grant, const Form &overrides = {},
        const QString &redirectPath = u"/callback"_s);
    // authorize() + the code exchange; leaves the token response in `tokens`.
    void connectClient(QJsonObject &tokens, const QString &clientId, const QString &scope = defaultScope());
    HttpResult post(const QUrl &url, Form fields, const AuthorizationServer::Client &client,
        ClientAuth auth = ClientAuth::Registered);
    HttpResult get(const QUrl &url, const QString &accessToken);
    HttpResult exchangeCode(const Authorization &authorization);
    HttpResult refresh(const QString &clientId, const QString &refreshToken);
    static QString defaultScope() { return u"openid offline_access profile email"_s; }

    AuthorizationServer m_server;
    QNetworkAccessManager m_network;
    static constexpr int accessTokenTtl = 120;
};

void tst_AuthorizationServer::initTestCase()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_network.setProxy(QNetworkProxy::NoProxy);

    AuthorizationServer::Options options;
    options.accessTokenTtl = accessTokenTtl;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(m_server.startAndWait(options), qPrintable(m_server.errorString()));
    qInfo("authorization server ready in %lld ms at %s", timer.elapsed(), qPrintable(m_server.issuer().toString()));

    QCOMPARE(m_server.issuer().host(), u"127.0.0.1"_s);
    QVERIFY(m_server.port() > 0);
    QCOMPARE(m_server.clients().size(), 3);
    QVERIFY(QFileInfo::exists(AuthorizationServer::browserScript()));
}

void tst_AuthorizationServer::discovery()
{
    const HttpResult result = get(m_server.endpoint(u"discovery"_s), {});
    QCOMPARE(result.status, 200);
    const QJsonObject metadata = result.json;
    QCOMPARE(metadata.value(u"issuer"_s).toString(), m_server.issuer().toString());
    QCOMPARE(metadata.value(u"authorization_endpoint"_s).toString(), m_server.endpoint(u"authorization"_s).toString());
    QCOMPARE(metadata.value(u"token_endpoint"_s).toString(), m_server.endpoint(u"token"_s).toString());
    QCOMPARE(metadata.value(u"revocation_endpoint"_s).toString(), m_server.endpoint(u"revocation"_s).toString());
    QCOMPARE(metadata.value(u"introspection_endpoint"_s).toString(), m_server.endpoint(u"introspection"_s).toString());
    // RFC 9207 and PKCE S256 only.
    QCOMPARE(metadata.value(u"authorization_response_iss_parameter_supported"_s).toBool(), true);
    QCOMPARE(metadata.value(u"code_challenge_methods_supported"_s).toArray(), QJsonArray {u"S256"_s});
    const QJsonArray authMethods = metadata.value(u"token_endpoint_auth_methods_supported"_s).toArray();
    for (const QString &method : {u"client_secret_basic"_s, u"client_secret_post"_s, u"none"_s})
        QVERIFY2(authMethods.contains(method), qPrintable(method));
    const QJsonArray scopes = metadata.value(u"scopes_supported"_s).toArray();
    for (const QString &scope : {u"openid"_s, u"offline_access"_s, u"profile"_s, u"email"_s, u"api:read"_s})
        QVERIFY2(scopes.contains(scope), qPrintable(scope));
}

void tst_AuthorizationServer::codeFlow_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("authMethod");
    QTest::addRow("basic") << AuthorizationServer::basicClient() << u"client_secret_basic"_s;
    QTest::addRow("post") << AuthorizationServer::postClient() << u"client_secret_post"_s;
    QTest::addRow("public") << AuthorizationServer::publicClient() << u"none"_s;
}

void tst_AuthorizationServer::codeFlow()
{
    QFETCH(QString, clientId);
    QFETCH(QString, authMethod);
    const AuthorizationServer::Client client = m_server.client(clientId);
    QCOMPARE(client.authMethod, authMethod);
    // The secrets hold what a form encoder must escape, so encoding bugs surface as invalid_client.
    if (authMethod != u"none"_s) {
        for (const QChar c : {u'+', u'/', u'=', u'&'})
            QVERIFY(client.secret.contains(c));
    }

    QElapsedTimer timer;
    timer.start();
    Authorization authorization;
    authorize(authorization, clientId, defaultScope());
    if (QTest::currentTestFailed())
        return;
    const qint64 authorizeMs = timer.elapsed();
    QCOMPARE(authorization.browserExitCode, 0);
    QVERIFY2(authorization.browserLog.contains(u"callback http://127.0.0.1:"_s), qPrintable(authorization.browserLog));
    QCOMPARE(authorization.callbackPath, QByteArray("/callback"));
    QCOMPARE(authorization.callback.value(u"state"_s), authorization.state);
    QCOMPARE(authorization.callback.value(u"iss"_s), m_server.issuer().toString());
    QVERIFY(!authorization.callback.contains(u"error"_s));
    QVERIFY(!authorization.callback.value(u"code"_s).isEmpty());

    const HttpResult result = exchangeCode(authorization);
    const qint64 flowMs = timer.elapsed();
    QVERIFY2(result.status == 200, result.body.constData());
    const QJsonObject tokens = result.json;
    QCOMPARE(tokens.value(u"token_type"_s).toString().toLower(), u"bearer"_s);
    QVERIFY(!tokens.value(u"access_token"_s).toString().isEmpty());
    QVERIFY(!tokens.value(u"refresh_token"_s).toString().isEmpty());
    QCOMPARE(tokens.value(u"expires_in"_s).toInt(), accessTokenTtl);

    const QJsonObject idToken = jwtPayload(tokens.value(u"id_token"_s).toString());
    QCOMPARE(idToken.value(u"iss"_s).toString(), m_server.issuer().toString());
    QCOMPARE(idToken.value(u"aud"_s).toString(), clientId);
    QCOMPARE(idToken.value(u"nonce"_s).toString(), authorization.nonce);
    QCOMPARE(idToken.value(u"sub"_s).toString(), u"alice"_s);
    // oidc-provider keeps profile and email claims out of the id_token when an access token is issued
    // (conformIdTokenClaims); they come from userinfo, which this access token is for.
    const HttpResult userinfo = get(m_server.endpoint(u"userinfo"_s), tokens.value(u"access_token"_s).toString());
    QVERIFY2(userinfo.status == 200, userinfo.body.constData());
    QCOMPARE(userinfo.json.value(u"sub"_s).toString(), u"alice"_s);
    QCOMPARE(userinfo.json.value(u"email"_s).toString(), u"alice@example.test"_s);

    // The access token works at the test API, and only there with Bearer.
    const HttpResult api = get(m_server.endpoint(u"api"_s), tokens.value(u"access_token"_s).toString());
    QVERIFY2(api.status == 200, api.body.constData());
    QCOMPARE(api.json.value(u"sub"_s).toString(), u"alice"_s);
    QCOMPARE(api.json.value(u"client_id"_s).toString(), clientId);
    const HttpResult anonymous = get(m_server.endpoint(u"api"_s), {});
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.wwwAuthenticate.startsWith("Bearer"));

    qInfo("%s: authorization (browser process included) %lld ms, whole flow with the code exchange %lld ms",
        qPrintable(clientId), authorizeMs, flowMs);
}

void tst_AuthorizationServer::apiScopeOnResourceToken()
{
    // Without api:read the access token is for userinfo and carries the OpenID scopes...
    QJsonObject plain;
    connectClient(plain, AuthorizationServer::publicClient());
    if (QTest::currentTestFailed())
        return;
    const HttpResult denied = get(m_server.endpoint(u"apiRead"_s), plain.value(u"access_token"_s).toString());
    QCOMPARE(denied.status, 403);
    QVERIFY2(denied.wwwAuthenticate.contains("error=\"insufficient_scope\""), denied.wwwAuthenticate.constData());

    // ...with it, the token is for the test API and the response's scope lists api:read only.
    QJsonObject withApi;
    connectClient(withApi, AuthorizationServer::publicClient(), defaultScope() + u" api:read"_s);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(withApi.value(u"scope"_s).toString(), u"api:read"_s);
    QVERIFY(!withApi.value(u"refresh_token"_s).toString().isEmpty());
    const HttpResult allowed = get(m_server.endpoint(u"apiRead"_s), withApi.value(u"access_token"_s).toString());
    QVERIFY2(allowed.status == 200, allowed.body.constData());
    QCOMPARE(allowed.json.value(u"scope"_s).toString(), u"api:read"_s);
}

void tst_AuthorizationServer::refreshRotation()
{
    // A confidential client: oidc-provider rotates only public clients' tokens by default.
    const QString clientId = AuthorizationServer::basicClient();
    QJsonObject tokens;
    connectClient(tokens, clientId);
    if (QTest::currentTestFailed())
        return;
    const QString first = tokens.value(u"refresh_token"_s).toString();

    const HttpResult refreshed = refresh(clientId, first);
    QVERIFY2(refreshed.status == 200, refreshed.body.constData());
    const QString second = refreshed.json.value(u"refresh_token"_s).toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    const QString newAccessToken = refreshed.json.value(u"access_token"_s).toString();
    QVERIFY(newAccessToken != tokens.value(u"access_token"_s).toString());
    QCOMPARE(get(m_server.endpoint(u"api"_s), newAccessToken).status, 200);

    // The old refresh token is dead...
    const HttpResult reused = refresh(clientId, first);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    // ...and its reuse revoked the whole grant (RFC 9700 §4.14.2): the new tokens are dead too.
    const HttpResult afterReuse = refresh(clientId, second);
    QCOMPARE(afterReuse.status, 400);
    QCOMPARE(afterReuse.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QCOMPARE(get(m_server.endpoint(u"api"_s), newAccessToken).status, 401);
}

void tst_AuthorizationServer::codeReplayIsRejected()
{
    Authorization authorization;
    authorize(authorization, AuthorizationServer::publicClient(), defaultScope());
    if (QTest::currentTestFailed())
        return;
    const HttpResult first = exchangeCode(authorization);
    QVERIFY2(first.status == 200, first.body.constData());

    const HttpResult replay = exchangeCode(authorization);
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    // RFC 6749 §4.1.2: the server revokes what the code gave; oidc-provider does.
    QCOMPARE(get(m_server.endpoint(u"api"_s), first.json.value(u"access_token"_s).toString()).status, 401);
    QCOMPARE(refresh(authorization.clientId, first.json.value(u"refresh_token"_s).toString()).status, 400);
}

void tst_AuthorizationServer::revocation()
{
    const QString clientId = AuthorizationServer::postClient();
    const AuthorizationServer::Client client = m_server.client(clientId);
    QJsonObject tokens;
    connectClient(tokens, clientId);
    if (QTest::currentTestFailed())
        return;
    const QString accessToken = tokens.value(u"access_token"_s).toString();
    const QString refreshToken = tokens.value(u"refresh_token"_s).toString();

    const HttpResult active = post(m_server.endpoint(u"introspection"_s), {{u"token"_s, accessToken}}, client);
    QCOMPARE(active.status, 200);
    QCOMPARE(active.json.value(u"active"_s).toBool(), true);
    QCOMPARE(active.json.value(u"client_id"_s).toString(), clientId);

    // RFC 7009: 200 for the refresh token; it and the grant's access token stop working.
    const HttpResult revoked = post(m_server.endpoint(u"revocation"_s),
        {{u"token"_s, refreshToken}, {u"token_type_hint"_s, u"refresh_token"_s}}, client);
    QCOMPARE(revoked.status, 200);
    const HttpResult afterRevocation = refresh(clientId, refreshToken);
    QCOMPARE(afterRevocation.status, 400);
    QCOMPARE(afterRevocation.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    QCOMPARE(get(m_server.endpoint(u"api"_s), accessToken).status, 401);
    const HttpResult inactive = post(m_server.endpoint(u"introspection"_s), {{u"token"_s, accessToken}}, client);
    QCOMPARE(inactive.status, 200);
    QCOMPARE(inactive.json.value(u"active"_s).toBool(), false);

    // Unknown tokens are 200 as well (RFC 7009 §2.2).
    QCOMPARE(post(m_server.endpoint(u"revocation"_s), {{u"token"_s, u"no-such-token"_s}}, client).status, 200);
}

void tst_AuthorizationServer::consentDenied()
{
    Authorization authorization;
    authorize(authorization, AuthorizationServer::basicClient(), defaultScope(), AuthorizationServer::Consent::Deny);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(authorization.browserExitCode, 0);
    QCOMPARE(authorization.callbackPath, QByteArray("/callback"));
    QCOMPARE(authorization.callback.value(u"error"_s), u"access_denied"_s);
    QCOMPARE(authorization.callback.value(u"error_description"_s), u"End-User aborted interaction"_s);
    QCOMPARE(authorization.callback.value(u"state"_s), authorization.state);
    QCOMPARE(authorization.callback.value(u"iss"_s), m_server.issuer().toString());
    QVERIFY(!authorization.callback.contains(u"code"_s));
}

void tst_AuthorizationServer::pkceIsRequired_data()
{
    QTest::addColumn<Form>("overrides");
    QTest::addColumn<QString>("clientId");
    QTest::addRow("no challenge, public")
        << Form {{u"code_challenge"_s, {}}, {u"code_challenge_method"_s, {}}} << AuthorizationServer::publicClient();
    QTest::addRow("no challenge, confidential")
        << Form {{u"code_challenge"_s, {}}, {u"code_challenge_method"_s, {}}} << AuthorizationServer::basicClient();
    QTest::addRow("plain") << Form {{u"code_challenge_method"_s, u"plain"_s}} << AuthorizationServer::postClient();
}

void tst_AuthorizationServer::pkceIsRequired()
{
    QFETCH(Form, overrides);
    QFETCH(QString, clientId);
    Authorization authorization;
    authorize(authorization, clientId, defaultScope(), AuthorizationServer::Consent::Grant, overrides);
    if (QTest::currentTestFailed())
        return;
    // The error goes back to the (valid) redirect URI, with state and iss, before any sign-in.
    QCOMPARE(authorization.browserExitCode, 0);
    QCOMPARE(authorization.callback.value(u"error"_s), u"invalid_request"_s);
    QCOMPARE(authorization.callback.value(u"state"_s), authorization.state);
    QCOMPARE(authorization.callback.value(u"iss"_s), m_server.issuer().toString());
    QVERIFY(!authorization.callback.contains(u"code"_s));
    QVERIFY2(!authorization.browserLog.contains(u"signing in"_s), qPrintable(authorization.browserLog));
}

void tst_AuthorizationServer::redirectPathMustMatch()
{
    // Any port on a registered loopback URI is fine (every flow here uses an ephemeral port), but the
    // path must be exactly a registered one: the server shows an error page and never redirects.
    for (const QString &path : {u"/callbackx"_s, u"/callback/"_s, u"/other"_s}) {
        Authorization authorization;
        authorize(authorization, AuthorizationServer::publicClient(), defaultScope(),
            AuthorizationServer::Consent::Grant, {}, path);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(authorization.browserExitCode, 3);
        QVERIFY2(authorization.callbackPath.isEmpty(), authorization.callbackPath.constData());
        QVERIFY2(authorization.browserLog.contains(u"redirect_uri"_s), qPrintable(authorization.browserLog));
    }
}

void tst_AuthorizationServer::clientAuthentication_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<ClientAuth>("auth");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("basic client, Basic") << AuthorizationServer::basicClient() << ClientAuth::Basic << true;
    QTest::addRow("basic client, body") << AuthorizationServer::basicClient() << ClientAuth::Body << false;
    QTest::addRow("basic client, Basic not form-encoded")
        << AuthorizationServer::basicClient() << ClientAuth::BasicUnencoded << false;
    QTest::addRow("basic client, Basic and body")
        << AuthorizationServer::basicClient() << ClientAuth::BasicAndBody << false;
    QTest::addRow("post client, body") << AuthorizationServer::postClient() << ClientAuth::Body << true;
    QTest::addRow("post client, Basic and body")
        << AuthorizationServer::postClient() << ClientAuth::BasicAndBody << false;
    QTest::addRow("post client, Basic") << AuthorizationServer::postClient() << ClientAuth::Basic << false;
    QTest::addRow("public client, client_id") << AuthorizationServer::publicClient() << ClientAuth::Registered << true;
    QTest::addRow("public client, empty client_secret")
        << AuthorizationServer::publicClient() << ClientAuth::Body << false;
}

void tst_AuthorizationServer::clientAuthentication()
{
    QFETCH(QString, clientId);
    QFETCH(ClientAuth, auth);
    QFETCH(bool, accepted);
    // A refresh with an unknown token: the client is authenticated first, so an accepted client gets
    // invalid_grant and a rejected one invalid_client.
    const HttpResult result = post(m_server.endpoint(u"token"_s),
        {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, u"no+such/token="_s}}, m_server.client(clientId),
        auth);
    QCOMPARE(result.json.value(u"error"_s).toString(), accepted ? u"invalid_grant"_s : u"invalid_client"_s);
    QCOMPARE(result.status, accepted ? 400 : 401);
}

void tst_AuthorizationServer::browserStaysOnLoopback()
{
    QProcess browser;
    browser.start(AuthorizationServer::nodeProgram(),
        AuthorizationServer::browserArguments(QUrl(u"http://192.0.2.1/authorize?client_id=x"_s)));
    QVERIFY(browser.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(browser.state() == QProcess::NotRunning, 20000);
    QCOMPARE(browser.exitCode(), 3);
    QVERIFY(browser.readAllStandardError().contains("only loopback hosts are allowed"));
}

void tst_AuthorizationServer::stopsWhenStdinCloses()
{
    AuthorizationServer server;
    QVERIFY2(server.startAndWait(), qPrintable(server.errorString()));
    const quint16 port = server.port();
    server.stop();
    QVERIFY(!server.isReady());
    QVERIFY2(server.log().contains(u"stopping (stdin closed)"_s), qPrintable(server.log()));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(2000));
}

void tst_AuthorizationServer::reportsStartFailures()
{
    AuthorizationServer server;
    QSignalSpy failed(&server, &AuthorizationServer::failed);
    AuthorizationServer::Options options;
    options.extraArguments = {u"--no-such-option"_s};
    QVERIFY(!server.startAndWait(options));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(server.errorString().contains(u"unknown argument --no-such-option"_s), qPrintable(server.errorString()));
    QVERIFY(!server.isReady());
}

void tst_AuthorizationServer::unavailableReasonNamesTheFix()
{
    const QByteArray directory = qgetenv("AUTHDESK_TEST_AUTHSERVER_DIR");
    const QByteArray node = qgetenv("AUTHDESK_TEST_NODE");
    const auto restore = qScopeGuard([&] {
        for (const auto &[name, value] :
            {std::pair {"AUTHDESK_TEST_AUTHSERVER_DIR", directory}, {"AUTHDESK_TEST_NODE", node}}) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
    });
    QVERIFY(AuthorizationServer::unavailableReason().isEmpty());

    qputenv("AUTHDESK_TEST_AUTHSERVER_DIR", "/nonexistent/authserver");
    QVERIFY2(AuthorizationServer::unavailableReason().contains(u"npm ci --prefix tests/authserver"_s),
        qPrintable(AuthorizationServer::unavailableReason()));
    qputenv("AUTHDESK_TEST_NODE", "/nonexistent/node");
    QVERIFY2(AuthorizationServer::unavailableReason().startsWith(u"node is not installed"_s),
        qPrintable(AuthorizationServer::unavailableReason()));
}

void tst_AuthorizationServer::authorize(Authorization &result, const QString &clientId, const QString &scope,
    AuthorizationServer::Consent consent, const Form &overrides, const QString &redirectPath)
{
    LoopbackCatcher loopback;
    result.clientId = clientId;
    result.redirectUri = loopback.redirectUri(redirectPath);
    result.state = randomBase64Url(32);
    result.nonce = randomBase64Url(32);
    result.verifier = randomBase64Url(32);

    Form parameters {{u"response_type"_s, u"code"_s}, {u"client_id"_s, clientId},
        {u"redirect_uri"_s, result.redirectUri}, {u"scope"_s, scope}, {u"state"_s, result.state},
        {u"nonce"_s, result.nonce}, {u"code_challenge"_s, pkceChallenge(result.verifier)},
        {u"code_challenge_method"_s, u"S256"_s}};
    for (const auto &[name, value] : overrides) {
        parameters.removeIf([&name](const QPair<QString, QString> &pair) { return pair.first == name; });
        if (!value.isEmpty())
            parameters.append({name, value});
    }
    QUrl url = m_server.endpoint(u"authorization"_s);
    url.setQuery(QString::fromLatin1(formBody(parameters)), QUrl::StrictMode);

    QProcess browser;
    browser.setProcessEnvironment(AuthorizationServer::browserEnvironment(u"alice"_s, consent));
    browser.start(AuthorizationServer::nodeProgram(), AuthorizationServer::browserArguments(url));
    QVERIFY2(browser.waitForStarted(), qPrintable(browser.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(browser.state() == QProcess::NotRunning, 30000);
    result.browserExitCode = browser.exitStatus() == QProcess::NormalExit ? browser.exitCode() : -1;
    result.browserLog = QString::fromUtf8(browser.readAllStandardError());

    QVERIFY2(loopback.targets().size() <= 1, loopback.targets().join('\n').constData());
    if (loopback.targets().isEmpty())
        return;
    const QByteArray target = loopback.targets().constFirst();
    const qsizetype question = target.indexOf('?');
    result.callbackPath = target.left(question);
    result.callback = formDecode(question < 0 ? QByteArray() : target.mid(question + 1));
}

void tst_AuthorizationServer::connectClient(QJsonObject &tokens, const QString &clientId, const QString &scope)
{
    Authorization authorization;
    authorize(authorization, clientId, scope);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(authorization.callback.contains(u"code"_s), qPrintable(authorization.browserLog));
    const HttpResult result = exchangeCode(authorization);
    QVERIFY2(result.status == 200, result.body.constData());
    tokens = result.json;
}

HttpResult tst_AuthorizationServer::exchangeCode(const Authorization &authorization)
{
    return post(m_server.endpoint(u"token"_s),
        {{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, authorization.callback.value(u"code"_s)},
            {u"redirect_uri"_s, authorization.redirectUri}, {u"code_verifier"_s, authorization.verifier}},
        m_server.client(authorization.clientId));
}

HttpResult tst_AuthorizationServer::refresh(const QString &clientId, const QString &refreshToken)
{
    return post(m_server.endpoint(u"token"_s),
        {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refreshToken}}, m_server.client(clientId));
}

namespace {

HttpResult waitForReply(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
    }
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    reply->deleteLater();
    return result;
}

} // namespace

HttpResult tst_AuthorizationServer::post(
    const QUrl &url, Form fields, const AuthorizationServer::Client &client, ClientAuth auth)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    switch (auth) {
    case ClientAuth::Basic:
        // RFC 6749 §2.3.1: id and secret are each form-encoded, then joined and base64-encoded.
        request.setRawHeader(
            "Authorization", "Basic " + QByteArray(formEncode(client.id) + ':' + formEncode(client.secret)).toBase64());
        break;
    case ClientAuth::BasicAndBody:
        fields.append({u"client_id"_s, client.id});
        fields.append({u"client_secret"_s, client.secret});
        return post(url, fields, client, ClientAuth::Basic);
    case ClientAuth::BasicUnencoded:
        request.setRawHeader("Authorization", "Basic " + QString(client.id + u':' + client.secret).toUtf8().toBase64());
        break;
    case ClientAuth::Body:
        // For the public client this is the mistake of an empty client_secret=.
        fields.append({u"client_id"_s, client.id});
        fields.append({u"client_secret"_s, client.secret});
        break;
    case ClientAuth::Registered:
        if (client.authMethod == u"client_secret_basic"_s)
            return post(url, fields, client, ClientAuth::Basic);
        if (client.authMethod == u"client_secret_post"_s)
            return post(url, fields, client, ClientAuth::Body);
        fields.append({u"client_id"_s, client.id});
        break;
    }
    return waitForReply(m_network.post(request, formBody(fields)));
}

HttpResult tst_AuthorizationServer::get(const QUrl &url, const QString &accessToken)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + accessToken.toLatin1());
    return waitForReply(m_network.get(request));
}

QTEST_GUILESS_MAIN(tst_AuthorizationServer)
#include "tst_authorizationserver.moc"
