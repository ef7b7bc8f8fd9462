#pragma once

#include "apiclientconfig.h"
#include "apirequest.h"
#include "apiretrypolicy.h"

#include "support/error.h"
#include "support/httpexchange.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace Authdesk {

class ApiCredentialsRefresher;
class ApiRequestJob;
class Clock;

// The API client of a connection, built from the connector's makeApiClient (ApiClientConfig), on
// QNetworkAccessManager and NetworkPolicy (https://, or http:// to loopback; system proxy; TLS
// verified; no redirects followed; no cookies kept):
//
//     auto *client = new ApiClient(*ApiClientConfig::fromMapping(mapping, {{"credentials", creds}}, name), this);
//     client->setCredentialsRefresher(connection);             // 401 -> one refresh, one retry
//     ApiRequestJob *job = client->request(ApiRequest::make(u"GET"_s, u"/user"_s));
//     connect(job, &ApiRequestJob::finished, this, [](ApiRequestJob *job) {
//         if (job->error()) show(job->error()->message); else use(job->response()->data);
//         job->deleteLater();
//     });
//     job->start();
//
// What a response means (connector-format.md §6.3, oauth-standards-and-qt.md check 13): response
// handlers first (the first whose match is truthy decides), then 2xx success; 401 -> fresh credentials
// from the refresher once, and one retry (a second 401 fails with key access_token_expired); 403
// insufficient_scope -> failure without refresh; 429 -> at most retryPolicy().maximumRetries repeats
// after Retry-After or exponential backoff with jitter, then key rate_limit_exceeded; anything else
// -> a failure with the status and a body excerpt (ApiError). Bodies above maximumResponseBytes are
// not read. Every exchange is recorded redacted (exchanges(), exchangeRecorded()).
//
// The client, its jobs and the refresher's callbacks live on the thread that created the client.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds defaultTimeout {30000};
    static constexpr qint64 defaultMaximumResponseBytes = 16 * 1024 * 1024;
    // How many exchanges exchanges() keeps (the oldest go first).
    static constexpr qsizetype keptExchanges = 200;

    // Waits `delay`, then calls `resume` on the thread of `context`, unless `context` is destroyed
    // first. The default uses a QTimer; tests install one that does not wait.
    using DelayFunction
        = std::function<void(std::chrono::milliseconds delay, QObject *context, std::function<void()> resume)>;

    // The clock (read for HTTP-date Retry-After values and exchange times) must outlive the client.
    ApiClient(ApiClientConfig config, const Clock &clock, QObject *parent = nullptr);
    explicit ApiClient(ApiClientConfig config, QObject *parent = nullptr); // the system clock
    ~ApiClient() override;

    const ApiClientConfig &config() const { return m_config; }
    // Replaces the config (after a refresh: the new token's headers); requests already on the wire
    // keep the one they were sent with.
    void setConfig(ApiClientConfig config);
    // Counts setConfig() calls: tells whether a config was replaced since a request was sent.
    quint64 configGeneration() const { return m_configGeneration; }

    // Not owned; it must outlive the client or be unset (nullptr) first. Without one, a 401 fails
    // at once with key access_token_expired.
    ApiCredentialsRefresher *credentialsRefresher() const { return m_refresher; }
    void setCredentialsRefresher(ApiCredentialsRefresher *refresher) { m_refresher = refresher; }

    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    qint64 maximumResponseBytes() const { return m_maximumResponseBytes; }
    void setMaximumResponseBytes(qint64 bytes) { m_maximumResponseBytes = bytes; }
    const ApiRetryPolicy &retryPolicy() const { return m_retryPolicy; }
    void setRetryPolicy(const ApiRetryPolicy &policy) { m_retryPolicy = policy; }
    void setDelayFunction(DelayFunction delay);

    // A job for one request, a child of the client, not started yet.
    ApiRequestJob *request(ApiRequest request);

    // The most recent exchanges of all requests, redacted, oldest first.
    const QList<HttpExchange> &exchanges() const { return m_exchanges; }
    void clearExchanges() { m_exchanges.clear(); }

    QNetworkAccessManager *networkAccessManager() const { return m_network; }
    const Clock &clock() const { return m_clock; }

Q_SIGNALS:
    void configChanged();
    void exchangeRecorded(const Authdesk::HttpExchange &exchange);

private:
    friend class ApiRequestJob;

    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(std::optional<Error>)> done;
    };

    // For jobs: fresh credentials after `rejectedGeneration` was rejected. If the config has changed
    // since, `done` gets nothing to complain about at once; otherwise one refresh is asked for, shared
    // by every job that waits. Called back on this thread (never inside this call).
    void renewCredentials(quint64 rejectedGeneration, QObject *context, std::function<void(std::optional<Error>)> done);
    void onCredentialsRenewed(Result<ApiClientConfig> result);
    void delay(std::chrono::milliseconds delay, QObject *context, std::function<void()> resume);
    void recordExchange(const HttpExchange &exchange);

    const Clock &m_clock;
    ApiClientConfig m_config;
    quint64 m_configGeneration = 0;
    QNetworkAccessManager *m_network;
    ApiCredentialsRefresher *m_refresher = nullptr;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    qint64 m_maximumResponseBytes = defaultMaximumResponseBytes;
    ApiRetryPolicy m_retryPolicy;
    DelayFunction m_delay;
    bool m_renewing = false;
    QList<Waiter> m_waiters;
    QList<HttpExchange> m_exchanges;
};

} // namespace Authdesk
