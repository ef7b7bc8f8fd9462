#include "oauth/loopbackreplyhandler.h"
#include "oauth/oauthconfig.h"
#include "support/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Authdesk;

namespace {

constexpr int waitMs = 10000; // generous: only ever reached when something is broken

struct HttpResponse
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QByteArray header(const QByteArray &name) const { return headers.value(name); }
};

// A raw HTTP client on a real socket, for what browsers do that QNetworkAccessManager would not:
// split requests, garbage, keep-alive by hand, closing early. It never blocks the event loop, so
// the handler (same thread) runs while it waits.
class RawClient
{
public:
    explicit RawClient(quint16 port, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1); // no Nagle: pieces stay pieces
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(address, port);
    }

    bool waitConnected()
    {
        (void)QTest::qWaitFor(
            [this] {
                return m_socket.state() == QAbstractSocket::ConnectedState
                    || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            waitMs);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // One byte at a time, letting the server run between them.
    void trickle(const QByteArray &bytes)
    {
        for (const char c : bytes) {
            m_socket.write(&c, 1);
            m_socket.flush();
            QTest::qWait(1);
        }
    }

    // The next complete response (head plus Content-Length body), or nothing when the server closes
    // or nothing comes.
    std::optional<HttpResponse> next(bool head = false)
    {
        std::optional<HttpResponse> response;
        (void)QTest::qWaitFor(
            [&] {
                response = take(head);
                return response || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            waitMs);
        if (!response)
            response = take(head);
        return response;
    }

    bool waitClosed()
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, waitMs);
    }

    QTcpSocket &socket() { return m_socket; }
    const QByteArray &pending() const { return m_received; }

private:
    std::optional<HttpResponse> take(bool head)
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        HttpResponse response;
        const QList<QByteArray> lines = m_received.left(end).split('\n');
        response.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            response.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = head ? 0 : response.header("content-length").toLongLong();
        if (m_received.size() < end + 4 + length)
            return std::nullopt;
        response.body = m_received.mid(end + 4, length);
        m_received.remove(0, end + 4 + length);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

QByteArray get(const QByteArray &target, quint16 port, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n" + extraHeaders
        + "\r\n";
}

// Whether a TCP connection to address:port gets established.
bool canConnect(const QHostAddress &address, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    (void)QTest::qWaitFor(
        [&] {
            return socket.state() == QAbstractSocket::ConnectedState
                || socket.state() == QAbstractSocket::UnconnectedState;
        },
        waitMs);
    return socket.state() == QAbstractSocket::ConnectedState;
}

// Collects every message of the OAuth categories, at every level, while it lives.
class LogCapture
{
public:
    LogCapture()
    {
        s_messages.clear();
        for (QLoggingCategory *category : categories()) {
            m_saved.append({category->isDebugEnabled(), category->isInfoEnabled()});
            category->setEnabled(QtDebugMsg, true);
            category->setEnabled(QtInfoMsg, true);
        }
        m_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        const QList<QLoggingCategory *> all = categories();
        for (qsizetype i = 0; i < all.size(); ++i) {
            all.at(i)->setEnabled(QtDebugMsg, m_saved.at(i).first);
            all.at(i)->setEnabled(QtInfoMsg, m_saved.at(i).second);
        }
    }
    QString text() const { return s_messages.join(u'\n'); }

private:
    static QList<QLoggingCategory *> categories()
    {
        return {const_cast<QLoggingCategory *>(&lcLoopback()), const_cast<QLoggingCategory *>(&lcOAuth())};
    }
    static void handler(QtMsgType, const QMessageLogContext &, const QString &message) { s_messages.append(message); }
    static inline QStringList s_messages;
    QList<std::pair<bool, bool>> m_saved;
    QtMessageHandler m_previous = nullptr;
};

const QString theState = u"st4te-Xy_9"_s;

// Whether the spy has caught a signal, now or within the wait: queued signals are often delivered
// while the test is still waiting for the HTTP response.
bool arrived(QSignalSpy &spy)
{
    return QTest::qWaitFor([&spy] { return !spy.isEmpty(); }, waitMs);
}

} // namespace

// The loopback reply handler with real sockets: what a browser, a hostile local process or a
// provider can send to it, and what it answers.
class tst_LoopbackReplyHandler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listensOnLoopbackOnly();
    void nonLoopbackAddressCannotConnect();
    void ipv6Loopback();
    void configuredPortAndPath();
    void busyConfiguredPortFails();
    void successThroughQNetworkAccessManager();
    void otherPathsGet404AndTheRequestStaysPending();
    void requestSplitByteByByte();
    void garbageGets400();
    void oversizedRequests();
    void slowClientIsCutOff();
    void clientClosingEarly();
    void keepAliveAndPipelining();
    void severalConnections();
    void tooManyConnectionsDropsTheOldest();
    void wrongOrMissingStateThenRightState();
    void errorWithWrongStateIsNotTrusted();
    void callbackBeforeExpect();
    void accessDeniedPageEscapesTheDescription();
    void providerError();
    void callbackWithoutCodeOrError();
    void timeout();
    void cancel();
    void listenerClosedAfterSuccess();
    void percentEncodedIssMatches();
    void issMismatchFails();
    void missingIssWhenRequired();
    void otherHostGets421();
    void methodsOtherThanGet();
    void configureFromOAuthConfig();
    void networkReplyFinishedIsHarmless();
    void noSecretsInLogs();

private:
    // A handler that listens and expects theState; the test fails if it cannot listen.
    LoopbackReplyHandler *listening();

    std::unique_ptr<LoopbackReplyHandler> m_handler;
    std::unique_ptr<QSignalSpy> m_received;
    std::unique_ptr<QSignalSpy> m_failed;
    std::unique_ptr<QSignalSpy> m_rejected;
};

void tst_LoopbackReplyHandler::init()
{
    m_handler = std::make_unique<LoopbackReplyHandler>();
    m_received = std::make_unique<QSignalSpy>(m_handler.get(), &LoopbackReplyHandler::authorizationReceived);
    m_failed = std::make_unique<QSignalSpy>(m_handler.get(), &LoopbackReplyHandler::authorizationFailed);
    m_rejected = std::make_unique<QSignalSpy>(m_handler.get(), &LoopbackReplyHandler::callbackRejected);
}

void tst_LoopbackReplyHandler::cleanup()
{
    m_received.reset();
    m_failed.reset();
    m_rejected.reset();
    m_handler.reset();
}

LoopbackReplyHandler *tst_LoopbackReplyHandler::listening()
{
    const auto uri = m_handler->listen();
    if (!uri)
        qFatal("cannot listen: %s", qPrintable(uri.error().message));
    m_handler->expect(theState);
    return m_handler.get();
}

void tst_LoopbackReplyHandler::listensOnLoopbackOnly()
{
    QVERIFY(m_handler->callback().isEmpty());
    const auto uri = m_handler->listen();
    QVERIFY(uri);
    QVERIFY(m_handler->isListening());
    QCOMPARE(m_handler->address(), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(m_handler->port() != 0);
    // The same bytes on every Qt version: 127.0.0.1, never localhost (oauth-standards-and-qt.md check 2).
    const QString expected = u"http://127.0.0.1:%1/callback"_s.arg(m_handler->port());
    QCOMPARE(*uri, expected);
    QCOMPARE(m_handler->callback(), expected);
    QCOMPARE(m_handler->listen().value(), expected); // listening again changes nothing
    m_handler->cancel();
    QVERIFY(!m_handler->isListening());
    QCOMPARE(m_handler->callback(), expected); // still there for the token request
}

void tst_LoopbackReplyHandler::nonLoopbackAddressCannotConnect()
{
    QHostAddress outside;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && !address.isLinkLocal() && address.protocol() == QAbstractSocket::IPv4Protocol) {
            outside = address;
            break;
        }
    }
    if (outside.isNull())
        QSKIP("this host has no non-loopback IPv4 address");
    listening();
    QVERIFY(canConnect(QHostAddress(QHostAddress::LocalHost), m_handler->port())); // the port is open...
    QVERIFY2(!canConnect(outside, m_handler->port()), qPrintable(outside.toString())); // ...but not from there
    // A server bound to every interface would have been reachable there (the check has teeth).
    QTcpServer any;
    QVERIFY(any.listen(QHostAddress::AnyIPv4));
    QVERIFY(canConnect(outside, any.serverPort()));
}

void tst_LoopbackReplyHandler::ipv6Loopback()
{
    m_handler->setLoopbackAddresses({QHostAddress(QHostAddress::LocalHostIPv6)});
    const auto uri = m_handler->listen();
    if (!uri)
        QSKIP("this host has no IPv6 loopback");
    QCOMPARE(*uri, u"http://[::1]:%1/callback"_s.arg(m_handler->port()));
    m_handler->expect(theState);
    RawClient client(m_handler->port(), QHostAddress(QHostAddress::LocalHostIPv6));
    QVERIFY(client.waitConnected());
    client.send("GET /callback?code=c6&state=" + theState.toUtf8()
        + " HTTP/1.1\r\nHost: [::1]:" + QByteArray::number(m_handler->port()) + "\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::configuredPortAndPath()
{
    quint16 freePort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        freePort = probe.serverPort();
    }
    m_handler->setPort(freePort);
    m_handler->setPath(u"/oauth2/callback/github"_s);
    const auto uri = m_handler->listen();
    QVERIFY2(uri, qPrintable(uri ? QString() : uri.error().message));
    QCOMPARE(*uri, u"http://127.0.0.1:%1/oauth2/callback/github"_s.arg(freePort));
    m_handler->expect(theState);

    RawClient client(freePort);
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), freePort));
    QCOMPARE(client.next()->status, 404); // the default path is not served when another one is set
    client.send(get("/oauth2/callback/github?code=c&state=" + theState.toUtf8(), freePort));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::busyConfiguredPortFails()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    m_handler->setPort(squatter.serverPort());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"already in use"_s));
    const auto uri = m_handler->listen();
    QVERIFY(!uri);
    QCOMPARE(uri.error().kind, AuthorizationError::Kind::ListenFailed);
    QVERIFY2(uri.error().message.contains(u"port %1 on 127.0.0.1 is already in use"_s.arg(squatter.serverPort())),
        qPrintable(uri.error().message));
    QVERIFY(!m_handler->isListening());
    QVERIFY(arrived(*m_failed));
    QCOMPARE(m_failed->size(), 1);
    QCOMPARE(m_failed->at(0).at(0).value<AuthorizationError>().kind, AuthorizationError::Kind::ListenFailed);
}

void tst_LoopbackReplyHandler::successThroughQNetworkAccessManager()
{
    listening();
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    // Google-style code with '/' and '+', a '+' for a space, and an extra parameter (QuickBooks' realmId).
    const QUrl url(m_handler->callback() + u"?code=4%2F0Ab%2Bc&state="_s + theState
        + u"&scope=email+openid&realmId=4620816365&iss=https%3A%2F%2Fas.example"_s);
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(waitMs));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(reply->rawHeader("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(reply->rawHeader("Referrer-Policy"), QByteArray("no-referrer"));
    QVERIFY(reply->rawHeader("Content-Security-Policy").startsWith("default-src 'none'"));
    const QByteArray page = reply->readAll();
    QVERIFY(page.contains("Authorization received"));
    QVERIFY(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"));
    QVERIFY(!page.contains("4/0Ab")); // the code is not echoed

    QVERIFY(arrived(*m_received));
    QCOMPARE(m_received->size(), 1);
    const auto response = m_received->at(0).at(0).value<AuthorizationResponse>();
    QCOMPARE(response.code, u"4/0Ab+c"_s); // decoded exactly once
    QCOMPARE(response.state, theState);
    QCOMPARE(response.iss, u"https://as.example"_s);
    const QList<std::pair<QString, QString>> parameters {{u"code"_s, u"4/0Ab+c"_s}, {u"state"_s, theState},
        {u"scope"_s, u"email openid"_s}, {u"realmId"_s, u"4620816365"_s}, {u"iss"_s, u"https://as.example"_s}};
    QCOMPARE(response.parameters, parameters);
    QCOMPARE(response.parametersObject().value(u"realmId"_s).toString(), u"4620816365"_s);
    QVERIFY(m_failed->isEmpty());
    QVERIFY(m_rejected->isEmpty());
    QVERIFY(!m_handler->isListening());
    QVERIFY(m_handler->isFinished());
}

void tst_LoopbackReplyHandler::otherPathsGet404AndTheRequestStaysPending()
{
    listening();
    const QByteArray query = "?code=c&state=" + theState.toUtf8();
    const QList<QByteArray> paths {"/favicon.ico", "/callbackevil" + query, "/", "/callback/" + query,
        "/Callback" + query, "/%63allback" + query, "/callback;x" + query};
    for (const QByteArray &path : paths) {
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send(get(path, m_handler->port()));
        const auto response = client.next();
        QVERIFY2(response, path.constData());
        QCOMPARE(response->status, 404);
        QVERIFY(response->body.contains("Not found"));
        QCOMPARE(response->header("cache-control"), QByteArray("no-store"));
    }
    QTest::qWait(0);
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty() && m_rejected->isEmpty());

    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback" + query, m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::requestSplitByteByByte()
{
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.trickle(get("/callback?code=split&state=" + theState.toUtf8(), m_handler->port(),
        "User-Agent: test\r\nAccept: text/html\r\n"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(arrived(*m_received));
    QCOMPARE(m_received->at(0).at(0).value<AuthorizationResponse>().code, u"split"_s);
}

void tst_LoopbackReplyHandler::garbageGets400()
{
    listening();
    static const char tlsHello[] = "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n";
    const QList<QByteArray> garbage {QByteArray(tlsHello, sizeof tlsHello - 1), QByteArray("SSH-2.0-OpenSSH_9.2\r\n"),
        QByteArray("\r\n\r\n\r\n\r\n\r\n\r\n"), QByteArray("GET /callback?code=x&state=y HTTP/9.9\r\n\r\n"),
        QByteArray(2000, '\x7f') + '\n'};
    for (const QByteArray &bytes : garbage) {
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send(bytes);
        const auto response = client.next();
        QVERIFY2(response, bytes.left(20).toHex().constData());
        QVERIFY2(response->status == 400 || response->status == 505, QByteArray::number(response->status).constData());
        QCOMPARE(response->header("connection"), QByteArray("close"));
        QVERIFY(client.waitClosed());
    }
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());

    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::oversizedRequests()
{
    listening();
    {
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send("GET /callback?code=" + QByteArray(20000, 'a')); // never ends its line
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 414);
        QVERIFY(client.waitClosed());
    }
    {
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        QByteArray headers;
        for (int i = 0; i < 20; ++i)
            headers += "Cookie: " + QByteArray(4000, 'c') + "\r\n";
        client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port(), headers));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QVERIFY(client.waitClosed());
    }
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::slowClientIsCutOff()
{
    m_handler->setConnectionTimeout(200ms);
    listening();
    RawClient partial(m_handler->port());
    RawClient silent(m_handler->port());
    QVERIFY(partial.waitConnected());
    QVERIFY(silent.waitConnected());
    partial.send("GET /callback?code=c&state=" + theState.toUtf8()); // and then nothing
    const auto response = partial.next();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(partial.waitClosed());
    QVERIFY(silent.waitClosed()); // closed without a word: it never said anything
    QVERIFY(silent.pending().isEmpty());
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());

    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::clientClosingEarly()
{
    listening();
    {
        // Half a request, then the browser goes away.
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send("GET /callback?code=c&sta");
        QTest::qWait(20);
        client.socket().abort();
    }
    {
        // A whole 404 request, closed before the answer is read.
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send(get("/favicon.ico", m_handler->port()));
        client.socket().disconnectFromHost();
        QVERIFY(client.waitClosed());
    }
    QTest::qWait(50);
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
    {
        // The real callback, closed right after sending: the code still counts.
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send(get("/callback?code=early&state=" + theState.toUtf8(), m_handler->port()));
        client.socket().disconnectFromHost();
        QVERIFY(arrived(*m_received));
    }
    QCOMPARE(m_received->at(0).at(0).value<AuthorizationResponse>().code, u"early"_s);
}

void tst_LoopbackReplyHandler::keepAliveAndPipelining()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient client(port);
    QVERIFY(client.waitConnected());
    client.send(get("/favicon.ico", port));
    auto response = client.next();
    QCOMPARE(response->status, 404);
    QCOMPARE(response->header("connection"), QByteArray("keep-alive"));
    // Two requests in one write on the same connection.
    client.send(get("/callback?code=c&state=wrong", port) + get("/robots.txt", port));
    response = client.next();
    QCOMPARE(response->status, 400);
    QVERIFY(response->body.contains("does not match"));
    response = client.next();
    QCOMPARE(response->status, 404);
    client.send(get("/callback?code=kept&state=" + theState.toUtf8(), port));
    response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(client.waitClosed());
    QVERIFY(arrived(*m_received));
    QCOMPARE(m_received->at(0).at(0).value<AuthorizationResponse>().code, u"kept"_s);
}

void tst_LoopbackReplyHandler::severalConnections()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient idle1(port);
    RawClient idle2(port);
    RawClient partial(port);
    RawClient finisher(port);
    for (RawClient *client : {&idle1, &idle2, &partial, &finisher})
        QVERIFY(client->waitConnected());
    partial.send("GET /callback?code=x");
    finisher.send(get("/callback?code=c&state=" + theState.toUtf8(), port));
    QCOMPARE(finisher.next()->status, 200);
    QVERIFY(arrived(*m_received));
    // The attempt is over: the other connections are closed, without an answer.
    QVERIFY(idle1.waitClosed());
    QVERIFY(idle2.waitClosed());
    QVERIFY(partial.waitClosed());
    QVERIFY(partial.pending().isEmpty());
}

void tst_LoopbackReplyHandler::tooManyConnectionsDropsTheOldest()
{
    m_handler->setMaxConnections(2);
    listening();
    const quint16 port = m_handler->port();
    RawClient first(port);
    QVERIFY(first.waitConnected());
    QTest::qWait(20);
    RawClient second(port);
    QVERIFY(second.waitConnected());
    QTest::qWait(20);
    RawClient third(port);
    QVERIFY(third.waitConnected());
    QVERIFY(first.waitClosed());
    third.send(get("/callback?code=c&state=" + theState.toUtf8(), port));
    QCOMPARE(third.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::wrongOrMissingStateThenRightState()
{
    listening();
    const quint16 port = m_handler->port();
    const QList<QByteArray> wrong {"/callback?code=c&state=guess", "/callback?code=c",
        "/callback?code=c&state=", "/callback?code=c&state=" + theState.toUtf8() + "x",
        "/callback?code=c&state=" + theState.toUtf8() + "&state=" + theState.toUtf8(),
        "/callback?code=c&code=d&state=" + theState.toUtf8()};
    for (const QByteArray &target : wrong) {
        RawClient client(port);
        QVERIFY(client.waitConnected());
        client.send(get(target, port));
        const auto response = client.next();
        QVERIFY2(response, target.constData());
        QCOMPARE(response->status, 400);
        QVERIFY(response->body.contains("Authorization not accepted"));
        QVERIFY(response->body.contains("still waiting"));
    }
    QVERIFY(QTest::qWaitFor([this] { return m_rejected->size() == 6; }, waitMs));
    for (const QList<QVariant> &arguments : std::as_const(*m_rejected))
        QCOMPARE(arguments.at(0).value<AuthorizationError>().kind, AuthorizationError::Kind::StateMismatch);
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
    QVERIFY(m_handler->isListening());

    RawClient client(port);
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=right&state=" + theState.toUtf8(), port));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
    QCOMPARE(m_received->at(0).at(0).value<AuthorizationResponse>().code, u"right"_s);
}

void tst_LoopbackReplyHandler::errorWithWrongStateIsNotTrusted()
{
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?error=access_denied&state=forged", m_handler->port()));
    QCOMPARE(client.next()->status, 400);
    QVERIFY(arrived(*m_rejected));
    QVERIFY(m_failed->isEmpty());
    QVERIFY(m_handler->isListening());
}

void tst_LoopbackReplyHandler::callbackBeforeExpect()
{
    QVERIFY(m_handler->listen());
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    const auto response = client.next();
    QCOMPARE(response->status, 400);
    QVERIFY(response->body.contains("not waiting"));
    QVERIFY(arrived(*m_rejected));
    m_handler->expect(theState);
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::accessDeniedPageEscapesTheDescription()
{
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?error=access_denied&error_description=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E+"
                    "%26+the+user+said+%22no%22&state="
            + theState.toUtf8(),
        m_handler->port()));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QCOMPARE(response->header("content-type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(response->header("cache-control"), QByteArray("no-store"));
    QCOMPARE(response->header("referrer-policy"), QByteArray("no-referrer"));
    const QByteArray page = response->body;
    QVERIFY(page.contains("Authorization denied"));
    QVERIFY2(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the user said &quot;no&quot;"),
        page.constData());
    QVERIFY(!page.contains("<script"));
    QVERIFY(!page.contains("Authorization received"));

    QVERIFY(arrived(*m_failed));
    const auto error = m_failed->at(0).at(0).value<AuthorizationError>();
    QCOMPARE(error.kind, AuthorizationError::Kind::Denied);
    QCOMPARE(error.error, u"access_denied"_s);
    QCOMPARE(error.errorDescription, u"<script>alert('x')</script> & the user said \"no\""_s);
    QCOMPARE(error.toError().code, ErrorCode::Denied);
    QCOMPARE(exitCodeFor(error.toError().code), 4);
    QVERIFY(m_received->isEmpty());
    QVERIFY(!m_handler->isListening());
}

void tst_LoopbackReplyHandler::providerError()
{
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?error=invalid_scope&error_description=Scope+%22admin%22+is+unknown"
                    "&error_uri=https%3A%2F%2Fas.example%2Fdocs%3Fa%3D1%26b%3D2&state="
            + theState.toUtf8(),
        m_handler->port()));
    const auto response = client.next();
    QVERIFY(response);
    QVERIFY(response->body.contains("Authorization failed"));
    QVERIFY(response->body.contains("invalid_scope"));
    QVERIFY(response->body.contains("Scope &quot;admin&quot; is unknown"));
    QVERIFY(response->body.contains("https://as.example/docs?a=1&amp;b=2"));
    QVERIFY(!response->body.contains("<a ")); // shown, not linked
    QVERIFY(arrived(*m_failed));
    const auto error = m_failed->at(0).at(0).value<AuthorizationError>();
    QCOMPARE(error.kind, AuthorizationError::Kind::ProviderError);
    QCOMPARE(error.error, u"invalid_scope"_s);
    QCOMPARE(error.errorDescription, u"Scope \"admin\" is unknown"_s);
    QCOMPARE(error.errorUri, u"https://as.example/docs?a=1&b=2"_s);
    QCOMPARE(error.toError().code, ErrorCode::Provider);
    QCOMPARE(error.toError().providerError, u"invalid_scope"_s);
}

void tst_LoopbackReplyHandler::callbackWithoutCodeOrError()
{
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 400);
    QVERIFY(arrived(*m_failed));
    const auto error = m_failed->at(0).at(0).value<AuthorizationError>();
    QCOMPARE(error.kind, AuthorizationError::Kind::ProviderError);
    QVERIFY(error.message.contains(u"neither an authorization code nor an error"_s));
}

void tst_LoopbackReplyHandler::timeout()
{
    m_handler->setTimeout(150ms);
    listening();
    const quint16 port = m_handler->port();
    QVERIFY(arrived(*m_failed));
    QCOMPARE(m_failed->size(), 1);
    const auto error = m_failed->at(0).at(0).value<AuthorizationError>();
    QCOMPARE(error.kind, AuthorizationError::Kind::Timeout);
    QCOMPARE(error.toError().code, ErrorCode::Denied);
    QVERIFY(!m_handler->isListening());
    QVERIFY(!canConnect(QHostAddress(QHostAddress::LocalHost), port));
    m_handler->cancel(); // too late: no second signal
    QTest::qWait(20);
    QCOMPARE(m_failed->size(), 1);
    QVERIFY(m_received->isEmpty());
}

void tst_LoopbackReplyHandler::cancel()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient open(port);
    QVERIFY(open.waitConnected());
    m_handler->cancel();
    m_handler->cancel();
    QVERIFY(arrived(*m_failed));
    QTest::qWait(20);
    QCOMPARE(m_failed->size(), 1);
    QCOMPARE(m_failed->at(0).at(0).value<AuthorizationError>().kind, AuthorizationError::Kind::Cancelled);
    QVERIFY(open.waitClosed());
    QVERIFY(!canConnect(QHostAddress(QHostAddress::LocalHost), port));
    QVERIFY(!m_handler->listen()); // one attempt per handler
}

void tst_LoopbackReplyHandler::listenerClosedAfterSuccess()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient client(port);
    QVERIFY(client.waitConnected());
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), port));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
    QVERIFY(!m_handler->isListening());
    QVERIFY(!canConnect(QHostAddress(QHostAddress::LocalHost), port));
    m_handler->cancel();
    QTest::qWait(20);
    QVERIFY(m_failed->isEmpty()); // exactly one outcome
    QCOMPARE(m_received->size(), 1);
}

void tst_LoopbackReplyHandler::percentEncodedIssMatches()
{
    m_handler->setExpectedIssuer(u"https://as.example/tenant 1"_s, true);
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    client.send(get(
        "/callback?code=c&state=" + theState.toUtf8() + "&iss=https%3A%2F%2Fas.example%2Ftenant+1", m_handler->port()));
    QCOMPARE(client.next()->status, 200);
    QVERIFY(arrived(*m_received));
    QCOMPARE(m_received->at(0).at(0).value<AuthorizationResponse>().iss, u"https://as.example/tenant 1"_s);
}

void tst_LoopbackReplyHandler::issMismatchFails()
{
    m_handler->setExpectedIssuer(u"https://as.example"_s, false);
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"issuer mismatch"_s));
    // Not decoded twice: %252F would be "%2F" after one decoding, which is not the issuer.
    client.send(
        get("/callback?code=c&state=" + theState.toUtf8() + "&iss=https%3A%2F%2Fevil.example", m_handler->port()));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QVERIFY(response->body.contains("Authorization rejected"));
    QVERIFY(response->body.contains("https://evil.example"));
    QVERIFY(arrived(*m_failed));
    const auto error = m_failed->at(0).at(0).value<AuthorizationError>();
    QCOMPARE(error.kind, AuthorizationError::Kind::IssuerMismatch);
    QVERIFY(m_received->isEmpty());
    QVERIFY(!m_handler->isListening());
}

void tst_LoopbackReplyHandler::missingIssWhenRequired()
{
    {
        m_handler->setExpectedIssuer(u"https://as.example"_s, false);
        listening();
        RawClient client(m_handler->port());
        QVERIFY(client.waitConnected());
        client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
        QCOMPARE(client.next()->status, 200); // not required: accepted
        QVERIFY(arrived(*m_received));
    }
    cleanup();
    init();
    m_handler->setExpectedIssuer(u"https://as.example"_s, true);
    listening();
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no iss from"_s));
    client.send(get("/callback?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 400);
    QVERIFY(arrived(*m_failed));
    QCOMPARE(m_failed->at(0).at(0).value<AuthorizationError>().kind, AuthorizationError::Kind::IssuerMismatch);
}

void tst_LoopbackReplyHandler::otherHostGets421()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient client(port);
    QVERIFY(client.waitConnected());
    // What a DNS-rebinding page would send from the browser.
    client.send("GET /callback?code=c&state=" + theState.toUtf8()
        + " HTTP/1.1\r\nHost: evil.example:" + QByteArray::number(port) + "\r\n\r\n");
    QCOMPARE(client.next()->status, 421);
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
    RawClient browser(port);
    QVERIFY(browser.waitConnected());
    browser.send("GET /callback?code=c&state=" + theState.toUtf8()
        + " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port) + "\r\n\r\n");
    QCOMPARE(browser.next()->status, 200);
    QVERIFY(arrived(*m_received));
}

void tst_LoopbackReplyHandler::methodsOtherThanGet()
{
    listening();
    const quint16 port = m_handler->port();
    RawClient client(port);
    QVERIFY(client.waitConnected());
    client.send("POST /callback?code=c&state=" + theState.toUtf8()
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nContent-Length: 3\r\n\r\nabc");
    const auto response = client.next();
    QCOMPARE(response->status, 405);
    QCOMPARE(response->header("allow"), QByteArray("GET, HEAD"));
    QVERIFY(client.waitClosed()); // a body is never read, so the connection is not reused

    RawClient head(port);
    QVERIFY(head.waitConnected());
    head.send("HEAD /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    const auto headResponse = head.next(true);
    QCOMPARE(headResponse->status, 404);
    QVERIFY(headResponse->header("content-length").toInt() > 0);
    QTest::qWait(50);
    QVERIFY(head.pending().isEmpty()); // no body after a HEAD
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
}

void tst_LoopbackReplyHandler::configureFromOAuthConfig()
{
    OAuthConfig config;
    config.redirectPath = u"/oauth2/callback/acme"_s;
    config.issuer = u"https://as.example"_s;
    config.authorizationResponseIssParameterSupported = true;
    m_handler->configure(config);
    listening();
    QCOMPARE(m_handler->callback(), u"http://127.0.0.1:%1/oauth2/callback/acme"_s.arg(m_handler->port()));
    RawClient client(m_handler->port());
    QVERIFY(client.waitConnected());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no iss from"_s));
    client.send(get("/oauth2/callback/acme?code=c&state=" + theState.toUtf8(), m_handler->port()));
    QCOMPARE(client.next()->status, 400);
    QVERIFY(arrived(*m_failed));
}

void tst_LoopbackReplyHandler::networkReplyFinishedIsHarmless()
{
    listening();
    m_handler->networkReplyFinished(nullptr);
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(m_handler->callback().replace(u"/callback"_s, u"/x"_s))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(waitMs));
    m_handler->networkReplyFinished(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    delete reply; // still ours: the handler neither deleted nor consumed it
    QVERIFY(m_handler->isListening());
    QVERIFY(m_received->isEmpty() && m_failed->isEmpty());
}

void tst_LoopbackReplyHandler::noSecretsInLogs()
{
    const QByteArray code = "SplxlOBeZQQYbYS6WxSbIA";
    const QByteArray state = "af0ifjsldkj-Secret-State";
    LogCapture capture;
    QVERIFY(m_handler->listen());
    m_handler->expect(QString::fromLatin1(state));
    const quint16 port = m_handler->port();
    {
        RawClient client(port);
        QVERIFY(client.waitConnected());
        client.send(get("/callbackx?code=" + code + "&state=" + state, port));
        QCOMPARE(client.next()->status, 404);
        client.send(get("/callback?code=" + code + "&state=" + state + "x", port));
        QCOMPARE(client.next()->status, 400);
        client.send(get("/callback?code=" + code + "&state=" + state, port));
        QCOMPARE(client.next()->status, 200);
    }
    QVERIFY(arrived(*m_received));
    const QString log = capture.text();
    QVERIFY2(log.contains(u"listening for the authorization redirect"_s), qPrintable(log)); // logging did run
    QVERIFY2(log.contains(u"404 for"_s), qPrintable(log));
    QVERIFY2(log.contains(u"authorization code received"_s), qPrintable(log));
    QVERIFY2(!log.contains(QString::fromLatin1(code)), qPrintable(log));
    QVERIFY2(!log.contains(QString::fromLatin1(state)), qPrintable(log));
}

QTEST_GUILESS_MAIN(tst_LoopbackReplyHandler)
#include "tst_loopbackreplyhandler.moc"
