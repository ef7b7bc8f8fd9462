#pragma once

#include <QObject>
#include <QString>

namespace Authdesk {

// Tells when the machine wakes from suspend or hibernation, from systemd-logind's
// org.freedesktop.login1.Manager.PrepareForSleep(bool) signal on the system bus (false = resumed).
// Timers count on CLOCK_MONOTONIC, which stops during suspend, so whatever was due while the machine
// slept must be re-checked at once on wake (the scheduler's reevaluate()).
//
// Where there is no D-Bus, no system bus or no logind (macOS, Windows, containers, tests) it stays
// silent: isListening() is false and ClockJumpDetector is the fallback.
class SleepMonitor : public QObject
{
    Q_OBJECT

public:
    enum class Bus { System, Session }; // Session: for tests, with a stand-in for logind
    Q_ENUM(Bus)

    static QString serviceName() { return QStringLiteral("org.freedesktop.login1"); }
    static QString objectPath() { return QStringLiteral("/org/freedesktop/login1"); }
    static QString interfaceName() { return QStringLiteral("org.freedesktop.login1.Manager"); }

    explicit SleepMonitor(QObject *parent = nullptr);
    explicit SleepMonitor(Bus bus, QObject *parent = nullptr);
    ~SleepMonitor() override;

    // Whether the signal subscription is in place (a bus was reachable).
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    void aboutToSleep();
    void resumed();

private Q_SLOTS:
    // Q_SLOTS by name: QtDBus (6.4) connects D-Bus signals only to a slot signature.
    void onPrepareForSleep(bool sleeping);

private:
    bool m_listening = false;
};

} // namespace Authdesk
