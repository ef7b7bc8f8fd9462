#pragma once

#include "refreshpolicy.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace Authdesk {

class ClockJumpDetector;
class Clock;
class NetworkMonitor;
class SchedulerTimer;
class SleepMonitor;

// When each connection's credentials are refreshed: pure scheduling, no OAuth and no keychain. The
// owner tells it when credentials were obtained and when they expire; it says when a refresh should
// start (due()); the owner runs the refresh (RefreshJob) and reports the outcome (finished()).
//
//   owner                               RefreshScheduler
//     | setCredentialTimes(name, O, E) ->|  deadline = RefreshPolicy::refreshTime(O, E, random)
//     |                                  |  ... the one timer fires at the earliest deadline ...
//     |<------------------------ due(name)  (at most maximumConcurrent() running, FIFO queue)
//     | RefreshJob ...                   |
//     | finished(name, outcome) -------->|  success: next deadline; transient: backoff; permanent: stop
//
// - Deadlines are absolute UTC (from the injected Clock), so they mean the same after a suspend or a
//   clock change. ONE SchedulerTimer is armed for the earliest deadline, clamped to its int range and
//   re-armed when it fires early; it is not re-armed while the earliest deadline stays the same.
// - A deadline in the past is due at once. due() is only ever emitted from the timer (an immediate
//   shot when something became due), never from inside a call of the owner, so the owner may call
//   back into the scheduler from its due() slot.
// - A connection that is running or queued is not queued again (coalescing); refreshNow() puts one at
//   the front of the queue. A connection whose expiry is unknown is kept but not scheduled (it is
//   refreshed on a 401 by the API client, or by refreshNow()).
// - reevaluate() re-reads the clock for all deadlines: followSystemEvents() calls it on resume from
//   suspend, on a wall-clock jump and when the network comes back (which also retries at once the
//   connections that are backing off after a transient failure).
class RefreshScheduler : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultMaximumConcurrent = 4;

    // What the owner reports when a refresh it started on due() has ended.
    struct Outcome
    {
        enum class Kind { Succeeded, TransientFailure, PermanentFailure };

        Kind kind = Kind::Succeeded;
        QDateTime obtainedAt; // Succeeded: the new credentials' times (expiresAt invalid: unknown)
        QDateTime expiresAt;
        std::optional<std::chrono::seconds> retryAfter; // TransientFailure: what the server asked for

        static Outcome succeeded(const QDateTime &obtainedAt, const QDateTime &expiresAt);
        // Network, timeout, 5xx, 429, temporarily_unavailable: back off and retry.
        static Outcome transientFailure(std::optional<std::chrono::seconds> retryAfter = std::nullopt);
        // invalid_grant, invalid_client, unauthorized_client, ...: stop until setCredentialTimes().
        static Outcome permanentFailure();
    };

    enum class State {
        Unscheduled, // expiry unknown: never due on its own
        Scheduled, // waiting for its deadline (also while backing off after a transient failure)
        Queued, // due, waiting for a free slot
        Running, // due() was emitted, finished() not yet called
        Stopped, // a permanent failure: not refreshed until setCredentialTimes()
    };
    Q_ENUM(State)

    // What a UI shows for one connection.
    struct EntryInfo
    {
        State state = State::Unscheduled;
        QDateTime deadline; // the next refresh (Scheduled), or when it became due (Queued, Running)
        QDateTime obtainedAt;
        QDateTime expiresAt;
        int consecutiveFailures = 0; // transient failures since the last success
    };

    // `timer` is owned by the scheduler (nullptr: a real one). The clock must outlive the scheduler.
    explicit RefreshScheduler(const Clock &clock, SchedulerTimer *timer = nullptr, QObject *parent = nullptr);
    ~RefreshScheduler() override;

    // Adds or updates a connection: its credentials were obtained at `obtainedAt` (invalid: unknown)
    // and expire at `expiresAt` (invalid: unknown, then it is not scheduled). Clears a Stopped state and
    // the failure count. A queued connection whose new deadline is in the future leaves the queue; a
    // running one stays running (its outcome decides what comes next).
    void setCredentialTimes(const QString &name, const QDateTime &obtainedAt, const QDateTime &expiresAt);
    // Forgets a connection. If it is running, its slot stays taken until finished() is called.
    void remove(const QString &name);
    // Due at once, ahead of the queue. False for an unknown or Stopped connection. A running
    // connection is not started twice (true: a refresh is already under way).
    bool refreshNow(const QString &name);
    // Reports the end of a refresh started on due(). Ignored for a connection that is not running.
    void finished(const QString &name, const Outcome &outcome);

    // Re-reads the clock for every deadline and re-arms the timer; overdue connections become due.
    void reevaluate();
    // Connections backing off after transient failures are retried now (the cause, e.g. no network,
    // is likely gone); then reevaluate().
    void retryFailedNow();
    // Wires reevaluate() to resumed(), jumped() and (with retryFailedNow()) online(); any may be null.
    void followSystemEvents(SleepMonitor *sleep, ClockJumpDetector *jumps, NetworkMonitor *network);

    int maximumConcurrent() const { return m_maximumConcurrent; }
    void setMaximumConcurrent(int maximum); // at least 1

    const RefreshPolicy &policy() const { return m_policy; }
    void setPolicy(const RefreshPolicy &policy) { m_policy = policy; } // applies to deadlines set later
    // Uniform in [0, 1): jitter and backoff. Default QRandomGenerator::global(); tests seed their own.
    void setRandomSource(std::function<double()> random);

    // State for a UI.
    bool contains(const QString &name) const { return m_entries.contains(name); }
    int size() const { return int(m_entries.size()); }
    QStringList names() const { return m_entries.keys(); }
    std::optional<EntryInfo> entry(const QString &name) const;
    QDateTime nextDeadline(const QString &name) const; // invalid unless Scheduled
    QDateTime earliestDeadline() const; // of all Scheduled connections; invalid when none
    QStringList inFlight() const; // in the order they were started
    QStringList queue() const; // front first

Q_SIGNALS:
    // Start refreshing `name` now, then call finished().
    void due(const QString &name);
    // Something about `name` changed (state, deadline), for a UI; also after remove().
    void entryChanged(const QString &name);

private:
    using DeadlineKey = std::pair<qint64, quint64>; // (msecs since epoch UTC, insertion sequence)

    struct Entry
    {
        QDateTime obtainedAt;
        QDateTime expiresAt;
        qint64 deadlineMs = 0; // valid while Scheduled, Queued or Running
        quint64 sequence = 0;
        int consecutiveFailures = 0;
        State state = State::Unscheduled;
    };

    void scheduleAt(const QString &name, Entry &entry, qint64 deadlineMs);
    void unschedule(Entry &entry);
    void enqueue(const QString &name, Entry &entry, bool atFront);
    void onTimeout();
    void dispatch();
    void rearm(bool force);
    double nextRandom();

    const Clock &m_clock;
    SchedulerTimer *m_timer;
    RefreshPolicy m_policy;
    std::function<double()> m_random;
    int m_maximumConcurrent = defaultMaximumConcurrent;

    QHash<QString, Entry> m_entries;
    std::map<DeadlineKey, QString> m_deadlines; // Scheduled entries only, earliest first
    QStringList m_queue;
    QStringList m_running; // may hold removed names until their finished()
    quint64 m_nextSequence = 0;

    std::optional<qint64> m_armedForMs; // what the timer is armed for; nullopt: an immediate shot
    bool m_armed = false;
    bool m_dispatching = false;
};

} // namespace Authdesk
