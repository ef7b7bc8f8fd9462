#include "connectorfixture.h"
#include "localhttpserver.h"

#include "connection/linebuffer.h"
#include "connection/profilecontext.h"
#include "connection/refresherclient.h"
#include "connection/refresherjournal.h"
#include "connection/refresherprotocol.h"
#include "connection/refresherserver.h"
#include "connection/refreshrequest.h"
#include "connection/refreshservice.h"
#include "oauth/formencoding.h"
#include "store/connectionindex.h"
#include "store/secretstore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef QT_DBUS_LIB
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#endif

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#endif

#include <cstring>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::RefresherProtocol;
using Authdesk::Test::ConnectorFixture;
using Authdesk::Test::LocalHttpServer;

// The profile's refresher in one process: RefresherServer + RefreshService answering RefresherClient
// and raw sockets, refreshing a real connection (keychain of the test session, connection index,
// RefreshJob under the profile lock) against a local token endpoint that rotates refresh tokens and
// counts what it was sent.
class tst_RefresherProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void lineBuffer();
    void protocolRoundTrip();
    void pingAndStatus();
    void refreshAndToken();
    void concurrentRequestsShareOneRefresh();
    void forcedRequestJoiningAnUnforcedOneGetsItsOwnRefresh();
    void garbageAndPartialLines();
    void randomBytesDoNotHurtTheServer();
    void oversizedLineClosesTheConnection();
    void disconnectingClientDoesNotStopItsRefresh();
    void secondServerIsRefused();
    void staleSocketIsReplaced();
    void clientNotRunningAndTimeout();
    void unsavedCredentialsAreKeptServedAndStored();
    void leftoversAreReportedAtStart();

public:
    // The token endpoint: accepts exactly the current refresh token, rotates it on every use.
    LocalHttpServer::Response tokenEndpoint(const LocalHttpServer::Request &request);
    int tokenRequests() const { return int(m_http->requests().size()); }

private:
    void addConnection(const QDateTime &expiresAt);
    void startServer();
    Reply ask(const Request &request);
    RefresherClient::Outcome send(const QString &serverName, const Request &request, std::chrono::milliseconds timeout);
    QJsonObject storedCredentials();
    static QList<QJsonObject> replies(const QByteArray &received);
    static Request request(Op op, const QString &name = {}, bool force = false);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<ConnectorFixture> m_connectors;
    std::unique_ptr<LocalHttpServer> m_http;
    ProfileContext *m_context = nullptr;
    RefreshService *m_service = nullptr;
    RefresherServer *m_server = nullptr;
    QString m_connectionId;
    int m_generation = 0; // rt-<n> is the refresh token the endpoint accepts
    std::function<void()> m_duringRefresh; // runs inside the token endpoint, before it answers
};

LocalHttpServer::Response tst_RefresherProtocol::tokenEndpoint(const LocalHttpServer::Request &request)
{
    const FormEncoding::Fields fields = FormEncoding::decode(request.body);
    QString refreshToken;
    for (const auto &field : fields) {
        if (field.first == u"refresh_token")
            refreshToken = field.second;
    }
    if (refreshToken != u"rt-%1"_s.arg(m_generation))
        return {400, {{"Content-Type", "application/json"}}, R"({"error":"invalid_grant"})"};
    if (m_duringRefresh)
        m_duringRefresh();
    ++m_generation;
    const QJsonObject body{{u"access_token"_s, u"at-%1"_s.arg(m_generation)}, {u"refresh_token"_s, u"rt-%1"_s.arg(m_generation)},
        {u"token_type"_s, u"Bearer"_s}, {u"expires_in"_s, 3600}};
    return {200, {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

Request tst_RefresherProtocol::request(Op op, const QString &name, bool force)
{
    Request made;
    made.op = op;
    made.name = name;
    made.force = force;
    return made;
}

void tst_RefresherProtocol::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_generation = 0;
    m_duringRefresh = nullptr;
    m_http = std::make_unique<LocalHttpServer>([this](const LocalHttpServer::Request &request) { return tokenEndpoint(request); });
    m_connectors = std::make_unique<ConnectorFixture>();
    m_connectors->addConnector(u"quirk"_s,
        {{u"spec.yml"_s, "key: quirk\nname: Quirk\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
                         "  makeApiClient:\n    implementationType: mapping\n"},
            {u"auth/get-oauth-config.map.yml"_s,
                "clientId: client-1\nclientSecret: not-a-real-secret\nauthorizeUri: https://auth.example.test/authorize\n"
                "tokenUri: "
                    + m_http->url(u"/token"_s).toString().toUtf8() + "\nscopes: [read]\n"},
            {u"auth/make-api-client.map.yml"_s, "baseUri: https://api.example.test\n"}});
    const auto opened = ProfileContext::open(u"default"_s, {m_connectors->root()}, this, m_root->path());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_context = *opened;
    RefreshService::Settings settings;
    settings.lockFilePath = m_context->profile().lockFilePath();
    settings.journalPath = m_context->profile().dataDir() + u"/refresher-journal.json"_s;
    settings.firstWriteRetry = std::chrono::milliseconds(200);
    settings.maximumWriteRetry = std::chrono::milliseconds(500);
    m_service = new RefreshService(m_context, settings, m_context);
}

void tst_RefresherProtocol::cleanup()
{
    delete m_server;
    m_server = nullptr;
    delete m_context; // the service with it
    m_context = nullptr;
    m_service = nullptr;
    m_http.reset();
}

void tst_RefresherProtocol::addConnection(const QDateTime &expiresAt)
{
    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"quirk"_s;
    record.status = u"Ready"_s;
    record.obtainedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    record.expiresAt = expiresAt;
    const auto added = m_context->index().add(record);
    QVERIFY2(added, added ? "" : qPrintable(added.error().message));
    m_connectionId = added->id;
    SecretJob *write = m_context->secrets()->write(SecretStore::Kind::ConnectionCredentials, m_connectionId,
        {{u"access_token"_s, u"at-0"_s}, {u"refresh_token"_s, u"rt-0"_s}, {u"token_type"_s, u"Bearer"_s}});
    write->setAutoDelete(false);
    QSignalSpy written(write, &SecretJob::finished);
    write->start();
    QVERIFY(written.wait(20000));
    const bool stored = bool(write->outcome());
    const QString problem = stored ? QString() : write->outcome().error().message;
    delete write;
    QVERIFY2(stored, qPrintable(problem));
}

void tst_RefresherProtocol::startServer()
{
    m_server = new RefresherServer(m_context->profile(), m_service);
    const auto listening = m_server->listen();
    QVERIFY2(listening, listening ? "" : qPrintable(listening.error().message));
}

RefresherClient::Outcome tst_RefresherProtocol::send(const QString &serverName, const Request &message, std::chrono::milliseconds timeout)
{
    RefresherClient client(serverName);
    client.setTimeout(timeout);
    QSignalSpy finished(&client, &RefresherClient::finished);
    client.send(message);
    if (!finished.wait(60000))
        return RefresherClient::ClientError{RefresherClient::Failure::Timeout, u"the test gave up"_s};
    return client.outcome();
}

Reply tst_RefresherProtocol::ask(const Request &message)
{
    const auto outcome = send(m_server->serverName(), message, std::chrono::seconds(60));
    if (!outcome) {
        qWarning("client failure: %s", qPrintable(outcome.error().message));
        return Reply::failure(u"test"_s, outcome.error().message);
    }
    return *outcome;
}

QJsonObject tst_RefresherProtocol::storedCredentials()
{
    SecretJob *read = m_context->secrets()->read(SecretStore::Kind::ConnectionCredentials, m_connectionId);
    read->setAutoDelete(false);
    QSignalSpy finished(read, &SecretJob::finished);
    read->start();
    if (!finished.wait(20000))
        return {};
    const QJsonObject value = read->outcome() ? *read->outcome() : QJsonObject();
    delete read;
    return value;
}

QList<QJsonObject> tst_RefresherProtocol::replies(const QByteArray &received)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : received.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

void tst_RefresherProtocol::lineBuffer()
{
    LineBuffer lines(8);
    QCOMPARE(lines.append("ab"), QList<QByteArray>());
    QCOMPARE(lines.append("c\r\nde\nf"), (QList<QByteArray>{"abc", "de"}));
    QCOMPARE(lines.pending(), 1);
    QCOMPARE(lines.append("\n\n"), (QList<QByteArray>{"f", ""}));
    QVERIFY(!lines.overflowed());
    QCOMPARE(lines.append("123456789"), QList<QByteArray>()); // 9 bytes without a newline: too long
    QVERIFY(lines.overflowed());
    QCOMPARE(lines.append("\nok\n"), QList<QByteArray>()); // nothing after an overflow
    LineBuffer complete(4);
    QCOMPARE(complete.append("12345\n"), QList<QByteArray>());
    QVERIFY(complete.overflowed());
}

void tst_RefresherProtocol::protocolRoundTrip()
{
    Request token = request(Op::Token, u"work"_s, true);
    token.id = 42;
    const QByteArray line = encodeRequest(token);
    QVERIFY(line.endsWith('\n'));
    const auto parsed = parseRequest(line.chopped(1));
    QVERIFY(parsed);
    QCOMPARE(parsed->op, Op::Token);
    QCOMPARE(parsed->name, u"work"_s);
    QVERIFY(parsed->force);
    QCOMPARE(parsed->id.toInt(), 42);
    // force defaults: refresh forces, token does not.
    QVERIFY(parseRequest(R"({"v":1,"op":"refresh","name":"a"})")->force);
    QVERIFY(!parseRequest(R"({"v":1,"op":"token","name":"a"})")->force);

    Reply reply;
    reply.id = u"x"_s;
    reply.ok = false;
    Error refused(ErrorCode::Provider, u"refused"_s);
    refused.providerError = u"invalid_grant"_s;
    reply.error = ReplyError::fromError(refused);
    reply.expiresAt = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const auto back = parseReply(encodeReply(reply).chopped(1));
    QVERIFY(back);
    QVERIFY(!back->ok);
    QCOMPARE(back->error->toError().code, ErrorCode::Provider);
    QCOMPARE(back->error->providerError, u"invalid_grant"_s);
    QCOMPARE(back->expiresAt, reply.expiresAt);
    QCOMPARE(back->id.toString(), u"x"_s);
    QVERIFY(!encodeReply(reply).contains("accessToken"));
}

void tst_RefresherProtocol::pingAndStatus()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    startServer();
    Request ping = request(Op::Ping);
    ping.id = 7;
    const Reply pong = ask(ping);
    QVERIFY(pong.ok);
    QCOMPARE(pong.id.toInt(), 7);
    QCOMPARE(pong.details.value(u"pid"_s).toInteger(), QCoreApplication::applicationPid());
    QCOMPARE(pong.details.value(u"profile"_s).toString(), u"default"_s);

    const Reply daemon = ask(request(Op::Status));
    QVERIFY(daemon.ok);
    QVERIFY(daemon.details.value(u"inFlight"_s).toArray().isEmpty());
    const Reply work = ask(request(Op::Status, u"work"_s));
    QVERIFY(work.ok);
    QCOMPARE(work.status, u"Ready"_s);
    QVERIFY(work.accessToken.isEmpty());
    const Reply nobody = ask(request(Op::Status, u"nobody"_s));
    QVERIFY(!nobody.ok);
    QCOMPARE(nobody.error->code, u"not-found"_s);
    QCOMPARE(tokenRequests(), 0);
}

void tst_RefresherProtocol::refreshAndToken()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(-10)); // expired: `token` must refresh first
    startServer();
    const Reply first = ask(request(Op::Token, u"work"_s));
    QVERIFY2(first.ok, qPrintable(first.error ? first.error->message : QString()));
    QVERIFY(first.refreshed);
    QCOMPARE(first.accessToken, u"at-1"_s);
    QVERIFY(first.expiresAt > QDateTime::currentDateTimeUtc().addSecs(3000));
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(storedCredentials().value(u"refresh_token"_s).toString(), u"rt-1"_s);
    QCOMPARE(m_context->connection(u"work"_s)->history.last().kind, u"refreshed"_s);

    // Fresh now: answered from the keychain, nothing sent.
    const Reply second = ask(request(Op::Token, u"work"_s));
    QVERIFY(second.ok);
    QVERIFY(!second.refreshed);
    QCOMPARE(second.accessToken, u"at-1"_s);
    QCOMPARE(tokenRequests(), 1);

    // op refresh (forced) never carries the token.
    const Reply third = ask(request(Op::Refresh, u"work"_s, true));
    QVERIFY(third.ok);
    QVERIFY(third.refreshed);
    QVERIFY(third.accessToken.isEmpty());
    QCOMPARE(tokenRequests(), 2);
    QCOMPARE(storedCredentials().value(u"access_token"_s).toString(), u"at-2"_s);

    const Reply unknown = ask(request(Op::Refresh, u"nobody"_s, true));
    QVERIFY(!unknown.ok);
    QCOMPARE(unknown.error->toError().code, ErrorCode::NotFound);
}

void tst_RefresherProtocol::concurrentRequestsShareOneRefresh()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(-10));
    startServer();
    // Holding the profile lock keeps the first refresh waiting until every request has arrived.
    QLockFile lock(m_context->profile().lockFilePath());
    QVERIFY(lock.tryLock(0));
    QList<RefresherClient *> clients;
    for (const auto &[op, force] : {std::pair{Op::Refresh, true}, std::pair{Op::Token, false}, std::pair{Op::Refresh, true}}) {
        auto *client = new RefresherClient(m_server->serverName(), this);
        client->send(request(op, u"work"_s, force));
        clients.append(client);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_service->waitingFor(u"work"_s), 3, 20000);
    QCOMPARE(tokenRequests(), 0);
    lock.unlock();
    for (RefresherClient *client : std::as_const(clients)) {
        QTRY_VERIFY_WITH_TIMEOUT(client->isFinished(), 30000);
        QVERIFY2(client->outcome() && client->outcome()->ok, "a request failed");
        QVERIFY(client->outcome()->refreshed);
        delete client;
    }
    QCOMPARE(tokenRequests(), 1); // one provider request for all three
    QCOMPARE(storedCredentials().value(u"refresh_token"_s).toString(), u"rt-1"_s);
}

void tst_RefresherProtocol::forcedRequestJoiningAnUnforcedOneGetsItsOwnRefresh()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600)); // fresh: an unforced refresh sends nothing
    RefreshRequest *unforced = m_service->refresh(u"work"_s, false);
    RefreshRequest *forced = m_service->refresh(u"work"_s, true);
    RefreshRequest *alsoForced = m_service->refresh(u"work"_s, true);
    for (RefreshRequest *pending : {unforced, forced, alsoForced})
        pending->setAutoDelete(false);
    QTRY_VERIFY_WITH_TIMEOUT(unforced->isFinished() && forced->isFinished() && alsoForced->isFinished(), 30000);
    QVERIFY(!unforced->outcome().error);
    QVERIFY(!unforced->outcome().refreshed);
    QCOMPARE(unforced->outcome().accessToken, u"at-0"_s);
    QVERIFY(forced->outcome().refreshed);
    QCOMPARE(forced->outcome().accessToken, u"at-1"_s);
    QCOMPARE(alsoForced->outcome().accessToken, u"at-1"_s);
    QCOMPARE(tokenRequests(), 1);
    qDeleteAll(QList<RefreshRequest *>{unforced, forced, alsoForced});
}

void tst_RefresherProtocol::garbageAndPartialLines()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    startServer();
    QLocalSocket socket;
    QByteArray received;
    connect(&socket, &QLocalSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToServer(m_server->serverName());
    QVERIFY(socket.waitForConnected(5000));
    const QList<QByteArray> garbage{"hello", R"({"v":1,"op":"dance"})", "[1,2]", QByteArray("\x00\xff\xfe", 3),
        R"({"v":1,"op":"token"})", R"({"op":"ping"})", R"({"v":"1","op":"ping"})", R"({"v":1,"op":"refresh","name":5})",
        R"({"v":1,"op":"token","name":"work","force":"yes"})"};
    for (const QByteArray &line : garbage)
        socket.write(line + '\n');
    QTRY_COMPARE_WITH_TIMEOUT(replies(received).size(), garbage.size(), 20000);
    for (const QJsonObject &reply : replies(received)) {
        QVERIFY(!reply.value(u"ok"_s).toBool());
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toString(), u"bad-request"_s);
    }
    received.clear();
    socket.write(R"({"v":99,"op":"ping","id":1})" "\n");
    QTRY_COMPARE_WITH_TIMEOUT(replies(received).size(), 1, 20000);
    QCOMPARE(replies(received).first().value(u"error"_s).toObject().value(u"code"_s).toString(), u"unsupported-version"_s);

    // A request cut into pieces, with a CRLF ending, is one request; the connection still works.
    received.clear();
    socket.write(R"({"v":1,"op":)");
    socket.flush();
    QTest::qWait(50);
    socket.write(R"("token","name":"wo)");
    socket.flush();
    QTest::qWait(50);
    socket.write("rk\",\"id\":3}\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(replies(received).size(), 1, 20000);
    const QJsonObject answer = replies(received).first();
    QVERIFY(answer.value(u"ok"_s).toBool());
    QCOMPARE(answer.value(u"id"_s).toInt(), 3);
    QCOMPARE(answer.value(u"accessToken"_s).toString(), u"at-0"_s);
    QCOMPARE(tokenRequests(), 0);
}

void tst_RefresherProtocol::randomBytesDoNotHurtTheServer()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    startServer();
    QRandomGenerator random(20240611);
    for (int round = 0; round < 60; ++round) {
        auto *socket = new QLocalSocket(this);
        socket->connectToServer(m_server->serverName());
        QVERIFY(socket->waitForConnected(5000));
        QByteArray noise(int(random.bounded(1, 3000)), Qt::Uninitialized);
        for (char &byte : noise) {
            const quint32 pick = random.bounded(100);
            byte = pick < 5 ? '\n' : (pick < 30 ? "{}\":,[]v1op"[random.bounded(11)] : char(random.bounded(256)));
        }
        socket->write(noise);
        socket->flush();
        if (round % 3 == 0)
            socket->abort(); // gone before any reply
        else
            QTest::qWait(5);
        socket->deleteLater();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 0, 20000);
    QVERIFY(ask(request(Op::Ping)).ok);
    QCOMPARE(tokenRequests(), 0);
}

void tst_RefresherProtocol::oversizedLineClosesTheConnection()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    startServer();
    QLocalSocket socket;
    QByteArray received;
    connect(&socket, &QLocalSocket::readyRead, this, [&] { received += socket.readAll(); });
    QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
    socket.connectToServer(m_server->serverName());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(QByteArray(maxLineLength + 10, 'a'));
    QVERIFY(disconnected.wait(20000));
    received += socket.readAll();
    QCOMPARE(replies(received).size(), 1);
    QCOMPARE(replies(received).first().value(u"error"_s).toObject().value(u"code"_s).toString(), u"line-too-long"_s);
    QVERIFY(ask(request(Op::Ping)).ok); // others are still served
}

void tst_RefresherProtocol::disconnectingClientDoesNotStopItsRefresh()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    startServer();
    QLockFile lock(m_context->profile().lockFilePath());
    QVERIFY(lock.tryLock(0));
    {
        QLocalSocket socket;
        socket.connectToServer(m_server->serverName());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(R"({"v":1,"op":"refresh","name":"work"})" "\n");
        QTRY_COMPARE_WITH_TIMEOUT(m_service->waitingFor(u"work"_s), 1, 20000);
        socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 0, 20000);
    lock.unlock();
    QTRY_VERIFY_WITH_TIMEOUT(m_service->isIdle(), 30000);
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(storedCredentials().value(u"refresh_token"_s).toString(), u"rt-1"_s); // stored, not lost
    QVERIFY(ask(request(Op::Ping)).ok);
}

void tst_RefresherProtocol::secondServerIsRefused()
{
    startServer();
    RefresherServer second(m_context->profile(), m_service);
    const auto refused = second.listen();
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Usage);
    QVERIFY2(refused.error().message.contains(u"already running"_s), qPrintable(refused.error().message));
    QVERIFY2(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(refused.error().message));
    QVERIFY(ask(request(Op::Ping)).ok); // the first one was left alone
}

void tst_RefresherProtocol::staleSocketIsReplaced()
{
#ifndef Q_OS_UNIX
    QSKIP("a socket file is a Unix thing");
#else
    startServer();
    const QString path = m_server->fullServerName();
    const QString name = m_server->serverName();
    delete m_server; // removes its socket and releases the daemon lock
    m_server = nullptr;
    QVERIFY(!QFileInfo::exists(path));

    // What a killed refresher leaves: a socket file that nobody listens on.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    QVERIFY(size_t(encoded.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(path));
    const auto nobody = send(name, request(Op::Ping), std::chrono::seconds(10));
    QVERIFY(!nobody);
    QCOMPARE(nobody.error().failure, RefresherClient::Failure::NotRunning);

    startServer();
    QVERIFY(ask(request(Op::Ping)).ok);
#endif
}

void tst_RefresherProtocol::clientNotRunningAndTimeout()
{
    const auto none = send(u"authdesk-test-nobody-%1"_s.arg(QCoreApplication::applicationPid()), request(Op::Ping), std::chrono::seconds(10));
    QVERIFY(!none);
    QCOMPARE(none.error().failure, RefresherClient::Failure::NotRunning);

    // Something that accepts and never answers.
    QLocalServer mute;
    QVERIFY(mute.listen(u"authdesk-test-mute-%1"_s.arg(QCoreApplication::applicationPid())));
    const auto silent = send(mute.serverName(), request(Op::Ping), std::chrono::milliseconds(300));
    QVERIFY(!silent);
    QCOMPARE(silent.error().failure, RefresherClient::Failure::Timeout);

    // Something that answers nonsense.
    QLocalServer liar;
    QVERIFY(liar.listen(u"authdesk-test-liar-%1"_s.arg(QCoreApplication::applicationPid())));
    connect(&liar, &QLocalServer::newConnection, this, [&liar] {
        QLocalSocket *socket = liar.nextPendingConnection();
        socket->write("<html>\n");
    });
    const auto lie = send(liar.serverName(), request(Op::Ping), std::chrono::seconds(10));
    QVERIFY(!lie);
    QCOMPARE(lie.error().failure, RefresherClient::Failure::Protocol);
}

// Rotation safety: the provider rotated the refresh token, then the keychain refused the write (the
// test locks the keyring while the token endpoint answers). The new credentials must not be lost.
void tst_RefresherProtocol::unsavedCredentialsAreKeptServedAndStored()
{
#ifndef QT_DBUS_LIB
    QSKIP("needs QtDBus to unlock the test keyring again");
#else
    if (QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty() || qEnvironmentVariableIsEmpty("AUTHDESK_TEST_SESSION"))
        QSKIP("needs secret-tool and the keyring of scripts/test-session.sh");
    addConnection(QDateTime::currentDateTimeUtc().addSecs(-10));
    startServer();
    m_duringRefresh = [] { QProcess::execute(u"secret-tool"_s, {u"lock"_s, u"--collection=login"_s}); };
    bool locked = true;
    // gnome-keyring's own unlock call with scripts/test-session.sh's password (no prompt needed).
    const auto unlock = [&locked] {
        if (!std::exchange(locked, false))
            return;
        QDBusConnection bus = QDBusConnection::sessionBus();
        QDBusMessage open = QDBusMessage::createMethodCall(u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
            u"org.freedesktop.Secret.Service"_s, u"OpenSession"_s);
        open << u"plain"_s << QVariant::fromValue(QDBusVariant(QString()));
        const QDBusMessage opened = bus.call(open);
        QVERIFY2(opened.type() == QDBusMessage::ReplyMessage && opened.arguments().size() == 2, qPrintable(opened.errorMessage()));
        const QDBusObjectPath session = opened.arguments().at(1).value<QDBusObjectPath>();
        QDBusArgument secret;
        secret.beginStructure();
        secret << session << QByteArray() << QByteArray("authdesk-test") << u"text/plain"_s;
        secret.endStructure();
        QDBusMessage unlockCall = QDBusMessage::createMethodCall(u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
            u"org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"_s, u"UnlockWithMasterPassword"_s);
        unlockCall << QVariant::fromValue(QDBusObjectPath(u"/org/freedesktop/secrets/collection/login"_s)) << QVariant::fromValue(secret);
        const QDBusMessage unlocked = bus.call(unlockCall);
        QVERIFY2(unlocked.type() == QDBusMessage::ReplyMessage, qPrintable(unlocked.errorMessage()));
    };
    const auto unlockAtTheEnd = qScopeGuard(unlock);

    const Reply first = ask(request(Op::Token, u"work"_s));
    m_duringRefresh = nullptr;
    if (first.ok && !first.unsaved)
        QSKIP("locking the keyring did not make the write fail here");
    QVERIFY2(first.ok, qPrintable(first.error ? first.error->message : QString()));
    QVERIFY(first.unsaved);
    QCOMPARE(first.accessToken, u"at-1"_s); // the new token, from memory
    QVERIFY(!first.warning.isEmpty());
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(m_service->unsaved(), QStringList{u"work"_s});
    const auto record = m_context->connection(u"work"_s);
    QVERIFY(std::any_of(record->history.cbegin(), record->history.cend(),
        [](const ConnectionRecord::Event &event) { return event.kind == u"credentials-unsaved"; }));
    const auto journal = RefresherJournal(m_context->profile().dataDir() + u"/refresher-journal.json"_s).entries();
    QVERIFY(journal && journal->size() == 1 && journal->first().state == RefresherJournal::State::Unsaved);

    // Served from memory meanwhile; nothing is sent with the spent refresh token rt-0.
    const Reply again = ask(request(Op::Token, u"work"_s));
    QVERIFY(again.ok);
    QVERIFY(again.unsaved);
    QCOMPARE(again.accessToken, u"at-1"_s);
    QCOMPARE(tokenRequests(), 1);
    // A forced refresh cannot start before they are stored.
    const Reply forced = ask(request(Op::Refresh, u"work"_s, true));
    QVERIFY(!forced.ok);
    QCOMPARE(forced.error->toError().code, ErrorCode::SecureStorage);
    QCOMPARE(tokenRequests(), 1);

    unlock();
    QTRY_VERIFY_WITH_TIMEOUT(m_service->unsaved().isEmpty(), 60000);
    QCOMPARE(storedCredentials().value(u"refresh_token"_s).toString(), u"rt-1"_s);
    QCOMPARE(m_context->connection(u"work"_s)->status, u"Ready"_s);
    QVERIFY(!QFileInfo::exists(m_context->profile().dataDir() + u"/refresher-journal.json"_s));
    QVERIFY(ask(request(Op::Refresh, u"work"_s, true)).ok); // with rt-1: the grant survived
    QCOMPARE(tokenRequests(), 2);
#endif
}

void tst_RefresherProtocol::leftoversAreReportedAtStart()
{
    addConnection(QDateTime::currentDateTimeUtc().addSecs(3600));
    // A refresher (another pid) died holding unsaved credentials.
    const QString journalPath = m_context->profile().dataDir() + u"/refresher-journal.json"_s;
    QFile file(journalPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QJsonObject entry{{u"connectionId"_s, m_connectionId}, {u"connectionName"_s, u"work"_s}, {u"state"_s, u"unsaved"_s},
        {u"since"_s, u"2030-01-01T00:00:00.000Z"_s}, {u"pid"_s, 999999999}};
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"entries"_s, QJsonArray{entry}}}).toJson());
    file.close();
    // And a command was killed mid-refresh of another connection.
    ConnectionRecord other;
    other.name = u"other"_s;
    other.connectorKey = u"quirk"_s;
    other.status = u"Refreshing"_s;
    QVERIFY(m_context->index().add(other));

    const QList<RefreshService::Unconfirmed> found = m_service->reportUnconfirmed();
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).connectionName, u"work"_s);
    QVERIFY(found.at(0).message.contains(u"999999999"_s));
    QCOMPARE(found.at(1).connectionName, u"other"_s);
    QCOMPARE(m_context->connection(u"other"_s)->status, u"Ready"_s);
    QCOMPARE(m_context->connection(u"work"_s)->history.last().kind, u"refresh-unconfirmed"_s);
    QVERIFY(!QFileInfo::exists(journalPath)); // reported once
    QVERIFY(m_service->reportUnconfirmed().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RefresherProtocol)
#include "tst_refresherprotocol.moc"
