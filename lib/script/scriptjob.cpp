#include "scriptjob.h"

#include "support/logging.h"

#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {
// After the time limit, a script stuck in a loop gets this long to notice the interruption.
constexpr int interruptGraceMs = 2000;
} // namespace

ScriptJob::ScriptJob(ScriptInvocation invocation, QObject *parent)
    : QObject(parent)
    , m_invocation(std::move(invocation))
    , m_watchdog(new QTimer(this))
{
    qRegisterMetaType<Authdesk::ScriptOutcome>();
    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, [this] {
        if (m_finished || !m_run)
            return;
        qCInfo(lcScript) << m_invocation.fileName << m_invocation.methodName << "hit its time limit";
        // A script in a loop stops at once and finishes with a timeout. One waiting for the network
        // or a timer runs no JavaScript and would wait on: after a grace period, finish anyway.
        m_run->interrupt();
        QTimer::singleShot(interruptGraceMs, this, [this] {
            if (!m_finished) {
                ScriptOutcome outcome;
                outcome.error = ScriptError{ScriptError::Kind::Timeout,
                    u"stopped after %1 ms (the method's time limit)"_s.arg(m_invocation.timeout.count()),
                    m_invocation.fileName, 0, 0, {}};
                onRunFinished(outcome);
            }
        });
    });
}

ScriptJob::~ScriptJob()
{
    stopThread();
}

void ScriptJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_thread = new QThread;
    m_thread->setObjectName(u"script:"_s + m_invocation.methodName);
    m_run = std::make_unique<ScriptRun>(m_invocation);
    m_run->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_run.get(), &ScriptRun::start);
    connect(m_run.get(), &ScriptRun::finished, this, &ScriptJob::onRunFinished, Qt::QueuedConnection);
    m_watchdog->start(int(std::min<qint64>(m_invocation.timeout.count(), std::numeric_limits<int>::max())));
    m_thread->start();
}

void ScriptJob::kill()
{
    if (m_finished)
        return;
    if (m_run)
        m_run->interrupt();
    ScriptOutcome outcome;
    outcome.error = ScriptError{ScriptError::Kind::Timeout, u"cancelled"_s, m_invocation.fileName, 0, 0, {}};
    onRunFinished(outcome);
}

void ScriptJob::onRunFinished(const ScriptOutcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_watchdog->stop();
    m_outcome = outcome;
    stopThread();
    Q_EMIT finished(this, QPrivateSignal());
}

void ScriptJob::stopThread()
{
    if (!m_thread)
        return;
    if (m_run)
        m_run->interrupt();
    // The run and its engine are destroyed in the worker thread, before it ends.
    if (ScriptRun *run = m_run.release())
        QMetaObject::invokeMethod(run, [run] { delete run; }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace Authdesk
