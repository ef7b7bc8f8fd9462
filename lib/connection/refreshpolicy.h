#pragma once

#include <QDateTime>

#include <chrono>
#include <optional>

namespace Authdesk {

// When to refresh a token and how long to wait after a failed refresh: pure arithmetic, no clock and
// no random generator of its own (the caller passes `random`, uniform in [0, 1), so a seeded generator
// makes every sequence reproducible).
//
// Refresh time (oauth-standards-and-qt.md check 12), for a token obtained at O that expires at E,
// lifetime L = E - O:
//
//   O                          O + L/2            E - lead - jitter    E - lead      E
//   |--------------------------|-------------------------|----------------|----------|
//                              never earlier than this    refresh here (random within the band)
//
//   lead   = max(minimumLead, leadFraction * L), but at most L/2
//   jitter = random * min(jitterFraction * lead, maximumJitter), always earlier, never before O + L/2
//
// so that many connections with the same lifetime do not all refresh in the same second. With O
// unknown, the lifetime is unknown: lead is minimumLead and the only bound is E - lead.
//
// Backoff after a transient failure (network, timeout, 5xx, 429, temporarily_unavailable): "full
// jitter" (a uniform delay in [0, ceiling]), the ceiling doubling from backoffBase per consecutive
// failure up to backoffCap, never below minimumBackoff; a longer Retry-After from the server wins
// (up to maximumRetryAfter, so a broken header cannot stop refreshing for good).
class RefreshPolicy
{
public:
    std::chrono::milliseconds minimumLead {std::chrono::seconds(60)};
    double leadFraction = 0.10;
    double jitterFraction = 0.05;
    std::chrono::milliseconds maximumJitter {std::chrono::seconds(30)};

    std::chrono::milliseconds backoffBase {std::chrono::seconds(30)};
    std::chrono::milliseconds backoffCap {std::chrono::minutes(30)};
    std::chrono::milliseconds minimumBackoff {std::chrono::seconds(1)};
    std::chrono::milliseconds maximumRetryAfter {std::chrono::hours(24)};
    // After a successful refresh the next one is at least this far away, so that a provider handing
    // out tokens that are already (nearly) expired is not asked again in a tight loop. A token that
    // lives at least 2 * shortestSpacing is a working one, though: its next refresh comes at half its
    // life even when that is sooner (a 20-second token refreshed only every 30 s is expired a third
    // of the time).
    std::chrono::milliseconds minimumSpacing {std::chrono::seconds(30)};
    std::chrono::milliseconds shortestSpacing {std::chrono::seconds(5)};

    // How long before expiry to refresh a token of this lifetime (unknown: std::nullopt).
    std::chrono::milliseconds lead(std::optional<std::chrono::milliseconds> lifetime) const;
    // The widest jitter for a token of this lifetime.
    std::chrono::milliseconds maximumJitterFor(std::optional<std::chrono::milliseconds> lifetime) const;

    // When to refresh a token obtained at `obtainedAt` (invalid: unknown) that expires at `expiresAt`;
    // invalid when `expiresAt` is (unknown expiry: nothing to schedule). UTC.
    QDateTime refreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt, double random) const;
    // The same without jitter (random = 0): the latest refresh time.
    QDateTime latestRefreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt) const;
    // The earliest refresh time jitter can pick (random -> 1).
    QDateTime earliestRefreshTime(const QDateTime &obtainedAt, const QDateTime &expiresAt) const;

    // How soon after a successful refresh the next may come, for new credentials of this lifetime.
    std::chrono::milliseconds spacingAfterSuccess(std::optional<std::chrono::milliseconds> lifetime) const;

    // The ceiling of the backoff after `failures` consecutive failures (1 for the first).
    std::chrono::milliseconds backoffCeiling(int failures) const;
    // The delay before retrying after `failures` consecutive transient failures (1 for the first).
    std::chrono::milliseconds backoff(
        int failures, double random, std::optional<std::chrono::seconds> retryAfter = std::nullopt) const;
};

} // namespace Authdesk
