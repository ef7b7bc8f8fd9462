#include "jsontext.h"
#include "localhttpserver.h"
#include "testprinting.h"

#include "connection/apiclient.h"
#include "connection/apicredentialsrefresher.h"
#include "connection/resttestrunner.h"
#include "mapping/expressioncompiler.h"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::compactJson;
using Authdesk::Test::json;
using Authdesk::Test::LocalHttpServer;
using Response = LocalHttpServer::Response;
using Request = LocalHttpServer::Request;

namespace {

const QString oldToken = u"gho_old1"_s;
const QString newToken = u"gho_new2"_s;

ApiClientConfig configFor(const QUrl &base, const QString &token)
{
    const auto config = ApiClientConfig::fromJson(
        QJsonObject {{u"baseUri"_s, base.toString()},
            {u"headers"_s, QJsonObject {{u"Authorization"_s, QString(u"Bearer "_s + token)}}}},
        u"github"_s);
    if (!config)
        qFatal("test config is invalid: %s", qPrintable(config.error().message));
    return config.value();
}

Expression compile(const QByteArray &yaml, const QString &fileName = u"test.rest.yml"_s)
{
    const auto compiled = ExpressionCompiler::compileText(yaml, fileName);
    if (!compiled.diagnostics.isEmpty())
        qFatal("test mapping does not compile: %s", qPrintable(Test::describeDiagnostics(compiled.diagnostics)));
    return compiled.expression;
}

// The bundled GitHub connector's test, as shipped.
Expression githubTest()
{
    const QString path = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR) + u"/connectors/github/auth/test.rest.yml"_s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return compile(file.readAll(), path);
}

Response jsonAnswer(int status, const QByteArray &body)
{
    return {status, {{"Content-Type", "application/json"}}, body};
}

bool bearerIs(const Request &request, const QString &token)
{
    return request.headers.value("authorization") == ("Bearer " + token.toUtf8());
}

// Runs a test to its end; it must finish exactly once and never inside start().
bool run(RestTestRunner *runner)
{
    QSignalSpy finished(runner, &RestTestRunner::finished);
    runner->start();
    if (finished.size() != 0)
        return false;
    if (!finished.wait(20000))
        return false;
    QTest::qWait(0);
    return finished.size() == 1 && runner->isFinished();
}

QString describe(const RestTestRunner &runner)
{
    return runner.error() ? runner.error()->message : u"no error"_s;
}

class FakeRefresher : public ApiCredentialsRefresher
{
public:
    explicit FakeRefresher(ApiClientConfig config)
        : m_config(std::move(config))
    {
    }
    void refreshApiCredentials(
        const ApiClientConfig &, QObject *context, std::function<void(Result<ApiClientConfig>)> done) override
    {
        ++calls;
        QTimer::singleShot(0, context, [done, config = m_config] { done(config); });
    }
    int calls = 0;

private:
    ApiClientConfig m_config;
};

} // namespace

// A connector's `test` of type rest-api-mapping (connector-format.md §8) through the API client,
// against LocalHttpServer; truthy responseMapping = success.
class tst_RestTestRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledGithubTestPasses();
    void falsyResponseMappingFails();
    void apiErrorFails();
    void refreshDuringTest();
    void requestFromVariables();
    void withoutResponseMapping();
    void malformedTests_data();
    void malformedTests();
    void killCancels();
};

void tst_RestTestRunner::bundledGithubTestPasses()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, R"({"login": "octocat", "id": 583231})"); });
    ApiClient client(configFor(server.url(u"/api"_s), oldToken));
    RestTestRunner runner(&client, githubTest(), {});
    QVERIFY(run(&runner));
    QVERIFY2(runner.passed(), qPrintable(describe(runner)));
    QVERIFY(!runner.error());
    QCOMPARE(runner.value(), QJsonValue(true));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().method, QByteArray("GET"));
    QCOMPARE(server.requests().first().target, QByteArray("/api/user"));
    QVERIFY(bearerIs(server.requests().first(), oldToken));
}

void tst_RestTestRunner::falsyResponseMappingFails()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, R"({"login": "octocat"})"); });
    ApiClient client(configFor(server.url(), oldToken));
    RestTestRunner runner(&client, githubTest(), {});
    QVERIFY(run(&runner));
    QVERIFY(!runner.passed());
    QCOMPARE(runner.value(), QJsonValue(false));
    QVERIFY(runner.error());
    QCOMPARE(runner.error()->code, ErrorCode::Provider);
    QCOMPARE(runner.error()->message,
        u"connector github: test GET /user: the API answered HTTP 200, but responseMapping gave false, which is not truthy"_s);
    QVERIFY(!runner.apiError());
}

void tst_RestTestRunner::apiErrorFails()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(500, R"({"message": "Server Error"})"); });
    ApiClient client(configFor(server.url(), oldToken));
    RestTestRunner runner(&client, githubTest(), {});
    QVERIFY(run(&runner));
    QVERIFY(!runner.passed());
    QVERIFY(runner.apiError());
    QCOMPARE(runner.apiError()->kind, ApiError::Kind::HttpStatus);
    QCOMPARE(runner.apiError()->status, 500);
    QVERIFY2(runner.error()->message.startsWith(u"connector github: GET /user answered HTTP 500"_s),
        qPrintable(describe(runner)));
}

void tst_RestTestRunner::refreshDuringTest()
{
    LocalHttpServer server([](const Request &request) {
        if (bearerIs(request, newToken))
            return jsonAnswer(200, R"({"id": 1})");
        return jsonAnswer(401, R"({"message": "Bad credentials"})");
    });
    ApiClient client(configFor(server.url(), oldToken));
    FakeRefresher refresher(configFor(server.url(), newToken));
    client.setCredentialsRefresher(&refresher);
    RestTestRunner runner(&client, githubTest(), {});
    QVERIFY(run(&runner));
    QVERIFY2(runner.passed(), qPrintable(describe(runner)));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(1), newToken));
}

void tst_RestTestRunner::requestFromVariables()
{
    LocalHttpServer server([](const Request &) {
        return Response {201, {{"Content-Type", "application/json"}, {"X-Scopes", "read:user"}}, R"({"ok": true})"};
    });
    ApiClient client(configFor(server.url(), oldToken));
    const Expression test = compile(R"(
method: post
path:
  $tpl:
    template: /companies/{realm}/query
    values:
      realm: {$var: credentials.realmId}
query:
  minorversion: 65
data:
  query: select * from CompanyInfo
headers:
  X-Tenant: {$var: connectionParameters.tenant}
responseMapping:
  $and:
    - $eval: {$var: response.statusCode}
      is: 201
    - $eval: {$var: response.headers.x-scopes}
      contains: read
    - $var: data.ok
)");
    const QJsonObject variables {{u"credentials"_s, QJsonObject {{u"realmId"_s, u"4620"_s}}},
        {u"connectionParameters"_s, QJsonObject {{u"tenant"_s, u"t9"_s}}}};
    RestTestRunner runner(&client, test, variables);
    QVERIFY(run(&runner));
    QVERIFY2(runner.passed(), qPrintable(describe(runner)));
    QCOMPARE(server.requests().size(), 1);
    const Request &seen = server.requests().first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.target, QByteArray("/companies/4620/query?minorversion=65"));
    QCOMPARE(seen.headers.value("x-tenant"), QByteArray("t9"));
    QCOMPARE(compactJson(json(seen.body)), QByteArray(R"({"query":"select * from CompanyInfo"})"));
}

void tst_RestTestRunner::withoutResponseMapping()
{
    LocalHttpServer server([](const Request &) { return Response {204, {}, {}}; });
    ApiClient client(configFor(server.url(), oldToken));
    RestTestRunner runner(&client, compile("path: /ping\n"), {});
    QVERIFY(run(&runner));
    QVERIFY2(runner.passed(), qPrintable(describe(runner)));
    QCOMPARE(server.requests().first().method, QByteArray("GET"));
}

void tst_RestTestRunner::malformedTests_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");

    QTest::addRow("no path") << QByteArray("method: GET\n") << u"connector github: the test needs a path (a string)"_s;
    QTest::addRow("not a mapping") << QByteArray("- /user\n")
                                   << u"connector github: a REST test must be a mapping with path, method and "
                                      "responseMapping"_s;
    QTest::addRow("bad method") << QByteArray("path: /user\nmethod: FETCH\n")
                                << u"connector github: API request method must be GET"_s;
}

void tst_RestTestRunner::malformedTests()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server.url(), oldToken));
    RestTestRunner runner(&client, compile(yaml), {});
    QVERIFY(run(&runner));
    QVERIFY(!runner.passed());
    QVERIFY(runner.error());
    QVERIFY2(runner.error()->message.startsWith(expected), qPrintable(describe(runner)));
    QCOMPARE(server.requests().size(), 0);
}

void tst_RestTestRunner::killCancels()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), oldToken));
    RestTestRunner runner(&client, githubTest(), {});
    QSignalSpy finished(&runner, &RestTestRunner::finished);
    runner.start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 10000);
    runner.kill();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!runner.passed());
    QCOMPARE(runner.error()->code, ErrorCode::Denied);
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(tst_RestTestRunner)
#include "tst_resttestrunner.moc"
