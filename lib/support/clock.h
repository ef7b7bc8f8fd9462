#pragma once

#include <QDateTime>

#include <chrono>

namespace Authdesk {

// Where every expiry and scheduling decision reads the time (design.md decision 6), so that tests
// can replace it with tests/helpers/manualclock.h.
//
// nowUtc() is wall-clock time: what an expiry (`expires_at`) is stored in. monotonic() never jumps
// with clock changes or NTP corrections: what elapsed time and timeouts are measured with.
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime nowUtc() const = 0;
    virtual std::chrono::milliseconds monotonic() const = 0;

    // The process-wide system clock (a SystemClock that lives as long as the program).
    static const Clock &system();
};

// The real time: QDateTime::currentDateTimeUtc() and a steady clock.
class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override;
    std::chrono::milliseconds monotonic() const override;
};

} // namespace Authdesk
