#include "mainwindow.h"

#include "autostart.h"
#include "connectdialog.h"
#include "connectionactions.h"
#include "connectionalerts.h"
#include "connectionstatusdelegate.h"
#include "connectorcatalogmodel.h"
#include "connectorlogofetcher.h"
#include "connectorsettingsdialog.h"
#include "inspectorwidget.h"
#include "trayicon.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"

#include <QAction>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

void setUpTable(QTableView *view)
{
    view->horizontalHeader()->setAccessibleName(MainWindow::tr("%1 columns").arg(view->accessibleName()));
    view->verticalHeader()->setAccessibleName(MainWindow::tr("%1 rows").arg(view->accessibleName()));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSortingEnabled(true);
    view->setTabKeyNavigation(false); // Tab leaves the table: keyboard users reach the other controls
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

} // namespace

MainWindow::MainWindow(ProfileContext *context, ConnectorSearchPath searchPath, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_searchPath(std::move(searchPath))
    , m_model(new ConnectorCatalogModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_connections(new ConnectionListModel(&context->index(), context->clock(), this))
    , m_connectionFilter(new QSortFilterProxyModel(this))
    , m_actions(new ConnectionActions(context, this))
{
    setWindowTitle(tr("Authdesk"));
    setObjectName(u"mainWindow"_s);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setAccessibleName(tr("Views"));
    m_tabs->tabBar()->setAccessibleName(tr("Views"));
    m_tabs->addTab(makeConnectionsTab(), tr("Co&nnections"));
    m_tabs->addTab(makeConnectorsTab(), tr("Connec&tors"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        updateActions();
        if (tab == ConnectorsTab)
            fetchMissingLogos();
    });
    setCentralWidget(m_tabs);
    makeActions();
    makeMenus();

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"connectionSummary"_s);
    m_summary->setAccessibleName(tr("Connections summary"));
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->setAccessibleName(tr("Status"));
    connect(m_connections, &ConnectionListModel::reloaded, this, &MainWindow::updateSummary);
    connect(m_connections, &QAbstractItemModel::modelReset, this, &MainWindow::updateSummary);

    connect(m_actions, &ConnectionActions::started, this, [this](ConnectionActions::Action, const QString &name) {
        m_busy.insert(name);
        updateActions();
    });
    connect(m_actions, &ConnectionActions::finished, this, [this](const ConnectionActions::Outcome &outcome) {
        m_busy.remove(outcome.connectionName);
        // The job changed the index; show it now rather than when the file watcher fires.
        m_connections->reload();
        statusBar()->showMessage(outcome.message);
        updateActions();
    });
    connect(m_connections, &ConnectionListModel::reloaded, this, &MainWindow::updateActions);
    connect(m_connections, &ConnectionListModel::reloaded, this, &MainWindow::inspectSelected);
    // A reload that adds or removes connections resets the model: keep the selected one selected.
    connect(m_connections, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_selectedBeforeReset = selectedConnection(); });
    connect(m_connections, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_selectedBeforeReset.isEmpty())
            selectConnection(std::exchange(m_selectedBeforeReset, QString()));
    });

    resize(900, 600);
    reloadConnectors();
    restoreWindowState();
    updateActions();
    updateSummary();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::makeConnectionsTab()
{
    m_connectionFilter->setSourceModel(m_connections);
    m_connectionFilter->setSortRole(ConnectionListModel::SortRole);
    m_connectionFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_connectionFilter->setFilterKeyColumn(-1);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_connectionSearch = new QLineEdit(page);
    m_connectionSearch->setObjectName(u"connectionSearch"_s);
    m_connectionSearch->setPlaceholderText(tr("Search connections"));
    m_connectionSearch->setAccessibleName(tr("Search connections"));
    m_connectionSearch->setClearButtonEnabled(true);
    connect(m_connectionSearch, &QLineEdit::textChanged, m_connectionFilter, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_connectionSearch);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->setObjectName(u"connectionSplitter"_s);
    m_connectionView = new QTableView(splitter);
    m_connectionView->setObjectName(u"connectionView"_s);
    m_connectionView->setAccessibleName(tr("Connections"));
    m_connectionView->setModel(m_connectionFilter);
    setUpTable(m_connectionView);
    m_connectionView->setItemDelegateForColumn(ConnectionListModel::StatusColumn, new ConnectionStatusDelegate(m_connectionView));
    m_connectionView->sortByColumn(ConnectionListModel::NameColumn, Qt::AscendingOrder);
    connect(m_connectionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updateActions);
    connect(m_connectionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::inspectSelected);
    m_inspector = new InspectorWidget(m_context, splitter);
    // The API console refreshes through the window's actions (and so through its refresher).
    m_inspector->setActions(m_actions);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 280});
    m_connectionSplitter = splitter;
    layout->addWidget(splitter);

    if (!m_connections->loadError().isEmpty())
        statusBar()->showMessage(m_connections->loadError());
    return page;
}

QWidget *MainWindow::makeConnectorsTab()
{
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_search = new QLineEdit(page);
    m_search->setObjectName(u"connectorSearch"_s);
    m_search->setPlaceholderText(tr("Search connectors"));
    m_search->setAccessibleName(tr("Search connectors"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_search);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->setObjectName(u"connectorSplitter"_s);
    m_view = new QTableView(splitter);
    m_view->setObjectName(u"connectorView"_s);
    m_view->setAccessibleName(tr("Connectors"));
    m_view->setModel(m_filter);
    setUpTable(m_view);
    m_view->sortByColumn(ConnectorCatalogModel::NameColumn, Qt::AscendingOrder);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showSelectedConnector);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updateActions);
    // Enter or a double click on a connector starts connecting to it.
    connect(m_view, &QAbstractItemView::activated, this, &MainWindow::connectSelected);

    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(u"connectorDetails"_s);
    m_details->setAccessibleName(tr("Connector details"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a connector to see its folder and any validation errors."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);
    return page;
}

void MainWindow::makeActions()
{
    m_connectAction = new QAction(QIcon::fromTheme(u"list-add"_s), tr("&Connect…"), this);
    m_connectAction->setObjectName(u"connectAction"_s);
    m_connectAction->setShortcut(QKeySequence::New);
    m_connectAction->setToolTip(tr("Connect an account at the selected connector"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectSelected);

    m_testAction = new QAction(QIcon::fromTheme(u"dialog-ok"_s), tr("&Test"), this);
    m_testAction->setObjectName(u"testAction"_s);
    m_testAction->setShortcut(Qt::CTRL | Qt::Key_T);
    m_testAction->setToolTip(tr("Run the connector's test against the API"));
    connect(m_testAction, &QAction::triggered, this, &MainWindow::testSelected);

    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh now"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    m_refreshAction->setToolTip(tr("Get a new access token now"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshSelected);

    m_reconnectAction = new QAction(QIcon::fromTheme(u"network-connect"_s), tr("Reco&nnect…"), this);
    m_reconnectAction->setObjectName(u"reconnectAction"_s);
    m_reconnectAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
    m_reconnectAction->setToolTip(tr("Sign in again for the selected connection"));
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnectSelected);

    m_disconnectAction = new QAction(QIcon::fromTheme(u"edit-delete"_s), tr("&Disconnect…"), this);
    m_disconnectAction->setObjectName(u"disconnectAction"_s);
    m_disconnectAction->setShortcut(QKeySequence::Delete);
    m_disconnectAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_connectionView->addAction(m_disconnectAction); // Delete only where a connection is selected
    m_disconnectAction->setToolTip(tr("Revoke the access at the provider and delete the stored credentials"));
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectSelected);

    // The selected connector's settings on the Connectors tab, the selected connection's connector's
    // on the Connections tab.
    m_settingsAction = new QAction(QIcon::fromTheme(u"configure"_s), tr("Connector &Settings…"), this);
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcut(Qt::CTRL | Qt::Key_Comma);
    m_settingsAction->setToolTip(tr("Connector settings: client ID and secret, redirect URI, folder and errors"));
    m_settingsAction->setEnabled(false);
    connect(m_settingsAction, &QAction::triggered, this, [this] { openConnectorSettings(settingsConnectorKey()); });

    m_toolBar = addToolBar(tr("Connection"));
    m_toolBar->setObjectName(u"connectionToolBar"_s);
    m_toolBar->setAccessibleName(tr("Connection actions"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *action : {m_connectAction, m_testAction, m_refreshAction, m_reconnectAction, m_disconnectAction})
        m_toolBar->addAction(action);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_settingsAction);
}

void MainWindow::makeMenus()
{
    menuBar()->setAccessibleName(tr("Menu bar"));
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s);
    fileMenu->addAction(m_connectAction);
    m_reloadAction = fileMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("Re&load connectors"));
    m_reloadAction->setObjectName(u"reloadConnectorsAction"_s);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setToolTip(tr("Read the connector folders again"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reloadConnectors);
    fileMenu->addSeparator();
    m_startAtLoginAction = fileMenu->addAction(tr("Start at &login"));
    m_startAtLoginAction->setObjectName(u"startAtLoginAction"_s);
    m_startAtLoginAction->setCheckable(true);
    m_startAtLoginAction->setEnabled(false); // until setAutostart()
    m_startAtLoginAction->setToolTip(tr("Start Authdesk in the system tray when you log in"));
    connect(m_startAtLoginAction, &QAction::toggled, this, [this](bool enabled) {
        if (!m_autostart || m_autostart->isEnabled() == enabled)
            return;
        if (const auto changed = m_autostart->setEnabled(enabled); !changed) {
            const QSignalBlocker blocker(m_startAtLoginAction);
            m_startAtLoginAction->setChecked(!enabled);
            statusBar()->showMessage(changed.error().message);
        }
    });
    fileMenu->addSeparator();
    m_quitAction = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setToolTip(tr("Quit Authdesk (refreshing stops unless the refresher daemon runs)"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, [this] {
        saveWindowState();
        Q_EMIT quitRequested();
    });

    auto *connectionMenu = menuBar()->addMenu(tr("&Connection"));
    connectionMenu->setObjectName(u"connectionMenu"_s);
    for (QAction *action : {m_testAction, m_refreshAction, m_reconnectAction, m_disconnectAction})
        connectionMenu->addAction(action);
    connectionMenu->addSeparator();
    connectionMenu->addAction(m_settingsAction);

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(u"viewMenu"_s);
    QAction *showConnections = viewMenu->addAction(tr("&Connections"));
    showConnections->setObjectName(u"showConnectionsAction"_s);
    showConnections->setShortcut(Qt::CTRL | Qt::Key_1);
    connect(showConnections, &QAction::triggered, this, [this] { m_tabs->setCurrentIndex(ConnectionsTab); });
    QAction *showConnectors = viewMenu->addAction(tr("Connec&tors"));
    showConnectors->setObjectName(u"showConnectorsAction"_s);
    showConnectors->setShortcut(Qt::CTRL | Qt::Key_2);
    connect(showConnectors, &QAction::triggered, this, [this] { m_tabs->setCurrentIndex(ConnectorsTab); });
    QAction *find = viewMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Find…"));
    find->setObjectName(u"findAction"_s);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, &MainWindow::findInCurrentTab);
    viewMenu->addSeparator();
    QAction *toolBarToggle = m_toolBar->toggleViewAction();
    toolBarToggle->setText(tr("&Toolbar"));
    viewMenu->addAction(toolBarToggle);
    QAction *statusBarToggle = viewMenu->addAction(tr("&Status bar"));
    statusBarToggle->setObjectName(u"statusBarAction"_s);
    statusBarToggle->setCheckable(true);
    statusBarToggle->setChecked(true);
    connect(statusBarToggle, &QAction::toggled, statusBar(), &QWidget::setVisible);

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"helpMenu"_s);
    m_aboutAction = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About Authdesk"));
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

QString MainWindow::summaryText(int connections, int needingAttention)
{
    // Two strings rather than "%n connection(s)": no English translation file is shipped to pick the
    // plural; translators still get the %n form.
    QString text = connections == 0 ? tr("No connections")
        : connections == 1          ? tr("1 connection")
                                    : tr("%n connections", nullptr, connections);
    if (needingAttention > 0)
        text += u" · "_s
            + (needingAttention == 1 ? tr("1 needs attention") : tr("%n need attention", nullptr, needingAttention));
    return text;
}

void MainWindow::updateSummary()
{
    int attention = 0;
    for (int row = 0; row < m_connections->rowCount(); ++row) {
        if (const ConnectionRecord *record = m_connections->record(row);
            record && ConnectionAlerts::needsAttention(*record))
            ++attention;
    }
    m_summary->setText(summaryText(m_connections->rowCount(), attention));
}

void MainWindow::findInCurrentTab()
{
    QLineEdit *search = m_tabs->currentIndex() == ConnectorsTab ? m_search : m_connectionSearch;
    search->setFocus(Qt::ShortcutFocusReason);
    search->selectAll();
}

void MainWindow::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
}

void MainWindow::setAutostart(Autostart *autostart)
{
    m_autostart = autostart;
    if (!m_autostart || !Autostart::isSupported()) {
        m_startAtLoginAction->setEnabled(false);
        m_startAtLoginAction->setToolTip(tr("Starting at login is not available on this system yet"));
        return;
    }
    m_startAtLoginAction->setEnabled(true);
    {
        const QSignalBlocker blocker(m_startAtLoginAction);
        m_startAtLoginAction->setChecked(m_autostart->isEnabled());
    }
    connect(m_autostart, &Autostart::enabledChanged, m_startAtLoginAction, &QAction::setChecked);
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void MainWindow::reconnect(const QString &name)
{
    showAndRaise();
    m_tabs->setCurrentIndex(ConnectionsTab);
    m_connectionSearch->clear(); // the connection must be visible to be selected
    selectConnection(name);
    if (selectedConnection() == name)
        reconnectSelected();
}

QWidget *MainWindow::showAbout()
{
    // Not QMessageBox::about(): that spins a nested event loop.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Authdesk"),
        tr("<h3>Authdesk %1</h3>"
           "<p>Connects your accounts over OAuth 2, keeps their credentials in the system keychain and "
           "fresh, and helps support staff inspect and test them.</p>"
           "<p>Qt %2 (built with Qt %3)</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
                QString::fromLatin1(QT_VERSION_STR)),
        QMessageBox::Ok, this);
    box->setObjectName(u"aboutBox"_s);
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setAccessibleName(tr("About Authdesk"));
    box->open();
    return box;
}

void MainWindow::reloadConnectors()
{
    m_model->setCatalog(ConnectorCatalog::load(m_searchPath));
    const qsizetype invalid = m_model->catalog().invalidCount();
    statusBar()->showMessage(invalid == 0
            ? tr("%n connector(s) loaded", nullptr, int(m_model->catalog().size()))
            : tr("%n connector(s) loaded, %1 with errors", nullptr, int(m_model->catalog().size())).arg(invalid));
    showSelectedConnector();
    if (m_logoFetcher)
        fetchMissingLogos();
}

void MainWindow::showSelectedConnector()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const QModelIndex source = m_filter->mapToSource(current);
    const QString folder = m_model->data(source, ConnectorCatalogModel::FolderRole).toString();
    const QString diagnostics = m_model->data(source, ConnectorCatalogModel::DiagnosticsTextRole).toString();
    m_details->setPlainText(
        tr("Folder: %1\n\n%2").arg(folder, diagnostics.isEmpty() ? tr("No problems found.") : diagnostics));
}

QString MainWindow::selectedConnection() const
{
    const QModelIndex current = m_connectionView->currentIndex();
    return current.isValid() ? current.data(ConnectionListModel::NameRole).toString() : QString();
}

void MainWindow::selectConnection(const QString &name)
{
    const int row = m_connections->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_connectionFilter->mapFromSource(m_connections->index(row, 0));
    m_connectionView->setCurrentIndex(index);
    m_connectionView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::updateActions()
{
    if (!m_settingsAction)
        return; // still building the window
    const QString name = selectedConnection();
    const bool usable = !name.isEmpty() && !m_busy.contains(name);
    m_testAction->setEnabled(usable);
    m_refreshAction->setEnabled(usable);
    m_reconnectAction->setEnabled(usable);
    m_disconnectAction->setEnabled(usable);
    m_settingsAction->setEnabled(m_model->catalog().find(settingsConnectorKey()) != nullptr);
}

QString MainWindow::settingsConnectorKey() const
{
    if (m_tabs->currentIndex() == ConnectorsTab) {
        const QModelIndex current = m_view->currentIndex();
        return current.isValid()
            ? m_filter->mapToSource(current).siblingAtColumn(ConnectorCatalogModel::KeyColumn).data().toString()
            : QString();
    }
    const ConnectionRecord *record = m_context->index().find(selectedConnection());
    return record ? record->connectorKey : QString();
}

ConnectorSettingsDialog *MainWindow::openConnectorSettings(const QString &connectorKey)
{
    // The window's own catalog: it is reloaded with the folders, the profile's is read once.
    const CatalogEntry *entry = m_model->catalog().find(connectorKey);
    if (!entry) {
        statusBar()->showMessage(tr("No connector %1 is loaded.").arg(connectorKey));
        return nullptr;
    }
    auto *dialog = new ConnectorSettingsDialog(m_context, *entry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectorSettingsDialog::saved, this, [this](const QString &key) {
        statusBar()->showMessage(tr("Settings of %1 saved.").arg(key));
    });
    dialog->open();
    return dialog;
}

void MainWindow::fetchMissingLogos()
{
    // Only once the catalog is looked at: opening the window alone sends nothing to the providers.
    if (!m_logoFetcher) {
        m_logoFetcher = new ConnectorLogoFetcher(this);
        connect(m_logoFetcher, &ConnectorLogoFetcher::logoCached, m_model, &ConnectorCatalogModel::refreshLogos);
    }
    m_logoFetcher->fetchMissing(m_model->catalog());
}

void MainWindow::inspectSelected()
{
    const QString name = selectedConnection();
    m_inspector->setConnection(name.isEmpty() ? nullptr : m_context->index().find(name));
}

ConnectDialog *MainWindow::connectTo(const QString &connectorKey)
{
    const CatalogEntry *entry = m_model->catalog().find(connectorKey);
    if (!entry || !entry->isValid()) {
        statusBar()->showMessage(tr("The connector %1 cannot be used: see its errors in Connectors.").arg(connectorKey));
        return nullptr;
    }
    auto *dialog = new ConnectDialog(m_context, m_actions, entry->connector.spec, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectDialog::connected, this, [this](const QString &name) {
        m_connections->reload();
        m_tabs->setCurrentIndex(ConnectionsTab);
        selectConnection(name);
    });
    dialog->open();
    return dialog;
}

void MainWindow::connectSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (m_tabs->currentIndex() != ConnectorsTab || !current.isValid()) {
        // Which connector is a choice made in the catalog.
        m_tabs->setCurrentIndex(ConnectorsTab);
        m_search->setFocus(Qt::ShortcutFocusReason);
        statusBar()->showMessage(tr("Choose a connector, then press Enter or Connect…"));
        return;
    }
    connectTo(m_filter->mapToSource(current).siblingAtColumn(ConnectorCatalogModel::KeyColumn).data().toString());
}

void MainWindow::testSelected()
{
    if (const QString name = selectedConnection(); !name.isEmpty()) {
        statusBar()->showMessage(tr("Testing %1…").arg(name));
        m_actions->test(name);
    }
}

void MainWindow::refreshSelected()
{
    if (const QString name = selectedConnection(); !name.isEmpty()) {
        statusBar()->showMessage(tr("Refreshing %1…").arg(name));
        m_actions->refresh(name);
    }
}

void MainWindow::reconnectSelected()
{
    const QString name = selectedConnection();
    const ConnectionRecord *record = name.isEmpty() ? nullptr : m_context->index().find(name);
    if (!record)
        return;
    const ConnectionRecord copy = *record;
    if (ConnectDialog *dialog = connectTo(copy.connectorKey))
        dialog->setReconnect(copy);
}

void MainWindow::disconnectSelected()
{
    const QString name = selectedConnection();
    if (name.isEmpty())
        return;
    // Not QMessageBox::question(): that would spin a nested event loop while jobs run.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Disconnect %1?").arg(name),
        tr("Disconnect %1? Authdesk revokes its access at the provider and deletes the stored credentials. "
           "Connecting again needs a new sign-in.")
            .arg(name),
        QMessageBox::NoButton, this);
    box->setObjectName(u"disconnectConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("&Disconnect"), QMessageBox::DestructiveRole);
    yes->setObjectName(u"confirmDisconnect"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, name, yes](QAbstractButton *clicked) {
        if (clicked != yes)
            return;
        statusBar()->showMessage(tr("Disconnecting %1…").arg(name));
        m_actions->disconnect(name);
    });
    box->open();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    settings.beginGroup(u"mainWindow"_s);
    if (const QByteArray geometry = settings.value(u"geometry"_s).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings.value(u"state"_s).toByteArray(); !state.isEmpty())
        QMainWindow::restoreState(state);
    if (const QByteArray header = settings.value(u"connectionsHeader"_s).toByteArray(); !header.isEmpty())
        m_connectionView->horizontalHeader()->restoreState(header);
    if (const QByteArray splitter = settings.value(u"connectionSplitter"_s).toByteArray(); !splitter.isEmpty())
        m_connectionSplitter->restoreState(splitter);
    m_tabs->setCurrentIndex(settings.value(u"tab"_s, int(ConnectionsTab)).toInt());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.beginGroup(u"mainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, QMainWindow::saveState());
    settings.setValue(u"connectionsHeader"_s, m_connectionView->horizontalHeader()->saveState());
    settings.setValue(u"connectionSplitter"_s, m_connectionSplitter->saveState());
    settings.setValue(u"tab"_s, m_tabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (m_tray && m_tray->isVisible()) {
        // The tray keeps the profile refreshed; the window only goes out of sight.
        event->ignore();
        hide();
        QSettings settings;
        if (!settings.value(u"tray/toldAboutClosing"_s).toBool()) {
            settings.setValue(u"tray/toldAboutClosing"_s, true);
            m_tray->notify({tr("Authdesk is still running"),
                tr("It keeps your connections fresh from the system tray; choose Quit in its menu to stop."), false});
        }
        return;
    }
    QMainWindow::closeEvent(event);
    Q_EMIT quitRequested();
}

} // namespace Authdesk
