#pragma once

#include "catalog/connectorsearchpath.h"

#include <QMainWindow>
#include <QSet>

class QAction;
class QLabel;
class QLineEdit;
class QToolBar;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace Authdesk {

class Autostart;
class ConnectDialog;
class ConnectionActions;
class ConnectionListModel;
class ConnectorCatalogModel;
class ConnectorLogoFetcher;
class ConnectorSettingsDialog;
class InspectorWidget;
class ProfileContext;
class TrayIcon;

// The main window: the profile's connections (status, expiry countdown, last refresh and test) with
// the actions Connect…, Test, Refresh now, Reconnect and Disconnect, and the connector catalog with
// its search and each connector's validation errors. Every action is an asynchronous job; results go
// to the status bar, which also keeps a summary ("3 connections · 1 needs attention"). Window
// geometry, state and the last tab persist in QSettings.
//
// Menus: File (Connect…, Reload connectors, Start at login, Quit), Connection (Test, Refresh now,
// Reconnect…, Disconnect…, Connector settings…), View (the two tabs, Find, toolbar, status bar),
// Help (About). Closing the window with a tray icon set hides it (the profile keeps being refreshed
// in the tray; the first time, a notification says so); without one, closing is quitting. Quitting
// is quitRequested(): the owner stops the refresher (after its refreshes in flight) and ends the
// application.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Tab { ConnectionsTab, ConnectorsTab };

    // `context` (not owned) is the opened profile; `searchPath` is where the catalog tab loads
    // connectors from (reloadConnectors() reads it again).
    MainWindow(ProfileContext *context, ConnectorSearchPath searchPath, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectorCatalogModel *catalogModel() const { return m_model; }
    QTableView *connectorView() const { return m_view; }
    ConnectionListModel *connectionModel() const { return m_connections; }
    QTableView *connectionView() const { return m_connectionView; }
    ConnectionActions *actions() const { return m_actions; }
    QTabWidget *tabs() const { return m_tabs; }
    InspectorWidget *inspector() const { return m_inspector; }

    QAction *connectAction() const { return m_connectAction; }
    QAction *testAction() const { return m_testAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *reconnectAction() const { return m_reconnectAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }
    QAction *settingsAction() const { return m_settingsAction; }
    QAction *startAtLoginAction() const { return m_startAtLoginAction; }
    QAction *quitAction() const { return m_quitAction; }
    QAction *aboutAction() const { return m_aboutAction; }
    // The permanent status-bar summary.
    QLabel *summaryLabel() const { return m_summary; }
    // "3 connections · 1 needs attention"
    static QString summaryText(int connections, int needingAttention);

    // With a tray icon (not owned; null: none) closing the window hides it instead of quitting.
    void setTrayIcon(TrayIcon *tray);
    TrayIcon *trayIcon() const { return m_tray; }
    // "Start at login" in the File menu (not owned; null: the item is disabled).
    void setAutostart(Autostart *autostart);

    // Shows, raises and activates the window (from the tray).
    void showAndRaise();
    // Reconnect… for a connection (from the tray): selects it and opens the connect dialog.
    void reconnect(const QString &name);
    // The About box (window-modal, not blocking).
    QWidget *showAbout();

    void reloadConnectors();
    // The connection selected in the connections view; empty when none.
    QString selectedConnection() const;
    void selectConnection(const QString &name);
    // Opens the connect dialog for a connector of the catalog (window-modal, not blocking).
    ConnectDialog *connectTo(const QString &connectorKey);
    // Opens the settings of a connector of the catalog (window-modal, not blocking); nullptr when
    // no such connector is loaded.
    ConnectorSettingsDialog *openConnectorSettings(const QString &connectorKey);
    // The connector Connector Settings… applies to now (see settingsAction()); empty when none.
    QString settingsConnectorKey() const;

Q_SIGNALS:
    // File > Quit, or closing the window without a tray icon.
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *makeConnectionsTab();
    QWidget *makeConnectorsTab();
    void makeActions();
    void makeMenus();
    void updateSummary();
    void findInCurrentTab();
    void showSelectedConnector();
    void updateActions();
    void fetchMissingLogos();
    void inspectSelected();
    void connectSelected();
    void testSelected();
    void refreshSelected();
    void reconnectSelected();
    void disconnectSelected();
    void restoreWindowState();
    void saveWindowState() const;

    ProfileContext *m_context;
    ConnectorSearchPath m_searchPath;
    ConnectorCatalogModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    ConnectionListModel *m_connections = nullptr;
    QSortFilterProxyModel *m_connectionFilter = nullptr;
    ConnectionActions *m_actions = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLineEdit *m_connectionSearch = nullptr;
    QTableView *m_connectionView = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QSplitter *m_connectionSplitter = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_testAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_settingsAction = nullptr;
    ConnectorLogoFetcher *m_logoFetcher = nullptr; // created when the catalog is first shown
    QAction *m_reloadAction = nullptr;
    QAction *m_startAtLoginAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_summary = nullptr;
    TrayIcon *m_tray = nullptr;
    Autostart *m_autostart = nullptr;
    QSet<QString> m_busy; // connections with an action running
    QString m_selectedBeforeReset;
};

} // namespace Authdesk
