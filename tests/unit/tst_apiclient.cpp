#include "jsontext.h"
#include "localhttpserver.h"
#include "manualclock.h"

#include "connection/apiclient.h"
#include "connection/apicredentialsrefresher.h"
#include "connection/apirequestbuilder.h"
#include "connection/apirequestjob.h"
#include "connection/apiretrypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
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

// Tokens with characters that must survive untouched, and that must never show up in a record.
const QString oldToken = u"old-tok+/=1"_s;
const QString newToken = u"new-tok+/=2"_s;

ApiClientConfig configFor(const QUrl &base, const QString &token, QJsonObject extra = {})
{
    extra.insert(u"baseUri"_s, base.toString());
    QJsonObject headers = extra.value(u"headers"_s).toObject();
    if (!token.isEmpty())
        headers.insert(u"Authorization"_s, QString(u"Bearer "_s + token));
    extra.insert(u"headers"_s, headers);
    const auto config = ApiClientConfig::fromJson(extra, u"acme"_s);
    if (!config)
        qFatal("test config is invalid: %s", qPrintable(config.error().message));
    return config.value();
}

ApiClientConfig configFor(const LocalHttpServer &server, const QString &token, QJsonObject extra = {})
{
    return configFor(server.url(u"/api/v1"_s), token, std::move(extra));
}

Response jsonAnswer(int status, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    headers.prepend({"Content-Type", "application/json"});
    return {status, headers, body};
}

bool bearerIs(const Request &request, const QString &token)
{
    return request.headers.value("authorization") == ("Bearer " + token.toUtf8());
}

// Answers 401 invalid_token unless the request carries newToken.
Response onlyNewToken(const Request &request)
{
    if (bearerIs(request, newToken))
        return jsonAnswer(200, R"({"id": 7})");
    return jsonAnswer(401, R"({"message": "Bad credentials"})",
        {{"WWW-Authenticate", R"(Bearer realm="api", error="invalid_token", error_description="expired")"}});
}

// The connection layer's part, faked: counts the calls and answers with a config for newToken, or an
// error; later (from the event loop) or at once, as a real one may.
class FakeRefresher : public ApiCredentialsRefresher
{
public:
    explicit FakeRefresher(std::function<Result<ApiClientConfig>()> answer)
        : m_answer(std::move(answer))
    {
    }

    void refreshApiCredentials(
        const ApiClientConfig &rejected, QObject *context, std::function<void(Result<ApiClientConfig>)> done) override
    {
        ++calls;
        rejectedBases.append(rejected.baseUri());
        Result<ApiClientConfig> result = m_answer();
        if (answerAtOnce)
            done(result);
        else
            QTimer::singleShot(0, context, [done, result] { done(result); });
    }

    int calls = 0;
    bool answerAtOnce = false;
    QList<QUrl> rejectedBases;

private:
    std::function<Result<ApiClientConfig>()> m_answer;
};

// Runs a job to its end; it must finish exactly once and never inside start().
bool run(ApiRequestJob *job)
{
    QSignalSpy finished(job, &ApiRequestJob::finished);
    job->start();
    if (finished.size() != 0)
        return false;
    if (!finished.wait(20000))
        return false;
    QTest::qWait(0); // a second emission would be queued behind the first
    return finished.size() == 1 && job->isFinished();
}

QString describe(const ApiRequestJob *job)
{
    return job->error() ? job->error()->toString() : u"no error"_s;
}

ApiRequest call(const QString &method, const QString &path, ApiRequestBody body, QJsonObject headers = {})
{
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.headers = std::move(headers);
    request.body = std::move(body);
    return request;
}

ApiRequest get(const QString &path, QJsonObject query = {})
{
    ApiRequest request;
    request.method = u"GET"_s;
    request.path = path;
    request.query = std::move(query);
    return request;
}

// Everything a record holds, as one text, to search for secrets.
QString flatten(const HttpExchange &exchange)
{
    QString text = exchange.method + u' ' + exchange.url + u' ' + exchange.error + u' '
        + QString::fromUtf8(exchange.requestBody) + u' ' + QString::fromUtf8(exchange.responseBody);
    for (const auto &[name, value] : exchange.requestHeaders)
        text += u' ' + name + u": "_s + value;
    for (const auto &[name, value] : exchange.responseHeaders)
        text += u' ' + name + u": "_s + value;
    return text;
}

// Every log line of the test, whatever category and level.
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;
void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    capturedLog.append(QString::fromLatin1(context.category ? context.category : "") + u": "_s + message);
    if (type == QtFatalMsg || type == QtCriticalMsg)
        previousHandler(type, context, message);
}

QLoggingCategory::CategoryFilter previousFilter = nullptr;
void enableAuthdeskCategories(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "authdesk.", 9) == 0) {
        for (const QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
            category->setEnabled(type, true);
    }
}

} // namespace

// The API client against real sockets (LocalHttpServer): URL building, merging, bodies, the 401
// refresh-and-retry path, 403 insufficient_scope, 429 backoff, response handlers, limits, the
// network policy and redacted exchange records (connector-format.md §6, oauth-standards-and-qt.md
// check 13).
class tst_ApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlJoining_data();
    void urlJoining();
    void requestShape();
    void basicAuth();
    void bodies();
    void successResponse();
    void refreshAfter401ThenRetry();
    void refreshAnsweredAtOnce();
    void concurrent401sShareOneRefresh();
    void staleConfigRetriesWithoutRefresh();
    void refreshFailure_data();
    void refreshFailure();
    void second401Fails();
    void no401RefreshWithoutRefresher();
    void forbiddenInsufficientScopeDoesNotRefresh();
    void plainForbidden();
    void rateLimitedThenSuccess();
    void rateLimitHttpDate();
    void rateLimitExhausted();
    void rateLimitRetryAfterBeyondCap();
    void retryPolicyBackoff();
    void serverError();
    void redirectIsNotFollowed();
    void responseHandlerError();
    void responseHandlerTokenExpiredRefreshes();
    void responseHandlerSuccessData();
    void responseHandlerRateLimitBacksOff();
    void responseSizeCap();
    void plainHttpBaseRefused();
    void otherOriginRefused();
    void otherOriginAllowedWithoutCredentials();
    void tokenInQueryRefused();
    void exchangesAreRecordedRedacted();
    void nothingSecretIsLogged();
    void timeout();
    void connectionRefused();
    void killCancels();
};

void tst_ApiClient::urlJoining_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("clientQuery");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("expected");

    const QString v1 = u"https://api.example.com/v1"_s;
    QTest::addRow("leading slash") << v1 << QByteArray("{}") << u"/users"_s << QByteArray("{}") << v1 + u"/users"_s;
    QTest::addRow("no slashes") << v1 << QByteArray("{}") << u"users"_s << QByteArray("{}") << v1 + u"/users"_s;
    QTest::addRow("both slashes") << v1 + u'/' << QByteArray("{}") << u"/users"_s << QByteArray("{}")
                                  << v1 + u"/users"_s;
    QTest::addRow("trailing slash kept") << v1 << QByteArray("{}") << u"/users/"_s << QByteArray("{}")
                                         << v1 + u"/users/"_s;
    QTest::addRow("empty path") << v1 << QByteArray("{}") << QString() << QByteArray("{}") << v1;
    QTest::addRow("host only") << u"https://api.example.com"_s << QByteArray("{}") << u"/me"_s << QByteArray("{}")
                               << u"https://api.example.com/me"_s;
    QTest::addRow("space in path") << v1 << QByteArray("{}") << u"/files/a b"_s << QByteArray("{}")
                                   << v1 + u"/files/a%20b"_s;
    QTest::addRow("encoded path kept") << v1 << QByteArray("{}") << u"/files/a%2Fb"_s << QByteArray("{}")
                                       << v1 + u"/files/a%2Fb"_s;
    QTest::addRow("precedence: base < client < call < path")
        << v1 + u"?key=k&y=base"_s << QByteArray(R"({"y": 0, "z": 1})") << u"/search?q=a b&x=1"_s
        << QByteArray(R"({"x": 2, "y": 3})") << v1 + u"/search?key=k&z=1&y=3&q=a%20b&x=1"_s;
    QTest::addRow("values fully encoded")
        << v1 << QByteArray("{}") << u"/s"_s << QByteArray(R"({"s": "a+b&c=d/é", "n": 1.5, "b": false, "u": null})")
        << v1 + u"/s?b=false&n=1.5&s=a%2Bb%26c%3Dd%2F%C3%A9"_s;
    QTest::addRow("arrays repeat") << v1 << QByteArray("{}") << u"/s"_s << QByteArray(R"({"id": [1, "2"]})")
                                   << v1 + u"/s?id=1&id=2"_s;
    QTest::addRow("absolute, same origin") << v1 << QByteArray(R"({"z": 1})") << u"https://api.example.com:443/v2/x"_s
                                           << QByteArray("{}") << u"https://api.example.com:443/v2/x?z=1"_s;
    QTest::addRow("fragment dropped") << v1 << QByteArray("{}") << u"/a#frag"_s << QByteArray("{}") << v1 + u"/a"_s;
}

void tst_ApiClient::urlJoining()
{
    QFETCH(QString, base);
    QFETCH(QByteArray, clientQuery);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    QFETCH(QString, expected);
    const auto config
        = ApiClientConfig::fromJson(QJsonObject {{u"baseUri"_s, base}, {u"query"_s, json(clientQuery)}}, u"acme"_s);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    const auto wire = ApiRequestBuilder::build(*config, get(path, json(query).toObject()));
    QVERIFY2(wire, qPrintable(wire ? QString() : wire.error().message));
    QCOMPARE(wire->url.toString(QUrl::FullyEncoded), expected);
}

void tst_ApiClient::requestShape()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server, oldToken,
        json(R"({"headers": {"X-Client": "c", "X-Both": "client"}, "query": {"page": 1, "per_page": 10}})")
            .toObject()));
    ApiRequest request = get(u"/users/42?fields=id"_s, json(R"({"per_page": 50, "q": "a+b c"})").toObject());
    request.headers = json(R"({"x-both": "call", "X-Call": 7})").toObject();
    QVERIFY(run(client.request(request)));

    QCOMPARE(server.requests().size(), 1);
    const Request &seen = server.requests().first();
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.target, QByteArray("/api/v1/users/42?page=1&per_page=50&q=a%2Bb%20c&fields=id"));
    QCOMPARE(seen.headers.value("authorization"), "Bearer " + oldToken.toUtf8());
    QCOMPARE(seen.headers.value("accept"), QByteArray("application/json"));
    QCOMPARE(seen.headers.value("x-client"), QByteArray("c"));
    QCOMPARE(seen.headers.value("x-both"), QByteArray("call")); // the call wins, whatever the case
    QCOMPARE(seen.headers.value("x-call"), QByteArray("7"));
    QVERIFY(!seen.headers.contains("content-type"));

    // The call may ask for another media type.
    ApiRequest other = get(u"/raw"_s);
    other.headers = json(R"({"Accept": "text/csv"})").toObject();
    QVERIFY(run(client.request(other)));
    QCOMPARE(server.requests().at(1).headers.value("accept"), QByteArray("text/csv"));
}

void tst_ApiClient::basicAuth()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server, {}, json(R"({"auth": {"username": "ada", "password": "pä:ss"}})").toObject()));
    QVERIFY(run(client.request(get(u"/me"_s))));
    QCOMPARE(
        server.requests().first().headers.value("authorization"), "Basic " + QByteArray("ada:p\xc3\xa4:ss").toBase64());

    // A call's own auth option replaces the client's.
    ApiRequest request = get(u"/me"_s);
    request.options.auth = ApiBasicAuth {u"bob"_s, u"x"_s};
    QVERIFY(run(client.request(request)));
    QCOMPARE(server.requests().at(1).headers.value("authorization"), "Basic " + QByteArray("bob:x").toBase64());
}

void tst_ApiClient::bodies()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(201, R"({"created": true})"); });
    ApiClient client(configFor(server, oldToken));

    ApiRequest post = call(u"post"_s, u"/items"_s, ApiRequestBody::fromJson(json(R"({"name": "n", "tags": [1, 2]})")));
    QVERIFY(run(client.request(post)));
    const Request &json1 = server.requests().at(0);
    QCOMPARE(json1.method, QByteArray("POST"));
    QCOMPARE(json1.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(json1.body, QByteArray(R"({"name":"n","tags":[1,2]})"));

    ApiRequest scalar = call(u"PUT"_s, u"/flag"_s, ApiRequestBody::fromJson(true));
    QVERIFY(run(client.request(scalar)));
    QCOMPARE(server.requests().at(1).body, QByteArray("true"));

    ApiRequest form = call(u"PATCH"_s, u"/form"_s, ApiRequestBody::raw("a=1&b=2", "application/x-www-form-urlencoded"));
    QVERIFY(run(client.request(form)));
    QCOMPARE(server.requests().at(2).method, QByteArray("PATCH"));
    QCOMPARE(server.requests().at(2).headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(server.requests().at(2).body, QByteArray("a=1&b=2"));

    // post(path, null) sends no body and no Content-Type (Dropbox's RPC endpoints need exactly that).
    ApiRequest empty = call(u"POST"_s, u"/rpc"_s, ApiRequestBody::fromJson(QJsonValue::Null));
    QVERIFY(run(client.request(empty)));
    QCOMPARE(server.requests().at(3).method, QByteArray("POST"));
    QVERIFY(server.requests().at(3).body.isEmpty());
    QVERIFY(!server.requests().at(3).headers.contains("content-type"));
    // ... but says so: servers answer 411 to a POST without a length.
    QCOMPARE(server.requests().at(3).headers.value("content-length"), QByteArray("0"));

    // The call's Content-Type wins over the JSON default.
    ApiRequest typed = call(u"POST"_s, u"/typed"_s, ApiRequestBody::fromJson(json(R"({"a": 1})")),
        json(R"({"Content-Type": "application/merge-patch+json"})").toObject());
    QVERIFY(run(client.request(typed)));
    QCOMPARE(server.requests().at(4).headers.value("content-type"), QByteArray("application/merge-patch+json"));

    ApiRequest remove = call(u"DELETE"_s, u"/items/1"_s, ApiRequestBody::none());
    QVERIFY(run(client.request(remove)));
    QCOMPARE(server.requests().at(5).method, QByteArray("DELETE"));
}

void tst_ApiClient::successResponse()
{
    LocalHttpServer server([](const Request &request) {
        if (request.target.endsWith("/text"))
            return Response {200, {{"Content-Type", "text/plain"}}, "plain words"};
        return jsonAnswer(200, R"({"id": 7, "name": "Ada"})", {{"X-RateLimit-Remaining", "9"}});
    });
    ApiClient client(configFor(server, oldToken));
    ApiRequestJob *job = client.request(get(u"/me"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(job->response()->status, 200);
    QCOMPARE(compactJson(job->response()->data), QByteArray(R"({"id":7,"name":"Ada"})"));
    QCOMPARE(job->response()->header("x-ratelimit-remaining"), QByteArray("9"));
    QCOMPARE(job->response()->body, QByteArray(R"({"id": 7, "name": "Ada"})"));
    QCOMPARE(job->exchanges().size(), 1);

    ApiRequestJob *text = client.request(get(u"/text"_s));
    QVERIFY(run(text));
    QCOMPARE(text->response()->data, QJsonValue(u"plain words"_s));
    QVERIFY(text->response()->json.isUndefined());
}

void tst_ApiClient::refreshAfter401ThenRetry()
{
    LocalHttpServer server(onlyNewToken);
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);
    QSignalSpy configChanged(&client, &ApiClient::configChanged);

    ApiRequestJob *job = client.request(get(u"/user"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(compactJson(job->response()->data), QByteArray(R"({"id":7})"));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(0), oldToken));
    QVERIFY(bearerIs(server.requests().at(1), newToken)); // the retry was rebuilt from the new config
    QCOMPARE(server.requests().at(1).target, QByteArray("/api/v1/user"));
    QCOMPARE(configChanged.size(), 1);
    QCOMPARE(client.configGeneration(), quint64(1));
    QCOMPARE(job->exchanges().size(), 2);
    QCOMPARE(job->exchanges().at(0).status, 401);
    QCOMPARE(job->exchanges().at(1).status, 200);

    // The next request uses the new token straight away.
    QVERIFY(run(client.request(get(u"/user"_s))));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 3);
    QVERIFY(bearerIs(server.requests().at(2), newToken));
}

void tst_ApiClient::refreshAnsweredAtOnce()
{
    // A refresher that answers inside refreshApiCredentials() (cached credentials) works too.
    LocalHttpServer server(onlyNewToken);
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    refresher.answerAtOnce = true;
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/user"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2);
}

void tst_ApiClient::concurrent401sShareOneRefresh()
{
    // Rotating refresh tokens make two refreshes for one rejection a data-loss bug (check 11).
    LocalHttpServer server(onlyNewToken);
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);

    QList<ApiRequestJob *> jobs;
    QList<QSignalSpy *> spies;
    for (int i = 0; i < 4; ++i) {
        ApiRequestJob *job = client.request(get(u"/item/%1"_s.arg(i)));
        spies.append(new QSignalSpy(job, &ApiRequestJob::finished));
        jobs.append(job);
        job->start();
    }
    for (QSignalSpy *spy : std::as_const(spies))
        QTRY_COMPARE_WITH_TIMEOUT(spy->size(), 1, 20000);
    qDeleteAll(spies);
    for (ApiRequestJob *job : std::as_const(jobs))
        QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 8);
}

void tst_ApiClient::staleConfigRetriesWithoutRefresh()
{
    // A request rejected with a config that was replaced meanwhile (here: while the server was
    // answering, as a timer-driven refresh would) retries with the current one; no refresher is set.
    ApiClient *client = nullptr;
    QUrl base;
    LocalHttpServer server([&client, &base](const Request &request) {
        if (bearerIs(request, oldToken))
            client->setConfig(configFor(base, newToken));
        return onlyNewToken(request);
    });
    base = server.url(u"/api/v1"_s);
    ApiClient owner(configFor(server, oldToken));
    client = &owner;
    ApiRequestJob *job = owner.request(get(u"/user"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(1), newToken));
}

void tst_ApiClient::refreshFailure_data()
{
    QTest::addColumn<QString>("providerError");
    QTest::addColumn<QString>("key");

    QTest::addRow("network") << QString() << u"access_token_expired"_s;
    QTest::addRow("grant gone") << u"invalid_grant"_s << u"connection_is_defunct"_s;
}

void tst_ApiClient::refreshFailure()
{
    QFETCH(QString, providerError);
    QFETCH(QString, key);
    LocalHttpServer server(onlyNewToken);
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([providerError]() -> Result<ApiClientConfig> {
        Error error(ErrorCode::Provider, u"token endpoint answered invalid_grant (refresh_token=rt-secret-9)"_s);
        error.providerError = providerError;
        return error;
    });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/user"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::RefreshFailed);
    QCOMPARE(job->error()->key, key);
    QCOMPARE(job->error()->status, 401);
    QVERIFY2(job->error()->message.startsWith(u"connector acme: GET /user answered HTTP 401: the access token was "
                                              "rejected, and refreshing it failed: token endpoint"_s),
        qPrintable(job->error()->message));
    QVERIFY2(!job->error()->message.contains(u"rt-secret-9"_s), qPrintable(job->error()->message));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 1);
}

void tst_ApiClient::second401Fails()
{
    // The refreshed token is rejected too: one refresh, one retry, then access_token_expired.
    LocalHttpServer server([](const Request &) { return jsonAnswer(401, R"({"message": "no"})"); });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/user"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::Unauthorized);
    QCOMPARE(job->error()->key, u"access_token_expired"_s);
    QCOMPARE(job->error()->status, 401);
    QVERIFY2(job->error()->message.contains(u"again after fresh credentials"_s), qPrintable(job->error()->message));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(1), newToken));
}

void tst_ApiClient::no401RefreshWithoutRefresher()
{
    LocalHttpServer server(onlyNewToken);
    ApiClient client(configFor(server, oldToken));
    ApiRequestJob *job = client.request(get(u"/user"_s));
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::Unauthorized);
    QCOMPARE(job->error()->key, u"access_token_expired"_s);
    QCOMPARE(server.requests().size(), 1);
}

void tst_ApiClient::forbiddenInsufficientScopeDoesNotRefresh()
{
    // RFC 6750 §3.1: more consent is needed; a refresh would give the same scopes.
    LocalHttpServer server([](const Request &) {
        return jsonAnswer(403, R"({"message": "Resource not accessible"})",
            {{"WWW-Authenticate", R"(Bearer error="insufficient_scope", scope="repo read:org")"}});
    });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/orgs"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::InsufficientScope);
    QCOMPARE(job->error()->key, u"access_denied"_s);
    QCOMPARE(job->error()->status, 403);
    QVERIFY2(job->error()->message.contains(u"(repo read:org)"_s), qPrintable(job->error()->message));
    QCOMPARE(refresher.calls, 0);
    QCOMPARE(server.requests().size(), 1);

    // The same in a 401 challenge (some servers) and in an OAuth-style body: still no refresh.
    LocalHttpServer bodyServer([](const Request &) { return jsonAnswer(401, R"({"error": "insufficient_scope"})"); });
    ApiClient bodyClient(configFor(bodyServer, oldToken));
    bodyClient.setCredentialsRefresher(&refresher);
    ApiRequestJob *bodyJob = bodyClient.request(get(u"/orgs"_s));
    QVERIFY(run(bodyJob));
    QCOMPARE(bodyJob->error()->kind, ApiError::Kind::InsufficientScope);
    QCOMPARE(refresher.calls, 0);
}

void tst_ApiClient::plainForbidden()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(403, R"({"message": "blocked"})"); });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/x"_s));
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::HttpStatus);
    QCOMPARE(job->error()->key, QString());
    QCOMPARE(job->error()->status, 403);
    QCOMPARE(refresher.calls, 0);
}

void tst_ApiClient::rateLimitedThenSuccess()
{
    int calls = 0;
    LocalHttpServer server([&calls](const Request &) {
        if (++calls <= 2)
            return jsonAnswer(429, R"({"message": "slow down"})", {{"Retry-After", calls == 1 ? "2" : "0"}});
        return jsonAnswer(200, R"({"ok": true})");
    });
    ApiClient client(configFor(server, oldToken));
    QList<std::chrono::milliseconds> delays;
    client.setDelayFunction([&delays](std::chrono::milliseconds delay, QObject *context, std::function<void()> resume) {
        delays.append(delay);
        QTimer::singleShot(0, context, std::move(resume));
    });
    ApiRequestJob *job = client.request(get(u"/busy"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(delays, (QList<std::chrono::milliseconds> {2000ms, 0ms}));
    QCOMPARE(job->exchanges().size(), 3);
}

void tst_ApiClient::rateLimitHttpDate()
{
    Test::ManualClock clock;
    const QByteArray date
        = QLocale::c().toString(clock.nowUtc().addSecs(5), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    int calls = 0;
    LocalHttpServer server([&calls, date](const Request &) {
        if (++calls == 1)
            return jsonAnswer(429, "{}", {{"Retry-After", date}});
        return jsonAnswer(200, "{}");
    });
    ApiClient client(configFor(server, oldToken), clock);
    QList<std::chrono::milliseconds> delays;
    client.setDelayFunction([&delays](std::chrono::milliseconds delay, QObject *context, std::function<void()> resume) {
        delays.append(delay);
        QTimer::singleShot(0, context, std::move(resume));
    });
    ApiRequestJob *job = client.request(get(u"/busy"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(delays, (QList<std::chrono::milliseconds> {5000ms}));
}

void tst_ApiClient::rateLimitExhausted()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(429, R"({"message": "slow down"})"); });
    ApiClient client(configFor(server, oldToken));
    QList<std::chrono::milliseconds> delays;
    client.setDelayFunction([&delays](std::chrono::milliseconds delay, QObject *context, std::function<void()> resume) {
        delays.append(delay);
        QTimer::singleShot(0, context, std::move(resume));
    });
    ApiRequestJob *job = client.request(get(u"/busy"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::RateLimited);
    QCOMPARE(job->error()->key, u"rate_limit_exceeded"_s);
    QCOMPARE(job->error()->status, 429);
    QVERIFY2(job->error()->message.contains(u"after 3 retries"_s), qPrintable(job->error()->message));
    QCOMPARE(server.requests().size(), 4); // the request and three repeats
    // Exponential with jitter: retry n waits between half and all of 1 s * 2^n.
    QCOMPARE(delays.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const qint64 full = 1000 << i;
        QVERIFY2(delays.at(i).count() >= full / 2 && delays.at(i).count() <= full,
            qPrintable(u"retry %1 waited %2 ms"_s.arg(i).arg(delays.at(i).count())));
    }
}

void tst_ApiClient::rateLimitRetryAfterBeyondCap()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(429, "{}", {{"Retry-After", "3600"}}); });
    ApiClient client(configFor(server, oldToken));
    int delayed = 0;
    client.setDelayFunction([&delayed](std::chrono::milliseconds, QObject *context, std::function<void()> resume) {
        ++delayed;
        QTimer::singleShot(0, context, std::move(resume));
    });
    ApiRequestJob *job = client.request(get(u"/busy"_s));
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::RateLimited);
    QCOMPARE(job->error()->retryAfter, std::optional<std::chrono::seconds>(3600s));
    QVERIFY2(job->error()->message.contains(u"asks to wait 3600 s"_s), qPrintable(job->error()->message));
    QCOMPARE(delayed, 0);
    QCOMPARE(server.requests().size(), 1);
}

void tst_ApiClient::retryPolicyBackoff()
{
    const ApiRetryPolicy policy;
    QCOMPARE(policy.backoff(0, 0.0), 500ms);
    QCOMPARE(policy.backoff(0, 1.0), 1000ms);
    QCOMPARE(policy.backoff(2, 0.5), 3000ms);
    QCOMPARE(policy.backoff(10, 1.0), 30000ms); // capped
    QCOMPARE(policy.backoff(10, 0.0), 15000ms);

    const QDateTime now(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC);
    const auto seconds = policy.decide(0, "7", now, 0.3);
    QVERIFY(seconds.retry);
    QCOMPARE(seconds.delay, 7000ms);
    const auto garbage = policy.decide(1, "soon", now, 1.0);
    QVERIFY(garbage.retry);
    QCOMPARE(garbage.delay, 2000ms);
    QVERIFY(!policy.decide(3, "1", now, 0.0).retry);
    QVERIFY(!policy.decide(0, "31", now, 0.0).retry);
}

void tst_ApiClient::serverError()
{
    LocalHttpServer server(
        [](const Request &) { return jsonAnswer(500, R"({"error": "boom", "access_token": "leaked-in-body"})"); });
    ApiClient client(configFor(server, oldToken));
    FakeRefresher refresher([&server] { return configFor(server, newToken); });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/items?secret_query=1"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::HttpStatus);
    QCOMPARE(job->error()->status, 500);
    QCOMPARE(job->error()->key, QString());
    QVERIFY2(job->error()->message.startsWith(u"connector acme: GET /items answered HTTP 500: "_s),
        qPrintable(job->error()->message));
    QVERIFY2(job->error()->bodyExcerpt.contains("boom"), job->error()->bodyExcerpt.constData());
    QVERIFY2(!job->error()->bodyExcerpt.contains("leaked-in-body"), job->error()->bodyExcerpt.constData());
    QVERIFY(!job->error()->message.contains(u"leaked-in-body"_s));
    QCOMPARE(job->response()->status, 500); // the answer is still there for the caller
    QCOMPARE(job->error()->toError().code, ErrorCode::Provider);
    QCOMPARE(refresher.calls, 0);
    QCOMPARE(server.requests().size(), 1);
}

void tst_ApiClient::redirectIsNotFollowed()
{
    LocalHttpServer server([](const Request &request) {
        if (request.target.endsWith("/old"))
            return Response {301, {{"Location", "/api/v1/new"}}, {}};
        return jsonAnswer(200, "{}");
    });
    ApiClient client(configFor(server, oldToken));
    ApiRequestJob *job = client.request(get(u"/old"_s));
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::HttpStatus);
    QCOMPARE(job->error()->status, 301);
    QVERIFY2(job->error()->message.contains(u"redirects are not followed"_s), qPrintable(job->error()->message));
    QCOMPARE(server.requests().size(), 1);
}

void tst_ApiClient::responseHandlerError()
{
    // Slack-style: errors in a 200 body.
    LocalHttpServer server(
        [](const Request &) { return jsonAnswer(200, R"({"ok": false, "error": "channel_not_found"})"); });
    ApiClient client(configFor(server, oldToken,
        json(R"({"responseHandlers": [
        {"match": {"$eval": {"$var": "response.data.ok"}, "is": false},
         "error": {"key": "not_found", "message": {"$concat": ["Slack: ", {"$var": "response.data.error"}]},
                   "data": {"$var": "response.data"}}}]})")
            .toObject()));
    ApiRequestJob *job = client.request(get(u"/conversations.info"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::ResponseHandler);
    QCOMPARE(job->error()->key, u"not_found"_s);
    QCOMPARE(job->error()->status, 200);
    QCOMPARE(job->error()->message, u"connector acme: GET /conversations.info: Slack: channel_not_found"_s);
    QCOMPARE(compactJson(job->error()->data), QByteArray(R"({"error":"channel_not_found","ok":false})"));
}

void tst_ApiClient::responseHandlerTokenExpiredRefreshes()
{
    // A handler's access_token_expired takes the 401 path: one refresh, one retry.
    LocalHttpServer server([](const Request &request) {
        if (bearerIs(request, newToken))
            return jsonAnswer(200, R"({"ok": true, "user": "U1"})");
        return jsonAnswer(200, R"({"ok": false, "error": "invalid_auth"})");
    });
    const QJsonObject handlers = json(R"({"responseHandlers": [
        {"match": {"$eval": {"$var": "response.data.error"}, "is": "invalid_auth"},
         "error": {"key": "access_token_expired", "message": "invalid_auth"}}]})")
                                     .toObject();
    ApiClient client(configFor(server, oldToken, handlers));
    FakeRefresher refresher([&server, handlers] { return configFor(server, newToken, handlers); });
    client.setCredentialsRefresher(&refresher);
    ApiRequestJob *job = client.request(get(u"/auth.test"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(refresher.calls, 1);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(bearerIs(server.requests().at(1), newToken));
}

void tst_ApiClient::responseHandlerSuccessData()
{
    LocalHttpServer server([](const Request &request) {
        if (request.target.endsWith("/fail"))
            return jsonAnswer(400, R"({"wrapped": {"ok": true, "value": 3}})");
        return jsonAnswer(200, R"({"ok": true, "result": {"items": [1, 2]}})");
    });
    ApiClient client(configFor(server, oldToken,
        json(R"({"responseHandlers": [
        {"match": {"$eval": {"$var": "data.ok"}, "is": true}, "isSuccess": true, "data": {"$var": "data.result"}},
        {"match": {"$eval": {"$var": "data.wrapped.ok"}, "is": true}, "isSuccess": true}]})")
            .toObject()));
    ApiRequestJob *job = client.request(get(u"/list"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(compactJson(job->response()->data), QByteArray(R"({"items":[1,2]})"));
    QVERIFY(job->response()->dataFromHandler);

    // A handler can turn a non-2xx answer into a success; without `data` the body is the result.
    ApiRequestJob *overridden = client.request(get(u"/fail"_s));
    QVERIFY(run(overridden));
    QVERIFY2(!overridden->error(), qPrintable(describe(overridden)));
    QCOMPARE(overridden->response()->status, 400);
    QCOMPARE(compactJson(overridden->response()->data), QByteArray(R"({"wrapped":{"ok":true,"value":3}})"));
    QVERIFY(!overridden->response()->dataFromHandler);
}

void tst_ApiClient::responseHandlerRateLimitBacksOff()
{
    int calls = 0;
    LocalHttpServer server([&calls](const Request &) {
        return ++calls == 1 ? jsonAnswer(200, R"({"ok": false, "error": "ratelimited"})", {{"Retry-After", "1"}})
                            : jsonAnswer(200, R"({"ok": true})");
    });
    ApiClient client(configFor(server, oldToken,
        json(R"({"responseHandlers": [
        {"match": {"$eval": {"$var": "data.error"}, "is": "ratelimited"}, "error": {"key": "rate_limit_exceeded"}}]})")
            .toObject()));
    QList<std::chrono::milliseconds> delays;
    client.setDelayFunction([&delays](std::chrono::milliseconds delay, QObject *context, std::function<void()> resume) {
        delays.append(delay);
        QTimer::singleShot(0, context, std::move(resume));
    });
    ApiRequestJob *job = client.request(get(u"/chat.postMessage"_s));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(delays, (QList<std::chrono::milliseconds> {1000ms}));
    QCOMPARE(server.requests().size(), 2);
}

void tst_ApiClient::responseSizeCap()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "[" + QByteArray(5000, '1') + "]"); });
    ApiClient client(configFor(server, oldToken));
    client.setMaximumResponseBytes(1000);
    ApiRequestJob *job = client.request(get(u"/big"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::TooLarge);
    QCOMPARE(job->error()->status, 200);
    QVERIFY2(job->error()->message.contains(u"larger than 1000 bytes"_s), qPrintable(job->error()->message));
    QCOMPARE(job->exchanges().size(), 1);
    QVERIFY(job->exchanges().first().responseBody.isEmpty());

    client.setMaximumResponseBytes(10000);
    ApiRequestJob *fits = client.request(get(u"/big"_s));
    QVERIFY(run(fits));
    QVERIFY2(!fits->error(), qPrintable(describe(fits)));
    QCOMPARE(fits->response()->body.size(), 5002);
}

void tst_ApiClient::plainHttpBaseRefused()
{
    // A config cannot even be built with it (tst_ApiClientConfig); a call's baseUri option is checked too.
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server, oldToken));
    ApiRequest request = get(u"/x"_s);
    request.options.baseUri = QUrl(u"http://api.example.com/v1"_s);
    request.options.allowOtherOrigin = true;
    ApiRequestJob *job = client.request(request);
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::Refused);
    QVERIFY2(job->error()->message.contains(u"plain http:// is allowed only for loopback hosts"_s),
        qPrintable(job->error()->message));
    QCOMPARE(job->error()->toError().code, ErrorCode::Validation);
    QCOMPARE(server.requests().size(), 0);
    QCOMPARE(job->exchanges().size(), 1); // the refusal is in the inspector's log too
    QCOMPARE(job->exchanges().first().status, 0);
    QVERIFY(!job->exchanges().first().error.isEmpty());

    ApiRequestJob *absolute = client.request(get(u"http://api.example.com/steal"_s));
    QVERIFY(run(absolute));
    QCOMPARE(absolute->error()->kind, ApiError::Kind::Refused);
}

void tst_ApiClient::otherOriginRefused()
{
    // A script must not be able to send the connection's token to another server.
    LocalHttpServer api([](const Request &) { return jsonAnswer(200, "{}"); });
    LocalHttpServer elsewhere([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(api, oldToken));
    for (const QString &path :
        {elsewhere.url(u"/collect"_s).toString(), u"//localhost:%1/collect"_s.arg(elsewhere.serverPort())}) {
        ApiRequestJob *job = client.request(get(path));
        QVERIFY(run(job));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, ApiError::Kind::Refused);
        QVERIFY2(job->error()->message.contains(
                     u"is not on the API client's origin http://127.0.0.1:%1"_s.arg(api.serverPort())),
            qPrintable(job->error()->message));
    }
    ApiRequest rebased = get(u"/collect"_s);
    rebased.options.baseUri = elsewhere.url();
    QVERIFY(run(client.request(rebased)));
    QCOMPARE(elsewhere.requests().size(), 0);

    // The same origin, spelled as an absolute URL, is fine.
    ApiRequestJob *same = client.request(get(api.url(u"/api/v2/me"_s).toString()));
    QVERIFY(run(same));
    QVERIFY2(!same->error(), qPrintable(describe(same)));
    QCOMPARE(api.requests().size(), 1);
    QCOMPARE(api.requests().first().target, QByteArray("/api/v2/me"));
    QVERIFY(bearerIs(api.requests().first(), oldToken));
}

void tst_ApiClient::otherOriginAllowedWithoutCredentials()
{
    LocalHttpServer api([](const Request &) { return jsonAnswer(200, "{}"); });
    LocalHttpServer elsewhere([](const Request &) { return jsonAnswer(200, R"({"uploaded": true})"); });
    ApiClient client(configFor(api, oldToken,
        json(R"({"query": {"tenant": "t1"}, "headers": {"X-Client": "c"}, "auth": {"username": "u", "password": "p"}})")
            .toObject()));
    ApiRequest request = get(elsewhere.url(u"/upload"_s).toString(), json(R"({"part": 1})").toObject());
    request.headers = json(R"({"X-Own": "o"})").toObject();
    request.options.allowOtherOrigin = true;
    ApiRequestJob *job = client.request(request);
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));
    QCOMPARE(elsewhere.requests().size(), 1);
    const Request &seen = elsewhere.requests().first();
    QCOMPARE(seen.target, QByteArray("/upload?part=1"));
    QVERIFY(!seen.headers.contains("authorization"));
    QVERIFY(!seen.headers.contains("x-client"));
    QCOMPARE(seen.headers.value("x-own"), QByteArray("o"));
}

void tst_ApiClient::tokenInQueryRefused()
{
    LocalHttpServer server([](const Request &) { return jsonAnswer(200, "{}"); });
    ApiClient client(configFor(server, oldToken));
    for (const ApiRequest &request :
        {get(u"/x"_s, json(R"({"access_token": "t"})").toObject()), get(u"/x?access_token=t"_s)}) {
        ApiRequestJob *job = client.request(request);
        QVERIFY(run(job));
        QCOMPARE(job->error()->kind, ApiError::Kind::Refused);
        QVERIFY2(job->error()->message.contains(u"a bearer token goes in the Authorization header only"_s),
            qPrintable(job->error()->message));
    }
    QCOMPARE(server.requests().size(), 0);
}

void tst_ApiClient::exchangesAreRecordedRedacted()
{
    LocalHttpServer server([](const Request &request) {
        if (bearerIs(request, newToken))
            return jsonAnswer(200, R"({"id": 1, "refresh_token": "rt-in-response-body"})",
                {{"Set-Cookie", "session=cookie-secret-1"}});
        return jsonAnswer(401, "{}");
    });
    ApiClient client(configFor(server, oldToken, json(R"({"headers": {"X-Api-Key": "key-secret-1"}})").toObject()));
    FakeRefresher refresher([&server] {
        return configFor(server, newToken, json(R"({"headers": {"X-Api-Key": "key-secret-1"}})").toObject());
    });
    client.setCredentialsRefresher(&refresher);
    QSignalSpy recorded(&client, &ApiClient::exchangeRecorded);

    ApiRequest request = ApiRequest::make(u"POST"_s, u"/login?client_secret=cs-in-url"_s,
        ApiRequestBody::fromJson(json(R"({"password": "pw-in-body", "name": "visible-name"})")));
    ApiRequestJob *job = client.request(request);
    QSignalSpy jobRecorded(job, &ApiRequestJob::exchangeRecorded);
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job)));

    QCOMPARE(recorded.size(), 2);
    QCOMPARE(jobRecorded.size(), 2);
    QCOMPARE(client.exchanges().size(), 2);
    QCOMPARE(job->exchanges().size(), 2);
    for (const HttpExchange &exchange : client.exchanges()) {
        const QString text = flatten(exchange);
        for (const QString &secret : {oldToken, newToken, u"key-secret-1"_s, u"cs-in-url"_s, u"pw-in-body"_s,
                 u"rt-in-response-body"_s, u"cookie-secret-1"_s}) {
            QVERIFY2(!text.contains(secret), qPrintable(u"%1 in: %2"_s.arg(secret, text)));
        }
        QVERIFY2(text.contains(u"visible-name"_s), qPrintable(text)); // what is not secret stays readable
        QCOMPARE(exchange.method, u"POST"_s);
        QVERIFY2(exchange.url.startsWith(server.url(u"/api/v1/login?client_secret="_s).toString()),
            qPrintable(exchange.url));
        bool sawAuthorization = false;
        for (const auto &[name, value] : exchange.requestHeaders) {
            if (name.compare(u"authorization"_s, Qt::CaseInsensitive) == 0) {
                sawAuthorization = true;
                QCOMPARE(value, u"Bearer [redacted]"_s);
            }
        }
        QVERIFY(sawAuthorization);
        QVERIFY(exchange.startedAt.isValid());
    }
    QCOMPARE(client.exchanges().at(0).status, 401);
    QCOMPARE(client.exchanges().at(1).status, 200);
    // The caller still gets the real body.
    QVERIFY(job->response()->body.contains("rt-in-response-body"));
}

void tst_ApiClient::nothingSecretIsLogged()
{
    capturedLog.clear();
    previousHandler = qInstallMessageHandler(captureMessage);
    previousFilter = QLoggingCategory::installFilter(enableAuthdeskCategories);
    const auto restore = qScopeGuard([] {
        QLoggingCategory::installFilter(previousFilter);
        qInstallMessageHandler(previousHandler);
    });

    LocalHttpServer server([](const Request &request) {
        if (request.target.contains("/broken"))
            return jsonAnswer(500, R"({"error": "boom", "access_token": "at-in-error-body"})");
        if (bearerIs(request, newToken))
            return jsonAnswer(200, R"({"refresh_token": "rt-in-response-body"})");
        return jsonAnswer(401, R"({"message": "expired"})");
    });
    const QJsonObject extra = json(R"({"headers": {"X-Api-Key": "key-secret-1"}})").toObject();
    ApiClient client(configFor(server, oldToken, extra));
    FakeRefresher refresher(
        [&server, extra]() -> Result<ApiClientConfig> { return configFor(server, newToken, extra); });
    client.setCredentialsRefresher(&refresher);

    ApiRequest login = call(u"POST"_s, u"/login?client_secret=cs-in-url"_s,
        ApiRequestBody::fromJson(json(R"({"password": "pw-in-body"})")));
    QVERIFY(run(client.request(login)));
    ApiRequestJob *broken = client.request(get(u"/broken?code=code-in-url"_s));
    QVERIFY(run(broken));
    QVERIFY(broken->error());
    QVERIFY(capturedLog.size() >= 4);
    const QString log = capturedLog.join(u'\n');
    QVERIFY2(log.contains(u"authdesk.connection"_s), qPrintable(log));
    for (const QString &secret : {oldToken, newToken, u"key-secret-1"_s, u"cs-in-url"_s, u"pw-in-body"_s,
             u"rt-in-response-body"_s, u"at-in-error-body"_s, u"code-in-url"_s})
        QVERIFY2(!log.contains(secret), qPrintable(u"%1 in the log:\n%2"_s.arg(secret, log)));
}

void tst_ApiClient::timeout()
{
    // A server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> sockets;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            sockets.append(socket);
    });
    ApiClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), oldToken));
    client.setTimeout(300ms);
    ApiRequestJob *job = client.request(get(u"/slow"_s));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, ApiError::Kind::Timeout);
    QVERIFY2(job->error()->message.contains(u"did not answer within 300 ms"_s), qPrintable(job->error()->message));
    QCOMPARE(job->exchanges().size(), 1);
}

void tst_ApiClient::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    ApiClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), oldToken));
    ApiRequestJob *job = client.request(get(u"/x"_s));
    QVERIFY(run(job));
    QCOMPARE(job->error()->kind, ApiError::Kind::Network);
    QCOMPARE(job->error()->status, 0);
    QVERIFY2(job->error()->message.startsWith(u"connector acme: GET /x: the API could not be reached"_s),
        qPrintable(job->error()->message));
}

void tst_ApiClient::killCancels()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient client(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), oldToken));
    ApiRequestJob *job = client.request(get(u"/slow"_s));
    QSignalSpy finished(job, &ApiRequestJob::finished);
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 10000);
    job->kill();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error()->kind, ApiError::Kind::Cancelled);
    job->kill();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);

    // Killed before it ever sent anything: finished once, nothing sent.
    ApiRequestJob *early = client.request(get(u"/never"_s));
    QSignalSpy earlyFinished(early, &ApiRequestJob::finished);
    early->start();
    early->kill();
    QTest::qWait(50);
    QCOMPARE(earlyFinished.size(), 1);
    QCOMPARE(early->error()->kind, ApiError::Kind::Cancelled);
    QVERIFY(early->exchanges().isEmpty());
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
