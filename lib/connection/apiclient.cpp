#include "apiclient.h"

#include "apicredentialsrefresher.h"
#include "apirequestjob.h"

#include "oauth/networkpolicy.h"
#include "support/clock.h"
#include "support/logging.h"

#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

void timerDelay(std::chrono::milliseconds delay, QObject *context, std::function<void()> resume)
{
    const auto milliseconds = std::clamp<qint64>(delay.count(), 0, std::numeric_limits<int>::max());
    QTimer::singleShot(std::chrono::milliseconds(milliseconds), context, std::move(resume));
}

} // namespace

ApiClient::ApiClient(ApiClientConfig config, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_network(new QNetworkAccessManager(this))
    , m_delay(timerDelay)
{
    NetworkPolicy::configure(m_network);
}

ApiClient::ApiClient(ApiClientConfig config, QObject *parent)
    : ApiClient(std::move(config), Clock::system(), parent)
{
}

ApiClient::~ApiClient() = default;

void ApiClient::setConfig(ApiClientConfig config)
{
    m_config = std::move(config);
    ++m_configGeneration;
    Q_EMIT configChanged();
}

void ApiClient::setDelayFunction(DelayFunction delay)
{
    m_delay = delay ? std::move(delay) : DelayFunction(timerDelay);
}

ApiRequestJob *ApiClient::request(ApiRequest request)
{
    return new ApiRequestJob(this, std::move(request));
}

void ApiClient::renewCredentials(
    quint64 rejectedGeneration, QObject *context, std::function<void(std::optional<Error>)> done)
{
    if (rejectedGeneration != m_configGeneration) {
        // Another request renewed them meanwhile: retry with what there is now.
        QTimer::singleShot(0, context, [done = std::move(done)] { done(std::nullopt); });
        return;
    }
    if (!m_refresher) {
        Error error(ErrorCode::Provider, u"the connection cannot refresh its credentials"_s);
        QTimer::singleShot(0, context, [done = std::move(done), error] { done(error); });
        return;
    }
    m_waiters.append({context, std::move(done)});
    if (m_renewing)
        return;
    m_renewing = true;
    qCInfo(lcConnection).noquote() << ApiClientConfig::connectorPrefix(m_config.connector())
            + u"the API rejected the access token; asking for fresh credentials"_s;
    QPointer<ApiClient> self(this);
    m_refresher->refreshApiCredentials(m_config, this, [self](Result<ApiClientConfig> result) {
        if (!self)
            return;
        // Never inside refreshApiCredentials(): the waiters may start requests again.
        QTimer::singleShot(0, self, [self, result = std::move(result)] { self->onCredentialsRenewed(result); });
    });
}

void ApiClient::onCredentialsRenewed(Result<ApiClientConfig> result)
{
    m_renewing = false;
    std::optional<Error> failure;
    if (result)
        setConfig(std::move(result).value());
    else
        failure = result.error();
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(failure);
    }
}

void ApiClient::delay(std::chrono::milliseconds delay, QObject *context, std::function<void()> resume)
{
    m_delay(delay, context, std::move(resume));
}

void ApiClient::recordExchange(const HttpExchange &exchange)
{
    m_exchanges.append(exchange);
    while (m_exchanges.size() > keptExchanges)
        m_exchanges.removeFirst();
    Q_EMIT exchangeRecorded(exchange);
}

} // namespace Authdesk
