#pragma once

#include <QObject>

#include <chrono>
#include <limits>

class QTimer;

namespace Authdesk {

// The one single-shot timer behind RefreshScheduler and ClockJumpDetector. By default a QTimer
// (Qt::PreciseTimer: a coarse timer may fire up to 5 % late, minutes on a long interval); tests
// subclass it to fire by hand, so that no test waits for real time.
//
//     auto *timer = new SchedulerTimer;                 // owned by whoever takes it
//     connect(timer, &SchedulerTimer::timeout, this, &Me::onTimeout);
//     timer->start(std::chrono::minutes(5));            // replaces a pending start
//
// QTimer counts on the monotonic clock, which on Linux stops during suspend: after a resume the
// timer fires late by the time slept. Users of this class re-check wall-clock deadlines when it
// fires (early or late) and on resume (SleepMonitor, ClockJumpDetector).
class SchedulerTimer : public QObject
{
    Q_OBJECT

public:
    // QTimer's interval is an int of milliseconds (about 24.8 days); start() clamps to it.
    static constexpr std::chrono::milliseconds maximumInterval {std::numeric_limits<int>::max()};

    explicit SchedulerTimer(QObject *parent = nullptr);
    ~SchedulerTimer() override;

    // Fires timeout() once after `interval` (clamped to [0, maximumInterval]); a pending start is replaced.
    virtual void start(std::chrono::milliseconds interval);
    virtual void stop();
    virtual bool isActive() const;
    // The interval of the last start(), after clamping.
    virtual std::chrono::milliseconds interval() const;

    static std::chrono::milliseconds clampInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    void timeout();

private:
    QTimer *m_timer = nullptr; // created on first start(), so a subclass never makes one
};

} // namespace Authdesk
