#include "authorizationserver.h"
#include "testhome.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Authdesk::Test::AuthorizationServer;
using Authdesk::Test::TestHome;

// The connection commands as a newcomer uses them, against a real authorization server (oidc-provider
// on loopback) and the real Secret Service of the test session: configure, connect (through the
// scripted browser as AUTHDESK_BROWSER), connections, inspect, token, refresh, disconnect — and the
// exit codes of design.md for denied consent, unknown names and a missing keychain. The `authdesk`
// binary runs with its own home and data folders, which must never hold a secret.
class tst_ConnectionCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void newcomerFlow();
    void deniedConsentStoresNothing();
    void unknownNamesAndUsage();
    void noSecretServiceIsExitCode5();
    void javascriptConnectorAndRetryAfter401();
    void concurrentRefreshesNeverReuseARefreshToken();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run authdesk(const QStringList &arguments, const QProcessEnvironment &extra = {});
    QStringList filesContaining(const QString &needle) const;
    int apiStatus(const QString &accessToken);
    void revokeAccessToken(const QString &accessToken, const AuthorizationServer::Client &client);

    AuthorizationServer m_server;
    std::unique_ptr<TestHome> m_home;
    QTemporaryDir m_connectors;
    QProcessEnvironment m_environment;
};

void tst_ConnectionCommands::initTestCase()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QVERIFY2(m_server.startAndWait(), qPrintable(m_server.errorString()));
    const QString issuer = m_server.issuer().toString();

    // A connector like the bundled ones: mapping getOAuthConfig, Basic client authentication.
    QVERIFY(QDir(m_connectors.path()).mkpath(u"oidc-basic/auth"_s));
    const auto write = [this](const QString &path, const QString &text) {
        QFile file(m_connectors.filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    };
    write(u"oidc-basic/spec.yml"_s, u"key: oidc-basic\nname: OIDC test\n"
                                    "parametersSchema:\n  type: object\n  properties:\n"
                                    "    clientId: {type: string}\n    clientSecret: {type: string, format: password}\n"
                                    "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
                                    "  makeApiClient:\n    implementationType: mapping\n"
                                    "  test:\n    implementationType: rest-api-mapping\n"_s);
    write(u"oidc-basic/auth/test.rest.yml"_s, u"path: /whoami\nmethod: GET\nresponseMapping:\n  $var: response.data.sub\n"_s);

    // The same server through the body-authenticated client, with JavaScript methods: getOAuthConfig
    // and a test that uses its apiClient argument.
    QVERIFY(QDir(m_connectors.path()).mkpath(u"oidc-post/auth"_s));
    write(u"oidc-post/spec.yml"_s, u"key: oidc-post\nname: OIDC test (post, JavaScript)\n"
                                   "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: javascript\n"
                                   "  makeApiClient:\n    implementationType: mapping\n"
                                   "  test:\n    implementationType: javascript\n"_s);
    write(u"oidc-post/auth/get-oauth-config.ts"_s,
        u"interface Args { connectorParameters: { clientId: string; clientSecret: string } }\n"
        "export default async function getOAuthConfig({ connectorParameters }: Args) {\n"
        "  const issuer = '%1';\n"
        "  return { authorizeUri: `${issuer}/auth`, tokenUri: `${issuer}/token`, issuer,\n"
        "    revokeUri: `${issuer}/token/revocation`, clientAuthLocation: 'body', scopes: ['openid'],\n"
        "    ...connectorParameters };\n"
        "}\n"_s.arg(issuer));
    write(u"oidc-post/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));
    write(u"oidc-post/auth/test.js"_s,
        u"module.exports = async function ({ apiClient }) {\n"
        "  const me = await apiClient.get('/whoami');\n"
        "  return me.sub === 'alice' && me.client_id === 'post-client';\n"
        "};\n"_s);
    write(u"oidc-basic/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nrevokeUri: %1/token/revocation\nissuer: %1\n"
        "clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: connectorParameters.clientSecret}\n"
        "clientAuthLocation: headers\nscopes: [openid, offline_access]\n"_s.arg(issuer));
    write(u"oidc-basic/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));
}

void tst_ConnectionCommands::init()
{
    // A fresh home (and so a fresh profile) for every test.
    m_home = std::make_unique<TestHome>();
    QVERIFY(m_home->isValid());
    m_environment = m_home->processEnvironment(m_connectors.path());
    m_environment.insert(u"AUTHDESK_BROWSER"_s, AuthorizationServer::browserCommandLine());
}

tst_ConnectionCommands::Run tst_ConnectionCommands::authdesk(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = m_environment;
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AUTHDESK_TEST_BINARY), QStringList{u"--connectors-dir"_s, m_connectors.path()} + arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(90000)) {
        process.kill();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QStringList tst_ConnectionCommands::filesContaining(const QString &needle) const
{
    QStringList found;
    QDirIterator it(m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            found.append(file.fileName());
    }
    return found;
}

// The protected test API's answer to the token: 200 while the grant lives, 401 once revoked.
int tst_ConnectionCommands::apiStatus(const QString &accessToken)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_server.endpoint(u"api"_s)));
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Revokes just the access token (RFC 7009), as a provider does when it ends a session early: the
// next API call gets a 401 and Authdesk must refresh and retry.
void tst_ConnectionCommands::revokeAccessToken(const QString &accessToken, const AuthorizationServer::Client &client)
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_server.endpoint(u"revocation"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    // post-client authenticates in the body (client_secret_post); every value fully form-encoded.
    const QByteArray form = "token=" + QUrl::toPercentEncoding(accessToken) + "&token_type_hint=access_token&client_id="
        + QUrl::toPercentEncoding(client.id) + "&client_secret=" + QUrl::toPercentEncoding(client.secret);
    QNetworkReply *reply = network.post(request, form);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(apiStatus(accessToken), 401);
}

void tst_ConnectionCommands::javascriptConnectorAndRetryAfter401()
{
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::postClient());
    QCOMPARE(authdesk({u"configure"_s, u"oidc-post"_s, u"--set"_s, u"clientId="_s + client.id, u"--set"_s,
                 u"clientSecret="_s + client.secret}).exitCode, 0);
    // connect runs the JavaScript test, which uses its apiClient.
    Run connect = authdesk({u"connect"_s, u"oidc-post"_s, u"--name"_s, u"js"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
    QVERIFY2(connect.err.contains(u"test passed"_s), qPrintable(connect.err));
    const QJsonObject before = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"js"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8())
                                   .object().value(u"credentials"_s).toObject();
    const QString accessToken = before.value(u"access_token"_s).toString();
    QVERIFY(!accessToken.isEmpty());

    revokeAccessToken(accessToken, client);
    // The test's apiClient.get gets a 401, Authdesk refreshes once and retries: the test passes.
    Run test = authdesk({u"test"_s, u"js"_s, u"--json"_s});
    QVERIFY2(test.exitCode == 0, qPrintable(test.err + test.out));
    QVERIFY(QJsonDocument::fromJson(test.out.toUtf8()).object().value(u"passed"_s).toBool());
    const QJsonObject after = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"js"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8())
                                  .object().value(u"credentials"_s).toObject();
    QVERIFY(after.value(u"access_token"_s).toString() != accessToken);
    QCOMPARE(apiStatus(after.value(u"access_token"_s).toString()), 200);
}

// oauth-standards-and-qt.md check 11: the server rotates refresh tokens and revokes the whole grant
// when an old one comes back. Four processes refreshing one connection at the same moment must take
// turns (the profile's refresh lock, then a fresh read of the stored token): every one succeeds and
// the grant survives.
void tst_ConnectionCommands::concurrentRefreshesNeverReuseARefreshToken()
{
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::basicClient());
    QCOMPARE(authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"clientId="_s + client.id, u"--set"_s,
                 u"clientSecret="_s + client.secret}).exitCode, 0);
    QCOMPARE(authdesk({u"connect"_s, u"oidc-basic"_s, u"--name"_s, u"busy"_s, u"--no-test"_s}).exitCode, 0);

    QList<QProcess *> processes;
    for (int i = 0; i < 4; ++i) {
        auto *process = new QProcess(this);
        process->setProcessEnvironment(m_environment);
        process->start(QStringLiteral(AUTHDESK_TEST_BINARY), {u"--connectors-dir"_s, m_connectors.path(), u"refresh"_s, u"busy"_s});
        processes.append(process);
    }
    for (QProcess *process : std::as_const(processes)) {
        QVERIFY(process->waitForFinished(90000));
        QVERIFY2(process->exitCode() == 0, qPrintable(QString::fromUtf8(process->readAllStandardError())));
        process->deleteLater();
    }
    const QJsonObject inspected = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"busy"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8()).object();
    QCOMPARE(apiStatus(inspected.value(u"credentials"_s).toObject().value(u"access_token"_s).toString()), 200);
    int refreshes = 0;
    for (const QJsonValue &event : inspected.value(u"history"_s).toArray())
        refreshes += event.toObject().value(u"kind"_s).toString() == u"refreshed" ? 1 : 0;
    QCOMPARE(refreshes, 4);
    QCOMPARE(authdesk({u"refresh"_s, u"busy"_s}).exitCode, 0); // the grant is still alive
}

void tst_ConnectionCommands::newcomerFlow()
{
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::basicClient());
    Run configure = authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"clientId="_s + client.id, u"--set"_s,
        u"clientSecret="_s + client.secret});
    QVERIFY2(configure.exitCode == 0, qPrintable(configure.err));
    QVERIFY(!configure.out.contains(client.secret)); // shown masked

    Run connect = authdesk({u"connect"_s, u"oidc-basic"_s, u"--name"_s, u"work"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
    QCOMPARE(connect.out.trimmed(), u"work"_s);
    QVERIFY(connect.err.contains(u"redirect_uri=http%3A%2F%2F127.0.0.1%3A"_s)); // the URL to copy, loopback literal

    Run list = authdesk({u"connections"_s, u"--json"_s});
    QCOMPARE(list.exitCode, 0);
    const QJsonArray connections = QJsonDocument::fromJson(list.out.toUtf8()).array();
    QCOMPARE(connections.size(), 1);
    const QJsonObject connection = connections.at(0).toObject();
    QCOMPARE(connection.value(u"name"_s).toString(), u"work"_s);
    QCOMPARE(connection.value(u"status"_s).toString(), u"Ready"_s);
    const QDateTime expiresAt = QDateTime::fromString(connection.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(expiresAt > QDateTime::currentDateTimeUtc().addSecs(200)); // the server's 300 s tokens

    // inspect masks unless --reveal; with it the credentials are the real ones.
    Run masked = authdesk({u"inspect"_s, u"work"_s, u"--json"_s});
    QCOMPARE(masked.exitCode, 0);
    const QJsonObject maskedCredentials = QJsonDocument::fromJson(masked.out.toUtf8()).object().value(u"credentials"_s).toObject();
    QCOMPARE(maskedCredentials.value(u"access_token"_s).toString(), u"[redacted]"_s);
    Run revealed = authdesk({u"inspect"_s, u"work"_s, u"--json"_s, u"--reveal"_s});
    const QJsonObject inspected = QJsonDocument::fromJson(revealed.out.toUtf8()).object();
    const QJsonObject credentials = inspected.value(u"credentials"_s).toObject();
    const QString accessToken = credentials.value(u"access_token"_s).toString();
    const QString refreshToken = credentials.value(u"refresh_token"_s).toString();
    QVERIFY(!accessToken.isEmpty() && !refreshToken.isEmpty());
    QCOMPARE(inspected.value(u"jwt"_s).toObject().value(u"id_token"_s).toObject().value(u"claims"_s).toObject().value(u"sub"_s).toString(), u"alice"_s);

    // `token` prints exactly the token, and it works at the API.
    Run token = authdesk({u"token"_s, u"work"_s});
    QCOMPARE(token.exitCode, 0);
    QCOMPARE(token.out, accessToken + u'\n');
    QCOMPARE(apiStatus(accessToken), 200);

    // The connector's test (rest-api-mapping) passes; `request` calls the API with the live token.
    Run test = authdesk({u"test"_s, u"work"_s});
    QVERIFY2(test.exitCode == 0, qPrintable(test.err));
    Run request = authdesk({u"request"_s, u"work"_s, u"GET"_s, u"/whoami"_s, u"--json"_s});
    QVERIFY2(request.exitCode == 0, qPrintable(request.err));
    const QJsonObject answer = QJsonDocument::fromJson(request.out.toUtf8()).object();
    QCOMPARE(answer.value(u"status"_s).toInt(), 200);
    QCOMPARE(answer.value(u"data"_s).toObject().value(u"sub"_s).toString(), u"alice"_s);
    QVERIFY(!request.out.contains(accessToken)); // the headers shown carry no token

    // refresh rotates the refresh token; the old one is then refused by the server.
    Run refresh = authdesk({u"refresh"_s, u"work"_s});
    QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.err));
    const QJsonObject afterRefresh = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"work"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8())
                                         .object().value(u"credentials"_s).toObject();
    const QString newAccessToken = afterRefresh.value(u"access_token"_s).toString();
    const QString newRefreshToken = afterRefresh.value(u"refresh_token"_s).toString();
    QVERIFY(newAccessToken != accessToken);
    QVERIFY(!newRefreshToken.isEmpty() && newRefreshToken != refreshToken);
    QCOMPARE(apiStatus(newAccessToken), 200);

    // No secret in any file of the home folder (profile, settings, caches).
    for (const QString &secret : {client.secret, accessToken, refreshToken, newAccessToken, newRefreshToken})
        QVERIFY2(filesContaining(secret).isEmpty(), qPrintable(filesContaining(secret).join(u", "_s)));

    // disconnect revokes at the provider: the token no longer works; the connection is gone.
    Run disconnect = authdesk({u"disconnect"_s, u"work"_s});
    QVERIFY2(disconnect.exitCode == 0, qPrintable(disconnect.err));
    QVERIFY(disconnect.err.contains(u"Revoked the refresh_token"_s));
    QCOMPARE(apiStatus(newAccessToken), 401);
    QCOMPARE(QJsonDocument::fromJson(authdesk({u"connections"_s, u"--json"_s}).out.toUtf8()).array().size(), 0);
    QCOMPARE(authdesk({u"token"_s, u"work"_s}).exitCode, 2);
}

void tst_ConnectionCommands::deniedConsentStoresNothing()
{
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::basicClient());
    QCOMPARE(authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"clientId="_s + client.id, u"--set"_s,
                 u"clientSecret="_s + client.secret}).exitCode, 0);
    QProcessEnvironment deny;
    deny.insert(u"AUTHDESK_TEST_CONSENT"_s, u"deny"_s);
    Run connect = authdesk({u"connect"_s, u"oidc-basic"_s, u"--timeout"_s, u"60"_s}, deny);
    QCOMPARE(connect.exitCode, 4); // design.md: denied, cancelled or timed out
    QVERIFY2(connect.err.contains(u"access_denied"_s), qPrintable(connect.err));
    QCOMPARE(QJsonDocument::fromJson(authdesk({u"connections"_s, u"--json"_s}).out.toUtf8()).array().size(), 0);
}

void tst_ConnectionCommands::unknownNamesAndUsage()
{
    QCOMPARE(authdesk({u"inspect"_s, u"nobody"_s}).exitCode, 2);
    QCOMPARE(authdesk({u"refresh"_s, u"nobody"_s}).exitCode, 2);
    QCOMPARE(authdesk({u"disconnect"_s, u"nobody"_s}).exitCode, 2);
    QCOMPARE(authdesk({u"connect"_s, u"no-such-connector"_s}).exitCode, 2);
    QCOMPARE(authdesk({u"connect"_s}).exitCode, 1);
    QCOMPARE(authdesk({u"connect"_s, u"oidc-basic"_s, u"--port"_s, u"99999"_s}).exitCode, 1);
    QCOMPARE(authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"novalue"_s}).exitCode, 1);
    const Run badProfile = authdesk({u"connections"_s, u"--profile"_s, u"../escape"_s});
    QCOMPARE(badProfile.exitCode, 1);
}

void tst_ConnectionCommands::noSecretServiceIsExitCode5()
{
    QProcessEnvironment noBus;
    noBus.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/authdesk-test-bus"_s);
    const Run configure = authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"clientSecret=s3cret-value"_s}, noBus);
    QCOMPARE(configure.exitCode, 5);
    QVERIFY2(!configure.err.isEmpty(), "no explanation was given");
    QVERIFY(filesContaining(u"s3cret-value"_s).isEmpty()); // never a plaintext fallback
}

QTEST_GUILESS_MAIN(tst_ConnectionCommands)
#include "tst_connectioncommands.moc"
