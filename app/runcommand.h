#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

class QTextStream;

namespace Authdesk {

class MethodCall;

// `authdesk run CONNECTOR METHOD [--args JSON | --args-file FILE] [--option KEY]`: runs one method of
// a connector for its author and prints the JSON result. CONNECTOR is a key from the catalog or a
// connector folder. Mapping methods are evaluated with the arguments as their variables; JavaScript
// methods run like they do for a connection (own engine, worker thread, time limit).
class RunCommand : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString connector;
        QString method;
        QString argumentsJson;  // --args
        QString argumentsFile;  // --args-file
        QString optionKey;      // --option
        QStringList connectorDirectories;
    };

    RunCommand(Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    // Returns the exit code when the command is done at once, or -1 when it runs on and emits
    // finished() later.
    int start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    int fail(int exitCode, const QString &message);
    void onMethodFinished(MethodCall *call);

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Authdesk
