#pragma once

#include "scripterror.h"
#include "scripthost.h"
#include "scriptinvocation.h"
#include "sourcepositionmap.h"

#include <QJsonValue>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <optional>

class QJSEngine;

namespace Authdesk {

// What a finished method produced.
struct ScriptOutcome
{
    QJsonValue result{QJsonValue::Undefined};
    std::optional<ScriptError> error;
    QList<ScriptLogLine> log;
    QList<HttpExchange> http;
};

// One invocation inside its worker thread: a fresh QJSEngine with the prelude and host APIs, the
// connector file turned by the source front end (SourceFrontEnd: TypeScript, ES modules, syntax
// the engine lacks) into CommonJS and evaluated, the exported function called with the argument
// object, its promise awaited, the result turned into JSON. Error positions are mapped back to the
// connector file. Everything it creates lives and dies in the worker thread. ScriptJob drives it;
// nothing else should.
class ScriptRun : public QObject
{
    Q_OBJECT

public:
    explicit ScriptRun(ScriptInvocation invocation);
    ~ScriptRun() override;

    // In the worker thread.
    void start();
    // From any thread: stop a runaway script. The run then finishes with a timeout.
    void interrupt();

Q_SIGNALS:
    // Emitted exactly once, from the worker thread.
    void finished(const Authdesk::ScriptOutcome &outcome);

private:
    void run();
    void finish(ScriptOutcome outcome);
    void finishWithValue(bool fulfilled, const QJSValue &value);
    ScriptError errorFromValue(const QJSValue &value, ScriptError::Kind kind) const;
    // Positions in the evaluated (front-end) code back to the connector file.
    void mapToOriginal(ScriptError &error) const;
    QString mapStack(const QString &stack) const;
    // Calls a JavaScript function and tells a thrown value from a returned one.
    class Invoked
    {
    public:
        Invoked(QJSValue value) : m_value(std::move(value)) { }
        Invoked(ScriptError error) : m_error(std::move(error)) { }
        explicit operator bool() const { return !m_error; }
        const QJSValue &operator*() const { return m_value; }
        const ScriptError &error() const { return *m_error; }

    private:
        QJSValue m_value;
        std::optional<ScriptError> m_error;
    };
    Invoked invoke(const QJSValue &function, const QJSValueList &arguments, const QJSValue &self = QJSValue());

    ScriptInvocation m_invocation;
    QMutex m_engineMutex; // guards m_engine against interrupt() from the job's thread
    QJSEngine *m_engine = nullptr;
    ScriptHost *m_host = nullptr;
    std::optional<SourcePositionMap> m_map; // of the evaluated code, once the front end ran
    std::atomic<bool> m_interrupted{false};
    bool m_finished = false;
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::ScriptOutcome)
