#include "connectcommand.h"

#include "browserlauncher.h"

#include "connection/connectionsession.h"
#include "connection/connectjob.h"
#include "connection/refresherclient.h"
#include "connection/testjob.h"
#include "connection/profilecontext.h"
#include "store/httplog.h"
#include "support/redaction.h"

#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectCommand::ConnectCommand(ConnectOptions connectOptions, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"connect"_s, std::move(options), out, err, parent)
    , m_connect(std::move(connectOptions))
{
}

int ConnectCommand::start()
{
    if (m_connect.reconnect && m_connect.name.isEmpty())
        return fail(Error(ErrorCode::Usage, u"--reconnect needs --name NAME (the connection to reconnect)"_s));
    if (!openContext())
        return exitCode();

    QString connectorKey = m_connect.connectorKey;
    QString optionKey = m_connect.optionKey;
    QJsonObject input;
    if (m_connect.reconnect) {
        // A reconnect keeps the connection's connector, option and input unless told otherwise.
        const auto record = context()->connection(m_connect.name);
        if (!record)
            return fail(record.error());
        if (connectorKey.isEmpty())
            connectorKey = record->connectorKey;
        else if (connectorKey != record->connectorKey)
            return fail(Error(ErrorCode::Usage, u"connection \"%1\" uses connector %2, not %3"_s.arg(
                                                    m_connect.name, record->connectorKey, connectorKey)));
        if (optionKey.isEmpty())
            optionKey = record->authOptionKey;
        input = record->input;
    }
    for (const QString &assignment : std::as_const(m_connect.inputs)) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0)
            return fail(Error(ErrorCode::Usage, u"--input wants KEY=VALUE, got \"%1\""_s.arg(Redaction::text(assignment))));
        input.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    const auto connector = context()->connector(connectorKey);
    if (!connector)
        return fail(connector.error());
    const ConnectorSpec spec = (*connector)->spec;

    loadConnectorParameters(spec, [this, spec, optionKey, input](const Result<QJsonObject> &parameters) {
        if (!parameters)
            return finishWith(parameters.error());
        ConnectJob::Settings settings;
        settings.spec = spec;
        settings.optionKey = optionKey;
        settings.connectorParameters = *parameters;
        settings.connectionInput = input;
        settings.connectionName = m_connect.name;
        settings.reconnect = m_connect.reconnect;
        settings.port = m_connect.port;
        settings.timeout = std::chrono::seconds(m_connect.timeoutSeconds);
        auto *job = new ConnectJob(settings, context()->secrets(), &context()->index(), context()->clock(), this);
        connect(job, &ConnectJob::authorizationUrlReady, this, &ConnectCommand::onAuthorizationUrl);
        connect(job, &ConnectJob::progress, this, [this](const QString &message) {
            if (!options().json)
                err() << message << u"..."_s << Qt::endl;
        });
        connect(job, &ConnectJob::finished, this, &ConnectCommand::onFinished);
        job->start();
    });
    return -1;
}

void ConnectCommand::onAuthorizationUrl(const QUrl &url)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    if (m_connect.noBrowser) {
        err() << u"Open this address in your browser to connect:"_s << Qt::endl << text << Qt::endl;
        return;
    }
    QString problem;
    if (!BrowserLauncher::open(url, &problem)) {
        err() << u"Could not open a browser (%1). Open this address yourself:"_s.arg(problem) << Qt::endl << text << Qt::endl;
        return;
    }
    err() << u"Your browser was opened; if it was not, open this address:"_s << Qt::endl << text << Qt::endl;
}

void ConnectCommand::onFinished(ConnectJob *job)
{
    job->deleteLater();
    HttpLog::record(context()->profile(), job->record().id, job->httpExchanges());
    if (job->error())
        return finishWith(job->error());
    notifyRefresher(job->record());
}

void ConnectCommand::notifyRefresher(const ConnectionRecord &record)
{
    auto *client = new RefresherClient(context()->profile().localSocketName(), this);
    // Short: the daemon only reloads its index; without an answer it still sees the file change.
    client->setTimeout(std::chrono::seconds(5));
    connect(client, &RefresherClient::finished, this, [this, record](RefresherClient *done) {
        done->deleteLater();
        if (!done->outcome() && done->outcome().error().failure != RefresherClient::Failure::NotRunning && !options().json)
            err() << u"(the profile's refresher was not told about the new credentials: %1)"_s.arg(done->outcome().error().message) << Qt::endl;
        afterConnected(record);
    });
    RefresherProtocol::Request request;
    request.op = RefresherProtocol::Op::Reload;
    request.name = record.name;
    client->send(request);
}

void ConnectCommand::afterConnected(const ConnectionRecord &record)
{
    if (m_connect.runTest)
        return runTest(record);
    report(record, std::nullopt);
}

void ConnectCommand::runTest(const ConnectionRecord &record)
{
    // Without a test there is nothing to open a session for.
    const auto connector = context()->connector(record.connectorKey);
    const auto auth = connector ? (*connector)->spec.effectiveAuth(record.authOptionKey) : Result<AuthSpec>(connector.error());
    if (!auth || !auth->method(AuthMethod::Test))
        return report(record, std::nullopt);
    openSession(record.name, [this, record](const Result<ConnectionSession *> &session) {
        if (!session)
            return report(record, session.error());
        auto *test = new TestJob(*session, &context()->index(), this);
        connect(test, &TestJob::finished, this, [this, record](TestJob *finished) {
            finished->deleteLater();
            if (finished->hasTest() && finished->passed() && !options().json)
                err() << u"The connector's test passed."_s << Qt::endl;
            report(record, finished->error());
        });
        test->start();
    });
}

void ConnectCommand::report(const ConnectionRecord &record, const std::optional<Error> &testError)
{
    // The index as it is now (the test updated it).
    const auto current = context()->connection(record.name);
    const ConnectionRecord &shown = current ? *current : record;
    if (options().json)
        out() << QJsonDocument(shown.toJson()).toJson(QJsonDocument::Indented);
    else
        out() << shown.name << Qt::endl;
    if (testError) {
        Error error = *testError;
        error.message = u"connected as \"%1\", but the connector's test failed: %2"_s.arg(shown.name, error.message);
        return finishWith(error);
    }
    finishWith(std::nullopt);
}

} // namespace Authdesk
