#pragma once

#include "support/error.h"
#include "support/result.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

class QTextStream;

namespace Authdesk {

class ConnectionSession;
class ConnectorSpec;
class ProfileContext;
class Refresher;

// The common part of the commands that work on a profile (configure, connect, connections, inspect,
// test, token, refresh, request, disconnect): the profile's context, errors printed as
// "authdesk COMMAND: message" with the exit code of design.md, and the connector parameters.
// start() returns the exit code when the command is done at once, or -1 when it runs on and emits
// finished() later.
class ProfileCommand : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString profile; // empty: AUTHDESK_PROFILE or "default"
        QStringList connectorDirectories;
        bool json = false;
    };

    ProfileCommand(QString commandName, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~ProfileCommand() override;

    virtual int start() = 0;

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Opens the profile; on failure prints the error and returns false (exitCode() says why).
    bool openContext();
    // Prints the error, returns its exit code.
    int fail(const Error &error);
    // Ends a command that runs on: prints the error (if any) and emits finished() with its code.
    void finishWith(const std::optional<Error> &error);
    // All parameters of the connector (the keychain's included), asynchronously.
    void loadConnectorParameters(const ConnectorSpec &spec, std::function<void(const Result<QJsonObject> &)> then);
    // The connection `name` opened for API use (credentials refreshed when due, API client built).
    void openSession(const QString &name, std::function<void(const Result<ConnectionSession *> &)> then);

    // Who refreshes for this command: the profile's refresher daemon when one answers, else this
    // process under the profile lock (ProfileRefresher). Made on first use, after openContext().
    Refresher *refresher();

    ProfileContext *context() const { return m_context; }
    const Options &options() const { return m_options; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    int exitCode() const { return m_exitCode; }

private:
    QString m_commandName;
    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    ProfileContext *m_context = nullptr;
    Refresher *m_refresher = nullptr;
    int m_exitCode = 0;
};

} // namespace Authdesk
