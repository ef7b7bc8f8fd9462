#include "refreshpolicy.h"

#include <algorithm>
#include <cmath>

namespace Authdesk {

namespace {

using std::chrono::milliseconds;

std::optional<milliseconds> lifetimeOf(const QDateTime &obtainedAt, const QDateTime &expiresAt)
{
    if (!obtainedAt.isValid() || !expiresAt.isValid())
        return std::nullopt;
    return milliseconds(std::max<qint64>(0, obtainedAt.msecsTo(expiresAt)));
}

milliseconds scaled(milliseconds value, double factor)
{
    return milliseconds(qint64(std::floor(double(value.count()) * factor)));
}

} // namespace

milliseconds RefreshPolicy::lead(std::optional<milliseconds> lifetime) const
{
    if (!lifetime)
        return minimumLead;
    const milliseconds wanted = std::max(minimumLead, scaled(*lifetime, leadFraction));
    // A token that lives less than 2 * minimumLead is refreshed at half its life, not at once.
    return std::min(wanted, *lifetime / 2);
}

milliseconds RefreshPolicy::maximumJitterFor(std::optional<milliseconds> lifetime) const
{
    return std::min(scaled(lead(lifetime), jitterFraction), maximumJitter);
}

QDateTime RefreshPolicy::refreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt, double random) const
{
    if (!expiresAt.isValid())
        return {};
    const std::optional<milliseconds> lifetime = lifetimeOf(obtainedAt, expiresAt);
    const milliseconds jitter = scaled(maximumJitterFor(lifetime), std::clamp(random, 0.0, 1.0));
    QDateTime time = expiresAt.toUTC().addMSecs(-(lead(lifetime) + jitter).count());
    if (lifetime) {
        const QDateTime halfLife = obtainedAt.toUTC().addMSecs((*lifetime / 2).count());
        time = std::max(time, halfLife);
    }
    return time;
}

QDateTime RefreshPolicy::latestRefreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt) const
{
    return refreshTime(obtainedAt, expiresAt, 0.0);
}

QDateTime RefreshPolicy::earliestRefreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt) const
{
    return refreshTime(obtainedAt, expiresAt, 1.0);
}

milliseconds RefreshPolicy::spacingAfterSuccess(std::optional<milliseconds> lifetime) const
{
    if (lifetime && *lifetime >= 2 * shortestSpacing)
        return std::min(minimumSpacing, *lifetime / 2);
    return minimumSpacing;
}

milliseconds RefreshPolicy::backoffCeiling(int failures) const
{
    // Doubling past 2^30 is far beyond any cap; stop before the double overflows an int64.
    const double exponential = double(backoffBase.count()) * std::pow(2.0, std::clamp(failures - 1, 0, 30));
    return milliseconds(qint64(std::min(exponential, double(backoffCap.count()))));
}

milliseconds RefreshPolicy::backoff(int failures, double random, std::optional<std::chrono::seconds> retryAfter) const
{
    milliseconds delay = std::max(scaled(backoffCeiling(failures), std::clamp(random, 0.0, 1.0)), minimumBackoff);
    if (retryAfter)
        delay = std::max(delay, std::min<milliseconds>(*retryAfter, maximumRetryAfter));
    return delay;
}

} // namespace Authdesk
