#include "authorizationserver.h"
#include "localhttpserver.h"
#include "tokenquirkserver.h"

#include "connection/connectionstatus.h"
#include "connection/connectjob.h"
#include "connection/refreshjob.h"
#include "oauth/formencoding.h"
#include "spec/connectorloader.h"
#include "store/connectionindex.h"
#include "store/profile.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/error.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::AuthorizationServer;
using Authdesk::Test::LocalHttpServer;

// The whole connect and refresh flows of lib/connection (ConnectJob, RefreshJob) end to end with real
// parts only: the test authorization server (oidc-provider on loopback, tests/authserver), the scripted
// browser (node browser.mjs URL, as AUTHDESK_BROWSER would run it), the real Secret Service of
// scripts/test-session.sh, a profile in a temporary folder and the connector folders of
// tests/fixtures/connectors (oidc-mapping, oidc-script, oidc-seed with the seed document's hooks).
// Where oidc-provider cannot play a part, a local stand-in does: the token quirk server for a refresh
// without a new refresh token, and a recording proxy in front of the token endpoint to learn the code
// and verifier Authdesk sent (for the replay and the log checks).
namespace {

const QString fixtures = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/fixtures/connectors");
const QString sharedSeedDocument = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/../shared/reference/seed-oauth2.md");
const QString seedDocumentCopy = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/fixtures/reference/seed-oauth2.md");
const QString userInfoLiteral = u"'https://api.example.com/userinfo'"_s;
constexpr int accessTokenTtl = 600;

// Every log line while capturing, whatever category and level.
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

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

bool copyFolder(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        if (!writeFile(to + u'/' + QDir(from).relativeFilePath(source), readText(source).toUtf8()))
            return false;
    }
    return true;
}

QString describe(const std::optional<Error> &error)
{
    if (!error)
        return u"no error"_s;
    return u"[exit %1] %2 (%3: %4)"_s.arg(exitCodeFor(error->code)).arg(error->message, error->providerError,
        error->providerErrorDescription);
}

// Runs a keychain job to its end (the wait spins the event loop: tests only).
SecretJob::Outcome runSecretJob(SecretJob *job)
{
    std::optional<SecretJob::Outcome> outcome;
    QObject context;
    QObject::connect(job, &SecretJob::finished, &context, [&outcome](const SecretJob::Outcome &result) { outcome = result; });
    job->start();
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000))
        return SecretStoreError{SecretStoreError::Kind::Failed, u"the keychain job did not finish"_s, 0};
    return *outcome;
}

// The files under `root` that hold any of `needles`.
QStringList filesContaining(const QString &root, const QStringList &needles)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        if (info.isSymLink() || info.size() > 64 * 1024 * 1024)
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray contents = file.readAll();
        for (const QString &needle : needles) {
            if (!needle.isEmpty() && contents.contains(needle.toUtf8()))
                found.append(path);
        }
    }
    return found;
}

// A blocking HTTP/1.1 POST to another process (the authorization server), for the token proxy: the
// answer does not depend on this process's event loop.
struct UpstreamResponse
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

UpstreamResponse postUpstream(const QUrl &url, const LocalHttpServer::Request &request)
{
    UpstreamResponse result;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    if (!socket.waitForConnected(10000))
        return result;
    QByteArray out = "POST " + url.path(QUrl::FullyEncoded).toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(url.port()) + "\r\nConnection: close\r\n";
    for (const QByteArray &name : {QByteArray("content-type"), QByteArray("authorization"), QByteArray("accept")}) {
        if (request.headers.contains(name))
            out += name + ": " + request.headers.value(name) + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n" + request.body;
    socket.write(out);
    QByteArray response;
    while (socket.waitForReadyRead(10000))
        response += socket.readAll();
    response += socket.readAll();
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return result;
    const QList<QByteArray> lines = response.left(headerEnd).split('\n');
    result.status = lines.value(0).split(' ').value(1).toInt();
    bool chunked = false;
    for (const QByteArray &line : lines.mid(1)) {
        const QByteArray name = line.left(line.indexOf(':')).trimmed().toLower();
        const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
        if (name == "content-type")
            result.contentType = value;
        else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
            chunked = true;
    }
    QByteArray body = response.mid(headerEnd + 4);
    if (chunked) {
        QByteArray decoded;
        qsizetype at = 0;
        while (at < body.size()) {
            const qsizetype lineEnd = body.indexOf("\r\n", at);
            const qsizetype size = body.mid(at, lineEnd - at).split(';').value(0).toLongLong(nullptr, 16);
            if (lineEnd < 0 || size <= 0)
                break;
            decoded += body.mid(lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        body = decoded;
    }
    result.body = body;
    return result;
}

// Stands between Authdesk and the real token endpoint (the connector's tokenUri points here): it
// records each request (so the test knows the code and verifier Authdesk sent, which nothing else
// reveals) and hands it on. In RedeemFirst mode it redeems an authorization code itself before
// passing Authdesk's request on, as an attacker who intercepted the code would: Authdesk's exchange is
// then a replay.
class TokenProxy
{
public:
    enum class Mode { Forward, RedeemFirst };

    explicit TokenProxy(QUrl upstream)
        : m_upstream(std::move(upstream))
        , m_http([this](const LocalHttpServer::Request &request) { return handle(request); })
    {
    }

    QUrl url() const { return m_http.url(u"/token"_s); }
    void setMode(Mode mode) { m_mode = mode; }
    const QList<LocalHttpServer::Request> &requests() const { return m_http.requests(); }
    // The form of the i-th request, decoded.
    QString field(qsizetype request, const QString &name) const
    {
        for (const auto &[key, value] : FormEncoding::decode(requests().value(request).body)) {
            if (key == name)
                return value;
        }
        return {};
    }
    const QList<UpstreamResponse> &stolen() const { return m_stolen; }

private:
    LocalHttpServer::Response handle(const LocalHttpServer::Request &request)
    {
        if (m_mode == Mode::RedeemFirst && request.body.contains("grant_type=authorization_code"))
            m_stolen.append(postUpstream(m_upstream, request));
        const UpstreamResponse upstream = postUpstream(m_upstream, request);
        LocalHttpServer::Response response;
        response.status = upstream.status ? upstream.status : 502;
        response.headers = {{"Content-Type", upstream.contentType.isEmpty() ? "text/plain" : upstream.contentType},
            {"Cache-Control", "no-store"}};
        response.body = upstream.body;
        return response;
    }

    QUrl m_upstream;
    Mode m_mode = Mode::Forward;
    QList<UpstreamResponse> m_stolen;
    LocalHttpServer m_http;
};

struct HttpResult
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

} // namespace

class tst_ConnectFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectEachClient_data();
    void connectEachClient();
    void seedHooks();
    void refreshRotation();
    void refreshRefusedNeedsReconnect();
    void refreshWithoutNewRefreshToken();
    void accessDenied();
    void codeReplay();
    void cancel();
    void cancelAroundStoring_data();
    void cancelAroundStoring();
    void cancelBeforeStart();
    void reconnect();
    void noSecretInLogs();

private:
    struct Flow
    {
        std::unique_ptr<ConnectJob> job;
        QUrl authorizationUrl;
        int urlReadyCount = 0;
        int finishedCount = 0;
        int browserExitCode = -1;
        QString browserLog;
    };

    ConnectorSpec load(const QString &folder);
    QJsonObject parametersFor(const QString &clientId, const QUrl &tokenUri = QUrl()) const;
    ConnectJob::Settings settings(const ConnectorSpec &spec, const QJsonObject &parameters, const QString &name,
        bool reconnect = false) const;
    // Runs a ConnectJob to its end; the scripted browser follows the authorization URL unless
    // `browse` is false.
    void runConnect(Flow &flow, ConnectJob::Settings settings,
        AuthorizationServer::Consent consent = AuthorizationServer::Consent::Grant, bool browse = true);
    std::unique_ptr<RefreshJob> runRefresh(const ConnectorSpec &spec, const QJsonObject &parameters, const QString &name);
    std::optional<QJsonObject> readSecret(const QString &id);
    bool writeSecret(const QString &id, const QJsonObject &value);
    std::optional<ConnectionRecord> reloaded(const QString &name) const;
    // Keychain entries of this test's profile (secret-tool), or -1 when that cannot be told.
    int keychainEntries() const;
    HttpResult api(const QString &accessToken);
    HttpResult tokenRequest(const QString &clientId, FormEncoding::Fields fields);
    void verifyNowhereInFiles(const QStringList &secrets);
    QString seedConnectorFolder();

    AuthorizationServer m_server;
    QTemporaryDir m_root;
    std::optional<Profile> m_profile;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ConnectionIndex> m_index;
    QNetworkAccessManager m_network;
    QStringList m_storedIds; // keychain entries to remove at the end
};

void tst_ConnectFlow::initTestCase()
{
    if (const QString reason = AuthorizationServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QVERIFY(m_root.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);

    AuthorizationServer::Options options;
    options.accessTokenTtl = accessTokenTtl;
    QVERIFY2(m_server.startAndWait(options), qPrintable(m_server.errorString()));

    // A profile of its own (and with it a keychain namespace of its own) under a temporary root.
    const QString name = u"connectflow-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto profile = Profile::named(name, m_root.filePath(u"profiles"_s));
    QVERIFY2(profile, qPrintable(profile ? QString() : profile.error().message));
    m_profile = *profile;
    const auto folder = m_profile->ensureDataDir();
    QVERIFY2(folder, qPrintable(folder ? QString() : folder.error().message));
    m_secrets = std::make_unique<SecretStore>(*m_profile);
    m_index = std::make_unique<ConnectionIndex>(m_profile->connectionIndexPath());
    QVERIFY(m_index->load());

    // The real Secret Service must be there: these tests are about what ends up in it.
    const SecretJob::Outcome outcome = runSecretJob(m_secrets->checkAvailability());
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().toError().message
                                     + u" (run the test through scripts/test-session.sh)"_s));
}

void tst_ConnectFlow::cleanupTestCase()
{
    if (!m_secrets)
        return;
    for (const QString &id : std::as_const(m_storedIds))
        (void)runSecretJob(m_secrets->remove(SecretStore::Kind::ConnectionCredentials, id));
}

ConnectorSpec tst_ConnectFlow::load(const QString &folder)
{
    const LoadedConnector loaded = ConnectorLoader::load(folder);
    QStringList problems;
    for (const Diagnostic &diagnostic : loaded.diagnostics)
        problems.append(diagnostic.toString());
    if (!loaded.isValid())
        qWarning("%s", qPrintable(problems.join(u'\n')));
    return loaded.spec;
}

QJsonObject tst_ConnectFlow::parametersFor(const QString &clientId, const QUrl &tokenUri) const
{
    const AuthorizationServer::Client client = m_server.client(clientId);
    QJsonObject parameters{{u"authorizeUri"_s, m_server.endpoint(u"authorization"_s).toString()},
        {u"tokenUri"_s, (tokenUri.isEmpty() ? m_server.endpoint(u"token"_s) : tokenUri).toString()},
        {u"apiBaseUri"_s, m_server.issuer().toString()}, {u"clientId"_s, client.id}};
    if (!client.secret.isEmpty()) {
        parameters.insert(u"clientSecret"_s, client.secret);
        // The server enforces the registered method: the connector must say where the secret goes.
        parameters.insert(u"clientAuthLocation"_s, client.authMethod == u"client_secret_basic" ? u"headers"_s : u"body"_s);
    }
    return parameters;
}

ConnectJob::Settings tst_ConnectFlow::settings(const ConnectorSpec &spec, const QJsonObject &parameters,
    const QString &name, bool reconnect) const
{
    ConnectJob::Settings settings;
    settings.spec = spec;
    settings.connectorParameters = parameters;
    settings.connectionName = name;
    settings.reconnect = reconnect;
    settings.timeout = std::chrono::seconds(60);
    return settings;
}

void tst_ConnectFlow::runConnect(Flow &flow, ConnectJob::Settings settings, AuthorizationServer::Consent consent, bool browse)
{
    flow.job = std::make_unique<ConnectJob>(std::move(settings), m_secrets.get(), m_index.get(), Clock::system());
    QProcess browser;
    browser.setProcessEnvironment(AuthorizationServer::browserEnvironment(u"alice"_s, consent));
    connect(flow.job.get(), &ConnectJob::authorizationUrlReady, &browser, [&flow, &browser, browse](const QUrl &url) {
        ++flow.urlReadyCount;
        flow.authorizationUrl = url;
        if (browse)
            browser.start(AuthorizationServer::nodeProgram(), AuthorizationServer::browserArguments(url));
    });
    connect(flow.job.get(), &ConnectJob::finished, &browser, [&flow] { ++flow.finishedCount; });
    flow.job->start();
    QCOMPARE(flow.finishedCount, 0); // never from inside start()
    if (!browse) {
        QTRY_COMPARE_WITH_TIMEOUT(flow.urlReadyCount, 1, 30000);
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(flow.finishedCount, 1, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(browser.state() == QProcess::NotRunning, 30000);
    flow.browserExitCode = browser.exitStatus() == QProcess::NormalExit ? browser.exitCode() : -1;
    flow.browserLog = QString::fromUtf8(browser.readAllStandardError());
    QCoreApplication::processEvents();
    QCOMPARE(flow.finishedCount, 1); // exactly once
    QCOMPARE(flow.urlReadyCount, 1);
    if (!flow.job->error())
        m_storedIds.append(flow.job->record().id);
}

std::unique_ptr<RefreshJob> tst_ConnectFlow::runRefresh(const ConnectorSpec &spec, const QJsonObject &parameters, const QString &name)
{
    RefreshJob::Settings settings;
    settings.spec = spec;
    settings.connectorParameters = parameters;
    settings.connectionName = name;
    settings.lockFilePath = m_profile->lockFilePath();
    settings.force = true;
    auto job = std::make_unique<RefreshJob>(settings, m_secrets.get(), m_index.get(), Clock::system());
    QSignalSpy finished(job.get(), &RefreshJob::finished);
    job->start();
    if (!finished.isEmpty())
        qWarning("RefreshJob finished inside start()");
    else if (!finished.wait(60000))
        qWarning("RefreshJob did not finish");
    QCoreApplication::processEvents();
    if (finished.size() != 1)
        qWarning("RefreshJob finished %d times", int(finished.size()));
    return job;
}

std::optional<QJsonObject> tst_ConnectFlow::readSecret(const QString &id)
{
    const SecretJob::Outcome outcome = runSecretJob(m_secrets->read(SecretStore::Kind::ConnectionCredentials, id));
    if (!outcome)
        return std::nullopt;
    return *outcome;
}

bool tst_ConnectFlow::writeSecret(const QString &id, const QJsonObject &value)
{
    m_storedIds.append(id);
    return bool(runSecretJob(m_secrets->write(SecretStore::Kind::ConnectionCredentials, id, value)));
}

std::optional<ConnectionRecord> tst_ConnectFlow::reloaded(const QString &name) const
{
    ConnectionIndex index(m_profile->connectionIndexPath());
    if (!index.load())
        return std::nullopt;
    const ConnectionRecord *record = index.find(name);
    return record ? std::optional<ConnectionRecord>(*record) : std::nullopt;
}

int tst_ConnectFlow::keychainEntries() const
{
    const QString secretTool = QStandardPaths::findExecutable(u"secret-tool"_s);
    if (secretTool.isEmpty())
        return -1;
    // QtKeychain (libsecret) keeps the service in the `server` attribute and the key in `user`;
    // secret-tool prints the attributes on stderr (and the secrets on stdout, which stay unread).
    // Other tests add and delete entries at the same time, and a search that meets an item deleted
    // under it fails: such a search counts as "cannot tell", after a few tries.
    const QByteArray prefix = "attribute.user = " + m_profile->keychainNamespace().toUtf8() + '/';
    for (int attempt = 0; attempt < 3; ++attempt) {
        QProcess process;
        process.start(secretTool, {u"search"_s, u"--all"_s, u"--unlock"_s, u"server"_s, SecretStore::serviceName()});
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            continue;
        int count = 0;
        for (const QByteArray &line : process.readAllStandardError().split('\n')) {
            if (line.startsWith(prefix))
                ++count;
        }
        return count;
    }
    return -1;
}

HttpResult tst_ConnectFlow::api(const QString &accessToken)
{
    QNetworkRequest request(m_server.endpoint(u"api"_s));
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(30000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

HttpResult tst_ConnectFlow::tokenRequest(const QString &clientId, FormEncoding::Fields fields)
{
    const AuthorizationServer::Client client = m_server.client(clientId);
    QNetworkRequest request(m_server.endpoint(u"token"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    if (client.authMethod == u"client_secret_basic")
        request.setRawHeader("Authorization", FormEncoding::basicAuthorization(client.id, client.secret));
    else
        fields.append({u"client_id"_s, client.id});
    if (client.authMethod == u"client_secret_post")
        fields.append({u"client_secret"_s, client.secret});
    QNetworkReply *reply = m_network.post(request, FormEncoding::encode(fields));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(30000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

void tst_ConnectFlow::verifyNowhereInFiles(const QStringList &secrets)
{
    QStringList roots{m_root.path()};
    // scripts/test-session.sh gives the run a fresh HOME: all of it can be searched. (gnome-keyring's
    // own file there is encrypted, so a token in it would not be found either way.)
    if (qEnvironmentVariableIsSet("AUTHDESK_TEST_SESSION"))
        roots.append(QDir::homePath());
    for (const QString &root : std::as_const(roots)) {
        const QStringList files = filesContaining(root, secrets);
        QVERIFY2(files.isEmpty(), qPrintable(u"a secret is in "_s + files.join(u", "_s)));
    }
}

void tst_ConnectFlow::connectEachClient_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("clientId");
    for (const QString &form : {u"mapping"_s, u"script"_s}) {
        const QString folder = fixtures + u"/oidc-"_s + form;
        QTest::addRow("%s, basic", qPrintable(form)) << folder << AuthorizationServer::basicClient();
        QTest::addRow("%s, post", qPrintable(form)) << folder << AuthorizationServer::postClient();
        QTest::addRow("%s, public", qPrintable(form)) << folder << AuthorizationServer::publicClient();
    }
}

void tst_ConnectFlow::connectEachClient()
{
    QFETCH(QString, folder);
    QFETCH(QString, clientId);
    const ConnectorSpec spec = load(folder);
    QVERIFY(!spec.key().isEmpty());
    const QString name = QString::fromLatin1(QTest::currentDataTag());

    const QDateTime before = QDateTime::currentDateTimeUtc();
    Flow flow;
    runConnect(flow, settings(spec, parametersFor(clientId), name));
    if (QTest::currentTestFailed())
        return;
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error()) + u"\n"_s + flow.browserLog));
    QCOMPARE(flow.browserExitCode, 0);

    // The redirect URI is the loopback one, byte for byte, in the authorization URL too.
    static const QRegularExpression loopback(u"^http://127\\.0\\.0\\.1:(\\d+)/callback$"_s);
    const auto match = loopback.match(flow.job->redirectUri());
    QVERIFY2(match.hasMatch(), qPrintable(flow.job->redirectUri()));
    QVERIFY(match.captured(1).toInt() > 0);
    const QUrlQuery query(flow.authorizationUrl);
    QCOMPARE(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), flow.job->redirectUri());
    QCOMPARE(query.queryItemValue(u"client_id"_s), clientId);
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"scope"_s, QUrl::FullyDecoded), u"openid offline_access"_s);

    // The client authentication went where the registered method wants it (the server refuses
    // anything else; the redacted exchange shows where it went).
    const QList<HttpExchange> &exchanges = flow.job->httpExchanges();
    QCOMPARE(exchanges.size(), 1);
    const HttpExchange &exchange = exchanges.constFirst();
    QCOMPARE(exchange.url, m_server.endpoint(u"token"_s).toString());
    QCOMPARE(exchange.status, 200);
    bool basic = false;
    for (const auto &[header, value] : exchange.requestHeaders)
        basic = basic || header.compare(u"authorization"_s, Qt::CaseInsensitive) == 0;
    const AuthorizationServer::Client client = m_server.client(clientId);
    QCOMPARE(basic, client.authMethod == u"client_secret_basic");
    QCOMPARE(exchange.requestBody.contains("client_secret="), client.authMethod == u"client_secret_post");
    QCOMPARE(exchange.requestBody.contains("client_id="), client.authMethod != u"client_secret_basic");

    // The index: Ready, the expiry the server gave, the scopes; nothing secret.
    const auto record = reloaded(name);
    QVERIFY(record);
    QCOMPARE(record->id, flow.job->record().id);
    QCOMPARE(record->connectorKey, spec.key());
    QCOMPARE(record->status, ConnectionStatuses::toString(ConnectionStatus::Ready));
    QVERIFY2(record->expiresAt >= before.addSecs(accessTokenTtl - 1) && record->expiresAt <= after.addSecs(accessTokenTtl + 1),
        qPrintable(record->expiresAt.toString(Qt::ISODateWithMs)));
    QCOMPARE(record->scopesRequested, (QStringList{u"openid"_s, u"offline_access"_s}));
    QVERIFY2(record->scopesGranted.contains(u"openid"_s), qPrintable(record->scopesGranted.join(u' ')));
    QVERIFY(record->obtainedAt >= before && record->obtainedAt <= after);
    QVERIFY(!record->history.isEmpty());
    QCOMPARE(record->history.constLast().kind, u"connected"_s);

    // The credentials: in the keychain, and they work at the provider.
    const auto credentials = readSecret(record->id);
    QVERIFY(credentials);
    // (keychainEntries() sees them too, so its "nothing stored" checks below can be believed.)
    const int entries = keychainEntries();
    QVERIFY2(entries == -1 || entries >= 1, "secret-tool does not list the stored credentials");
    const QString accessToken = credentials->value(u"access_token"_s).toString();
    const QString refreshToken = credentials->value(u"refresh_token"_s).toString();
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(!refreshToken.isEmpty());
    QVERIFY(!credentials->value(u"id_token"_s).toString().isEmpty());
    const HttpResult whoami = api(accessToken);
    QVERIFY2(whoami.status == 200, whoami.body.constData());
    QCOMPARE(whoami.json.value(u"client_id"_s).toString(), clientId);
    QCOMPARE(whoami.json.value(u"sub"_s).toString(), u"alice"_s);
    if (spec.key() == u"test-oidc-script") {
        // Its getCredentialsFromAccessTokenResponse read request.query (the callback's iss), merged in.
        QCOMPARE(credentials->value(u"issuer"_s).toString(), m_server.issuer().toString());
        QCOMPARE(credentials->value(u"tokenType"_s).toString(), credentials->value(u"token_type"_s).toString());
        QCOMPARE(credentials->value(u"redirectUri"_s).toString(), flow.job->redirectUri());
    }

    // ...and in no file: not the profile folder, not HOME.
    verifyNowhereInFiles({accessToken, refreshToken, credentials->value(u"id_token"_s).toString()});
}

QString tst_ConnectFlow::seedConnectorFolder()
{
    const QString document = readText(QFileInfo::exists(sharedSeedDocument) ? sharedSeedDocument : seedDocumentCopy);
    if (document.isEmpty())
        return {};
    // ```javascript blocks whose first line names an auth/ file; the hook is the `exports.NAME` they define.
    static const QRegularExpression block(u"```javascript\\n(// File: (auth/[^\\n]*)\\n.*?)```"_s,
        QRegularExpression::DotMatchesEverythingOption);
    const QString folder = m_root.filePath(u"connectors/oidc-seed"_s);
    if (!copyFolder(fixtures + u"/oidc-seed"_s, folder))
        return {};
    int hooks = 0;
    for (auto it = block.globalMatch(document); it.hasNext();) {
        const auto match = it.next();
        QString source = match.captured(1);
        // The one substitution: the userinfo URL literal points at the test server's userinfo.
        source.replace(userInfoLiteral, u"'"_s + m_server.endpoint(u"userinfo"_s).toString() + u"'"_s);
        if (!writeFile(folder + u'/' + match.captured(2).trimmed(), source.toUtf8()))
            return {};
        ++hooks;
    }
    return hooks == 3 ? folder : QString();
}

void tst_ConnectFlow::seedHooks()
{
    const QString folder = seedConnectorFolder();
    QVERIFY2(!folder.isEmpty(), "cannot write the seed connector (seed-oauth2.md missing or changed?)");
    for (const QString &file : {u"auth/get-token-data.js"_s, u"auth/get-credentials-from-token-response.js"_s,
             u"auth/refresh-credentials.js"_s})
        QVERIFY2(QFileInfo::exists(folder + u'/' + file), qPrintable(file));
    const ConnectorSpec spec = load(folder);
    QCOMPARE(spec.key(), u"test-oidc-seed"_s);
    // The seed's hooks put client_id and client_secret in the form: the post client.
    const QJsonObject parameters = parametersFor(AuthorizationServer::postClient());

    const QDateTime before = QDateTime::currentDateTimeUtc();
    Flow flow;
    runConnect(flow, settings(spec, parameters, u"seed"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error()) + u"\n"_s + flow.browserLog));

    // getTokenData posted to the token endpoint, getCredentialsFromTokenResponse asked userinfo.
    QStringList requests;
    for (const HttpExchange &exchange : flow.job->httpExchanges())
        requests.append(exchange.method + u' ' + exchange.url + u" -> "_s + QString::number(exchange.status));
    QCOMPARE(requests, (QStringList{u"POST "_s + m_server.endpoint(u"token"_s).toString() + u" -> 200"_s,
                           u"GET "_s + m_server.endpoint(u"userinfo"_s).toString() + u" -> 200"_s}));

    const auto record = reloaded(u"seed"_s);
    QVERIFY(record);
    QCOMPARE(record->status, u"Ready"_s);
    const auto credentials = readSecret(record->id);
    QVERIFY(credentials);
    // The hook's result merged onto the token response: userinfo's name is there, and so is the rest.
    QCOMPARE(credentials->value(u"userName"_s).toString(), u"Test user alice"_s);
    QVERIFY(!credentials->value(u"access_token"_s).toString().isEmpty());
    QVERIFY(!credentials->value(u"id_token"_s).toString().isEmpty());
    QCOMPARE(credentials->value(u"expires_in"_s).toInt(), accessTokenTtl);
    const QString firstRefreshToken = credentials->value(u"refresh_token"_s).toString();
    QVERIFY(!firstRefreshToken.isEmpty());
    QVERIFY(record->expiresAt >= before.addSecs(accessTokenTtl - 1));

    // refreshCredentials (the seed's) instead of the standard refresh.
    const QDateTime refreshedAt = QDateTime::currentDateTimeUtc();
    const auto refresh = runRefresh(spec, parameters, u"seed"_s);
    QVERIFY2(refresh->isFinished() && !refresh->error(), qPrintable(describe(refresh->error())));
    QVERIFY(refresh->refreshed());
    QCOMPARE(refresh->httpExchanges().size(), 1);
    QCOMPARE(refresh->httpExchanges().constFirst().url, m_server.endpoint(u"token"_s).toString());
    const auto refreshed = readSecret(record->id);
    QVERIFY(refreshed);
    QCOMPARE(*refreshed, refresh->credentials());
    QVERIFY(refreshed->value(u"access_token"_s).toString() != credentials->value(u"access_token"_s).toString());
    const QString secondRefreshToken = refreshed->value(u"refresh_token"_s).toString();
    QVERIFY(!secondRefreshToken.isEmpty());
    QVERIFY(secondRefreshToken != firstRefreshToken); // rotated, and the hook kept the new one
    QCOMPARE(refreshed->value(u"userName"_s).toString(), u"Test user alice"_s); // merged, not replaced
    // The hook's expires_at (epoch milliseconds) is the new expiry; the old expires_in is gone.
    QVERIFY(!refreshed->contains(u"expires_in"_s));
    const double expiresAt = refreshed->value(u"expires_at"_s).toDouble();
    QVERIFY(expiresAt >= double(refreshedAt.addSecs(accessTokenTtl - 1).toMSecsSinceEpoch()));
    const auto afterRefresh = reloaded(u"seed"_s);
    QVERIFY(afterRefresh);
    QCOMPARE(afterRefresh->status, u"Ready"_s);
    QCOMPARE(afterRefresh->expiresAt.toMSecsSinceEpoch(), qint64(expiresAt));
    QVERIFY(afterRefresh->lastRefresh.succeeded);
    QCOMPARE(api(refreshed->value(u"access_token"_s).toString()).status, 200);

    // The old refresh token is dead (and its reuse revokes the grant, RFC 9700 §4.14.2)...
    const HttpResult reused = tokenRequest(AuthorizationServer::postClient(),
        {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, firstRefreshToken}});
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json.value(u"error"_s).toString(), u"invalid_grant"_s);

    // ...so the seed's refreshCredentials now gets invalid_grant. The hook does not throw: it returns
    // {access_token: undefined, ...}. That is a failed refresh, not new credentials.
    const auto refused = runRefresh(spec, parameters, u"seed"_s);
    QVERIFY(refused->isFinished());
    QVERIFY2(refused->error(), "a refresh whose hook got no access token was reported as a success");
    QVERIFY(!refused->refreshed());
    QCOMPARE(refused->error()->providerError, u"invalid_grant"_s);
    QVERIFY2(refused->error()->message.contains(u"refresh-credentials.js"_s), qPrintable(refused->error()->message));
    const auto afterRefusal = reloaded(u"seed"_s);
    QVERIFY(afterRefusal);
    QCOMPARE(afterRefusal->status, ConnectionStatuses::toString(ConnectionStatus::NeedsReconnect));
    QVERIFY(!afterRefusal->lastRefresh.succeeded);
    QCOMPARE(readSecret(record->id), refreshed); // kept for inspection

    verifyNowhereInFiles({credentials->value(u"access_token"_s).toString(), firstRefreshToken,
        refreshed->value(u"access_token"_s).toString(), secondRefreshToken});
}

void tst_ConnectFlow::refreshRotation()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    const QJsonObject parameters = parametersFor(AuthorizationServer::basicClient());
    Flow flow;
    runConnect(flow, settings(spec, parameters, u"rotation"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error())));
    const QString id = flow.job->record().id;
    const auto first = readSecret(id);
    QVERIFY(first);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto refresh = runRefresh(spec, parameters, u"rotation"_s);
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY2(refresh->isFinished() && !refresh->error(), qPrintable(describe(refresh->error())));
    QVERIFY(refresh->refreshed());
    const auto second = readSecret(id);
    QVERIFY(second);
    QCOMPARE(*second, refresh->credentials());
    const QString oldRefreshToken = first->value(u"refresh_token"_s).toString();
    const QString newRefreshToken = second->value(u"refresh_token"_s).toString();
    QVERIFY(!newRefreshToken.isEmpty());
    QVERIFY(newRefreshToken != oldRefreshToken);
    QVERIFY(second->value(u"access_token"_s).toString() != first->value(u"access_token"_s).toString());
    QCOMPARE(api(second->value(u"access_token"_s).toString()).status, 200);

    const auto record = reloaded(u"rotation"_s);
    QVERIFY(record);
    QCOMPARE(record->id, id);
    QCOMPARE(record->status, u"Ready"_s);
    QVERIFY(record->lastRefresh.succeeded);
    QVERIFY(record->expiresAt >= before.addSecs(accessTokenTtl - 1) && record->expiresAt <= after.addSecs(accessTokenTtl + 1));
    QVERIFY(record->obtainedAt >= before && record->obtainedAt <= after);

    // The server rotated: the old refresh token is refused.
    const HttpResult reused = tokenRequest(AuthorizationServer::basicClient(),
        {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, oldRefreshToken}});
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json.value(u"error"_s).toString(), u"invalid_grant"_s);
}

void tst_ConnectFlow::refreshRefusedNeedsReconnect()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-script"_s);
    const QJsonObject parameters = parametersFor(AuthorizationServer::publicClient());
    Flow flow;
    runConnect(flow, settings(spec, parameters, u"refused"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error())));
    const QString id = flow.job->record().id;
    const auto stored = readSecret(id);
    QVERIFY(stored);

    // The user withdraws the grant at the provider (RFC 7009 revocation of the refresh token).
    QNetworkRequest request(m_server.endpoint(u"revocation"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    QNetworkReply *reply = m_network.post(request, FormEncoding::encode({{u"token"_s, stored->value(u"refresh_token"_s).toString()},
                                                       {u"client_id"_s, AuthorizationServer::publicClient()}}));
    QSignalSpy revoked(reply, &QNetworkReply::finished);
    QVERIFY(revoked.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    const auto refresh = runRefresh(spec, parameters, u"refused"_s);
    QVERIFY(refresh->isFinished());
    QVERIFY(refresh->error());
    QVERIFY2(refresh->error()->providerError == u"invalid_grant"_s, qPrintable(describe(refresh->error())));
    QCOMPARE(refresh->error()->code, ErrorCode::Provider);
    QVERIFY2(refresh->error()->message.contains(u"Reconnect"_s), qPrintable(refresh->error()->message));
    QVERIFY(!refresh->refreshed());
    const auto record = reloaded(u"refused"_s);
    QVERIFY(record);
    QCOMPARE(record->status, ConnectionStatuses::toString(ConnectionStatus::NeedsReconnect));
    QVERIFY(!record->lastRefresh.isNull());
    QVERIFY(!record->lastRefresh.succeeded);
    // The credentials stay, for inspection.
    QCOMPARE(readSecret(id), stored);
}

void tst_ConnectFlow::refreshWithoutNewRefreshToken()
{
    // oidc-provider rotates on every refresh; a provider that does not (Google, Microsoft without
    // rotation) is the quirk server: its refresh response has no refresh_token.
    Test::TokenQuirkServer quirk(u"quirk-client"_s, u"quirk+secret/="_s);
    quirk.setClientAuth(Test::TokenQuirkServer::ClientAuth::BodyOnly);
    quirk.setAcceptedRefreshToken(u"rt-kept+/="_s);
    quirk.setIssued(u"at-new"_s, QString(), 1800);

    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    const QJsonObject parameters{{u"authorizeUri"_s, quirk.url(u"/authorize"_s).toString()},
        {u"tokenUri"_s, quirk.tokenUrl().toString()}, {u"clientId"_s, u"quirk-client"_s},
        {u"clientSecret"_s, u"quirk+secret/="_s}, {u"clientAuthLocation"_s, u"body"_s}};
    ConnectionRecord record;
    record.name = u"no-rotation"_s;
    record.connectorKey = spec.key();
    record.status = u"Ready"_s;
    record.obtainedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    record.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    const auto added = m_index->add(record);
    QVERIFY(added);
    const QJsonObject stored{{u"access_token"_s, u"at-old"_s}, {u"refresh_token"_s, u"rt-kept+/="_s},
        {u"expires_in"_s, 3600}, {u"token_type"_s, u"Bearer"_s}, {u"account"_s, u"kept"_s}};
    QVERIFY(writeSecret(added->id, stored));

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto refresh = runRefresh(spec, parameters, record.name);
    QVERIFY2(refresh->isFinished() && !refresh->error(), qPrintable(describe(refresh->error()) + quirk.lastRejection()));
    const auto refreshed = readSecret(added->id);
    QVERIFY(refreshed);
    QCOMPARE(refreshed->value(u"access_token"_s).toString(), u"at-new"_s);
    QCOMPARE(refreshed->value(u"refresh_token"_s).toString(), u"rt-kept+/="_s);
    QCOMPARE(refreshed->value(u"account"_s).toString(), u"kept"_s);
    QCOMPARE(refreshed->value(u"expires_in"_s).toInt(), 1800);
    // The request: a refresh with the stored token, no redirect_uri, the secret in the body only.
    QCOMPARE(quirk.requests().size(), 1);
    const LocalHttpServer::Request &sent = quirk.requests().constFirst();
    QCOMPARE(Test::TokenQuirkServer::field(sent, u"grant_type"_s), u"refresh_token"_s);
    QCOMPARE(Test::TokenQuirkServer::field(sent, u"refresh_token"_s), u"rt-kept+/="_s);
    QVERIFY(!Test::TokenQuirkServer::hasField(sent, u"redirect_uri"_s));
    const auto after = reloaded(record.name);
    QVERIFY(after);
    QCOMPARE(after->status, u"Ready"_s);
    QVERIFY(after->expiresAt >= before.addSecs(1799));

    // A second refresh works with the kept token.
    quirk.setIssued(u"at-newer"_s, QString(), 1800);
    const auto again = runRefresh(spec, parameters, record.name);
    QVERIFY2(!again->error(), qPrintable(describe(again->error())));
    QCOMPARE(readSecret(added->id)->value(u"refresh_token"_s).toString(), u"rt-kept+/="_s);
    QCOMPARE(readSecret(added->id)->value(u"access_token"_s).toString(), u"at-newer"_s);

    // And invalid_grant from this server: NeedsReconnect, the credentials kept.
    quirk.setFailure(Test::TokenQuirkServer::Failure::InvalidGrant);
    const auto refused = runRefresh(spec, parameters, record.name);
    QVERIFY(refused->error());
    QCOMPARE(refused->error()->providerError, u"invalid_grant"_s);
    QCOMPARE(reloaded(record.name)->status, u"NeedsReconnect"_s);
    QCOMPARE(readSecret(added->id)->value(u"access_token"_s).toString(), u"at-newer"_s);
}

void tst_ConnectFlow::accessDenied()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    const int entriesBefore = keychainEntries();
    ConnectionIndex before(m_profile->connectionIndexPath());
    QVERIFY(before.load());
    const qsizetype connectionsBefore = before.connections().size();

    Flow flow;
    runConnect(flow, settings(spec, parametersFor(AuthorizationServer::basicClient()), u"denied"_s),
        AuthorizationServer::Consent::Deny);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(flow.browserExitCode, 0);
    QVERIFY(flow.job->error());
    QCOMPARE(flow.job->error()->code, ErrorCode::Denied);
    QCOMPARE(exitCodeFor(flow.job->error()->code), 4);
    QCOMPARE(flow.job->error()->providerError, u"access_denied"_s);
    QVERIFY2(flow.job->error()->message.contains(u"End-User aborted interaction"_s), qPrintable(flow.job->error()->message));
    QVERIFY(flow.job->httpExchanges().isEmpty()); // no token request

    // Nothing stored: no index entry, no keychain entry.
    QVERIFY(!reloaded(u"denied"_s));
    ConnectionIndex index(m_profile->connectionIndexPath());
    QVERIFY(index.load());
    QCOMPARE(index.connections().size(), connectionsBefore);
    if (entriesBefore >= 0)
        QCOMPARE(keychainEntries(), entriesBefore);
}

void tst_ConnectFlow::codeReplay()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    TokenProxy proxy(m_server.endpoint(u"token"_s));
    const QJsonObject parameters = parametersFor(AuthorizationServer::postClient(), proxy.url());

    // 1. Authdesk exchanges the code; a second exchange of the same code (the request replayed) fails,
    // and the server then revokes what the code gave.
    Flow flow;
    runConnect(flow, settings(spec, parameters, u"replayed"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error())));
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.field(0, u"redirect_uri"_s), flow.job->redirectUri());
    const QString code = proxy.field(0, u"code"_s);
    const QString verifier = proxy.field(0, u"code_verifier"_s);
    QVERIFY(!code.isEmpty());
    QVERIFY(verifier.size() >= 43);
    const HttpResult replay = tokenRequest(AuthorizationServer::postClient(),
        {{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, code}, {u"redirect_uri"_s, flow.job->redirectUri()},
            {u"code_verifier"_s, verifier}});
    QCOMPARE(replay.status, 400);
    QCOMPARE(replay.json.value(u"error"_s).toString(), u"invalid_grant"_s);
    const auto credentials = readSecret(flow.job->record().id);
    QVERIFY(credentials);
    QCOMPARE(api(credentials->value(u"access_token"_s).toString()).status, 401);

    // 2. Someone redeemed the code before Authdesk could: Authdesk's exchange is the replay. It fails
    // with the provider's invalid_grant and stores nothing.
    proxy.setMode(TokenProxy::Mode::RedeemFirst);
    const int entriesBefore = keychainEntries();
    Flow second;
    runConnect(second, settings(spec, parameters, u"pre-empted"_s));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(proxy.stolen().size(), 1);
    QCOMPARE(proxy.stolen().constFirst().status, 200);
    QVERIFY(second.job->error());
    QCOMPARE(second.job->error()->code, ErrorCode::Provider);
    QCOMPARE(second.job->error()->providerError, u"invalid_grant"_s);
    QCOMPARE(exitCodeFor(second.job->error()->code), 3);
    QVERIFY(!reloaded(u"pre-empted"_s));
    if (entriesBefore >= 0)
        QCOMPARE(keychainEntries(), entriesBefore);
}

void tst_ConnectFlow::cancel()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    Flow flow;
    runConnect(flow, settings(spec, parametersFor(AuthorizationServer::publicClient()), u"cancelled"_s),
        AuthorizationServer::Consent::Grant, false);
    if (QTest::currentTestFailed())
        return;
    const QUrl redirect(flow.job->redirectUri());
    QVERIFY(redirect.port() > 0);
    {
        // Listening while the browser is awaited.
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
        QVERIFY(probe.waitForConnected(5000));
    }

    QSignalSpy finished(flow.job.get(), &ConnectJob::finished);
    flow.job->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(flow.job->error());
    QCOMPARE(flow.job->error()->code, ErrorCode::Denied);
    QCOMPARE(exitCodeFor(flow.job->error()->code), 4);
    flow.job->cancel(); // again: nothing more
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 1);

    // The listener is closed: the port refuses connections.
    QTcpSocket probe;
    QSignalSpy failed(&probe, &QTcpSocket::errorOccurred);
    probe.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || probe.state() == QAbstractSocket::ConnectedState, 5000);
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!reloaded(u"cancelled"_s));
}

void tst_ConnectFlow::cancelAroundStoring_data()
{
    QTest::addColumn<bool>("deferred");
    // cancel() from a slot of progress("...keychain"), emitted right before the write starts: the
    // attempt ends there, nothing is stored, and the job does not carry on behind its finished().
    QTest::addRow("just before the write") << false;
    // cancel() once the write runs: a keychain write cannot be taken back halfway, so the connection
    // is completed rather than left half-made (an entry "Connecting", credentials without a connection).
    QTest::addRow("during the write") << true;
}

void tst_ConnectFlow::cancelAroundStoring()
{
    QFETCH(bool, deferred);
    const QString name = deferred ? u"late-cancel"_s : u"last-moment-cancel"_s;
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    auto job = std::make_unique<ConnectJob>(settings(spec, parametersFor(AuthorizationServer::publicClient()), name),
        m_secrets.get(), m_index.get(), Clock::system());
    const int entriesBefore = keychainEntries();
    int cancels = 0;
    connect(job.get(), &ConnectJob::progress, job.get(), [&job, &cancels, deferred](const QString &message) {
        if (!message.contains(u"keychain"_s))
            return;
        ++cancels;
        if (deferred)
            QTimer::singleShot(0, job.get(), [&job] { job->cancel(); }); // the write is under way then
        else
            job->cancel();
    });
    QProcess browser;
    browser.setProcessEnvironment(AuthorizationServer::browserEnvironment());
    connect(job.get(), &ConnectJob::authorizationUrlReady, &browser, [&browser](const QUrl &url) {
        browser.start(AuthorizationServer::nodeProgram(), AuthorizationServer::browserArguments(url));
    });
    QSignalSpy finished(job.get(), &ConnectJob::finished);
    job->start();
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(browser.state() == QProcess::NotRunning, 30000);
    QTest::qWait(200); // anything the job wrongly did after finished() would happen now
    QCOMPARE(cancels, 1);
    QCOMPARE(finished.size(), 1);
    if (deferred) {
        QVERIFY2(!job->error(), qPrintable(describe(job->error())));
        m_storedIds.append(job->record().id);
        const auto record = reloaded(name);
        QVERIFY(record);
        QCOMPARE(record->status, u"Ready"_s);
        QVERIFY(readSecret(record->id));
    } else {
        QVERIFY(job->error());
        QCOMPARE(job->error()->code, ErrorCode::Denied);
        QVERIFY(!reloaded(name));
        if (entriesBefore >= 0)
            QCOMPARE(keychainEntries(), entriesBefore);
    }
}

void tst_ConnectFlow::cancelBeforeStart()
{
    // cancel() right after start(), before anything ran: finished once, and nothing starts afterwards
    // (no listener, no authorization URL).
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    ConnectJob job(settings(spec, parametersFor(AuthorizationServer::publicClient()), u"cancelled-early"_s),
        m_secrets.get(), m_index.get(), Clock::system());
    QSignalSpy finished(&job, &ConnectJob::finished);
    QSignalSpy urlReady(&job, &ConnectJob::authorizationUrlReady);
    job.start();
    job.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QVERIFY(job.error());
    QCOMPARE(job.error()->code, ErrorCode::Denied);
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(urlReady.size(), 0);
    QVERIFY(job.redirectUri().isEmpty());
}

void tst_ConnectFlow::reconnect()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    const QJsonObject parameters = parametersFor(AuthorizationServer::postClient());
    Flow first;
    runConnect(first, settings(spec, parameters, u"reconnected"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!first.job->error(), qPrintable(describe(first.job->error())));
    const QString id = first.job->record().id;
    const auto original = readSecret(id);
    QVERIFY(original);

    // A reconnect keeps the record (id, creation, history) and replaces the credentials.
    Flow second;
    runConnect(second, settings(spec, parameters, u"reconnected"_s, true));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!second.job->error(), qPrintable(describe(second.job->error())));
    QCOMPARE(second.job->record().id, id);
    const auto replaced = readSecret(id);
    QVERIFY(replaced);
    QVERIFY(replaced->value(u"access_token"_s) != original->value(u"access_token"_s));
    QVERIFY(replaced->value(u"refresh_token"_s) != original->value(u"refresh_token"_s));
    const auto record = reloaded(u"reconnected"_s);
    QVERIFY(record);
    QCOMPARE(record->id, id);
    QCOMPARE(record->createdAt, first.job->record().createdAt);
    QCOMPARE(record->status, u"Ready"_s);
    QStringList kinds;
    for (const ConnectionRecord::Event &event : record->history)
        kinds.append(event.kind);
    QVERIFY2(kinds.contains(u"connected"_s) && kinds.constLast() == u"reconnected"_s, qPrintable(kinds.join(u' ')));
    ConnectionIndex index(m_profile->connectionIndexPath());
    QVERIFY(index.load());
    QCOMPARE(std::count_if(index.connections().begin(), index.connections().end(),
                 [](const ConnectionRecord &r) { return r.name == u"reconnected"; }),
        1);

    // A reconnect the user denies keeps the connection as it was.
    Flow denied;
    runConnect(denied, settings(spec, parameters, u"reconnected"_s, true), AuthorizationServer::Consent::Deny);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(denied.job->error());
    QCOMPARE(denied.job->error()->code, ErrorCode::Denied);
    QCOMPARE(readSecret(id), replaced);
    auto afterDenial = reloaded(u"reconnected"_s);
    QVERIFY(afterDenial);
    QCOMPARE(afterDenial->id, id);
    QCOMPARE(afterDenial->status, u"Ready"_s);
    QCOMPARE(afterDenial->expiresAt, record->expiresAt);
    QCOMPARE(afterDenial->history.constLast().kind, u"reconnect-failed"_s);

    // So does one whose code exchange fails after consent (a wrong client secret).
    QJsonObject wrongSecret = parameters;
    wrongSecret.insert(u"clientSecret"_s, u"not-the-secret"_s);
    Flow failed;
    runConnect(failed, settings(spec, wrongSecret, u"reconnected"_s, true));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(failed.job->error());
    QCOMPARE(failed.job->error()->providerError, u"invalid_client"_s);
    QCOMPARE(readSecret(id), replaced);
    const auto afterFailure = reloaded(u"reconnected"_s);
    QVERIFY(afterFailure);
    QCOMPARE(afterFailure->status, u"Ready"_s);
    QCOMPARE(afterFailure->expiresAt, record->expiresAt);
    QCOMPARE(api(replaced->value(u"access_token"_s).toString()).status, 200);

    // Reconnecting a connection that does not exist is NotFound.
    ConnectJob missing(settings(spec, parameters, u"no-such-connection"_s, true), m_secrets.get(), m_index.get(),
        Clock::system());
    QSignalSpy missingFinished(&missing, &ConnectJob::finished);
    missing.start();
    QVERIFY(missingFinished.wait(10000));
    QVERIFY(missing.error());
    QCOMPARE(missing.error()->code, ErrorCode::NotFound);
    QCOMPARE(exitCodeFor(missing.error()->code), 2);
}

void tst_ConnectFlow::noSecretInLogs()
{
    const ConnectorSpec spec = load(fixtures + u"/oidc-mapping"_s);
    TokenProxy proxy(m_server.endpoint(u"token"_s)); // to learn the code and verifier Authdesk sent
    const AuthorizationServer::Client client = m_server.client(AuthorizationServer::basicClient());
    const QJsonObject parameters = parametersFor(client.id, proxy.url());

    // Every authdesk.* category at every level, whatever QT_LOGGING_RULES says.
    capturedLog.clear();
    previousFilter = QLoggingCategory::installFilter(enableAuthdeskCategories);
    previousHandler = qInstallMessageHandler(captureMessage);
    auto restore = qScopeGuard([] {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::installFilter(previousFilter);
    });

    Flow flow;
    runConnect(flow, settings(spec, parameters, u"logged"_s));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!flow.job->error(), qPrintable(describe(flow.job->error())));
    const auto first = readSecret(flow.job->record().id);
    QVERIFY(first);
    const auto refresh = runRefresh(spec, parameters, u"logged"_s);
    QVERIFY2(!refresh->error(), qPrintable(describe(refresh->error())));
    restore.dismiss();
    qInstallMessageHandler(previousHandler);
    QLoggingCategory::installFilter(previousFilter);

    QCOMPARE(proxy.requests().size(), 2);
    const QStringList secrets{first->value(u"access_token"_s).toString(), first->value(u"refresh_token"_s).toString(),
        first->value(u"id_token"_s).toString(), refresh->credentials().value(u"access_token"_s).toString(),
        refresh->credentials().value(u"refresh_token"_s).toString(), proxy.field(0, u"code"_s),
        proxy.field(0, u"code_verifier"_s), client.secret,
        QString::fromLatin1(FormEncoding::basicAuthorization(client.id, client.secret).mid(6))};
    for (const QString &secret : secrets)
        QVERIFY(secret.size() >= 16);

    // The debug lines were there to be checked: the flow logged what it did.
    const QString all = capturedLog.join(u'\n');
    QVERIFY2(all.contains(u"authdesk.connection"_s), qPrintable(all));
    QVERIFY2(all.contains(u"authdesk.oauth"_s), qPrintable(all));
    QVERIFY2(all.contains(u"authdesk.oauth.loopback"_s), qPrintable(all));
    QVERIFY2(all.contains(u"authdesk.store"_s), qPrintable(all));
    for (const QString &line : std::as_const(capturedLog)) {
        for (const QString &secret : secrets) {
            for (const QString &form : {secret, QString::fromLatin1(FormEncoding::encodeComponent(secret))})
                QVERIFY2(!line.contains(form), qPrintable(u"secret in log: "_s + line));
        }
    }
}

QTEST_GUILESS_MAIN(tst_ConnectFlow)
#include "tst_connectflow.moc"
