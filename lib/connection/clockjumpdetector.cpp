#include "clockjumpdetector.h"

#include "schedulertimer.h"

#include "support/clock.h"
#include "support/logging.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

ClockJumpDetector::ClockJumpDetector(const Clock &clock, SchedulerTimer *timer, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_timer(timer ? timer : new SchedulerTimer)
{
    m_timer->setParent(this);
    connect(m_timer, &SchedulerTimer::timeout, this, &ClockJumpDetector::check);
}

ClockJumpDetector::~ClockJumpDetector() = default;

void ClockJumpDetector::setInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, minimumInterval);
    if (m_running)
        m_timer->start(m_interval);
}

void ClockJumpDetector::setThreshold(std::chrono::milliseconds threshold)
{
    m_threshold = std::max(threshold, std::chrono::milliseconds(0));
}

void ClockJumpDetector::start()
{
    m_running = true;
    takeReference();
    m_timer->start(m_interval);
}

void ClockJumpDetector::stop()
{
    m_running = false;
    m_timer->stop();
}

void ClockJumpDetector::check()
{
    const QDateTime wallNow = m_clock.nowUtc();
    const std::chrono::milliseconds monotonicNow = m_clock.monotonic();
    const std::chrono::milliseconds wallElapsed(m_wallReference.msecsTo(wallNow));
    const std::chrono::milliseconds delta = wallElapsed - (monotonicNow - m_monotonicReference);
    takeReference();
    if (m_running)
        m_timer->start(m_interval);
    if (std::chrono::abs(delta) > m_threshold) {
        const QString direction
            = delta.count() > 0 ? u"forward (suspend or clock change)"_s : u"backward (clock change)"_s;
        qCInfo(lcConnection).noquote() << u"the wall clock jumped %1 s %2"_s.arg(
            QString::number(std::chrono::abs(delta).count() / 1000), direction);
        Q_EMIT jumped(delta);
    }
}

void ClockJumpDetector::takeReference()
{
    m_wallReference = m_clock.nowUtc();
    m_monotonicReference = m_clock.monotonic();
}

} // namespace Authdesk
