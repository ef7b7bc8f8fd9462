#include "commandline.h"
#include "desktopsession.h"
#include "mainwindow.h"
#include "windowinstance.h"

#include "catalog/connectorsearchpath.h"
#include "connection/profilecontext.h"
#include "support/error.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(u"authdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(AUTHDESK_VERSION));
    QCoreApplication::setOrganizationName(u"Authdesk"_s);
    QCoreApplication::setOrganizationDomain(u"authdesk.app"_s);
}

#ifdef Q_OS_WIN
// authdesk.exe is a GUI-subsystem program (the window opens without a console), so a command typed in
// a terminal has no console of its own: it writes to the terminal's console instead, unless its
// output is already redirected to a file or a pipe (those handles are inherited and kept).
void attachToParentConsole()
{
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return; // started from Explorer or a service: nowhere to write but the redirections
    const auto unset = [](DWORD which) {
        const HANDLE handle = GetStdHandle(which);
        return handle == nullptr || handle == INVALID_HANDLE_VALUE || GetFileType(handle) == FILE_TYPE_UNKNOWN;
    };
    FILE *reopened = nullptr;
    if (unset(STD_OUTPUT_HANDLE))
        freopen_s(&reopened, "CONOUT$", "w", stdout);
    if (unset(STD_ERROR_HANDLE))
        freopen_s(&reopened, "CONOUT$", "w", stderr);
    if (unset(STD_INPUT_HANDLE))
        freopen_s(&reopened, "CONIN$", "r", stdin);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));

    const bool command = Authdesk::CommandLine::wantsCommand(rawArguments);
#ifdef Q_OS_WIN
    if (command)
        attachToParentConsole();
#endif
    QTextStream out(stdout);
    QTextStream err(stderr);
    Authdesk::CommandLine commandLine(out, err);

    if (command) {
        QCoreApplication app(argc, argv);
        describeApplication();
        QObject::connect(&commandLine, &Authdesk::CommandLine::finished, &app, &QCoreApplication::exit);
        const int exitCode = commandLine.run(QCoreApplication::arguments());
        return exitCode >= 0 ? exitCode : app.exec();
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(u"Authdesk"_s);
    QApplication::setDesktopFileName(u"app.authdesk.Authdesk"_s);
    // The installed theme icon (hicolor, from the package), else the same SVG built in.
    QApplication::setWindowIcon(QIcon::fromTheme(u"app.authdesk.Authdesk"_s, QIcon(u":/authdesk/icons/app.authdesk.Authdesk.svg"_s)));
    // The session decides when to quit: closing the window may leave Authdesk in the tray.
    QApplication::setQuitOnLastWindowClosed(false);
    // --minimized (the autostart entry's): start hidden in the tray. Only the GUI knows it.
    QStringList guiArguments = QCoreApplication::arguments();
    Authdesk::DesktopSession::Options options;
    options.minimized = guiArguments.removeAll(u"--minimized"_s) > 0;
    if (!commandLine.parseGlobalOptions(guiArguments))
        return Authdesk::exitCodeFor(Authdesk::ErrorCode::Usage);

    // The GUI works on one profile, like the commands: --profile, else AUTHDESK_PROFILE, else "default".
    const auto context = Authdesk::ProfileContext::open(commandLine.profile(), commandLine.connectorDirectories());
    if (!context) {
        QMessageBox::critical(nullptr, QObject::tr("Authdesk"),
            QObject::tr("Authdesk cannot open its profile:\n%1").arg(context.error().message));
        return Authdesk::exitCodeFor(context.error().code);
    }
    const std::unique_ptr<Authdesk::ProfileContext> ownedContext(*context);
    // One window per profile: a second start shows the first one's window and ends.
    std::unique_ptr<Authdesk::DesktopSession> session;
    Authdesk::WindowInstance instance(Authdesk::WindowInstance::serverNameFor(ownedContext->profile().localSocketName()));
    QObject::connect(&instance, &Authdesk::WindowInstance::decided, &app, [&](Authdesk::WindowInstance::Role role) {
        if (role == Authdesk::WindowInstance::Role::Secondary) {
            // Queued: the decision may come before app.exec() runs, when exit() would do nothing.
            QMetaObject::invokeMethod(&app, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
            return;
        }
        session = std::make_unique<Authdesk::DesktopSession>(
            ownedContext.get(), Authdesk::ConnectorSearchPath::standard(commandLine.connectorDirectories()), options);
        QObject::connect(session.get(), &Authdesk::DesktopSession::finished, &app, [] { QCoreApplication::exit(0); });
        QObject::connect(&instance, &Authdesk::WindowInstance::showRequested, session->window(), &Authdesk::MainWindow::showAndRaise);
        session->start();
    });
    instance.start(!options.minimized);
    return app.exec();
}
