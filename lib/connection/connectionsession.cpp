#include "connectionsession.h"

#include "apiclient.h"
#include "apiclientconfig.h"
#include "methodcall.h"
#include "refresher.h"
#include "refreshjob.h"
#include "refreshrequest.h"
#include "scriptapiclientgateway.h"

#include "store/connectionindex.h"
#include "store/secretstore.h"
#include "support/clock.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectionSession::ConnectionSession(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_secrets(secrets)
    , m_index(index)
    , m_clock(clock)
{
}

ConnectionSession::~ConnectionSession() = default;

void ConnectionSession::open()
{
    QTimer::singleShot(0, this, [this] {
        const auto auth = m_settings.spec.effectiveAuth(m_settings.optionKey);
        if (!auth) {
            Q_EMIT ready(auth.error());
            return;
        }
        m_auth = *auth;
        refresh(false, [this](std::optional<Error> error) {
            if (error) {
                Q_EMIT ready(error);
                return;
            }
            buildClientConfig([this](Result<ApiClientConfig> config) {
                if (!config) {
                    Q_EMIT ready(config.error());
                    return;
                }
                m_client = new ApiClient(*config, m_clock, this);
                m_client->setCredentialsRefresher(this);
                Q_EMIT ready(std::nullopt);
            });
        });
    });
}

// The credentials through the profile's refresher: it refreshes only when forced or due, one refresh
// per connection at a time, and hands back the (re-read) stored credentials otherwise.
void ConnectionSession::refresh(bool force, std::function<void(std::optional<Error>)> then)
{
    if (!m_refresher)
        return refreshLocally(force, std::move(then));
    RefreshRequest *request = m_refresher->refresh(m_settings.connectionName, force, Refresher::Want::Credentials);
    connect(request, &RefreshRequest::finished, this, [this, force, then = std::move(then)](RefreshRequest *finished) {
        const RefreshOutcome &outcome = finished->outcome();
        then(takeRefresh(force, outcome.error, outcome.record, outcome.credentials, outcome.exchanges));
    });
}

// Without a Refresher: a RefreshJob of its own, which takes the profile lock and re-reads the credentials.
void ConnectionSession::refreshLocally(bool force, std::function<void(std::optional<Error>)> then)
{
    RefreshJob::Settings settings;
    settings.spec = m_settings.spec;
    settings.optionKey = m_settings.optionKey;
    settings.connectorParameters = m_settings.connectorParameters;
    settings.connectionName = m_settings.connectionName;
    settings.lockFilePath = m_settings.lockFilePath;
    settings.force = force;
    auto *job = new RefreshJob(settings, m_secrets, m_index, m_clock, this);
    connect(job, &RefreshJob::finished, this, [this, force, then = std::move(then)](RefreshJob *finished) {
        finished->deleteLater();
        then(takeRefresh(force, finished->error(), finished->record(), finished->credentials(), finished->httpExchanges()));
    });
    job->start();
}

std::optional<Error> ConnectionSession::takeRefresh(bool force, const std::optional<Error> &error, const ConnectionRecord &record,
    const QJsonObject &credentials, const QList<HttpExchange> &exchanges)
{
    m_exchanges += exchanges;
    if (!record.id.isEmpty())
        m_record = record;
    if (!credentials.isEmpty())
        m_credentials = credentials;
    if (!error)
        return std::nullopt;
    // A refresh that was due but failed (say, the network is down) does not stop API use while the
    // stored access token lasts; a forced one (after a 401) does.
    const bool stillValid = !m_credentials.value(u"access_token"_s).toString().isEmpty() && m_record.expiresAt.isValid()
        && m_record.expiresAt > m_clock.nowUtc();
    if (force || !stillValid || error->code == ErrorCode::NotFound || error->code == ErrorCode::SecureStorage)
        return error;
    return std::nullopt;
}

QJsonObject ConnectionSession::methodArguments() const
{
    QJsonObject arguments{{u"connectorParameters"_s, m_settings.connectorParameters}, {u"connectionInput"_s, m_record.input},
        {u"credentials"_s, m_credentials}};
    return MethodCall::completeArguments(m_settings.spec, arguments);
}

void ConnectionSession::buildClientConfig(std::function<void(Result<ApiClientConfig>)> then)
{
    const MethodImplementation *makeApiClient = m_auth.method(AuthMethod::MakeApiClient);
    if (!makeApiClient)
        return then(Error(ErrorCode::Validation, u"connector \"%1\" has no makeApiClient"_s.arg(m_settings.spec.key())));
    // connector-format.md §6.1: makeApiClient sees the credentials merged with the connection input.
    QJsonObject arguments = methodArguments();
    QJsonObject credentials = m_record.input;
    for (auto it = m_credentials.begin(); it != m_credentials.end(); ++it)
        credentials.insert(it.key(), it.value());
    arguments.insert(u"credentials"_s, credentials);

    if (makeApiClient->type == ImplementationType::Mapping)
        return then(ApiClientConfig::fromMapping(makeApiClient->mapping, arguments, m_settings.spec.key()));
    auto *call = new MethodCall(*makeApiClient, arguments, this);
    connect(call, &MethodCall::finished, this, [this, then = std::move(then)](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return then(finished->result().error());
        then(ApiClientConfig::fromJson(*finished->result(), m_settings.spec.key()));
    });
    call->start();
}

void ConnectionSession::refreshApiCredentials(
    const ApiClientConfig &rejected, QObject *context, std::function<void(Result<ApiClientConfig>)> done)
{
    Q_UNUSED(rejected);
    Q_UNUSED(context); // the client lives in this session's thread: `done` is called on it
    m_waitingForRefresh.append(std::move(done));
    if (m_waitingForRefresh.size() > 1)
        return; // one refresh answers every request that is waiting
    refresh(true, [this](std::optional<Error> error) {
        const auto answer = [this](const Result<ApiClientConfig> &config) {
            const auto waiting = std::exchange(m_waitingForRefresh, {});
            for (const auto &callback : waiting)
                callback(config);
        };
        if (error)
            return answer(*error);
        buildClientConfig(answer);
    });
}

std::shared_ptr<ScriptApiGateway> ConnectionSession::scriptGateway() const
{
    return m_client ? std::make_shared<ScriptApiClientGateway>(m_client) : nullptr;
}

QList<HttpExchange> ConnectionSession::httpExchanges() const
{
    QList<HttpExchange> exchanges = m_exchanges;
    if (m_client)
        exchanges += m_client->exchanges();
    return exchanges;
}

} // namespace Authdesk
