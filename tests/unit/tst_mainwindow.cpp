#include "autostart.h"
#include "connectdialog.h"
#include "connectionactions.h"
#include "connectorcatalogmodel.h"
#include "connectorfixture.h"
#include "connectorsettingsdialog.h"
#include "inspectorwidget.h"
#include "mainwindow.h"
#include "trayicon.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"

#include <QAccessible>
#include <QAction>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// The main window with real widgets on the offscreen platform, on a real profile in a temporary
// folder: the connector catalog, the connections table and its actions, window state in QSettings.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTitleAndConnectors();
    void searchFilters();
    void selectingShowsErrors();
    void reloadPicksUpNewFolders();
    void showsConnectionsAndEnablesActions();
    void disconnectAsksFirst();
    void connectOpensTheDialog();
    void settingsFollowTheSelection();
    void remembersGeometryAndTab();
    void everyControlHasAnAccessibleName();
    void menusHaveTheirActionsAndShortcuts();
    void statusBarSummarizesConnections();
    void closingWithoutTrayQuits();
    void closingWithTrayHidesAndTellsOnce();
    void aboutNamesTheVersions();
    void startAtLoginFromTheFileMenu();

private:
    ConnectorFixture m_fixture;
    ConnectorSearchPath m_path;
    QTemporaryDir m_home;
    ProfileContext *m_context = nullptr;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    QCoreApplication::setOrganizationName(u"AuthdeskTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QCoreApplication::setApplicationVersion(u"9.8.7"_s);
    // Quitting is the desktop session's business (as in main.cpp), not the last window's.
    QApplication::setQuitOnLastWindowClosed(false);
    m_fixture.addConnector(u"alpha"_s, ConnectorFixture::minimalOAuth2(u"alpha"_s));
    m_fixture.addConnector(u"broken"_s, {{u"spec.yml"_s, "key: broken\nname: Broken One\nauth:\n  type: sideways\n"}});
    m_path.append(m_fixture.root(), ConnectorSource::User);
}

void tst_MainWindow::init()
{
    // A fresh profile (and window settings) for every test.
    QSettings().clear();
    const auto context = ProfileContext::open(u"mw-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12),
        {m_fixture.root()}, nullptr, m_home.filePath(u"profiles"_s));
    QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
    m_context = *context;
}

void tst_MainWindow::cleanup()
{
    delete m_context;
    m_context = nullptr;
}

void tst_MainWindow::showsTitleAndConnectors()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"Authdesk"_s);
    // The application icon is built in (main.cpp and the tray fall back to it without an icon theme).
    QVERIFY(!QIcon(u":/authdesk/icons/app.authdesk.Authdesk.svg"_s).pixmap(32, 32).isNull());
    QTableView *view = window.connectorView();
    QCOMPARE(view->model()->rowCount(), 2);
    // Sorted by name: "alpha test", "Broken One".
    QCOMPARE(view->model()->index(0, ConnectorCatalogModel::NameColumn).data().toString(), u"alpha test"_s);
    QCOMPARE(view->model()->index(0, ConnectorCatalogModel::StatusColumn).data().toString(), u"Ready"_s);
    QCOMPARE(view->model()->index(1, ConnectorCatalogModel::NameColumn).data().toString(), u"Broken One"_s);
    QVERIFY(view->model()->index(1, ConnectorCatalogModel::StatusColumn).data().toString().contains(u"error"_s));
    QVERIFY(!view->model()->index(1, 0).data(ConnectorCatalogModel::IsValidRole).toBool());
    QCOMPARE(view->accessibleName(), u"Connectors"_s);
    // Connections come first.
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ConnectionsTab));
}

void tst_MainWindow::searchFilters()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(MainWindow::ConnectorsTab);
    auto *search = window.findChild<QLineEdit *>(u"connectorSearch"_s);
    QVERIFY(search);
    QTest::keyClicks(search, u"brok"_s);
    QCOMPARE(window.connectorView()->model()->rowCount(), 1);
    QCOMPARE(window.connectorView()->model()->index(0, 1).data().toString(), u"broken"_s);
    search->clear();
    QCOMPARE(window.connectorView()->model()->rowCount(), 2);
}

void tst_MainWindow::selectingShowsErrors()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(MainWindow::ConnectorsTab);
    QTableView *view = window.connectorView();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Down); // keyboard navigation to "Broken One"
    auto *details = window.findChild<QPlainTextEdit *>(u"connectorDetails"_s);
    QVERIFY(details);
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(m_fixture.root() + u"/broken/spec.yml:4:9: auth type must be one of"_s), qPrintable(text));
}

void tst_MainWindow::reloadPicksUpNewFolders()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"one"_s, ConnectorFixture::minimalOAuth2(u"one"_s));
    ConnectorSearchPath path;
    path.append(fixture.root(), ConnectorSource::Extra);
    MainWindow window(m_context, path);
    QCOMPARE(window.catalogModel()->rowCount(), 1);
    fixture.addConnector(u"two"_s, ConnectorFixture::minimalOAuth2(u"two"_s));
    window.reloadConnectors();
    QCOMPARE(window.catalogModel()->rowCount(), 2);
}

void tst_MainWindow::showsConnectionsAndEnablesActions()
{
    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"alpha"_s;
    record.status = u"Ready"_s;
    record.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3 * 3600);
    QVERIFY(m_context->index().add(record));
    record.name = u"home"_s;
    record.status = u"NeedsReconnect"_s;
    QVERIFY(m_context->index().add(record));

    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *view = window.connectionView();
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, ConnectionListModel::NameColumn).data().toString(), u"home"_s); // by name
    QCOMPARE(view->model()->index(0, ConnectionListModel::StatusColumn).data().toString(), u"Needs reconnect"_s);
    QVERIFY(view->model()->index(1, ConnectionListModel::ExpiresColumn).data().toString().startsWith(u"in 2 h"_s));

    // Nothing selected: nothing to act on.
    QVERIFY(window.connectAction()->isEnabled());
    QVERIFY(!window.testAction()->isEnabled());
    QVERIFY(!window.disconnectAction()->isEnabled());
    // Keyboard: into the table, down to the second row.
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QCOMPARE(window.selectedConnection(), u"home"_s);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(window.selectedConnection(), u"work"_s);
    QCOMPARE(window.inspector()->connectionName(), u"work"_s); // the inspector follows the selection
    // A screenshot for people reviewing the GUI (not an assertion).
    if (const QString artifacts = qEnvironmentVariable("AUTHDESK_TEST_ARTIFACTS"); !artifacts.isEmpty())
        window.grab().save(artifacts + u"/mainwindow.png"_s);
    for (QAction *action : {window.testAction(), window.refreshAction(), window.reconnectAction(), window.disconnectAction()})
        QVERIFY2(action->isEnabled(), qPrintable(action->objectName()));

    // The table follows the index file when another process changes it.
    QVERIFY(m_context->index().remove(u"home"_s));
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 10000);
    QCOMPARE(window.selectedConnection(), u"work"_s);
}

void tst_MainWindow::disconnectAsksFirst()
{
    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"alpha"_s;
    record.status = u"Ready"_s;
    QVERIFY(m_context->index().add(record));
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.selectConnection(u"work"_s);
    QVERIFY(window.disconnectAction()->isEnabled());

    QSignalSpy started(window.actions(), &ConnectionActions::started);
    window.disconnectAction()->trigger();
    auto *box = window.findChild<QMessageBox *>(u"disconnectConfirmation"_s);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY(box->text().contains(u"work"_s));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // Enter does not delete
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(started.count(), 0);
    QVERIFY(m_context->index().contains(u"work"_s));

    // Confirmed: the disconnect runs as a job (the window does not wait for it).
    window.disconnectAction()->trigger();
    box = window.findChild<QMessageBox *>(u"disconnectConfirmation"_s);
    QVERIFY(box);
    QSignalSpy finished(window.actions(), &ConnectionActions::finished);
    box->findChild<QPushButton *>(u"confirmDisconnect"_s)->click();
    QCOMPARE(started.count(), 1);
    QVERIFY(!window.disconnectAction()->isEnabled()); // busy
    QVERIFY(finished.wait(60000));
    QVERIFY(window.statusBar()->currentMessage().contains(u"work"_s));
}

void tst_MainWindow::connectOpensTheDialog()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // From the connections tab, Connect… leads to the catalog to choose a connector.
    window.connectAction()->trigger();
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ConnectorsTab));
    QVERIFY(!window.findChild<ConnectDialog *>());
    QTableView *view = window.connectorView();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0)); // alpha test
    QTest::keyClick(view, Qt::Key_Return);
    auto *dialog = window.findChild<ConnectDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), u"Connect to alpha test"_s);
    dialog->reject();
}

void tst_MainWindow::settingsFollowTheSelection()
{
    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"alpha"_s;
    record.status = u"Ready"_s;
    QVERIFY(m_context->index().add(record));
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Nothing selected: no connector to configure.
    QVERIFY(!window.settingsAction()->isEnabled());

    // On the Connections tab: the selected connection's connector.
    window.selectConnection(u"work"_s);
    QCOMPARE(window.settingsConnectorKey(), u"alpha"_s);
    QVERIFY(window.settingsAction()->isEnabled());
    window.settingsAction()->trigger();
    auto *dialog = window.findChild<ConnectorSettingsDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->connectorKey(), u"alpha"_s);
    dialog->reject();
    QTRY_VERIFY(!window.findChild<ConnectorSettingsDialog *>()); // deleted on close

    // On the Connectors tab: the selected connector, also a broken one (its errors are shown there).
    window.tabs()->setCurrentIndex(MainWindow::ConnectorsTab);
    QTableView *view = window.connectorView();
    QVERIFY(!window.settingsAction()->isEnabled()); // no connector selected yet
    view->setCurrentIndex(view->model()->index(1, 0)); // Broken One
    QCOMPARE(window.settingsConnectorKey(), u"broken"_s);
    QVERIFY(window.settingsAction()->isEnabled());
    window.settingsAction()->trigger();
    dialog = window.findChild<ConnectorSettingsDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->connectorKey(), u"broken"_s);
    dialog->reject();

    QVERIFY(!window.openConnectorSettings(u"no-such-connector"_s));
    QVERIFY(window.statusBar()->currentMessage().contains(u"no-such-connector"_s));
}

void tst_MainWindow::remembersGeometryAndTab()
{
    {
        MainWindow window(m_context, m_path);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(700, 500);
        window.tabs()->setCurrentIndex(MainWindow::ConnectorsTab);
        window.close();
    }
    MainWindow again(m_context, m_path);
    QCOMPARE(again.tabs()->currentIndex(), int(MainWindow::ConnectorsTab));
    QCOMPARE(again.size(), QSize(700, 500));
}

void tst_MainWindow::everyControlHasAnAccessibleName()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QPlainTextEdit *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(),
                qPrintable(widget->objectName() + u' ' + QString::fromLatin1(widget->metaObject()->className()) + u' '
                    + (widget->parentWidget() ? widget->parentWidget()->objectName() : QString())));
    }
    for (QAction *action :
        {window.connectAction(), window.testAction(), window.refreshAction(), window.reconnectAction(),
            window.disconnectAction(), window.settingsAction(), window.startAtLoginAction(), window.quitAction()})
        QVERIFY(!action->text().isEmpty() && !action->toolTip().isEmpty());
    // What assistive technology reads: every button (toolbar included), the menu bar, the tab bar and
    // the status-bar summary have a name.
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!widget->isVisible())
            continue;
        if (!qobject_cast<QAbstractButton *>(widget) && !qobject_cast<QMenuBar *>(widget)
            && !qobject_cast<QTabBar *>(widget) && widget != window.summaryLabel())
            continue;
        if (QString::fromLatin1(widget->metaObject()->className()) == u"QTableCornerButton")
            continue; // the table's select-all corner: not in the tab order, Qt gives it no text
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY(accessible);
        QVERIFY2(!accessible->text(QAccessible::Name).isEmpty(),
            qPrintable(widget->objectName() + u' ' + QString::fromLatin1(widget->metaObject()->className())));
    }
}

void tst_MainWindow::menusHaveTheirActionsAndShortcuts()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles.append(action->text());
    QCOMPARE(titles, QStringList({u"&File"_s, u"&Connection"_s, u"&View"_s, u"&Help"_s}));
    auto *file = window.findChild<QMenu *>(u"fileMenu"_s);
    auto *connection = window.findChild<QMenu *>(u"connectionMenu"_s);
    auto *view = window.findChild<QMenu *>(u"viewMenu"_s);
    auto *help = window.findChild<QMenu *>(u"helpMenu"_s);
    QVERIFY(file && connection && view && help);
    QVERIFY(file->actions().contains(window.connectAction()));
    QVERIFY(file->actions().contains(window.startAtLoginAction()));
    QCOMPARE(file->actions().last(), window.quitAction());
    for (QAction *action : {window.testAction(), window.refreshAction(), window.reconnectAction(),
             window.disconnectAction(), window.settingsAction()})
        QVERIFY2(connection->actions().contains(action), qPrintable(action->objectName()));
    QVERIFY(help->actions().contains(window.aboutAction()));
    // Connector settings: disabled until something is selected (settingsFollowTheSelection), explained.
    QVERIFY(!window.settingsAction()->isEnabled());
    QVERIFY(window.settingsAction()->toolTip().startsWith(u"Connector settings"_s));
    QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));

    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(QKeySequence::Quit));
    QCOMPARE(window.connectAction()->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(window.testAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(!window.reconnectAction()->shortcut().isEmpty());
    // No two menu items share a shortcut.
    QHash<QKeySequence, QString> seen;
    for (QAction *action : file->actions() + connection->actions() + view->actions() + help->actions()) {
        if (action->shortcut().isEmpty())
            continue;
        QVERIFY2(!seen.contains(action->shortcut()),
            qPrintable(action->text() + u" and "_s + seen.value(action->shortcut())));
        seen.insert(action->shortcut(), action->text());
    }

    // View > Connectors (Ctrl+2) and back (Ctrl+1), Find (Ctrl+F) focuses the tab's search.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ConnectorsTab));
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.findChild<QLineEdit *>(u"connectorSearch"_s));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ConnectionsTab));

    // File > Quit asks the owner to quit (it stops the refresher first); the window does not decide.
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    window.quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
}

void tst_MainWindow::statusBarSummarizesConnections()
{
    QCOMPARE(MainWindow::summaryText(0, 0), u"No connections"_s);
    QCOMPARE(MainWindow::summaryText(1, 0), u"1 connection"_s);
    QCOMPARE(MainWindow::summaryText(3, 1), u"3 connections · 1 needs attention"_s);
    QCOMPARE(MainWindow::summaryText(3, 2), u"3 connections · 2 need attention"_s);

    ConnectionRecord record;
    record.connectorKey = u"alpha"_s;
    record.status = u"Ready"_s;
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s}) {
        record.name = name;
        QVERIFY(m_context->index().add(record));
    }
    QVERIFY(m_context->index().update(u"b"_s, [](ConnectionRecord &changed) { changed.status = u"NeedsReconnect"_s; }));
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.summaryLabel()->text(), u"3 connections · 1 needs attention"_s);
    QVERIFY(window.summaryLabel()->isVisible());
    // It follows the index: b reconnected, c removed.
    QVERIFY(m_context->index().update(u"b"_s, [](ConnectionRecord &changed) { changed.status = u"Ready"_s; }));
    QVERIFY(m_context->index().remove(u"c"_s));
    QTRY_COMPARE_WITH_TIMEOUT(window.summaryLabel()->text(), u"2 connections"_s, 10000);
}

void tst_MainWindow::closingWithoutTrayQuits()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    QVERIFY(window.close());
    QCOMPARE(quit.count(), 1);
    QVERIFY(!window.isVisible());

    // A tray icon that is not shown (no tray on this desktop) is no tray: closing still quits.
    MainWindow again(m_context, m_path);
    TrayIcon hiddenTray(again.connectionModel(), again.actions(), nullptr);
    again.setTrayIcon(&hiddenTray);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QSignalSpy quitAgain(&again, &MainWindow::quitRequested);
    QVERIFY(again.close());
    QCOMPARE(quitAgain.count(), 1);
}

void tst_MainWindow::closingWithTrayHidesAndTellsOnce()
{
    MainWindow window(m_context, m_path);
    // A tray icon whose notifications the test sees (the offscreen platform has no real tray).
    TrayIcon tray(window.connectionModel(), window.actions(), nullptr);
    QList<TrayIcon::Notification> notifications;
    tray.setNotificationSink(
        [&notifications](const TrayIcon::Notification &notification) { notifications.append(notification); });
    tray.show();
    QVERIFY(tray.isVisible());
    window.setTrayIcon(&tray);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy quit(&window, &MainWindow::quitRequested);

    QVERIFY(!window.close()); // refused: the window only hides
    QVERIFY(!window.isVisible());
    QCOMPARE(quit.count(), 0);
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(notifications.first().title, u"Authdesk is still running"_s);

    // Back from the tray, closed again: no second notification.
    window.showAndRaise();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.close());
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(quit.count(), 0);

    // Quit from the menu really quits.
    window.quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
}

void tst_MainWindow::aboutNamesTheVersions()
{
    MainWindow window(m_context, m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.aboutAction()->trigger();
    auto *box = window.findChild<QMessageBox *>(u"aboutBox"_s);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QCOMPARE(box->windowModality(), Qt::WindowModal); // open(), not exec()
    QVERIFY2(box->text().contains(u"Authdesk 9.8.7"_s), qPrintable(box->text()));
    QVERIFY2(box->text().contains(u"Qt "_s + QString::fromLatin1(qVersion())), qPrintable(box->text()));
    box->accept();
}

void tst_MainWindow::startAtLoginFromTheFileMenu()
{
    if (!Autostart::isSupported())
        QSKIP("no autostart on this OS");
    MainWindow window(m_context, m_path);
    QVERIFY(!window.startAtLoginAction()->isEnabled()); // nothing to switch yet
    Autostart autostart(m_context->profile().name(), u"/usr/bin/authdesk"_s);
    window.setAutostart(&autostart);
    QVERIFY(window.startAtLoginAction()->isEnabled());
    QVERIFY(!window.startAtLoginAction()->isChecked());
    window.startAtLoginAction()->trigger();
    QVERIFY(autostart.isEnabled());
    QVERIFY(QFile(Autostart::entryPath()).exists());
    QVERIFY(QFile::exists(m_home.filePath(u"config/autostart/app.authdesk.Authdesk.desktop"_s)));
    window.startAtLoginAction()->trigger();
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!QFile::exists(Autostart::entryPath()));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
