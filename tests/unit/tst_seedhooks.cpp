#include "localhttpserver.h"

#include "script/scriptjob.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::LocalHttpServer;

// The three JavaScript hooks of the seed document (seed-oauth2.md: getTokenData,
// getCredentialsFromTokenResponse, refreshCredentials), read from the document at test time and run
// verbatim — only the userinfo URL literal is pointed at a local server — in Node.js and in Authdesk
// (ScriptJob) with the same arguments against the same local token and userinfo endpoints. The
// results must be the same, and so must the requests the server received from each.
//
// The document is ../shared/reference/seed-oauth2.md next to the checkout when it is there, else the
// copy in tests/fixtures/reference (a clean CI checkout has only the copy); when both are there they
// must be identical, so the copy cannot drift.
class tst_SeedHooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void referenceCopyIsCurrent();
    void documentHasTheThreeHooks();
    void sameAsNode_data();
    void sameAsNode();

private:
    struct Outcome
    {
        QJsonObject output; // {"result": ...} or {"error": {...}}
        QList<LocalHttpServer::Request> requests;
        qint64 startedMs = 0;
        qint64 finishedMs = 0;
    };
    Outcome runInNode(const QString &hookFile, const QString &method, const QJsonObject &arguments);
    Outcome runInAuthdesk(const QString &hookFile, const QString &method, const QJsonObject &arguments);
    QString writeHook(const QString &method);

    QString m_document;
    QString m_node;
    QString m_scriptDir;
    QMap<QString, QString> m_hooks; // method name -> the block's source, verbatim
    QTemporaryDir m_folder;
    std::unique_ptr<LocalHttpServer> m_server;
};

namespace {

const QString sharedDocument = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/../shared/reference/seed-oauth2.md");
const QString documentCopy = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/fixtures/reference/seed-oauth2.md");
const QString userInfoLiteral = u"'https://api.example.com/userinfo'"_s;

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QJsonObject formToJson(const QByteArray &body)
{
    QJsonObject form;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const auto decode = [](QByteArray text) { return QUrl::fromPercentEncoding(text.replace('+', ' ')); };
        form.insert(decode(pair.left(equals)), decode(equals < 0 ? QByteArray() : pair.mid(equals + 1)));
    }
    return form;
}

LocalHttpServer::Response json(int status, const QJsonObject &body)
{
    LocalHttpServer::Response response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

// A token endpoint that answers what the seed's hooks expect, echoing the form it received (so the
// results also compare the encoding of the requests), and a userinfo endpoint that wants the token.
LocalHttpServer::Response serve(const LocalHttpServer::Request &request)
{
    const QByteArray path = request.target.split('?').value(0);
    if (path == "/token" && request.method == "POST") {
        const QJsonObject form = formToJson(request.body);
        const QString grant = form.value(u"grant_type"_s).toString();
        if (form.value(u"client_secret"_s).toString() != u"s+cr&t=/%20"_s)
            return json(401, {{u"error"_s, u"invalid_client"_s}, {u"error_description"_s, u"bad client secret"_s}});
        if (grant == u"authorization_code") {
            if (form.value(u"code"_s).toString() == u"expired-code")
                return json(400, {{u"error"_s, u"invalid_grant"_s}, {u"error_description"_s, u"code expired"_s}});
            return json(200, {{u"access_token"_s, QString(u"at/" + form.value(u"code"_s).toString())}, {u"refresh_token"_s, u"rt+1=="_s},
                                 {u"expires_in"_s, 3600}, {u"token_type"_s, u"Bearer"_s}, {u"received"_s, form}});
        }
        if (grant == u"refresh_token") {
            const QString refreshToken = form.value(u"refresh_token"_s).toString();
            QJsonObject body{{u"access_token"_s, QString(u"at2-" + refreshToken)}, {u"received"_s, form}};
            if (refreshToken == u"rotate+me")
                body.insert(u"refresh_token"_s, u"rotated/2"_s);
            if (refreshToken != u"no-expiry")
                body.insert(u"expires_in"_s, 1800);
            return json(200, body);
        }
        return json(400, {{u"error"_s, u"unsupported_grant_type"_s}});
    }
    if (path == "/userinfo") {
        const QByteArray authorization = request.headers.value("authorization");
        if (!authorization.startsWith("Bearer "))
            return json(401, {{u"error"_s, u"invalid_token"_s}});
        return json(200, {{u"id"_s, u"user-42"_s}, {u"name"_s, u"Ada Lovelace"_s},
                             {u"sawToken"_s, QString::fromUtf8(authorization.mid(7))}});
    }
    return json(404, {{u"error"_s, u"no route"_s}});
}

} // namespace

void tst_SeedHooks::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_document = readText(QFileInfo::exists(sharedDocument) ? sharedDocument : documentCopy);
    QVERIFY2(!m_document.isEmpty(), "seed-oauth2.md is missing");

    // ```javascript blocks whose first line names an auth/ file; the hook is the `exports.NAME` they define.
    static const QRegularExpression block(u"```javascript\\n(// File: auth/[^\\n]*\\n.*?)```"_s,
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression exportName(u"^exports\\.(\\w+) = "_s, QRegularExpression::MultilineOption);
    for (auto it = block.globalMatch(m_document); it.hasNext();) {
        const QString source = it.next().captured(1);
        const QString name = exportName.match(source).captured(1);
        if (!name.isEmpty())
            m_hooks.insert(name, source);
    }

    m_server = std::make_unique<LocalHttpServer>(serve);
    m_scriptDir = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/script");
    m_node = qEnvironmentVariable("AUTHDESK_TEST_NODE", QStandardPaths::findExecutable(u"node"_s));
}

void tst_SeedHooks::referenceCopyIsCurrent()
{
    if (!QFileInfo::exists(sharedDocument))
        QSKIP("../shared/reference is not next to this checkout; the committed copy is used");
    QVERIFY2(readText(sharedDocument) == readText(documentCopy),
        "tests/fixtures/reference/seed-oauth2.md differs from ../shared/reference/seed-oauth2.md: copy it again");
}

void tst_SeedHooks::documentHasTheThreeHooks()
{
    QCOMPARE(m_hooks.keys(), (QStringList{u"getCredentialsFromTokenResponse"_s, u"getTokenData"_s, u"refreshCredentials"_s}));
    // The one substitution the test makes must find its literal exactly once.
    QCOMPARE(m_hooks.value(u"getCredentialsFromTokenResponse"_s).count(userInfoLiteral), 1);
    for (const QString &name : {u"getTokenData"_s, u"refreshCredentials"_s})
        QVERIFY2(!m_hooks.value(name).contains(u"https://"_s), qPrintable(name + u" has a URL literal the test does not substitute"_s));
}

QString tst_SeedHooks::writeHook(const QString &method)
{
    QString source = m_hooks.value(method);
    source.replace(userInfoLiteral, u"'"_s + m_server->url(u"/userinfo"_s).toString() + u"'"_s);
    const QString path = m_folder.filePath(u"auth/"_s + method + u".js"_s);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(source.toUtf8());
    return path;
}

void tst_SeedHooks::sameAsNode_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<int>("expiresInSeconds"); // the lifetime the server gives; 0: no expires_at expected

    const QJsonObject connectorParameters{{u"tokenUri"_s, u"TOKEN_URI"_s}, {u"clientId"_s, u"client id/1"_s},
        {u"clientSecret"_s, u"s+cr&t=/%20"_s}};
    const QJsonObject connectionParameters{{u"workspace"_s, u"acme"_s}};

    QTest::newRow("getTokenData")
        << u"getTokenData"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters}, {u"connectionParameters"_s, connectionParameters},
               {u"codeVerifier"_s, u"dBjftJeZ4CVP-mJ92K9t_ab1c~.verifier"_s},
               {u"queryParameters"_s, QJsonObject{{u"code"_s, u"c0de/with+plus&amp=eq sp"_s}, {u"state"_s, u"s"_s}}},
               {u"redirectUri"_s, u"http://127.0.0.1:53682/oauth2/callback?x=1&y=2"_s}}
        << 0; // getTokenData returns the server's JSON as it is
    QTest::newRow("getTokenData, provider error")
        << u"getTokenData"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters}, {u"codeVerifier"_s, u"v"_s},
               {u"queryParameters"_s, QJsonObject{{u"code"_s, u"expired-code"_s}}}, {u"redirectUri"_s, u"http://127.0.0.1/cb"_s}}
        << 0;
    QTest::newRow("getTokenData, wrong client secret")
        << u"getTokenData"_s
        << QJsonObject{{u"connectorParameters"_s, QJsonObject{{u"tokenUri"_s, u"TOKEN_URI"_s}, {u"clientId"_s, u"c"_s},
                                                      {u"clientSecret"_s, u"s cr&t"_s}}},
               {u"queryParameters"_s, QJsonObject{{u"code"_s, u"x"_s}}}, {u"redirectUri"_s, u"http://127.0.0.1/cb"_s}}
        << 0;
    QTest::newRow("getCredentialsFromTokenResponse")
        << u"getCredentialsFromTokenResponse"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters}, {u"connectionParameters"_s, connectionParameters},
               {u"queryParameters"_s, QJsonObject{{u"code"_s, u"c"_s}}},
               {u"tokenResponse"_s, QJsonObject{{u"access_token"_s, u"at/xyz+1"_s}, {u"refresh_token"_s, u"rt"_s},
                                        {u"expires_in"_s, 3600}, {u"scope"_s, u"a b"_s}}}}
        << 0;
    QTest::newRow("getCredentialsFromTokenResponse, no refresh token")
        << u"getCredentialsFromTokenResponse"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters},
               {u"tokenResponse"_s, QJsonObject{{u"access_token"_s, u"only-access"_s}}}}
        << 0;
    QTest::newRow("refreshCredentials, refresh token kept")
        << u"refreshCredentials"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters}, {u"connectionParameters"_s, connectionParameters},
               {u"credentials"_s, QJsonObject{{u"access_token"_s, u"old"_s}, {u"refresh_token"_s, u"r+t/1=="_s}}}}
        << 1800;
    QTest::newRow("refreshCredentials, rotated")
        << u"refreshCredentials"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters},
               {u"credentials"_s, QJsonObject{{u"access_token"_s, u"old"_s}, {u"refresh_token"_s, u"rotate+me"_s}}}}
        << 1800;
    QTest::newRow("refreshCredentials, no expires_in")
        << u"refreshCredentials"_s
        << QJsonObject{{u"connectorParameters"_s, connectorParameters},
               {u"credentials"_s, QJsonObject{{u"refresh_token"_s, u"no-expiry"_s}}}}
        << 0;
}

tst_SeedHooks::Outcome tst_SeedHooks::runInNode(const QString &hookFile, const QString &method, const QJsonObject &arguments)
{
    Outcome outcome;
    const qsizetype before = m_server->requests().size();
    QProcess node;
    outcome.startedMs = QDateTime::currentMSecsSinceEpoch();
    node.start(m_node, {m_scriptDir + u"/hook-runner.mjs"_s, hookFile, method,
                           QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))});
    QSignalSpy finished(&node, &QProcess::finished);
    if (!finished.wait(60000)) {
        outcome.output = {{u"runner"_s, u"node did not finish"_s}};
        return outcome;
    }
    outcome.finishedMs = QDateTime::currentMSecsSinceEpoch();
    outcome.output = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    if (outcome.output.isEmpty())
        outcome.output = {{u"runner"_s, QString::fromUtf8(node.readAllStandardError())}};
    outcome.requests = m_server->requests().mid(before);
    return outcome;
}

tst_SeedHooks::Outcome tst_SeedHooks::runInAuthdesk(const QString &hookFile, const QString &method, const QJsonObject &arguments)
{
    Outcome outcome;
    const qsizetype before = m_server->requests().size();
    ScriptInvocation invocation;
    invocation.fileName = hookFile;
    invocation.source = readText(hookFile);
    invocation.methodName = method;
    invocation.arguments = arguments;
    ScriptJob job(invocation);
    QSignalSpy finished(&job, &ScriptJob::finished);
    outcome.startedMs = QDateTime::currentMSecsSinceEpoch();
    job.start();
    if (!finished.wait(60000)) {
        outcome.output = {{u"runner"_s, u"the script job did not finish"_s}};
        return outcome;
    }
    outcome.finishedMs = QDateTime::currentMSecsSinceEpoch();
    if (job.error()) {
        const QString text = job.error()->message;
        const qsizetype colon = text.indexOf(u": "_s);
        outcome.output = {{u"error"_s, QJsonObject{{u"name"_s, colon > 0 ? text.left(colon) : QString()},
                                          {u"message"_s, colon > 0 ? text.mid(colon + 2) : text}}}};
    } else {
        outcome.output = {{u"result"_s, job.result()}};
    }
    outcome.requests = m_server->requests().mid(before);
    return outcome;
}

void tst_SeedHooks::sameAsNode()
{
    QFETCH(QString, method);
    QFETCH(QJsonObject, arguments);
    QFETCH(int, expiresInSeconds);
    if (m_node.isEmpty())
        QSKIP("node is not installed (scripts/install-deps.sh --test installs it)");

    // The token endpoint is an argument (connectorParameters.tokenUri), not a literal of the hook.
    QJsonObject connectorParameters = arguments.value(u"connectorParameters"_s).toObject();
    connectorParameters.insert(u"tokenUri"_s, m_server->url(u"/token"_s).toString());
    arguments.insert(u"connectorParameters"_s, connectorParameters);

    const QString hookFile = writeHook(method);
    QVERIFY(!hookFile.isEmpty());
    Outcome node = runInNode(hookFile, method, arguments);
    Outcome authdesk = runInAuthdesk(hookFile, method, arguments);
    QVERIFY2(!node.output.contains(u"runner"_s), qPrintable(node.output.value(u"runner"_s).toString()));
    QVERIFY2(!authdesk.output.contains(u"runner"_s), qPrintable(authdesk.output.value(u"runner"_s).toString()));

    // expires_at is Date.now() based: each must lie in its own run's window; then it is left out.
    for (Outcome *outcome : {&node, &authdesk}) {
        QJsonObject result = outcome->output.value(u"result"_s).toObject();
        if (expiresInSeconds > 0) {
            const qint64 expiresAt = qint64(result.value(u"expires_at"_s).toDouble());
            QVERIFY2(expiresAt >= outcome->startedMs + expiresInSeconds * 1000LL
                    && expiresAt <= outcome->finishedMs + expiresInSeconds * 1000LL,
                qPrintable(u"expires_at %1 is outside the run's window"_s.arg(expiresAt)));
            result.remove(u"expires_at"_s);
            outcome->output.insert(u"result"_s, result);
        } else {
            QVERIFY2(!result.contains(u"expires_at"_s) || method == u"getTokenData", "no expires_at was expected");
        }
    }

    const QByteArray expected = QJsonDocument(node.output).toJson(QJsonDocument::Compact);
    const QByteArray actual = QJsonDocument(authdesk.output).toJson(QJsonDocument::Compact);
    QVERIFY2(expected == actual, qPrintable(u"\n  node:     %1\n  authdesk: %2"_s.arg(QString::fromUtf8(expected), QString::fromUtf8(actual))));
    QVERIFY(node.output.contains(u"result"_s));

    // The same requests went out: method, target, content type, authorization and body, byte for byte.
    QCOMPARE(authdesk.requests.size(), node.requests.size());
    QVERIFY(!node.requests.isEmpty());
    for (qsizetype i = 0; i < node.requests.size(); ++i) {
        const LocalHttpServer::Request &n = node.requests.at(i);
        const LocalHttpServer::Request &a = authdesk.requests.at(i);
        QCOMPARE(a.method, n.method);
        QCOMPARE(a.target, n.target);
        QCOMPARE(a.headers.value("content-type"), n.headers.value("content-type"));
        QCOMPARE(a.headers.value("authorization"), n.headers.value("authorization"));
        QCOMPARE(a.body, n.body);
    }
}

QTEST_GUILESS_MAIN(tst_SeedHooks)
#include "tst_seedhooks.moc"
