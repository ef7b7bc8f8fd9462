#include "daemoncommand.h"

#include "connection/profilecontext.h"
#include "support/logging.h"
#include "connection/refresherserver.h"
#include "connection/clockjumpdetector.h"
#include "connection/connectionstatus.h"
#include "connection/networkmonitor.h"
#include "connection/refreshrequest.h"
#include "connection/refreshscheduler.h"
#include "connection/refreshservice.h"
#include "connection/sleepmonitor.h"
#include "support/clock.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <qt_windows.h>
#endif

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

#ifdef Q_OS_UNIX
// The self-pipe: the signal handler only writes the signal's number; the event loop reads it.
int signalPipe[2] = {-1, -1};

void onUnixSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    const int saved = errno;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
    errno = saved;
}
#endif

#ifdef Q_OS_WIN
// Console control events arrive on a thread of their own; they are handed to the event loop.
QPointer<DaemonCommand> windowsDaemon;
BOOL WINAPI onConsoleControl(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT && event != CTRL_SHUTDOWN_EVENT)
        return FALSE;
    if (DaemonCommand *daemon = windowsDaemon.data())
        QMetaObject::invokeMethod(daemon, &DaemonCommand::requestStop, Qt::QueuedConnection);
    // TODO(windows): CTRL_CLOSE_EVENT ends the process when this returns; wait for the drain here.
    return TRUE;
}
#endif

} // namespace

DaemonCommand::DaemonCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"daemon"_s, std::move(options), out, err, parent)
{
}

DaemonCommand::~DaemonCommand()
{
#ifdef Q_OS_UNIX
    if (m_signalNotifier) {
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
    }
#endif
}

int DaemonCommand::start()
{
    // Time and category on every line, unless QT_MESSAGE_PATTERN says otherwise.
    qSetMessagePattern(u"%{time yyyy-MM-ddTHH:mm:ss.zzz} authdesk daemon[%{pid}] %{if-warning}warning: %{endif}"
                       "%{if-critical}error: %{endif}%{message}"_s);
    if (!watchSignals())
        return fail(Error(ErrorCode::Internal, u"cannot watch for SIGTERM and SIGINT"_s));
    if (!openContext())
        return exitCode();

    RefreshService::Settings settings;
    settings.lockFilePath = context()->profile().lockFilePath();
    settings.journalPath = context()->profile().dataDir() + u"/refresher-journal.json"_s;
    settings.servedBy = u"the refresher daemon (pid %1)"_s.arg(QCoreApplication::applicationPid());
    m_service = new RefreshService(context(), settings, this);
    m_server = new RefresherServer(context()->profile(), m_service, this);
    if (const auto listening = m_server->listen(); !listening)
        return fail(listening.error());

    qCInfo(lcRefresher).noquote() << u"serving profile \"%1\" (%2 connections) on %3"_s.arg(context()->profile().name())
                                         .arg(context()->index().connections().size())
                                         .arg(m_server->fullServerName());
    const QList<RefreshService::Unconfirmed> unconfirmed = m_service->reportUnconfirmed();
    if (!unconfirmed.isEmpty())
        qCWarning(lcRefresher).noquote() << u"%1 connection(s) may have lost their last refresh; see their history (authdesk inspect NAME)"_s.arg(
            unconfirmed.size());
    watchIndex();
    connect(m_server, &RefresherServer::reloadRequested, this, [this](const QString &name) {
        qCInfo(lcRefresher).noquote() << (name.isEmpty() ? u"reloaded the index"_s : u"reloaded connection \"%1\""_s.arg(name));
        syncSchedule();
    });
    startScheduler();
    return -1;
}

void DaemonCommand::startScheduler()
{
    m_scheduler = new RefreshScheduler(context()->clock(), nullptr, this);
    // AUTHDESK_REFRESH_BACKOFF (seconds): the first retry ceiling after a transient failure.
    bool backoffSet = false;
    if (const double seconds = qEnvironmentVariable("AUTHDESK_REFRESH_BACKOFF").toDouble(&backoffSet);
        backoffSet && seconds > 0 && seconds <= 3600) {
        RefreshPolicy policy = m_scheduler->policy();
        policy.backoffBase = std::chrono::milliseconds(qint64(seconds * 1000));
        policy.minimumBackoff = std::min(policy.minimumBackoff, policy.backoffBase);
        m_scheduler->setPolicy(policy);
    }
    m_sleep = new SleepMonitor(this);
    m_clockJumps = new ClockJumpDetector(context()->clock(), nullptr, this);
    m_network = new NetworkMonitor(this);
    m_scheduler->followSystemEvents(m_sleep, m_clockJumps, m_network);
    m_clockJumps->start();
    connect(m_scheduler, &RefreshScheduler::due, this, [this](const QString &name) {
        if (m_stopping) {
            m_scheduler->finished(name, RefreshScheduler::Outcome::transientFailure());
            return;
        }
        qCInfo(lcRefresher).noquote() << u"refreshing \"%1\": its access token expires soon"_s.arg(name);
        m_service->refresh(name, true, Refresher::Want::AccessToken); // the outcome comes through refreshFinished
    });
    connect(m_service, &RefreshService::refreshFinished, this, &DaemonCommand::onRefreshFinished);
    syncSchedule();
}

void DaemonCommand::syncSchedule()
{
    if (!m_scheduler)
        return;
    QStringList present;
    for (const ConnectionRecord &record : context()->index().connections()) {
        present.append(record.name);
        const auto status = ConnectionStatuses::fromString(record.status);
        const bool refreshable = status == ConnectionStatus::Ready || status == ConnectionStatus::Refreshing;
        if (refreshable && record.expiresAt.isValid()) {
            // Only new credentials reschedule. Every refresh attempt rewrites the index (its history),
            // and rescheduling the same times would reset a backoff and retry at once, in a loop.
            const auto entry = m_scheduler->entry(record.name);
            const bool unchanged = entry && entry->state != RefreshScheduler::State::Stopped
                && entry->obtainedAt == record.obtainedAt && entry->expiresAt == record.expiresAt;
            if (!unchanged)
                m_scheduler->setCredentialTimes(record.name, record.obtainedAt, record.expiresAt);
        } else {
            m_scheduler->remove(record.name); // unknown expiry (401-driven), or waiting for the user
        }
    }
    for (const QString &name : m_scheduler->names()) {
        if (!present.contains(name))
            m_scheduler->remove(name);
    }
}

// Every refresh the service ran, whoever asked: the scheduler learns the new deadline, or backs off
// after a transient failure, or stops until the user acts.
void DaemonCommand::onRefreshFinished(const QString &name, const RefreshOutcome &outcome)
{
    if (!m_scheduler)
        return;
    const bool scheduled = m_scheduler->inFlight().contains(name);
    if (!outcome.error) {
        if (scheduled)
            m_scheduler->finished(name, RefreshScheduler::Outcome::succeeded(outcome.record.obtainedAt, outcome.expiresAt));
        else if (outcome.expiresAt.isValid())
            m_scheduler->setCredentialTimes(name, outcome.record.obtainedAt, outcome.expiresAt);
        return;
    }
    const auto status = ConnectionStatuses::fromString(outcome.record.status);
    const bool permanent = status == ConnectionStatus::NeedsReconnect || status == ConnectionStatus::Expired
        || status == ConnectionStatus::Error || outcome.error->code == ErrorCode::NotFound;
    if (scheduled)
        m_scheduler->finished(name, permanent ? RefreshScheduler::Outcome::permanentFailure()
                                              : RefreshScheduler::Outcome::transientFailure());
    QString retry;
    if (!permanent) {
        retry = u" (will retry)"_s;
        const auto entry = m_scheduler->entry(name);
        if (scheduled && entry && entry->state == RefreshScheduler::State::Scheduled && entry->consecutiveFailures > 0) {
            const qint64 inMs = std::max<qint64>(0, context()->clock().nowUtc().msecsTo(entry->deadline));
            retry = u" (will retry in %1 s; %2 in a row)"_s.arg(double(inMs) / 1000.0, 0, 'f', 1).arg(entry->consecutiveFailures);
        }
    }
    qCWarning(lcRefresher).noquote() << u"refreshing \"%1\" failed%2: %3"_s.arg(name, retry, outcome.error->message);
}

bool DaemonCommand::watchSignals()
{
#ifdef Q_OS_UNIX
    if (signalPipe[0] < 0) {
        if (::pipe(signalPipe) != 0)
            return false;
        for (const int fd : signalPipe) {
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        }
    }
    struct sigaction action = {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (::sigaction(SIGTERM, &action, nullptr) != 0 || ::sigaction(SIGINT, &action, nullptr) != 0)
        return false;
    // A client that hangs up while its reply is written must not kill the daemon.
    ::signal(SIGPIPE, SIG_IGN);
    m_signalNotifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        while (::read(signalPipe[0], &byte, 1) == 1)
            onSignal(int(byte));
    });
#elif defined(Q_OS_WIN)
    windowsDaemon = this;
    SetConsoleCtrlHandler(onConsoleControl, TRUE);
#endif
    return true;
}

void DaemonCommand::requestStop()
{
    stop(u"stop requested"_s);
}

void DaemonCommand::onSignal(int signalNumber)
{
#ifdef Q_OS_UNIX
    stop(signalNumber == SIGINT ? u"SIGINT"_s : u"SIGTERM"_s);
#else
    Q_UNUSED(signalNumber);
    stop(u"a stop request"_s);
#endif
}

void DaemonCommand::watchIndex()
{
    // QSaveFile replaces the file (a rename), which a file watch does not survive: the folder is
    // watched too, and the file watch renewed after each change.
    const QString indexPath = context()->index().filePath();
    m_watcher = new QFileSystemWatcher(this);
    m_watcher->addPath(context()->profile().dataDir());
    if (QFileInfo::exists(indexPath))
        m_watcher->addPath(indexPath);
    m_reloadDebounce = new QTimer(this);
    m_reloadDebounce->setSingleShot(true);
    m_reloadDebounce->setInterval(300); // one reload for the burst of events a write makes
    connect(m_reloadDebounce, &QTimer::timeout, this, [this, indexPath] {
        if (QFileInfo::exists(indexPath) && !m_watcher->files().contains(indexPath))
            m_watcher->addPath(indexPath);
        if (m_service && !m_stopping) {
            m_service->reload();
            syncSchedule();
            qCDebug(lcRefresher) << "the index changed on disk; reloaded";
        }
    });
    const auto changed = [this, indexPath](const QString &path) {
        if (path == indexPath || QFileInfo(path).isDir())
            m_reloadDebounce->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
}

void DaemonCommand::stop(const QString &why)
{
    if (m_stopping) {
        qCInfo(lcRefresher).noquote() << u"%1: already stopping"_s.arg(why);
        return;
    }
    m_stopping = true;
    if (!m_service || !m_server) {
        // Still starting: nothing to wait for.
        m_exited = true;
        finishWith(std::nullopt);
        return;
    }
    const QStringList running = m_service->inFlight();
    qCInfo(lcRefresher).noquote() << (running.isEmpty()
            ? u"%1: stopping"_s.arg(why)
            : u"%1: stopping; waiting for %2 refresh(es) in flight (%3)"_s.arg(why).arg(running.size()).arg(running.join(u", "_s)));
    m_server->stopAccepting();
    m_service->stopAccepting();
    if (m_service->isIdle())
        return exitWhenDrained();
    connect(m_service, &RefreshService::idle, this, &DaemonCommand::exitWhenDrained);
    m_drainTimer = new QTimer(this);
    m_drainTimer->setSingleShot(true);
    connect(m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcRefresher).noquote() << u"refreshes still running after %1 s: %2; exiting anyway"_s.arg(drainTimeout.count())
                                                .arg(m_service->inFlight().join(u", "_s));
        exitWhenDrained();
    });
    m_drainTimer->start(drainTimeout);
}

void DaemonCommand::exitWhenDrained()
{
    if (m_exited)
        return;
    m_exited = true;
    if (const QStringList unsaved = m_service->unsaved(); !unsaved.isEmpty())
        qCWarning(lcRefresher).noquote() << u"the keychain never accepted the refreshed credentials of %1; the next refresher will report them"_s.arg(
            unsaved.join(u", "_s));
    qCInfo(lcRefresher).noquote() << u"stopped"_s;
    // The socket and the daemon lock go with the server.
    delete m_server;
    m_server = nullptr;
    finishWith(std::nullopt);
}

} // namespace Authdesk
