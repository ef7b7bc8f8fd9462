#include "runcommand.h"

#include "catalog/connectorcatalog.h"
#include "connection/methodcall.h"
#include "support/error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QString printable(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Indented);
    // Strip the wrapping array and one level of indentation.
    text = text.mid(text.indexOf('\n') + 1);
    text.chop(text.size() - text.lastIndexOf(']'));
    QString result = QString::fromUtf8(text).trimmed();
    return result.replace(u"\n    "_s, u"\n"_s);
}

// "line:column" of an offset into text.
QString position(const QByteArray &text, qsizetype offset)
{
    const QByteArray before = text.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return u"%1:%2"_s.arg(line).arg(column);
}

} // namespace

RunCommand::RunCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
{
}

int RunCommand::fail(int exitCode, const QString &message)
{
    m_err << u"authdesk run: "_s << message << Qt::endl;
    return exitCode;
}

int RunCommand::start()
{
    // The arguments: one JSON object.
    QByteArray argumentsText = m_options.argumentsJson.toUtf8();
    QString argumentsSource = u"--args"_s;
    if (!m_options.argumentsFile.isEmpty()) {
        if (!m_options.argumentsJson.isEmpty())
            return fail(exitCodeFor(ErrorCode::Usage), u"give --args or --args-file, not both"_s);
        QFile file(m_options.argumentsFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(exitCodeFor(ErrorCode::NotFound), u"%1: %2"_s.arg(m_options.argumentsFile, file.errorString()));
        argumentsText = file.readAll();
        argumentsSource = m_options.argumentsFile;
    }
    QJsonObject arguments;
    if (!argumentsText.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(argumentsText, &error);
        if (error.error != QJsonParseError::NoError)
            return fail(exitCodeFor(ErrorCode::Usage),
                u"%1:%2: %3"_s.arg(argumentsSource, position(argumentsText, error.offset), error.errorString()));
        if (!document.isObject())
            return fail(exitCodeFor(ErrorCode::Usage), u"%1: the arguments must be one JSON object"_s.arg(argumentsSource));
        arguments = document.object();
    }

    // The connector: a folder, or a key of the catalog.
    LoadedConnector connector;
    if (QFileInfo(m_options.connector).isDir()) {
        connector = ConnectorLoader::load(m_options.connector);
    } else {
        const ConnectorCatalog catalog = ConnectorCatalog::load(ConnectorSearchPath::standard(m_options.connectorDirectories));
        const CatalogEntry *entry = catalog.find(m_options.connector);
        if (!entry)
            return fail(exitCodeFor(ErrorCode::NotFound),
                u"no connector \"%1\" (see authdesk connectors, or give a connector folder)"_s.arg(m_options.connector));
        connector = entry->connector;
    }
    if (!connector.isValid()) {
        for (const Diagnostic &diagnostic : std::as_const(connector.diagnostics)) {
            if (diagnostic.isError())
                m_err << diagnostic.toString() << Qt::endl;
        }
        return fail(exitCodeFor(ErrorCode::Validation), u"connector \"%1\" has errors"_s.arg(connector.spec.key()));
    }

    const auto method = AuthMethods::fromSpecKey(m_options.method);
    if (!method) {
        QStringList names;
        for (const AuthMethod candidate : AuthMethods::all())
            names.append(AuthMethods::specKey(candidate));
        return fail(exitCodeFor(ErrorCode::Usage),
            u"unknown method \"%1\" (methods: %2)"_s.arg(m_options.method, names.join(u", "_s)));
    }
    const auto auth = connector.spec.effectiveAuth(m_options.optionKey);
    if (!auth)
        return fail(exitCodeFor(auth.error().code), auth.error().message);
    const MethodImplementation *implementation = auth->method(*method);
    if (!implementation)
        return fail(exitCodeFor(ErrorCode::NotFound),
            u"connector \"%1\" does not implement %2"_s.arg(connector.spec.key(), AuthMethods::specKey(*method)));

    if (implementation->type != ImplementationType::Mapping && implementation->type != ImplementationType::Javascript)
        return fail(exitCodeFor(ErrorCode::Script),
            u"%1 is a %2; running it needs a connection's API client, which `authdesk run` does not have"_s.arg(
                AuthMethods::specKey(*method), ImplementationTypes::toString(implementation->type)));

    // As for a connection: parameter defaults filled in, the connection input under both its names.
    auto *call = new MethodCall(*implementation, MethodCall::completeArguments(connector.spec, arguments), this);
    connect(call, &MethodCall::finished, this, &RunCommand::onMethodFinished);
    call->start();
    return -1;
}

void RunCommand::onMethodFinished(MethodCall *call)
{
    call->deleteLater();
    // The method's console goes to stderr, so that stdout stays the JSON result.
    for (const ScriptLogLine &line : call->log())
        m_err << u"["_s << line.level << u"] "_s << line.text << Qt::endl;
    if (!call->result()) {
        // A script's error starts with its file:line:column, which editors and terminals link.
        if (call->implementation().type != ImplementationType::Javascript)
            m_err << u"authdesk run: "_s;
        m_err << call->result().error().message << Qt::endl;
        Q_EMIT finished(exitCodeFor(ErrorCode::Script));
        return;
    }
    const QString text = printable(*call->result());
    if (!text.isEmpty())
        m_out << text << Qt::endl;
    Q_EMIT finished(0);
}

} // namespace Authdesk
