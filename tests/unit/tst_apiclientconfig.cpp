#include "jsontext.h"
#include "testprinting.h"

#include "connection/apiclientconfig.h"
#include "connection/apiresponse.h"
#include "connection/apiresponsehandler.h"
#include "mapping/expressioncompiler.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::compactJson;
using Authdesk::Test::json;

namespace {

Expression compile(const QByteArray &yaml)
{
    const auto compiled = ExpressionCompiler::compileText(yaml, u"make-api-client.map.yml"_s);
    if (!compiled.diagnostics.isEmpty())
        qFatal("test mapping does not compile: %s", qPrintable(Test::describeDiagnostics(compiled.diagnostics)));
    return compiled.expression;
}

QString errorOf(const Result<ApiClientConfig> &result)
{
    return result ? QString() : result.error().message;
}

QString describe(const ApiClientConfig::Pairs &pairs)
{
    QStringList parts;
    for (const auto &[name, value] : pairs)
        parts.append(name + u'=' + value);
    return parts.join(u'&');
}

ApiResponse jsonResponse(int status, const QByteArray &body)
{
    return ApiResponse::fromHttp(status, {{"Content-Type", "application/json"}, {"X-Request-Id", "r1"}}, body);
}

} // namespace

// makeApiClient's result, from JavaScript (JSON) and from a mapping, validated into an
// ApiClientConfig (connector-format.md §6, §11 item 4), and its response handlers (§6.3).
class tst_ApiClientConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flatAndArgsWrapperAgree();
    void aliases();
    void valuesConvertLikeJavaScriptString();
    void basicAuth();
    void invalidConfigs_data();
    void invalidConfigs();
    void baseUriMustPassNetworkPolicy_data();
    void baseUriMustPassNetworkPolicy();
    void mappingEvaluatesAllButResponseHandlers();
    void quickBooksStyleMapping();
    void responseHandlersFromJavaScript();
    void responseHandlerShorthandVariables();
    void responseHandlerFailsLoudly();
    void responseParsing_data();
    void responseParsing();
};

void tst_ApiClientConfig::flatAndArgsWrapperAgree()
{
    const QJsonObject fields = json(R"({"baseUri": "https:\/\/api.example.com/v1", "headers": {"X-A": "1"},
        "query": {"q": "x"}})")
                                   .toObject();
    const auto flat = ApiClientConfig::fromJson(fields, u"acme"_s);
    const auto wrapped = ApiClientConfig::fromJson(QJsonObject {{u"args"_s, fields}}, u"acme"_s);
    QVERIFY2(flat, qPrintable(errorOf(flat)));
    QVERIFY2(wrapped, qPrintable(errorOf(wrapped)));
    for (const auto *config : {&flat.value(), &wrapped.value()}) {
        QCOMPARE(config->baseUri(), QUrl(u"https://api.example.com/v1"_s));
        QCOMPARE(describe(config->headers()), u"X-A=1"_s);
        QCOMPARE(describe(config->query()), u"q=x"_s);
        QCOMPARE(config->connector(), u"acme"_s);
        QVERIFY(!config->auth());
    }
}

void tst_ApiClientConfig::aliases()
{
    const auto config = ApiClientConfig::fromJson(
        json(R"({"baseUrl": "https:\/\/api.example.com", "defaultQueryParameters": {"api-version": 2}})"), u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    QCOMPARE(config->baseUri(), QUrl(u"https://api.example.com"_s));
    QCOMPARE(describe(config->query()), u"api-version=2"_s);

    // When both spellings are there, the schema's own name wins.
    const auto both = ApiClientConfig::fromJson(
        json(R"({"baseUri": "https:\/\/a.example", "baseUrl": "https:\/\/b.example", "query": {"x": 1},
            "defaultQueryParameters": {"y": 2}})"),
        u"acme"_s);
    QVERIFY2(both, qPrintable(errorOf(both)));
    QCOMPARE(both->baseUri().host(), u"a.example"_s);
    QCOMPARE(describe(both->query()), u"x=1"_s);
}

void tst_ApiClientConfig::valuesConvertLikeJavaScriptString()
{
    const auto config = ApiClientConfig::fromJson(json(R"({"baseUri": "https:\/\/api.example.com",
        "headers": {"X-Int": 42, "X-Float": 1.5, "X-Big": 1e21, "X-Bool": false, "X-Null": null, "X-Text": "t"},
        "query": {"list": ["a", 2, true], "n": 10, "gone": null}})"),
        u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    QCOMPARE(describe(config->headers()), u"X-Big=1e+21&X-Bool=false&X-Float=1.5&X-Int=42&X-Text=t"_s);
    QCOMPARE(describe(config->query()), u"list=a&list=2&list=true&n=10"_s);
}

void tst_ApiClientConfig::basicAuth()
{
    const auto config = ApiClientConfig::fromJson(
        json(R"({"baseUri": "https:\/\/api.example.com", "auth": {"username": "ada", "password": "p:w ä"}})"),
        u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    QVERIFY(config->auth());
    QCOMPARE(config->auth()->username, u"ada"_s);
    QCOMPARE(config->auth()->password, u"p:w ä"_s);

    const auto apiKeyOnly = ApiClientConfig::fromJson(
        json(R"({"baseUri": "https:\/\/api.example.com", "auth": {"username": 12345}})"), u"acme"_s);
    QVERIFY2(apiKeyOnly, qPrintable(errorOf(apiKeyOnly)));
    QCOMPARE(apiKeyOnly->auth()->username, u"12345"_s);
    QCOMPARE(apiKeyOnly->auth()->password, QString());
}

void tst_ApiClientConfig::invalidConfigs_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("expected");

    QTest::addRow("not an object") << QByteArray("[1]") << u"connector acme: makeApiClient must give an object"_s;
    QTest::addRow("no base") << QByteArray(R"({"headers": {}})")
                             << u"connector acme: makeApiClient gave no baseUri (or baseUrl)"_s;
    QTest::addRow("base not a string") << QByteArray(R"({"baseUri": 5})")
                                       << u"connector acme: makeApiClient baseUri must be a string"_s;
    QTest::addRow("base relative") << QByteArray(R"({"baseUri": "/v1"})")
                                   << u"connector acme: makeApiClient baseUri \"/v1\" is not an absolute URL"_s;
    QTest::addRow("header object")
        << QByteArray(R"({"baseUri": "https:\/\/a.example", "headers": {"X": {"a": 1}}})")
        << u"connector acme: makeApiClient headers.X must be a string, number or boolean (got an object)"_s;
    QTest::addRow("$template is not a formula")
        << QByteArray(
               R"({"baseUri": "https:\/\/a.example", "headers": {"Authorization": {"$template": "Bearer ${t}"}}})")
        << u"connector acme: makeApiClient headers.Authorization must be a string, number or boolean (got an object "
           u"with "
           "$template, which is not a formula: write $tpl with {name} placeholders)"_s;
    QTest::addRow("base $template") << QByteArray(R"({"baseUri": {"$template": "https:\/\/${host}"}})")
                                    << u"connector acme: makeApiClient baseUri is an object with $template"_s;
    QTest::addRow("headers a list") << QByteArray(R"({"baseUri": "https:\/\/a.example", "headers": ["X"]})")
                                    << u"connector acme: makeApiClient headers must be an object"_s;
    QTest::addRow("header name")
        << QByteArray(R"({"baseUri": "https:\/\/a.example", "headers": {"X Y": "1"}})")
        << u"connector acme: makeApiClient headers has a header name that is not an HTTP token"_s;
    QTest::addRow("header injection") << QByteArray(
        R"({"baseUri": "https:\/\/a.example", "headers": {"X": "a\r\nEvil: 1"}})")
                                      << u"connector acme: makeApiClient headers.X must be a single line"_s;
    QTest::addRow("token in query") << QByteArray(
        R"({"baseUri": "https:\/\/a.example", "query": {"access_token": "t"}})")
                                    << u"connector acme: makeApiClient query carries access_token, which is refused"_s;
    QTest::addRow("token in defaultQueryParameters")
        << QByteArray(R"({"baseUri": "https:\/\/a.example", "defaultQueryParameters": {"Access_Token": "t"}})")
        << u"connector acme: makeApiClient defaultQueryParameters carries access_token"_s;
    QTest::addRow("auth not an object") << QByteArray(R"({"baseUri": "https:\/\/a.example", "auth": "u:p"})")
                                        << u"connector acme: makeApiClient auth must be an object"_s;
    QTest::addRow("auth no username") << QByteArray(R"({"baseUri": "https:\/\/a.example", "auth": {"password": "p"}})")
                                      << u"connector acme: makeApiClient auth has no username"_s;
    QTest::addRow("handlers not a list") << QByteArray(
        R"({"baseUri": "https:\/\/a.example", "responseHandlers": {"match": true}})")
                                         << u"connector acme: makeApiClient responseHandlers must be a list"_s;
    QTest::addRow("handler without match") << QByteArray(
        R"({"baseUri": "https:\/\/a.example", "responseHandlers": [{"match": true}, {"isSuccess": true}]})")
                                           << u"connector acme: makeApiClient responseHandlers[1] has no match"_s;
    QTest::addRow("handler not an object")
        << QByteArray(R"({"baseUri": "https:\/\/a.example", "responseHandlers": ["x"]})")
        << u"connector acme: makeApiClient responseHandlers[0] must be an object"_s;
}

void tst_ApiClientConfig::invalidConfigs()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, expected);
    const auto result = ApiClientConfig::fromJson(json(config), u"acme"_s);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Validation);
    QVERIFY2(result.error().message.startsWith(expected), qPrintable(result.error().message));
}

void tst_ApiClientConfig::baseUriMustPassNetworkPolicy_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("allowed");

    QTest::addRow("https") << u"https://api.example.com/v1"_s << true;
    QTest::addRow("http loopback v4") << u"http://127.0.0.1:8080/api"_s << true;
    QTest::addRow("http localhost") << u"http://localhost:3000"_s << true;
    QTest::addRow("http loopback v6") << u"http://[::1]:3000"_s << true;
    QTest::addRow("http remote") << u"http://api.example.com/v1"_s << false;
    QTest::addRow("http LAN") << u"http://192.168.1.10/api"_s << false;
    QTest::addRow("ftp") << u"ftp://files.example.com"_s << false;
}

void tst_ApiClientConfig::baseUriMustPassNetworkPolicy()
{
    QFETCH(QString, base);
    QFETCH(bool, allowed);
    const auto result = ApiClientConfig::fromJson(QJsonObject {{u"baseUri"_s, base}}, u"acme"_s);
    QCOMPARE(result.hasValue(), allowed);
    if (!allowed) {
        QVERIFY2(result.error().message.startsWith(u"connector acme: makeApiClient baseUri \""_s),
            qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(u"is refused"_s), qPrintable(result.error().message));
    }
}

void tst_ApiClientConfig::mappingEvaluatesAllButResponseHandlers()
{
    const Expression mapping = compile(R"(
baseUri:
  $concat: [{$var: credentials.instance_url}, /api]
headers:
  Authorization:
    $concat: ['Bearer ', {$var: credentials.access_token}]
  X-Missing:
    $var: credentials.nothing
query:
  org: {$var: credentials.org}
responseHandlers:
  - match:
      $eval: {$var: response.data.error}
      is: invalid_auth
    error:
      key: access_token_expired
      message: {$concat: ['token of ', {$var: credentials.org}, ' rejected']}
)");
    const QJsonObject variables {{u"credentials"_s,
        QJsonObject {
            {u"access_token"_s, u"tok1"_s}, {u"instance_url"_s, u"https://eu.example.com"_s}, {u"org"_s, u"o7"_s}}}};
    const auto config = ApiClientConfig::fromMapping(mapping, variables, u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    QCOMPARE(config->baseUri(), QUrl(u"https://eu.example.com/api"_s));
    // A missing variable drops its key (connector-format.md §7) rather than sending "undefined".
    QCOMPARE(describe(config->headers()), u"Authorization=Bearer tok1"_s);
    QCOMPARE(describe(config->query()), u"org=o7"_s);

    // The handler was not evaluated at build time (there was no response): it matches now.
    QCOMPARE(config->responseHandlers().size(), 1);
    const ApiResponseHandler &handler = config->responseHandlers().first();
    const QJsonObject matching = ApiResponseHandler::variablesFor(
        jsonResponse(200, R"({"ok": false, "error": "invalid_auth"})"), config->handlerVariables());
    const auto outcome = handler.apply(matching);
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    QVERIFY(outcome->has_value());
    QVERIFY(!(*outcome)->success);
    QCOMPARE((*outcome)->key, u"access_token_expired"_s);
    QCOMPARE((*outcome)->message, u"token of o7 rejected"_s);

    const auto other = handler.apply(
        ApiResponseHandler::variablesFor(jsonResponse(200, R"({"ok": true})"), config->handlerVariables()));
    QVERIFY(other);
    QVERIFY(!other->has_value());
}

void tst_ApiClientConfig::quickBooksStyleMapping()
{
    // The shape of QuickBooks' export (connector-format.md §10.1): args wrapper, $case on a boolean.
    const Expression mapping = compile(R"(
args:
  baseUri:
    $case:
      cases:
        - filter: {$eval: {$var: credentials.isSandbox}, is: true}
          value:
            $concat:
              values: ['https://sandbox-quickbooks.api.intuit.com/v3/company', {$var: credentials.realmId}]
              delimiter: /
      default:
        $concat:
          values: ['https://quickbooks.api.intuit.com/v3/company', {$var: credentials.realmId}]
          delimiter: /
  headers:
    Authorization:
      $concat: ['Bearer ', {$var: credentials.access_token}]
    Accept: application/json
)");
    for (const bool sandbox : {true, false}) {
        const QJsonObject variables {{u"credentials"_s,
            QJsonObject {{u"access_token"_s, u"at"_s}, {u"realmId"_s, u"4620816365"_s}, {u"isSandbox"_s, sandbox}}}};
        const auto config = ApiClientConfig::fromMapping(mapping, variables, u"quickbooks"_s);
        QVERIFY2(config, qPrintable(errorOf(config)));
        QCOMPARE(config->baseUri().toString(),
            sandbox ? u"https://sandbox-quickbooks.api.intuit.com/v3/company/4620816365"_s
                    : u"https://quickbooks.api.intuit.com/v3/company/4620816365"_s);
        QCOMPARE(describe(config->headers()), u"Accept=application/json&Authorization=Bearer at"_s);
    }

    // A base URI that evaluates to nothing is named, with the connector.
    const auto broken = ApiClientConfig::fromMapping(
        compile("args:\n  baseUri: {$var: credentials.instance_url}\n"), {}, u"quickbooks"_s);
    QVERIFY(!broken);
    QCOMPARE(broken.error().message, u"connector quickbooks: makeApiClient gave no baseUri (or baseUrl)"_s);
}

void tst_ApiClientConfig::responseHandlersFromJavaScript()
{
    // A JavaScript makeApiClient returns its handlers as data: the formulas are compiled from JSON.
    const auto config = ApiClientConfig::fromJson(json(R"({"baseUri": "https:\/\/slack.com/api", "responseHandlers": [
        {"match": {"$eval": {"$var": "response.data.ok"}, "is": true}, "isSuccess": true,
         "data": {"$var": "response.data.user"}},
        {"match": {"$eval": {"$var": "response.data.error"}, "is": "ratelimited"},
         "error": {"key": "rate_limit_exceeded", "message": "slow down", "data": {"$var": "response.data"}}}
    ]})"),
        u"slack"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    QCOMPARE(config->responseHandlers().size(), 2);

    const QJsonObject ok
        = ApiResponseHandler::variablesFor(jsonResponse(200, R"({"ok": true, "user": {"id": "U1"}})"), {});
    const auto success = config->responseHandlers().at(0).apply(ok);
    QVERIFY(success && success->has_value());
    QVERIFY((*success)->success);
    QCOMPARE(compactJson((*success)->data.value_or(QJsonValue())), QByteArray(R"({"id":"U1"})"));
    QVERIFY(success && !config->responseHandlers().at(1).apply(ok)->has_value());

    const QJsonObject limited
        = ApiResponseHandler::variablesFor(jsonResponse(200, R"({"ok": false, "error": "ratelimited"})"), {});
    QVERIFY(!config->responseHandlers().at(0).apply(limited)->has_value());
    const auto error = config->responseHandlers().at(1).apply(limited);
    QVERIFY(error && error->has_value());
    QCOMPARE((*error)->key, u"rate_limit_exceeded"_s);
    QCOMPARE((*error)->message, u"slow down"_s);
    QCOMPARE(compactJson((*error)->errorData), QByteArray(R"({"error":"ratelimited","ok":false})"));
}

void tst_ApiClientConfig::responseHandlerShorthandVariables()
{
    // status, statusCode, headers and data are also top-level variables, beside response.*.
    const auto config = ApiClientConfig::fromJson(json(R"({"baseUri": "https:\/\/a.example", "responseHandlers": [
        {"match": {"$and": [{"$eval": {"$var": "status"}, "is": 200}, {"$eval": {"$var": "statusCode"}, "is": 200},
                            {"$eval": {"$var": "headers.x-request-id"}, "is": "r1"},
                            {"$eval": {"$var": "data.code"}, "is": 7},
                            {"$eval": {"$var": "$.response.headers.content-type"}, "is": "application/json"}]},
         "error": {"key": "custom", "message": {"$var": "data.text"}}}
    ]})"),
        u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    const auto outcome = config->responseHandlers().first().apply(
        ApiResponseHandler::variablesFor(jsonResponse(200, R"({"code": 7, "text": "seven"})"), {}));
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    QVERIFY(outcome->has_value());
    QCOMPARE((*outcome)->key, u"custom"_s);
    QCOMPARE((*outcome)->message, u"seven"_s);
}

void tst_ApiClientConfig::responseHandlerFailsLoudly()
{
    // A formula that cannot be evaluated is the connector's error, named by the handler's position.
    const auto config = ApiClientConfig::fromJson(json(R"({"baseUri": "https:\/\/a.example", "responseHandlers": [
        {"match": {"$var": "response.data.ok"}, "isSuccess": true},
        {"match": {"$eval": {"$var": "status"}, "is": 500}, "error": {"message": {"$jsonata": "data.text"}}}
    ]})"),
        u"acme"_s);
    QVERIFY2(config, qPrintable(errorOf(config)));
    const auto outcome = config->responseHandlers().at(1).apply(
        ApiResponseHandler::variablesFor(jsonResponse(500, R"({"ok": false})"), {}));
    QVERIFY(!outcome);
    QVERIFY2(
        outcome.error().message.startsWith(u"makeApiClient responseHandlers[1].error: $jsonata is not supported"_s),
        qPrintable(outcome.error().message));
}

void tst_ApiClientConfig::responseParsing_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("data");

    QTest::addRow("json object") << QByteArray("application/json; charset=utf-8") << QByteArray(R"({"a":1})")
                                 << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})");
    QTest::addRow("vendor json") << QByteArray("application/vnd.github+json") << QByteArray("[1,2]")
                                 << QByteArray("[1,2]") << QByteArray("[1,2]");
    QTest::addRow("json scalar") << QByteArray("application/json") << QByteArray("\"s\"") << QByteArray("\"s\"")
                                 << QByteArray("\"s\"");
    QTest::addRow("unlabelled json") << QByteArray() << QByteArray("{\"b\":true}") << QByteArray("{\"b\":true}")
                                     << QByteArray("{\"b\":true}");
    QTest::addRow("html") << QByteArray("text/html") << QByteArray("<p>{}</p>") << QByteArray("undefined")
                          << QByteArray("\"<p>{}</p>\"");
    QTest::addRow("broken json") << QByteArray("application/json") << QByteArray("{oops") << QByteArray("undefined")
                                 << QByteArray("\"{oops\"");
    QTest::addRow("empty") << QByteArray("application/json") << QByteArray() << QByteArray("undefined")
                           << QByteArray("undefined");
}

void tst_ApiClientConfig::responseParsing()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, data);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append(std::pair {QByteArray("Content-Type"), contentType});
    headers.append(std::pair {QByteArray("Set-Cookie"), QByteArray("a=1")});
    headers.append(std::pair {QByteArray("set-cookie"), QByteArray("b=2")});
    const ApiResponse response = ApiResponse::fromHttp(200, headers, body);
    QCOMPARE(compactJson(response.json), json);
    QCOMPARE(compactJson(response.data), data);
    QCOMPARE(response.headersObject().value(u"set-cookie"_s).toString(), u"a=1, b=2"_s);
}

QTEST_GUILESS_MAIN(tst_ApiClientConfig)
#include "tst_apiclientconfig.moc"
