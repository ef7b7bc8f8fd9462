#include "jsontext.h"
#include "localhttpserver.h"

#include "connection/apiclient.h"
#include "connection/apicredentialsrefresher.h"
#include "connection/scriptapiclientgateway.h"
#include "script/scriptjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;
using Authdesk::Test::compactJson;
using Authdesk::Test::json;
using Authdesk::Test::LocalHttpServer;
using Response = LocalHttpServer::Response;
using Request = LocalHttpServer::Request;

namespace {

const QString oldToken = u"old-token-1"_s;
const QString newToken = u"new-token-2"_s;

ApiClientConfig configFor(const QUrl &base, const QString &token, QJsonObject extra = {})
{
    extra.insert(u"baseUri"_s, base.toString());
    extra.insert(u"headers"_s, QJsonObject {{u"Authorization"_s, QString(u"Bearer "_s + token)}});
    const auto config = ApiClientConfig::fromJson(extra, u"acme"_s);
    if (!config)
        qFatal("test config is invalid: %s", qPrintable(config.error().message));
    return config.value();
}

ApiClientConfig configFor(const LocalHttpServer &server, const QString &token, QJsonObject extra = {})
{
    return configFor(server.url(u"/api/v1"_s), token, std::move(extra));
}

Response jsonAnswer(int status, const QByteArray &body)
{
    return {status, {{"Content-Type", "application/json"}}, body};
}

bool bearerIs(const Request &request, const QString &token)
{
    return request.headers.value("authorization") == ("Bearer " + token.toUtf8());
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
        // Must be called on the client's thread (the test's main thread), not the script's.
        onClientThread = QThread::currentThread() == context->thread();
        QTimer::singleShot(0, context, [done, config = m_config] { done(config); });
    }

    int calls = 0;
    bool onClientThread = false;

private:
    ApiClientConfig m_config;
};

// Runs a connector method whose `apiClient` goes through `gateway`; the main thread's event loop
// (where the ApiClient lives) runs while the script waits.
std::unique_ptr<ScriptJob> runScript(const QString &source, std::shared_ptr<ScriptApiGateway> gateway)
{
    ScriptInvocation invocation;
    invocation.fileName = u"/connectors/acme/auth/test.js"_s;
    invocation.methodName = u"test"_s;
    invocation.source = source;
    invocation.apiGateway = std::move(gateway);
    auto job = std::make_unique<ScriptJob>(invocation);
    QSignalSpy finished(job.get(), &ScriptJob::finished);
    job->start();
    if (!finished.wait(60000))
        qWarning("the script did not finish");
    return job;
}

QString describe(const ScriptJob &job)
{
    return job.error() ? job.error()->toString() : QString();
}

} // namespace

// Connector scripts' apiClient on a real ApiClient, across threads: the script's worker thread calls
// the gateway, the client runs on the main thread against LocalHttpServer, the reply goes back.
class tst_ScriptApiClientGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toApiRequest();
    void scriptCallsGoThroughTheClient();
    void refreshAndRetrySeenAsSuccess();
    void failuresReachTheScriptWithKeys();
    void responseHandlerDataReachesTheScript();
    void parallelCalls();
    void otherOriginRefusedForScripts();
    void stoppedScriptCancelsItsRequest();
    void goneClientAnswersWithFailure();
    void clientDeletedWhileRequestRuns();
};

void tst_ScriptApiClientGateway::toApiRequest()
{
    ScriptApiRequest request;
    request.method = u"post"_s;
    request.path = u"/token"_s;
    request.data = u"a=1&b=2"_s;
    request.options
        = json(R"({"returnFullResponse": true, "responseType": "arraybuffer", "baseUri": "https:\/\/b.example",
        "auth": {"username": "u", "password": 5}, "allowOtherOrigin": true})")
              .toObject();
    auto converted = ScriptApiClientGateway::toApiRequest(request);
    QVERIFY(converted);
    QCOMPARE(converted->method, u"POST"_s);
    QCOMPARE(converted->body.kind, ApiRequestBody::Kind::Raw);
    QCOMPARE(converted->body.bytes, QByteArray("a=1&b=2"));
    QCOMPARE(converted->body.contentType, QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(converted->options.returnFullResponse);
    QVERIFY(converted->options.allowOtherOrigin);
    QCOMPARE(converted->options.responseType, ApiRequestOptions::ResponseType::ArrayBuffer);
    QCOMPARE(converted->options.baseUri, std::optional<QUrl>(QUrl(u"https://b.example"_s)));
    QCOMPARE(converted->options.auth->username, u"u"_s);
    QCOMPARE(converted->options.auth->password, u"5"_s);

    request.data = QJsonValue::Null;
    request.options = {};
    converted = ScriptApiClientGateway::toApiRequest(request);
    QCOMPARE(converted->body.kind, ApiRequestBody::Kind::None);
    QVERIFY(!converted->options.returnFullResponse);
    QVERIFY(!converted->options.allowOtherOrigin);

    request.data = json(R"({"a": [1]})");
    converted = ScriptApiClientGateway::toApiRequest(request);
    QCOMPARE(converted->body.kind, ApiRequestBody::Kind::Json);
    QCOMPARE(compactJson(converted->body.json), QByteArray(R"({"a":[1]})"));

    request.options = json(R"({"auth": "u:p"})").toObject();
    QVERIFY(!ScriptApiClientGateway::toApiRequest(request));
}

void tst_ScriptApiClientGateway::scriptCallsGoThroughTheClient()
{
    LocalHttpServer server([](const Request &request) {
        if (request.target.startsWith("/api/v1/me"))
            return jsonAnswer(200, R"({"id": 7, "name": "Ada"})");
        if (request.target.startsWith("/api/v1/items"))
            return jsonAnswer(201, request.body);
        if (request.target.startsWith("/api/v1/text"))
            return Response {200, {{"Content-Type", "text/plain"}}, "plain words"};
        return jsonAnswer(404, R"({"message": "gone"})");
    });
    ApiClient client(configFor(server, oldToken, json(R"({"query": {"tenant": "t1"}})").toObject()));
    auto gateway = std::make_shared<ScriptApiClientGateway>(&client);

    const auto job = runScript(uR"(module.exports = async function ({ apiClient, externalApiClient }) {
  const out = { same: apiClient === externalApiClient };
  out.me = await apiClient.get('/me', { fields: 'id,name' }, { headers: { 'X-Trace': 't' } });
  out.created = await apiClient.post('/items', { name: 'n', n: [1, 2] }, { returnFullResponse: true });
  out.text = await apiClient.get('/text');
  try {
    await apiClient.delete('/missing');
  } catch (e) {
    out.missing = { name: e.name, key: e.key === undefined ? null : e.key, message: e.message, data: e.data };
  }
  return out;
};)"_s,
        gateway);
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    const QJsonObject result = job->result().toObject();
    QCOMPARE(result.value(u"same"_s), QJsonValue(true));
    QCOMPARE(compactJson(result.value(u"me"_s)), QByteArray(R"({"id":7,"name":"Ada"})"));
    QCOMPARE(result.value(u"created"_s).toObject().value(u"status"_s), QJsonValue(201));
    QCOMPARE(
        compactJson(result.value(u"created"_s).toObject().value(u"data"_s)), QByteArray(R"({"n":[1,2],"name":"n"})"));
    QCOMPARE(result.value(u"created"_s).toObject().value(u"headers"_s).toObject().value(u"content-type"_s),
        QJsonValue(u"application/json"_s));
    QCOMPARE(result.value(u"text"_s), QJsonValue(u"plain words"_s));
    const QJsonObject missing = result.value(u"missing"_s).toObject();
    QCOMPARE(missing.value(u"name"_s), QJsonValue(u"ConnectionError"_s));
    QCOMPARE(missing.value(u"key"_s), QJsonValue(QJsonValue::Null));
    QVERIFY2(missing.value(u"message"_s).toString().startsWith(u"connector acme: DELETE /missing answered HTTP 404"_s),
        qPrintable(missing.value(u"message"_s).toString()));
    QCOMPARE(compactJson(missing.value(u"data"_s)), QByteArray(R"({"body":{"message":"gone"},"status":404})"));

    QCOMPARE(server.requests().size(), 4);
    const Request &me = server.requests().at(0);
    QCOMPARE(me.target, QByteArray("/api/v1/me?tenant=t1&fields=id%2Cname"));
    QVERIFY(bearerIs(me, oldToken));
    QCOMPARE(me.headers.value("x-trace"), QByteArray("t"));
    const Request &created = server.requests().at(1);
    QCOMPARE(created.method, QByteArray("POST"));
    QCOMPARE(created.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(compactJson(json(created.body)), QByteArray(R"({"n":[1,2],"name":"n"})"));
    QCOMPARE(created.target, QByteArray("/api/v1/items?tenant=t1"));
    QCOMPARE(server.requests().at(3).method, QByteArray("DELETE"));
    QCOMPARE(client.exchanges().size(), 4);
}

void tst_ScriptApiClientGateway::refreshAndRetrySeenAsSuccess()
{
    LocalHttpServer server([](const Request &request) {
        if (bearerIs(request, newToken))
            return jsonAnswer(200, R"({"id": 7})");
        return Response {401, {{"WWW-Authenticate", R"(Bearer error="invalid_token")"}}, {}};
    });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher(configFor(server, newToken));
    client.setCredentialsRefresher(&refresher);
    const auto job
        = runScript(u"module.exports = async function ({ apiClient }) { return (await apiClient.get('/user')).id; };"_s,
            std::make_shared<ScriptApiClientGateway>(&client));
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QCOMPARE(job->result(), QJsonValue(7));
    QCOMPARE(refresher.calls, 1);
    QVERIFY(refresher.onClientThread);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(0), oldToken));
    QVERIFY(bearerIs(server.requests().at(1), newToken));
}

void tst_ScriptApiClientGateway::failuresReachTheScriptWithKeys()
{
    LocalHttpServer server([](const Request &request) {
        if (request.target.startsWith("/api/v1/busy"))
            return jsonAnswer(429, R"({"message": "slow down"})");
        return jsonAnswer(401, R"({"message": "Bad credentials"})");
    });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher(configFor(server, newToken));
    client.setCredentialsRefresher(&refresher);
    client.setDelayFunction([](std::chrono::milliseconds, QObject *context, std::function<void()> resume) {
        QTimer::singleShot(0, context, std::move(resume));
    });
    const auto job = runScript(uR"(const { ConnectionError } = require('@membranehq/sdk');
module.exports = async function ({ apiClient }) {
  const out = {};
  for (const path of ['/user', '/busy']) {
    try {
      await apiClient.get(path);
      out[path] = 'no error';
    } catch (e) {
      out[path] = { connection: e instanceof ConnectionError, key: e.key, status: e.data.status };
    }
  }
  return out;
};)"_s,
        std::make_shared<ScriptApiClientGateway>(&client));
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QCOMPARE(compactJson(job->result()),
        QByteArray(R"({"/busy":{"connection":true,"key":"rate_limit_exceeded","status":429},)"
                   R"("/user":{"connection":true,"key":"access_token_expired","status":401}})"));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2 + 4); // 401, retry 401; 429 and three repeats
}

void tst_ScriptApiClientGateway::responseHandlerDataReachesTheScript()
{
    LocalHttpServer server(
        [](const Request &) { return jsonAnswer(200, R"({"ok": true, "channels": ["c1", "c2"]})"); });
    ApiClient client(configFor(server, oldToken,
        json(R"({"responseHandlers": [
        {"match": {"$eval": {"$var": "response.data.ok"}, "is": true}, "isSuccess": true,
         "data": {"$var": "response.data.channels"}}]})")
            .toObject()));
    const auto job = runScript(uR"(module.exports = async function ({ apiClient }) {
  const plain = await apiClient.get('/conversations.list');
  const full = await apiClient.get('/conversations.list', undefined, { returnFullResponse: true });
  return { plain, full: full.data, status: full.status };
};)"_s,
        std::make_shared<ScriptApiClientGateway>(&client));
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QCOMPARE(compactJson(job->result()), QByteArray(R"({"full":["c1","c2"],"plain":["c1","c2"],"status":200})"));
}

void tst_ScriptApiClientGateway::parallelCalls()
{
    LocalHttpServer server(
        [](const Request &request) { return jsonAnswer(200, "{\"path\": \"" + request.target + "\"}"); });
    ApiClient client(configFor(server, oldToken));
    const auto job = runScript(uR"(module.exports = async function ({ apiClient }) {
  const paths = [];
  for (let i = 0; i < 12; ++i) paths.push('/n/' + i);
  const answers = await Promise.all(paths.map((p) => apiClient.get(p)));
  return answers.map((a) => a.path).join(' ');
};)"_s,
        std::make_shared<ScriptApiClientGateway>(&client));
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QStringList expected;
    for (int i = 0; i < 12; ++i)
        expected.append(u"/api/v1/n/%1"_s.arg(i));
    QCOMPARE(job->result().toString(), expected.join(u' '));
    QCOMPARE(server.requests().size(), 12);
}

void tst_ScriptApiClientGateway::otherOriginRefusedForScripts()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    LocalHttpServer collector([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server, oldToken));
    const auto job = runScript(uR"(module.exports = async function ({ apiClient, target }) {
  try { await apiClient.get(target); return 'sent'; } catch (e) { return e.message; }
};)"_s.replace(u"target }"_s, u"target = '%1' }"_s.arg(collector.url(u"/steal"_s).toString())),
        std::make_shared<ScriptApiClientGateway>(&client));
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QVERIFY2(job->result().toString().contains(u"is not on the API client's origin"_s),
        qPrintable(job->result().toString()));
    QCOMPARE(collector.requests().size(), 0);
}

void tst_ScriptApiClientGateway::stoppedScriptCancelsItsRequest()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), oldToken));
    ScriptInvocation invocation;
    invocation.fileName = u"/connectors/acme/auth/test.js"_s;
    invocation.methodName = u"test"_s;
    invocation.source = u"module.exports = async function ({ apiClient }) { return await apiClient.get('/slow'); };"_s;
    invocation.apiGateway = std::make_shared<ScriptApiClientGateway>(&client);
    auto job = std::make_unique<ScriptJob>(invocation);
    QSignalSpy finished(job.get(), &ScriptJob::finished);
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000);
    job->kill();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(job->error());
    // The script's host is gone: its request is killed on the client's thread, nothing is delivered.
    job.reset();
    QTRY_COMPARE_WITH_TIMEOUT(client.exchanges().size(), 1, 20000);
    QCOMPARE(client.exchanges().first().error, u"cancelled"_s);
}

void tst_ScriptApiClientGateway::goneClientAnswersWithFailure()
{
    auto *client = new ApiClient(configFor(QUrl(u"https://api.example.com"_s), oldToken));
    auto gateway = std::make_shared<ScriptApiClientGateway>(client);
    delete client;
    const auto job = runScript(uR"(module.exports = async function ({ apiClient }) {
  try { await apiClient.get('/me'); return 'sent'; } catch (e) { return e.message; }
};)"_s,
        gateway);
    QVERIFY2(!job->error(), qPrintable(describe(*job)));
    QCOMPARE(job->result(), QJsonValue(u"the connection's API client is gone"_s));
}

void tst_ScriptApiClientGateway::clientDeletedWhileRequestRuns()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    auto *client = new ApiClient(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), oldToken));
    ScriptInvocation invocation;
    invocation.fileName = u"/connectors/acme/auth/test.js"_s;
    invocation.methodName = u"test"_s;
    invocation.source = u"module.exports = async function ({ apiClient }) {\n"
                        "  try { await apiClient.get('/slow'); return 'answered'; } catch (e) { return e.message; }\n"
                        "};"_s;
    invocation.apiGateway = std::make_shared<ScriptApiClientGateway>(client);
    ScriptJob job(invocation);
    QSignalSpy finished(&job, &ScriptJob::finished);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000);
    delete client; // the connection went away while its script waited
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(!job.error(), qPrintable(describe(job)));
    QCOMPARE(job.result(), QJsonValue(u"the connection's API client is gone"_s));
}

QTEST_GUILESS_MAIN(tst_ScriptApiClientGateway)
#include "tst_scriptapiclientgateway.moc"
