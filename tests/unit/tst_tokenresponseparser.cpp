#include "manualclock.h"

#include "oauth/tokenresponseparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

EndpointResponse answer(int status, const QByteArray &contentType, const QByteArray &body,
    QList<std::pair<QByteArray, QByteArray>> headers = {})
{
    EndpointResponse response;
    response.status = status;
    if (!contentType.isEmpty())
        response.headers.append({"Content-Type", contentType});
    response.headers += headers;
    response.body = body;
    return response;
}

} // namespace

Q_DECLARE_METATYPE(Authdesk::EndpointResponse)

// What providers really answer (oauth-standards-and-qt.md checks 7 and 12, §B): every row is a
// response shape or an error that Authdesk must read correctly and classify.
class tst_TokenResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void success_data();
    void success();
    void expiry_data();
    void expiry();
    void errors_data();
    void errors();
    void errorMessageIsSafe();
    void retryAfter_data();
    void retryAfter();
    void grantedScopes();
    void revocation_data();
    void revocation();
    void mergeKeepsRefreshToken();
    void mergeRotatesRefreshToken();
    void errorKindsMapOntoErrorCodes();
    void clocks();

private:
    Test::ManualClock m_clock;
};

void tst_TokenResponseParser::success_data()
{
    QTest::addColumn<EndpointResponse>("response");
    QTest::addColumn<QString>("accessToken");
    QTest::addColumn<QString>("refreshToken");
    QTest::addRow("json") << answer(200, "application/json; charset=utf-8",
        R"({"access_token":"at","token_type":"Bearer","refresh_token":"rt","expires_in":3600})")
                          << u"at"_s << u"rt"_s;
    QTest::addRow("github form") << answer(200, "application/x-www-form-urlencoded; charset=utf-8",
        "access_token=gho_abc%2B1&scope=repo%2Cgist&token_type=bearer")
                                 << u"gho_abc+1"_s << QString();
    QTest::addRow("text/plain json") << answer(200, "text/plain", R"({"access_token":"at"})") << u"at"_s << QString();
    QTest::addRow("no content type json") << answer(200, {}, R"({"access_token":"at"})") << u"at"_s << QString();
    QTest::addRow("text/plain form") << answer(200, "text/plain", "access_token=at&expires_in=60") << u"at"_s << QString();
    QTest::addRow("201") << answer(201, "application/json", R"({"access_token":"at"})") << u"at"_s << QString();
    QTest::addRow("slack ok:true, user token nested")
        << answer(200, "application/json",
               R"({"ok":true,"app_id":"A1","authed_user":{"id":"U1","access_token":"xoxp-1","refresh_token":"xoxe-1"}})")
        << QString() << QString();
    QTest::addRow("unknown members ignored") << answer(200, "application/json",
        R"({"access_token":"at","x":{"y":[1,2]},"error":null})") << u"at"_s << QString();
}

void tst_TokenResponseParser::success()
{
    QFETCH(EndpointResponse, response);
    QFETCH(QString, accessToken);
    QFETCH(QString, refreshToken);
    const auto parsed = TokenResponseParser::parseTokenResponse(response, m_clock.nowUtc());
    QVERIFY2(parsed.hasValue(), qPrintable(parsed.hasValue() ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->accessToken(), accessToken);
    QCOMPARE(parsed->refreshToken(), refreshToken);
    QCOMPARE(parsed->receivedAt, m_clock.nowUtc());
    if (QTest::currentDataTag() == QByteArrayView("slack ok:true, user token nested")) {
        // Kept as returned, for the connector's getCredentialsFromAccessTokenResponse.
        const QJsonObject user = parsed->fields.value("authed_user"_L1).toObject();
        QCOMPARE(user.value("access_token"_L1).toString(), u"xoxp-1"_s);
        QCOMPARE(user.value("refresh_token"_L1).toString(), u"xoxe-1"_s);
    }
}

void tst_TokenResponseParser::expiry_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("seconds"); // -1: unknown
    QTest::addRow("number") << QByteArray(R"({"access_token":"a","expires_in":3600})") << qint64(3600);
    QTest::addRow("azure v1 string") << QByteArray(R"({"access_token":"a","expires_in":"3599"})") << qint64(3599);
    QTest::addRow("string with spaces") << QByteArray(R"({"access_token":"a","expires_in":" 60 "})") << qint64(60);
    QTest::addRow("fraction") << QByteArray(R"({"access_token":"a","expires_in":59.9})") << qint64(59);
    QTest::addRow("zero") << QByteArray(R"({"access_token":"a","expires_in":0})") << qint64(0);
    QTest::addRow("missing") << QByteArray(R"({"access_token":"a"})") << qint64(-1);
    QTest::addRow("null") << QByteArray(R"({"access_token":"a","expires_in":null})") << qint64(-1);
    QTest::addRow("negative") << QByteArray(R"({"access_token":"a","expires_in":-5})") << qint64(-1);
    QTest::addRow("garbage string") << QByteArray(R"({"access_token":"a","expires_in":"soon"})") << qint64(-1);
    QTest::addRow("absurd") << QByteArray(R"({"access_token":"a","expires_in":1e300})") << qint64(-1);
    QTest::addRow("bool") << QByteArray(R"({"access_token":"a","expires_in":true})") << qint64(-1);
}

void tst_TokenResponseParser::expiry()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, seconds);
    const auto parsed = TokenResponseParser::parseTokenResponse(answer(200, "application/json", body), m_clock.nowUtc());
    QVERIFY(parsed.hasValue());
    if (seconds < 0) {
        QVERIFY(!parsed->expiresIn());
        QVERIFY(!parsed->expiresAt().isValid()); // unknown: refresh is driven by 401 alone
    } else {
        QCOMPARE(parsed->expiresIn(), std::optional<qint64>(seconds));
        QCOMPARE(parsed->expiresAt(), m_clock.nowUtc().addSecs(seconds));
        QCOMPARE(parsed->expiresAt().timeSpec(), Qt::UTC);
    }
}

void tst_TokenResponseParser::errors_data()
{
    using Kind = TokenError::Kind;
    QTest::addColumn<EndpointResponse>("response");
    QTest::addColumn<TokenError::Kind>("kind");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");

    const QByteArray json = "application/json";
    QTest::addRow("400 invalid_grant") << answer(400, json, R"({"error":"invalid_grant","error_description":"expired"})")
                                       << Kind::ReconnectNeeded << u"invalid_grant"_s << u"expired"_s;
    QTest::addRow("403 invalid_grant (atlassian)") << answer(403, json, R"({"error":"invalid_grant"})")
                                                   << Kind::ReconnectNeeded << u"invalid_grant"_s << QString();
    QTest::addRow("401 invalid_client") << answer(401, json, R"({"error":"invalid_client"})", {{"WWW-Authenticate", "Basic"}})
                                        << Kind::Configuration << u"invalid_client"_s << QString();
    QTest::addRow("400 unauthorized_client") << answer(400, json, R"({"error":"unauthorized_client"})")
                                             << Kind::Configuration << u"unauthorized_client"_s << QString();
    QTest::addRow("401 without body") << answer(401, {}, {}) << Kind::Configuration << QString() << QString();
    QTest::addRow("400 invalid_scope") << answer(400, json, R"({"error":"invalid_scope"})") << Kind::Provider
                                       << u"invalid_scope"_s << QString();
    QTest::addRow("400 unknown code") << answer(400, json, R"({"error":"something_new"})") << Kind::Provider
                                      << u"something_new"_s << QString();
    QTest::addRow("github 200 form error")
        << answer(200, "application/x-www-form-urlencoded",
               "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.&error_uri=https%3A%2F%2Fdocs.github.com")
        << Kind::ReconnectNeeded << u"bad_verification_code"_s << u"The code passed is incorrect or expired."_s;
    QTest::addRow("github 200 json error") << answer(200, json, R"({"error":"incorrect_client_credentials"})")
                                           << Kind::Configuration << u"incorrect_client_credentials"_s << QString();
    QTest::addRow("slack ok:false") << answer(200, json, R"({"ok":false,"error":"invalid_code"})") << Kind::ReconnectNeeded
                                    << u"invalid_code"_s << QString();
    QTest::addRow("slack refresh ok:false") << answer(200, json, R"({"ok":false,"error":"invalid_refresh_token"})")
                                            << Kind::ReconnectNeeded << u"invalid_refresh_token"_s << QString();
    QTest::addRow("ok:false without code") << answer(200, json, R"({"ok":false})") << Kind::Provider << u"unknown_error"_s
                                           << QString();
    QTest::addRow("error object") << answer(400, json, R"({"error":{"code":"invalid_grant","message":"gone"}})")
                                  << Kind::ReconnectNeeded << u"invalid_grant"_s << u"gone"_s;
    QTest::addRow("500 html") << answer(500, "text/html", "<html>oops</html>") << Kind::Transient << QString() << QString();
    QTest::addRow("502 no body") << answer(502, {}, {}) << Kind::Transient << QString() << QString();
    QTest::addRow("503 temporarily_unavailable") << answer(503, json, R"({"error":"temporarily_unavailable"})")
                                                 << Kind::Transient << u"temporarily_unavailable"_s << QString();
    QTest::addRow("400 temporarily_unavailable") << answer(400, json, R"({"error":"temporarily_unavailable"})")
                                                 << Kind::Transient << u"temporarily_unavailable"_s << QString();
    // A broken server must not make Authdesk throw away a grant that may still be good.
    QTest::addRow("500 invalid_grant") << answer(500, json, R"({"error":"invalid_grant"})") << Kind::Transient
                                       << u"invalid_grant"_s << QString();
    QTest::addRow("429") << answer(429, json, R"({"error":"rate_limited"})", {{"Retry-After", "30"}}) << Kind::Transient
                         << u"rate_limited"_s << QString();
    QTest::addRow("200 html") << answer(200, "text/html", "<html>Sign in</html>") << Kind::Provider << QString() << QString();
    QTest::addRow("200 json array") << answer(200, json, "[1,2]") << Kind::Provider << QString() << QString();
    QTest::addRow("200 truncated json") << answer(200, json, R"({"access_token":"a")") << Kind::Provider << QString()
                                        << QString();
    QTest::addRow("200 no access_token") << answer(200, json, R"({"token_type":"bearer"})") << Kind::Provider << QString()
                                         << QString();
    QTest::addRow("200 empty access_token") << answer(200, json, R"({"access_token":""})") << Kind::Provider << QString()
                                            << QString();
    QTest::addRow("200 text/plain prose") << answer(200, "text/plain", "Service unavailable, try later") << Kind::Provider
                                          << QString() << QString();
    QTest::addRow("302") << answer(302, {}, {}, {{"Location", "https://login.example/?code=zzz"}}) << Kind::Provider
                         << QString() << QString();
    QTest::addRow("oversized") << answer(200, json, R"({"access_token":")" + QByteArray(1024 * 1024, 'a') + R"("})")
                               << Kind::Provider << QString() << QString();
}

void tst_TokenResponseParser::errors()
{
    QFETCH(EndpointResponse, response);
    QFETCH(TokenError::Kind, kind);
    QFETCH(QString, error);
    QFETCH(QString, description);
    const auto parsed = TokenResponseParser::parseTokenResponse(response, m_clock.nowUtc());
    QVERIFY(!parsed.hasValue());
    QCOMPARE(parsed.error().kind, kind);
    QCOMPARE(parsed.error().error, error);
    QCOMPARE(parsed.error().errorDescription, description);
    QCOMPARE(parsed.error().httpStatus, response.status);
    QVERIFY(!parsed.error().message.isEmpty());
    if (!error.isEmpty())
        QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
    if (QTest::currentDataTag() == QByteArrayView("github 200 form error"))
        QCOMPARE(parsed.error().errorUri, u"https://docs.github.com"_s);
    if (QTest::currentDataTag() == QByteArrayView("429"))
        QCOMPARE(parsed.error().retryAfter, std::optional(std::chrono::seconds(30)));
    if (QTest::currentDataTag() == QByteArrayView("302"))
        QVERIFY2(!parsed.error().message.contains(u"zzz"_s), qPrintable(parsed.error().message));
}

void tst_TokenResponseParser::errorMessageIsSafe()
{
    // A provider that echoes what it was sent must not get a secret into Authdesk's messages.
    const auto parsed = TokenResponseParser::parseTokenResponse(
        answer(400, "application/json",
            R"({"error":"invalid_request","error_description":"bad body: refresh_token=r0tat3d&client_secret=sup3r\n"})"),
        m_clock.nowUtc());
    QVERIFY(!parsed.hasValue());
    QVERIFY2(!parsed.error().message.contains(u"r0tat3d"_s), qPrintable(parsed.error().message));
    QVERIFY2(!parsed.error().message.contains(u"sup3r"_s), qPrintable(parsed.error().message));
    QVERIFY(!parsed.error().message.contains(u'\n'));
}

void tst_TokenResponseParser::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("seconds"); // -1: none
    QTest::addRow("seconds") << QByteArray("120") << qint64(120);
    QTest::addRow("spaces") << QByteArray(" 5 ") << qint64(5);
    QTest::addRow("http date") << QByteArray("Wed, 01 Jan 2025 12:01:30 GMT") << qint64(90); // clock: 12:00:00
    QTest::addRow("past date") << QByteArray("Wed, 01 Jan 2025 11:00:00 GMT") << qint64(0);
    QTest::addRow("capped") << QByteArray("99999999") << qint64(24 * 3600);
    QTest::addRow("negative") << QByteArray("-1") << qint64(-1);
    QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::addRow("empty") << QByteArray() << qint64(-1);
}

void tst_TokenResponseParser::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, seconds);
    const auto parsed = TokenResponseParser::retryAfter(value, m_clock.nowUtc());
    if (seconds < 0)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional(std::chrono::seconds(seconds)));
}

void tst_TokenResponseParser::grantedScopes()
{
    const auto github = TokenResponseParser::parseTokenResponse(
        answer(200, "application/x-www-form-urlencoded", "access_token=a&scope=repo%2Cgist&token_type=bearer"), m_clock.nowUtc());
    QVERIFY(github.hasValue());
    QCOMPARE(github->grantedScopes(), (QStringList{u"repo"_s, u"gist"_s}));
    QCOMPARE(github->tokenType(), u"bearer"_s);
    const auto spaced = TokenResponseParser::parseTokenResponse(
        answer(200, "application/json", R"({"access_token":"a","scope":"openid  email offline_access"})"), m_clock.nowUtc());
    QCOMPARE(spaced->grantedScopes(), (QStringList{u"openid"_s, u"email"_s, u"offline_access"_s}));
}

void tst_TokenResponseParser::revocation_data()
{
    using Kind = TokenError::Kind;
    QTest::addColumn<EndpointResponse>("response");
    QTest::addColumn<int>("kind"); // -1: revoked
    QTest::addRow("200 empty") << answer(200, {}, {}) << -1;
    QTest::addRow("200 body ignored") << answer(200, "application/json", R"({"error":"whatever"})") << -1;
    QTest::addRow("204") << answer(204, {}, {}) << -1;
    QTest::addRow("503") << answer(503, {}, {}, {{"Retry-After", "3"}}) << int(Kind::Transient);
    QTest::addRow("unsupported_token_type") << answer(400, "application/json", R"({"error":"unsupported_token_type"})")
                                            << int(Kind::Unsupported);
    QTest::addRow("invalid_client") << answer(401, "application/json", R"({"error":"invalid_client"})")
                                    << int(Kind::Configuration);
}

void tst_TokenResponseParser::revocation()
{
    QFETCH(EndpointResponse, response);
    QFETCH(int, kind);
    const auto error = TokenResponseParser::parseRevocationResponse(response, m_clock.nowUtc());
    if (kind < 0) {
        QVERIFY(!error);
        return;
    }
    QVERIFY(error);
    QCOMPARE(int(error->kind), kind);
    if (response.status == 503)
        QCOMPARE(error->retryAfter, std::optional(std::chrono::seconds(3)));
}

void tst_TokenResponseParser::mergeKeepsRefreshToken()
{
    const QJsonObject stored{{u"access_token"_s, u"old-at"_s}, {u"refresh_token"_s, u"old-rt"_s},
        {u"refresh_token_expires_in"_s, 86400}, {u"expires_in"_s, 3600}, {u"instance_url"_s, u"https://x"_s},
        {u"cloudId"_s, u"c1"_s}};
    const QJsonObject response{{u"access_token"_s, u"new-at"_s}, {u"token_type"_s, u"Bearer"_s}};
    const QJsonObject merged = mergeRefreshedCredentials(stored, response);
    QCOMPARE(merged.value("access_token"_L1).toString(), u"new-at"_s);
    QCOMPARE(merged.value("refresh_token"_L1).toString(), u"old-rt"_s); // RFC 6749 §6: no new one, keep the old
    QCOMPARE(merged.value("refresh_token_expires_in"_L1).toInt(), 86400);
    QCOMPARE(merged.value("cloudId"_L1).toString(), u"c1"_s); // hook-added fields survive
    QCOMPARE(merged.value("instance_url"_L1).toString(), u"https://x"_s);
    QVERIFY(!merged.contains("expires_in"_L1)); // the old lifetime does not describe the new token
    QCOMPARE(merged.value("token_type"_L1).toString(), u"Bearer"_s);

    // An empty refresh_token is no new token either.
    const QJsonObject emptyRt = mergeRefreshedCredentials(stored, {{u"access_token"_s, u"a"_s}, {u"refresh_token"_s, u""_s}});
    QCOMPARE(emptyRt.value("refresh_token"_L1).toString(), u"old-rt"_s);
}

void tst_TokenResponseParser::mergeRotatesRefreshToken()
{
    const QJsonObject stored{{u"access_token"_s, u"old-at"_s}, {u"refresh_token"_s, u"old-rt"_s},
        {u"refresh_token_expires_in"_s, 86400}};
    const QJsonObject response{{u"access_token"_s, u"new-at"_s}, {u"refresh_token"_s, u"new-rt"_s}, {u"expires_in"_s, u"60"_s}};
    const QJsonObject merged = mergeRefreshedCredentials(stored, response);
    QCOMPARE(merged.value("refresh_token"_L1).toString(), u"new-rt"_s);
    QVERIFY(!merged.contains("refresh_token_expires_in"_L1));
    QCOMPARE(merged.value("expires_in"_L1).toString(), u"60"_s);
}

void tst_TokenResponseParser::errorKindsMapOntoErrorCodes()
{
    using Kind = TokenError::Kind;
    const std::pair<Kind, ErrorCode> expected[] = {{Kind::ReconnectNeeded, ErrorCode::Provider},
        {Kind::Configuration, ErrorCode::Provider}, {Kind::Transient, ErrorCode::Provider},
        {Kind::Provider, ErrorCode::Provider}, {Kind::Unsupported, ErrorCode::Provider},
        {Kind::Refused, ErrorCode::Validation}, {Kind::Cancelled, ErrorCode::Denied}};
    for (const auto &[kind, code] : expected) {
        TokenError error;
        error.kind = kind;
        error.error = u"invalid_grant"_s;
        error.errorDescription = u"d"_s;
        const Error mapped = error.toError();
        QCOMPARE(mapped.code, code);
        QCOMPARE(mapped.providerError, u"invalid_grant"_s);
        QCOMPARE(mapped.providerErrorDescription, u"d"_s);
    }
}

void tst_TokenResponseParser::clocks()
{
    const Clock &system = Clock::system();
    QCOMPARE(&system, &Clock::system());
    QCOMPARE(system.nowUtc().timeSpec(), Qt::UTC);
    QVERIFY(qAbs(system.nowUtc().secsTo(QDateTime::currentDateTimeUtc())) < 60);
    const auto before = system.monotonic();
    QVERIFY(system.monotonic() >= before);

    // The manual clock moves only when told; a wall-clock jump leaves the monotonic reading alone.
    Test::ManualClock manual;
    const QDateTime start = manual.nowUtc();
    manual.advance(std::chrono::seconds(90));
    QCOMPARE(manual.nowUtc(), start.addSecs(90));
    QCOMPARE(manual.monotonic(), std::chrono::milliseconds(90000));
    manual.setNowUtc(start.addDays(-1));
    QCOMPARE(manual.nowUtc(), start.addDays(-1));
    QCOMPARE(manual.monotonic(), std::chrono::milliseconds(90000));
    // Expiry follows the clock the response was read with.
    const auto parsed = TokenResponseParser::parseTokenResponse(
        answer(200, "application/json", R"({"access_token":"a","expires_in":10})"), manual.nowUtc());
    QCOMPARE(parsed->expiresAt(), start.addDays(-1).addSecs(10));
}

QTEST_GUILESS_MAIN(tst_TokenResponseParser)
#include "tst_tokenresponseparser.moc"
