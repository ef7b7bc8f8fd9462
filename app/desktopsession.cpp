#include "desktopsession.h"

#include "autostart.h"
#include "guirefresher.h"
#include "mainwindow.h"
#include "trayicon.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"
#include "support/logging.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Authdesk {

DesktopSession::DesktopSession(
    ProfileContext *context, ConnectorSearchPath searchPath, Options options, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_options(std::move(options))
    , m_autostart(new Autostart(context->profile().name(),
          m_options.executable.isEmpty() ? QCoreApplication::applicationFilePath() : m_options.executable, this))
    , m_window(new MainWindow(context, std::move(searchPath)))
    , m_refresher(new GuiRefresher(context, this))
{
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->setAutostart(m_autostart);
    connect(m_window, &MainWindow::quitRequested, this, &DesktopSession::quit);
    // A refresh this window ran shows at once (the file watcher would follow a moment later).
    connect(m_refresher, &GuiRefresher::refreshFinished, m_window->connectionModel(), &ConnectionListModel::reload);
    connect(m_refresher, &GuiRefresher::stopped, this, &DesktopSession::finished);

    if (m_options.tray.value_or(TrayIcon::isSystemTrayAvailable())) {
        m_tray = new TrayIcon(m_window->connectionModel(), m_window->actions(), m_autostart, this);
        m_window->setTrayIcon(m_tray);
        connect(m_tray, &TrayIcon::showWindowRequested, m_window, &MainWindow::showAndRaise);
        connect(m_tray, &TrayIcon::reconnectRequested, m_window, &MainWindow::reconnect);
        connect(m_tray, &TrayIcon::quitRequested, this, &DesktopSession::quit);
    }
}

DesktopSession::~DesktopSession()
{
    // The tray uses the window's model and actions: it goes first.
    delete m_tray;
    m_tray = nullptr;
    delete m_window;
}

void DesktopSession::start()
{
    m_refresher->start();
    if (m_tray)
        m_tray->show();
    if (!m_options.minimized)
        m_window->show();
    else if (!m_tray)
        m_window->showMinimized(); // nowhere else to be reached from
}

void DesktopSession::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    qCInfo(lcApp) << "quitting";
    m_window->hide();
    if (m_tray)
        m_tray->hide();
    m_refresher->stop();
}

} // namespace Authdesk
