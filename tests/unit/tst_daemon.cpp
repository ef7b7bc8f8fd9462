#include "authorizationserver.h"
#include "testhome.h"

#include "connection/refresherclient.h"
#include "store/profile.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Qt::StringLiterals;
using Authdesk::Profile;
using Authdesk::RefresherClient;
using Authdesk::Test::AuthorizationServer;
using Authdesk::Test::TestHome;
namespace RefresherProtocol = Authdesk::RefresherProtocol;

// `authdesk daemon` as a user runs it, against the real authorization server (oidc-provider on
// loopback, rotating refresh tokens that revoke the grant when reused) and the real Secret Service:
// commands refresh through it, it stops cleanly on SIGTERM after its refresh in flight, and after a
// kill -9 the commands manage alone (profile lock) and a new daemon takes over the stale socket.
class tst_Daemon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void concurrentRefreshesGoThroughTheDaemon();
    void sigtermWaitsForTheRefreshInFlight();
    void killedDaemonLeavesCommandsWorkingAndIsReplaced();
    void secondDaemonIsRefused();
    void refreshesBeforeExpiryOnItsOwn();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run authdesk(const QStringList &arguments);
    QProcess *startAuthdesk(const QStringList &arguments);
    // Starts `authdesk daemon` and waits for it to serve.
    QProcess *startDaemon();
    QString daemonLog(QProcess *daemon);
    void connectBusy();
    QString accessToken(const QString &name);
    int apiStatus(const QString &accessToken, const AuthorizationServer *server = nullptr);
    Profile profile() const;
    int refreshedEvents(const QString &name);

    AuthorizationServer m_server;
    AuthorizationServer m_shortLivedServer; // 20-second access tokens
    std::unique_ptr<TestHome> m_home;
    QTemporaryDir m_connectors;
    QProcessEnvironment m_environment;
    QList<QProcess *> m_daemons;
    QHash<QProcess *, QByteArray> m_daemonLogs;
};

void tst_Daemon::initTestCase()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QVERIFY2(m_server.startAndWait(), qPrintable(m_server.errorString()));
    const QString issuer = m_server.issuer().toString();
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
    write(u"oidc-basic/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nrevokeUri: %1/token/revocation\nissuer: %1\n"
        "clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: connectorParameters.clientSecret}\n"
        "clientAuthLocation: headers\nscopes: [openid, offline_access]\n"_s.arg(issuer));
    write(u"oidc-basic/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));

    // The same connector against a server whose access tokens live 20 seconds.
    AuthorizationServer::Options shortLived;
    shortLived.accessTokenTtl = 20;
    QVERIFY2(m_shortLivedServer.startAndWait(shortLived), qPrintable(m_shortLivedServer.errorString()));
    const QString shortIssuer = m_shortLivedServer.issuer().toString();
    QVERIFY(QDir(m_connectors.path()).mkpath(u"oidc-short/auth"_s));
    write(u"oidc-short/spec.yml"_s, u"key: oidc-short\nname: OIDC test (short-lived tokens)\n"
                                    "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
                                    "  makeApiClient:\n    implementationType: mapping\n"_s);
    write(u"oidc-short/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nissuer: %1\n"
        "clientId: public-client\nscopes: [openid, offline_access]\n"_s.arg(shortIssuer));
    write(u"oidc-short/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(shortIssuer));
}

void tst_Daemon::init()
{
    m_home = std::make_unique<TestHome>();
    QVERIFY(m_home->isValid());
    m_environment = m_home->processEnvironment(m_connectors.path());
    m_environment.insert(u"AUTHDESK_BROWSER"_s, AuthorizationServer::browserCommandLine());
}

void tst_Daemon::cleanup()
{
    Authdesk::Test::killAndDelete(m_daemons);
    m_daemonLogs.clear();
}

Profile tst_Daemon::profile() const
{
    return *Profile::named(u"default"_s, m_home->profilesRoot());
}

QProcess *tst_Daemon::startAuthdesk(const QStringList &arguments)
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_environment);
    process->start(QStringLiteral(AUTHDESK_TEST_BINARY), QStringList{u"--connectors-dir"_s, m_connectors.path()} + arguments);
    return process;
}

tst_Daemon::Run tst_Daemon::authdesk(const QStringList &arguments)
{
    std::unique_ptr<QProcess> process(startAuthdesk(arguments));
    if (!process->waitForFinished(90000)) {
        process->kill();
        process->waitForFinished();
        return {};
    }
    return {process->exitCode(), QString::fromUtf8(process->readAllStandardOutput()), QString::fromUtf8(process->readAllStandardError())};
}

QProcess *tst_Daemon::startDaemon()
{
    QProcess *daemon = startAuthdesk({u"daemon"_s});
    m_daemons.append(daemon);
    connect(daemon, &QProcess::readyReadStandardError, this, [this, daemon] { m_daemonLogs[daemon] += daemon->readAllStandardError(); });
    // Not QTRY_VERIFY: this returns a value; the callers check the daemon's state.
    QDeadlineTimer deadline(30000);
    while (!m_daemonLogs.value(daemon).contains("serving profile") && daemon->state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(20);
    return daemon;
}

QString tst_Daemon::daemonLog(QProcess *daemon)
{
    m_daemonLogs[daemon] += daemon->readAllStandardError();
    return QString::fromUtf8(m_daemonLogs.value(daemon));
}

void tst_Daemon::connectBusy()
{
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::basicClient());
    QCOMPARE(authdesk({u"configure"_s, u"oidc-basic"_s, u"--set"_s, u"clientId="_s + client.id, u"--set"_s,
                 u"clientSecret="_s + client.secret}).exitCode, 0);
    const Run connect = authdesk({u"connect"_s, u"oidc-basic"_s, u"--name"_s, u"busy"_s, u"--no-test"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
}

QString tst_Daemon::accessToken(const QString &name)
{
    const Run inspect = authdesk({u"inspect"_s, name, u"--json"_s, u"--reveal"_s});
    return QJsonDocument::fromJson(inspect.out.toUtf8()).object().value(u"credentials"_s).toObject().value(u"access_token"_s).toString();
}

int tst_Daemon::refreshedEvents(const QString &name)
{
    const Run inspect = authdesk({u"inspect"_s, name, u"--json"_s});
    int refreshes = 0;
    for (const QJsonValue &event : QJsonDocument::fromJson(inspect.out.toUtf8()).object().value(u"history"_s).toArray())
        refreshes += event.toObject().value(u"kind"_s).toString() == u"refreshed" ? 1 : 0;
    return refreshes;
}

int tst_Daemon::apiStatus(const QString &token, const AuthorizationServer *server)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl((server ? server : &m_server)->endpoint(u"api"_s)));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Five `authdesk refresh` processes at once, with the daemon: all are served by it, none reuses a
// rotated refresh token (the server would revoke the whole grant), the grant works afterwards.
void tst_Daemon::concurrentRefreshesGoThroughTheDaemon()
{
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    connectBusy(); // tells the daemon to reload
    QTRY_VERIFY_WITH_TIMEOUT(daemonLog(daemon).contains(u"reloaded connection \"busy\""_s), 20000);

    QList<QProcess *> refreshes;
    for (int i = 0; i < 5; ++i)
        refreshes.append(startAuthdesk({u"refresh"_s, u"busy"_s}));
    for (QProcess *process : std::as_const(refreshes)) {
        QVERIFY(process->waitForFinished(90000));
        QVERIFY2(process->exitCode() == 0, qPrintable(QString::fromUtf8(process->readAllStandardError())));
        QVERIFY(process->readAllStandardOutput().startsWith("Refreshed busy"));
    }
    qDeleteAll(refreshes);
    QTRY_COMPARE_WITH_TIMEOUT(daemonLog(daemon).count(u"served refresh of \"busy\""_s), 5, 20000);
    QVERIFY2(!daemonLog(daemon).contains(u"failed"_s), qPrintable(daemonLog(daemon)));
    const int refreshed = refreshedEvents(u"busy"_s);
    QVERIFY2(refreshed >= 1 && refreshed <= 5, qPrintable(QString::number(refreshed)));

    // The grant is alive: the stored access token works, and another refresh and `token` succeed.
    QCOMPARE(apiStatus(accessToken(u"busy"_s)), 200);
    const Run refresh = authdesk({u"refresh"_s, u"busy"_s});
    QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.err));
    const Run token = authdesk({u"token"_s, u"busy"_s});
    QCOMPARE(token.exitCode, 0);
    QCOMPARE(token.out.trimmed(), accessToken(u"busy"_s));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
    QTRY_VERIFY_WITH_TIMEOUT(daemonLog(daemon).contains(u"served token of \"busy\""_s), 10000);
    // `test` and `request` open their session through the daemon as well.
    QCOMPARE(authdesk({u"test"_s, u"busy"_s}).exitCode, 0);
    QCOMPARE(authdesk({u"request"_s, u"busy"_s, u"GET"_s, u"/whoami"_s}).exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(daemonLog(daemon).count(u"served token of \"busy\""_s) >= 3, 10000);
    // No secret in the daemon's log.
    QVERIFY(!daemonLog(daemon).contains(token.out.trimmed()));
    QVERIFY(!daemonLog(daemon).contains(m_server.client(AuthorizationServer::basicClient()).secret));
}

// SIGTERM while a refresh is in flight: the daemon stops accepting, the refresh completes (the
// command that asked for it succeeds), then the daemon exits 0.
void tst_Daemon::sigtermWaitsForTheRefreshInFlight()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGTERM is Unix");
#else
    connectBusy();
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    // The test holds the profile's refresh lock, so the daemon's refresh waits inside RefreshJob.
    QLockFile lock(profile().lockFilePath());
    QVERIFY(lock.tryLock(0));
    std::unique_ptr<QProcess> refresh(startAuthdesk({u"refresh"_s, u"busy"_s}));
    // Until the daemon says the refresh is in flight.
    bool inFlight = false;
    for (int attempt = 0; attempt < 200 && !inFlight; ++attempt) {
        RefresherClient client(profile().localSocketName());
        QSignalSpy finished(&client, &RefresherClient::finished);
        RefresherProtocol::Request status;
        status.op = RefresherProtocol::Op::Status;
        client.send(status);
        QVERIFY(finished.wait(20000));
        inFlight = client.outcome() && client.outcome()->details.value(u"inFlight"_s).toArray().contains(u"busy"_s);
        if (!inFlight)
            QTest::qWait(50);
    }
    QVERIFY(inFlight);
    ::kill(pid_t(daemon->processId()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(daemonLog(daemon).contains(u"SIGTERM: stopping; waiting for 1 refresh"_s), 20000);
    QCOMPARE(daemon->state(), QProcess::Running); // still waiting for the refresh
    lock.unlock();
    QVERIFY(refresh->waitForFinished(60000));
    const QString refreshStderr = QString::fromUtf8(refresh->readAllStandardError());
    QVERIFY2(refresh->exitCode() == 0, qPrintable(refreshStderr));
    QVERIFY(daemon->waitForFinished(60000));
    QCOMPARE(daemon->exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon->exitCode(), 0);
    QVERIFY2(daemonLog(daemon).contains(u"served refresh of \"busy\""_s), qPrintable(daemonLog(daemon)));
    QVERIFY(daemonLog(daemon).contains(u"stopped"_s));
    QVERIFY(!refreshStderr.contains(u"went away"_s)); // the daemon answered before it exited
    QCOMPARE(refreshedEvents(u"busy"_s), 1);
    QCOMPARE(apiStatus(accessToken(u"busy"_s)), 200);
#endif
}

// kill -9: the socket file stays behind. Commands notice nobody answers and refresh under the lock;
// a new daemon removes the stale socket and serves again.
void tst_Daemon::killedDaemonLeavesCommandsWorkingAndIsReplaced()
{
    connectBusy();
    QProcess *first = startDaemon();
    QVERIFY2(first->state() == QProcess::Running, qPrintable(daemonLog(first)));
    first->kill();
    QVERIFY(first->waitForFinished(10000));

    const Run refresh = authdesk({u"refresh"_s, u"busy"_s});
    QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.err));
    const Run token = authdesk({u"token"_s, u"busy"_s});
    QVERIFY2(token.exitCode == 0, qPrintable(token.err));
    QCOMPARE(token.out.trimmed(), accessToken(u"busy"_s));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
    QVERIFY(!daemonLog(first).contains(u"served"_s));

    QProcess *second = startDaemon();
    QVERIFY2(second->state() == QProcess::Running, qPrintable(daemonLog(second)));
    const Run again = authdesk({u"refresh"_s, u"busy"_s});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QTRY_VERIFY_WITH_TIMEOUT(daemonLog(second).contains(u"served refresh of \"busy\""_s), 10000);
    QCOMPARE(apiStatus(accessToken(u"busy"_s)), 200);
}

// Left alone, the daemon refreshes a connection before its access token expires (issue 5: the
// scheduler's lead is half of a 20-second lifetime here), and the new token works.
void tst_Daemon::refreshesBeforeExpiryOnItsOwn()
{
    const Run connect = authdesk({u"connect"_s, u"oidc-short"_s, u"--name"_s, u"short"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
    const QJsonObject before = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"short"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8()).object();
    const QDateTime firstExpiry = QDateTime::fromString(before.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
    const QString firstToken = before.value(u"credentials"_s).toObject().value(u"access_token"_s).toString();
    QVERIFY(firstExpiry.isValid());

    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    QTRY_VERIFY_WITH_TIMEOUT(refreshedEvents(u"short"_s) >= 1, 40000);
    QVERIFY2(daemonLog(daemon).contains(u"refreshing \"short\": its access token expires soon"_s), qPrintable(daemonLog(daemon)));

    const QJsonObject after = QJsonDocument::fromJson(authdesk({u"inspect"_s, u"short"_s, u"--json"_s, u"--reveal"_s}).out.toUtf8()).object();
    const QString newToken = after.value(u"credentials"_s).toObject().value(u"access_token"_s).toString();
    QVERIFY(newToken != firstToken);
    QCOMPARE(apiStatus(newToken, &m_shortLivedServer), 200);
    // The refresh happened before the first token expired.
    const QDateTime refreshedAt = QDateTime::fromString(after.value(u"lastRefresh"_s).toObject().value(u"time"_s).toString(), Qt::ISODateWithMs);
    QVERIFY2(refreshedAt.isValid() && refreshedAt < firstExpiry,
        qPrintable(refreshedAt.toString(Qt::ISODateWithMs) + u" vs "_s + firstExpiry.toString(Qt::ISODateWithMs)));
}

void tst_Daemon::secondDaemonIsRefused()
{
    QProcess *first = startDaemon();
    QVERIFY2(first->state() == QProcess::Running, qPrintable(daemonLog(first)));
    const Run second = authdesk({u"daemon"_s});
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(u"already running"_s) && second.err.contains(QString::number(first->processId())), qPrintable(second.err));
    QCOMPARE(first->state(), QProcess::Running);
    // Still serving.
    QCOMPARE(authdesk({u"connections"_s}).exitCode, 0);
    RefresherClient client(profile().localSocketName());
    QSignalSpy finished(&client, &RefresherClient::finished);
    RefresherProtocol::Request ping;
    ping.op = RefresherProtocol::Op::Ping;
    client.send(ping);
    QVERIFY(finished.wait(20000));
    QVERIFY(client.outcome());
    QCOMPARE(client.outcome()->details.value(u"pid"_s).toInteger(), first->processId());
}

QTEST_GUILESS_MAIN(tst_Daemon)
#include "tst_daemon.moc"
