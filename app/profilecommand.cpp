#include "profilecommand.h"

#include "connection/connectionsession.h"
#include "connection/profilecontext.h"
#include "connection/profilerefresher.h"
#include "spec/connectorspec.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

ProfileCommand::ProfileCommand(QString commandName, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_commandName(std::move(commandName))
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
{
}

ProfileCommand::~ProfileCommand() = default;

bool ProfileCommand::openContext()
{
    const auto opened = ProfileContext::open(m_options.profile, m_options.connectorDirectories, this);
    if (!opened) {
        fail(opened.error());
        return false;
    }
    m_context = *opened;
    return true;
}

int ProfileCommand::fail(const Error &error)
{
    m_err << u"authdesk "_s << m_commandName << u": "_s << error.message << Qt::endl;
    if (!error.providerError.isEmpty() && !error.message.contains(error.providerError)) {
        m_err << u"  the provider said: "_s << error.providerError;
        if (!error.providerErrorDescription.isEmpty())
            m_err << u" ("_s << error.providerErrorDescription << u')';
        m_err << Qt::endl;
    }
    m_exitCode = exitCodeFor(error.code);
    return m_exitCode;
}

void ProfileCommand::finishWith(const std::optional<Error> &error)
{
    const int code = error ? fail(*error) : 0;
    m_out.flush();
    m_err.flush();
    Q_EMIT finished(code);
}

Refresher *ProfileCommand::refresher()
{
    if (!m_refresher)
        m_refresher = new ProfileRefresher(m_context, this);
    return m_refresher;
}

void ProfileCommand::loadConnectorParameters(const ConnectorSpec &spec, std::function<void(const Result<QJsonObject> &)> then)
{
    m_context->loadConnectorParameters(spec, this, std::move(then));
}

void ProfileCommand::openSession(const QString &name, std::function<void(const Result<ConnectionSession *> &)> then)
{
    m_context->openSession(name, refresher(), this, std::move(then));
}

} // namespace Authdesk
