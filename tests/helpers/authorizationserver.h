#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Authdesk::Test {

// A real OAuth 2.0 / OpenID Connect authorization server for tests: tests/authserver/server.mjs
// (oidc-provider from npm) run with Node.js on 127.0.0.1 and an ephemeral port.
//
//     if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
//         QSKIP(qPrintable(reason));
//     AuthorizationServer server;
//     QVERIFY2(server.startAndWait(), qPrintable(server.errorString()));
//     const AuthorizationServer::Client client = server.client(AuthorizationServer::basicClient());
//     // authorize at server.endpoint(u"authorization"_s) with redirect_uri http://127.0.0.1:PORT/callback,
//     // run the scripted browser: node browser.mjs URL (AuthorizationServer::browserCommandLine()),
//     // exchange the code at server.endpoint(u"token"_s) ...
//
// The server has three native clients (basicClient(), postClient(), publicClient()) whose redirect
// URIs are http://{127.0.0.1,[::1],localhost}/{callback,oauth2/callback} on any port (plus
// Options::redirectUris). PKCE S256 is required; refresh tokens rotate (reuse = invalid_grant and the
// grant is revoked); the registered client authentication method is enforced. Details, and where
// oidc-provider differs from the RFCs, in tests/authserver/server.mjs and tests/authserver/README.md.
//
// start() is asynchronous (ready() or failed()); startAndWait() spins the event loop until then. The
// process stops with the object (stdin is closed, then it is terminated, then killed).
class AuthorizationServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationServer)

public:
    struct Client
    {
        QString id;
        QString secret; // empty for the public client
        QString authMethod; // client_secret_basic, client_secret_post or none
    };

    struct Options
    {
        int accessTokenTtl = 300; // seconds
        int refreshTokenTtl = 86400;
        int codeTtl = 60;
        // Registered as well, for every client (e.g. http://127.0.0.1/oauth2/callback/acme).
        QStringList redirectUris;
        // false: refresh tokens only for `offline_access` (the OpenID Connect rule, which also needs
        // prompt=consent); true: for every code exchange.
        bool refreshTokenWithoutOfflineAccess = true;
        // oidc-provider's own behaviour: Basic and body credentials accepted for both secret methods.
        bool lenientClientAuth = false;
        QStringList extraArguments;
    };

    enum class Consent { Grant, Deny };

    explicit AuthorizationServer(QObject *parent = nullptr);
    ~AuthorizationServer() override;

    static QString basicClient() { return QStringLiteral("basic-client"); }
    static QString postClient() { return QStringLiteral("post-client"); }
    static QString publicClient() { return QStringLiteral("public-client"); }

    // Empty when the server can run; otherwise why not (for QSKIP): no Node.js, or no
    // tests/authserver/node_modules.
    static QString unavailableReason();
    // Node.js: AUTHDESK_TEST_NODE, else `node` on PATH.
    static QString nodeProgram();
    // tests/authserver (AUTHDESK_TEST_AUTHSERVER_DIR overrides it).
    static QString packageDirectory();
    static QString browserScript();
    // `node /path/browser.mjs`, for AUTHDESK_BROWSER (the URL is appended as the last argument).
    static QString browserCommandLine();
    // The arguments to run the scripted browser on `url` with nodeProgram().
    static QStringList browserArguments(const QUrl &url);
    // `environment` plus the scripted browser's settings (AUTHDESK_TEST_LOGIN, AUTHDESK_TEST_CONSENT).
    static QProcessEnvironment browserEnvironment(const QString &login = QStringLiteral("alice"),
        Consent consent = Consent::Grant,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    void start(const Options &options);
    void start() { start(Options()); }
    bool startAndWait(const Options &options, int timeoutMs = 30000);
    bool startAndWait() { return startAndWait(Options()); }
    void stop();

    bool isReady() const { return m_ready; }
    QString errorString() const { return m_errorString; }
    // What the server wrote on stderr (one line per request, no secrets).
    QString log() const { return QString::fromUtf8(m_log); }

    QUrl issuer() const { return m_issuer; }
    quint16 port() const { return m_port; }
    // discovery, authorization, token, revocation, introspection, userinfo, jwks, api (any valid access
    // token), apiRead (needs the api:read scope).
    QUrl endpoint(const QString &name) const;
    Client client(const QString &id) const;
    QList<Client> clients() const;
    QStringList redirectUris() const;
    // The whole ready line.
    QJsonObject info() const { return m_info; }

Q_SIGNALS:
    void ready();
    void failed(const QString &reason);

private:
    void readStandardOutput();
    void readStandardError();
    void fail(const QString &reason);

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_log;
    bool m_ready = false;
    bool m_failed = false;
    QString m_errorString;
    QJsonObject m_info;
    QUrl m_issuer;
    quint16 m_port = 0;
};

} // namespace Authdesk::Test
