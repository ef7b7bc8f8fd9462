#include "connectorcatalogmodel.h"
#include "connectorfixture.h"
#include "mainwindow.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// The minimal main window with real widgets on the offscreen platform.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTitleAndConnectors();
    void searchFilters();
    void selectingShowsErrors();
    void reloadPicksUpNewFolders();

private:
    ConnectorFixture m_fixture;
    ConnectorSearchPath m_path;
};

void tst_MainWindow::initTestCase()
{
    m_fixture.addConnector(u"alpha"_s, ConnectorFixture::minimalOAuth2(u"alpha"_s));
    m_fixture.addConnector(u"broken"_s, {{u"spec.yml"_s, "key: broken\nname: Broken One\nauth:\n  type: sideways\n"}});
    m_path.append(m_fixture.root(), ConnectorSource::User);
}

void tst_MainWindow::showsTitleAndConnectors()
{
    MainWindow window(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"Authdesk"_s);
    QTableView *view = window.connectorView();
    QCOMPARE(view->model()->rowCount(), 2);
    // Sorted by name: "alpha test", "Broken One".
    QCOMPARE(view->model()->index(0, ConnectorCatalogModel::NameColumn).data().toString(), u"alpha test"_s);
    QCOMPARE(view->model()->index(0, ConnectorCatalogModel::StatusColumn).data().toString(), u"Ready"_s);
    QCOMPARE(view->model()->index(1, ConnectorCatalogModel::NameColumn).data().toString(), u"Broken One"_s);
    QVERIFY(view->model()->index(1, ConnectorCatalogModel::StatusColumn).data().toString().contains(u"error"_s));
    QVERIFY(!view->model()->index(1, 0).data(ConnectorCatalogModel::IsValidRole).toBool());
    QCOMPARE(view->accessibleName(), u"Connectors"_s);
}

void tst_MainWindow::searchFilters()
{
    MainWindow window(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
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
    MainWindow window(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
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
    MainWindow window(path);
    QCOMPARE(window.catalogModel()->rowCount(), 1);
    fixture.addConnector(u"two"_s, ConnectorFixture::minimalOAuth2(u"two"_s));
    window.reloadConnectors();
    QCOMPARE(window.catalogModel()->rowCount(), 2);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
