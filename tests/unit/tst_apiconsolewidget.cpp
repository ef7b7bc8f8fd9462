#include "apiconsolewidget.h"

#include "connection/profilecontext.h"
#include "connectionactions.h"
#include "connectorfixture.h"
#include "httplogwidget.h"
#include "inspectorwidget.h"
#include "localhttpserver.h"
#include "requestcommand.h"
#include "store/httplog.h"
#include "store/secretjob.h"
#include "store/secretstore.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;
using Authdesk::Test::LocalHttpServer;

// The API console of the inspector against a real connection (keychain, index, connector mapping)
// and a local HTTP API that also serves the token endpoint: the request goes out with the stored
// token, the answer is shown pretty-printed, a 401 leads to one refresh and one retry, and every
// exchange shows up (redacted) in the HTTP log tab.
class tst_ApiConsoleWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sendsWithTheStoredTokenAndShowsPrettyJson();
    void unauthorizedRefreshesOnceAndRetries();
    void cancelDropsTheAnswerAndFormErrorsSendNothing();
    void commandLineRequestsLandInTheSameLog();

private:
    LocalHttpServer::Response answer(const LocalHttpServer::Request &request);
    bool sendAndWait(InspectorWidget &inspector, const QString &method, const QString &path);
    QStringList pathsSeen() const;

    QTemporaryDir m_home;
    ConnectorFixture m_connectors;
    std::unique_ptr<LocalHttpServer> m_server;
    ProfileContext *m_context = nullptr;
    ConnectionRecord m_record;
    QString m_profileName;
    QString m_validToken = u"AT-ONE-1111"_s;
    int m_refreshes = 0;
};

LocalHttpServer::Response tst_ApiConsoleWidget::answer(const LocalHttpServer::Request &request)
{
    const QList<QPair<QByteArray, QByteArray>> json {{"Content-Type", "application/json"}};
    if (request.target == "/token") {
        ++m_refreshes;
        if (!request.body.contains("grant_type=refresh_token") || !request.body.contains("RT-ONE-1111"))
            return {400, json, R"({"error":"invalid_grant"})"};
        m_validToken = u"AT-TWO-2222"_s;
        return {200, json,
            R"({"access_token":"AT-TWO-2222","token_type":"Bearer","expires_in":3600,"refresh_token":"RT-TWO-2222"})"};
    }
    if (request.headers.value("authorization") != "Bearer " + m_validToken.toUtf8())
        return {401, {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}}, {}};
    if (request.target.startsWith("/api/me"))
        return {200, json, R"({"id":7,"name":"alice","roles":["admin","dev"]})"};
    if (request.target.startsWith("/api/items") && request.method == "POST")
        return {201, json, "{\"created\":" + request.body + "}"};
    if (request.target.startsWith("/api/text"))
        return {200, {{"Content-Type", "text/plain"}}, "plain words"};
    return {404, json, R"({"error":"not found"})"};
}

void tst_ApiConsoleWidget::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    m_server = std::make_unique<LocalHttpServer>(
        [this](const LocalHttpServer::Request &request) { return answer(request); });
    const QString base = m_server->url().toString(QUrl::StripTrailingSlash);
    m_connectors.addConnector(u"local-api"_s,
        {{u"spec.yml"_s,
             "key: local-api\nname: Local API\n"
             "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
             "  makeApiClient:\n    implementationType: mapping\n"},
            {u"auth/get-oauth-config.map.yml"_s,
                "clientId: console-client\nauthorizeUri: " + base.toUtf8() + "/authorize\ntokenUri: " + base.toUtf8()
                    + "/token\n"},
            {u"auth/make-api-client.map.yml"_s,
                "baseUri: " + base.toUtf8()
                    + "/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"}});

    // The standard profiles folder (under XDG_DATA_HOME), so that a command finds the profile too.
    m_profileName = u"console-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto opened = ProfileContext::open(m_profileName, {m_connectors.root()});
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    m_context = *opened;
    QVERIFY2(m_context->connector(u"local-api"_s), "the connector loads");

    ConnectionRecord record;
    record.name = u"api"_s;
    record.connectorKey = u"local-api"_s;
    record.status = u"Ready"_s;
    record.obtainedAt = QDateTime::currentDateTimeUtc();
    record.expiresAt = record.obtainedAt.addSecs(3600);
    const auto added = m_context->index().add(record);
    QVERIFY(added);
    m_record = *added;
    SecretJob *job = m_context->secrets()->write(SecretStore::Kind::ConnectionCredentials, m_record.id,
        {{u"access_token"_s, u"AT-ONE-1111"_s}, {u"refresh_token"_s, u"RT-ONE-1111"_s}, {u"token_type"_s, u"Bearer"_s},
            {u"expires_in"_s, 3600}});
    QSignalSpy written(job, &SecretJob::finished);
    job->start();
    QVERIFY(written.wait(30000));
}

void tst_ApiConsoleWidget::cleanupTestCase()
{
    if (!m_context)
        return;
    SecretJob *job = m_context->secrets()->remove(SecretStore::Kind::ConnectionCredentials, m_record.id);
    QSignalSpy removed(job, &SecretJob::finished);
    job->start();
    removed.wait(30000);
    delete m_context;
}

QStringList tst_ApiConsoleWidget::pathsSeen() const
{
    QStringList paths;
    for (const LocalHttpServer::Request &request : m_server->requests())
        paths.append(QString::fromUtf8(request.method + ' ' + request.target));
    return paths;
}

bool tst_ApiConsoleWidget::sendAndWait(InspectorWidget &inspector, const QString &method, const QString &path)
{
    ApiConsoleWidget *console = inspector.apiConsole();
    console->methodBox()->setCurrentText(method);
    console->pathEdit()->setText(path);
    QSignalSpy finished(console, &ApiConsoleWidget::finished);
    QTest::mouseClick(console->sendButton(), Qt::LeftButton);
    if (!console->isRunning() || !console->cancelButton()->isEnabled() || console->sendButton()->isEnabled())
        return false;
    return finished.wait(30000) && !console->isRunning();
}

void tst_ApiConsoleWidget::sendsWithTheStoredTokenAndShowsPrettyJson()
{
    InspectorWidget inspector(m_context);
    inspector.resize(900, 700);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setConnection(&m_record);
    inspector.tabs()->setCurrentWidget(inspector.apiConsole());
    ApiConsoleWidget *console = inspector.apiConsole();
    QCOMPARE(console->connectionName(), u"api"_s);
    const qsizetype before = m_server->requests().size();

    // A header and a query parameter typed into the tables go along.
    console->headersTable()->setItem(0, 0, new QTableWidgetItem(u"X-Trace"_s));
    console->headersTable()->setItem(0, 1, new QTableWidgetItem(u"console-1"_s));
    QCOMPARE(console->headersTable()->rowCount(), 2); // a new empty row to type the next one into
    console->queryTable()->setItem(0, 0, new QTableWidgetItem(u"fields"_s));
    console->queryTable()->setItem(0, 1, new QTableWidgetItem(u"id,name"_s));
    QVERIFY(sendAndWait(inspector, u"GET"_s, u"/me"_s));

    QCOMPARE(console->lastStatus(), 200);
    QVERIFY2(console->statusText().startsWith(u"200"_s), qPrintable(console->statusText()));
    QVERIFY2(console->statusText().contains(u" ms"_s), qPrintable(console->statusText()));
    // Pretty-printed: one member per line, indented.
    QVERIFY2(
        console->responseBodyText().contains(u"\n    \"name\": \"alice\""_s), qPrintable(console->responseBodyText()));
    QVERIFY2(console->responseHeadersText().contains(u"application/json"_s, Qt::CaseInsensitive),
        qPrintable(console->responseHeadersText()));

    // The server saw the stored token, the header and the query.
    QCOMPARE(m_server->requests().size(), before + 1);
    const LocalHttpServer::Request &seen = m_server->requests().last();
    QCOMPARE(seen.headers.value("authorization"), QByteArray("Bearer AT-ONE-1111"));
    QCOMPARE(seen.headers.value("x-trace"), QByteArray("console-1"));
    QVERIFY2(seen.target.startsWith("/api/me?") && seen.target.contains("fields=id"), seen.target.constData());

    // A JSON body with POST; a text answer is shown as text.
    console->bodyEdit()->setPlainText(u"{\"title\": \"new\"}"_s);
    QVERIFY(sendAndWait(inspector, u"POST"_s, u"/items"_s));
    QCOMPARE(console->lastStatus(), 201);
    QVERIFY2(console->responseBodyText().contains(u"\"title\": \"new\""_s), qPrintable(console->responseBodyText()));
    QCOMPARE(m_server->requests().last().headers.value("content-type"), QByteArray("application/json"));
    console->bodyEdit()->clear();
    QVERIFY(sendAndWait(inspector, u"GET"_s, u"/text"_s));
    QCOMPARE(console->responseBodyText(), u"plain words"_s);
    QCOMPARE(console->historyBox()->count(), 3);
    QCOMPARE(console->historyBox()->itemText(0), u"GET /text"_s);

    // The exchanges land in the HTTP log tab, newest first, redacted.
    HttpLogWidget *log = inspector.httpLog();
    QTRY_VERIFY_WITH_TIMEOUT(log->entries().size() >= 3, 20000);
    // The form keeps its query parameters from request to request.
    QCOMPARE(log->table()->model()->index(0, HttpLogWidget::UrlColumn).data().toString(),
        m_server->url(u"/api/text"_s).toString() + u"?fields=id%2Cname"_s);
    QCOMPARE(log->table()->model()->index(0, HttpLogWidget::StatusColumn).data().toString(), u"200"_s);
    log->selectEntry(log->entries().size() - 3); // the GET /me
    QVERIFY2(log->detailsText().contains(u"Authorization: Bearer [redacted]"_s), qPrintable(log->detailsText()));
    QVERIFY2(log->detailsText().contains(u"\"name\": \"alice\""_s), qPrintable(log->detailsText()));
    QVERIFY(!log->detailsText().contains(u"AT-ONE-1111"_s));
    // The filter box narrows the table.
    log->filterBox()->setText(u"/api/items"_s);
    QCOMPARE(log->table()->model()->rowCount(), 1);
    log->filterBox()->clear();
    QVERIFY(log->table()->model()->rowCount() >= 3);
}

void tst_ApiConsoleWidget::unauthorizedRefreshesOnceAndRetries()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setConnection(&m_record);
    // The provider ended the token early: the API now wants a token the stored one is not.
    m_validToken = u"AT-REVOKED-0000"_s;
    const int refreshesBefore = m_refreshes;
    const qsizetype before = m_server->requests().size();
    QVERIFY(sendAndWait(inspector, u"GET"_s, u"/me"_s));
    QCOMPARE(inspector.apiConsole()->lastStatus(), 200);
    QVERIFY2(inspector.apiConsole()->statusText().contains(u"2 attempt"_s),
        qPrintable(inspector.apiConsole()->statusText()));
    QCOMPARE(m_refreshes, refreshesBefore + 1);
    // 401 with the old token, the refresh, then the retry with the new one.
    const QStringList paths = pathsSeen().mid(before);
    QCOMPARE(paths, (QStringList {u"GET /api/me"_s, u"POST /token"_s, u"GET /api/me"_s}));
    QCOMPARE(m_server->requests().at(before).headers.value("authorization"), QByteArray("Bearer AT-ONE-1111"));
    QCOMPARE(m_server->requests().last().headers.value("authorization"), QByteArray("Bearer AT-TWO-2222"));

    // All three are in the HTTP log (the refresh recorded by the refresher), and no token is.
    HttpLogWidget *log = inspector.httpLog();
    QTRY_VERIFY_WITH_TIMEOUT(log->entries().size() >= 6, 20000);
    const QList<HttpExchange> entries = log->entries();
    QStringList logged;
    for (const HttpExchange &exchange : entries.mid(entries.size() - 3))
        logged.append(exchange.method + u' ' + QString::number(exchange.status));
    QCOMPARE(logged, (QStringList {u"GET 401"_s, u"POST 200"_s, u"GET 200"_s}));
    QFile file(HttpLog::forConnection(m_context->profile(), m_record.id).filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (const char *secret : {"AT-ONE-1111", "AT-TWO-2222", "RT-ONE-1111", "RT-TWO-2222"})
        QVERIFY2(!bytes.contains(secret), secret);

    // Clear asks first: Cancel keeps everything; confirmed, it empties the log and the table.
    const qsizetype entriesBefore = log->entries().size();
    QTest::mouseClick(log->clearButton(), Qt::LeftButton);
    auto *box = log->findChild<QMessageBox *>(u"httpLogClearConfirmation"_s);
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // Enter does not delete
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QCOMPARE(log->entries().size(), entriesBefore);
    QTest::mouseClick(log->clearButton(), Qt::LeftButton);
    box = log->findChild<QMessageBox *>(u"httpLogClearConfirmation"_s);
    QVERIFY(box);
    box->findChild<QPushButton *>(u"confirmHttpLogClear"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(log->entries().size(), qsizetype(0), 20000);
    QCOMPARE(log->table()->model()->rowCount(), 0);
    HttpLog::flush();
    QCOMPARE(HttpLog::forConnection(m_context->profile(), m_record.id).read()->entries.size(), 0);
}

void tst_ApiConsoleWidget::cancelDropsTheAnswerAndFormErrorsSendNothing()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setConnection(&m_record);
    ApiConsoleWidget *console = inspector.apiConsole();
    const qsizetype before = m_server->requests().size();

    // Not JSON: nothing is sent, the form says why.
    console->pathEdit()->setText(u"/me"_s);
    console->bodyEdit()->setPlainText(u"{oops"_s);
    QTest::mouseClick(console->sendButton(), Qt::LeftButton);
    QVERIFY(!console->isRunning());
    QVERIFY2(console->statusText().contains(u"not JSON"_s), qPrintable(console->statusText()));
    console->bodyEdit()->clear();

    // Cancelled while the connection opens: its answer never shows, and the next request works.
    QSignalSpy finished(console, &ApiConsoleWidget::finished);
    console->pathEdit()->setText(u"/missing"_s);
    QTest::mouseClick(console->sendButton(), Qt::LeftButton);
    QVERIFY(console->isRunning());
    QTest::mouseClick(console->cancelButton(), Qt::LeftButton);
    QVERIFY(!console->isRunning());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(console->statusText().contains(u"Cancelled"_s), qPrintable(console->statusText()));
    QVERIFY(sendAndWait(inspector, u"GET"_s, u"/me"_s));
    QCOMPARE(console->lastStatus(), 200);
    QCOMPARE(finished.size(), 2);
    QVERIFY(!pathsSeen().mid(before).contains(u"GET /api/missing"_s));
}

// `authdesk request` (in-process) records through the same path: its exchange joins the log.
void tst_ApiConsoleWidget::commandLineRequestsLandInTheSameLog()
{
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    RequestCommand command(
        {u"api"_s, u"GET"_s, u"/me?from=cli"_s, {}, {}, {}}, {m_profileName, {m_connectors.root()}, false}, out, err);
    QSignalSpy finished(&command, &ProfileCommand::finished);
    QCOMPARE(command.start(), -1);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toInt() == 0, qPrintable(errText));
    QVERIFY2(outText.contains(u"\"alice\""_s), qPrintable(outText));
    HttpLog::flush();
    const auto log = HttpLog::forConnection(m_context->profile(), m_record.id).read();
    QVERIFY(log && !log->entries.isEmpty());
    QVERIFY2(log->entries.last().url.endsWith(u"/api/me?from=cli"_s), qPrintable(log->entries.last().url));
    QCOMPARE(log->entries.last().status, 200);
}

QTEST_MAIN(tst_ApiConsoleWidget)
#include "tst_apiconsolewidget.moc"
