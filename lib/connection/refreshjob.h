#pragma once

#include "connectionstatus.h"

#include "oauth/oauthconfig.h"
#include "spec/authspec.h"
#include "spec/connectorspec.h"
#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>

class QLockFile;
class QTimer;

namespace Authdesk {

class Clock;
class ConnectionIndex;
class MethodCall;
class SecretStore;
class TokenClient;
struct TokenError;

// One refresh of a connection's credentials, rotation-safe (oauth-standards-and-qt.md check 11):
//
//   take the profile's refresh lock -> read the stored credentials again (another process may have
//   refreshed them meanwhile; then, unless forced, nothing more is done)
//   -> refreshCredentials (the connector's method) or the standard refresh request
//      (+ getCredentialsFromRefreshTokenResponse) -> merged onto the stored credentials (a missing
//      refresh_token keeps the old one; expiry as the new response says, else unknown)
//   -> keychain write, read back -> index (expiry, status, last refresh) -> release the lock.
//
// The new credentials replace the old ones only once the keychain confirmed them. A refusal of the
// grant (invalid_grant, ...) marks the connection NeedsReconnect and keeps the credentials for
// inspection; a transient failure leaves the connection as it was, with the failure in its history.
//
// Failures whose result is unknown (issue 5, "never silently broken"):
// - a connection found in status Refreshing under the lock: the refresher that set it died mid-way;
// - a token request that got no answer (timeout, connection dropped after sending): the provider may
//   have rotated the refresh token and its answer is lost.
// Both leave a "refresh-unconfirmed" history event; when the provider later refuses the stored refresh
// token, the explanation names that refresh as the likely cause.
//
// A connection in NeedsReconnect is not refreshed, forced or not: its refresh token was refused, and
// sending it again cannot help (with rotation it may revoke the grant). The job fails at once with the
// last refresh's explanation, without a request to the provider; the credentials stay for inspection.
// finished() is emitted exactly once, never from inside start().
class RefreshJob : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        ConnectorSpec spec;
        QString optionKey;
        QJsonObject connectorParameters; // complete: non-secret and secret ones
        QString connectionName;
        QString lockFilePath; // the profile's refresh lock; empty: no lock (tests)
        // Refresh even when the stored token is still valid for longer than `minimumValidity` (or,
        // for a token that lives less than twice that, than half its lifetime).
        bool force = true;
        std::chrono::seconds minimumValidity{60};
        std::chrono::milliseconds lockTimeout{30000};
        // How long the token endpoint may stay silent; nullopt: environmentTokenTimeout().
        std::optional<std::chrono::milliseconds> tokenTimeout;
    };

    // AUTHDESK_REFRESH_TIMEOUT (seconds, fractions allowed) when set to a positive number, else
    // TokenClient's default. For slow links, and for tests that need a timeout in seconds.
    static std::chrono::milliseconds environmentTokenTimeout();

    RefreshJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock,
        QObject *parent = nullptr);
    ~RefreshJob() override;

    void start();

    bool isFinished() const { return m_finished; }
    const std::optional<Error> &error() const { return m_error; }
    // The connection's credentials afterwards (refreshed, or as stored when no refresh was needed).
    const QJsonObject &credentials() const { return m_credentials; }
    const ConnectionRecord &record() const { return m_record; }
    // False when the stored token was still fresh enough (not forced) and nothing was sent.
    bool refreshed() const { return m_refreshed; }
    const QList<HttpExchange> &httpExchanges() const { return m_exchanges; }

Q_SIGNALS:
    void finished(Authdesk::RefreshJob *job, QPrivateSignal);

private:
    void tryLock();
    void readCredentials();
    void refresh();
    void refreshWithMethod(const MethodImplementation &method);
    void refreshWithConfig();
    void onRefreshResponse(QJsonObject response);
    void store(QJsonObject credentials);
    void recordCheck(ConnectionRecord &record, bool succeeded, const QString &message) const;
    void fail(Error error, std::optional<ConnectionStatus> status = std::nullopt);
    // NeedsReconnect: fails with the last explanation, sends nothing.
    void refuseWithoutSending();
    // A failure of the token request, with what the connection's history says about its likely cause.
    void failTokenRequest(const TokenError &error);
    void finish();
    QJsonObject methodArguments() const;

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    ConnectionIndex *m_index;
    const Clock &m_clock;
    TokenClient *m_tokenClient;
    AuthSpec m_auth;
    OAuthConfig m_config;
    ConnectionRecord m_record;
    QJsonObject m_stored;
    QJsonObject m_credentials;
    std::unique_ptr<QLockFile> m_lock;
    QTimer *m_lockRetry = nullptr;
    qint64 m_lockStartedMs = 0;
    QDateTime m_obtainedAt;
    QList<HttpExchange> m_exchanges;
    std::optional<Error> m_error;
    QString m_unconfirmed; // fail() records it as a refresh-unconfirmed event
    QPointer<QObject> m_step;
    bool m_started = false;
    bool m_refreshed = false;
    bool m_finished = false;
};

} // namespace Authdesk
