#pragma once

#include "connection/refreshoutcome.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace Authdesk {

class ProfileContext;
class ProfileRefresherHost;

// Who refreshes while the window is open (design.md decision 4: one refresher per profile). When
// nobody serves the profile, the GUI hosts the same refresher as `authdesk daemon`
// (ProfileRefresherHost: the profile socket, scheduled refreshes, backoff); when a daemon or another
// window already does, this one is a client like the CLI (ConnectionActions goes through
// ProfileRefresher either way) and checks every takeOverInterval() whether that refresher went away,
// to take over then. Status changes reach the window through the connection index, which every
// refresher writes and the connections model watches.
//
//     auto *refresher = new GuiRefresher(context, this);
//     refresher->start();                   // Hosting, or Client
//     ... Quit: refresher->stop();          // waits for refreshes in flight, then stopped()
class GuiRefresher : public QObject
{
    Q_OBJECT

public:
    enum class Role {
        Idle, // not started, or stopped
        Hosting, // this process is the profile's refresher
        Client, // another process is; this one asks it
    };
    Q_ENUM(Role)

    static constexpr std::chrono::seconds defaultTakeOverInterval {30};

    explicit GuiRefresher(ProfileContext *context, QObject *parent = nullptr);
    ~GuiRefresher() override;

    void start();
    Role role() const { return m_role; }
    // The refresher this process hosts (Hosting only).
    ProfileRefresherHost *host() const { return m_host; }
    // Why this process does not host (Client): the other refresher, as the lock names it.
    const QString &clientReason() const { return m_clientReason; }

    void setTakeOverInterval(std::chrono::milliseconds interval);

    // Quit: a hosted refresher stops accepting and finishes its refreshes in flight first (as the
    // daemon does on SIGTERM); stopped() follows, always from the event loop.
    void stop();
    bool isStopping() const { return m_stopping; }

Q_SIGNALS:
    void roleChanged(Authdesk::GuiRefresher::Role role);
    // After every refresh the hosted refresher ran.
    void refreshFinished(const QString &name, const Authdesk::RefreshOutcome &outcome);
    void stopped();

private:
    bool tryToHost();
    void setRole(Role role);

    ProfileContext *m_context;
    ProfileRefresherHost *m_host = nullptr;
    QTimer *m_takeOver;
    Role m_role = Role::Idle;
    QString m_clientReason;
    bool m_stopping = false;
};

} // namespace Authdesk
