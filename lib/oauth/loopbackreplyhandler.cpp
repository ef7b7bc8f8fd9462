#include "loopbackreplyhandler.h"

#include "loopbackresultpage.h"
#include "oauthconfig.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QNetworkReply>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk {

struct LoopbackReplyHandler::Connection
{
    QTcpSocket *socket = nullptr;
    QTimer *timer = nullptr;
    LoopbackRequestParser parser;
    quint64 serial = 0; // arrival order, to drop the oldest when there are too many
    bool closing = false; // a final response is on its way; further bytes are ignored
};

namespace {

// application/x-www-form-urlencoded decoding, once: '+' is a space, %XX a byte, the bytes UTF-8
// (RFC 9207 §2.4 for `iss`; the same for every other parameter).
QString formDecode(QByteArray bytes)
{
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

QList<std::pair<QString, QString>> decodeQuery(const QByteArray &query)
{
    QList<std::pair<QString, QString>> parameters;
    for (const QByteArray &item : query.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype equals = item.indexOf('=');
        if (equals == 0)
            continue;
        if (equals < 0)
            parameters.append({formDecode(item), QString()});
        else
            parameters.append({formDecode(item.left(equals)), formDecode(item.mid(equals + 1))});
    }
    return parameters;
}

// Compares without an early exit, so the time taken says nothing about how much of a guessed state
// was right.
bool sameSecret(const QString &a, const QString &b)
{
    const QByteArray left = a.toUtf8();
    const QByteArray right = b.toUtf8();
    unsigned difference = left.size() == right.size() ? 0u : 1u;
    const qsizetype length = std::min(left.size(), right.size());
    for (qsizetype i = 0; i < length; ++i)
        difference |= unsigned(left.at(i) ^ right.at(i));
    return difference == 0;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 414:
        return "URI Too Long";
    case 421:
        return "Misdirected Request";
    case 431:
        return "Request Header Fields Too Large";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

// For logs: a path as text, shortened, without the query (which may hold a code).
QString loggablePath(const QByteArray &path)
{
    QString text = QString::fromLatin1(path.left(120));
    if (path.size() > 120)
        text += u"..."_s;
    return text;
}

int clampedMilliseconds(std::chrono::milliseconds duration)
{
    return int(std::clamp<qint64>(duration.count(), 1, std::numeric_limits<int>::max()));
}

} // namespace

LoopbackReplyHandler::LoopbackReplyHandler(QObject *parent)
    : QAbstractOAuthReplyHandler(parent)
    , m_path(OAuthConfig::defaultRedirectPath())
    , m_addresses {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}
{
}

LoopbackReplyHandler::~LoopbackReplyHandler()
{
    // No signals from here on; sockets and the server are children and go with us.
    m_finished = true;
    for (auto &[socket, connection] : m_connections) {
        socket->disconnect(this);
        socket->abort();
    }
}

void LoopbackReplyHandler::configure(const OAuthConfig &config)
{
    setPort(config.redirectPort.value_or(0));
    setPath(config.redirectPath);
    setExpectedIssuer(config.issuer, config.authorizationResponseIssParameterSupported);
}

void LoopbackReplyHandler::setPort(quint16 port)
{
    m_port = port;
}

void LoopbackReplyHandler::setPath(const QString &path)
{
    m_path = path.startsWith(u'/') ? path : u'/' + path;
}

void LoopbackReplyHandler::setExpectedIssuer(const QString &issuer, bool required)
{
    m_expectedIssuer = issuer;
    m_issuerRequired = required;
}

void LoopbackReplyHandler::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    if (m_timer && m_timer->isActive())
        m_timer->start(clampedMilliseconds(m_timeout));
}

void LoopbackReplyHandler::setConnectionTimeout(std::chrono::milliseconds timeout)
{
    m_connectionTimeout = timeout;
}

void LoopbackReplyHandler::setMaxConnections(int count)
{
    m_maxConnections = std::max(1, count);
}

void LoopbackReplyHandler::setRequestLimits(const LoopbackRequestParser::Limits &limits)
{
    m_limits = limits;
}

void LoopbackReplyHandler::setLoopbackAddresses(const QList<QHostAddress> &addresses)
{
    m_addresses.clear();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback())
            m_addresses.append(address);
        else
            qCWarning(lcLoopback) << "not listening on" << address.toString() << "because it is not a loopback address";
    }
}

bool LoopbackReplyHandler::isListening() const
{
    return m_server && m_server->isListening();
}

Result<QString, AuthorizationError> LoopbackReplyHandler::listen()
{
    if (m_server) {
        if (m_finished)
            return AuthorizationError(AuthorizationError::Kind::ListenFailed,
                u"This loopback listener has already been used; start a new authorization"_s);
        return m_callback;
    }
    m_server = new QTcpServer(this);
    QStringList problems;
    for (const QHostAddress &address : std::as_const(m_addresses)) {
        if (m_server->listen(address, m_port)) {
            m_boundAddress = address;
            m_boundPort = m_server->serverPort();
            break;
        }
        const QString where = u"%1 port %2"_s.arg(address.toString()).arg(m_port);
        if (m_port != 0 && m_server->serverError() == QAbstractSocket::AddressInUseError) {
            // The provider expects exactly this port: another address or port would not match the
            // registered redirect URI.
            problems = QStringList {u"port %1 on %2 is already in use by another program; close that program "
                                    "or use another port"_s.arg(m_port)
                                        .arg(address.toString())};
            break;
        }
        problems.append(u"%1: %2"_s.arg(where, m_server->errorString()));
    }
    if (!m_server->isListening()) {
        if (m_addresses.isEmpty())
            problems.append(u"no loopback address to listen on"_s);
        const AuthorizationError error(AuthorizationError::Kind::ListenFailed,
            u"Cannot open the loopback listener for the authorization redirect: "_s + problems.join(u"; "_s));
        qCWarning(lcLoopback).noquote() << error.message;
        fail(error);
        return error;
    }

    const QString host = m_boundAddress.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(m_boundAddress.toString())
        : m_boundAddress.toString();
    m_callback = u"http://%1:%2%3"_s.arg(host, QString::number(m_boundPort), m_path);
    m_server->setMaxPendingConnections(m_maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReplyHandler::acceptConnections);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        QString text = u"No answer from the browser within %1 seconds"_s.arg(m_timeout.count() / 1000.0);
        if (m_rejectedStates > 0)
            text += u" (%1 callback(s) with a wrong or missing state were turned away)"_s.arg(m_rejectedStates);
        fail(AuthorizationError(AuthorizationError::Kind::Timeout, text));
    });
    m_timer->start(clampedMilliseconds(m_timeout));
    qCInfo(lcLoopback).noquote() << "listening for the authorization redirect on" << m_callback;
    return m_callback;
}

void LoopbackReplyHandler::expect(const QString &state)
{
    m_expectedState = state;
    m_expecting = !state.isEmpty();
}

void LoopbackReplyHandler::cancel()
{
    if (m_finished)
        return;
    fail(AuthorizationError(AuthorizationError::Kind::Cancelled, u"The authorization was cancelled"_s));
}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    // Nothing to do: Authdesk's token requests do not go through QtNetworkAuth's flow objects.
    qCDebug(lcLoopback) << "ignoring a network reply for" << Redaction::url(reply ? reply->url() : QUrl());
}

void LoopbackReplyHandler::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // Bound to loopback, so this cannot happen; but a socket from elsewhere must never be served.
        if (!socket->peerAddress().isLoopback()) {
            qCWarning(lcLoopback) << "refusing a connection from" << socket->peerAddress().toString();
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (m_finished) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (int(m_connections.size()) >= m_maxConnections) {
            const auto oldest = std::min_element(m_connections.begin(), m_connections.end(),
                [](const auto &a, const auto &b) { return a.second->serial < b.second->serial; });
            qCDebug(lcLoopback) << "too many connections; dropping the oldest";
            dropConnection(oldest->first);
        }
        auto connection = std::make_unique<Connection>();
        connection->socket = socket;
        connection->serial = m_nextSerial++;
        connection->parser = LoopbackRequestParser(m_limits);
        connection->timer = new QTimer(socket);
        connection->timer->setSingleShot(true);
        connection->timer->start(clampedMilliseconds(m_connectionTimeout));
        // What Qt buffers for us is bounded too; the parser stops at its own limits.
        socket->setReadBufferSize(64 * 1024);
        connect(connection->timer, &QTimer::timeout, this, [this, socket] { connectionTimedOut(socket); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        // A browser that closes early, or a client that gives up: forget the connection.
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropConnection(socket); });
        m_connections.emplace(socket, std::move(connection));
        qCDebug(lcLoopback) << "connection" << m_nextSerial - 1 << "from port" << socket->peerPort();
    }
}

void LoopbackReplyHandler::dropConnection(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    // Keep the Connection alive until we are out of any function that still refers to it.
    std::unique_ptr<Connection> connection = std::move(it->second);
    m_connections.erase(it);
    socket->disconnect(this);
    if (connection->closing && socket->state() == QAbstractSocket::ConnectedState) {
        // Let the final response go out first: the socket closes once it is written, and is deleted
        // then; a client that never reads it is cut off after the connection timeout.
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(m_connectionTimeout, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    socket->abort();
    socket->deleteLater();
}

void LoopbackReplyHandler::connectionTimedOut(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it->second;
    if (!connection.closing && connection.parser.status() == LoopbackRequestParser::Status::NeedMore
        && connection.parser.hasData()) {
        qCDebug(lcLoopback) << "a request did not arrive in time";
        respond(connection, 408, LoopbackResultPage::badRequest(u"The request took too long to arrive."_s),
            Close::AfterResponse);
    }
    dropConnection(socket);
}

void LoopbackReplyHandler::readFrom(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it->second;
    const QByteArray bytes = socket->readAll();
    if (connection.closing)
        return;
    LoopbackRequestParser::Status status = connection.parser.feed(bytes);
    for (;;) {
        if (status == LoopbackRequestParser::Status::NeedMore)
            return;
        if (status == LoopbackRequestParser::Status::Error) {
            qCDebug(lcLoopback).noquote() << "bad request:" << connection.parser.problemText();
            respond(connection, connection.parser.errorStatusCode(),
                LoopbackResultPage::badRequest(
                    u"This is not a request Authdesk understands: "_s + connection.parser.problemText() + u'.'),
                Close::AfterResponse);
            return;
        }
        const LoopbackRequestParser::Request request = connection.parser.request();
        if (!serve(connection, request) || connection.closing)
            return;
        // Keep-alive: start the clock again for the next request on this connection.
        connection.timer->start(clampedMilliseconds(m_connectionTimeout));
        status = connection.parser.reset();
    }
}

bool LoopbackReplyHandler::isExpectedHost(const QByteArray &host) const
{
    // Browsers send the host of the redirect URI. Anything else is a request meant for another
    // server, such as a DNS-rebinding page, and gets no answer about the pending authorization.
    const QByteArray port = QByteArray::number(m_boundPort);
    static const QList<QByteArray> names {"127.0.0.1", "localhost", "[::1]"};
    for (const QByteArray &name : names) {
        if (host.compare(QByteArray(name + ':' + port), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool LoopbackReplyHandler::serve(Connection &connection, const LoopbackRequestParser::Request &request)
{
    // A body is never read, so the connection cannot be reused after such a request.
    const Close close = request.wantsKeepAlive() && !request.hasBody() ? Close::No : Close::AfterResponse;
    if (request.hasHeader("host") && !isExpectedHost(request.header("host"))) {
        qCDebug(lcLoopback) << "request for another host";
        respond(connection, 421, LoopbackResultPage::badRequest(u"This request was meant for another server."_s),
            Close::AfterResponse);
        return false;
    }
    if (request.path() != m_path.toUtf8()) {
        qCDebug(lcLoopback).noquote() << "404 for" << loggablePath(request.path());
        respond(connection, 404, LoopbackResultPage::notFound(), close);
        return close == Close::No;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        respond(connection, 405, LoopbackResultPage::badRequest(u"Only GET is served here."_s), close,
            {{"Allow", "GET, HEAD"}});
        return close == Close::No;
    }
    return serveCallback(connection, request, close) && close == Close::No;
}

bool LoopbackReplyHandler::serveCallback(
    Connection &connection, const LoopbackRequestParser::Request &request, Close close)
{
    const auto parameters = decodeQuery(request.query());
    QString code, state, iss, error, errorDescription, errorUri;
    QSet<QString> seen;
    bool repeated = false;
    for (const auto &[name, value] : parameters) {
        static const QSet<QString> single {
            u"code"_s, u"state"_s, u"iss"_s, u"error"_s, u"error_description"_s, u"error_uri"_s};
        if (single.contains(name)) {
            repeated = repeated || seen.contains(name);
            seen.insert(name);
        }
        if (name == u"code")
            code = value;
        else if (name == u"state")
            state = value;
        else if (name == u"iss")
            iss = value;
        else if (name == u"error")
            error = value;
        else if (name == u"error_description")
            errorDescription = value;
        else if (name == u"error_uri")
            errorUri = value;
    }

    if (m_finished) {
        reject(connection, AuthorizationError::Kind::ProviderError,
            u"This authorization has already finished; Authdesk is not waiting for another one."_s, close);
        return true;
    }
    if (!m_expecting) {
        reject(connection, AuthorizationError::Kind::ProviderError,
            u"Authdesk is not waiting for an authorization on this address yet."_s, close);
        return true;
    }
    // The state is checked before anything else in the answer is trusted, errors included
    // (RFC 6749 §4.1.2.1, RFC 9207 §2.4). A rejected callback leaves the attempt pending.
    if (repeated) {
        ++m_rejectedStates;
        reject(connection, AuthorizationError::Kind::StateMismatch,
            u"The answer repeats a parameter that may appear only once, so it was not accepted."_s, close);
        return true;
    }
    if (!seen.contains(u"state"_s) || !sameSecret(state, m_expectedState)) {
        ++m_rejectedStates;
        reject(connection, AuthorizationError::Kind::StateMismatch,
            seen.contains(u"state"_s)
                ? u"The answer does not belong to the authorization Authdesk started (its state does not match)."_s
                : u"The answer has no state, so Authdesk cannot tell that it belongs to the authorization it started."_s,
            close);
        return true;
    }

    if (!m_expectedIssuer.isEmpty()) {
        if (seen.contains(u"iss"_s) && iss != m_expectedIssuer) {
            AuthorizationError mismatch(AuthorizationError::Kind::IssuerMismatch,
                u"The answer came from \u201c%1\u201d, not from the expected issuer \u201c%2\u201d."_s.arg(
                    iss, m_expectedIssuer));
            qCWarning(lcLoopback).noquote() << "issuer mismatch: got" << iss << "expected" << m_expectedIssuer;
            respond(connection, 400, LoopbackResultPage::failure(mismatch), Close::AfterResponse);
            fail(mismatch);
            return false;
        }
        if (!seen.contains(u"iss"_s) && m_issuerRequired) {
            AuthorizationError missing(AuthorizationError::Kind::IssuerMismatch,
                u"The answer has no iss parameter, but %1 always sends one."_s.arg(m_expectedIssuer));
            qCWarning(lcLoopback).noquote() << "no iss from" << m_expectedIssuer << "although it is required";
            respond(connection, 400, LoopbackResultPage::failure(missing), Close::AfterResponse);
            fail(missing);
            return false;
        }
    } else if (seen.contains(u"iss"_s)) {
        qCDebug(lcLoopback) << "iss present but no issuer is configured; not checked";
    }

    if (seen.contains(u"error"_s) || code.isEmpty()) {
        const AuthorizationError providerError = seen.contains(u"error"_s)
            ? AuthorizationError::fromProvider(error, errorDescription, errorUri)
            : AuthorizationError(AuthorizationError::Kind::ProviderError,
                u"The provider's answer has neither an authorization code nor an error"_s);
        qCInfo(lcLoopback).noquote() << "authorization failed at the provider:" << providerError.kindName()
                                     << Redaction::text(error);
        respond(connection, 400, LoopbackResultPage::failure(providerError), Close::AfterResponse);
        fail(providerError);
        return false;
    }

    qCInfo(lcLoopback).noquote() << "authorization code received (code" << Redaction::placeholder() << "state"
                                 << Redaction::placeholder() << (iss.isEmpty() ? u"no iss)"_s : u"iss checked)"_s);
    respond(connection, 200, LoopbackResultPage::success(), Close::AfterResponse);
    succeed(AuthorizationResponse {code, state, iss, parameters});
    return false;
}

void LoopbackReplyHandler::reject(
    Connection &connection, AuthorizationError::Kind kind, const QString &reason, Close close)
{
    qCWarning(lcLoopback).noquote() << "callback turned away:" << reason;
    respond(connection, 400, LoopbackResultPage::rejected(reason), close);
    const AuthorizationError error(kind, reason);
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT callbackRejected(error); }, Qt::QueuedConnection);
}

void LoopbackReplyHandler::respond(Connection &connection, int status, const QByteArray &body, Close close,
    const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    QTcpSocket *socket = connection.socket;
    const bool head = connection.parser.status() == LoopbackRequestParser::Status::Complete
        && connection.parser.request().method == "HEAD";
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: text/html; charset=utf-8\r\n"
           "Cache-Control: no-store\r\n"
           "Pragma: no-cache\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Content-Security-Policy: "
        + LoopbackResultPage::contentSecurityPolicy() + "\r\n";
    for (const auto &[name, value] : extraHeaders)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += close == Close::AfterResponse ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (!head)
        out += body;
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->write(out);
    if (close == Close::AfterResponse && !connection.closing) {
        connection.closing = true;
        // Closed from the event loop, once no caller holds on to this connection; the response is
        // flushed first.
        const quint64 serial = connection.serial;
        QMetaObject::invokeMethod(
            this,
            [this, socket, serial] {
                const auto it = m_connections.find(socket);
                if (it != m_connections.end() && it->second->serial == serial)
                    dropConnection(socket);
            },
            Qt::QueuedConnection);
    }
}

void LoopbackReplyHandler::succeed(const AuthorizationResponse &response)
{
    finish();
    // Queued: the receiver may delete us (deleteLater) or start the token exchange after we have
    // left the socket code.
    QMetaObject::invokeMethod(
        this,
        [this, response] {
            Q_EMIT callbackReceived(response.parametersMap());
            Q_EMIT authorizationReceived(response);
        },
        Qt::QueuedConnection);
}

void LoopbackReplyHandler::fail(const AuthorizationError &error)
{
    if (m_finished)
        return;
    finish();
    qCInfo(lcLoopback).noquote() << "authorization ended:" << error.kindName() << Redaction::text(error.message);
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT authorizationFailed(error); }, Qt::QueuedConnection);
}

void LoopbackReplyHandler::finish()
{
    m_finished = true;
    m_expecting = false;
    if (m_timer)
        m_timer->stop();
    // RFC 8252 §8.3: close the port once the response is in. Connections that are still open get no
    // more answers; the one that carries a final page is closed after it has gone out.
    if (m_server)
        m_server->close();
    std::vector<QTcpSocket *> sockets;
    for (const auto &[socket, connection] : m_connections)
        sockets.push_back(socket);
    for (QTcpSocket *socket : sockets) {
        auto it = m_connections.find(socket);
        if (it != m_connections.end() && !it->second->closing)
            dropConnection(socket);
    }
}

} // namespace Authdesk
