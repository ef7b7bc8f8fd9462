#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace Authdesk {

// How long to wait before repeating a request the API rate-limited (429, or a response handler's
// rate_limit_exceeded): at most maximumRetries repeats; the server's Retry-After (delay-seconds or an
// HTTP date) when it sent one, otherwise exponential backoff with jitter (initialDelay * 2^retry,
// "equal jitter": half of it fixed, half random), never more than maximumDelay. A Retry-After beyond
// maximumDelay means giving up at once: the server said it will not accept the request sooner.
class ApiRetryPolicy
{
public:
    int maximumRetries = 3;
    std::chrono::milliseconds initialDelay {1000};
    std::chrono::milliseconds maximumDelay {30000};

    // The delay before repeat number `retry` (0 for the first) without a Retry-After; `random` in [0, 1).
    std::chrono::milliseconds backoff(int retry, double random) const;

    struct Decision
    {
        bool retry = false;
        std::chrono::milliseconds delay {0};
        std::optional<std::chrono::seconds> retryAfter; // what the server asked for, when it did
    };
    // Whether and when to repeat, after `retriesSoFar` repeats. An unparsable Retry-After counts as
    // absent.
    Decision decide(int retriesSoFar, QByteArrayView retryAfterHeader, const QDateTime &now, double random) const;
};

} // namespace Authdesk
