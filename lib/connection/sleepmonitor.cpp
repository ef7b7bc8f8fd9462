#include "sleepmonitor.h"

#include "support/logging.h"

// QtDBus comes with QtKeychain on Linux and the BSDs; elsewhere there is no logind to ask.
#if defined(QT_DBUS_LIB) && __has_include(<QDBusConnection>)
#define AUTHDESK_SLEEP_MONITOR_DBUS 1
#include <QDBusConnection>
#include <QDBusError>
#endif

using namespace Qt::StringLiterals;

namespace Authdesk {

SleepMonitor::SleepMonitor(QObject *parent)
    : SleepMonitor(Bus::System, parent)
{
}

SleepMonitor::SleepMonitor(Bus bus, QObject *parent)
    : QObject(parent)
{
#ifdef AUTHDESK_SLEEP_MONITOR_DBUS
    QDBusConnection connection = bus == Bus::System ? QDBusConnection::systemBus() : QDBusConnection::sessionBus();
    if (!connection.isConnected()) {
        qCDebug(lcConnection) << "no D-Bus" << bus << "bus: resume from suspend is noticed by clock checks only";
        return;
    }
    // A bus without logind is fine: the subscription simply never matches.
    m_listening = connection.connect(
        serviceName(), objectPath(), interfaceName(), u"PrepareForSleep"_s, this, SLOT(onPrepareForSleep(bool)));
    if (!m_listening)
        qCDebug(lcConnection) << "cannot subscribe to logind's PrepareForSleep:" << connection.lastError().message();
#else
    Q_UNUSED(bus)
    qCDebug(lcConnection) << "no D-Bus: resume from suspend is noticed by clock checks only";
#endif
}

SleepMonitor::~SleepMonitor() = default;

void SleepMonitor::onPrepareForSleep(bool sleeping)
{
    if (sleeping) {
        qCInfo(lcConnection) << "the system is going to sleep";
        Q_EMIT aboutToSleep();
    } else {
        qCInfo(lcConnection) << "the system resumed from sleep";
        Q_EMIT resumed();
    }
}

} // namespace Authdesk
