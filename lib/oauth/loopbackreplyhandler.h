#pragma once

#include "authorizationerror.h"
#include "authorizationresponse.h"
#include "loopbackrequestparser.h"
#include "support/result.h"

#include <QAbstractOAuthReplyHandler>
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <chrono>
#include <map>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace Authdesk {

struct OAuthConfig;

// Receives the authorization redirect on a loopback HTTP listener of its own (RFC 8252 §7.3) and
// checks it before anyone uses the code. It implements QtNetworkAuth's reply-handler interface so
// that it can stand in for QOAuthHttpServerReplyHandler, which on Qt 6.4 binds every interface,
// matches paths by prefix, drops split requests and ignores a wrong state (oauth-standards-and-qt.md
// §C); the behaviour here is the same on every Qt version.
//
//     app                    LoopbackReplyHandler                    browser / provider
//      | listen() ---------------> bind 127.0.0.1:0 (else ::1)
//      | <------ redirect URI "http://127.0.0.1:PORT/callback"
//      | AuthorizationRequest::create(config, uri); expect(request.state())
//      | open request.url() -------------------------------------------> consent
//      |                          <---- GET /callback?code=..&state=..&iss=.. (redirect)
//      |                          state ok? iss ok? -> page; close listener
//      | <-- authorizationReceived(response) / authorizationFailed(error)
//
// - Binds loopback only, an ephemeral port unless one is configured; a busy configured port is a
//   ListenFailed error (no silent fallback, the provider pinned that URI).
// - callback() is `http://127.0.0.1:PORT/PATH` (or `http://[::1]:PORT/PATH` when only IPv6 loopback
//   could be bound), fixed when listen() succeeds and unchanged after the listener closes.
// - Serves only the exact path (GET or HEAD): other paths get 404, a wrong or missing state 400; none
//   of these ends the attempt. Requests may arrive in pieces, over keep-alive or several
//   connections; garbage gets 400, oversized heads 414/431, slow clients are cut off.
// - `iss`, when present and an issuer is expected, must equal it exactly (RFC 9207); when the
//   issuer is declared to always send it, a response without it fails.
// - Exactly one of authorizationReceived() and authorizationFailed() follows listen(): on the first
//   acceptable callback, on timeout (5 minutes by default), on cancel(), or when listen() fails.
//   The listener is closed then. A slot may deleteLater() the handler, not delete it.
class LoopbackReplyHandler : public QAbstractOAuthReplyHandler
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds defaultTimeout = std::chrono::minutes(5);
    static constexpr std::chrono::milliseconds defaultConnectionTimeout = std::chrono::seconds(30);
    static constexpr int defaultMaxConnections = 16;

    explicit LoopbackReplyHandler(QObject *parent = nullptr);
    ~LoopbackReplyHandler() override;

    // Configuration; takes effect at listen().
    // redirectPort, redirectPath, issuer and authorizationResponseIssParameterSupported of a config.
    void configure(const OAuthConfig &config);
    void setPort(quint16 port); // 0: ephemeral
    void setPath(const QString &path); // begins with '/'; default "/callback"
    // Compare `iss` with `issuer` when it is present; with `required`, a response without it fails.
    void setExpectedIssuer(const QString &issuer, bool required);
    void setTimeout(std::chrono::milliseconds timeout); // for the whole attempt, from listen()
    void setConnectionTimeout(std::chrono::milliseconds timeout); // for one request or idle keep-alive
    void setMaxConnections(int count); // beyond it the oldest connection is dropped
    void setRequestLimits(const LoopbackRequestParser::Limits &limits);
    // Where to try to listen, in order; addresses that are not loopback are ignored. Default:
    // 127.0.0.1, then ::1.
    void setLoopbackAddresses(const QList<QHostAddress> &addresses);

    // Opens the listener and returns the redirect URI (the same string as callback()).
    // On failure authorizationFailed(ListenFailed) is emitted as well.
    Result<QString, AuthorizationError> listen();
    bool isListening() const;
    quint16 port() const { return m_boundPort; }
    QHostAddress address() const { return m_boundAddress; }
    QString path() const { return m_path; }
    // The redirect URI fixed by listen(); empty before.
    QString callback() const override { return m_callback; }

    // The state of the pending authorization request. Callbacks before this are rejected (400).
    void expect(const QString &state);
    // Ends the attempt: authorizationFailed(Cancelled), unless it has already ended.
    void cancel();
    bool isFinished() const { return m_finished; }

public Q_SLOTS:
    // Part of the interface, unused: protocol requests are Authdesk's own code (TokenClient).
    void networkReplyFinished(QNetworkReply *reply) override;

Q_SIGNALS:
    // The redirect carried a code, the right state and an acceptable `iss`.
    void authorizationReceived(const Authdesk::AuthorizationResponse &response);
    // The attempt ended without a code: Denied, ProviderError, IssuerMismatch, Timeout, Cancelled,
    // ListenFailed.
    void authorizationFailed(const Authdesk::AuthorizationError &error);
    // A callback was turned away and the attempt goes on (StateMismatch: a missing, wrong or
    // repeated state; ProviderError: a callback before expect()).
    void callbackRejected(const Authdesk::AuthorizationError &error);

private:
    struct Connection;
    enum class Close { No, AfterResponse };

    void acceptConnections();
    void readFrom(QTcpSocket *socket);
    void connectionTimedOut(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);
    // Answers one complete request; returns whether the connection may carry another one.
    bool serve(Connection &connection, const LoopbackRequestParser::Request &request);
    bool serveCallback(Connection &connection, const LoopbackRequestParser::Request &request, Close close);
    bool isExpectedHost(const QByteArray &host) const;
    void respond(Connection &connection, int status, const QByteArray &body, Close close,
        const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});
    void reject(Connection &connection, AuthorizationError::Kind kind, const QString &reason, Close close);
    void succeed(const AuthorizationResponse &response);
    void fail(const AuthorizationError &error);
    void finish();

    // Configuration.
    quint16 m_port = 0;
    QString m_path;
    QString m_expectedIssuer;
    bool m_issuerRequired = false;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    std::chrono::milliseconds m_connectionTimeout = defaultConnectionTimeout;
    int m_maxConnections = defaultMaxConnections;
    LoopbackRequestParser::Limits m_limits;
    QList<QHostAddress> m_addresses;

    // State of the attempt.
    QTcpServer *m_server = nullptr;
    QTimer *m_timer = nullptr;
    QString m_callback;
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
    QString m_expectedState;
    bool m_expecting = false;
    bool m_finished = false;
    int m_rejectedStates = 0;
    quint64 m_nextSerial = 0;
    std::map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
};

} // namespace Authdesk
