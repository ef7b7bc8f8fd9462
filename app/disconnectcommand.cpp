#include "disconnectcommand.h"

#include "connection/disconnectjob.h"
#include "connection/profilecontext.h"
#include "store/httplog.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

DisconnectCommand::DisconnectCommand(QString name, bool keepRemote, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"disconnect"_s, std::move(options), out, err, parent)
    , m_name(std::move(name))
    , m_keepRemote(keepRemote)
{
}

int DisconnectCommand::start()
{
    if (!openContext())
        return exitCode();
    const auto record = context()->connection(m_name);
    if (!record)
        return fail(record.error());
    const auto connector = context()->connector(record->connectorKey);
    if (!connector) {
        if (!m_keepRemote)
            return fail(Error(connector.error().code, connector.error().message
                    + u"\nWithout its connector the grant cannot be revoked; use --keep-remote to delete the connection anyway."_s));
    }
    const ConnectorSpec spec = connector ? (*connector)->spec : ConnectorSpec();
    const QString optionKey = record->authOptionKey;
    const auto run = [this, spec, optionKey, id = record->id](const QJsonObject &parameters) {
        DisconnectJob::Settings settings;
        settings.spec = spec;
        settings.optionKey = optionKey;
        settings.connectorParameters = parameters;
        settings.connectionName = m_name;
        settings.keepRemote = m_keepRemote;
        auto *job = new DisconnectJob(settings, context()->secrets(), &context()->index(), this);
        // The connection's HTTP log goes with it (when the index no longer has it).
        connect(job, &DisconnectJob::finished, this, [this, id] {
            if (const ConnectionRecord *left = context()->index().find(m_name); !left || left->id != id)
                HttpLog::forget(context()->profile(), id);
        });
        connect(job, &DisconnectJob::finished, this, &DisconnectCommand::onFinished);
        job->start();
    };
    if (!connector) {
        run({});
        return -1;
    }
    loadConnectorParameters(spec, [this, run](const Result<QJsonObject> &parameters) {
        if (!parameters)
            return finishWith(parameters.error());
        run(*parameters);
    });
    return -1;
}

void DisconnectCommand::onFinished(DisconnectJob *job)
{
    job->deleteLater();
    for (const QString &note : job->notes())
        err() << note << Qt::endl;
    if (job->error())
        return finishWith(job->error());
    out() << u"Disconnected %1."_s.arg(m_name) << Qt::endl;
    finishWith(std::nullopt);
}

} // namespace Authdesk
