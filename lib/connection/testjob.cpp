#include "testjob.h"

#include "connectionsession.h"
#include "connectionstatus.h"
#include "methodcall.h"
#include "resttestrunner.h"

#include "mapping/jssemantics.h"
#include "store/connectionindex.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

TestJob::TestJob(ConnectionSession *session, ConnectionIndex *index, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_index(index)
{
}

void TestJob::start()
{
    if (m_started)
        return;
    m_started = true;
    const MethodImplementation *test = m_session ? m_session->auth().method(AuthMethod::Test) : nullptr;
    if (!test) {
        m_hasTest = false;
        QTimer::singleShot(0, this, [this] { finish(true, tr("the connector has no test")); });
        return;
    }
    if (test->type == ImplementationType::RestApiMapping) {
        auto *runner = new RestTestRunner(m_session->apiClient(), test->mapping, m_session->methodArguments(), this);
        connect(runner, &RestTestRunner::finished, this, [this](RestTestRunner *finished) {
            finished->deleteLater();
            m_value = finished->value();
            if (finished->error())
                return finish(false, finished->error()->message, finished->error());
            finish(finished->passed(), finished->passed() ? tr("the test passed") : tr("the test's response mapping was falsy"));
        });
        runner->start();
        return;
    }
    auto *call = new MethodCall(*test, m_session->methodArguments(), this);
    call->setApiGateway(m_session->scriptGateway());
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        if (!finished->result())
            return finish(false, finished->result().error().message, finished->result().error());
        m_value = *finished->result();
        const bool truthy = JsSemantics::isTruthy(m_value);
        finish(truthy, truthy ? tr("the test passed") : tr("the test returned a falsy value"));
    });
    call->start();
}

void TestJob::finish(bool passed, const QString &message, std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_passed = passed;
    m_message = message;
    if (!passed && !error)
        error = Error(ErrorCode::Script, message);
    m_error = error;
    if (m_hasTest && m_session) {
        const QString name = m_session->record().name;
        (void)m_index->recordTest(name, passed, message);
        (void)m_index->update(name, [passed](ConnectionRecord &record) {
            const QString ready = ConnectionStatuses::toString(ConnectionStatus::Ready);
            const QString failed = ConnectionStatuses::toString(ConnectionStatus::Error);
            if (passed && record.status == failed)
                record.status = ready;
            else if (!passed && record.status == ready)
                record.status = failed;
        });
    }
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
