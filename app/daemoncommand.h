#pragma once

#include "profilecommand.h"

#include <QPointer>

class QFileSystemWatcher;
class QSocketNotifier;
class QTimer;

namespace Authdesk {

class RefresherServer;
class RefreshService;

// `authdesk daemon [--profile NAME]`: the profile's headless refresher (design.md decision 4). It
// serves the profile's socket (RefresherServer) with a RefreshService, so that every `authdesk`
// command of the profile refreshes through it; logs to stderr (never a secret); reloads the
// connection index when it changes on disk; reports at start what a previous refresher left
// unconfirmed. SIGTERM or SIGINT: stop accepting, let the refreshes in flight finish (at most
// drainTimeout), exit 0. A second daemon for the profile is refused (exit code 1).
//
// For now it refreshes on request only. The RefreshScheduler plugs in here: connect its due(name) to
// service->refresh(name, true, ...) and the service's refreshFinished(name, outcome) back to
// scheduler->finished(name, ...), and feed it the index's expiries on start and on reload.
class DaemonCommand : public ProfileCommand
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds drainTimeout{30};

    DaemonCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~DaemonCommand() override;

    int start() override;

    RefreshService *service() const { return m_service; }
    // What SIGTERM does (and, on Windows, a console close or Ctrl+C).
    void requestStop();

private:
    bool watchSignals();
    void watchIndex();
    void onSignal(int signalNumber);
    void stop(const QString &why);
    void exitWhenDrained();

    RefreshService *m_service = nullptr;
    RefresherServer *m_server = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_reloadDebounce = nullptr;
    QTimer *m_drainTimer = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
    bool m_stopping = false;
    bool m_exited = false;
};

} // namespace Authdesk
