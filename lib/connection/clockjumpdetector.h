#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>

namespace Authdesk {

class Clock;
class SchedulerTimer;

// Notices when wall-clock time and monotonic time drift apart: a suspend (Linux CLOCK_MONOTONIC stops
// while the machine sleeps, so every timer fires late by the time slept), a manual clock change or a
// large NTP step. Without logind (SleepMonitor) this is how a resume is noticed at all.
//
// Every interval() (at least a minute: this wakes the machine, and a minute late is early enough for
// a refresh lead of at least a minute) it compares the wall-clock time elapsed since the last check
// with the monotonic time elapsed; a difference beyond threshold() is reported as jumped(delta),
// positive when the wall clock moved forward (after a suspend), negative when it went back.
class ClockJumpDetector : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds minimumInterval {std::chrono::minutes(1)};
    static constexpr std::chrono::milliseconds defaultThreshold {std::chrono::seconds(30)};

    // `timer` is owned by the detector (nullptr: a real one). The clock must outlive the detector.
    explicit ClockJumpDetector(const Clock &clock, SchedulerTimer *timer = nullptr, QObject *parent = nullptr);
    ~ClockJumpDetector() override;

    std::chrono::milliseconds interval() const { return m_interval; }
    void setInterval(std::chrono::milliseconds interval); // raised to minimumInterval
    std::chrono::milliseconds threshold() const { return m_threshold; }
    void setThreshold(std::chrono::milliseconds threshold);

    // Takes the current readings as the reference and checks every interval() until stop().
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Compares the clocks now (also called by the timer) and starts a new interval.
    void check();

Q_SIGNALS:
    void jumped(std::chrono::milliseconds delta);

private:
    void takeReference();

    const Clock &m_clock;
    SchedulerTimer *m_timer;
    std::chrono::milliseconds m_interval = minimumInterval;
    std::chrono::milliseconds m_threshold = defaultThreshold;
    QDateTime m_wallReference;
    std::chrono::milliseconds m_monotonicReference {0};
    bool m_running = false;
};

} // namespace Authdesk
