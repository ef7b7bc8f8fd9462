#include "refreshscheduler.h"

#include "clockjumpdetector.h"
#include "networkmonitor.h"
#include "schedulertimer.h"
#include "sleepmonitor.h"

#include "support/clock.h"
#include "support/logging.h"

#include <QRandomGenerator>
#include <QScopedValueRollback>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QDateTime utcFromMSecs(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

} // namespace

RefreshScheduler::Outcome RefreshScheduler::Outcome::succeeded(const QDateTime &obtainedAt, const QDateTime &expiresAt)
{
    Outcome outcome;
    outcome.kind = Kind::Succeeded;
    outcome.obtainedAt = obtainedAt;
    outcome.expiresAt = expiresAt;
    return outcome;
}

RefreshScheduler::Outcome RefreshScheduler::Outcome::transientFailure(std::optional<std::chrono::seconds> retryAfter)
{
    Outcome outcome;
    outcome.kind = Kind::TransientFailure;
    outcome.retryAfter = retryAfter;
    return outcome;
}

RefreshScheduler::Outcome RefreshScheduler::Outcome::permanentFailure()
{
    Outcome outcome;
    outcome.kind = Kind::PermanentFailure;
    return outcome;
}

RefreshScheduler::RefreshScheduler(const Clock &clock, SchedulerTimer *timer, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_timer(timer ? timer : new SchedulerTimer)
{
    m_timer->setParent(this);
    connect(m_timer, &SchedulerTimer::timeout, this, &RefreshScheduler::onTimeout);
    setRandomSource(nullptr);
}

RefreshScheduler::~RefreshScheduler() = default;

void RefreshScheduler::setRandomSource(std::function<double()> random)
{
    m_random = random ? std::move(random) : [] { return QRandomGenerator::global()->generateDouble(); };
}

double RefreshScheduler::nextRandom()
{
    return std::clamp(m_random(), 0.0, 1.0);
}

void RefreshScheduler::setMaximumConcurrent(int maximum)
{
    m_maximumConcurrent = std::max(1, maximum);
    rearm(false);
}

void RefreshScheduler::setCredentialTimes(const QString &name, const QDateTime &obtainedAt, const QDateTime &expiresAt)
{
    Entry &entry = m_entries[name];
    entry.obtainedAt = obtainedAt.isValid() ? obtainedAt.toUTC() : QDateTime();
    entry.expiresAt = expiresAt.isValid() ? expiresAt.toUTC() : QDateTime();
    entry.consecutiveFailures = 0;

    // Never a second refresh of a connection beside the running one (a rotated refresh token must
    // not be sent twice): the running refresh's outcome decides what comes next.
    if (m_running.contains(name)) {
        entry.state = State::Running;
        Q_EMIT entryChanged(name);
        return;
    }

    const QDateTime deadline = m_policy.refreshTime(entry.obtainedAt, entry.expiresAt, nextRandom());
    if (entry.state == State::Queued) {
        if (deadline.isValid() && deadline <= m_clock.nowUtc()) {
            Q_EMIT entryChanged(name); // still due: keeps its place in the queue
            return;
        }
        m_queue.removeOne(name);
    }
    unschedule(entry);
    if (deadline.isValid()) {
        scheduleAt(name, entry, deadline.toMSecsSinceEpoch());
        qCDebug(lcConnection).noquote() << u"refresh of %1 scheduled for %2"_s.arg(
            name, deadline.toString(Qt::ISODate));
    } else {
        entry.state = State::Unscheduled;
        qCDebug(lcConnection).noquote() << u"refresh of %1 not scheduled: expiry unknown"_s.arg(name);
    }
    Q_EMIT entryChanged(name);
    rearm(false);
}

void RefreshScheduler::remove(const QString &name)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    unschedule(*it);
    if (it->state == State::Queued)
        m_queue.removeOne(name);
    m_entries.erase(it);
    Q_EMIT entryChanged(name);
    rearm(false);
}

bool RefreshScheduler::refreshNow(const QString &name)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end() || it->state == State::Stopped)
        return false;
    if (it->state == State::Running)
        return true;
    if (it->state == State::Queued)
        m_queue.removeOne(name);
    enqueue(name, *it, true);
    Q_EMIT entryChanged(name);
    rearm(false);
    return true;
}

void RefreshScheduler::finished(const QString &name, const Outcome &outcome)
{
    if (!m_running.removeOne(name)) {
        qCDebug(lcConnection).noquote() << u"refresh of %1 reported finished, but it was not running"_s.arg(name);
        return;
    }
    const auto it = m_entries.find(name);
    if (it != m_entries.end()) {
        Entry &entry = *it;
        const QDateTime now = m_clock.nowUtc();
        switch (outcome.kind) {
        case Outcome::Kind::Succeeded: {
            entry.obtainedAt = outcome.obtainedAt.isValid() ? outcome.obtainedAt.toUTC() : QDateTime();
            entry.expiresAt = outcome.expiresAt.isValid() ? outcome.expiresAt.toUTC() : QDateTime();
            entry.consecutiveFailures = 0;
            QDateTime deadline = m_policy.refreshTime(entry.obtainedAt, entry.expiresAt, nextRandom());
            if (deadline.isValid()) {
                std::optional<std::chrono::milliseconds> lifetime;
                if (entry.obtainedAt.isValid())
                    lifetime = std::chrono::milliseconds(std::max<qint64>(0, entry.obtainedAt.msecsTo(entry.expiresAt)));
                deadline = std::max(deadline, now.addMSecs(m_policy.spacingAfterSuccess(lifetime).count()));
                scheduleAt(name, entry, deadline.toMSecsSinceEpoch());
                qCDebug(lcConnection).noquote()
                    << u"refresh of %1 succeeded; next at %2"_s.arg(name, deadline.toString(Qt::ISODate));
            } else {
                entry.state = State::Unscheduled;
                qCDebug(lcConnection).noquote() << u"refresh of %1 succeeded; new expiry unknown"_s.arg(name);
            }
            break;
        }
        case Outcome::Kind::TransientFailure: {
            ++entry.consecutiveFailures;
            const std::chrono::milliseconds delay
                = m_policy.backoff(entry.consecutiveFailures, nextRandom(), outcome.retryAfter);
            scheduleAt(name, entry, now.toMSecsSinceEpoch() + delay.count());
            qCInfo(lcConnection).noquote() << u"refresh of %1 failed (%2 in a row); retrying in %3 s"_s.arg(name,
                QString::number(entry.consecutiveFailures), QString::number(double(delay.count()) / 1000.0, 'f', 1));
            break;
        }
        case Outcome::Kind::PermanentFailure:
            entry.state = State::Stopped;
            qCInfo(lcConnection).noquote()
                << u"refresh of %1 failed for good; not retried until reconnected"_s.arg(name);
            break;
        }
        Q_EMIT entryChanged(name);
    }
    rearm(false);
}

void RefreshScheduler::reevaluate()
{
    rearm(true);
}

void RefreshScheduler::retryFailedNow()
{
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    QStringList retried;
    // Earliest deadline first, so the retries queue in the order they would have come.
    for (const auto &[key, name] : m_deadlines) {
        if (m_entries.value(name).consecutiveFailures > 0)
            retried.append(name);
    }
    for (const QString &name : std::as_const(retried)) {
        Entry &entry = m_entries[name];
        unschedule(entry);
        scheduleAt(name, entry, now);
        Q_EMIT entryChanged(name);
    }
    reevaluate();
}

void RefreshScheduler::followSystemEvents(SleepMonitor *sleep, ClockJumpDetector *jumps, NetworkMonitor *network)
{
    if (sleep)
        connect(sleep, &SleepMonitor::resumed, this, &RefreshScheduler::reevaluate);
    if (jumps)
        connect(jumps, &ClockJumpDetector::jumped, this, &RefreshScheduler::reevaluate);
    if (network)
        connect(network, &NetworkMonitor::online, this, &RefreshScheduler::retryFailedNow);
}

std::optional<RefreshScheduler::EntryInfo> RefreshScheduler::entry(const QString &name) const
{
    const auto it = m_entries.constFind(name);
    if (it == m_entries.constEnd())
        return std::nullopt;
    EntryInfo info;
    info.state = it->state;
    if (it->state == State::Scheduled || it->state == State::Queued || it->state == State::Running)
        info.deadline = utcFromMSecs(it->deadlineMs);
    info.obtainedAt = it->obtainedAt;
    info.expiresAt = it->expiresAt;
    info.consecutiveFailures = it->consecutiveFailures;
    return info;
}

QDateTime RefreshScheduler::nextDeadline(const QString &name) const
{
    const auto it = m_entries.constFind(name);
    if (it == m_entries.constEnd() || it->state != State::Scheduled)
        return {};
    return utcFromMSecs(it->deadlineMs);
}

QDateTime RefreshScheduler::earliestDeadline() const
{
    return m_deadlines.empty() ? QDateTime() : utcFromMSecs(m_deadlines.begin()->first.first);
}

QStringList RefreshScheduler::inFlight() const
{
    return m_running;
}

QStringList RefreshScheduler::queue() const
{
    return m_queue;
}

void RefreshScheduler::scheduleAt(const QString &name, Entry &entry, qint64 deadlineMs)
{
    entry.deadlineMs = deadlineMs;
    entry.sequence = m_nextSequence++;
    entry.state = State::Scheduled;
    m_deadlines.emplace(DeadlineKey(deadlineMs, entry.sequence), name);
}

void RefreshScheduler::unschedule(Entry &entry)
{
    if (entry.state == State::Scheduled)
        m_deadlines.erase(DeadlineKey(entry.deadlineMs, entry.sequence));
}

void RefreshScheduler::enqueue(const QString &name, Entry &entry, bool atFront)
{
    unschedule(entry);
    entry.state = State::Queued;
    if (atFront) {
        entry.deadlineMs = m_clock.nowUtc().toMSecsSinceEpoch();
        m_queue.prepend(name);
    } else {
        m_queue.append(name);
    }
}

void RefreshScheduler::onTimeout()
{
    m_armed = false;
    // Whatever woke us (the earliest deadline, an early shot of a clamped interval, an immediate shot),
    // the wall clock decides what is due.
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    QStringList changed;
    while (!m_deadlines.empty() && m_deadlines.begin()->first.first <= now) {
        const QString name = m_deadlines.begin()->second;
        Entry &entry = m_entries[name];
        enqueue(name, entry, false); // erases the begin() node
        changed.append(name);
    }
    for (const QString &name : std::as_const(changed))
        Q_EMIT entryChanged(name);
    dispatch();
    rearm(true);
}

void RefreshScheduler::dispatch()
{
    // The owner may call back (finished(), remove(), ...) from its due() slot; those calls do not
    // re-arm meanwhile, and the loop below picks up any slot they free.
    const QScopedValueRollback<bool> dispatching(m_dispatching, true);
    while (int(m_running.size()) < m_maximumConcurrent && !m_queue.isEmpty()) {
        const QString name = m_queue.takeFirst();
        m_entries[name].state = State::Running;
        m_running.append(name);
        qCDebug(lcConnection).noquote() << u"refresh of %1 due"_s.arg(name);
        Q_EMIT entryChanged(name);
        Q_EMIT due(name);
    }
}

void RefreshScheduler::rearm(bool force)
{
    if (m_dispatching)
        return; // onTimeout() re-arms once dispatching is over
    if (!m_queue.isEmpty() && int(m_running.size()) < m_maximumConcurrent) {
        // Something can start: an immediate shot, so that due() never comes from inside a call of the owner.
        if (!force && m_armed && !m_armedForMs)
            return;
        m_armedForMs.reset();
        m_armed = true;
        m_timer->start(std::chrono::milliseconds(0));
        return;
    }
    if (m_deadlines.empty()) {
        if (m_armed)
            m_timer->stop();
        m_armed = false;
        m_armedForMs.reset();
        return;
    }
    const qint64 earliest = m_deadlines.begin()->first.first;
    if (!force && m_armed && m_armedForMs == earliest)
        return;
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    // Clamped to QTimer's int range: a deadline further away gets an early shot and a re-arm.
    m_timer->start(SchedulerTimer::clampInterval(std::chrono::milliseconds(earliest - now)));
    m_armed = true;
    m_armedForMs = earliest;
}

} // namespace Authdesk
