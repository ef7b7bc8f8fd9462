#pragma once

#include "script/scriptapigateway.h"
#include "script/scripthost.h"
#include "spec/methodimplementation.h"
#include "support/error.h"
#include "support/httpexchange.h"
#include "support/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

namespace Authdesk {

class ConnectorSpec;
class ScriptJob;

// One call of a connector auth method, whatever its implementation: a mapping is evaluated with the
// argument object as its variables, JavaScript runs in a ScriptJob (its own engine and thread).
// The result is JSON; a failure is an Error (ErrorCode::Script) whose message names the method's file,
// and for scripts the line and column.
//
//     auto *call = new MethodCall(*auth.method(AuthMethod::GetOAuthConfig), arguments, this);
//     connect(call, &MethodCall::finished, this, [call] { use(call->result()); call->deleteLater(); });
//     call->start();
//
// finished() is emitted exactly once, never from inside start(). Other implementation types
// (rest-api-mapping, ...) need a connection's API client and are not run here.
class MethodCall : public QObject
{
    Q_OBJECT

public:
    MethodCall(MethodImplementation implementation, QJsonObject arguments, QObject *parent = nullptr);
    ~MethodCall() override;

    // The argument object as a method of `spec` receives it: connector-parameter defaults filled in,
    // the connection input under both its names (connectionInput, connectionParameters).
    static QJsonObject completeArguments(const ConnectorSpec &spec, QJsonObject arguments);

    // For methods that run for a connection: their `apiClient`.
    void setApiGateway(std::shared_ptr<ScriptApiGateway> gateway) { m_gateway = std::move(gateway); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void start();
    void kill();

    bool isFinished() const { return m_finished; }
    const Result<QJsonValue> &result() const { return m_result; }
    const QList<ScriptLogLine> &log() const { return m_log; }
    const QList<HttpExchange> &httpExchanges() const { return m_exchanges; }
    const MethodImplementation &implementation() const { return m_implementation; }

Q_SIGNALS:
    void finished(Authdesk::MethodCall *call, QPrivateSignal);

private:
    void finish(Result<QJsonValue> result);

    MethodImplementation m_implementation;
    QJsonObject m_arguments;
    std::shared_ptr<ScriptApiGateway> m_gateway;
    std::chrono::milliseconds m_timeout{30000};
    QPointer<ScriptJob> m_job;
    Result<QJsonValue> m_result = QJsonValue();
    QList<ScriptLogLine> m_log;
    QList<HttpExchange> m_exchanges;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
