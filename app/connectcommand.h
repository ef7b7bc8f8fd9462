#pragma once

#include "profilecommand.h"

#include "store/connectionrecord.h"

#include <optional>

namespace Authdesk {

class ConnectJob;

// `authdesk connect CONNECTOR [--name NAME] [--input KEY=VALUE]... [--option KEY] [--no-browser]
// [--port N] [--timeout SEC] [--reconnect] [--json]`: runs the authorization flow in the system
// browser and stores the new connection; prints its name (or, with --json, the connection).
// --reconnect gives an existing connection (--name) a new grant. Then the connector's test runs
// (unless --no-test); a failed test leaves the connection in place, marked Error, and exits 3.
// A running refresher daemon is told to reload the connection before the test (which it then serves).
class ConnectCommand : public ProfileCommand
{
    Q_OBJECT

public:
    struct ConnectOptions
    {
        QString connectorKey;
        QString name;
        QStringList inputs; // KEY=VALUE
        QString optionKey;
        bool noBrowser = false;
        std::optional<quint16> port;
        int timeoutSeconds = 300;
        bool reconnect = false;
        bool runTest = true; // run the connector's test once connected (--no-test: not)
    };

    ConnectCommand(ConnectOptions connectOptions, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    void onAuthorizationUrl(const QUrl &url);
    void onFinished(ConnectJob *job);
    // Tells the profile's refresher daemon, if one runs, that the connection has new credentials.
    void notifyRefresher(const ConnectionRecord &record);
    void afterConnected(const ConnectionRecord &record);
    void runTest(const ConnectionRecord &record);
    void report(const ConnectionRecord &record, const std::optional<Error> &testError);

    ConnectOptions m_connect;
};

} // namespace Authdesk
