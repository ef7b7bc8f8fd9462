#include "autostart.h"
#include "connectionactions.h"
#include "connectorfixture.h"
#include "trayicon.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// The tray icon on the offscreen platform, built from a real ConnectionListModel over a real profile
// in a temporary folder: its menu (a submenu per connection), its overall status, and notifications
// once per state change, observed through its notification sink.
class tst_TrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void menuHasASubmenuPerConnection();
    void overallStatusAndToolTip();
    void needsReconnectNotifiesOnce();
    void errorAndExpiredNotifyOnce();
    void refreshThatKeepsFailingNotifiesOnce();
    void failedTestNotifiesOnce();
    void menuActionsReachTheirTargets();
    void refreshNowRunsAndTellsTheOutcome();
    void startAtLoginWritesTheEntry();
    void copyTokenWithoutCredentialsExplains();

private:
    void addConnection(const QString &name, const QString &status);
    QStringList submenuTitles(QMenu *menu) const;

    ConnectorFixture m_fixture;
    QTemporaryDir m_home;
    ProfileContext *m_context = nullptr;
    ConnectionListModel *m_model = nullptr;
    ConnectionActions *m_actions = nullptr;
    Autostart *m_autostart = nullptr;
    TrayIcon *m_tray = nullptr;
    QList<TrayIcon::Notification> m_notifications;
};

void tst_TrayIcon::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    QCoreApplication::setOrganizationName(u"AuthdeskTest"_s);
    QCoreApplication::setApplicationName(u"tst_trayicon"_s);
    m_fixture.addConnector(u"alpha"_s, ConnectorFixture::minimalOAuth2(u"alpha"_s));
}

void tst_TrayIcon::init()
{
    const auto context = ProfileContext::open(u"tray-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12),
        {m_fixture.root()}, nullptr, m_home.filePath(u"profiles"_s));
    QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
    m_context = *context;
    m_model = new ConnectionListModel(&m_context->index(), m_context->clock());
    m_actions = new ConnectionActions(m_context);
    m_autostart = new Autostart(m_context->profile().name(), u"/usr/bin/authdesk"_s);
    m_notifications.clear();
}

void tst_TrayIcon::cleanup()
{
    delete m_tray;
    m_tray = nullptr;
    delete m_autostart;
    delete m_actions;
    delete m_model;
    delete m_context;
    m_context = nullptr;
}

void tst_TrayIcon::addConnection(const QString &name, const QString &status)
{
    ConnectionRecord record;
    record.name = name;
    record.connectorKey = u"alpha"_s;
    record.status = status;
    record.obtainedAt = QDateTime::currentDateTimeUtc();
    record.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    QVERIFY(m_context->index().add(record));
}

QStringList tst_TrayIcon::submenuTitles(QMenu *menu) const
{
    QStringList titles;
    for (QAction *action : menu->actions()) {
        if (action->menu())
            titles.append(action->menu()->title());
    }
    return titles;
}

void tst_TrayIcon::menuHasASubmenuPerConnection()
{
    addConnection(u"work"_s, u"Ready"_s);
    addConnection(u"home"_s, u"NeedsReconnect"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    QMenu *menu = m_tray->menu();
    QCOMPARE(submenuTitles(menu), QStringList({u"home"_s, u"work"_s}));
    QCOMPARE(menu->actions().first(), m_tray->showAction());
    QCOMPARE(menu->actions().last(), m_tray->quitAction());
    QVERIFY(menu->actions().contains(m_tray->startAtLoginAction()));

    QMenu *work = m_tray->connectionMenu(u"work"_s);
    QVERIFY(work);
    QStringList texts;
    for (QAction *action : work->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    QCOMPARE(texts.size(), 5);
    QVERIFY2(texts.at(0).startsWith(u"Ready · expires in "_s), qPrintable(texts.at(0))); // the status line
    QVERIFY(!work->actions().first()->isEnabled());
    QCOMPARE(texts.mid(1), QStringList({u"&Test"_s, u"&Refresh now"_s, u"Reco&nnect…"_s, u"&Copy access token"_s}));
    QVERIFY(m_tray->connectionMenu(u"home"_s)->actions().first()->text().startsWith(u"Needs reconnect"_s));
    QVERIFY(!work->accessibleName().isEmpty());

    // The menu follows the index: a new connection gets its submenu, a removed one loses it.
    addConnection(u"alpha-2"_s, u"Ready"_s);
    QVERIFY(m_context->index().remove(u"home"_s));
    m_model->reload();
    QCOMPARE(submenuTitles(menu), QStringList({u"alpha-2"_s, u"work"_s}));
    QVERIFY(!m_tray->connectionMenu(u"home"_s));
}

void tst_TrayIcon::overallStatusAndToolTip()
{
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    QCOMPARE(m_tray->overallStatus(), TrayIcon::OverallStatus::NoConnections);
    QVERIFY(!m_tray->systemTrayIcon()->icon().isNull());
    const qint64 noConnectionsIcon = m_tray->systemTrayIcon()->icon().cacheKey();

    addConnection(u"work"_s, u"Ready"_s);
    addConnection(u"home"_s, u"Ready"_s);
    m_model->reload();
    QCOMPARE(m_tray->overallStatus(), TrayIcon::OverallStatus::AllReady);
    QCOMPARE(m_tray->systemTrayIcon()->toolTip(), u"Authdesk: 2 connections, all ready"_s);
    const qint64 readyIcon = m_tray->systemTrayIcon()->icon().cacheKey();
    QVERIFY(readyIcon != noConnectionsIcon);

    QVERIFY(
        m_context->index().update(u"home"_s, [](ConnectionRecord &record) { record.status = u"NeedsReconnect"_s; }));
    m_model->reload();
    QCOMPARE(m_tray->overallStatus(), TrayIcon::OverallStatus::NeedsAttention);
    QCOMPARE(m_tray->systemTrayIcon()->toolTip(), u"Authdesk: 1 of 2 connections need attention"_s);
    QVERIFY(m_tray->systemTrayIcon()->icon().cacheKey() != readyIcon);

    // A refresh that fails again and again needs attention too, though the status stays Ready.
    QVERIFY(m_context->index().update(u"home"_s, [](ConnectionRecord &record) { record.status = u"Ready"_s; }));
    for (int i = 0; i < ConnectionAlerts::failingRefreshes; ++i)
        QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"the token endpoint answered 503"_s));
    m_model->reload();
    QCOMPARE(m_tray->overallStatus(), TrayIcon::OverallStatus::NeedsAttention);
}

void tst_TrayIcon::needsReconnectNotifiesOnce()
{
    addConnection(u"work"_s, u"Ready"_s);
    addConnection(u"home"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });
    m_model->reload();
    QCOMPARE(m_notifications.size(), 0);

    QVERIFY(
        m_context->index().update(u"work"_s, [](ConnectionRecord &record) { record.status = u"NeedsReconnect"_s; }));
    // However the change arrives (the file watcher, an explicit reload, countdown ticks), one notification.
    QTRY_COMPARE_WITH_TIMEOUT(m_notifications.size(), 1, 10000);
    m_model->reload();
    m_model->reload();
    QTest::qWait(ConnectionListModel::reloadDelayMs * 3);
    QCOMPARE(m_notifications.size(), 1);
    QCOMPARE(m_notifications.first().title, u"work needs you to sign in again"_s);
    QVERIFY(m_notifications.first().warning);

    // Another state change is another notification: Ready again (none), then NeedsReconnect again.
    QVERIFY(m_context->index().update(u"work"_s, [](ConnectionRecord &record) { record.status = u"Ready"_s; }));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    QVERIFY(
        m_context->index().update(u"work"_s, [](ConnectionRecord &record) { record.status = u"NeedsReconnect"_s; }));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 2);
}

void tst_TrayIcon::errorAndExpiredNotifyOnce()
{
    addConnection(u"work"_s, u"Ready"_s);
    addConnection(u"home"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });
    m_model->reload();

    // A refused client (invalid_client) is an Error after one attempt: no "keeps failing" will follow.
    QVERIFY(m_context->index().update(u"work"_s, [](ConnectionRecord &record) { record.status = u"Error"_s; }));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    QCOMPARE(m_notifications.first().title, u"work stopped working"_s);
    QVERIFY(m_context->index().update(u"home"_s, [](ConnectionRecord &record) { record.status = u"Expired"_s; }));
    m_model->reload();
    m_model->reload();
    QCOMPARE(m_notifications.size(), 2);
    QCOMPARE(m_notifications.last().title, u"home has expired: connect it again"_s);
}

void tst_TrayIcon::refreshThatKeepsFailingNotifiesOnce()
{
    addConnection(u"work"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });

    // One transient failure is retried quietly.
    for (int i = 1; i < ConnectionAlerts::failingRefreshes; ++i) {
        QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"the token endpoint answered 503"_s));
        m_model->reload();
    }
    QCOMPARE(m_notifications.size(), 0);
    QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"the token endpoint answered 503"_s));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    QCOMPARE(m_notifications.first().title, u"Refreshing work keeps failing"_s);
    QCOMPARE(m_notifications.first().message, u"the token endpoint answered 503"_s);
    // Still failing: no new notification for every further attempt.
    QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"the token endpoint answered 503"_s));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    // A success ends the streak; a new streak is a new notification.
    QVERIFY(m_context->index().recordRefresh(u"work"_s, true, u"refreshed"_s));
    m_model->reload();
    for (int i = 0; i < ConnectionAlerts::failingRefreshes; ++i) {
        QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"timeout"_s));
        m_model->reload();
    }
    QCOMPARE(m_notifications.size(), 2);
}

void tst_TrayIcon::failedTestNotifiesOnce()
{
    addConnection(u"work"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });
    QVERIFY(m_context->index().recordTest(u"work"_s, true, u"200 OK"_s));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 0);
    QVERIFY(m_context->index().recordTest(u"work"_s, false, u"the API answered 401"_s));
    m_model->reload();
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    QCOMPARE(m_notifications.first().title, u"The test of work failed"_s);
    QCOMPARE(m_notifications.first().message, u"the API answered 401"_s);

    // A test the user ran in the window shows its outcome there: the tray does not repeat it.
    QSignalSpy finished(m_actions, &ConnectionActions::finished);
    m_actions->test(u"work"_s); // as the window's Test does (it fails: no credentials are stored)
    QVERIFY(finished.count() > 0 || finished.wait(30000));
    QVERIFY(m_context->index().recordTest(u"work"_s, false, u"the API answered 403"_s));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 1);
    // The next failure that nobody watched in the window is notified again.
    QVERIFY(m_context->index().recordTest(u"work"_s, false, u"the API answered 500"_s));
    m_model->reload();
    QCOMPARE(m_notifications.size(), 2);
}

void tst_TrayIcon::menuActionsReachTheirTargets()
{
    addConnection(u"work"_s, u"NeedsReconnect"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    QSignalSpy show(m_tray, &TrayIcon::showWindowRequested);
    QSignalSpy reconnect(m_tray, &TrayIcon::reconnectRequested);
    QSignalSpy quit(m_tray, &TrayIcon::quitRequested);
    QSignalSpy started(m_actions, &ConnectionActions::started);
    m_tray->showAction()->trigger();
    QCOMPARE(show.count(), 1);
    m_tray->connectionMenu(u"work"_s)->findChild<QAction *>(u"reconnect"_s)->trigger();
    QCOMPARE(reconnect.count(), 1);
    QCOMPARE(reconnect.first().first().toString(), u"work"_s);
    m_tray->quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
    // Test is a ConnectionActions job: started at once, finished later (nothing blocks).
    QSignalSpy finished(m_actions, &ConnectionActions::finished);
    m_tray->connectionMenu(u"work"_s)->findChild<QAction *>(u"test"_s)->trigger();
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().at(0).value<ConnectionActions::Action>(), ConnectionActions::Action::Test);
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(60000));
}

// Refresh now on a connection whose credentials are not in the keychain: the real refresher (no daemon:
// this process, under the profile lock) fails, and the tray tells it, once.
void tst_TrayIcon::refreshNowRunsAndTellsTheOutcome()
{
    addConnection(u"work"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });
    QSignalSpy finished(m_actions, &ConnectionActions::finished);
    m_tray->connectionMenu(u"work"_s)->findChild<QAction *>(u"refresh"_s)->trigger();
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.first().first().value<ConnectionActions::Outcome>();
    QVERIFY(!outcome.succeeded);
    QTRY_VERIFY(!m_notifications.isEmpty());
    QCOMPARE(m_notifications.first().title, u"work"_s);
    QCOMPARE(m_notifications.first().message, outcome.message);
    QVERIFY(m_notifications.first().warning);
}

void tst_TrayIcon::startAtLoginWritesTheEntry()
{
    if (!Autostart::isSupported())
        QSKIP("no autostart on this OS");
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    QAction *action = m_tray->startAtLoginAction();
    QVERIFY(action->isEnabled());
    QVERIFY(!action->isChecked());
    action->trigger();
    QVERIFY(action->isChecked());
    QVERIFY(m_autostart->isEnabled());
    QVERIFY(QFile::exists(Autostart::entryPath()));
    action->trigger();
    QVERIFY(!m_autostart->isEnabled());
    QVERIFY(!QFile::exists(Autostart::entryPath()));
    // Changed elsewhere (the window's menu): the tray's item follows.
    QVERIFY(m_autostart->setEnabled(true));
    QVERIFY(action->isChecked());
    QVERIFY(m_autostart->setEnabled(false));
}

// Copy access token goes through the profile's refresher (a job): with no credentials in the keychain
// the clipboard is left alone and a notification says why.
void tst_TrayIcon::copyTokenWithoutCredentialsExplains()
{
    addConnection(u"work"_s, u"Ready"_s);
    m_model->reload();
    m_tray = new TrayIcon(m_model, m_actions, m_autostart);
    m_tray->setNotificationSink(
        [this](const TrayIcon::Notification &notification) { m_notifications.append(notification); });
    QGuiApplication::clipboard()->setText(u"before"_s);
    m_tray->connectionMenu(u"work"_s)->findChild<QAction *>(u"copyToken"_s)->trigger();
    QCOMPARE(m_notifications.size(), 0); // not answered from inside the click
    QTRY_COMPARE_WITH_TIMEOUT(m_notifications.size(), 1, 60000);
    QCOMPARE(m_notifications.first().title, u"Cannot copy the access token of work"_s);
    QVERIFY(m_notifications.first().warning);
    QVERIFY(!m_notifications.first().message.isEmpty());
    QCOMPARE(QGuiApplication::clipboard()->text(), u"before"_s);
}

QTEST_MAIN(tst_TrayIcon)
#include "tst_trayicon.moc"
