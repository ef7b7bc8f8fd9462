#pragma once

#include "apicredentialsrefresher.h"
#include "refresher.h"

#include "spec/authspec.h"
#include "spec/connectorspec.h"
#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"
#include "support/result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Authdesk {

class ApiClient;
class ApiClientConfig;
class Clock;
class ConnectionIndex;
class ScriptApiGateway;
class SecretStore;

// A connection ready for API use: its credentials (refreshed first when due), its API client built
// from the connector's makeApiClient, and the refresh that the client asks for after a 401 — one
// refresh through the profile's Refresher (the refresher daemon, or a RefreshJob under the profile
// lock in this process), then makeApiClient again with the new credentials.
//
//     auto *session = new ConnectionSession(settings, secrets, index, clock, this);
//     connect(session, &ConnectionSession::ready, this, [session](const std::optional<Error> &error) {
//         if (!error) session->apiClient()->request(...);
//     });
//     session->open();
class ConnectionSession : public QObject, public ApiCredentialsRefresher
{
    Q_OBJECT

public:
    struct Settings
    {
        ConnectorSpec spec;
        QString optionKey;
        QJsonObject connectorParameters;
        QString connectionName;
        QString lockFilePath;
    };

    ConnectionSession(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock,
        QObject *parent = nullptr);
    ~ConnectionSession() override;

    // Who refreshes (ProfileRefresher: the daemon when it runs). Without one, the session runs its own
    // RefreshJob under Settings::lockFilePath. Set before open(); not owned.
    void setRefresher(Refresher *refresher) { m_refresher = refresher; }

    // Reads (and when due refreshes) the credentials and builds the API client; ready() follows.
    void open();

    const AuthSpec &auth() const { return m_auth; }
    const ConnectorSpec &spec() const { return m_settings.spec; }
    const ConnectionRecord &record() const { return m_record; }
    const QJsonObject &credentials() const { return m_credentials; }
    const QJsonObject &connectorParameters() const { return m_settings.connectorParameters; }
    ApiClient *apiClient() const { return m_client; }
    // For connector scripts that run for this connection: their apiClient.
    std::shared_ptr<ScriptApiGateway> scriptGateway() const;
    // The argument object of a method that runs for this connection.
    QJsonObject methodArguments() const;
    // Everything this session sent (refreshes, makeApiClient scripts, API calls), redacted.
    QList<HttpExchange> httpExchanges() const;

    void refreshApiCredentials(
        const ApiClientConfig &rejected, QObject *context, std::function<void(Result<ApiClientConfig>)> done) override;

Q_SIGNALS:
    void ready(const std::optional<Authdesk::Error> &error);

private:
    void refresh(bool force, std::function<void(std::optional<Error>)> then);
    void refreshLocally(bool force, std::function<void(std::optional<Error>)> then);
    // What a refresh left: the record, the credentials; the error that stops API use, if any.
    std::optional<Error> takeRefresh(bool force, const std::optional<Error> &error, const ConnectionRecord &record,
        const QJsonObject &credentials, const QList<HttpExchange> &exchanges);
    void buildClientConfig(std::function<void(Result<ApiClientConfig>)> then);

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    ConnectionIndex *m_index;
    const Clock &m_clock;
    QPointer<Refresher> m_refresher;
    AuthSpec m_auth;
    ConnectionRecord m_record;
    QJsonObject m_credentials;
    ApiClient *m_client = nullptr;
    QList<HttpExchange> m_exchanges;
    QList<std::function<void(Result<ApiClientConfig>)>> m_waitingForRefresh; // one refresh for all
};

} // namespace Authdesk
