#pragma once

#include "catalog/connectorsearchpath.h"

#include <QObject>

#include <optional>

namespace Authdesk {

class Autostart;
class GuiRefresher;
class MainWindow;
class ProfileContext;
class TrayIcon;

// What `authdesk` without a command runs: the main window, the profile's refresher when no daemon
// serves the profile (GuiRefresher), the tray icon where the desktop has a tray, and "start at
// login". It owns quitting: File > Quit, the tray's Quit, or closing the window without a tray stop
// the refresher after its refreshes in flight (as the daemon does on SIGTERM), then finished().
//
//     DesktopSession session(context, searchPath, {.minimized = true});
//     QObject::connect(&session, &DesktopSession::finished, &app, &QCoreApplication::quit);
//     session.start();
class DesktopSession : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool minimized = false; // --minimized: start hidden in the tray (minimized when there is none)
        // Tests: whether to make a tray icon; by default where QSystemTrayIcon says a tray exists.
        std::optional<bool> tray;
        QString executable; // for the autostart entry; default QCoreApplication::applicationFilePath()
    };

    DesktopSession(ProfileContext *context, ConnectorSearchPath searchPath, Options options, QObject *parent = nullptr);
    ~DesktopSession() override;

    void start();
    void quit();
    bool isQuitting() const { return m_quitting; }

    MainWindow *window() const { return m_window; }
    GuiRefresher *refresher() const { return m_refresher; }
    TrayIcon *trayIcon() const { return m_tray; } // null without a tray
    Autostart *autostart() const { return m_autostart; }

Q_SIGNALS:
    // Quitting is done: the refresher stopped (its socket and lock are released).
    void finished();

private:
    ProfileContext *m_context;
    Options m_options;
    Autostart *m_autostart;
    MainWindow *m_window;
    GuiRefresher *m_refresher;
    TrayIcon *m_tray = nullptr;
    bool m_quitting = false;
};

} // namespace Authdesk
