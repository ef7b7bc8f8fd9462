#pragma once

#include "linebuffer.h"
#include "refresherprotocol.h"

#include "store/profile.h"
#include "support/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;
class QTimer;

namespace Authdesk {

class RefreshService;

// The profile's refresher on its local socket (Profile::localSocketName()): answers RefresherProtocol
// lines with its RefreshService. Only the user can connect (QLocalServer::UserAccessOption); access
// tokens cross the socket for op "token" and are never logged.
//
//     RefresherServer server(profile, &service);
//     if (auto listening = server.listen(); !listening) return fail(listening.error());
//
// One refresher per profile: listen() first takes the profile's daemon lock (a QLockFile that only a
// dead process loses), so a second daemon is refused naming the first one's pid; a socket file left
// by a killed daemon is then removed. Hostile or broken clients: a line that is not a request gets a
// bad-request reply (the connection stays usable); a line over RefresherProtocol::maxLineLength gets
// line-too-long and the connection is closed; at most maximumClients connections, maximumQueued
// unanswered lines each, and a connection idle for idleTimeout is closed. A client that disappears
// does not stop the refresh it asked for. Requests of one connection are answered in order.
class RefresherServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        int maximumClients = 32;
        int maximumQueued = 16;
        std::chrono::milliseconds idleTimeout{std::chrono::seconds(60)};
    };

    RefresherServer(Profile profile, RefreshService *service, QObject *parent = nullptr);
    ~RefresherServer() override;

    void setLimits(const Limits &limits) { m_limits = limits; }

    // Takes the daemon lock, removes a stale socket, listens. ErrorCode::Usage when another refresher
    // serves the profile.
    Result<bool> listen();
    bool isListening() const;
    // Stops listening (the socket file goes); connected clients are told shutting-down for new requests,
    // requests already taken are still answered.
    void stopAccepting();

    QString serverName() const { return m_profile.localSocketName(); }
    QString fullServerName() const;
    int clientCount() const { return int(m_clients.size()); }
    // Requests answered so far (all ops).
    int servedCount() const { return m_served; }

    // Held by whoever serves the profile's socket (a daemon, later the GUI).
    static QString daemonLockPath(const Profile &profile);

Q_SIGNALS:
    // A client said the index changed (op reload).
    void reloadRequested(const QString &name);

private:
    struct Client
    {
        QPointer<QLocalSocket> socket;
        LineBuffer lines{RefresherProtocol::maxLineLength};
        QList<QByteArray> queue;
        bool busy = false;
        bool closing = false;
        QTimer *idle = nullptr;
        qint64 pid = 0; // the peer process, where the OS says (Linux)
    };

    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);
    void processNext(QLocalSocket *socket);
    void handle(QLocalSocket *socket, const RefresherProtocol::Request &request);
    void reply(QLocalSocket *socket, const RefresherProtocol::Reply &reply, bool thenClose = false);
    void removeClient(QLocalSocket *socket);
    QJsonObject daemonDetails() const;
    QString peer(const Client &client) const;

    Profile m_profile;
    QPointer<RefreshService> m_service;
    Limits m_limits;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    QHash<QLocalSocket *, Client *> m_clients;
    bool m_accepting = false;
    int m_served = 0;
};

} // namespace Authdesk
