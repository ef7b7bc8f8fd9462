#pragma once

#include "scriptrun.h"

#include <QJsonValue>
#include <QObject>

#include <memory>
#include <optional>

class QThread;
class QTimer;

namespace Authdesk {

// Runs one connector method off the calling thread, in an engine of its own (no state is shared
// between calls or connections), under a watchdog.
//
//     auto *job = new ScriptJob({fileName, source, u"getTokenData"_s, arguments}, this);
//     connect(job, &ScriptJob::finished, this, [job] {
//         if (job->error()) show(job->error()->toString()); else use(job->result());
//         job->deleteLater();
//     });
//     job->start();
//
// finished() is emitted exactly once, also after kill() or a timeout. Deleting a running job stops
// the script and waits for its thread.
class ScriptJob : public QObject
{
    Q_OBJECT

public:
    explicit ScriptJob(ScriptInvocation invocation, QObject *parent = nullptr);
    ~ScriptJob() override;

    void start();
    // Stops the method; finished() follows with a Timeout-kind error saying it was cancelled.
    void kill();

    bool isFinished() const { return m_finished; }
    const QJsonValue &result() const { return m_outcome.result; }
    const std::optional<ScriptError> &error() const { return m_outcome.error; }
    const QList<ScriptLogLine> &log() const { return m_outcome.log; }
    const QList<HttpExchange> &httpExchanges() const { return m_outcome.http; }

Q_SIGNALS:
    void finished(Authdesk::ScriptJob *job, QPrivateSignal);

private:
    void onRunFinished(const ScriptOutcome &outcome);
    void stopThread();

    ScriptInvocation m_invocation;
    QThread *m_thread = nullptr;
    std::unique_ptr<ScriptRun> m_run;
    QTimer *m_watchdog = nullptr;
    ScriptOutcome m_outcome;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
