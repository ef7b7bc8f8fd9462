#pragma once

#include "profilecommand.h"

#include "connection/profilerefresherhost.h"

#include <QPointer>

class QSocketNotifier;

namespace Authdesk {

class RefreshService;

// `authdesk daemon [--profile NAME]`: the profile's headless refresher (design.md decision 4). It
// runs a ProfileRefresherHost (the same refresher the GUI hosts when no daemon runs), which serves
// the profile's socket (RefresherServer) with a RefreshService, so that every `authdesk`
// command of the profile refreshes through it; logs to stderr (never a secret); reloads the
// connection index when it changes on disk; reports at start what a previous refresher left
// unconfirmed. SIGTERM or SIGINT: stop accepting, let the refreshes in flight finish (at most
// drainTimeout), exit 0. A second daemon for the profile is refused (exit code 1).
//
// It refreshes on its own, before tokens expire: a RefreshScheduler fed with the index's expiries (on
// start and whenever the index changes) calls the service when a connection is due, and re-evaluates
// every deadline after suspend (logind), a wall-clock jump, or when the network comes back. Only new
// credentials move a deadline: an index change that leaves a connection's times alone (a failed
// attempt's history entry) keeps its backoff.
//
// Tuning from the environment (for slow links, and for tests that need seconds instead of minutes):
// AUTHDESK_REFRESH_BACKOFF, the first retry ceiling in seconds (default 30, doubling up to 30 min);
// AUTHDESK_REFRESH_TIMEOUT, how long the token endpoint may stay silent (RefreshJob; default 30 s).
class DaemonCommand : public ProfileCommand
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds drainTimeout = ProfileRefresherHost::defaultDrainTimeout;

    DaemonCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~DaemonCommand() override;

    int start() override;

    RefreshService *service() const;
    // What SIGTERM does (and, on Windows, a console close or Ctrl+C).
    void requestStop();

private:
    bool watchSignals();
    void onSignal(int signalNumber);
    void stop(const QString &why);

    ProfileRefresherHost *m_host = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
    bool m_exited = false;
};

} // namespace Authdesk
