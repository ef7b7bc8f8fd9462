#pragma once

#include "refresher.h"
#include "refresherclient.h"

#include <QPointer>

#include <chrono>

namespace Authdesk {

class ProfileContext;
class RefreshService;

// The choice a command makes for every refresh (issue 5, item 4): the profile's refresher daemon
// when one answers on the profile's socket, otherwise a RefreshService in this process (one
// RefreshJob under the profile lock, which re-reads the stored credentials after taking it).
//
//   refresh(name, force, want)
//     -> RefresherClient {op: token | refresh}
//        reply                       -> the daemon's outcome (want Credentials: the keychain's
//                                       credentials, with the daemon's access token if it holds newer,
//                                       unsaved ones)
//        NotRunning                  -> RefreshService here (a killed daemon's socket counts as none)
//        Disconnected, shutting-down,
//        busy, unsupported-version   -> RefreshService here (the lock keeps it one at a time)
//        Timeout, Protocol           -> error: something answers but not as a refresher should
class ProfileRefresher : public Refresher
{
    Q_OBJECT

public:
    explicit ProfileRefresher(ProfileContext *context, QObject *parent = nullptr);
    ~ProfileRefresher() override;

    RefreshRequest *refresh(const QString &name, bool force, Want want) override;

    void setDaemonTimeout(std::chrono::milliseconds timeout) { m_daemonTimeout = timeout; }
    // The in-process fallback (made on first use).
    RefreshService *localService();

private:
    void refreshLocally(RefreshRequest *request, Want want);
    void onReply(RefreshRequest *request, Want want, const RefresherProtocol::Reply &reply);

    ProfileContext *m_context;
    QPointer<RefreshService> m_local;
    std::chrono::milliseconds m_daemonTimeout = RefresherClient::defaultTimeout;
};

} // namespace Authdesk
