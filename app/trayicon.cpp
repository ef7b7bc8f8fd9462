#include "trayicon.h"

#include "autostart.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"
#include "connection/profilerefresher.h"
#include "connection/refreshrequest.h"
#include "support/clock.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

TrayIcon::TrayIcon(ConnectionListModel *model, ConnectionActions *actions, Autostart *autostart, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_actions(actions)
    , m_autostart(autostart)
    , m_refresher(new ProfileRefresher(actions->context(), this))
    , m_icon(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_menu->setAccessibleName(tr("Authdesk"));
    m_menu->setTitle(tr("Authdesk"));

    m_showAction = m_menu->addAction(tr("&Show Authdesk"));
    m_showAction->setObjectName(u"trayShowAction"_s);
    connect(m_showAction, &QAction::triggered, this, &TrayIcon::showWindowRequested);
    m_menu->addSeparator();
    m_connectionsSeparator = m_menu->addSeparator();

    m_startAtLoginAction = m_menu->addAction(tr("Start at &login"));
    m_startAtLoginAction->setObjectName(u"trayStartAtLoginAction"_s);
    m_startAtLoginAction->setCheckable(true);
    if (!m_autostart || !Autostart::isSupported()) {
        m_startAtLoginAction->setEnabled(false);
        m_startAtLoginAction->setToolTip(tr("Starting at login is not available on this system yet"));
    } else {
        m_startAtLoginAction->setChecked(m_autostart->isEnabled());
        connect(m_startAtLoginAction, &QAction::toggled, this, [this](bool enabled) {
            if (!m_autostart || m_autostart->isEnabled() == enabled)
                return;
            if (const auto changed = m_autostart->setEnabled(enabled); !changed) {
                m_startAtLoginAction->setChecked(!enabled);
                notify({tr("Start at login"), changed.error().message, true});
            }
        });
        connect(m_autostart.data(), &Autostart::enabledChanged, m_startAtLoginAction, &QAction::setChecked);
    }
    m_quitAction = m_menu->addAction(tr("&Quit"));
    m_quitAction->setObjectName(u"trayQuitAction"_s);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });
    // The countdowns in the status lines are only worth computing when someone looks.
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::updateStatusLines);

    m_sink = [this](const Notification &notification) {
        m_icon->showMessage(notification.title, notification.message,
            notification.warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    };

    connect(m_model, &ConnectionListModel::reloaded, this, &TrayIcon::onReloaded);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrayIcon::onReloaded);
    connect(m_actions.data(), &ConnectionActions::finished, this, &TrayIcon::onActionFinished);
    // A test run from the window reports in the window; its result in the index is not notified again.
    connect(m_actions.data(), &ConnectionActions::started, this, [this](ConnectionActions::Action action, const QString &name) {
        if (action == ConnectionActions::Action::Test && !m_actionsStarted.contains(name))
            m_windowTestsStarted.insert(name, m_actions->context()->clock().nowUtc());
    });
    onReloaded();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a context menu is not owned by the icon
}

bool TrayIcon::isSystemTrayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    m_icon->show();
}

void TrayIcon::hide()
{
    m_icon->hide();
}

bool TrayIcon::isVisible() const
{
    return m_icon->isVisible();
}

void TrayIcon::setNotificationSink(NotificationSink sink)
{
    m_sink = std::move(sink);
}

void TrayIcon::notify(const Notification &notification)
{
    if (m_sink)
        m_sink(notification);
}

QString TrayIcon::toolTip() const
{
    const int count = m_model->rowCount();
    switch (m_status) {
    case OverallStatus::NoConnections:
        return tr("Authdesk: no connections");
    case OverallStatus::AllReady:
        return count == 1 ? tr("Authdesk: 1 connection, ready")
                          : tr("Authdesk: %n connections, all ready", nullptr, count);
    case OverallStatus::NeedsAttention:
        return tr("Authdesk: %1 of %2 connections need attention").arg(m_attentionCount).arg(count);
    }
    return {};
}

QIcon TrayIcon::statusIcon(OverallStatus status)
{
    // The application's icon (the theme's when installed, else the built-in SVG) with a status dot
    // over it; a plain dot when neither can be drawn (no SVG plugin; the tray needs a non-null icon).
    QColor colour(0x3d, 0x9a, 0x50); // green: all ready
    if (status == OverallStatus::NeedsAttention)
        colour = QColor(0xd9, 0x7a, 0x00); // amber
    else if (status == OverallStatus::NoConnections)
        colour = QColor(0x80, 0x80, 0x80);
    const QIcon base = QIcon::fromTheme(u"app.authdesk.Authdesk"_s, QIcon(u":/authdesk/icons/app.authdesk.Authdesk.svg"_s));
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        if (!base.isNull()) {
            painter.drawPixmap(0, 0, base.pixmap(size, size));
            const qreal dot = size * 0.45;
            painter.setPen(QPen(Qt::white, std::max(1.0, size / 16.0)));
            painter.setBrush(colour);
            painter.drawEllipse(QRectF(size - dot, size - dot, dot, dot).adjusted(0.5, 0.5, -0.5, -0.5));
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(colour);
            painter.drawEllipse(QRectF(0, 0, size, size).adjusted(1, 1, -1, -1));
            painter.setBrush(Qt::white);
            const qreal inner = size * 0.36;
            painter.drawEllipse(QRectF((size - inner) / 2, (size - inner) / 2, inner, inner));
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void TrayIcon::onReloaded()
{
    QList<ConnectionRecord> records;
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (const ConnectionRecord *record = m_model->record(row)) {
            records.append(*record);
            names.append(record->name);
        }
    }
    names.sort(Qt::CaseInsensitive);
    if (names != m_menuNames)
        rebuildConnectionMenus();
    updateStatus();
    for (const ConnectionAlerts::Alert &alert : m_alerts.update(records)) {
        if (alert.kind == ConnectionAlerts::Kind::TestFailed && m_windowTestsStarted.contains(alert.connectionName)) {
            const QDateTime started = m_windowTestsStarted.take(alert.connectionName);
            const auto record = std::find_if(records.cbegin(), records.cend(),
                [&alert](const ConnectionRecord &candidate) { return candidate.name == alert.connectionName; });
            if (record != records.cend() && record->lastTest.time >= started)
                continue;
        }
        notify({alert.title, alert.message, true});
    }
}

void TrayIcon::rebuildConnectionMenus()
{
    for (QMenu *menu : std::as_const(m_connectionMenus)) {
        m_menu->removeAction(menu->menuAction());
        delete menu;
    }
    m_connectionMenus.clear();
    m_menuNames.clear();
    // By name, as the window lists them; the index keeps them in the order they were made.
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (const ConnectionRecord *record = m_model->record(row))
            names.append(record->name);
    }
    names.sort(Qt::CaseInsensitive);
    for (const QString &name : std::as_const(names)) {
        auto *menu = new QMenu(name, m_menu);
        menu->setObjectName(u"trayConnection:"_s + name);
        menu->setAccessibleName(tr("Connection %1").arg(name));
        menu->setToolTipsVisible(true);
        QAction *status = menu->addAction(QString());
        status->setObjectName(u"status"_s);
        status->setEnabled(false); // a line to read, not to click
        menu->addSeparator();
        QAction *test = menu->addAction(tr("&Test"));
        test->setObjectName(u"test"_s);
        connect(test, &QAction::triggered, this, [this, name] {
            m_testsStarted.insert(name, m_actions->context()->clock().nowUtc());
            m_actionsStarted.insert(name);
            m_actions->test(name);
        });
        QAction *refresh = menu->addAction(tr("&Refresh now"));
        refresh->setObjectName(u"refresh"_s);
        connect(refresh, &QAction::triggered, this, [this, name] {
            m_actionsStarted.insert(name);
            m_actions->refresh(name);
        });
        QAction *reconnect = menu->addAction(tr("Reco&nnect…"));
        reconnect->setObjectName(u"reconnect"_s);
        connect(reconnect, &QAction::triggered, this, [this, name] { Q_EMIT reconnectRequested(name); });
        QAction *copy = menu->addAction(tr("&Copy access token"));
        copy->setObjectName(u"copyToken"_s);
        copy->setToolTip(tr("Copies a valid access token to the clipboard (refreshed first when due)"));
        connect(copy, &QAction::triggered, this, [this, name] { copyAccessToken(name); });
        m_menu->insertMenu(m_connectionsSeparator, menu);
        m_connectionMenus.insert(name, menu);
        m_menuNames.append(name);
    }
    updateStatusLines();
}

void TrayIcon::updateStatusLines()
{
    for (auto it = m_connectionMenus.cbegin(); it != m_connectionMenus.cend(); ++it) {
        const int row = m_model->rowOf(it.key());
        QAction *status = it.value()->findChild<QAction *>(u"status"_s);
        if (row < 0 || !status)
            continue;
        const QString state = m_model->index(row, ConnectionListModel::StatusColumn).data().toString();
        const QString expires = m_model->index(row, ConnectionListModel::ExpiresColumn).data().toString();
        const QDateTime expiresAt = m_model->index(row, 0).data(ConnectionListModel::ExpiresAtRole).toDateTime();
        status->setText(expiresAt.isValid() ? tr("%1 · expires %2").arg(state, expires) : state);
    }
}

void TrayIcon::updateStatus()
{
    m_attentionCount = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (const ConnectionRecord *record = m_model->record(row); record && ConnectionAlerts::needsAttention(*record))
            ++m_attentionCount;
    }
    const OverallStatus status = m_model->rowCount() == 0 ? OverallStatus::NoConnections
        : m_attentionCount > 0                            ? OverallStatus::NeedsAttention
                                                          : OverallStatus::AllReady;
    if (status != m_status || m_icon->icon().isNull()) {
        m_status = status;
        m_icon->setIcon(statusIcon(status));
    }
    m_icon->setToolTip(toolTip());
}

void TrayIcon::onActionFinished(const ConnectionActions::Outcome &outcome)
{
    if (!m_actionsStarted.remove(outcome.connectionName))
        return; // the window's, which shows it in its status bar
    if (outcome.action == ConnectionActions::Action::Test && !outcome.succeeded) {
        // A failure the test recorded in the index is notified by the alerts (once); only one that
        // never got that far (no session) is told here.
        const QDateTime started = m_testsStarted.take(outcome.connectionName);
        const ConnectionRecord *record = m_actions->context()->index().find(outcome.connectionName);
        if (record && record->lastTest.time.isValid() && started.isValid() && record->lastTest.time >= started)
            return;
    }
    m_testsStarted.remove(outcome.connectionName);
    notify({outcome.connectionName, outcome.message, !outcome.succeeded});
}

void TrayIcon::copySecret(const QString &secret)
{
    // Clipboard managers (Klipper, GNOME's history, Windows' cloud clipboard) keep what they see
    // unless told it is a password; and after a minute the token leaves the clipboard, unless the
    // user copied something else since.
    auto *data = new QMimeData;
    data->setText(secret);
    data->setData(u"x-kde-passwordManagerHint"_s, QByteArrayLiteral("secret"));
    data->setData(u"ExcludeClipboardContentFromMonitorProcessing"_s, QByteArrayLiteral("1"));
    QGuiApplication::clipboard()->setMimeData(data);
    QTimer::singleShot(clipboardLifetimeMs, this, [secret] {
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (clipboard->text() == secret)
            clipboard->clear();
    });
}

void TrayIcon::copyAccessToken(const QString &name)
{
    RefreshRequest *request = m_refresher->refresh(name, false, Refresher::Want::AccessToken);
    connect(request, &RefreshRequest::finished, this, [this, name](RefreshRequest *done) {
        const RefreshOutcome &outcome = done->outcome();
        if (outcome.accessToken.isEmpty()) {
            const QString why
                = outcome.error ? ConnectionActions::describe(*outcome.error) : tr("no access token is stored");
            notify({tr("Cannot copy the access token of %1").arg(name), why, true});
            return;
        }
        copySecret(outcome.accessToken);
        notify({tr("Copied the access token of %1").arg(name),
            outcome.expiresAt.isValid()
                ? tr("It is valid until %1.")
                      .arg(QLocale().toString(outcome.expiresAt.toLocalTime(), QLocale::ShortFormat))
                : QString()});
    });
}

} // namespace Authdesk
