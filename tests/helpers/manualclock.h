#pragma once

#include "support/clock.h"

#include <QDateTime>

#include <chrono>

namespace Authdesk::Test {

// A clock that only moves when the test says so. Wall-clock time can also jump (setNowUtc) without
// the monotonic reading following, as after a suspend or a clock change.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime nowUtc = QDateTime(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC))
        : m_now(std::move(nowUtc))
    {
    }

    QDateTime nowUtc() const override { return m_now; }
    std::chrono::milliseconds monotonic() const override { return m_monotonic; }

    void setNowUtc(const QDateTime &now) { m_now = now.toUTC(); }
    void advance(std::chrono::milliseconds step)
    {
        m_now = m_now.addMSecs(step.count());
        m_monotonic += step;
    }

private:
    QDateTime m_now;
    std::chrono::milliseconds m_monotonic{0};
};

} // namespace Authdesk::Test
