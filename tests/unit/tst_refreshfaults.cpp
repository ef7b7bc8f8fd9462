#include "authorizationserver.h"
#include "testhome.h"

#include "store/connectionindex.h"
#include "store/connectionrecord.h"
#include "store/profile.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Qt::StringLiterals;
using Authdesk::ConnectionIndex;
using Authdesk::ConnectionRecord;
using Authdesk::Profile;
using Authdesk::Test::AuthorizationServer;
using Authdesk::Test::TestHome;

namespace {

// A TCP proxy in front of the authorization server's token endpoint, switched by the test between
// forwarding and the faults a refresher meets (issue 5): connections refused (nothing listens), 500
// answers, requests that are never answered, and answers that come after the client gave up (the
// server did receive the request, so it rotated the refresh token).
//
// Every request is read whole and answered on a connection of its own (the proxy closes it), so a
// mode change applies to the very next request, whichever process sends it.
class FaultProxy : public QObject
{
public:
    enum class Mode { Forward, Refuse, ServerError, Hang, Late };

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr)
        : QObject(parent)
        , m_upstreamPort(upstreamPort)
    {
        connect(&m_listener, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
    }

    bool start()
    {
        if (!m_listener.listen(QHostAddress::LocalHost, m_port))
            return false;
        m_port = m_listener.serverPort();
        return true;
    }

    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }

    void setMode(Mode mode)
    {
        m_mode = mode;
        if (mode == Mode::Refuse)
            m_listener.close(); // connection refused, as when the server is down
        else if (!m_listener.isListening())
            QVERIFY2(m_listener.listen(QHostAddress::LocalHost, m_port), qPrintable(m_listener.errorString()));
    }
    Mode mode() const { return m_mode; }
    // How long Late holds the server's answer back.
    void setLateDelay(std::chrono::milliseconds delay) { m_lateDelay = delay; }

    // Requests that arrived in `mode` (none can in Refuse).
    int count(Mode mode) const { return m_counts.value(mode); }
    int requestCount() const
    {
        int total = 0;
        for (const int count : m_counts)
            total += count;
        return total;
    }
    // The statuses the server gave to forwarded (and late) requests, in order.
    const QList<int> &serverStatuses() const { return m_serverStatuses; }

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void onData(QTcpSocket *socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        if (socket->property("taken").toBool())
            return; // one request per connection
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        qsizetype length = 0;
        if (headerEnd >= 0) {
            for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headerEnd < 0 || buffer.size() - headerEnd - 4 < length) {
            socket->setProperty("buffer", buffer);
            return;
        }
        socket->setProperty("taken", true);
        socket->setProperty("buffer", QByteArray());
        ++m_counts[m_mode];
        switch (m_mode) {
        case Mode::Forward:
        case Mode::Late:
            return forward(socket, buffer.left(headerEnd + 4 + length), m_mode == Mode::Late);
        case Mode::ServerError: {
            const QByteArray page = "<html><body><h1>500 Internal Server Error</h1></body></html>";
            socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: "
                + QByteArray::number(page.size()) + "\r\nConnection: close\r\n\r\n" + page);
            socket->disconnectFromHost();
            return;
        }
        case Mode::Hang:
        case Mode::Refuse: // a request accepted just before the listener closed: never answered either
            return;
        }
    }

    // To the server on a connection of its own (Connection: close), the answer back as it comes, or
    // held back (late) until the client has given up.
    void forward(QTcpSocket *client, const QByteArray &request, bool late)
    {
        const qsizetype headerEnd = request.indexOf("\r\n\r\n");
        QList<QByteArray> lines = request.left(headerEnd).split('\n');
        QByteArray rewritten = lines.takeFirst().trimmed() + "\r\n";
        for (const QByteArray &line : std::as_const(lines)) {
            const QByteArray lower = line.trimmed().toLower();
            if (!lower.startsWith("host:") && !lower.startsWith("connection:") && !lower.startsWith("keep-alive:"))
                rewritten += line.trimmed() + "\r\n";
        }
        rewritten += "Host: 127.0.0.1:" + QByteArray::number(m_upstreamPort) + "\r\nConnection: close\r\n\r\n";
        rewritten += request.mid(headerEnd + 4);

        auto *upstream = new QTcpSocket(this);
        const QPointer<QTcpSocket> target(client);
        auto answer = std::make_shared<QByteArray>();
        connect(upstream, &QTcpSocket::connected, this, [upstream, rewritten] { upstream->write(rewritten); });
        connect(upstream, &QTcpSocket::readyRead, this, [this, upstream, target, answer, late] {
            const QByteArray chunk = upstream->readAll();
            if (answer->isEmpty())
                m_serverStatuses.append(chunk.split(' ').value(1).toInt());
            *answer += chunk;
            if (!late && target)
                target->write(chunk);
        });
        connect(upstream, &QTcpSocket::disconnected, this, [this, upstream, target, answer, late] {
            upstream->deleteLater();
            if (!late) {
                if (target)
                    target->disconnectFromHost();
                return;
            }
            QTimer::singleShot(m_lateDelay, this, [target, answer] {
                if (target && target->state() == QAbstractSocket::ConnectedState) {
                    target->write(*answer);
                    target->disconnectFromHost();
                }
            });
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }

    QTcpServer m_listener;
    quint16 m_port = 0;
    quint16 m_upstreamPort;
    Mode m_mode = Mode::Forward;
    std::chrono::milliseconds m_lateDelay{std::chrono::seconds(5)};
    QHash<Mode, int> m_counts;
    QList<int> m_serverStatuses;
};

} // namespace

// The fault suite of the refresh machinery (issue 5, "Integration tests"): the real `authdesk`
// binary (daemon and commands, each run with a private HOME), the real authorization server
// (oidc-provider: 12-second access tokens, refresh tokens rotated on every refresh, reuse revokes the
// grant), the real Secret Service of the test session, and a FaultProxy in front of the token
// endpoint. Every fault must end in a connection that works again by itself, or one that says plainly
// why it needs the user; never one that is silently broken.
//
// The binary runs with AUTHDESK_REFRESH_TIMEOUT=3 (seconds the token endpoint may stay silent) and
// AUTHDESK_REFRESH_BACKOFF=1 (the first retry ceiling) so that timeouts and retries take seconds.
class tst_RefreshFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void daemonKeepsShortLivedTokensFresh();
    void tokenEndpointDownThenBack();
    void serverErrorsThenSuccess();
    void unansweredRequestTimesOutAndIsRetried();
    void lateAnswerEndsFlagged();
    void revokedGrantNeedsReconnect();
    void concurrentRefreshesWithoutTheDaemon();
    void concurrentRefreshesWithTheDaemon();
    void killedDaemonStormLeavesNoConnectionSilentlyBroken();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run authdesk(const QStringList &arguments);
    QProcess *startAuthdesk(const QStringList &arguments);
    // Starts `authdesk daemon`; waits until it serves unless `wait` is false.
    QProcess *startDaemon(bool wait = true);
    QString daemonLog(QProcess *daemon);
    void connectShort(const QString &name);
    Profile profile() const;
    // The connection as the index on disk says now (a default record when there is none).
    ConnectionRecord record(const QString &name);
    int eventCount(const QString &name, const QString &kind);
    QString accessToken(const QString &name);
    QJsonObject inspect(const QString &name, bool reveal = false);
    int apiStatus(const QString &accessToken);
    // Polls `condition` every 100 ms until it holds or `timeoutMs` passed; meanwhile notes every
    // status `name` goes through (m_statusesSeen).
    bool waitFor(const QString &name, const std::function<bool()> &condition, int timeoutMs);
    void revokeRefreshToken(const QString &refreshToken);
    // Ready, or Refreshing (the daemon may be in the middle of its next attempt when the test looks).
    static bool isUsable(const QString &status) { return status == u"Ready" || status == u"Refreshing"; }
    int tokenErrorsAtServer() const;

    AuthorizationServer m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<TestHome> m_home;
    QTemporaryDir m_connectors;
    QProcessEnvironment m_environment;
    QList<QProcess *> m_daemons;
    QHash<QProcess *, QByteArray> m_daemonLogs;
    QStringList m_statusesSeen;
};

void tst_RefreshFaults::initTestCase()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    AuthorizationServer::Options options;
    options.accessTokenTtl = 12;
    QVERIFY2(m_server.startAndWait(options), qPrintable(m_server.errorString()));
    m_proxy = std::make_unique<FaultProxy>(m_server.port());
    QVERIFY(m_proxy->start());

    // The public client, its token endpoint behind the proxy; authorization goes to the server itself.
    const QString issuer = m_server.issuer().toString();
    QVERIFY(QDir(m_connectors.path()).mkpath(u"oidc-faults/auth"_s));
    const auto write = [this](const QString &path, const QString &text) {
        QFile file(m_connectors.filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    };
    write(u"oidc-faults/spec.yml"_s, u"key: oidc-faults\nname: OIDC behind a faulty proxy\n"
                                     "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
                                     "  makeApiClient:\n    implementationType: mapping\n"_s);
    write(u"oidc-faults/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %2\nissuer: %1\nclientId: public-client\nscopes: [openid, offline_access]\n"_s.arg(
            issuer, m_proxy->url(u"/token"_s).toString()));
    write(u"oidc-faults/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));
}

void tst_RefreshFaults::init()
{
    QVERIFY(m_proxy);
    m_proxy->setMode(FaultProxy::Mode::Forward);
    m_statusesSeen.clear();
    m_home = std::make_unique<TestHome>();
    QVERIFY(m_home->isValid());
    m_environment = m_home->processEnvironment(m_connectors.path());
    m_environment.insert(u"AUTHDESK_BROWSER"_s, AuthorizationServer::browserCommandLine());
    m_environment.insert(u"AUTHDESK_REFRESH_TIMEOUT"_s, u"3"_s);
    m_environment.insert(u"AUTHDESK_REFRESH_BACKOFF"_s, u"1"_s);
}

void tst_RefreshFaults::cleanup()
{
    for (QProcess *daemon : std::as_const(m_daemons)) {
        if (daemon->state() != QProcess::NotRunning) {
            daemon->kill();
            daemon->waitForFinished(10000);
        }
        if (QTest::currentTestFailed())
            qInfo().noquote() << "daemon log:\n" << daemonLog(daemon);
        delete daemon;
    }
    m_daemons.clear();
    m_daemonLogs.clear();
    if (m_proxy)
        m_proxy->setMode(FaultProxy::Mode::Forward);
}

Profile tst_RefreshFaults::profile() const
{
    return *Profile::named(u"default"_s, m_home->profilesRoot());
}

QProcess *tst_RefreshFaults::startAuthdesk(const QStringList &arguments)
{
    auto *process = new QProcess;
    process->setProcessEnvironment(m_environment);
    process->start(QStringLiteral(AUTHDESK_TEST_BINARY), arguments);
    return process;
}

tst_RefreshFaults::Run tst_RefreshFaults::authdesk(const QStringList &arguments)
{
    std::unique_ptr<QProcess> process(startAuthdesk(arguments));
    // The event loop runs meanwhile: the proxy answers from this thread.
    QSignalSpy finished(process.get(), &QProcess::finished);
    if (!finished.wait(90000)) {
        process->kill();
        process->waitForFinished();
        return {};
    }
    return {process->exitCode(), QString::fromUtf8(process->readAllStandardOutput()), QString::fromUtf8(process->readAllStandardError())};
}

QProcess *tst_RefreshFaults::startDaemon(bool wait)
{
    QProcess *daemon = startAuthdesk({u"daemon"_s});
    m_daemons.append(daemon);
    connect(daemon, &QProcess::readyReadStandardError, this, [this, daemon] { m_daemonLogs[daemon] += daemon->readAllStandardError(); });
    QDeadlineTimer deadline(30000);
    while (wait && !m_daemonLogs.value(daemon).contains("serving profile") && daemon->state() != QProcess::NotRunning
        && !deadline.hasExpired())
        QTest::qWait(20);
    return daemon;
}

QString tst_RefreshFaults::daemonLog(QProcess *daemon)
{
    m_daemonLogs[daemon] += daemon->readAllStandardError();
    return QString::fromUtf8(m_daemonLogs.value(daemon));
}

void tst_RefreshFaults::connectShort(const QString &name)
{
    const Run connect = authdesk({u"connect"_s, u"oidc-faults"_s, u"--name"_s, name, u"--timeout"_s, u"60"_s});
    QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
}

ConnectionRecord tst_RefreshFaults::record(const QString &name)
{
    ConnectionIndex index(profile().connectionIndexPath());
    if (!index.load())
        return {};
    const ConnectionRecord *found = index.find(name);
    return found ? *found : ConnectionRecord();
}

int tst_RefreshFaults::eventCount(const QString &name, const QString &kind)
{
    const ConnectionRecord current = record(name);
    return int(std::count_if(current.history.cbegin(), current.history.cend(),
        [&kind](const ConnectionRecord::Event &event) { return event.kind == kind; }));
}

QJsonObject tst_RefreshFaults::inspect(const QString &name, bool reveal)
{
    QStringList arguments{u"inspect"_s, name, u"--json"_s};
    if (reveal)
        arguments.append(u"--reveal"_s);
    return QJsonDocument::fromJson(authdesk(arguments).out.toUtf8()).object();
}

QString tst_RefreshFaults::accessToken(const QString &name)
{
    return inspect(name, true).value(u"credentials"_s).toObject().value(u"access_token"_s).toString();
}

int tst_RefreshFaults::apiStatus(const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_server.endpoint(u"api"_s));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool tst_RefreshFaults::waitFor(const QString &name, const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        const QString status = record(name).status;
        if (!status.isEmpty() && (m_statusesSeen.isEmpty() || m_statusesSeen.last() != status))
            m_statusesSeen.append(status);
        if (condition())
            return true;
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
}

// RFC 7009 at the server itself (not through the proxy), as when the user withdraws consent.
void tst_RefreshFaults::revokeRefreshToken(const QString &refreshToken)
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_server.endpoint(u"revocation"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    const QByteArray form = "token=" + QUrl::toPercentEncoding(refreshToken) + "&token_type_hint=refresh_token&client_id="
        + QUrl::toPercentEncoding(AuthorizationServer::publicClient());
    QNetworkReply *reply = network.post(request, form);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
}

// Token requests the server refused (a reused refresh token is invalid_grant, 400).
int tst_RefreshFaults::tokenErrorsAtServer() const
{
    return int(std::count_if(m_proxy->serverStatuses().cbegin(), m_proxy->serverStatuses().cend(), [](int status) { return status >= 400; }));
}

// Before the faults: left alone, the daemon refreshes a 12-second token at half its life, cycle after
// cycle, so that it never expires (the spacing between refreshes must not exceed the lifetime).
void tst_RefreshFaults::daemonKeepsShortLivedTokensFresh()
{
    connectShort(u"fresh"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    QVERIFY2(waitFor(u"fresh"_s, [this] { return eventCount(u"fresh"_s, u"refreshed"_s) >= 1; }, 30000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord first = record(u"fresh"_s);
    QVERIFY2(waitFor(u"fresh"_s, [this] { return eventCount(u"fresh"_s, u"refreshed"_s) >= 2; }, 30000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord second = record(u"fresh"_s);
    QVERIFY2(second.lastRefresh.time < first.expiresAt,
        qPrintable(second.lastRefresh.time.toString(Qt::ISODateWithMs) + u" vs "_s + first.expiresAt.toString(Qt::ISODateWithMs)));
    QCOMPARE(apiStatus(accessToken(u"fresh"_s)), 200);
    QCOMPARE(eventCount(u"fresh"_s, u"refresh-failed"_s), 0);
}

// 1. The token endpoint goes down while the daemon refreshes, then comes back: the failure is
// transient (backoff, retry), the connection never needs the user, its history tells the story, and
// it works afterwards.
void tst_RefreshFaults::tokenEndpointDownThenBack()
{
    connectShort(u"flaky"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    m_proxy->setMode(FaultProxy::Mode::Refuse);

    QVERIFY2(waitFor(u"flaky"_s, [this] { return eventCount(u"flaky"_s, u"refresh-failed"_s) >= 2; }, 60000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord failing = record(u"flaky"_s);
    QVERIFY2(isUsable(failing.status), qPrintable(failing.status));
    QVERIFY(!failing.lastRefresh.succeeded);
    QVERIFY2(failing.lastRefresh.message.contains(u"will retry"_s), qPrintable(failing.lastRefresh.message));
    QVERIFY2(daemonLog(daemon).contains(u"refreshing \"flaky\" failed (will retry"_s), qPrintable(daemonLog(daemon)));

    const int refreshedBefore = eventCount(u"flaky"_s, u"refreshed"_s);
    m_proxy->setMode(FaultProxy::Mode::Forward);
    QVERIFY2(waitFor(u"flaky"_s, [&] { return eventCount(u"flaky"_s, u"refreshed"_s) > refreshedBefore; }, 60000),
        qPrintable(daemonLog(daemon)));
    QVERIFY2(!m_statusesSeen.contains(u"NeedsReconnect"_s), qPrintable(m_statusesSeen.join(u", "_s)));
    const ConnectionRecord recovered = record(u"flaky"_s);
    QVERIFY2(isUsable(recovered.status), qPrintable(recovered.status));
    QVERIFY(recovered.lastRefresh.succeeded);
    // The history says what happened, in order: failures, then the refresh that worked.
    QStringList kinds;
    for (const ConnectionRecord::Event &event : recovered.history)
        kinds.append(event.kind);
    QVERIFY2(kinds.lastIndexOf(u"refresh-failed"_s) < kinds.lastIndexOf(u"refreshed"_s), qPrintable(kinds.join(u", "_s)));

    const Run token = authdesk({u"token"_s, u"flaky"_s});
    QVERIFY2(token.exitCode == 0, qPrintable(token.err));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
    QCOMPARE(tokenErrorsAtServer(), 0);
}

// 2a. 500s for a while (the proxy answers, the server is never asked), then success. While the
// access token lasts, `authdesk token` still hands it out.
void tst_RefreshFaults::serverErrorsThenSuccess()
{
    connectShort(u"errors"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    m_proxy->setMode(FaultProxy::Mode::ServerError);
    const int errorsBefore = m_proxy->count(FaultProxy::Mode::ServerError);

    QVERIFY2(waitFor(u"errors"_s, [&] { return eventCount(u"errors"_s, u"refresh-failed"_s) >= 1; }, 60000), qPrintable(daemonLog(daemon)));
    // The stored token is still valid (the daemon refreshes at half its life): `token` prints it,
    // warning about the failed refresh. Checked only with a comfortable margin left.
    // (Unless it expired while the command ran: then it must say that.)
    const Run stillValid = authdesk({u"token"_s, u"errors"_s});
    if (stillValid.exitCode == 0) {
        QVERIFY2(stillValid.err.contains(u"still valid"_s), qPrintable(stillValid.err));
        QCOMPARE(stillValid.out.trimmed(), accessToken(u"errors"_s));
    } else {
        QVERIFY2(record(u"errors"_s).expiresAt <= QDateTime::currentDateTimeUtc(), qPrintable(stillValid.err));
        qInfo("the access token expired before `token` could hand it out");
    }
    // The daemon backs off: three failures in a row, each retry further away. (Each failure rewrites
    // the index, which the daemon reloads; that must not reset the backoff and retry at once.)
    QVERIFY2(waitFor(u"errors"_s, [&] { return daemonLog(daemon).contains(u"; 3 in a row)"_s); }, 60000), qPrintable(daemonLog(daemon)));
    QVERIFY(daemonLog(daemon).contains(u"; 2 in a row)"_s));
    QVERIFY(m_proxy->count(FaultProxy::Mode::ServerError) - errorsBefore >= 3);
    QVERIFY(record(u"errors"_s).lastRefresh.message.contains(u"500"_s));

    const int refreshedBefore = eventCount(u"errors"_s, u"refreshed"_s);
    m_proxy->setMode(FaultProxy::Mode::Forward);
    QVERIFY2(waitFor(u"errors"_s, [&] { return eventCount(u"errors"_s, u"refreshed"_s) > refreshedBefore; }, 60000),
        qPrintable(daemonLog(daemon)));
    QVERIFY2(!m_statusesSeen.contains(u"NeedsReconnect"_s), qPrintable(m_statusesSeen.join(u", "_s)));
    QVERIFY2(isUsable(record(u"errors"_s).status), qPrintable(record(u"errors"_s).status));
    const Run token = authdesk({u"token"_s, u"errors"_s});
    QVERIFY2(token.exitCode == 0, qPrintable(token.err));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
    QCOMPARE(tokenErrorsAtServer(), 0);
}

// 2b. A token endpoint that takes the request and never answers: the refresh gives up after the
// timeout (AUTHDESK_REFRESH_TIMEOUT, 3 s here), counts as transient, and a retry succeeds.
void tst_RefreshFaults::unansweredRequestTimesOutAndIsRetried()
{
    connectShort(u"silent"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    m_proxy->setMode(FaultProxy::Mode::Hang);
    QVERIFY2(waitFor(u"silent"_s, [&] { return eventCount(u"silent"_s, u"refresh-failed"_s) >= 1; }, 60000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord failing = record(u"silent"_s);
    QVERIFY2(failing.lastRefresh.message.contains(u"did not answer"_s), qPrintable(failing.lastRefresh.message));
    QVERIFY2(isUsable(failing.status), qPrintable(failing.status));

    const int refreshedBefore = eventCount(u"silent"_s, u"refreshed"_s);
    m_proxy->setMode(FaultProxy::Mode::Forward);
    QVERIFY2(waitFor(u"silent"_s, [&] { return eventCount(u"silent"_s, u"refreshed"_s) > refreshedBefore; }, 60000),
        qPrintable(daemonLog(daemon)));
    QVERIFY2(!m_statusesSeen.contains(u"NeedsReconnect"_s), qPrintable(m_statusesSeen.join(u", "_s)));
    const Run token = authdesk({u"token"_s, u"silent"_s});
    QVERIFY2(token.exitCode == 0, qPrintable(token.err));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
}

// 2c. The server answers, but after the client gave up: it has rotated the refresh token, and the
// old one that Authdesk still holds is refused (oidc-provider then revokes the grant). Nothing can
// save the connection; it must end NeedsReconnect saying why, not "Ready" with a dead grant.
void tst_RefreshFaults::lateAnswerEndsFlagged()
{
    connectShort(u"late"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    m_proxy->setLateDelay(std::chrono::seconds(5));
    m_proxy->setMode(FaultProxy::Mode::Late);
    QVERIFY2(waitFor(u"late"_s, [&] { return m_proxy->count(FaultProxy::Mode::Late) >= 1; }, 60000), qPrintable(daemonLog(daemon)));
    QVERIFY2(waitFor(u"late"_s, [&] { return eventCount(u"late"_s, u"refresh-failed"_s) >= 1; }, 60000), qPrintable(daemonLog(daemon)));
    m_proxy->setMode(FaultProxy::Mode::Forward);

    QVERIFY2(waitFor(u"late"_s, [&] { return record(u"late"_s).status == u"NeedsReconnect"; }, 60000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord flagged = record(u"late"_s);
    QVERIFY2(flagged.lastRefresh.message.contains(u"Reconnect"_s), qPrintable(flagged.lastRefresh.message));
    // The likely cause is named: the earlier refresh that got no answer in time.
    QVERIFY2(flagged.lastRefresh.message.contains(u"no answer"_s), qPrintable(flagged.lastRefresh.message));
    // The server revoked the grant when the old refresh token came back: the stored access token is
    // dead too, and `token` says so instead of handing it out.
    QCOMPARE(apiStatus(accessToken(u"late"_s)), 401);
    const Run token = authdesk({u"token"_s, u"late"_s});
    QVERIFY(token.exitCode != 0);
    QVERIFY(token.out.trimmed().isEmpty());
    QVERIFY2(token.err.contains(u"reconnect"_s) && token.err.contains(u"no answer"_s), qPrintable(token.err));
}

// 3. The grant revoked at the server (RFC 7009 on the refresh token): the daemon's next refresh ends
// in NeedsReconnect with the plain-language explanation; the credentials stay for inspection but are
// never sent again; `authdesk token` fails with the explanation (the access token died with the grant).
void tst_RefreshFaults::revokedGrantNeedsReconnect()
{
    connectShort(u"revoked"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    const QString refreshToken = inspect(u"revoked"_s, true).value(u"credentials"_s).toObject().value(u"refresh_token"_s).toString();
    QVERIFY(!refreshToken.isEmpty());
    revokeRefreshToken(refreshToken);

    QVERIFY2(waitFor(u"revoked"_s, [&] { return record(u"revoked"_s).status == u"NeedsReconnect"; }, 60000), qPrintable(daemonLog(daemon)));
    const ConnectionRecord flagged = record(u"revoked"_s);
    QVERIFY2(flagged.lastRefresh.message.contains(u"no longer accepts this connection's refresh token"_s), qPrintable(flagged.lastRefresh.message));
    QVERIFY(flagged.lastRefresh.message.contains(u"Reconnect"_s));
    QCOMPARE(flagged.history.last().kind, u"refresh-failed"_s);
    // Kept for inspection.
    const QJsonObject inspected = inspect(u"revoked"_s);
    QCOMPARE(inspected.value(u"status"_s).toString(), u"NeedsReconnect"_s);
    QVERIFY(inspected.value(u"credentials"_s).toObject().contains(u"refresh_token"_s));
    QVERIFY(inspected.value(u"credentials"_s).toObject().contains(u"access_token"_s));

    // The access token went with the grant. `token` says why there is none; neither it nor `refresh`
    // sends the refused refresh token again.
    QCOMPARE(apiStatus(inspect(u"revoked"_s, true).value(u"credentials"_s).toObject().value(u"access_token"_s).toString()), 401);
    const int requests = m_proxy->requestCount();
    const Run token = authdesk({u"token"_s, u"revoked"_s});
    QVERIFY(token.exitCode != 0);
    QVERIFY(token.out.trimmed().isEmpty());
    QVERIFY2(token.err.contains(u"no longer accepts this connection's refresh token"_s), qPrintable(token.err));
    QVERIFY2(token.err.contains(u"Reconnect"_s), qPrintable(token.err));
    const Run refresh = authdesk({u"refresh"_s, u"revoked"_s});
    QVERIFY(refresh.exitCode != 0);
    QVERIFY2(refresh.err.contains(u"Reconnect"_s), qPrintable(refresh.err));
    daemon->kill(); // and without the daemon, the same
    QVERIFY(daemon->waitForFinished(10000));
    const Run alone = authdesk({u"token"_s, u"revoked"_s});
    QVERIFY(alone.exitCode != 0);
    QVERIFY2(alone.err.contains(u"no longer accepts this connection's refresh token"_s), qPrintable(alone.err));
    QCOMPARE(m_proxy->requestCount(), requests);
    QCOMPARE(record(u"revoked"_s).status, u"NeedsReconnect"_s);
}

// 4a. Five `authdesk refresh` at once without a daemon: they take turns under the profile lock and
// re-read the stored refresh token, so the server never sees a rotated one again.
void tst_RefreshFaults::concurrentRefreshesWithoutTheDaemon()
{
    connectShort(u"busy"_s);
    const int errorsBefore = tokenErrorsAtServer();
    const int requestsBefore = m_proxy->requestCount();
    QList<QProcess *> refreshes;
    for (int i = 0; i < 5; ++i)
        refreshes.append(startAuthdesk({u"refresh"_s, u"busy"_s}));
    for (QProcess *process : std::as_const(refreshes)) {
        QSignalSpy finished(process, &QProcess::finished);
        QVERIFY(process->state() == QProcess::NotRunning || finished.wait(90000));
        QVERIFY2(process->exitCode() == 0, qPrintable(QString::fromUtf8(process->readAllStandardError())));
    }
    qDeleteAll(refreshes);
    QCOMPARE(m_proxy->requestCount() - requestsBefore, 5); // each forced refresh went to the server
    QCOMPARE(tokenErrorsAtServer(), errorsBefore);
    QCOMPARE(eventCount(u"busy"_s, u"refreshed"_s), 5);
    // The grant is alive.
    QCOMPARE(authdesk({u"refresh"_s, u"busy"_s}).exitCode, 0);
    QCOMPARE(apiStatus(accessToken(u"busy"_s)), 200);
    QCOMPARE(tokenErrorsAtServer(), errorsBefore);
}

// 4b. The same with the daemon: it serves all five (coalescing what arrives together), no reuse.
void tst_RefreshFaults::concurrentRefreshesWithTheDaemon()
{
    connectShort(u"busy"_s);
    QProcess *daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));
    const int errorsBefore = tokenErrorsAtServer();
    QList<QProcess *> refreshes;
    for (int i = 0; i < 5; ++i)
        refreshes.append(startAuthdesk({u"refresh"_s, u"busy"_s}));
    for (QProcess *process : std::as_const(refreshes)) {
        QSignalSpy finished(process, &QProcess::finished);
        QVERIFY(process->state() == QProcess::NotRunning || finished.wait(90000));
        QVERIFY2(process->exitCode() == 0, qPrintable(QString::fromUtf8(process->readAllStandardError())));
    }
    qDeleteAll(refreshes);
    QTRY_COMPARE_WITH_TIMEOUT(daemonLog(daemon).count(u"served refresh of \"busy\""_s), 5, 20000);
    QCOMPARE(tokenErrorsAtServer(), errorsBefore);
    const Run token = authdesk({u"token"_s, u"busy"_s});
    QVERIFY2(token.exitCode == 0, qPrintable(token.err));
    QCOMPARE(apiStatus(token.out.trimmed()), 200);
    QCOMPARE(authdesk({u"refresh"_s, u"busy"_s}).exitCode, 0);
    QCOMPARE(apiStatus(accessToken(u"busy"_s)), 200);
    QCOMPARE(tokenErrorsAtServer(), errorsBefore);
}

// 5. kill -9 of the daemon at random moments during 50 refresh cycles of two connections (driven by
// `authdesk refresh`, while the daemon also refreshes the 12-second tokens on its own), the daemon
// restarted at random moments too. Afterwards every connection is usable (a refresh works and the API
// takes the new token) or clearly flagged (NeedsReconnect, or a refresh-unconfirmed event); never
// silently broken.
void tst_RefreshFaults::killedDaemonStormLeavesNoConnectionSilentlyBroken()
{
#ifndef Q_OS_UNIX
    QSKIP("kill -9 is Unix");
#else
    const QStringList names{u"alpha"_s, u"beta"_s};
    for (const QString &name : names)
        connectShort(name);
    const quint32 seed = qEnvironmentVariableIsSet("AUTHDESK_TEST_SEED") ? quint32(qEnvironmentVariableIntValue("AUTHDESK_TEST_SEED"))
                                                                         : QRandomGenerator::global()->generate();
    qInfo() << "storm seed (AUTHDESK_TEST_SEED):" << seed;
    QRandomGenerator random(seed);

    QProcess *daemon = startDaemon();
    int kills = 0;
    int failedCommands = 0;
    for (int cycle = 0; cycle < 50; ++cycle) {
        std::unique_ptr<QProcess> refresh(startAuthdesk({u"refresh"_s, names.at(cycle % 2)}));
        if (daemon && random.bounded(3) == 0) {
            QTest::qWait(int(random.bounded(600)));
            // Never kill(0, ...): that is the whole process group, this test included.
            if (daemon->waitForStarted(10000) && daemon->processId() > 0)
                ::kill(pid_t(daemon->processId()), SIGKILL);
            QVERIFY(daemon->waitForFinished(10000));
            daemon = nullptr;
            ++kills;
        }
        if (!daemon && random.bounded(2) == 0) {
            QTest::qWait(int(random.bounded(300)));
            daemon = startDaemon(false);
        }
        QSignalSpy finished(refresh.get(), &QProcess::finished);
        QVERIFY(refresh->state() == QProcess::NotRunning || finished.wait(90000));
        if (refresh->exitCode() != 0) {
            ++failedCommands;
            qInfo().noquote() << u"cycle %1: authdesk refresh %2 failed: %3"_s.arg(cycle).arg(names.at(cycle % 2),
                QString::fromUtf8(refresh->readAllStandardError()).trimmed());
        }
        if (daemon && daemon->state() == QProcess::NotRunning)
            daemon = nullptr; // it refused to start (another one was still starting): start another later
    }
    qInfo() << "kills:" << kills << "failed commands:" << failedCommands;
    // Every daemon of the storm is gone before the last one starts (one started just before the loop
    // ended may still be running or starting).
    for (QProcess *started : std::as_const(m_daemons)) {
        if (started->state() != QProcess::NotRunning) {
            if (started->waitForStarted(10000) && started->processId() > 0)
                ::kill(pid_t(started->processId()), SIGKILL);
            QVERIFY(started->waitForFinished(10000));
        }
    }
    daemon = nullptr;
    // A daemon that starts now reports what the killed ones left unfinished.
    daemon = startDaemon();
    QVERIFY2(daemon->state() == QProcess::Running, qPrintable(daemonLog(daemon)));

    for (const QString &name : names) {
        const Run refresh = authdesk({u"refresh"_s, name});
        const ConnectionRecord after = record(name);
        const bool flagged = after.status == u"NeedsReconnect" || eventCount(name, u"refresh-unconfirmed"_s) > 0;
        if (refresh.exitCode == 0) {
            const Run token = authdesk({u"token"_s, name});
            QVERIFY2(token.exitCode == 0, qPrintable(token.err));
            // Usable means usable: a token that `token` hands out works.
            QCOMPARE(apiStatus(token.out.trimmed()), 200);
        } else {
            QVERIFY2(flagged, qPrintable(u"%1 is broken but not flagged: %2; status %3"_s.arg(name, refresh.err, after.status)));
            QVERIFY2(refresh.err.contains(u"Reconnect"_s) || refresh.err.contains(u"reconnect"_s), qPrintable(refresh.err));
        }
        qInfo().noquote() << u"%1: %2, status %3, %4 refreshed, %5 unconfirmed"_s.arg(name,
            refresh.exitCode == 0 ? u"usable"_s : u"flagged"_s, after.status)
                                 .arg(eventCount(name, u"refreshed"_s))
                                 .arg(eventCount(name, u"refresh-unconfirmed"_s));
    }
#endif
}

QTEST_GUILESS_MAIN(tst_RefreshFaults)
#include "tst_refreshfaults.moc"
