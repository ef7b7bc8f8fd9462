#include "commandline.h"

#include "bundlecommand.h"
#include "configurecommand.h"
#include "connectcommand.h"
#include "connectionscommand.h"
#include "daemoncommand.h"
#include "disconnectcommand.h"
#include "inspectcommand.h"
#include "requestcommand.h"
#include "runcommand.h"
#include "testcommand.h"
#include "tokencommand.h"

#include "catalog/connectorcatalog.h"
#include "support/error.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const QString profileOption = u"profile"_s;
const QString connectorsDirOption = u"connectors-dir"_s;

void addGlobalOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(u"Authdesk keeps OAuth2 connections to your accounts in the OS keychain and "
                                     "fresh.\nWithout a command, the desktop window opens (with --minimized: hidden in the system "
                                     "tray, as at login)."_s);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(
        {profileOption, u"Use the named profile (default: AUTHDESK_PROFILE or \"default\")."_s, u"name"_s});
    parser.addOption({connectorsDirOption,
        u"Also load connectors from DIR (repeatable; overrides bundled and user connectors with the same key)."_s,
        u"dir"_s});
    parser.addHelpOption();
    parser.addVersionOption();
}

QJsonArray diagnosticsToJson(const Diagnostics &diagnostics, Severity severity)
{
    QJsonArray array;
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.severity != severity)
            continue;
        array.append(QJsonObject {
            {u"file"_s, diagnostic.file},
            {u"line"_s, diagnostic.line},
            {u"column"_s, diagnostic.column},
            {u"message"_s, diagnostic.message},
            {u"text"_s, diagnostic.toString()},
        });
    }
    return array;
}

QString padded(const QString &text, qsizetype width)
{
    return text.leftJustified(width, u' ') + u"  "_s;
}

} // namespace

CommandLine::CommandLine(QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_err(err)
{
}

QStringList CommandLine::commandNames()
{
    return {u"connectors"_s, u"validate"_s, u"run"_s, u"configure"_s, u"connect"_s, u"connections"_s, u"inspect"_s,
        u"test"_s, u"token"_s, u"refresh"_s, u"request"_s, u"disconnect"_s, u"daemon"_s, u"bundle"_s};
}

bool CommandLine::wantsCommand(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--profile" || argument == u"--connectors-dir" || argument == u"-profile"
            || argument == u"-connectors-dir") {
            ++i; // skip the option's value
            continue;
        }
        if (argument.startsWith(u'-')) {
            // --help and --version are answered on the command line too.
            if (argument == u"--help" || argument == u"-h" || argument == u"--version" || argument == u"-v"
                || argument == u"-help" || argument == u"-version")
                return true;
            continue;
        }
        return true; // a positional argument: a command (known or not)
    }
    return false;
}

bool CommandLine::parseGlobalOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    addGlobalOptions(parser);
    if (!parser.parse(arguments)) {
        m_err << parser.errorText() << Qt::endl;
        return false;
    }
    applyGlobalOptions(parser);
    return true;
}

void CommandLine::applyGlobalOptions(const QCommandLineParser &parser)
{
    m_connectorDirectories = parser.values(connectorsDirOption);
    m_profileOption = parser.value(profileOption);
    m_profile = parser.isSet(profileOption) ? parser.value(profileOption) : qEnvironmentVariable("AUTHDESK_PROFILE");
    if (m_profile.isEmpty())
        m_profile = u"default"_s;
}

int CommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addGlobalOptions(parser);
    const QCommandLineOption jsonOption(u"json"_s, u"Print machine-readable JSON."_s);
    const QCommandLineOption argsOption(u"args"_s, u"run: the method's argument object as JSON."_s, u"json"_s);
    const QCommandLineOption argsFileOption(u"args-file"_s, u"run: read the argument object from a JSON file."_s, u"file"_s);
    const QCommandLineOption authOption(u"option"_s, u"run, connect: the connector's auth option to use."_s, u"key"_s);
    const QCommandLineOption setOption(u"set"_s, u"configure: set a connector parameter (repeatable)."_s, u"key=value"_s);
    const QCommandLineOption unsetOption(u"unset"_s, u"configure: remove a connector parameter (repeatable)."_s, u"key"_s);
    const QCommandLineOption nameOption(u"name"_s, u"connect: the connection's name (default: the connector key)."_s, u"name"_s);
    const QCommandLineOption inputOption(u"input"_s, u"connect: a connection input field (repeatable)."_s, u"key=value"_s);
    const QCommandLineOption noBrowserOption(u"no-browser"_s, u"connect: print the authorization address instead of opening a browser."_s);
    const QCommandLineOption portOption(u"port"_s, u"connect: the loopback port for the redirect (default: any free one)."_s, u"port"_s);
    const QCommandLineOption timeoutOption(u"timeout"_s, u"connect: seconds to wait for the browser (default 300)."_s, u"seconds"_s);
    const QCommandLineOption reconnectOption(u"reconnect"_s, u"connect: give the existing connection --name a new grant."_s);
    const QCommandLineOption revealOption(u"reveal"_s, u"inspect: show secrets instead of masking them."_s);
    const QCommandLineOption keepRemoteOption(u"keep-remote"_s, u"disconnect: do not revoke the grant at the provider."_s);
    const QCommandLineOption noTestOption(u"no-test"_s, u"connect: do not run the connector's test afterwards."_s);
    const QCommandLineOption dataOption(u"data"_s, u"request: the JSON body."_s, u"json"_s);
    const QCommandLineOption headerOption(u"header"_s, u"request: an extra header (repeatable)."_s, u"name:value"_s);
    const QCommandLineOption queryOption(u"query"_s, u"request: a query parameter (repeatable)."_s, u"key=value"_s);
    parser.addOptions({jsonOption, argsOption, argsFileOption, authOption, setOption, unsetOption, nameOption, inputOption,
        noBrowserOption, portOption, timeoutOption, reconnectOption, revealOption, keepRemoteOption, noTestOption, dataOption,
        headerOption, queryOption});
    const QCommandLineOption outputOption(
        u"output"_s, u"bundle: write the support bundle to FILE instead of standard output."_s, u"file"_s);
    parser.addOption(outputOption);
    parser.addPositionalArgument(u"command"_s,
        u"connectors   List the loaded connectors, their folders and validation errors.\n"
        "validate     Validate connector folders (PATH...); exit code 0 when all are valid.\n"
        "run          Run one method of a connector (CONNECTOR METHOD) and print its JSON result.\n"
        "configure    Set a connector's parameters (CONNECTOR --set KEY=VALUE...); secrets go to the keychain.\n"
        "connect      Connect an account through the browser (CONNECTOR); prints the connection's name.\n"
        "connections  List the connections with status and expiry.\n"
        "inspect      Show a connection (NAME); secrets masked unless --reveal.\n"
        "test         Run the connector's test for a connection (NAME); exit code 0 when it passes.\n"
        "token        Print a valid access token of a connection (NAME), refreshing it when due.\n"
        "refresh      Refresh a connection's credentials now (NAME).\n"
        "request      Call a connection's API (NAME METHOD PATH [--data JSON] [--header K:V] [--query K=V]).\n"
        "disconnect   Revoke a connection at the provider and delete it (NAME).\n"
        "bundle       Write a redacted support bundle of a connection (NAME [--output FILE]); no secrets.\n"
        "daemon       Run the profile's refresher: other commands refresh through it; stops on SIGTERM."_s,
        u"<command> [args...]"_s);

    if (!parser.parse(arguments)) {
        m_err << u"authdesk: "_s << parser.errorText() << Qt::endl;
        return exitCodeFor(ErrorCode::Usage);
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return 0;
    }
    if (parser.isSet(u"version"_s)) {
        m_out << QCoreApplication::applicationName() << u' ' << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    applyGlobalOptions(parser);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        m_err << u"authdesk: no command given; see authdesk --help"_s << Qt::endl;
        return exitCodeFor(ErrorCode::Usage);
    }
    const QString command = positional.first();
    const bool json = parser.isSet(jsonOption);
    if (command == u"connectors") {
        if (positional.size() > 1) {
            m_err << u"authdesk connectors: unexpected argument \"%1\""_s.arg(positional.at(1)) << Qt::endl;
            return exitCodeFor(ErrorCode::Usage);
        }
        return listConnectors(json);
    }
    if (command == u"validate") {
        if (positional.size() < 2) {
            m_err << u"authdesk validate: give at least one connector folder (PATH...)"_s << Qt::endl;
            return exitCodeFor(ErrorCode::Usage);
        }
        return validate(positional.mid(1), json);
    }
    if (command == u"run") {
        if (positional.size() != 3) {
            m_err << u"authdesk run: give CONNECTOR METHOD (a connector key or folder, and a method such as getOAuthConfig)"_s
                  << Qt::endl;
            return exitCodeFor(ErrorCode::Usage);
        }
        auto *runCommand = new RunCommand({positional.at(1), positional.at(2), parser.value(argsOption),
                                              parser.value(argsFileOption), parser.value(authOption), m_connectorDirectories},
            m_out, m_err, this);
        connect(runCommand, &RunCommand::finished, this, &CommandLine::finished);
        return runCommand->start();
    }
    const ProfileCommand::Options profileOptions{m_profileOption, m_connectorDirectories, json};
    const auto startCommand = [this](ProfileCommand *profileCommand) {
        connect(profileCommand, &ProfileCommand::finished, this, &CommandLine::finished);
        return profileCommand->start();
    };
    const auto wantArguments = [this, &positional, &command](qsizetype count, const QString &what) {
        if (positional.size() == count + 1)
            return true;
        m_err << u"authdesk %1: give %2"_s.arg(command, what) << Qt::endl;
        return false;
    };
    if (command == u"configure") {
        if (!wantArguments(1, u"CONNECTOR (and --set KEY=VALUE to change a parameter)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new ConfigureCommand(positional.at(1), parser.values(setOption), parser.values(unsetOption),
            profileOptions, m_out, m_err, this));
    }
    if (command == u"connect") {
        ConnectCommand::ConnectOptions connectOptions;
        if (positional.size() == 2)
            connectOptions.connectorKey = positional.at(1);
        else if (!(positional.size() == 1 && parser.isSet(reconnectOption)) && !wantArguments(1, u"CONNECTOR"_s))
            return exitCodeFor(ErrorCode::Usage);
        connectOptions.name = parser.value(nameOption);
        connectOptions.inputs = parser.values(inputOption);
        connectOptions.optionKey = parser.value(authOption);
        connectOptions.noBrowser = parser.isSet(noBrowserOption);
        connectOptions.reconnect = parser.isSet(reconnectOption);
        connectOptions.runTest = !parser.isSet(noTestOption);
        if (parser.isSet(portOption)) {
            bool ok = false;
            const uint port = parser.value(portOption).toUInt(&ok);
            if (!ok || port == 0 || port > 65535) {
                m_err << u"authdesk connect: --port wants a port number from 1 to 65535"_s << Qt::endl;
                return exitCodeFor(ErrorCode::Usage);
            }
            connectOptions.port = quint16(port);
        }
        if (parser.isSet(timeoutOption)) {
            bool ok = false;
            connectOptions.timeoutSeconds = parser.value(timeoutOption).toInt(&ok);
            if (!ok || connectOptions.timeoutSeconds <= 0) {
                m_err << u"authdesk connect: --timeout wants a number of seconds"_s << Qt::endl;
                return exitCodeFor(ErrorCode::Usage);
            }
        }
        return startCommand(new ConnectCommand(connectOptions, profileOptions, m_out, m_err, this));
    }
    if (command == u"connections") {
        if (!wantArguments(0, u"no arguments"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new ConnectionsCommand(profileOptions, m_out, m_err, this));
    }
    if (command == u"inspect") {
        if (!wantArguments(1, u"NAME (a connection; see authdesk connections)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new InspectCommand(positional.at(1), parser.isSet(revealOption), profileOptions, m_out, m_err, this));
    }
    if (command == u"token" || command == u"refresh") {
        if (!wantArguments(1, u"NAME (a connection; see authdesk connections)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new TokenCommand(command == u"token" ? TokenCommand::Mode::PrintToken : TokenCommand::Mode::Refresh,
            positional.at(1), profileOptions, m_out, m_err, this));
    }
    if (command == u"test") {
        if (!wantArguments(1, u"NAME (a connection; see authdesk connections)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new TestCommand(positional.at(1), profileOptions, m_out, m_err, this));
    }
    if (command == u"request") {
        if (!wantArguments(3, u"NAME METHOD PATH (e.g. authdesk request work GET /user)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new RequestCommand({positional.at(1), positional.at(2), positional.at(3), parser.value(dataOption),
                                                   parser.values(headerOption), parser.values(queryOption)},
            profileOptions, m_out, m_err, this));
    }
    if (command == u"disconnect") {
        if (!wantArguments(1, u"NAME (a connection; see authdesk connections)"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new DisconnectCommand(positional.at(1), parser.isSet(keepRemoteOption), profileOptions, m_out, m_err, this));
    }
    if (command == u"bundle") {
        if (!wantArguments(1, u"NAME (a connection; see authdesk connections) [--output FILE]"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(
            new BundleCommand(positional.at(1), parser.value(outputOption), profileOptions, m_out, m_err, this));
    }
    if (command == u"daemon") {
        if (!wantArguments(0, u"no arguments (authdesk daemon [--profile NAME])"_s))
            return exitCodeFor(ErrorCode::Usage);
        return startCommand(new DaemonCommand(profileOptions, m_out, m_err, this));
    }
    m_err << u"authdesk: unknown command \"%1\" (commands: %2)"_s.arg(command, commandNames().join(u", "_s))
          << Qt::endl;
    return exitCodeFor(ErrorCode::Usage);
}

int CommandLine::listConnectors(bool json)
{
    const ConnectorCatalog catalog = ConnectorCatalog::load(ConnectorSearchPath::standard(m_connectorDirectories));
    if (json) {
        QJsonArray array;
        for (const CatalogEntry &entry : catalog.entries()) {
            const ConnectorSpec &spec = entry.connector.spec;
            array.append(QJsonObject {
                {u"key"_s, spec.key()},
                {u"name"_s, spec.name()},
                {u"folder"_s, QDir::cleanPath(QFileInfo(spec.folder()).absoluteFilePath())},
                {u"source"_s, connectorSourceName(entry.source)},
                {u"overrides"_s, QJsonArray::fromStringList(entry.overrides)},
                {u"valid"_s, entry.isValid()},
                {u"errors"_s, diagnosticsToJson(entry.connector.diagnostics, Severity::Error)},
                {u"warnings"_s, diagnosticsToJson(entry.connector.diagnostics, Severity::Warning)},
            });
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }

    if (catalog.entries().isEmpty()) {
        m_out << u"No connectors found. Bundled connectors are looked for in %1; add your own to %2."_s.arg(
            ConnectorSearchPath::bundledDirectory().isEmpty() ? u"(not found)"_s
                                                              : ConnectorSearchPath::bundledDirectory(),
            ConnectorSearchPath::userDirectory())
              << Qt::endl;
        return 0;
    }
    qsizetype keyWidth = 3;
    qsizetype nameWidth = 4;
    for (const CatalogEntry &entry : catalog.entries()) {
        keyWidth = std::max(keyWidth, entry.key().size());
        nameWidth = std::max(nameWidth, entry.connector.spec.name().size());
    }
    m_out << padded(u"KEY"_s, keyWidth) << padded(u"NAME"_s, nameWidth) << padded(u"SOURCE"_s, 7)
          << padded(u"STATUS"_s, 10) << u"FOLDER"_s << Qt::endl;
    for (const CatalogEntry &entry : catalog.entries()) {
        const qsizetype errors = std::count_if(entry.connector.diagnostics.cbegin(), entry.connector.diagnostics.cend(),
            [](const Diagnostic &d) { return d.isError(); });
        const QString status = errors == 0 ? u"ok"_s : (errors == 1 ? u"1 error"_s : u"%1 errors"_s.arg(errors));
        m_out << padded(entry.key(), keyWidth) << padded(entry.connector.spec.name(), nameWidth)
              << padded(connectorSourceName(entry.source), 7) << padded(status, 10) << entry.connector.spec.folder()
              << Qt::endl;
        for (const QString &overridden : entry.overrides)
            m_out << u"    overrides "_s << overridden << Qt::endl;
        for (const Diagnostic &diagnostic : entry.connector.diagnostics) {
            if (diagnostic.isError())
                m_out << u"    "_s << diagnostic.toString() << Qt::endl;
        }
    }
    return 0;
}

int CommandLine::validate(const QStringList &paths, bool json)
{
    bool allValid = true;
    QJsonArray results;
    for (const QString &path : paths) {
        QStringList folders;
        if (!QFileInfo(path).isDir()) {
            folders.append(path); // the loader reports the missing folder
        } else {
            folders = ConnectorCatalog::connectorFolders(path);
            if (folders.isEmpty())
                folders.append(path);
        }
        for (const QString &folder : std::as_const(folders)) {
            const LoadedConnector loaded = ConnectorLoader::load(folder);
            allValid = allValid && loaded.isValid();
            for (const Diagnostic &diagnostic : loaded.diagnostics)
                m_err << diagnostic.toString() << Qt::endl;
            if (json) {
                results.append(QJsonObject {
                    {u"folder"_s, folder},
                    {u"key"_s, loaded.spec.key()},
                    {u"valid"_s, loaded.isValid()},
                    {u"errors"_s, diagnosticsToJson(loaded.diagnostics, Severity::Error)},
                    {u"warnings"_s, diagnosticsToJson(loaded.diagnostics, Severity::Warning)},
                });
            } else {
                m_out << folder << (loaded.isValid() ? u": valid"_s : u": invalid"_s) << Qt::endl;
            }
        }
    }
    if (json)
        m_out << QJsonDocument(results).toJson(QJsonDocument::Indented);
    return allValid ? 0 : exitCodeFor(ErrorCode::Validation);
}

} // namespace Authdesk
