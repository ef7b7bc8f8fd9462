#include "apiretrypolicy.h"

#include "oauth/tokenresponseparser.h"

#include <algorithm>
#include <cmath>

namespace Authdesk {

std::chrono::milliseconds ApiRetryPolicy::backoff(int retry, double random) const
{
    const double exponential = double(initialDelay.count()) * std::pow(2.0, std::clamp(retry, 0, 30));
    const double capped = std::min(exponential, double(maximumDelay.count()));
    const double jittered = capped / 2 + capped / 2 * std::clamp(random, 0.0, 1.0);
    return std::chrono::milliseconds(qint64(jittered));
}

ApiRetryPolicy::Decision ApiRetryPolicy::decide(
    int retriesSoFar, QByteArrayView retryAfterHeader, const QDateTime &now, double random) const
{
    Decision decision;
    if (!retryAfterHeader.isEmpty())
        decision.retryAfter = TokenResponseParser::retryAfter(retryAfterHeader, now);
    if (retriesSoFar >= maximumRetries)
        return decision;
    if (decision.retryAfter) {
        const std::chrono::milliseconds asked = *decision.retryAfter;
        if (asked > maximumDelay)
            return decision;
        decision.delay = asked;
    } else {
        decision.delay = backoff(retriesSoFar, random);
    }
    decision.retry = true;
    return decision;
}

} // namespace Authdesk
