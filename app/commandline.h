#pragma once

#include <QObject>
#include <QStringList>

class QCommandLineParser;
#include <QTextStream>

namespace Authdesk {

class ConnectorSearchPath;

// The `authdesk` command-line front end (design.md, "The command line"). `run` returns the process
// exit code; output goes to the given streams so that tests can capture it.
//
//     authdesk connectors [--json]
//     authdesk validate PATH... [--json]
//     authdesk run CONNECTOR METHOD [--args JSON | --args-file FILE] [--option KEY]
//     authdesk configure CONNECTOR [--set KEY=VALUE]... [--unset KEY]...
//     authdesk connect CONNECTOR [--name NAME] [--input KEY=VALUE]... [--option KEY] [--no-browser]
//                      [--port N] [--timeout SEC] [--reconnect] [--json]
//     authdesk connections [--json] | inspect NAME [--json] [--reveal] | token NAME | refresh NAME [--json]
//     authdesk test NAME [--json] | request NAME METHOD PATH [--data JSON] [--header K:V]... [--query K=V]...
//     authdesk disconnect NAME [--keep-remote]
//     authdesk daemon                       the profile's refresher (one per profile)
//     global: --profile NAME (AUTHDESK_PROFILE), --connectors-dir DIR (repeatable;
//             AUTHDESK_CONNECTORS_PATH), --version, --help
class CommandLine : public QObject
{
    Q_OBJECT

public:
    CommandLine(QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    // True when the arguments name a command (so no GUI is needed); false for `authdesk` alone,
    // which opens the main window. Works on raw argv before any QCoreApplication exists.
    static bool wantsCommand(const QStringList &arguments);
    static QStringList commandNames();

    // The exit code, or -1 while a command runs on (authdesk run): finished() then gives the code.
    int run(const QStringList &arguments);

    // The options that also apply to the GUI, after `run` or `parseGlobalOptions`.
    const QStringList &connectorDirectories() const { return m_connectorDirectories; }
    const QString &profile() const { return m_profile; }
    // Parses only the global options (for the GUI); returns false after printing a usage error.
    bool parseGlobalOptions(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void applyGlobalOptions(const QCommandLineParser &parser);
    int listConnectors(bool json);
    int validate(const QStringList &paths, bool json);

    QTextStream &m_out;
    QTextStream &m_err;
    QStringList m_connectorDirectories;
    QString m_profile;
    QString m_profileOption; // --profile as given (ProfileContext resolves AUTHDESK_PROFILE and validates)
};

} // namespace Authdesk
