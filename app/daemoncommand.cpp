#include "daemoncommand.h"

#include "connection/profilecontext.h"
#include "connection/refresherserver.h"
#include "connection/refreshservice.h"
#include "support/logging.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

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

RefreshService *DaemonCommand::service() const
{
    return m_host ? m_host->service() : nullptr;
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

    m_host = new ProfileRefresherHost(
        context(), u"the refresher daemon (pid %1)"_s.arg(QCoreApplication::applicationPid()), this);
    if (const auto started = m_host->start(); !started)
        return fail(started.error());
    connect(m_host, &ProfileRefresherHost::stopped, this, [this] {
        m_exited = true;
        finishWith(std::nullopt);
    });

    qCInfo(lcRefresher).noquote() << u"serving profile \"%1\" (%2 connections) on %3"_s.arg(context()->profile().name())
                                         .arg(context()->index().connections().size())
                                         .arg(m_host->server()->fullServerName());
    if (const auto &unconfirmed = m_host->unconfirmed(); !unconfirmed.isEmpty())
        qCWarning(lcRefresher).noquote()
            << u"%1 connection(s) may have lost their last refresh; see their history (authdesk inspect NAME)"_s.arg(
                   unconfirmed.size());
    return -1;
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

void DaemonCommand::stop(const QString &why)
{
    if (!m_host) {
        // Still starting: nothing to wait for.
        if (!m_exited) {
            m_exited = true;
            finishWith(std::nullopt);
        }
        return;
    }
    m_host->stop(why);
}

} // namespace Authdesk
