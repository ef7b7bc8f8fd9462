#include "localhttpserver.h"
#include "manualclock.h"
#include "tokenquirkserver.h"

#include "oauth/metadatadiscoveryjob.h"
#include "oauth/revocationjob.h"
#include "oauth/tokenclient.h"
#include "oauth/tokenrequestjob.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;
using Quirk = Test::TokenQuirkServer;

namespace {

// Secrets with every character that form encoding gets wrong somewhere (check 8).
const QString clientId = u"my id+1"_s;
const QString clientSecret = u"s+cr&t= %/="_s;
const QString code = u"4/0Ab+c&d=e%f g"_s;
const QString verifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s;
const QString redirectUri = u"http://127.0.0.1:49152/callback"_s;
const QString refreshToken = u"r+t/1=="_s;
const QString accessToken = u"at+/=&%x"_s;
const QString rotatedRefreshToken = u"rt2+/="_s;

OAuthConfig configFor(const Quirk &server, ClientAuthLocation location, const QString &secret = clientSecret)
{
    OAuthConfig config;
    config.authorizeUri = server.url(u"/authorize"_s);
    config.tokenUri = server.tokenUrl();
    config.revokeUri = server.revokeUrl();
    config.clientId = clientId;
    config.clientSecret = secret;
    config.clientAuthLocation = location;
    config.scopes = {u"openid"_s, u"offline_access"_s, u"https://graph.microsoft.com/User.Read"_s};
    return config;
}

RefreshGrant refreshGrant(const QString &token)
{
    return {token, false, {}};
}

AuthorizationCodeGrant codeGrant()
{
    return {code, redirectUri, verifier, {}};
}

// Runs a job to its end; the job must finish exactly once and never inside start().
template <typename Job> bool run(Job *job)
{
    QSignalSpy finished(job, &Job::finished);
    job->start();
    if (finished.size() != 0)
        return false;
    if (!finished.wait(20000))
        return false;
    QTest::qWait(0); // a second emission would be queued behind the first
    return finished.size() == 1 && job->isFinished();
}

QString describe(const std::optional<TokenError> &error)
{
    return error ? error->toString() : u"no error"_s;
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

Q_DECLARE_METATYPE(Authdesk::ClientAuthLocation)

// The token client against real sockets: a quirk server per provider behaviour
// (oauth-standards-and-qt.md checks 7-10 and 12, §A.6, §A.7, §B; connectors/README.md).
class tst_TokenClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientAuthentication_data();
    void clientAuthentication();
    void codeExchangeBody();
    void publicClientCodeExchange();
    void refreshBody();
    void refreshWithScopeAndExtras();
    void refreshKeepsOldRefreshToken();
    void refreshRotates();
    void responseShapes_data();
    void responseShapes();
    void providerErrors_data();
    void providerErrors();
    void slowServerTimesOut();
    void connectionRefusedIsTransient();
    void plainHttpRefused();
    void killCancels();
    void revocation_data();
    void revocation();
    void revocationWithoutEndpoint();
    void metadataDiscovery_data();
    void metadataDiscovery();
    void metadataIssuerMismatch();
    void noSecretInLogs();

private:
    Test::ManualClock m_clock;
};

void tst_TokenClient::clientAuthentication_data()
{
    QTest::addColumn<ClientAuthLocation>("location");
    QTest::addColumn<Quirk::ClientAuth>("server");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("basic");
    QTest::addColumn<bool>("secretInBody");
    QTest::addRow("headers vs basic-only") << ClientAuthLocation::Headers << Quirk::ClientAuth::BasicOnly << true << true << false;
    QTest::addRow("headers vs body-only") << ClientAuthLocation::Headers << Quirk::ClientAuth::BodyOnly << false << true << false;
    QTest::addRow("body vs body-only") << ClientAuthLocation::Body << Quirk::ClientAuth::BodyOnly << true << false << true;
    QTest::addRow("body vs basic-only") << ClientAuthLocation::Body << Quirk::ClientAuth::BasicOnly << false << false << true;
    QTest::addRow("unset sends both") << ClientAuthLocation::Unset << Quirk::ClientAuth::Either << true << true << true;
    QTest::addRow("headers vs either") << ClientAuthLocation::Headers << Quirk::ClientAuth::Either << true << true << false;
    QTest::addRow("body vs either") << ClientAuthLocation::Body << Quirk::ClientAuth::Either << true << false << true;
}

void tst_TokenClient::clientAuthentication()
{
    QFETCH(ClientAuthLocation, location);
    QFETCH(Quirk::ClientAuth, server);
    QFETCH(bool, accepted);
    QFETCH(bool, basic);
    QFETCH(bool, secretInBody);

    Quirk quirk(clientId, clientSecret);
    quirk.setClientAuth(server);
    quirk.setAcceptedCode(code);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.exchangeCode(configFor(quirk, location), codeGrant());
    QVERIFY(run(job));
    QCOMPARE(quirk.requests().size(), 1);
    const auto &request = quirk.requests().first();
    QCOMPARE(request.headers.contains("authorization"), basic);
    if (basic)
        QCOMPARE(request.headers.value("authorization"),
            "Basic " + QByteArray("my%20id%2B1:s%2Bcr%26t%3D%20%25%2F%3D").toBase64());
    QCOMPARE(Quirk::hasField(request, u"client_secret"_s), secretInBody);
    QCOMPARE(Quirk::hasField(request, u"client_id"_s), secretInBody);
    if (accepted) {
        QVERIFY2(!job->error(), qPrintable(describe(job->error())));
        QCOMPARE(job->response()->accessToken(), u"at-1"_s);
    } else {
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, TokenError::Kind::Configuration);
        QCOMPARE(job->error()->error, u"invalid_client"_s);
        QCOMPARE(job->error()->httpStatus, 401);
        QVERIFY(!job->response());
    }
}

void tst_TokenClient::codeExchangeBody()
{
    Quirk quirk(clientId, clientSecret);
    quirk.setAcceptedCode(code);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.exchangeCode(configFor(quirk, ClientAuthLocation::Body), codeGrant());
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    const auto &request = quirk.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/token"));
    QCOMPARE(request.headers.value("accept"), QByteArray("application/json"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(request.body,
        QByteArray("grant_type=authorization_code&code=4%2F0Ab%2Bc%26d%3De%25f%20g"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A49152%2Fcallback"
                   "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
                   "&client_id=my%20id%2B1&client_secret=s%2Bcr%26t%3D%20%25%2F%3D"));
    QCOMPARE(job->grant(), TokenRequestJob::Grant::AuthorizationCode);
    QCOMPARE(job->response()->expiresAt(), m_clock.nowUtc().addSecs(3600));
    // The inspector's record has the exchange without its secrets.
    QCOMPARE(job->exchange().status, 200);
    QVERIFY(!job->exchange().requestBody.contains("4%2F0Ab"));
    QVERIFY(job->exchange().requestBody.contains("grant_type=authorization_code"));

    // Without PKCE there is no code_verifier at all.
    Quirk noPkce(clientId, clientSecret);
    noPkce.setAcceptedCode(code);
    TokenRequestJob *second = client.exchangeCode(configFor(noPkce, ClientAuthLocation::Body), {code, redirectUri, {}, {}});
    QVERIFY(run(second));
    QVERIFY(!Quirk::hasField(noPkce.requests().first(), u"code_verifier"_s));
}

void tst_TokenClient::publicClientCodeExchange()
{
    // Public clients (Microsoft desktop, Slack/Zoom PKCE): client_id in the body and nothing else,
    // whatever the location says; an empty secret is no secret.
    for (const ClientAuthLocation location : {ClientAuthLocation::Unset, ClientAuthLocation::Headers, ClientAuthLocation::Body}) {
        Quirk quirk(clientId, QString());
        quirk.setClientAuth(Quirk::ClientAuth::Public);
        quirk.setAcceptedCode(code);
        TokenClient client(m_clock);
        TokenRequestJob *job = client.exchangeCode(configFor(quirk, location, QString()), codeGrant());
        QVERIFY(run(job));
        QVERIFY2(!job->error(), qPrintable(describe(job->error()) + quirk.lastRejection()));
        const auto &request = quirk.requests().first();
        QVERIFY(!request.headers.contains("authorization"));
        QVERIFY(!request.body.contains("client_secret"));
        QCOMPARE(Quirk::field(request, u"client_id"_s), clientId);
    }
}

void tst_TokenClient::refreshBody()
{
    Quirk quirk(clientId, clientSecret);
    quirk.setAcceptedRefreshToken(refreshToken);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.refresh(configFor(quirk, ClientAuthLocation::Body), refreshGrant(refreshToken));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    QCOMPARE(job->grant(), TokenRequestJob::Grant::RefreshToken);
    // Check 8 and 10: the token fully encoded, no redirect_uri, no scope unless asked.
    QCOMPARE(quirk.requests().first().body,
        QByteArray("grant_type=refresh_token&refresh_token=r%2Bt%2F1%3D%3D"
                   "&client_id=my%20id%2B1&client_secret=s%2Bcr%26t%3D%20%25%2F%3D"));

    // A public client's refresh has no client_secret= at all (Microsoft AADSTS700025).
    Quirk publicServer(clientId, QString());
    publicServer.setClientAuth(Quirk::ClientAuth::Public);
    publicServer.setAcceptedRefreshToken(refreshToken);
    TokenRequestJob *publicJob = client.refresh(configFor(publicServer, ClientAuthLocation::Unset, QString()), refreshGrant(refreshToken));
    QVERIFY(run(publicJob));
    QVERIFY2(!publicJob->error(), qPrintable(describe(publicJob->error())));
    QCOMPARE(publicServer.requests().first().body,
        QByteArray("grant_type=refresh_token&refresh_token=r%2Bt%2F1%3D%3D&client_id=my%20id%2B1"));
}

void tst_TokenClient::refreshWithScopeAndExtras()
{
    Quirk quirk(clientId, clientSecret);
    quirk.setAcceptedRefreshToken(refreshToken);
    TokenClient client(m_clock);
    RefreshGrant grant{refreshToken, true, {{u"resource"_s, u"https://graph"_s}, {u"grant_type"_s, u"password"_s},
                                               {u"client_secret"_s, u"override"_s}}};
    TokenRequestJob *job = client.refresh(configFor(quirk, ClientAuthLocation::Headers), grant);
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    // Scope for Microsoft; extras last and never replacing a protocol or security parameter.
    QCOMPARE(quirk.requests().first().body,
        QByteArray("grant_type=refresh_token&refresh_token=r%2Bt%2F1%3D%3D"
                   "&scope=openid%20offline_access%20https%3A%2F%2Fgraph.microsoft.com%2FUser.Read"
                   "&resource=https%3A%2F%2Fgraph"));
}

void tst_TokenClient::refreshKeepsOldRefreshToken()
{
    Quirk quirk(clientId, clientSecret);
    quirk.setAcceptedRefreshToken(refreshToken);
    quirk.setIssued(accessToken, QString(), 60); // no refresh_token in the answer
    TokenClient client(m_clock);
    TokenRequestJob *job = client.refresh(configFor(quirk, ClientAuthLocation::Body), refreshGrant(refreshToken));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    QVERIFY(job->response()->refreshToken().isEmpty());
    const QJsonObject stored{{u"access_token"_s, u"old"_s}, {u"refresh_token"_s, refreshToken}, {u"realmId"_s, u"42"_s}};
    const QJsonObject merged = mergeRefreshedCredentials(stored, job->response()->fields);
    QCOMPARE(merged.value("access_token"_L1).toString(), accessToken);
    QCOMPARE(merged.value("refresh_token"_L1).toString(), refreshToken);
    QCOMPARE(merged.value("realmId"_L1).toString(), u"42"_s);
}

void tst_TokenClient::refreshRotates()
{
    Quirk quirk(clientId, clientSecret);
    quirk.setAcceptedRefreshToken(refreshToken);
    quirk.setIssued(accessToken, rotatedRefreshToken, 60);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.refresh(configFor(quirk, ClientAuthLocation::Body), refreshGrant(refreshToken));
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    const QJsonObject merged
        = mergeRefreshedCredentials({{u"refresh_token"_s, refreshToken}}, job->response()->fields);
    QCOMPARE(merged.value("refresh_token"_L1).toString(), rotatedRefreshToken);

    // The old token is gone at the server now: reusing it is invalid_grant -> reconnect.
    quirk.setAcceptedRefreshToken(rotatedRefreshToken);
    TokenRequestJob *reuse = client.refresh(configFor(quirk, ClientAuthLocation::Body), refreshGrant(refreshToken));
    QVERIFY(run(reuse));
    QVERIFY(reuse->error());
    QCOMPARE(reuse->error()->kind, TokenError::Kind::ReconnectNeeded);
}

void tst_TokenClient::responseShapes_data()
{
    QTest::addColumn<Quirk::Shape>("shape");
    QTest::addColumn<QJsonValue>("expiresIn");
    QTest::addColumn<qint64>("seconds");
    QTest::addRow("json") << Quirk::Shape::Json << QJsonValue(3600) << qint64(3600);
    QTest::addRow("github form") << Quirk::Shape::Form << QJsonValue(28800) << qint64(28800);
    QTest::addRow("text/plain json") << Quirk::Shape::TextPlainJson << QJsonValue(60) << qint64(60);
    QTest::addRow("string expires_in") << Quirk::Shape::Json << QJsonValue(u"3599"_s) << qint64(3599);
    QTest::addRow("no expires_in") << Quirk::Shape::Json << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::addRow("slack nested") << Quirk::Shape::SlackNested << QJsonValue(43200) << qint64(-1);
}

void tst_TokenClient::responseShapes()
{
    QFETCH(Quirk::Shape, shape);
    QFETCH(QJsonValue, expiresIn);
    QFETCH(qint64, seconds);
    Quirk quirk(clientId, clientSecret);
    quirk.setShape(shape);
    quirk.setAcceptedCode(code);
    quirk.setIssued(accessToken, rotatedRefreshToken, expiresIn);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.exchangeCode(configFor(quirk, ClientAuthLocation::Unset), codeGrant());
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    const TokenResponse &response = *job->response();
    if (shape == Quirk::Shape::SlackNested) {
        // Kept as returned: the connector's hook lifts the user token.
        QVERIFY(response.accessToken().isEmpty());
        const QJsonObject user = response.fields.value("authed_user"_L1).toObject();
        QCOMPARE(user.value("access_token"_L1).toString(), accessToken);
        QCOMPARE(user.value("refresh_token"_L1).toString(), rotatedRefreshToken);
        QCOMPARE(user.value("expires_in"_L1).toInt(), 43200);
    } else {
        QCOMPARE(response.accessToken(), accessToken);
        QCOMPARE(response.refreshToken(), rotatedRefreshToken);
        QCOMPARE(response.tokenType().toLower(), u"bearer"_s);
    }
    if (seconds < 0)
        QVERIFY(!response.expiresAt().isValid());
    else
        QCOMPARE(response.expiresAt(), m_clock.nowUtc().addSecs(seconds));
}

void tst_TokenClient::providerErrors_data()
{
    using Kind = TokenError::Kind;
    QTest::addColumn<Quirk::Failure>("failure");
    QTest::addColumn<TokenError::Kind>("kind");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("retryAfter");
    QTest::addRow("github error in 200") << Quirk::Failure::GithubErrorIn200 << Kind::ReconnectNeeded
                                         << u"bad_verification_code"_s << 200 << qint64(-1);
    QTest::addRow("slack ok:false") << Quirk::Failure::SlackOkFalse << Kind::ReconnectNeeded << u"invalid_code"_s << 200
                                    << qint64(-1);
    QTest::addRow("400 invalid_grant") << Quirk::Failure::InvalidGrant << Kind::ReconnectNeeded << u"invalid_grant"_s << 400
                                       << qint64(-1);
    QTest::addRow("401 invalid_client") << Quirk::Failure::InvalidClient << Kind::Configuration << u"invalid_client"_s
                                        << 401 << qint64(-1);
    QTest::addRow("500 html") << Quirk::Failure::ServerError << Kind::Transient << QString() << 500 << qint64(-1);
    QTest::addRow("503 temporarily_unavailable") << Quirk::Failure::TemporarilyUnavailable << Kind::Transient
                                                 << u"temporarily_unavailable"_s << 503 << qint64(7);
    QTest::addRow("429 Retry-After") << Quirk::Failure::RateLimited << Kind::Transient << u"rate_limited"_s << 429
                                     << qint64(30);
    QTest::addRow("oversized body") << Quirk::Failure::Oversized << Kind::Provider << QString() << 200 << qint64(-1);
    QTest::addRow("non-json body") << Quirk::Failure::NonJson << Kind::Provider << QString() << 200 << qint64(-1);
}

void tst_TokenClient::providerErrors()
{
    QFETCH(Quirk::Failure, failure);
    QFETCH(TokenError::Kind, kind);
    QFETCH(QString, error);
    QFETCH(int, status);
    QFETCH(qint64, retryAfter);
    Quirk quirk(clientId, clientSecret);
    quirk.setFailure(failure);
    quirk.setAcceptedCode(code);
    TokenClient client(m_clock);
    TokenRequestJob *job = client.exchangeCode(configFor(quirk, ClientAuthLocation::Unset), codeGrant());
    QVERIFY(run(job));
    QVERIFY(!job->response());
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, kind);
    QCOMPARE(job->error()->error, error);
    QCOMPARE(job->error()->httpStatus, status);
    if (retryAfter >= 0)
        QCOMPARE(job->error()->retryAfter, std::optional(std::chrono::seconds(retryAfter)));
    const QString message = job->error()->message;
    QVERIFY2(message.contains(quirk.tokenUrl().toString()), qPrintable(message)); // names the endpoint
    if (!error.isEmpty())
        QVERIFY2(message.contains(error), qPrintable(message));
    if (failure == Quirk::Failure::GithubErrorIn200) {
        QCOMPARE(job->error()->errorDescription, u"The code passed is incorrect or expired."_s);
        QCOMPARE(job->error()->errorUri, u"https://docs.github.com/troubleshooting"_s);
    }
    const Error mapped = job->error()->toError();
    QCOMPARE(mapped.code, ErrorCode::Provider);
    QCOMPARE(mapped.providerError, error);
}

void tst_TokenClient::slowServerTimesOut()
{
    // Accepts the connection, reads the request and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&silent, &held] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held.append(socket);
    });
    OAuthConfig config;
    config.tokenUri = QUrl(u"http://127.0.0.1:%1/token"_s.arg(silent.serverPort()));
    config.clientId = clientId;
    TokenClient client(m_clock);
    QCOMPARE(client.timeout(), TokenClient::defaultTimeout);
    client.setTimeout(300ms);
    TokenRequestJob *job = client.refresh(config, refreshGrant(refreshToken));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, TokenError::Kind::Transient);
    QCOMPARE(job->error()->httpStatus, 0);
    QVERIFY2(job->error()->message.contains(u"did not answer within 300 ms"_s), qPrintable(job->error()->message));
    QCOMPARE(held.size(), 1);
}

void tst_TokenClient::connectionRefusedIsTransient()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    } // closed again: nothing listens there now
    OAuthConfig config;
    config.tokenUri = QUrl(u"http://127.0.0.1:%1/token"_s.arg(port));
    config.clientId = clientId;
    TokenClient client(m_clock);
    TokenRequestJob *job = client.refresh(config, refreshGrant(refreshToken));
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, TokenError::Kind::Transient);
    QVERIFY2(job->error()->message.contains(u"could not be reached"_s), qPrintable(job->error()->message));
}

void tst_TokenClient::plainHttpRefused()
{
    OAuthConfig config;
    config.tokenUri = QUrl(u"http://auth.authdesk.invalid/oauth/token"_s);
    config.revokeUri = QUrl(u"http://auth.authdesk.invalid/oauth/revoke"_s);
    config.clientId = clientId;
    config.clientSecret = clientSecret;
    TokenClient client(m_clock);

    TokenRequestJob *job = client.exchangeCode(config, codeGrant());
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, TokenError::Kind::Refused);
    QCOMPARE(job->error()->toError().code, ErrorCode::Validation);
    QVERIFY2(job->error()->message.contains(u"tokenUri"_s), qPrintable(job->error()->message));
    QVERIFY2(job->error()->message.contains(u"http://auth.authdesk.invalid/oauth/token"_s), qPrintable(job->error()->message));
    QCOMPARE(job->exchange().status, 0); // nothing was sent

    RevocationJob *revocation = client.revoke(config, {refreshToken, u"refresh_token"_s});
    QVERIFY(run(revocation));
    QVERIFY(revocation->error());
    QCOMPARE(revocation->error()->kind, TokenError::Kind::Refused);
    QVERIFY2(revocation->error()->message.contains(u"revokeUri"_s), qPrintable(revocation->error()->message));
}

void tst_TokenClient::killCancels()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    OAuthConfig config;
    config.tokenUri = QUrl(u"http://127.0.0.1:%1/token"_s.arg(silent.serverPort()));
    config.clientId = clientId;
    TokenClient client(m_clock);
    TokenRequestJob *job = client.refresh(config, refreshGrant(refreshToken));
    QSignalSpy finished(job, &TokenRequestJob::finished);
    QSignalSpy connected(&silent, &QTcpServer::newConnection);
    job->start();
    QVERIFY(connected.wait(10000));
    job->kill();
    QCOMPARE(finished.size(), 1);
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, TokenError::Kind::Cancelled);
    QCOMPARE(job->error()->toError().code, ErrorCode::Denied);
    job->kill();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    delete job; // deleting a finished job is fine, and so is deleting the client with jobs left
}

void tst_TokenClient::revocation_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("kind"); // -1: revoked
    QTest::addRow("200") << 200 << QByteArray() << QByteArray() << -1;
    QTest::addRow("503") << 503 << QByteArray() << QByteArray("12") << int(TokenError::Kind::Transient);
    QTest::addRow("unsupported_token_type") << 400 << QByteArray(R"({"error":"unsupported_token_type"})") << QByteArray()
                                            << int(TokenError::Kind::Unsupported);
}

void tst_TokenClient::revocation()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, kind);
    Quirk quirk(clientId, clientSecret);
    quirk.setClientAuth(Quirk::ClientAuth::BasicOnly);
    quirk.setRevocationAnswer(status, body, retryAfter);
    TokenClient client(m_clock);
    RevocationJob *job = client.revoke(configFor(quirk, ClientAuthLocation::Headers), {refreshToken, u"refresh_token"_s});
    QVERIFY(run(job));
    QCOMPARE(quirk.requests().size(), 1);
    const auto &request = quirk.requests().first();
    QCOMPARE(request.target, QByteArray("/revoke"));
    // RFC 7009 §2.1, with the token endpoint's client authentication.
    QCOMPARE(request.body, QByteArray("token=r%2Bt%2F1%3D%3D&token_type_hint=refresh_token"));
    QVERIFY(request.headers.value("authorization").startsWith("Basic "));
    if (kind < 0) {
        QVERIFY2(job->isRevoked(), qPrintable(describe(job->error())));
        return;
    }
    QVERIFY(!job->isRevoked());
    QCOMPARE(int(job->error()->kind), kind);
    if (!retryAfter.isEmpty())
        QCOMPARE(job->error()->retryAfter, std::optional(std::chrono::seconds(retryAfter.toInt())));
}

void tst_TokenClient::revocationWithoutEndpoint()
{
    OAuthConfig config;
    config.tokenUri = QUrl(u"https://auth.authdesk.invalid/token"_s);
    config.clientId = clientId;
    TokenClient client(m_clock);
    RevocationJob *job = client.revoke(config, {accessToken, u"access_token"_s});
    QVERIFY(run(job));
    QVERIFY(job->error());
    QCOMPARE(job->error()->kind, TokenError::Kind::Unsupported);
    QVERIFY2(job->error()->message.contains(u"revokeUri"_s), qPrintable(job->error()->message));
}

void tst_TokenClient::metadataDiscovery_data()
{
    QTest::addColumn<QString>("issuerPath");
    QTest::addColumn<QString>("documentPath");
    QTest::addColumn<int>("attempts");
    QTest::addRow("rfc 8414, no path") << QString() << u"/.well-known/oauth-authorization-server"_s << 1;
    QTest::addRow("rfc 8414, tenant path") << u"/tenant1"_s << u"/.well-known/oauth-authorization-server/tenant1"_s << 1;
    QTest::addRow("openid fallback") << u"/tenant1"_s << u"/tenant1/.well-known/openid-configuration"_s << 2;
    QTest::addRow("openid fallback, no path") << QString() << u"/.well-known/openid-configuration"_s << 2;
}

void tst_TokenClient::metadataDiscovery()
{
    QFETCH(QString, issuerPath);
    QFETCH(QString, documentPath);
    QFETCH(int, attempts);
    Quirk quirk(clientId, clientSecret);
    const QString issuer = quirk.url(issuerPath).toString();
    quirk.setDocument(documentPath,
        {{u"issuer"_s, issuer}, {u"authorization_endpoint"_s, QString(issuer + u"/authorize"_s)},
            {u"token_endpoint"_s, QString(issuer + u"/token"_s)}, {u"revocation_endpoint"_s, QString(issuer + u"/revoke"_s)},
            {u"authorization_response_iss_parameter_supported"_s, true},
            {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}},
            {u"response_types_supported"_s, QJsonArray{u"code"_s}}});
    TokenClient client(m_clock);
    MetadataDiscoveryJob *job = client.discoverMetadata(issuer);
    QVERIFY(run(job));
    QVERIFY2(!job->error(), qPrintable(describe(job->error())));
    QCOMPARE(quirk.requests().size(), attempts);
    QCOMPARE(job->exchanges().size(), attempts);
    const AuthorizationServerMetadata &metadata = *job->metadata();
    QCOMPARE(metadata.issuer, issuer);
    QCOMPARE(metadata.tokenEndpoint, QUrl(issuer + u"/token"_s));
    QCOMPARE(metadata.revocationEndpoint, QUrl(issuer + u"/revoke"_s));
    QCOMPARE(metadata.authorizationEndpoint, QUrl(issuer + u"/authorize"_s));
    QVERIFY(metadata.authorizationResponseIssParameterSupported);
    QCOMPARE(metadata.codeChallengeMethodsSupported, QStringList{u"S256"_s});
    QCOMPARE(metadata.tokenEndpointAuthMethodsSupported, QStringList{u"client_secret_basic"_s}); // the default
    QCOMPARE(quirk.requests().first().headers.value("accept"), QByteArray("application/json"));
}

void tst_TokenClient::metadataIssuerMismatch()
{
    Quirk quirk(clientId, clientSecret);
    const QString issuer = quirk.url(u"/tenant1"_s).toString();
    // The first document names another issuer; the second would match, but a mismatch must stop
    // the discovery (RFC 8414 §3.3), not fall through.
    quirk.setDocument(u"/.well-known/oauth-authorization-server/tenant1"_s,
        {{u"issuer"_s, quirk.url(u"/tenant2"_s).toString()}, {u"token_endpoint"_s, u"https://evil.example/token"_s}});
    quirk.setDocument(u"/tenant1/.well-known/openid-configuration"_s,
        {{u"issuer"_s, issuer}, {u"token_endpoint"_s, QString(issuer + u"/token"_s)}});
    TokenClient client(m_clock);
    MetadataDiscoveryJob *job = client.discoverMetadata(issuer);
    QVERIFY(run(job));
    QVERIFY(job->error());
    QVERIFY(!job->metadata());
    QCOMPARE(job->error()->kind, TokenError::Kind::Provider);
    QVERIFY2(job->error()->message.contains(u"tenant2"_s), qPrintable(job->error()->message));
    QCOMPARE(quirk.requests().size(), 1);

    // A trailing slash is a different issuer too: exact comparison.
    Quirk slash(clientId, clientSecret);
    const QString base = slash.url(QString()).toString();
    slash.setDocument(u"/.well-known/oauth-authorization-server"_s, {{u"issuer"_s, QString(base + u"/"_s)}});
    MetadataDiscoveryJob *slashJob = client.discoverMetadata(base);
    QVERIFY(run(slashJob));
    QVERIFY(slashJob->error());

    // An http:// endpoint in the metadata is refused like one in a connector.
    Quirk insecure(clientId, clientSecret);
    const QString insecureIssuer = insecure.url(QString()).toString();
    insecure.setDocument(u"/.well-known/oauth-authorization-server"_s,
        {{u"issuer"_s, insecureIssuer}, {u"token_endpoint"_s, u"http://auth.authdesk.invalid/token"_s}});
    MetadataDiscoveryJob *insecureJob = client.discoverMetadata(insecureIssuer);
    QVERIFY(run(insecureJob));
    QVERIFY(insecureJob->error());
    QVERIFY2(insecureJob->error()->message.contains(u"token_endpoint"_s), qPrintable(insecureJob->error()->message));

    // Nothing anywhere.
    Quirk empty(clientId, clientSecret);
    MetadataDiscoveryJob *none = client.discoverMetadata(empty.url(QString()).toString());
    QVERIFY(run(none));
    QVERIFY(none->error());
    QCOMPARE(none->error()->kind, TokenError::Kind::Provider);
    QCOMPARE(empty.requests().size(), 2);

    // An issuer that is not https:// is refused without a request.
    MetadataDiscoveryJob *plain = client.discoverMetadata(u"http://auth.authdesk.invalid"_s);
    QVERIFY(run(plain));
    QCOMPARE(plain->error()->kind, TokenError::Kind::Refused);
}

void tst_TokenClient::noSecretInLogs()
{
    // Every authdesk.* category at every level, whatever QT_LOGGING_RULES says.
    capturedLog.clear();
    previousFilter = QLoggingCategory::installFilter(enableAuthdeskCategories);
    previousHandler = qInstallMessageHandler(captureMessage);
    auto restore = qScopeGuard([] {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::installFilter(previousFilter);
    });

    TokenClient client(m_clock);
    {
        Quirk quirk(clientId, clientSecret);
        quirk.setAcceptedCode(code);
        quirk.setIssued(accessToken, rotatedRefreshToken, 60);
        QVERIFY(run(client.exchangeCode(configFor(quirk, ClientAuthLocation::Unset), codeGrant())));
        quirk.setAcceptedRefreshToken(refreshToken);
        QVERIFY(run(client.refresh(configFor(quirk, ClientAuthLocation::Unset), refreshGrant(refreshToken))));
        QVERIFY(run(client.revoke(configFor(quirk, ClientAuthLocation::Unset), {rotatedRefreshToken, u"refresh_token"_s})));
        // A failure, and a server that echoes the request into its error description.
        quirk.setAcceptedRefreshToken(u"other"_s);
        QVERIFY(run(client.refresh(configFor(quirk, ClientAuthLocation::Unset), refreshGrant(refreshToken))));
        quirk.setShape(Quirk::Shape::Form);
        quirk.setAcceptedRefreshToken(refreshToken);
        QVERIFY(run(client.refresh(configFor(quirk, ClientAuthLocation::Unset), refreshGrant(refreshToken))));
    }
    {
        Test::LocalHttpServer echo([](const Test::LocalHttpServer::Request &request) {
            Test::LocalHttpServer::Response response;
            response.status = 400;
            response.headers = {{"Content-Type", "application/json"}};
            response.body = R"({"error":"invalid_request","error_description":")" + request.body + R"("})";
            return response;
        });
        OAuthConfig config;
        config.tokenUri = echo.url(u"/token"_s);
        config.clientId = clientId;
        config.clientSecret = clientSecret;
        TokenRequestJob *job = client.exchangeCode(config, codeGrant());
        QVERIFY(run(job));
        QVERIFY(job->error());
        for (const QString &secret : {code, clientSecret, verifier})
            QVERIFY2(!job->error()->message.contains(QString::fromLatin1(FormEncoding::encodeComponent(secret))),
                qPrintable(job->error()->message));
    }

    // The debug lines with the (redacted) bodies were there to be checked.
    const QString all = capturedLog.join(u'\n');
    QVERIFY2(all.contains(u"authdesk.oauth: POST"_s), qPrintable(all));
    QVERIFY2(all.contains(u"body: grant_type=authorization_code&code=[redacted]"_s), qPrintable(all));
    QVERIFY2(all.contains(u"body: grant_type=refresh_token&refresh_token=[redacted]"_s), qPrintable(all));
    QVERIFY2(all.contains(u"body: token=[redacted]&token_type_hint=refresh_token"_s), qPrintable(all));
    QVERIFY2(all.contains(u"-> 200"_s), qPrintable(all));
    const QStringList secrets{code, verifier, clientSecret, refreshToken, accessToken, rotatedRefreshToken};
    for (const QString &line : std::as_const(capturedLog)) {
        for (const QString &secret : secrets) {
            for (const QString &form : {secret, QString::fromLatin1(FormEncoding::encodeComponent(secret)),
                     QString::fromLatin1(QUrl::toPercentEncoding(secret, "/"))}) {
                QVERIFY2(!line.contains(form), qPrintable(u"secret in log: "_s + line));
            }
        }
        // Nor the Basic credentials, which are base64 of the encoded id and secret.
        QVERIFY2(!line.contains(QString::fromLatin1(FormEncoding::basicAuthorization(clientId, clientSecret).mid(6))),
            qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_TokenClient)
#include "tst_tokenclient.moc"
