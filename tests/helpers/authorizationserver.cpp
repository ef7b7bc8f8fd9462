#include "authorizationserver.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Authdesk::Test {

namespace {

// The server writes one request line per request; a long test must not grow without bound.
constexpr qsizetype maxLogSize = 1024 * 1024;

// Quoting as QProcess::splitCommand() reads it.
QString quoted(const QString &argument)
{
    return argument.contains(u' ') ? u'"' + argument + u'"' : argument;
}

} // namespace

AuthorizationServer::AuthorizationServer(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &AuthorizationServer::readStandardOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this, &AuthorizationServer::readStandardError);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(u"cannot start %1: %2"_s.arg(m_process.program(), m_process.errorString()));
    });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        readStandardError();
        if (!m_ready)
            fail(u"server.mjs ended before it was ready (%1 %2): %3"_s.arg(
                status == QProcess::CrashExit ? u"crashed"_s : u"exit code"_s, QString::number(exitCode), log()));
        m_ready = false;
    });
}

AuthorizationServer::~AuthorizationServer()
{
    stop();
}

QString AuthorizationServer::nodeProgram()
{
    const QString configured = qEnvironmentVariable("AUTHDESK_TEST_NODE", u"node"_s);
    return QFileInfo(configured).isAbsolute() ? configured : QStandardPaths::findExecutable(configured);
}

QString AuthorizationServer::packageDirectory()
{
    const QString configured = qEnvironmentVariable("AUTHDESK_TEST_AUTHSERVER_DIR");
    if (!configured.isEmpty())
        return QDir::cleanPath(configured);
    // This file is tests/helpers/authorizationserver.cpp; CMake compiles it by its absolute path.
    return QDir::cleanPath(QFileInfo(QString::fromUtf8(__FILE__)).absolutePath() + u"/../authserver"_s);
}

QString AuthorizationServer::browserScript()
{
    return packageDirectory() + u"/browser.mjs"_s;
}

QString AuthorizationServer::browserCommandLine()
{
    return quoted(nodeProgram()) + u' ' + quoted(browserScript());
}

QStringList AuthorizationServer::browserArguments(const QUrl &url)
{
    return {browserScript(), url.toString(QUrl::FullyEncoded)};
}

QProcessEnvironment AuthorizationServer::browserEnvironment(
    const QString &login, Consent consent, const QProcessEnvironment &environment)
{
    QProcessEnvironment result = environment;
    result.insert(u"AUTHDESK_TEST_LOGIN"_s, login);
    result.insert(u"AUTHDESK_TEST_CONSENT"_s, consent == Consent::Deny ? u"deny"_s : u"grant"_s);
    return result;
}

QString AuthorizationServer::unavailableReason()
{
    const QString node = nodeProgram();
    if (node.isEmpty() || !QFileInfo(node).isExecutable())
        return u"node is not installed (or AUTHDESK_TEST_NODE is wrong): the authorization server runs on Node.js "
               "(scripts/install-deps.sh --test installs it)"_s;
    const QString directory = packageDirectory();
    for (const QString &package : {u"oidc-provider"_s, u"openid-client"_s}) {
        if (!QFileInfo::exists(directory + u"/node_modules/"_s + package + u"/package.json"_s))
            return u"%1/node_modules is missing: run `npm ci --prefix tests/authserver` (scripts/test.sh does)"_s.arg(
                directory);
    }
    return {};
}

void AuthorizationServer::start(const Options &options)
{
    stop();
    m_stdout.clear();
    m_log.clear();
    m_ready = false;
    m_failed = false;
    m_errorString.clear();
    m_info = {};
    m_issuer.clear();
    m_port = 0;

    QStringList arguments {packageDirectory() + u"/server.mjs"_s, u"--access-ttl"_s,
        QString::number(options.accessTokenTtl), u"--refresh-ttl"_s, QString::number(options.refreshTokenTtl),
        u"--code-ttl"_s, QString::number(options.codeTtl), u"--refresh-tokens"_s,
        options.refreshTokenWithoutOfflineAccess ? u"always"_s : u"offline_access"_s};
    for (const QString &uri : options.redirectUris)
        arguments << u"--redirect-uri"_s << uri;
    if (options.lenientClientAuth)
        arguments << u"--lenient-client-auth"_s;
    arguments << options.extraArguments;

    m_process.setWorkingDirectory(packageDirectory());
    m_process.start(nodeProgram(), arguments);
}

bool AuthorizationServer::startAndWait(const Options &options, int timeoutMs)
{
    start(options);
    if (!QTest::qWaitFor([this] { return m_ready || m_failed; }, timeoutMs))
        fail(u"server.mjs was not ready within %1 ms: %2"_s.arg(timeoutMs).arg(log()));
    return m_ready;
}

void AuthorizationServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // Closing stdin is the polite way (server.mjs exits when it ends); then SIGTERM, then SIGKILL.
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(5000)) {
        m_process.terminate();
        if (!m_process.waitForFinished(2000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    m_ready = false;
}

QUrl AuthorizationServer::endpoint(const QString &name) const
{
    return QUrl(m_info.value(u"endpoints"_s).toObject().value(name).toString());
}

AuthorizationServer::Client AuthorizationServer::client(const QString &id) const
{
    const QJsonObject client = m_info.value(u"clients"_s).toObject().value(id).toObject();
    return {client.value(u"client_id"_s).toString(), client.value(u"client_secret"_s).toString(),
        client.value(u"token_endpoint_auth_method"_s).toString()};
}

QList<AuthorizationServer::Client> AuthorizationServer::clients() const
{
    QList<Client> result;
    const QJsonObject clients = m_info.value(u"clients"_s).toObject();
    for (auto it = clients.begin(); it != clients.end(); ++it)
        result.append(client(it.key()));
    return result;
}

QStringList AuthorizationServer::redirectUris() const
{
    QStringList result;
    const QJsonObject clients = m_info.value(u"clients"_s).toObject();
    const QJsonArray uris = clients.value(basicClient()).toObject().value(u"redirect_uris"_s).toArray();
    for (const QJsonValue &uri : uris)
        result.append(uri.toString());
    return result;
}

void AuthorizationServer::readStandardOutput()
{
    m_stdout += m_process.readAllStandardOutput();
    qsizetype newline;
    while (!m_ready && (newline = m_stdout.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdout.left(newline).trimmed();
        m_stdout.remove(0, newline + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()
            || !document.object().contains(u"issuer"_s)) {
            fail(u"server.mjs printed something other than its ready line: %1"_s.arg(QString::fromUtf8(line)));
            return;
        }
        m_info = document.object();
        m_issuer = QUrl(m_info.value(u"issuer"_s).toString());
        m_port = quint16(m_info.value(u"port"_s).toInt());
        m_ready = true;
        Q_EMIT ready();
    }
}

void AuthorizationServer::readStandardError()
{
    const QByteArray output = m_process.readAllStandardError();
    if (qEnvironmentVariableIntValue("AUTHDESK_TEST_AUTHSERVER_ECHO") != 0) {
        for (const QByteArray &line : output.split('\n')) {
            if (!line.isEmpty())
                qDebug("%s", line.constData());
        }
    }
    m_log += output;
    if (m_log.size() > maxLogSize)
        m_log.remove(0, m_log.size() - maxLogSize);
}

void AuthorizationServer::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_errorString = reason;
    Q_EMIT failed(reason);
}

} // namespace Authdesk::Test
