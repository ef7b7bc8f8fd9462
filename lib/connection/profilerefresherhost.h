#pragma once

#include "refreshoutcome.h"
#include "refreshservice.h"

#include "support/result.h"

#include <QList>
#include <QObject>
#include <QString>

#include <chrono>

class QFileSystemWatcher;
class QTimer;

namespace Authdesk {

class ClockJumpDetector;
class NetworkMonitor;
class ProfileContext;
class RefresherServer;
class RefreshScheduler;
class SleepMonitor;

// The profile's one refresher (design.md decision 4), whoever hosts it: `authdesk daemon`, or the GUI
// when no daemon serves the profile. It composes the parts every refresher needs:
//
//   RefresherServer (profile socket + daemon lock)  <- commands and other GUIs ask it
//   RefreshService  (one refresh per connection, journal, unsaved credentials)
//   RefreshScheduler fed from the index             -> refresh before expiry, backoff, stop on
//     + SleepMonitor, ClockJumpDetector,                permanent failures; re-evaluated after
//       NetworkMonitor                                  suspend, clock jumps, network return
//   a watch on the index file                       -> reload() + reschedule (another process wrote)
//
//     ProfileRefresherHost host(context, u"the Authdesk window (pid 42)"_s);
//     if (auto started = host.start(); !started) ... // ErrorCode::Usage: someone else serves the profile
//     connect(&host, &ProfileRefresherHost::stopped, app, &QCoreApplication::quit);
//     host.stop(); // on SIGTERM or Quit: stops accepting, waits for refreshes in flight
//
// Logging (lcRefresher) is the daemon's: every refresh attempt, failure and retry, never a secret.
//
// Tuning from the environment (for slow links, and for tests that need seconds instead of minutes):
// AUTHDESK_REFRESH_BACKOFF, the first retry ceiling in seconds (default 30, doubling up to 30 min);
// AUTHDESK_REFRESH_TIMEOUT, how long the token endpoint may stay silent (RefreshJob; default 30 s).
class ProfileRefresherHost : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds defaultDrainTimeout {30};

    // `context` (not owned) must outlive the host. `servedBy` names the host in outcomes and logs.
    ProfileRefresherHost(ProfileContext *context, QString servedBy, QObject *parent = nullptr);
    ~ProfileRefresherHost() override;

    // Takes the profile's refresher lock and socket, then starts refreshing on schedule. Fails with
    // ErrorCode::Usage when another refresher (a daemon, another window) serves the profile; the
    // host then holds nothing and may be started again later (not after stop()).
    Result<bool> start();
    bool isRunning() const { return m_server != nullptr && !m_stopped; }

    // Stops accepting requests (clients refresh under the profile lock meanwhile), lets the refreshes
    // in flight finish for at most drainTimeout(), releases the socket and the lock, then emits
    // stopped() (from the event loop when nothing was running). A second call does nothing.
    // `why` goes to the log ("SIGTERM", "Quit").
    void stop(const QString &why);
    bool isStopping() const { return m_stopping; }
    void setDrainTimeout(std::chrono::milliseconds timeout) { m_drainTimeout = timeout; }
    std::chrono::milliseconds drainTimeout() const { return m_drainTimeout; }

    // What a previous refresher left unconfirmed, found by start().
    const QList<RefreshService::Unconfirmed> &unconfirmed() const { return m_unconfirmed; }

    RefreshService *service() const { return m_service; }
    RefresherServer *server() const { return m_server; }
    RefreshScheduler *scheduler() const { return m_scheduler; }
    const QString &servedBy() const { return m_servedBy; }

Q_SIGNALS:
    // After every refresh this host ran (scheduled, or asked for over the socket).
    void refreshFinished(const QString &name, const Authdesk::RefreshOutcome &outcome);
    // The index was re-read (a change on disk, or a client's reload request; `name` may be empty).
    void reloaded(const QString &name);
    // stop() is done: the socket and the lock are released.
    void stopped();

private:
    void startScheduler();
    void watchIndex();
    // Makes the scheduler's entries match the index: Ready connections with a known expiry.
    void syncSchedule();
    void onRefreshFinished(const QString &name, const RefreshOutcome &outcome);
    void finishStopping();

    ProfileContext *m_context;
    QString m_servedBy;
    RefreshService *m_service = nullptr;
    RefresherServer *m_server = nullptr;
    RefreshScheduler *m_scheduler = nullptr;
    SleepMonitor *m_sleep = nullptr;
    ClockJumpDetector *m_clockJumps = nullptr;
    NetworkMonitor *m_network = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_reloadDebounce = nullptr;
    QTimer *m_drainTimer = nullptr;
    QList<RefreshService::Unconfirmed> m_unconfirmed;
    std::chrono::milliseconds m_drainTimeout = defaultDrainTimeout;
    bool m_stopping = false;
    bool m_stopped = false;
};

} // namespace Authdesk
