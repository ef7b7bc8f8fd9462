#include "schedulertimer.h"

#include <QTimer>

#include <algorithm>

namespace Authdesk {

SchedulerTimer::SchedulerTimer(QObject *parent)
    : QObject(parent)
{
}

SchedulerTimer::~SchedulerTimer() = default;

std::chrono::milliseconds SchedulerTimer::clampInterval(std::chrono::milliseconds interval)
{
    return std::clamp(interval, std::chrono::milliseconds(0), maximumInterval);
}

void SchedulerTimer::start(std::chrono::milliseconds interval)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &SchedulerTimer::timeout);
    }
    m_timer->start(clampInterval(interval));
}

void SchedulerTimer::stop()
{
    if (m_timer)
        m_timer->stop();
}

bool SchedulerTimer::isActive() const
{
    return m_timer && m_timer->isActive();
}

std::chrono::milliseconds SchedulerTimer::interval() const
{
    return m_timer ? m_timer->intervalAsDuration() : std::chrono::milliseconds(0);
}

} // namespace Authdesk
