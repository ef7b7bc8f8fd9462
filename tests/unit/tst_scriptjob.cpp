#include "localhttpserver.h"
#include "testprinting.h"

#include "script/scriptjob.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QPointer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::LocalHttpServer;

namespace {

// An API client gateway that records what scripts ask for and answers from a table: on the spot
// (inside send) for /me, later (from the context's event loop) for the rest, as a real one would.
class RecordingGateway : public ScriptApiGateway
{
public:
    void send(const ScriptApiRequest &request, QObject *context, std::function<void(ScriptApiReply)> reply) override
    {
        {
            QMutexLocker locker(&mutex);
            requests.append(request);
        }
        ScriptApiReply answer;
        if (request.path == u"/me") {
            answer.status = 200;
            answer.headers = {{"Content-Type", "application/json"}, {"X-Rate", "1"}, {"x-rate", "2"}};
            answer.body = R"({"id":7,"name":"Ada"})";
            reply(answer);
            return;
        }
        if (request.path == u"/items") {
            answer.status = 201;
            answer.headers = {{"Content-Type", "application/json"}};
            answer.body = QJsonDocument(QJsonObject{{u"created"_s, request.data}}).toJson(QJsonDocument::Compact);
        } else if (request.path == u"/text") {
            answer.status = 200;
            answer.body = "plain words";
        } else if (request.path == u"/expired") {
            answer.failure = ScriptApiReply::Failure{u"access_token_expired"_s, u"the access token expired"_s, {}};
        } else {
            answer.failure = ScriptApiReply::Failure{{}, u"DELETE %1 answered 404"_s.arg(request.path),
                QJsonObject{{u"status"_s, 404}, {u"body"_s, u"gone"_s}}};
        }
        QTimer::singleShot(5, context, [reply, answer] { reply(answer); });
    }

    QMutex mutex;
    QList<ScriptApiRequest> requests;
};

} // namespace

// Runs connector methods for real: a worker thread, a fresh QJSEngine, the prelude and host APIs,
// a local HTTP server for fetch and axios.
class tst_ScriptJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commonJsForms_data();
    void commonJsForms();
    void resultIsJson();
    void exportNotFound();
    void syntaxErrorIsLocated();
    void runtimeErrorIsLocated();
    void rejectedPromiseIsAnError();
    void sdkErrorsCarryTheirKey();
    void runawayLoopTimesOut();
    void pendingPromiseTimesOut();
    void killStopsTheJob();
    void callsAreIsolated();
    void timers();
    void fetchJsonAndForm();
    void fetchRecordsRedactedExchanges();
    void fetchRefusesPlainHttpElsewhere();
    void axiosShim();
    void requireUnknownModule();
    void cryptoShim();
    void consoleIsCapturedAndRedacted();
    void runsOffTheCallingThread();
    void apiClientGoesThroughTheGateway();
    void noGatewayNoApiClient();

private:
    ScriptJob *run(const QString &source, const QString &method = u"test"_s, const QJsonObject &arguments = {},
        std::chrono::milliseconds timeout = std::chrono::seconds(20));

    std::unique_ptr<LocalHttpServer> m_server;
};

ScriptJob *tst_ScriptJob::run(const QString &source, const QString &method, const QJsonObject &arguments,
    std::chrono::milliseconds timeout)
{
    ScriptInvocation invocation;
    invocation.fileName = u"/connectors/acme/auth/method.js"_s;
    invocation.source = source;
    invocation.methodName = method;
    invocation.arguments = arguments;
    invocation.timeout = timeout;
    auto *job = new ScriptJob(invocation, this);
    QSignalSpy spy(job, &ScriptJob::finished);
    job->start();
    if (!spy.wait(60000))
        qFatal("script job did not finish");
    return job;
}

void tst_ScriptJob::initTestCase()
{
    m_server = std::make_unique<LocalHttpServer>([](const LocalHttpServer::Request &request) {
        LocalHttpServer::Response response;
        if (request.target.startsWith("/json")) {
            response.headers = {{"Content-Type", "application/json"}, {"X-Custom", "yes"}};
            response.body = R"({"id":42,"name":"Ada"})";
        } else if (request.target.startsWith("/echo")) {
            response.headers = {{"Content-Type", "application/json"}};
            QJsonObject echo{{u"method"_s, QString::fromLatin1(request.method)},
                {u"target"_s, QString::fromLatin1(request.target)}, {u"body"_s, QString::fromUtf8(request.body)},
                {u"contentType"_s, QString::fromLatin1(request.headers.value("content-type"))},
                {u"authorization"_s, QString::fromLatin1(request.headers.value("authorization"))}};
            response.body = QJsonDocument(echo).toJson(QJsonDocument::Compact);
        } else if (request.target.startsWith("/token")) {
            response.headers = {{"Content-Type", "application/json"}};
            response.body = R"({"access_token":"at-secret-123","refresh_token":"rt-secret-456","expires_in":3600})";
        } else {
            response.status = 404;
            response.headers = {{"Content-Type", "application/json"}};
            response.body = R"({"error":"not_found"})";
        }
        return response;
    });
}

void tst_ScriptJob::commonJsForms_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("method");
    QTest::addRow("module.exports = fn") << u"module.exports = function (args) { return args.a + 1; };"_s << u"test"_s;
    QTest::addRow("exports.method") << u"exports.getTokenData = function (args) { return args.a + 1; };"_s
                                    << u"getTokenData"_s;
    QTest::addRow("exports.default") << u"exports.default = function ({ a }) { return a + 1; };"_s << u"test"_s;
    QTest::addRow("alias of the credentials hook")
        << u"exports.getCredentialsFromTokenResponse = function (x) { return x.a + 1; };"_s
        << u"getCredentialsFromAccessTokenResponse"_s;
    QTest::addRow("promise") << u"module.exports = function (args) { return Promise.resolve(args.a + 1); };"_s
                             << u"test"_s;
    QTest::addRow("generator-era code") << u"module.exports = function (args) { function* g() { yield args.a; } return g().next().value + 1; };"_s
                                        << u"test"_s;
}

void tst_ScriptJob::commonJsForms()
{
    QFETCH(QString, source);
    QFETCH(QString, method);
    ScriptJob *job = run(source, method, {{u"a"_s, 41}});
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(job->result(), QJsonValue(42));
}

void tst_ScriptJob::resultIsJson()
{
    ScriptJob *job = run(uR"(module.exports = function () {
        return { a: undefined, b: [1, undefined, 'x'], c: new Date(0), d: { toJSON: function () { return 'j'; } }, e: NaN };
    };)"_s);
    QVERIFY(!job->error());
    QCOMPARE(QJsonDocument(job->result().toObject()).toJson(QJsonDocument::Compact),
        QByteArray(R"({"b":[1,null,"x"],"c":"1970-01-01T00:00:00.000Z","d":"j","e":null})"));
    ScriptJob *undefinedJob = run(u"module.exports = function () { };"_s);
    QVERIFY(!undefinedJob->error());
    QVERIFY(undefinedJob->result().isUndefined());
}

void tst_ScriptJob::exportNotFound()
{
    ScriptJob *job = run(u"exports.somethingElse = function () {}; exports.value = 1;"_s, u"getTokenData"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Export);
    QCOMPARE(job->error()->toString(), u"/connectors/acme/auth/method.js: exports only somethingElse, value; export a "
                                       "default function, or a function named getTokenData"_s);
}

void tst_ScriptJob::syntaxErrorIsLocated()
{
    ScriptJob *job = run(u"module.exports = function () {\n  return 1 +;\n};\n"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Syntax);
    QCOMPARE(job->error()->file, u"/connectors/acme/auth/method.js"_s);
    QCOMPARE(job->error()->line, 2);
    QVERIFY2(job->error()->message.contains(u"SyntaxError"_s), qPrintable(job->error()->message));
}

void tst_ScriptJob::runtimeErrorIsLocated()
{
    ScriptJob *job = run(u"module.exports = function () {\n  var x = null;\n\n  return x.y;\n};\n"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Runtime);
    QCOMPARE(job->error()->line, 4);
    QVERIFY2(job->error()->toString().startsWith(u"/connectors/acme/auth/method.js:4: TypeError: "_s),
        qPrintable(job->error()->toString()));
}

void tst_ScriptJob::rejectedPromiseIsAnError()
{
    ScriptJob *job = run(
        u"module.exports = function () {\n  return new Promise(function (resolve, reject) {\n    setTimeout(function () { reject(new Error('provider said no')); }, 5);\n  });\n};"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Runtime);
    QCOMPARE(job->error()->message, u"Error: provider said no"_s);
    QCOMPARE(job->error()->line, 3);
}

void tst_ScriptJob::sdkErrorsCarryTheirKey()
{
    ScriptJob *job = run(uR"(var sdk = require('@integration-app/sdk');
module.exports = function () {
  throw new sdk.ConnectionError({ message: 'token expired', key: sdk.ConnectionErrorKey.ACCESS_TOKEN_EXPIRED });
};)"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->message, u"ConnectionError: token expired (connection: access_token_expired)"_s);
    QCOMPARE(job->error()->line, 3);

    ScriptJob *instance = run(uR"(var sdk = require('@membranehq/sdk');
module.exports = function () {
  var e = new sdk.BadRequestError('No company info');
  return [e instanceof sdk.BadRequestError, e instanceof Error, e.name, e.type, e.message];
};)"_s);
    QVERIFY(!instance->error());
    QCOMPARE(QJsonDocument(instance->result().toArray()).toJson(QJsonDocument::Compact),
        QByteArray(R"([true,true,"BadRequestError","bad_request","No company info"])"));
}

void tst_ScriptJob::runawayLoopTimesOut()
{
    QElapsedTimer timer;
    timer.start();
    ScriptJob *job = run(u"module.exports = function () { while (true) {} };"_s, u"test"_s, {}, std::chrono::milliseconds(300));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Timeout);
    QVERIFY2(job->error()->message.contains(u"300 ms"_s), qPrintable(job->error()->message));
    QVERIFY(timer.elapsed() < 10000);
}

void tst_ScriptJob::pendingPromiseTimesOut()
{
    ScriptJob *job = run(u"module.exports = function () { return new Promise(function () {}); };"_s, u"test"_s, {},
        std::chrono::milliseconds(200));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ScriptError::Kind::Timeout);
}

void tst_ScriptJob::killStopsTheJob()
{
    ScriptInvocation invocation;
    invocation.fileName = u"loop.js"_s;
    invocation.source = u"module.exports = function () { while (true) {} };"_s;
    invocation.methodName = u"test"_s;
    ScriptJob job(invocation);
    QSignalSpy spy(&job, &ScriptJob::finished);
    job.start();
    QTest::qWait(100);
    job.kill();
    QCOMPARE(spy.count(), 1);
    QVERIFY(job.error());
    QCOMPARE(job.error()->message, u"cancelled"_s);
}

void tst_ScriptJob::callsAreIsolated()
{
    const QString source = u"var counter = (globalThis.counter || 0) + 1; globalThis.counter = counter; Array.prototype.mine = 1;\n"
                           "module.exports = function () { return [counter, [].mine]; };"_s;
    ScriptJob *first = run(source);
    ScriptJob *second = run(source);
    QVERIFY(!first->error() && !second->error());
    QCOMPARE(first->result().toArray(), (QJsonArray{1, 1}));
    QCOMPARE(second->result().toArray(), (QJsonArray{1, 1}));
}

void tst_ScriptJob::timers()
{
    ScriptJob *job = run(uR"(module.exports = function () {
  return new Promise(function (resolve) {
    var order = [];
    var ticks = 0;
    var interval = setInterval(function () { ticks++; if (ticks === 3) { clearInterval(interval); order.push('interval'); } }, 5);
    var cancelled = setTimeout(function () { order.push('cancelled'); }, 10);
    clearTimeout(cancelled);
    setTimeout(function (a, b) { order.push('timeout ' + a + b); }, 1, 'x', 'y');
    setTimeout(function () { resolve(order.concat(['done', ticks])); }, 60);
  });
};)"_s);
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(QJsonDocument(job->result().toArray()).toJson(QJsonDocument::Compact),
        QByteArray(R"(["timeout xy","interval","done",3])"));
}

void tst_ScriptJob::fetchJsonAndForm()
{
    const QString base = m_server->url().toString();
    ScriptJob *job = run(uR"(module.exports = function (args) {
  return fetch(args.base + '/json').then(function (response) {
    return response.json().then(function (body) {
      return fetch(args.base + '/echo', { method: 'POST', body: new URLSearchParams({ code: 'a b+c/=', grant_type: 'authorization_code' }) })
        .then(function (echo) { return echo.json(); })
        .then(function (echoed) {
          return { status: response.status, ok: response.ok, custom: response.headers.get('x-custom'), id: body.id,
                   echoed: echoed };
        });
    });
  });
};)"_s,
        u"test"_s, {{u"base"_s, base}});
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    const QJsonObject result = job->result().toObject();
    QCOMPARE(result.value(u"status"_s).toInt(), 200);
    QCOMPARE(result.value(u"ok"_s).toBool(), true);
    QCOMPARE(result.value(u"custom"_s).toString(), u"yes"_s);
    QCOMPARE(result.value(u"id"_s).toInt(), 42);
    const QJsonObject echoed = result.value(u"echoed"_s).toObject();
    QCOMPARE(echoed.value(u"method"_s).toString(), u"POST"_s);
    // Node's form encoding: a space is '+', and '+', '/', '=' are percent-encoded.
    QCOMPARE(echoed.value(u"body"_s).toString(), u"code=a+b%2Bc%2F%3D&grant_type=authorization_code"_s);
    QCOMPARE(echoed.value(u"contentType"_s).toString(), u"application/x-www-form-urlencoded;charset=UTF-8"_s);
}

void tst_ScriptJob::fetchRecordsRedactedExchanges()
{
    const QString base = m_server->url().toString();
    ScriptJob *job = run(uR"(module.exports = function (args) {
  return fetch(args.base + '/token?code=the-code-789', { method: 'POST', headers: { Authorization: 'Bearer at-old-000' },
                 body: 'refresh_token=rt-old-111&client_id=abc' })
    .then(function (r) { return r.json(); });
};)"_s,
        u"test"_s, {{u"base"_s, base}});
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(job->result().toObject().value(u"access_token"_s).toString(), u"at-secret-123"_s);
    QCOMPARE(job->httpExchanges().size(), 1);
    const HttpExchange &exchange = job->httpExchanges().first();
    QCOMPARE(exchange.method, u"POST"_s);
    QCOMPARE(exchange.status, 200);
    QString everything = exchange.url + QString::fromUtf8(exchange.requestBody + exchange.responseBody);
    for (const auto &[name, value] : exchange.requestHeaders + exchange.responseHeaders)
        everything += name + value;
    for (const char16_t *secret : {u"at-secret-123", u"rt-secret-456", u"the-code-789", u"at-old-000", u"rt-old-111"})
        QVERIFY2(!everything.contains(QString::fromUtf16(secret)), qPrintable(everything));
    QVERIFY2(everything.contains(u"client_id=abc"_s), qPrintable(everything));
    QVERIFY2(everything.contains(u"expires_in"_s), qPrintable(everything));
}

void tst_ScriptJob::fetchRefusesPlainHttpElsewhere()
{
    ScriptJob *job = run(uR"(module.exports = function () {
  return fetch('http://example.com/api').then(function () { return 'sent'; }, function (e) { return e.name + ': ' + e.message + ' / ' + e.cause.message; });
};)"_s);
    QVERIFY(!job->error());
    QCOMPARE(job->result().toString(),
        u"TypeError: fetch failed / refused to send a request over plain http:// to example.com (only https:// or loopback)"_s);
}

void tst_ScriptJob::axiosShim()
{
    const QString base = m_server->url().toString();
    ScriptJob *job = run(uR"(var axios = require('axios');
module.exports = function (args) {
  var client = axios.create({ baseURL: args.base, headers: { 'X-Client': 'authdesk' } });
  return client.get('/json').then(function (response) {
    return client.post('/echo', { a: 1 }, { params: { q: 'x y', list: [1, 2] }, auth: { username: 'id', password: 'secret' } })
      .then(function (echo) {
        return client.get('/missing').then(function () { return 'unexpected'; }, function (error) {
          return { id: response.data.id, status: response.status, echoed: echo.data, isAxiosError: axios.isAxiosError(error),
                   errorStatus: error.response.status, errorData: error.response.data, message: error.message, code: error.code };
        });
      });
  });
};)"_s,
        u"test"_s, {{u"base"_s, base}});
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    const QJsonObject result = job->result().toObject();
    QCOMPARE(result.value(u"id"_s).toInt(), 42);
    QCOMPARE(result.value(u"status"_s).toInt(), 200);
    const QJsonObject echoed = result.value(u"echoed"_s).toObject();
    QCOMPARE(echoed.value(u"body"_s).toString(), u"{\"a\":1}"_s);
    QCOMPARE(echoed.value(u"contentType"_s).toString(), u"application/json"_s);
    QCOMPARE(echoed.value(u"target"_s).toString(), u"/echo?q=x+y&list[]=1&list[]=2"_s);
    QCOMPARE(echoed.value(u"authorization"_s).toString(), u"Basic aWQ6c2VjcmV0"_s);
    QCOMPARE(result.value(u"isAxiosError"_s).toBool(), true);
    QCOMPARE(result.value(u"errorStatus"_s).toInt(), 404);
    QCOMPARE(result.value(u"errorData"_s).toObject().value(u"error"_s).toString(), u"not_found"_s);
    QCOMPARE(result.value(u"message"_s).toString(), u"Request failed with status code 404"_s);
    QCOMPARE(result.value(u"code"_s).toString(), u"ERR_BAD_REQUEST"_s);
}

void tst_ScriptJob::requireUnknownModule()
{
    ScriptJob *job = run(u"var _ = require('lodash');\nmodule.exports = function () {};"_s);
    QVERIFY(job->error());
    QCOMPARE(job->error()->message, u"Error: Cannot find module 'lodash'"_s);
}

void tst_ScriptJob::cryptoShim()
{
    ScriptJob *job = run(uR"(var crypto = require('crypto');
module.exports = function () {
  return [crypto.createHash('sha256').update('abc').digest('hex'),
          crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'),
          crypto.createHash('md5').update('a').update('bc').digest('base64'),
          crypto.randomBytes(16).length,
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(globalThis.crypto.randomUUID())];
};)"_s);
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(QJsonDocument(job->result().toArray()).toJson(QJsonDocument::Compact),
        QByteArray(R"(["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",)"
                   R"("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8","kAFQmDzST7DWlj99KOF/cg==",16,true])"));
}

void tst_ScriptJob::consoleIsCapturedAndRedacted()
{
    ScriptJob *job = run(uR"(module.exports = function () {
  console.log('token response', JSON.stringify({ access_token: 'at-999', scope: 'read' }));
  console.warn('count', 3, { a: 1 });
  console.error(new Error('bad'));
  return true;
};)"_s);
    QVERIFY(!job->error());
    QCOMPARE(job->log().size(), 3);
    QCOMPARE(job->log().at(0).level, u"log"_s);
    QCOMPARE(job->log().at(0).text, u"token response {\"access_token\":\"[redacted]\",\"scope\":\"read\"}"_s);
    QCOMPARE(job->log().at(1).text, u"count 3 {\"a\":1}"_s);
    QCOMPARE(job->log().at(2).level, u"error"_s);
    QVERIFY(job->log().at(2).text.startsWith(u"Error: bad"_s));
}

void tst_ScriptJob::runsOffTheCallingThread()
{
    // While a script spins, the calling thread's event loop keeps running.
    ScriptInvocation invocation;
    invocation.fileName = u"spin.js"_s;
    invocation.source = u"module.exports = function () { var end = Date.now() + 300; while (Date.now() < end) {} return 1; };"_s;
    invocation.methodName = u"test"_s;
    ScriptJob job(invocation);
    QSignalSpy spy(&job, &ScriptJob::finished);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    job.start();
    QVERIFY(spy.wait(10000));
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
    QCOMPARE(job.result(), QJsonValue(1));
}

void tst_ScriptJob::apiClientGoesThroughTheGateway()
{
    auto gateway = std::make_shared<RecordingGateway>();
    ScriptInvocation invocation;
    invocation.fileName = u"/connectors/acme/auth/test.js"_s;
    invocation.methodName = u"test"_s;
    invocation.apiGateway = gateway;
    invocation.source = uR"(const { ConnectionError } = require('@membranehq/sdk');
module.exports = async function ({ apiClient, externalApiClient }) {
  const out = { same: apiClient === externalApiClient };
  out.me = await apiClient.get('/me', { limit: 5 }, { headers: { 'X-Trace': 't' }, query: { page: 2, limit: 1 } });
  out.full = await apiClient.post('/items', { name: 'n', n: [1, 2] }, { returnFullResponse: true });
  out.text = await apiClient.get('/text');
  out.bytes = (await apiClient.get('/me', undefined, { responseType: 'arraybuffer' })).byteLength;
  out.headers = (await apiClient.get('/me', undefined, { returnFullResponse: true })).headers;
  try { await apiClient.delete('/missing'); } catch (e) { out.missing = [e.name, e.type, e.key === undefined, e.message, e.data]; }
  try { await apiClient.patch('/expired', {}); } catch (e) { out.expired = [e instanceof ConnectionError, e.key]; }
  return out;
};)"_s;
    ScriptJob job(invocation);
    QSignalSpy finished(&job, &ScriptJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(!job.error(), qPrintable(job.error() ? job.error()->toString() : QString()));
    QCOMPARE(QJsonDocument(job.result().toObject()).toJson(QJsonDocument::Compact),
        QByteArray(R"({"bytes":21,"expired":[true,"access_token_expired"],)"
                   R"("full":{"data":{"created":{"n":[1,2],"name":"n"}},"headers":{"content-type":"application/json"},"status":201},)"
                   R"("headers":{"content-type":"application/json","x-rate":"1, 2"},"me":{"id":7,"name":"Ada"},)"
                   R"("missing":["ConnectionError","connection",true,"DELETE /missing answered 404",{"body":"gone","status":404}],)"
                   R"("same":true,"text":"plain words"})"));

    QMutexLocker locker(&gateway->mutex);
    QCOMPARE(gateway->requests.size(), 7);
    const ScriptApiRequest &get = gateway->requests.at(0);
    QCOMPARE(get.method, u"GET"_s);
    QCOMPARE(get.path, u"/me"_s);
    QCOMPARE(get.query, (QJsonObject{{u"page"_s, 2}, {u"limit"_s, 5}})); // the argument wins over options.query
    QCOMPARE(get.headers, (QJsonObject{{u"X-Trace"_s, u"t"_s}}));
    QVERIFY(get.data.isUndefined());
    const ScriptApiRequest &post = gateway->requests.at(1);
    QCOMPARE(post.method, u"POST"_s);
    QCOMPARE(post.data, QJsonValue(QJsonObject{{u"name"_s, u"n"_s}, {u"n"_s, QJsonArray{1, 2}}}));
    QCOMPARE(post.options, (QJsonObject{{u"returnFullResponse"_s, true}}));
    QCOMPARE(gateway->requests.at(3).options, (QJsonObject{{u"responseType"_s, u"arraybuffer"_s}}));
    QCOMPARE(gateway->requests.at(5).method, u"DELETE"_s);
    QCOMPARE(gateway->requests.at(6).method, u"PATCH"_s);
}

void tst_ScriptJob::noGatewayNoApiClient()
{
    ScriptJob *job = run(u"module.exports = function (args) { return ['apiClient' in args, 'externalApiClient' in args]; };"_s);
    QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->toString() : QString()));
    QCOMPARE(job->result(), QJsonValue(QJsonArray{false, false}));
}

QTEST_GUILESS_MAIN(tst_ScriptJob)
#include "tst_scriptjob.moc"
