#include "manualclock.h"

#include "connection/connectionlistmodel.h"
#include "store/connectionindex.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ManualClock;

// The connections table of the GUI on a real index file in a temporary profile folder: rows and
// columns, roles for the status badge and sorting, the "expires in" countdown and its one timer, and
// re-reading when another writer (a second ConnectionIndex, as another process would) changes the file.
class tst_ConnectionListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rowsColumnsAndRoles();
    void countdownText();
    void countdownTicksFastOnlyWithinTheHour();
    void sortsByRoles();
    void reloadsWhenTheFileChanges();
    void updateKeepsRows();

private:
    ConnectionRecord record(const QString &name, const QString &status, qint64 expiresInSeconds) const;
    QString path() const { return m_dir->filePath(u"connections.json"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock;
};

void tst_ConnectionListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock.setNowUtc(QDateTime(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC));
}

ConnectionRecord tst_ConnectionListModel::record(const QString &name, const QString &status, qint64 expiresInSeconds) const
{
    ConnectionRecord result;
    result.name = name;
    result.connectorKey = u"github"_s;
    result.status = status;
    result.obtainedAt = m_clock.nowUtc();
    if (expiresInSeconds != 0)
        result.expiresAt = m_clock.nowUtc().addSecs(expiresInSeconds);
    return result;
}

void tst_ConnectionListModel::rowsColumnsAndRoles()
{
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load());
    QVERIFY(index.add(record(u"work"_s, u"Ready"_s, 245)));
    ConnectionRecord second = record(u"home"_s, u"NeedsReconnect"_s, 0);
    second.authOptionKey = u"app"_s;
    QVERIFY(index.add(second));
    QVERIFY(index.recordTest(u"work"_s, true, u"200 OK"_s));
    m_clock.advance(std::chrono::minutes(3));
    QVERIFY(index.recordRefresh(u"home"_s, false, u"invalid_grant"_s));

    ConnectionListModel model(&index, m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ConnectionListModel::ColumnCount));
    QCOMPARE(model.headerData(ConnectionListModel::ExpiresColumn, Qt::Horizontal).toString(), u"Expires in"_s);

    const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
    QCOMPARE(cell(0, ConnectionListModel::NameColumn).toString(), u"work"_s);
    QCOMPARE(cell(0, ConnectionListModel::ConnectorColumn).toString(), u"github"_s);
    QCOMPARE(cell(0, ConnectionListModel::StatusColumn).toString(), u"Ready"_s);
    QCOMPARE(cell(0, ConnectionListModel::StatusColumn, ConnectionListModel::StatusRole).toString(), u"Ready"_s);
    // 3 minutes after connecting with 245 s left.
    QCOMPARE(cell(0, ConnectionListModel::ExpiresColumn).toString(), u"in 1 min 05 s"_s);
    QCOMPARE(cell(0, ConnectionListModel::LastTestColumn).toString(), u"3 min ago, passed"_s);
    QCOMPARE(cell(0, ConnectionListModel::LastTestColumn, Qt::ToolTipRole).toString(), u"200 OK"_s);
    QCOMPARE(cell(0, ConnectionListModel::LastTestColumn, ConnectionListModel::LastTestPassedRole), QVariant(true));
    QCOMPARE(cell(0, ConnectionListModel::LastRefreshColumn).toString(), u"never"_s);
    QVERIFY(!cell(0, ConnectionListModel::LastRefreshColumn, ConnectionListModel::LastRefreshSucceededRole).isValid());

    QCOMPARE(cell(1, ConnectionListModel::ConnectorColumn).toString(), u"github (app)"_s);
    QCOMPARE(cell(1, ConnectionListModel::StatusColumn).toString(), u"Needs reconnect"_s);
    QCOMPARE(cell(1, ConnectionListModel::StatusColumn, ConnectionListModel::StatusRole).toString(), u"NeedsReconnect"_s);
    QCOMPARE(cell(1, ConnectionListModel::ExpiresColumn).toString(), u"unknown"_s);
    QCOMPARE(cell(1, ConnectionListModel::LastRefreshColumn).toString(), u"just now, failed"_s);
    QCOMPARE(cell(1, ConnectionListModel::LastRefreshColumn, ConnectionListModel::LastRefreshSucceededRole), QVariant(false));
    QCOMPARE(cell(1, ConnectionListModel::LastTestColumn).toString(), u"never"_s);
    QCOMPARE(cell(1, ConnectionListModel::ExpiresColumn, ConnectionListModel::NameRole).toString(), u"home"_s);
    QCOMPARE(model.rowOf(u"home"_s), 1);
    QCOMPARE(model.rowOf(u"nope"_s), -1);
    QCOMPARE(model.record(0)->name, u"work"_s);
}

void tst_ConnectionListModel::countdownText()
{
    const QDateTime now = m_clock.nowUtc();
    QCOMPARE(ConnectionListModel::expiresInText(now.addSecs(245), now), u"in 4 min 05 s"_s);
    QCOMPARE(ConnectionListModel::expiresInText(now.addSecs(42), now), u"in 42 s"_s);
    QCOMPARE(ConnectionListModel::expiresInText(now.addSecs(2 * 3600 + 600), now), u"in 2 h 10 min"_s);
    QCOMPARE(ConnectionListModel::expiresInText(now.addDays(3), now), u"in 3 day(s)"_s);
    QCOMPARE(ConnectionListModel::expiresInText(now.addSecs(-30), now), u"expired just now"_s);
    QCOMPARE(ConnectionListModel::expiresInText(now.addSecs(-300), now), u"expired 5 min 00 s ago"_s);
    QCOMPARE(ConnectionListModel::expiresInText(QDateTime(), now), u"unknown"_s);
    QCOMPARE(ConnectionListModel::agoText(now.addSecs(-7200), now), u"2 h ago"_s);

    // The model's text follows the clock: every tick re-reads it.
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load());
    QVERIFY(index.add(record(u"work"_s, u"Ready"_s, 600)));
    ConnectionListModel model(&index, m_clock);
    const QModelIndex expires = model.index(0, ConnectionListModel::ExpiresColumn);
    QCOMPARE(expires.data().toString(), u"in 10 min 00 s"_s);
    m_clock.advance(std::chrono::seconds(61));
    QCOMPARE(expires.data().toString(), u"in 8 min 59 s"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The tick tells views to repaint the time columns.
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(ConnectionListModel::ExpiresColumn));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(ConnectionListModel::LastTestColumn));
}

void tst_ConnectionListModel::countdownTicksFastOnlyWithinTheHour()
{
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load());
    {
        ConnectionListModel empty(&index, m_clock);
        QCOMPARE(empty.tickInterval(), 0); // nothing to count down: no timer at all
    }
    QVERIFY(index.add(record(u"long"_s, u"Ready"_s, 3 * 3600)));
    QVERIFY(index.add(record(u"unknown"_s, u"Ready"_s, 0)));
    ConnectionListModel model(&index, m_clock);
    QCOMPARE(model.tickInterval(), ConnectionListModel::slowTickMs);

    // Another writer adds one that expires within the hour: the timer speeds up after the reload.
    ConnectionIndex other(path(), m_clock);
    QVERIFY(other.load());
    QVERIFY(other.add(record(u"soon"_s, u"Ready"_s, 1800)));
    model.reload();
    QCOMPARE(model.tickInterval(), ConnectionListModel::fastTickMs);

    // Long expired ones do not keep it fast.
    m_clock.advance(std::chrono::minutes(40));
    model.reload();
    QCOMPARE(model.tickInterval(), ConnectionListModel::slowTickMs);
}

void tst_ConnectionListModel::sortsByRoles()
{
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load());
    QVERIFY(index.add(record(u"a-ready"_s, u"Ready"_s, 7200)));
    QVERIFY(index.add(record(u"b-broken"_s, u"NeedsReconnect"_s, 0)));
    QVERIFY(index.add(record(u"c-error"_s, u"Error"_s, 60)));
    ConnectionListModel model(&index, m_clock);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ConnectionListModel::SortRole);

    const auto names = [&proxy] {
        QStringList result;
        for (int row = 0; row < proxy.rowCount(); ++row)
            result.append(proxy.index(row, 0).data().toString());
        return result;
    };
    proxy.sort(ConnectionListModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(names(), (QStringList{u"b-broken"_s, u"c-error"_s, u"a-ready"_s})); // worst first
    proxy.sort(ConnectionListModel::ExpiresColumn, Qt::AscendingOrder);
    QCOMPARE(names(), (QStringList{u"c-error"_s, u"a-ready"_s, u"b-broken"_s})); // unknown last
    proxy.sort(ConnectionListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(names(), (QStringList{u"c-error"_s, u"b-broken"_s, u"a-ready"_s}));
}

void tst_ConnectionListModel::reloadsWhenTheFileChanges()
{
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load()); // no file yet: the model watches the folder
    ConnectionListModel model(&index, m_clock);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy reloaded(&model, &ConnectionListModel::reloaded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    ConnectionIndex other(path(), m_clock);
    QVERIFY(other.load());
    QVERIFY(other.add(record(u"first"_s, u"Ready"_s, 3600)));
    // (A lock file appears first: a reload may come before the index file; the model settles.)
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
    QCOMPARE(model.index(0, 0).data().toString(), u"first"_s);
    QVERIFY(reset.count() >= 1);
    QVERIFY(reloaded.count() >= 1);

    // The file now exists and is replaced atomically on every save: the watch must survive that.
    QVERIFY(other.add(record(u"second"_s, u"Ready"_s, 3600)));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
    QVERIFY(other.remove(u"first"_s));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
    QCOMPARE(model.index(0, 0).data().toString(), u"second"_s);
}

void tst_ConnectionListModel::updateKeepsRows()
{
    ConnectionIndex index(path(), m_clock);
    QVERIFY(index.load());
    QVERIFY(index.add(record(u"work"_s, u"Ready"_s, 3600)));
    ConnectionListModel model(&index, m_clock);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    ConnectionIndex other(path(), m_clock);
    QVERIFY(other.load());
    QVERIFY(other.update(u"work"_s, [](ConnectionRecord &r) { r.status = u"Error"_s; }));
    model.reload();
    QCOMPARE(reset.count(), 0); // same rows: a selection in the view survives
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.index(0, ConnectionListModel::StatusColumn).data().toString(), u"Error"_s);
}

QTEST_GUILESS_MAIN(tst_ConnectionListModel)
#include "tst_connectionlistmodel.moc"
