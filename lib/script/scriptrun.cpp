#include "scriptrun.h"

#include "enginefeatures.h"
#include "scriptprelude.h"
#include "sourcefrontend.h"

#include "support/logging.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// The CommonJS wrapper. It shares the first line with the module's own first line, so line numbers
// in errors are the file's.
const QString modulePrefix = u"(function (exports, require, module, __filename, __dirname) {"_s;
const QString moduleSuffix = u"\n})"_s;

// QJSEngine writes file names as "file:<name>" in errors and stack frames.
QString cleanFileName(QString name)
{
    if (name.startsWith(u"file:///"_s))
        name.remove(0, 7);
    else if (name.startsWith(u"file:"_s))
        name.remove(0, 5);
    return name;
}

} // namespace

ScriptRun::ScriptRun(ScriptInvocation invocation)
    : m_invocation(std::move(invocation))
{
}

ScriptRun::~ScriptRun()
{
    QMutexLocker locker(&m_engineMutex);
    delete m_engine;
    m_engine = nullptr;
}

void ScriptRun::interrupt()
{
    m_interrupted = true;
    QMutexLocker locker(&m_engineMutex);
    if (m_engine)
        m_engine->setInterrupted(true);
}

void ScriptRun::start()
{
    {
        QMutexLocker locker(&m_engineMutex);
        m_engine = new QJSEngine;
        if (m_interrupted)
            m_engine->setInterrupted(true);
    }
    m_host = new ScriptHost(m_engine, m_invocation, this);
    connect(m_host, &ScriptHost::settled, this, &ScriptRun::finishWithValue);
    connect(m_host, &ScriptHost::uncaughtException, this,
        [this](const QJSValue &error) { finish({QJsonValue(QJsonValue::Undefined), errorFromValue(error, ScriptError::Kind::Runtime), {}, {}}); });
    run();
}

ScriptRun::Invoked ScriptRun::invoke(const QJSValue &function, const QJSValueList &arguments, const QJSValue &self)
{
    QJSValue argumentArray = m_engine->newArray(quint32(arguments.size()));
    for (qsizetype i = 0; i < arguments.size(); ++i)
        argumentArray.setProperty(quint32(i), arguments.at(i));
    const QJSValue outcome = m_engine->globalObject().property(u"__authdeskInvoke"_s).call({function, self, argumentArray});
    if (m_engine->hasError())
        return errorFromValue(m_engine->catchError(), ScriptError::Kind::Runtime);
    if (!outcome.property(u"ok"_s).toBool())
        return errorFromValue(outcome.hasProperty(u"error"_s) ? outcome.property(u"error"_s) : outcome, ScriptError::Kind::Runtime);
    return outcome.property(u"value"_s);
}

void ScriptRun::run()
{
    // The prelude, the host APIs (js/host.js on top of ScriptHost as `__authdesk`) and the helpers of
    // lowered code (js/lowering.js: async functions, object spread and rest, module interop).
    if (const auto installed = ScriptPrelude::install(*m_engine, m_host); !installed) {
        finish({QJsonValue(QJsonValue::Undefined), ScriptError{ScriptError::Kind::Internal, installed.error().message, {}, 0, 0, {}}, {}, {}});
        return;
    }

    // The source front end: TypeScript, ES modules and what this engine cannot parse, lowered.
    QStringList knownModules;
    const QJSValue known = m_engine->globalObject().property(u"__authdeskRequire"_s).property(u"knownModules"_s);
    for (int i = 0, count = known.property(u"length"_s).toInt(); i < count; ++i)
        knownModules.append(known.property(quint32(i)).toString());
    if (knownModules.isEmpty())
        knownModules = SourceFrontEnd::defaultKnownModules();
    const auto prepared = SourceFrontEnd::prepare(m_invocation.source, m_invocation.fileName, EngineFeatures::probe(), knownModules);
    if (!prepared) {
        finish({QJsonValue(QJsonValue::Undefined), prepared.error(), {}, {}});
        return;
    }
    m_map = prepared->map;

    // Evaluate the module.
    QStringList stack;
    const QJSValue factory = m_engine->evaluate(modulePrefix + prepared->code + moduleSuffix, m_invocation.fileName, 1, &stack);
    if (!stack.isEmpty() || factory.isError()) {
        const bool syntax = factory.errorType() == QJSValue::SyntaxError;
        ScriptError error = errorFromValue(factory, syntax ? ScriptError::Kind::Syntax : ScriptError::Kind::Runtime);
        if (syntax && !stack.isEmpty()) {
            // A frame reads "function:line:column:file"; the line and column are of the evaluated code.
            const QStringList frame = stack.constFirst().split(u':');
            const int line = frame.value(1).toInt();
            int column = frame.value(2).toInt();
            if (line == 1 && column > modulePrefix.size())
                column -= int(modulePrefix.size());
            if (line > 0 && m_map) {
                const SourceLocation original = m_map->originalLocation({line, std::max(column, 0)});
                error.line = original.line;
                error.column = original.column;
            }
        }
        finish({QJsonValue(QJsonValue::Undefined), error, {}, {}});
        return;
    }
    QJSValue module = m_engine->newObject();
    QJSValue exports = m_engine->newObject();
    module.setProperty(u"exports"_s, exports);
    const QJSValue require = m_engine->globalObject().property(u"__authdeskRequire"_s);
    // As in Node, `this` at the top of a CommonJS module is module.exports.
    const auto loaded = invoke(factory, {exports, require, module, m_invocation.fileName, QString()}, exports);
    if (!loaded) {
        finish({QJsonValue(QJsonValue::Undefined), loaded.error(), {}, {}});
        return;
    }

    // Find the method: a default export, module.exports = fn, or an export named after the method.
    const QJSValue moduleExports = module.property(u"exports"_s);
    QJSValue function;
    QStringList candidates{u"default"_s, m_invocation.methodName};
    if (m_invocation.methodName == u"getCredentialsFromAccessTokenResponse")
        candidates.append(u"getCredentialsFromTokenResponse"_s);
    else if (m_invocation.methodName == u"getCredentialsFromTokenResponse")
        candidates.append(u"getCredentialsFromAccessTokenResponse"_s);
    if (moduleExports.isCallable()) {
        function = moduleExports;
    } else if (moduleExports.isObject()) {
        for (const QString &name : std::as_const(candidates)) {
            if (!name.isEmpty() && moduleExports.property(name).isCallable()) {
                function = moduleExports.property(name);
                break;
            }
        }
    }
    if (!function.isCallable()) {
        QStringList found;
        const QJSValue keys = m_engine->globalObject().property(u"Object"_s).property(u"keys"_s).call({moduleExports});
        const int count = keys.property(u"length"_s).toInt();
        for (int i = 0; i < count; ++i)
            found.append(keys.property(quint32(i)).toString());
        const QString what = found.isEmpty() ? u"nothing"_s : u"only %1"_s.arg(found.join(u", "_s));
        finish({QJsonValue(QJsonValue::Undefined),
            ScriptError{ScriptError::Kind::Export,
                u"exports %1; export a default function, or a function named %2"_s.arg(what, m_invocation.methodName),
                m_invocation.fileName, 0, 0, {}},
            {}, {}});
        return;
    }

    // Call it with the argument object (a plain JS object, as JSON.parse makes it).
    QJSValue argument = m_engine->globalObject().property(u"JSON"_s).property(u"parse"_s).call(
        {QString::fromUtf8(QJsonDocument(m_invocation.arguments).toJson(QJsonDocument::Compact))});
    if (m_invocation.apiGateway) {
        // One client under both names the connector format uses, unless the caller gave its own.
        const auto client = invoke(m_engine->globalObject().property(u"__authdeskApiClient"_s), {});
        if (!client) {
            finish({QJsonValue(QJsonValue::Undefined), client.error(), {}, {}});
            return;
        }
        for (const QString &name : {u"apiClient"_s, u"externalApiClient"_s}) {
            if (!m_invocation.arguments.contains(name))
                argument.setProperty(name, *client);
        }
    }
    const auto called = invoke(function, {argument});
    if (!called) {
        finish({QJsonValue(QJsonValue::Undefined), called.error(), {}, {}});
        return;
    }
    const QJSValue returned = *called;
    if (returned.isObject() && returned.property(u"then"_s).isCallable()) {
        const QJSValue handlers = m_engine->evaluate(
            u"(function (host) { return [function (value) { host.settle(true, value); }, function (error) { host.settle(false, error); }]; })"_s)
                                      .call({m_engine->globalObject().property(u"__authdesk"_s)});
        const auto attached = invoke(returned.property(u"then"_s), {handlers.property(0), handlers.property(1)}, returned);
        if (!attached)
            finish({QJsonValue(QJsonValue::Undefined), attached.error(), {}, {}});
        return; // the promise settles through ScriptHost::settled
    }
    finishWithValue(true, returned);
}

void ScriptRun::finishWithValue(bool fulfilled, const QJSValue &value)
{
    if (m_finished)
        return;
    if (!fulfilled) {
        finish({QJsonValue(QJsonValue::Undefined), errorFromValue(value, ScriptError::Kind::Runtime), {}, {}});
        return;
    }
    // JSON.stringify semantics: undefined members dropped, toJSON honoured; undefined stays undefined.
    const auto stringified = invoke(m_engine->globalObject().property(u"JSON"_s).property(u"stringify"_s), {value});
    if (!stringified) {
        ScriptError error = stringified.error();
        error.message = u"the result cannot be turned into JSON: "_s + error.message;
        finish({QJsonValue(QJsonValue::Undefined), error, {}, {}});
        return;
    }
    const QJSValue text = *stringified;
    if (!text.isString()) {
        finish({QJsonValue(QJsonValue::Undefined), std::nullopt, {}, {}});
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(u"["_s.append(text.toString()).append(u']').toUtf8());
    finish({document.array().at(0), std::nullopt, {}, {}});
}

ScriptError ScriptRun::errorFromValue(const QJSValue &value, ScriptError::Kind kind) const
{
    ScriptError error;
    error.kind = m_interrupted ? ScriptError::Kind::Timeout : kind;
    if (error.kind == ScriptError::Kind::Timeout) {
        error.message = u"stopped after %1 ms (the method's time limit)"_s.arg(m_invocation.timeout.count());
        error.file = m_invocation.fileName;
        return error;
    }
    if (value.isError() || (value.isObject() && value.hasProperty(u"message"_s))) {
        const QString name = value.property(u"name"_s).toString();
        error.message = value.property(u"message"_s).toString();
        if (!name.isEmpty() && name != u"undefined")
            error.message = name + u": "_s + error.message;
        // Errors of the platform SDK carry a type and key (ConnectionError access_token_expired, ...).
        const QJSValue key = value.property(u"key"_s);
        if (value.property(u"type"_s).isString() && key.isString())
            error.message += u" (%1: %2)"_s.arg(value.property(u"type"_s).toString(), key.toString());
        error.line = value.property(u"lineNumber"_s).toInt();
        error.file = cleanFileName(value.property(u"fileName"_s).toString());
        error.stack = value.property(u"stack"_s).toString();
    } else {
        error.message = u"Uncaught "_s + value.toString();
    }
    if (error.file.isEmpty() || error.file == u"undefined")
        error.file = m_invocation.fileName;
    // Errors thrown by the prelude point into it; the connector file is what the author can fix.
    if (error.file.startsWith(u"qrc:"_s)) {
        static const QRegularExpression frame(u"@(.+):(\\d+)$"_s, QRegularExpression::MultilineOption);
        auto matches = frame.globalMatch(error.stack);
        error.file = m_invocation.fileName;
        error.line = 0;
        while (matches.hasNext()) {
            const auto match = matches.next();
            if (cleanFileName(match.captured(1)) == m_invocation.fileName) {
                error.line = match.captured(2).toInt();
                break;
            }
        }
    }
    mapToOriginal(error);
    return error;
}

void ScriptRun::mapToOriginal(ScriptError &error) const
{
    if (!m_map || error.file != m_invocation.fileName)
        return;
    if (error.line > 0) {
        const SourceLocation original = m_map->originalLocation({error.line, 0});
        error.line = original.line;
        error.column = 0; // QJSEngine reports no column for exceptions
    }
    error.stack = mapStack(error.stack);
}

QString ScriptRun::mapStack(const QString &stack) const
{
    if (!m_map || stack.isEmpty())
        return stack;
    // Frames read "name@file:line".
    static const QRegularExpression frame(u"^(.*@)(.+):(\\d+)$"_s, QRegularExpression::MultilineOption);
    QString mapped;
    qsizetype last = 0;
    auto matches = frame.globalMatch(stack);
    while (matches.hasNext()) {
        const auto match = matches.next();
        if (cleanFileName(match.captured(2)) != m_invocation.fileName)
            continue;
        const int line = m_map->originalLocation({match.captured(3).toInt(), 0}).line;
        mapped += QStringView(stack).mid(last, match.capturedStart(3) - last);
        mapped += QString::number(line);
        last = match.capturedEnd(3);
    }
    mapped += QStringView(stack).mid(last);
    return mapped;
}

void ScriptRun::finish(ScriptOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_interrupted && !outcome.error) {
        outcome.result = QJsonValue(QJsonValue::Undefined);
        outcome.error = ScriptError{ScriptError::Kind::Timeout,
            u"stopped after %1 ms (the method's time limit)"_s.arg(m_invocation.timeout.count()), m_invocation.fileName, 0, 0, {}};
    }
    if (m_host) {
        m_host->shutdown();
        outcome.log = m_host->takeLog();
        outcome.http = m_host->takeExchanges();
    }
    Q_EMIT finished(outcome);
}

} // namespace Authdesk
