#include "tokencommand.h"

#include "connection/profilecontext.h"
#include "connection/refreshjob.h"

#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

TokenCommand::TokenCommand(Mode mode, QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(mode == Mode::PrintToken ? u"token"_s : u"refresh"_s, std::move(options), out, err, parent)
    , m_mode(mode)
    , m_name(std::move(name))
{
}

int TokenCommand::start()
{
    if (!openContext())
        return exitCode();
    const auto record = context()->connection(m_name);
    if (!record)
        return fail(record.error());
    const auto connector = context()->connector(record->connectorKey);
    if (!connector)
        return fail(connector.error());
    const ConnectorSpec spec = (*connector)->spec;
    const QString optionKey = record->authOptionKey;
    loadConnectorParameters(spec, [this, spec, optionKey](const Result<QJsonObject> &parameters) {
        if (!parameters)
            return finishWith(parameters.error());
        RefreshJob::Settings settings;
        settings.spec = spec;
        settings.optionKey = optionKey;
        settings.connectorParameters = *parameters;
        settings.connectionName = m_name;
        settings.lockFilePath = context()->profile().lockFilePath();
        settings.force = m_mode == Mode::Refresh;
        auto *job = new RefreshJob(settings, context()->secrets(), &context()->index(), context()->clock(), this);
        connect(job, &RefreshJob::finished, this, &TokenCommand::onFinished);
        job->start();
    });
    return -1;
}

void TokenCommand::onFinished(RefreshJob *job)
{
    job->deleteLater();
    const QString accessToken = job->credentials().value(u"access_token"_s).toString();
    if (job->error()) {
        // `token` still answers while the stored access token lasts: a transient refresh failure
        // (network down) must not break a script that only needs the current token.
        const ConnectionRecord &record = job->record();
        const bool stillValid = record.expiresAt.isValid() && record.expiresAt > context()->clock().nowUtc();
        if (m_mode == Mode::PrintToken && stillValid && !accessToken.isEmpty()
            && record.status == u"Ready" && job->error()->code != ErrorCode::NotFound) {
            err() << u"authdesk token: refreshing failed (%1); the current token is still valid"_s.arg(job->error()->message) << Qt::endl;
            out() << accessToken << Qt::endl;
            return finishWith(std::nullopt);
        }
        return finishWith(job->error());
    }
    if (m_mode == Mode::PrintToken) {
        if (accessToken.isEmpty())
            return finishWith(Error(ErrorCode::Provider, u"connection \"%1\" has no access token"_s.arg(m_name)));
        out() << accessToken << Qt::endl;
        return finishWith(std::nullopt);
    }
    const ConnectionRecord &record = job->record();
    if (options().json) {
        out() << QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented);
    } else {
        out() << u"Refreshed %1; the access token "_s.arg(m_name)
              << (record.expiresAt.isValid() ? u"expires "_s + record.expiresAt.toLocalTime().toString(Qt::ISODate)
                                             : u"has no known expiry"_s)
              << Qt::endl;
    }
    finishWith(std::nullopt);
}

} // namespace Authdesk
