#pragma once

#include "connectionactions.h"
#include "connectionalerts.h"

#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Authdesk {

class Autostart;
class ConnectionListModel;
class ProfileRefresher;

// The system tray icon (issue 6, item 6): overall status (icon and tooltip), a menu (Show Authdesk;
// one submenu per connection with its status, Test, Refresh now, Reconnect…, Copy access token;
// Start at login; Quit) and notifications when a connection becomes NeedsReconnect, a refresh keeps
// failing or a test fails (ConnectionAlerts: once per state change). Everything follows the
// connections model, which follows the index whoever writes it (this window's refresher or a
// daemon). Actions are ConnectionActions jobs; the token comes from the profile's refresher: nothing
// blocks.
//
// Only make one where QSystemTrayIcon::isSystemTrayAvailable(); the window closes to it then.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class OverallStatus {
        NoConnections,
        AllReady,
        NeedsAttention, // some connection needs the user (ConnectionAlerts::needsAttention)
    };
    Q_ENUM(OverallStatus)

    struct Notification
    {
        QString title;
        QString message; // never a secret
        bool warning = false;
    };
    // Where notifications go: QSystemTrayIcon::showMessage by default; tests observe them.
    using NotificationSink = std::function<void(const Notification &)>;

    // Nothing is owned but the icon and its menu; `autostart` may be null (no such item then).
    TrayIcon(ConnectionListModel *model, ConnectionActions *actions, Autostart *autostart, QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isSystemTrayAvailable();

    void show();
    void hide();
    bool isVisible() const;

    QSystemTrayIcon *systemTrayIcon() const { return m_icon; }
    QMenu *menu() const { return m_menu; }
    QAction *showAction() const { return m_showAction; }
    QAction *startAtLoginAction() const { return m_startAtLoginAction; }
    QAction *quitAction() const { return m_quitAction; }
    // The submenu of a connection; null when there is no such connection.
    QMenu *connectionMenu(const QString &name) const { return m_connectionMenus.value(name); }

    OverallStatus overallStatus() const { return m_status; }
    QString toolTip() const;

    void setNotificationSink(NotificationSink sink);
    void notify(const Notification &notification);

    // Copies the connection's access token to the clipboard (refreshed first when due), marked as a
    // password for clipboard managers, and clears it after clipboardLifetimeMs unless replaced.
    void copyAccessToken(const QString &name);
    static constexpr int clipboardLifetimeMs = 60 * 1000;

Q_SIGNALS:
    void showWindowRequested();
    void reconnectRequested(const QString &name);
    void quitRequested();

private:
    void copySecret(const QString &secret);
    void onReloaded();
    void rebuildConnectionMenus();
    void updateStatusLines();
    void updateStatus();
    void onActionFinished(const ConnectionActions::Outcome &outcome);
    static QIcon statusIcon(OverallStatus status);

    ConnectionListModel *m_model;
    QPointer<ConnectionActions> m_actions;
    QPointer<Autostart> m_autostart;
    ProfileRefresher *m_refresher;
    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    QAction *m_showAction = nullptr;
    QAction *m_connectionsSeparator = nullptr;
    QAction *m_startAtLoginAction = nullptr;
    QAction *m_quitAction = nullptr;
    QHash<QString, QMenu *> m_connectionMenus;
    QStringList m_menuNames; // the connections the menus were built for, in order
    ConnectionAlerts m_alerts;
    QHash<QString, QDateTime> m_testsStarted; // tests asked for from this menu, and when
    QHash<QString, QDateTime> m_windowTestsStarted; // tests the window ran (it shows their outcome)
    QSet<QString> m_actionsStarted; // connections with an action started from this menu
    OverallStatus m_status = OverallStatus::NoConnections;
    int m_attentionCount = 0;
    NotificationSink m_sink;
};

} // namespace Authdesk
