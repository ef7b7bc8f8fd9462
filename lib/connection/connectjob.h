#pragma once

#include "connectionstatus.h"

#include "oauth/authorizationerror.h"
#include "oauth/authorizationrequest.h"
#include "oauth/authorizationresponse.h"
#include "oauth/oauthconfig.h"
#include "spec/authspec.h"
#include "spec/connectorspec.h"
#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Authdesk {

class Clock;
class ConnectionIndex;
class LoopbackReplyHandler;
class MethodCall;
class SecretStore;
class TokenClient;

// One authorization-code flow, from the connector's getOAuthConfig to credentials confirmed in the
// keychain and the connection in the profile's index (design.md, "How data flows"):
//
//   getOAuthConfig -> loopback listener + AuthorizationRequest (PKCE, state, nonce)
//     -> authorizationUrlReady(url): the caller opens the browser
//     -> callback (code, state, iss checked) -> getTokenData (JS) or the standard code exchange
//     -> getCredentialsFrom(Access)TokenResponse (merged onto the token response)
//     -> SecretStore write, read back -> ConnectionIndex entry (no secrets) -> finished()
//
// A reconnect (the name exists and `reconnect` is set) keeps the connection's id and history and
// replaces its credentials only once the new ones are stored: a failed reconnect loses nothing.
// finished() is emitted exactly once, never from inside start().
class ConnectJob : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        ConnectorSpec spec;
        QString optionKey; // the auth option; empty for the connector's single one
        QJsonObject connectorParameters; // complete: non-secret and secret ones
        QJsonObject connectionInput; // what the user entered (non-secret parts go to the index)
        QString connectionName; // empty: the connector key, numbered when taken
        bool reconnect = false;
        std::optional<quint16> port; // --port: overrides the connector's redirectPort
        std::chrono::milliseconds timeout = std::chrono::minutes(5);
    };

    ConnectJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock,
        QObject *parent = nullptr);
    ~ConnectJob() override;

    void start();
    // Ends the attempt (Ctrl+C, the dialog's Cancel): finished() with a Denied-kind error. Nothing
    // is stored, and the listener is closed. Once the credentials are being written to the keychain
    // it is too late: the job then ends as the write does.
    void cancel();

    bool isFinished() const { return m_finished; }
    const std::optional<Error> &error() const { return m_error; }
    // Set once finished without error.
    const ConnectionRecord &record() const { return m_record; }
    // Where the browser must go; valid once authorizationUrlReady() was emitted.
    QUrl authorizationUrl() const { return m_request ? m_request->url() : QUrl(); }
    QString redirectUri() const { return m_redirectUri; }
    // Every request of the flow (token endpoint, scripts), redacted, for the connection's HTTP log.
    const QList<HttpExchange> &httpExchanges() const { return m_exchanges; }

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void progress(const QString &message);
    void finished(Authdesk::ConnectJob *job, QPrivateSignal);

private:
    bool listen(const OAuthConfig *config);
    void evaluateConfig();
    void onConfig(MethodCall *call);
    void authorize();
    void onAuthorized(const AuthorizationResponse &response);
    void exchangeCode();
    void onTokenResponse(QJsonObject tokenResponse);
    void store(QJsonObject credentials);
    void fail(Error error);
    void finish();
    // Emits progress(); false when a slot ended the job meanwhile (cancel()).
    bool announce(const QString &message);
    QJsonObject methodArguments() const;
    QJsonObject callbackArguments() const;
    QString chooseName() const;

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    ConnectionIndex *m_index;
    const Clock &m_clock;
    AuthSpec m_auth;
    OAuthConfig m_config;
    QPointer<LoopbackReplyHandler> m_handler;
    TokenClient *m_tokenClient = nullptr;
    QString m_redirectUri;
    int m_configEvaluations = 0;
    std::optional<AuthorizationRequest> m_request;
    AuthorizationResponse m_response;
    QJsonObject m_tokenResponse;
    QDateTime m_obtainedAt;
    ConnectionRecord m_record;
    QList<HttpExchange> m_exchanges;
    std::optional<Error> m_error;
    QPointer<QObject> m_step; // the running method call or job, deleted on cancel
    bool m_started = false;
    bool m_finished = false;
    bool m_pendingAdded = false; // a new connection's index entry exists, not yet complete
    bool m_storing = false; // the keychain write runs
    bool m_secretWritten = false; // the keychain holds the new credentials
};

} // namespace Authdesk
