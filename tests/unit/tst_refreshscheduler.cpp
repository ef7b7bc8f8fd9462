#include "manualclock.h"

#include "connection/clockjumpdetector.h"
#include "connection/networkmonitor.h"
#include "connection/refreshscheduler.h"
#include "connection/schedulertimer.h"
#include "connection/sleepmonitor.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#ifdef QT_DBUS_LIB
#include <QDBusConnection>
#include <QDBusMessage>
#endif

#include <algorithm>
#include <array>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using Outcome = RefreshScheduler::Outcome;
using State = RefreshScheduler::State;

namespace {

// A timer that fires only when the test says so (after moving the clock by its interval), and counts
// what it is asked to do.
class FakeTimer final : public SchedulerTimer
{
public:
    static inline int instances = 0;

    FakeTimer() { ++instances; }
    ~FakeTimer() override { --instances; }

    void start(milliseconds interval) override
    {
        m_interval = clampInterval(interval);
        m_active = true;
        ++starts;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    milliseconds interval() const override { return m_interval; }

    void fire()
    {
        m_active = false;
        ++fires;
        Q_EMIT timeout();
    }

    int starts = 0;
    int fires = 0;

private:
    milliseconds m_interval {0};
    bool m_active = false;
};

// A scheduler on a manual clock and a fake timer, recording every due().
struct Harness
{
    Test::ManualClock clock;
    FakeTimer *timer = new FakeTimer;
    RefreshScheduler scheduler {clock, timer};
    QStringList dueOrder;
    const QDateTime t0 = clock.nowUtc();

    Harness()
    {
        scheduler.setRandomSource([] { return 0.0; }); // no jitter unless a test wants it
        QObject::connect(
            &scheduler, &RefreshScheduler::due, &scheduler, [this](const QString &name) { dueOrder.append(name); });
    }

    QDateTime now() const { return clock.nowUtc(); }
    // The immediate shots the scheduler asked for (something is due or a slot came free).
    void fireImmediateShots()
    {
        while (timer->isActive() && timer->interval() == 0ms)
            timer->fire();
    }
    // Lets the timer's interval pass and fires it.
    void advanceToShot()
    {
        clock.advance(timer->interval());
        timer->fire();
    }
    State state(const QString &name) const { return scheduler.entry(name).value().state; }
    void setLifetime(const QString &name, std::chrono::seconds lifetime)
    {
        scheduler.setCredentialTimes(name, now(), now().addSecs(lifetime.count()));
    }
    void setOverdue(const QString &name)
    {
        scheduler.setCredentialTimes(name, now().addSecs(-7200), now().addSecs(-3600));
    }
};

} // namespace

class tst_RefreshScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dueAtDeadlineAfterEarlyShot();
    void unknownExpiryIsNotScheduled();
    void overdueIsDueAtOnceButNotFromInsideTheCall();
    void singleTimerForTenThousandConnections();
    void transientFailuresBackOffToCapAndHonourRetryAfter();
    void successSchedulesNextRefreshNotAtOnce();
    void wallClockForwardTwoHoursMakesOverdueDue();
    void lateTimerAfterSuspendMakesOverdueDue();
    void wallClockBackwardsDelaysDeadlines();
    void deadlineBeyondIntMillisecondsIsClampedAndRearmed();
    void stormRespectsConcurrencyLimitInFifoOrder();
    void runningOrQueuedConnectionIsNotQueuedTwice();
    void updatedConnectionLeavesTheQueue();
    void refreshNowGoesToTheFront();
    void permanentFailureStopsUntilUpdated();
    void removedWhileRunningKeepsItsSlot();
    void networkBackRetriesBackedOffConnections();
    void resumeFromLogindReevaluates();
    void realTimerClampsAndFires();
    void systemMonitorsDegradeSilently();
};

void tst_RefreshScheduler::dueAtDeadlineAfterEarlyShot()
{
    Harness h;
    h.setLifetime(u"a"_s, 3600s);
    QCOMPARE(h.state(u"a"_s), State::Scheduled);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), h.t0.addSecs(3240)); // 1 h - 6 min
    QVERIFY(h.timer->isActive());
    QCOMPARE(h.timer->interval(), 3240s);

    // A timer that fires a little early: nothing is due before the deadline; re-armed for the rest.
    h.clock.advance(3240s - 5ms);
    h.timer->fire();
    QVERIFY(h.dueOrder.isEmpty());
    QCOMPARE(h.timer->interval(), 5ms);

    h.advanceToShot();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.state(u"a"_s), State::Running);
    QCOMPARE(h.scheduler.inFlight(), QStringList {u"a"_s});
    QVERIFY(!h.timer->isActive()); // nothing else to wait for

    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    QCOMPARE(h.state(u"a"_s), State::Scheduled);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), h.now().addSecs(3240));
    QCOMPARE(h.timer->interval(), 3240s);
    QVERIFY(h.scheduler.inFlight().isEmpty());
}

void tst_RefreshScheduler::unknownExpiryIsNotScheduled()
{
    Harness h;
    h.scheduler.setCredentialTimes(u"a"_s, h.now(), QDateTime());
    QCOMPARE(h.state(u"a"_s), State::Unscheduled);
    QVERIFY(!h.scheduler.nextDeadline(u"a"_s).isValid());
    QVERIFY(!h.scheduler.earliestDeadline().isValid());
    QVERIFY(!h.timer->isActive());
    h.clock.advance(std::chrono::hours(24 * 365));
    QVERIFY(h.dueOrder.isEmpty());

    // Still refreshable on demand (a 401, the user).
    QVERIFY(h.scheduler.refreshNow(u"a"_s));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), QDateTime()));
    QCOMPARE(h.state(u"a"_s), State::Unscheduled);
    QVERIFY(!h.timer->isActive());
}

void tst_RefreshScheduler::overdueIsDueAtOnceButNotFromInsideTheCall()
{
    Harness h;
    h.setOverdue(u"a"_s);
    QVERIFY(h.dueOrder.isEmpty()); // the owner may still be busy in its own call
    QVERIFY(h.timer->isActive());
    QCOMPARE(h.timer->interval(), 0ms);
    h.timer->fire();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
}

void tst_RefreshScheduler::singleTimerForTenThousandConnections()
{
    constexpr int count = 10000;
    Harness h;
    QCOMPARE(FakeTimer::instances, 1);
    QRandomGenerator random(20250101);
    h.scheduler.setRandomSource([&random] { return random.generateDouble(); });
    int maximumInFlight = 0;
    // The owner finishes each refresh at once; the next is a year away.
    connect(&h.scheduler, &RefreshScheduler::due, &h.scheduler, [&h, &maximumInFlight](const QString &name) {
        maximumInFlight = std::max(maximumInFlight, int(h.scheduler.inFlight().size()));
        h.scheduler.finished(name, Outcome::succeeded(h.now(), h.now().addDays(400)));
    });

    // Lifetimes of 5 min to 24 h, obtained up to half a lifetime ago: deadlines spread over a day.
    const std::array<quint32, 4> lifetimes = {300, 3600, 8 * 3600, 24 * 3600};
    QStringList names;
    int earliestChanges = 0;
    QDateTime earliest;
    for (int i = 0; i < count; ++i) {
        const QString name = u"connection-%1"_s.arg(i);
        const quint32 lifetime = lifetimes.at(random.bounded(quint32(lifetimes.size())));
        const QDateTime obtained = h.now().addMSecs(-qint64(random.bounded(lifetime * 500)));
        h.scheduler.setCredentialTimes(name, obtained, obtained.addSecs(lifetime));
        names.append(name);
        if (h.scheduler.earliestDeadline() != earliest) {
            earliest = h.scheduler.earliestDeadline();
            ++earliestChanges;
        }
    }
    QCOMPARE(h.scheduler.size(), count);
    // One timer object, armed only when the earliest deadline changed, not once per connection.
    QCOMPARE(FakeTimer::instances, 1);
    QVERIFY(h.scheduler.findChildren<QTimer *>().isEmpty());
    QCOMPARE(h.timer->starts, earliestChanges);
    QVERIFY(earliestChanges < 100);
    QCOMPARE(h.timer->interval(), milliseconds(h.now().msecsTo(h.scheduler.earliestDeadline())));

    QStringList expected = names;
    std::stable_sort(expected.begin(), expected.end(), [&h](const QString &left, const QString &right) {
        return h.scheduler.nextDeadline(left) < h.scheduler.nextDeadline(right);
    });
    QSet<qint64> distinctDeadlines;
    for (const QString &name : std::as_const(names)) {
        QVERIFY(h.scheduler.nextDeadline(name) > h.now());
        distinctDeadlines.insert(h.scheduler.nextDeadline(name).toMSecsSinceEpoch());
    }

    const QDateTime horizon = h.t0.addDays(2);
    const int startsBefore = h.timer->starts;
    int idleWakeUps = 0;
    while (h.scheduler.earliestDeadline().isValid() && h.scheduler.earliestDeadline() <= horizon) {
        QVERIFY(h.timer->isActive());
        const qsizetype before = h.dueOrder.size();
        h.advanceToShot();
        if (h.dueOrder.size() == before)
            ++idleWakeUps;
    }
    QCOMPARE(h.dueOrder.size(), qsizetype(count));
    QCOMPARE(h.dueOrder, expected);
    // Woken exactly once per distinct deadline, never for nothing.
    QCOMPARE(idleWakeUps, 0);
    QCOMPARE(h.timer->fires, int(distinctDeadlines.size()));
    QCOMPARE(h.timer->starts - startsBefore, h.timer->fires);
    QVERIFY(maximumInFlight <= RefreshScheduler::defaultMaximumConcurrent);
    QVERIFY(h.scheduler.inFlight().isEmpty());
}

void tst_RefreshScheduler::transientFailuresBackOffToCapAndHonourRetryAfter()
{
    Harness h;
    QRandomGenerator seeded(77);
    std::vector<double> drawn;
    h.scheduler.setRandomSource([&] {
        drawn.push_back(seeded.generateDouble());
        return drawn.back();
    });
    const RefreshPolicy policy = h.scheduler.policy();
    h.setLifetime(u"a"_s, 3600s);
    QVERIFY(h.scheduler.refreshNow(u"a"_s));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder.size(), 1);

    std::vector<milliseconds> delays;
    for (int failures = 1; failures <= 10; ++failures) {
        h.scheduler.finished(u"a"_s, Outcome::transientFailure());
        const RefreshScheduler::EntryInfo info = h.scheduler.entry(u"a"_s).value();
        QCOMPARE(info.state, State::Scheduled);
        QCOMPARE(info.consecutiveFailures, failures);
        const milliseconds delay(h.now().msecsTo(info.deadline));
        QCOMPARE(delay, policy.backoff(failures, drawn.back()));
        QVERIFY(delay >= policy.minimumBackoff);
        QVERIFY(delay <= std::min<milliseconds>(30s * (1 << (failures - 1)), 30min));
        QCOMPARE(h.timer->interval(), delay);
        delays.push_back(delay);
        h.advanceToShot(); // retried at the end of the backoff
        QCOMPARE(h.dueOrder.size(), qsizetype(failures + 1));
    }
    QCOMPARE(policy.backoffCeiling(10), 30min);

    // The server asked for two hours: longer than any backoff, so it wins.
    h.scheduler.finished(u"a"_s, Outcome::transientFailure(std::chrono::seconds(7200)));
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), h.now().addSecs(7200));
    QCOMPARE(h.scheduler.entry(u"a"_s)->consecutiveFailures, 11);
    h.clock.advance(7199s);
    h.timer->fire();
    QCOMPARE(h.dueOrder.size(), 11); // not before
    h.advanceToShot();
    QCOMPARE(h.dueOrder.size(), 12);

    // A success ends the backoff.
    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    QCOMPARE(h.scheduler.entry(u"a"_s)->consecutiveFailures, 0);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), policy.refreshTime(h.now(), h.now().addSecs(3600), drawn.back()));
}

void tst_RefreshScheduler::successSchedulesNextRefreshNotAtOnce()
{
    // A provider that hands out an already expired token must not be asked again in a tight loop.
    Harness h;
    h.setOverdue(u"a"_s);
    h.fireImmediateShots();
    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now()));
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), h.now().addMSecs(h.scheduler.policy().minimumSpacing.count()));
    QCOMPARE(h.timer->interval(), 30s);
}

void tst_RefreshScheduler::wallClockForwardTwoHoursMakesOverdueDue()
{
    Harness h;
    auto *detectorTimer = new FakeTimer;
    ClockJumpDetector detector(h.clock, detectorTimer);
    h.scheduler.followSystemEvents(nullptr, &detector, nullptr);
    detector.start();
    QSignalSpy jumps(&detector, &ClockJumpDetector::jumped);

    h.setLifetime(u"a"_s, 3600s); // due after 54 min
    h.setLifetime(u"b"_s, 7200s); // after 108 min
    h.setLifetime(u"c"_s, 8 * 3600s); // after 7.2 h
    QCOMPARE(h.timer->interval(), 54min);

    // Two hours of suspend: the wall clock moves on, the monotonic clock and every timer do not.
    h.clock.setNowUtc(h.t0.addSecs(2 * 3600));
    QVERIFY(h.dueOrder.isEmpty());
    // The detector's next check, a minute after the wake-up, sees it.
    h.clock.advance(1min);
    detectorTimer->fire();
    QCOMPARE(jumps.size(), 1);
    QCOMPARE(jumps.at(0).at(0).value<milliseconds>(), 2h);

    QCOMPARE(h.timer->interval(), 0ms);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"b"_s})); // overdue: at once, earliest first
    QCOMPARE(h.state(u"c"_s), State::Scheduled);
    QCOMPARE(h.timer->interval(), milliseconds(h.now().msecsTo(h.t0.addMSecs(8 * 3600 * 900))));
}

void tst_RefreshScheduler::lateTimerAfterSuspendMakesOverdueDue()
{
    // No detector: the timer itself fires late after the suspend (54 min of monotonic time later).
    Harness h;
    h.setLifetime(u"a"_s, 3600s);
    h.setLifetime(u"b"_s, 7200s);
    h.setLifetime(u"c"_s, 8 * 3600s);
    h.clock.setNowUtc(h.t0.addSecs(3 * 3600));
    h.advanceToShot();
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"b"_s}));
    QCOMPARE(h.state(u"c"_s), State::Scheduled);
}

void tst_RefreshScheduler::wallClockBackwardsDelaysDeadlines()
{
    Harness h;
    auto *detectorTimer = new FakeTimer;
    ClockJumpDetector detector(h.clock, detectorTimer);
    h.scheduler.followSystemEvents(nullptr, &detector, nullptr);
    detector.start();
    QSignalSpy jumps(&detector, &ClockJumpDetector::jumped);
    h.setLifetime(u"a"_s, 3600s);
    const QDateTime deadline = h.scheduler.nextDeadline(u"a"_s);

    // The clock is set back two hours. The timer still fires after 54 min of monotonic time, but by
    // the wall clock the deadline is two hours away: nothing is due, the timer waits for the rest.
    h.clock.setNowUtc(h.t0.addSecs(-2 * 3600));
    h.advanceToShot();
    QVERIFY(h.dueOrder.isEmpty());
    QCOMPARE(h.timer->interval(), 2h);

    detectorTimer->fire(); // its check, late
    QCOMPARE(jumps.size(), 1);
    QCOMPARE(jumps.at(0).at(0).value<milliseconds>(), -2h);
    QCOMPARE(h.timer->interval(), 2h);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), deadline); // absolute: unchanged

    h.advanceToShot();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.now(), deadline);
}

void tst_RefreshScheduler::deadlineBeyondIntMillisecondsIsClampedAndRearmed()
{
    Harness h;
    h.setLifetime(u"a"_s, std::chrono::hours(40 * 24)); // refresh after 36 days
    const QDateTime deadline = h.t0.addDays(36);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), deadline);
    const milliseconds intMaximum(std::numeric_limits<int>::max());
    QCOMPARE(h.timer->interval(), intMaximum); // about 24.8 days

    h.advanceToShot();
    QVERIFY(h.dueOrder.isEmpty());
    QCOMPARE(h.timer->interval(), milliseconds(36LL * 24 * 3600 * 1000) - intMaximum);
    h.advanceToShot();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.now(), deadline);
}

void tst_RefreshScheduler::stormRespectsConcurrencyLimitInFifoOrder()
{
    constexpr int count = 1000;
    Harness h;
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names.append(u"storm-%1"_s.arg(i, 4, 10, QChar(u'0')));
        h.setOverdue(names.last());
    }
    QVERIFY(h.dueOrder.isEmpty());
    QStringList running;
    int maximumInFlight = 0;
    connect(&h.scheduler, &RefreshScheduler::due, &h.scheduler, [&](const QString &name) {
        running.append(name);
        maximumInFlight = std::max(maximumInFlight, int(h.scheduler.inFlight().size()));
    });

    QStringList finished;
    while (finished.size() < count) {
        h.fireImmediateShots();
        QVERIFY(!running.isEmpty());
        QCOMPARE(h.scheduler.inFlight().size(), qsizetype(std::min(4, count - int(finished.size()))));
        QCOMPARE(h.scheduler.queue().size(), qsizetype(count - finished.size() - running.size()));
        // Finish the last started first: the queue still hands out in FIFO order.
        const QString name = running.takeLast();
        h.scheduler.finished(name, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
        finished.append(name);
    }
    QCOMPARE(maximumInFlight, 4);
    QCOMPARE(h.dueOrder, names); // each exactly once, in the order they became due
    QVERIFY(h.scheduler.queue().isEmpty());
    QVERIFY(h.scheduler.inFlight().isEmpty());
    for (const QString &name : std::as_const(names))
        QCOMPARE(h.state(name), State::Scheduled);
    QVERIFY(h.scheduler.earliestDeadline() > h.now());
}

void tst_RefreshScheduler::runningOrQueuedConnectionIsNotQueuedTwice()
{
    Harness h;
    h.scheduler.setMaximumConcurrent(1);
    h.setOverdue(u"a"_s);
    h.setOverdue(u"b"_s);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.scheduler.queue(), QStringList {u"b"_s});

    QVERIFY(h.scheduler.refreshNow(u"a"_s)); // already running: that refresh counts
    QVERIFY(h.scheduler.refreshNow(u"b"_s));
    h.setOverdue(u"b"_s);
    h.setOverdue(u"a"_s); // new times while running: no second refresh beside the running one
    QCOMPARE(h.scheduler.queue(), QStringList {u"b"_s});
    QCOMPARE(h.state(u"a"_s), State::Running);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});

    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"b"_s}));
    h.scheduler.finished(u"b"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder.size(), 2);
    QCOMPARE(h.state(u"a"_s), State::Scheduled);
    QCOMPARE(h.state(u"b"_s), State::Scheduled);
    // A second report of the same refresh changes nothing.
    const QDateTime deadline = h.scheduler.nextDeadline(u"a"_s);
    h.scheduler.finished(u"a"_s, Outcome::permanentFailure());
    QCOMPARE(h.state(u"a"_s), State::Scheduled);
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), deadline);
}

void tst_RefreshScheduler::updatedConnectionLeavesTheQueue()
{
    // Another process refreshed b meanwhile: its queued refresh is no longer needed.
    Harness h;
    h.scheduler.setMaximumConcurrent(1);
    h.setOverdue(u"a"_s);
    h.setOverdue(u"b"_s);
    h.fireImmediateShots();
    QCOMPARE(h.scheduler.queue(), QStringList {u"b"_s});
    h.setLifetime(u"b"_s, 3600s);
    QVERIFY(h.scheduler.queue().isEmpty());
    QCOMPARE(h.state(u"b"_s), State::Scheduled);
    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now().addSecs(7200)));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
}

void tst_RefreshScheduler::refreshNowGoesToTheFront()
{
    Harness h;
    h.scheduler.setMaximumConcurrent(1);
    h.setOverdue(u"a"_s);
    h.setOverdue(u"b"_s);
    h.setOverdue(u"c"_s);
    h.setLifetime(u"d"_s, 3600s);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.scheduler.queue(), (QStringList {u"b"_s, u"c"_s}));

    QVERIFY(h.scheduler.refreshNow(u"d"_s));
    QCOMPARE(h.scheduler.queue(), (QStringList {u"d"_s, u"b"_s, u"c"_s}));
    QCOMPARE(h.state(u"d"_s), State::Queued);
    QVERIFY(!h.scheduler.nextDeadline(u"d"_s).isValid());
    QVERIFY(h.scheduler.refreshNow(u"c"_s));
    QCOMPARE(h.scheduler.queue(), (QStringList {u"c"_s, u"d"_s, u"b"_s}));
    QVERIFY(!h.scheduler.refreshNow(u"unknown"_s));

    for (const QString &next : {u"c"_s, u"d"_s, u"b"_s}) {
        h.scheduler.finished(h.scheduler.inFlight().value(0), Outcome::succeeded(h.now(), h.now().addSecs(3600)));
        h.fireImmediateShots();
        QCOMPARE(h.dueOrder.last(), next);
    }
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"c"_s, u"d"_s, u"b"_s}));
}

void tst_RefreshScheduler::permanentFailureStopsUntilUpdated()
{
    Harness h;
    h.setLifetime(u"a"_s, 3600s);
    h.setLifetime(u"b"_s, 3 * 3600s);
    QVERIFY(h.scheduler.refreshNow(u"a"_s));
    h.fireImmediateShots();
    h.scheduler.finished(u"a"_s, Outcome::permanentFailure());
    QCOMPARE(h.state(u"a"_s), State::Stopped);
    QVERIFY(!h.scheduler.nextDeadline(u"a"_s).isValid());
    QVERIFY(!h.scheduler.refreshNow(u"a"_s)); // its credentials are not sent again
    QCOMPARE(h.scheduler.earliestDeadline(), h.scheduler.nextDeadline(u"b"_s));

    for (int i = 0; i < 5; ++i) { // b refreshes on, a stays stopped
        h.advanceToShot();
        h.scheduler.finished(u"b"_s, Outcome::succeeded(h.now(), h.now().addSecs(3 * 3600)));
    }
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"b"_s, u"b"_s, u"b"_s, u"b"_s, u"b"_s}));
    QCOMPARE(h.state(u"a"_s), State::Stopped);

    // Reconnected: scheduled again.
    h.setLifetime(u"a"_s, 3600s);
    QCOMPARE(h.state(u"a"_s), State::Scheduled);
    QCOMPARE(h.scheduler.earliestDeadline(), h.scheduler.nextDeadline(u"a"_s));
    h.advanceToShot();
    QCOMPARE(h.dueOrder.last(), u"a"_s);
}

void tst_RefreshScheduler::removedWhileRunningKeepsItsSlot()
{
    Harness h;
    h.scheduler.setMaximumConcurrent(1);
    h.setOverdue(u"a"_s);
    h.setOverdue(u"b"_s);
    h.fireImmediateShots();
    h.scheduler.remove(u"a"_s); // its refresh is still on the wire
    QVERIFY(!h.scheduler.contains(u"a"_s));
    QCOMPARE(h.scheduler.inFlight(), QStringList {u"a"_s});
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});

    h.scheduler.finished(u"a"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    QVERIFY(!h.scheduler.contains(u"a"_s));
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"b"_s}));

    h.scheduler.remove(u"b"_s);
    h.scheduler.finished(u"b"_s, Outcome::succeeded(h.now(), h.now().addSecs(3600)));
    QCOMPARE(h.scheduler.size(), 0);
    QVERIFY(!h.timer->isActive());
}

void tst_RefreshScheduler::networkBackRetriesBackedOffConnections()
{
    Harness h;
    NetworkMonitor network;
    h.scheduler.followSystemEvents(nullptr, nullptr, &network);
    h.setLifetime(u"a"_s, 3600s);
    h.setLifetime(u"b"_s, 7200s);
    QVERIFY(h.scheduler.refreshNow(u"a"_s));
    h.fireImmediateShots();
    h.scheduler.finished(u"a"_s, Outcome::transientFailure(std::chrono::seconds(1800))); // e.g. no network
    QCOMPARE(h.scheduler.nextDeadline(u"a"_s), h.now().addSecs(1800));

    QSignalSpy online(&network, &NetworkMonitor::online);
    network.observeReachability(QNetworkInformation::Reachability::Disconnected);
    QVERIFY(online.isEmpty());
    h.clock.advance(5min);
    network.observeReachability(QNetworkInformation::Reachability::Online);
    QCOMPARE(online.size(), 1);
    network.observeReachability(QNetworkInformation::Reachability::Online); // no change, no signal
    QCOMPARE(online.size(), 1);

    QCOMPARE(h.timer->interval(), 0ms);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, (QStringList {u"a"_s, u"a"_s})); // retried at once
    QCOMPARE(h.state(u"b"_s), State::Scheduled); // not touched
    QCOMPARE(h.scheduler.nextDeadline(u"b"_s), h.t0.addSecs(7200 - 720));
}

void tst_RefreshScheduler::resumeFromLogindReevaluates()
{
#ifdef QT_DBUS_LIB
    if (!QDBusConnection::sessionBus().isConnected())
        QSKIP("no D-Bus session bus (run the tests inside scripts/test-session.sh)");
    // A stand-in for logind on the private session bus, as its own connection.
    const QString connectionName = u"fake-logind"_s;
    QDBusConnection logind = QDBusConnection::connectToBus(QDBusConnection::SessionBus, connectionName);
    const auto cleanup = qScopeGuard([&] { QDBusConnection::disconnectFromBus(connectionName); });
    if (!logind.registerService(SleepMonitor::serviceName()))
        QSKIP("cannot own org.freedesktop.login1 on this session bus");

    Harness h;
    SleepMonitor monitor(SleepMonitor::Bus::Session);
    QVERIFY(monitor.isListening());
    h.scheduler.followSystemEvents(&monitor, nullptr, nullptr);
    QSignalSpy sleeping(&monitor, &SleepMonitor::aboutToSleep);
    QSignalSpy resumed(&monitor, &SleepMonitor::resumed);
    const auto prepareForSleep = [&](bool start) {
        QDBusMessage signal = QDBusMessage::createSignal(
            SleepMonitor::objectPath(), SleepMonitor::interfaceName(), u"PrepareForSleep"_s);
        signal << start;
        return logind.send(signal);
    };

    h.setLifetime(u"a"_s, 3600s);
    h.setLifetime(u"b"_s, 8 * 3600s);
    QVERIFY(prepareForSleep(true));
    QVERIFY(sleeping.wait());
    QVERIFY(resumed.isEmpty());
    h.clock.setNowUtc(h.t0.addSecs(3 * 3600)); // slept three hours
    QVERIFY(prepareForSleep(false));
    QVERIFY(resumed.wait());
    QCOMPARE(sleeping.size(), 1);

    QCOMPARE(h.timer->interval(), 0ms);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
    QCOMPARE(h.state(u"b"_s), State::Scheduled);
#else
    QSKIP("built without QtDBus");
#endif
}

void tst_RefreshScheduler::realTimerClampsAndFires()
{
    // Without an injected timer the scheduler makes its own, one QTimer in all.
    RefreshScheduler scheduler(Clock::system());
    scheduler.setCredentialTimes(
        u"far"_s, QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc().addDays(400));
    QCOMPARE(scheduler.findChildren<QTimer *>().size(), 1);
    QVERIFY(scheduler.findChildren<QTimer *>().constFirst()->isActive());
    QCOMPARE(scheduler.findChildren<QTimer *>().constFirst()->interval(), std::numeric_limits<int>::max());

    SchedulerTimer timer;
    QVERIFY(!timer.isActive());
    timer.start(std::chrono::hours(24 * 40));
    QCOMPARE(timer.interval(), SchedulerTimer::maximumInterval);
    timer.start(-5s);
    QCOMPARE(timer.interval(), 0ms);
    QSignalSpy timeout(&timer, &SchedulerTimer::timeout);
    QVERIFY(timeout.wait());
    QVERIFY(!timer.isActive()); // single shot
    timer.start(1h);
    timer.stop();
    QVERIFY(!timer.isActive());

    // An overdue connection on the real timer: due without anyone firing by hand.
    QSignalSpy due(&scheduler, &RefreshScheduler::due);
    scheduler.setCredentialTimes(
        u"overdue"_s, QDateTime::currentDateTimeUtc().addSecs(-7200), QDateTime::currentDateTimeUtc().addSecs(-3600));
    QVERIFY(due.wait());
    QCOMPARE(due.at(0).at(0).toString(), u"overdue"_s);
}

void tst_RefreshScheduler::systemMonitorsDegradeSilently()
{
    // Whatever this machine has (no system bus, no logind, no NetworkManager in CI): no warning, and
    // the scheduler works on with its timer and the clock checks.
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    SleepMonitor sleep;
    NetworkMonitor network;
    qInfo("system bus logind subscription: %s; network information backend: %s", sleep.isListening() ? "yes" : "no",
        network.hasBackend() ? "yes" : "no");
    Harness h;
    h.scheduler.followSystemEvents(&sleep, nullptr, &network);
    h.setOverdue(u"a"_s);
    h.fireImmediateShots();
    QCOMPARE(h.dueOrder, QStringList {u"a"_s});
}

QTEST_GUILESS_MAIN(tst_RefreshScheduler)
#include "tst_refreshscheduler.moc"
