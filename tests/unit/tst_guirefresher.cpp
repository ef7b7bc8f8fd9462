#include "authorizationserver.h"
#include "desktopsession.h"
#include "guirefresher.h"
#include "mainwindow.h"
#include "testhome.h"
#include "trayicon.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"
#include "connection/profilerefresher.h"
#include "connection/profilerefresherhost.h"
#include "connection/refresherclient.h"
#include "connection/refreshrequest.h"
#include "connection/refreshscheduler.h"
#include "connection/refreshservice.h"
#include "store/profile.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::AuthorizationServer;
using Authdesk::Test::TestHome;

// The window owns refreshing for its profile (design.md decision 4): it hosts the daemon's refresher
// (ProfileRefresherHost) when nobody serves the profile, is a client when `authdesk daemon` (a real
// process) or another window does, and takes over when that one goes away. Against the real
// authorization server with 20-second tokens, the hosted refresher refreshes before expiry on its
// own, and the connections model shows it.
class tst_GuiRefresher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void hostsWhenNoDaemonRuns();
    void secondWindowIsAClientAndTakesOver();
    void clientWhileADaemonRunsThenTakesOver();
    void hostedRefresherRefreshesBeforeExpiry();
    void quitWaitsForTheRefreshInFlight();
    void sessionQuitReleasesTheProfile();
    void minimizedSessionLivesInTheTray();

private:
    // The connection "short" (20-second tokens from the real authorization server), made by
    // `authdesk connect` (the caller skips when AuthorizationServer::unavailableReason() says so).
    void connectShortLived();
    ProfileContext *openContext();
    QProcess *startAuthdesk(const QStringList &arguments);
    // `authdesk daemon`, once it serves.
    QProcess *startDaemon();
    // Who answers on the profile's socket: its pid, 0 when nobody.
    qint64 servingPid();
    QString profilesRoot() const { return m_home->profilesRoot(); }

    AuthorizationServer m_shortLivedServer; // 20-second access tokens
    QTemporaryDir m_connectors;
    std::unique_ptr<TestHome> m_home;
    QProcessEnvironment m_environment;
    QList<ProfileContext *> m_contexts;
    QList<QProcess *> m_processes;
};

void tst_GuiRefresher::initTestCase()
{
    QCoreApplication::setOrganizationName(u"AuthdeskTest"_s);
    QCoreApplication::setApplicationName(u"tst_guirefresher"_s);
    // Quitting is the session's business (as in main.cpp), not the last window's.
    QApplication::setQuitOnLastWindowClosed(false);
}

void tst_GuiRefresher::init()
{
    m_home = std::make_unique<TestHome>();
    QVERIFY(m_home->isValid());
    m_environment = m_home->processEnvironment(m_connectors.path());
    // This process's settings (window state, "told about closing") stay in the temporary home too.
    qputenv("XDG_CONFIG_HOME", m_home->filePath(u"config"_s).toUtf8());
}

void tst_GuiRefresher::cleanup()
{
    Authdesk::Test::killAndDelete(m_processes);
    qDeleteAll(m_contexts);
    m_contexts.clear();
}

ProfileContext *tst_GuiRefresher::openContext()
{
    const auto context = ProfileContext::open(u"default"_s, {m_connectors.path()}, nullptr, profilesRoot());
    if (!context) {
        qWarning().noquote() << context.error().message;
        return nullptr;
    }
    m_contexts.append(*context);
    return *context;
}

QProcess *tst_GuiRefresher::startAuthdesk(const QStringList &arguments)
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_environment);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(
        QStringLiteral(AUTHDESK_TEST_BINARY), QStringList {u"--connectors-dir"_s, m_connectors.path()} + arguments);
    m_processes.append(process);
    return process;
}

QProcess *tst_GuiRefresher::startDaemon()
{
    QProcess *daemon = startAuthdesk({u"daemon"_s});
    QByteArray log;
    QDeadlineTimer deadline(30000);
    while (!log.contains("serving profile") && daemon->state() != QProcess::NotRunning && !deadline.hasExpired()) {
        QTest::qWait(20);
        log += daemon->readAll();
    }
    return daemon;
}

qint64 tst_GuiRefresher::servingPid()
{
    const auto profile = Profile::named(u"default"_s, profilesRoot());
    RefresherClient client(profile->localSocketName());
    QSignalSpy finished(&client, &RefresherClient::finished);
    RefresherProtocol::Request ping;
    ping.op = RefresherProtocol::Op::Ping;
    client.send(ping);
    if (!finished.wait(20000) || !client.outcome())
        return 0;
    return client.outcome()->details.value(u"pid"_s).toInteger();
}

void tst_GuiRefresher::hostsWhenNoDaemonRuns()
{
    ProfileContext *context = openContext();
    QVERIFY(context);
    QCOMPARE(servingPid(), 0);
    GuiRefresher refresher(context);
    QSignalSpy roles(&refresher, &GuiRefresher::roleChanged);
    refresher.start();
    QCOMPARE(refresher.role(), GuiRefresher::Role::Hosting);
    QCOMPARE(roles.count(), 1);
    QVERIFY(refresher.host());
    QVERIFY(refresher.host()->scheduler()); // the daemon's scheduling, not just the socket
    // Commands of the profile find this process on the profile's socket.
    QCOMPARE(servingPid(), QCoreApplication::applicationPid());
    // `authdesk daemon` is refused while the window serves the profile.
    QProcess *daemon = startAuthdesk({u"daemon"_s});
    QVERIFY(daemon->waitForFinished(30000));
    QCOMPARE(daemon->exitCode(), 1);
    const QString said = QString::fromUtf8(daemon->readAll());
    QVERIFY2(said.contains(u"already running"_s) && said.contains(QString::number(QCoreApplication::applicationPid())),
        qPrintable(said));

    QSignalSpy stopped(&refresher, &GuiRefresher::stopped);
    refresher.stop();
    QVERIFY(stopped.wait(10000));
    QCOMPARE(refresher.role(), GuiRefresher::Role::Idle);
    QCOMPARE(servingPid(), 0);
}

void tst_GuiRefresher::secondWindowIsAClientAndTakesOver()
{
    ProfileContext *first = openContext();
    ProfileContext *second = openContext();
    QVERIFY(first && second);
    GuiRefresher hosting(first);
    hosting.start();
    QCOMPARE(hosting.role(), GuiRefresher::Role::Hosting);
    GuiRefresher client(second);
    client.setTakeOverInterval(std::chrono::milliseconds(200));
    client.start();
    QCOMPARE(client.role(), GuiRefresher::Role::Client);
    QVERIFY(!client.host());
    QVERIFY2(client.clientReason().contains(u"already running"_s), qPrintable(client.clientReason()));
    QTest::qWait(600); // a few take-over attempts while the first one still serves
    QCOMPARE(client.role(), GuiRefresher::Role::Client);

    // The first window quits: the second one becomes the profile's refresher.
    QSignalSpy stopped(&hosting, &GuiRefresher::stopped);
    hosting.stop();
    QVERIFY(stopped.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(client.role(), GuiRefresher::Role::Hosting, 10000);
    QVERIFY(client.host());
    QCOMPARE(servingPid(), QCoreApplication::applicationPid());
}

void tst_GuiRefresher::clientWhileADaemonRunsThenTakesOver()
{
#ifndef Q_OS_UNIX
    QSKIP("stops the daemon with SIGTERM");
#else
    QProcess *daemon = startDaemon();
    QCOMPARE(daemon->state(), QProcess::Running);
    QCOMPARE(servingPid(), daemon->processId());

    ProfileContext *context = openContext();
    QVERIFY(context);
    GuiRefresher refresher(context);
    refresher.setTakeOverInterval(std::chrono::milliseconds(200));
    refresher.start();
    QCOMPARE(refresher.role(), GuiRefresher::Role::Client);
    QVERIFY(refresher.clientReason().contains(QString::number(daemon->processId())));
    QCOMPARE(servingPid(), daemon->processId()); // the daemon still serves

    ::kill(pid_t(daemon->processId()), SIGTERM);
    QVERIFY(daemon->waitForFinished(30000));
    QCOMPARE(daemon->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(refresher.role(), GuiRefresher::Role::Hosting, 10000);
    QCOMPARE(servingPid(), QCoreApplication::applicationPid());
#endif
}

void tst_GuiRefresher::connectShortLived()
{
    if (!m_shortLivedServer.isReady()) {
        AuthorizationServer::Options shortLived;
        shortLived.accessTokenTtl = 20;
        QVERIFY2(m_shortLivedServer.startAndWait(shortLived), qPrintable(m_shortLivedServer.errorString()));
    }
    const QString issuer = m_shortLivedServer.issuer().toString();
    QVERIFY(QDir(m_connectors.path()).mkpath(u"oidc-short/auth"_s));
    const auto write = [this](const QString &path, const QString &text) {
        QFile file(m_connectors.filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    };
    write(u"oidc-short/spec.yml"_s,
        u"key: oidc-short\nname: OIDC test (short-lived tokens)\n"
        "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
        "  makeApiClient:\n    implementationType: mapping\n"_s);
    write(u"oidc-short/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nissuer: %1\nclientId: public-client\nscopes: [openid, offline_access]\n"_s
            .arg(issuer));
    write(u"oidc-short/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(
            issuer));
    m_environment.insert(u"AUTHDESK_BROWSER"_s, AuthorizationServer::browserCommandLine());

    QProcess *connect
        = startAuthdesk({u"connect"_s, u"oidc-short"_s, u"--name"_s, u"short"_s, u"--timeout"_s, u"60"_s});
    QVERIFY(connect->waitForFinished(90000));
    QVERIFY2(connect->exitCode() == 0, connect->readAll().constData());
}

void tst_GuiRefresher::hostedRefresherRefreshesBeforeExpiry()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    connectShortLived();
    if (QTest::currentTestFailed())
        return;
    ProfileContext *context = openContext();
    QVERIFY(context);
    const ConnectionRecord *before = context->index().find(u"short"_s);
    QVERIFY(before);
    const QDateTime firstExpiry = before->expiresAt;
    QVERIFY(firstExpiry.isValid());

    // What the window shows: its model over the same index.
    ConnectionListModel model(&context->index(), context->clock());
    GuiRefresher refresher(context);
    QSignalSpy refreshed(&refresher, &GuiRefresher::refreshFinished);
    refresher.start();
    QCOMPARE(refresher.role(), GuiRefresher::Role::Hosting);
    QVERIFY(refresher.host()->scheduler()->contains(u"short"_s));
    QVERIFY(refreshed.wait(40000));
    QCOMPARE(refreshed.first().at(0).toString(), u"short"_s);
    const auto outcome = refreshed.first().at(1).value<RefreshOutcome>();
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QVERIFY(outcome.refreshed);
    QVERIFY(outcome.expiresAt > firstExpiry);
    // Before the first token expired, and the model shows the new expiry.
    const int row = model.rowOf(u"short"_s);
    QVERIFY(row >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(row, 0).data(ConnectionListModel::LastRefreshSucceededRole).toBool(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        model.index(row, 0).data(ConnectionListModel::ExpiresAtRole).toDateTime(), outcome.expiresAt, 10000);
    const ConnectionRecord *after = context->index().find(u"short"_s);
    QVERIFY(after && after->lastRefresh.time < firstExpiry);

    QSignalSpy stopped(&refresher, &GuiRefresher::stopped);
    refresher.stop();
    QVERIFY(stopped.wait(40000));
}

// Quit with a refresh in flight (asked over the profile's socket, as the tray's Refresh now or a
// command does): the hosted refresher stops accepting at once but lets the refresh finish, then
// stops, as the daemon does on SIGTERM.
void tst_GuiRefresher::quitWaitsForTheRefreshInFlight()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    connectShortLived();
    if (QTest::currentTestFailed())
        return;
    ProfileContext *context = openContext();
    QVERIFY(context);
    GuiRefresher refresher(context);
    refresher.start();
    QCOMPARE(refresher.role(), GuiRefresher::Role::Hosting);
    // The test holds the profile's refresh lock, so the refresh waits inside RefreshJob.
    QLockFile lock(context->profile().lockFilePath());
    QVERIFY(lock.tryLock(0));
    ProfileContext *asking = openContext();
    QVERIFY(asking);
    ProfileRefresher client(asking);
    RefreshRequest *request = client.refresh(u"short"_s, true, Refresher::Want::Status);
    request->setAutoDelete(false);
    const std::unique_ptr<RefreshRequest> owned(request);
    QSignalSpy answered(request, &RefreshRequest::finished);
    QTRY_VERIFY_WITH_TIMEOUT(refresher.host()->service()->inFlight().contains(u"short"_s), 20000);

    QSignalSpy stopped(&refresher, &GuiRefresher::stopped);
    refresher.stop();
    QTest::qWait(1000);
    QCOMPARE(stopped.count(), 0); // still waiting for the refresh
    QCOMPARE(answered.count(), 0);
    QCOMPARE(servingPid(), 0); // but no longer taking requests
    lock.unlock();
    QVERIFY(answered.wait(60000));
    QVERIFY2(!request->outcome().error,
        qPrintable(request->outcome().error ? request->outcome().error->message : QString()));
    QVERIFY(request->outcome().refreshed);
    QVERIFY(request->outcome().servedBy.contains(QString::number(QCoreApplication::applicationPid())));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 20000);
    QCOMPARE(refresher.role(), GuiRefresher::Role::Idle);
}

// The desktop session: the window hosts the refresher; closing it without a tray quits, which
// stops the refresher and frees the profile for a daemon.
void tst_GuiRefresher::sessionQuitReleasesTheProfile()
{
    ProfileContext *context = openContext();
    QVERIFY(context);
    DesktopSession::Options options;
    options.tray = false;
    options.executable = u"/usr/bin/authdesk"_s;
    DesktopSession session(context, ConnectorSearchPath(), options);
    QSignalSpy finished(&session, &DesktopSession::finished);
    session.start();
    QVERIFY(QTest::qWaitForWindowExposed(session.window()));
    QCOMPARE(session.refresher()->role(), GuiRefresher::Role::Hosting);
    QCOMPARE(servingPid(), QCoreApplication::applicationPid());
    session.window()->close();
    QVERIFY(finished.wait(40000));
    QVERIFY(session.isQuitting());
    QCOMPARE(servingPid(), 0);
    QProcess *daemon = startDaemon();
    QCOMPARE(daemon->state(), QProcess::Running);
    QCOMPARE(servingPid(), daemon->processId());
}

// `authdesk --minimized` with a tray (faked: the offscreen platform has none): only the tray shows;
// closing the window keeps refreshing (told once); the tray's Quit stops and frees the profile.
void tst_GuiRefresher::minimizedSessionLivesInTheTray()
{
    ProfileContext *context = openContext();
    QVERIFY(context);
    DesktopSession::Options options;
    options.tray = true;
    options.minimized = true;
    options.executable = u"/usr/bin/authdesk"_s;
    DesktopSession session(context, ConnectorSearchPath(), options);
    QVERIFY(session.trayIcon());
    QList<TrayIcon::Notification> notifications;
    session.trayIcon()->setNotificationSink(
        [&notifications](const TrayIcon::Notification &notification) { notifications.append(notification); });
    QSignalSpy finished(&session, &DesktopSession::finished);
    session.start();
    QVERIFY(session.trayIcon()->isVisible());
    QVERIFY(!session.window()->isVisible());
    QCOMPARE(session.refresher()->role(), GuiRefresher::Role::Hosting);

    session.trayIcon()->showAction()->trigger();
    QVERIFY(QTest::qWaitForWindowExposed(session.window()));
    QVERIFY(!session.window()->close());
    QVERIFY(!session.window()->isVisible());
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(session.refresher()->role(), GuiRefresher::Role::Hosting); // still refreshing
    QCOMPARE(servingPid(), QCoreApplication::applicationPid());
    QCOMPARE(finished.count(), 0);

    session.trayIcon()->quitAction()->trigger();
    QVERIFY(finished.wait(40000));
    QVERIFY(!session.trayIcon()->isVisible());
    QCOMPARE(servingPid(), 0);
}

QTEST_MAIN(tst_GuiRefresher)
#include "tst_guirefresher.moc"
