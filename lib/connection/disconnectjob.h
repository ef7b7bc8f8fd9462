#pragma once

#include "oauth/oauthconfig.h"
#include "spec/authspec.h"
#include "spec/connectorspec.h"
#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace Authdesk {

class ConnectionIndex;
class MethodCall;
class SecretStore;
class TokenClient;

// Ends a connection: revokes the grant at the provider (unless told to keep it) and then deletes the
// credentials from the keychain and the connection from the index.
//
// Revocation uses the connector's `disconnect` method when it has one; otherwise RFC 7009 at the OAuth
// config's revokeUri, or at the revocation_endpoint of the issuer's RFC 8414 metadata. The refresh
// token is revoked first (that ends the grant at most providers), then the access token. When the
// provider offers no revocation the local data is still deleted and notes() says so. When revocation
// fails, nothing is deleted: the error says to retry or to use --keep-remote.
class DisconnectJob : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        ConnectorSpec spec;
        QString optionKey;
        QJsonObject connectorParameters;
        QString connectionName;
        bool keepRemote = false;
    };

    DisconnectJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, QObject *parent = nullptr);
    ~DisconnectJob() override;

    void start();

    bool isFinished() const { return m_finished; }
    const std::optional<Error> &error() const { return m_error; }
    // What happened at the provider, for the user ("revoked the refresh token at ...").
    const QStringList &notes() const { return m_notes; }
    const QList<HttpExchange> &httpExchanges() const { return m_exchanges; }

Q_SIGNALS:
    void finished(Authdesk::DisconnectJob *job, QPrivateSignal);

private:
    void revoke();
    void revokeWithMethod(const MethodImplementation &method);
    void revokeAt(const QUrl &endpoint);
    void revokeNext();
    void deleteLocal();
    void fail(Error error);
    void finish();
    QJsonObject methodArguments() const;

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    ConnectionIndex *m_index;
    TokenClient *m_tokenClient;
    AuthSpec m_auth;
    OAuthConfig m_config;
    ConnectionRecord m_record;
    QJsonObject m_credentials;
    QList<std::pair<QString, QString>> m_tokensToRevoke; // (hint, token)
    QStringList m_notes;
    QList<HttpExchange> m_exchanges;
    std::optional<Error> m_error;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
