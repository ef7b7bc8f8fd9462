#include "manualclock.h"

#include "connection/clockjumpdetector.h"
#include "connection/schedulertimer.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

// A timer that fires only when the test says so.
class FakeTimer final : public SchedulerTimer
{
public:
    void start(milliseconds interval) override
    {
        m_interval = clampInterval(interval);
        m_active = true;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    milliseconds interval() const override { return m_interval; }

    void fire()
    {
        m_active = false;
        Q_EMIT timeout();
    }

private:
    milliseconds m_interval {0};
    bool m_active = false;
};

// A detector on a manual clock and a fake timer.
struct Harness
{
    Test::ManualClock clock;
    FakeTimer *timer = new FakeTimer;
    ClockJumpDetector detector {clock, timer};
    QSignalSpy jumps {&detector, &ClockJumpDetector::jumped};
    const QDateTime t0 = clock.nowUtc();

    // One periodic check, on time: both clocks advanced by the interval.
    void checkOnTime()
    {
        clock.advance(timer->interval());
        timer->fire();
    }
    milliseconds jump(qsizetype index) const { return jumps.at(index).at(0).value<milliseconds>(); }
};

} // namespace

class tst_ClockJumpDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksEveryMinuteWithoutReportingSteadyClocks();
    void intervalIsAtLeastAMinute();
    void suspendIsAForwardJump();
    void clockSetBackIsABackwardJump();
    void jumpIsReportedOnce();
    void threshold_data();
    void threshold();
    void stopEndsTheChecks();
    void realTimerByDefault();
};

void tst_ClockJumpDetector::checksEveryMinuteWithoutReportingSteadyClocks()
{
    Harness h;
    QVERIFY(!h.timer->isActive());
    h.detector.start();
    QVERIFY(h.detector.isRunning());
    QVERIFY(h.timer->isActive());
    QCOMPARE(h.timer->interval(), 1min);
    for (int i = 0; i < 60; ++i) {
        h.checkOnTime();
        QVERIFY(h.timer->isActive()); // re-armed after each check
        QCOMPARE(h.timer->interval(), 1min);
    }
    QVERIFY(h.jumps.isEmpty());
    // A check that comes late (a busy event loop) is no jump: both clocks moved alike.
    h.clock.advance(10min);
    h.timer->fire();
    QVERIFY(h.jumps.isEmpty());
}

void tst_ClockJumpDetector::intervalIsAtLeastAMinute()
{
    Harness h;
    h.detector.setInterval(1s);
    QCOMPARE(h.detector.interval(), 1min);
    h.detector.setInterval(5min);
    QCOMPARE(h.detector.interval(), 5min);
    h.detector.start();
    QCOMPARE(h.timer->interval(), 5min);
    h.detector.setInterval(0ms);
    QCOMPARE(h.timer->interval(), 1min); // re-armed with the new interval
}

void tst_ClockJumpDetector::suspendIsAForwardJump()
{
    Harness h;
    h.detector.start();
    h.checkOnTime();
    // Two hours of suspend: wall-clock time passes, monotonic time stands still (Linux CLOCK_MONOTONIC).
    h.clock.setNowUtc(h.clock.nowUtc().addSecs(2 * 3600));
    QVERIFY(h.jumps.isEmpty()); // noticed at the next check, not before
    h.checkOnTime();
    QCOMPARE(h.jumps.size(), 1);
    QCOMPARE(h.jump(0), 2h);
}

void tst_ClockJumpDetector::clockSetBackIsABackwardJump()
{
    Harness h;
    h.detector.start();
    h.clock.setNowUtc(h.clock.nowUtc().addSecs(-3600));
    h.checkOnTime();
    QCOMPARE(h.jumps.size(), 1);
    QCOMPARE(h.jump(0), -1h);
}

void tst_ClockJumpDetector::jumpIsReportedOnce()
{
    Harness h;
    h.detector.start();
    h.clock.setNowUtc(h.clock.nowUtc().addSecs(600));
    h.checkOnTime();
    QCOMPARE(h.jumps.size(), 1);
    for (int i = 0; i < 5; ++i)
        h.checkOnTime();
    QCOMPARE(h.jumps.size(), 1); // the new readings are the reference from then on
}

void tst_ClockJumpDetector::threshold_data()
{
    QTest::addColumn<qint64>("thresholdMs");
    QTest::addColumn<qint64>("jumpMs");
    QTest::addColumn<bool>("reported");
    QTest::addRow("default_ntp_slew_20s") << qint64(30'000) << qint64(20'000) << false;
    QTest::addRow("default_exactly_30s") << qint64(30'000) << qint64(30'000) << false;
    QTest::addRow("default_31s") << qint64(30'000) << qint64(31'000) << true;
    QTest::addRow("default_back_31s") << qint64(30'000) << qint64(-31'000) << true;
    QTest::addRow("strict_5s") << qint64(1'000) << qint64(5'000) << true;
    QTest::addRow("lax_10min") << qint64(900'000) << qint64(600'000) << false;
}

void tst_ClockJumpDetector::threshold()
{
    QFETCH(qint64, thresholdMs);
    QFETCH(qint64, jumpMs);
    QFETCH(bool, reported);
    Harness h;
    h.detector.setThreshold(milliseconds(thresholdMs));
    h.detector.start();
    h.clock.setNowUtc(h.clock.nowUtc().addMSecs(jumpMs));
    h.checkOnTime();
    QCOMPARE(h.jumps.size(), reported ? 1 : 0);
    if (reported)
        QCOMPARE(h.jump(0), milliseconds(jumpMs));
}

void tst_ClockJumpDetector::stopEndsTheChecks()
{
    Harness h;
    h.detector.start();
    h.detector.stop();
    QVERIFY(!h.detector.isRunning());
    QVERIFY(!h.timer->isActive());
    // A jump while stopped is measured from the readings of the next start().
    h.clock.setNowUtc(h.clock.nowUtc().addSecs(3600));
    h.detector.start();
    h.checkOnTime();
    QVERIFY(h.jumps.isEmpty());
}

void tst_ClockJumpDetector::realTimerByDefault()
{
    ClockJumpDetector detector(Clock::system());
    detector.start();
    const QList<QTimer *> timers = detector.findChildren<QTimer *>();
    QCOMPARE(timers.size(), 1);
    QVERIFY(timers.constFirst()->isActive());
    QCOMPARE(timers.constFirst()->interval(), 60000);
    QCOMPARE(timers.constFirst()->timerType(), Qt::PreciseTimer);
    detector.stop();
    QVERIFY(!timers.constFirst()->isActive());
}

QTEST_GUILESS_MAIN(tst_ClockJumpDetector)
#include "tst_clockjumpdetector.moc"
