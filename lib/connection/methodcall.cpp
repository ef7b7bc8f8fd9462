#include "methodcall.h"

#include "mapping/mappingevaluator.h"
#include "script/scriptjob.h"
#include "spec/connectorspec.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

MethodCall::MethodCall(MethodImplementation implementation, QJsonObject arguments, QObject *parent)
    : QObject(parent)
    , m_implementation(std::move(implementation))
    , m_arguments(std::move(arguments))
{
}

MethodCall::~MethodCall()
{
    delete m_job; // stops a script still running
}

QJsonObject MethodCall::completeArguments(const ConnectorSpec &spec, QJsonObject arguments)
{
    arguments.insert(u"connectorParameters"_s,
        spec.connectorParametersWithDefaults(arguments.value(u"connectorParameters"_s).toObject()));
    if (arguments.contains(u"connectionInput"_s) && !arguments.contains(u"connectionParameters"_s))
        arguments.insert(u"connectionParameters"_s, arguments.value(u"connectionInput"_s));
    else if (arguments.contains(u"connectionParameters"_s) && !arguments.contains(u"connectionInput"_s))
        arguments.insert(u"connectionInput"_s, arguments.value(u"connectionParameters"_s));
    return arguments;
}

void MethodCall::start()
{
    if (m_started)
        return;
    m_started = true;
    const QString method = AuthMethods::specKey(m_implementation.method);
    qCDebug(lcConnection) << "calling" << method << "in" << m_implementation.filePath;

    switch (m_implementation.type) {
    case ImplementationType::Mapping: {
        // Synchronous, but finished() must not come from inside start().
        Result<QJsonValue> result = MappingEvaluator(m_arguments).evaluate(m_implementation.mapping);
        if (!result)
            result = Error(ErrorCode::Script, u"%1: %2"_s.arg(m_implementation.filePath, result.error().message));
        QTimer::singleShot(0, this, [this, result] { finish(result); });
        return;
    }
    case ImplementationType::Javascript: {
        ScriptInvocation invocation;
        invocation.fileName = m_implementation.filePath;
        invocation.source = m_implementation.code;
        invocation.methodName = method;
        invocation.arguments = m_arguments;
        invocation.timeout = m_timeout;
        invocation.apiGateway = m_gateway;
        m_job = new ScriptJob(invocation, this);
        connect(m_job, &ScriptJob::finished, this, [this](ScriptJob *job) {
            m_log = job->log();
            m_exchanges = job->httpExchanges();
            Result<QJsonValue> result = job->result();
            if (job->error()) {
                Error error = job->error()->toError();
                error.code = ErrorCode::Script;
                // A hook's exception may quote what it got (a token response, the code): the message
                // goes to logs, stderr and the history, so it is redacted here, once for all of them.
                error.message = Redaction::text(job->error()->toString());
                result = error;
            }
            job->deleteLater();
            finish(result);
        });
        m_job->start();
        return;
    }
    default: {
        const Error error(ErrorCode::Script, u"%1: %2 is a %3 method, which needs a connection's API client"_s.arg(
            m_implementation.filePath, method, ImplementationTypes::toString(m_implementation.type)));
        QTimer::singleShot(0, this, [this, error] { finish(error); });
        return;
    }
    }
}

void MethodCall::kill()
{
    if (m_job)
        m_job->kill();
}

void MethodCall::finish(Result<QJsonValue> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
