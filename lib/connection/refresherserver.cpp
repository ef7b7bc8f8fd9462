#include "refresherserver.h"

#include "profilecontext.h"
#include "support/logging.h"
#include "refreshrequest.h"
#include "refreshservice.h"

#include "support/redaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Authdesk {

using namespace RefresherProtocol;

RefresherServer::RefresherServer(Profile profile, RefreshService *service, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_service(service)
{
}

RefresherServer::~RefresherServer()
{
    for (Client *client : std::as_const(m_clients)) {
        if (client->socket) {
            client->socket->disconnect(this);
            client->socket->flush(); // replies already written go out
            client->socket->abort();
        }
        delete client;
    }
    m_clients.clear();
    if (m_server)
        m_server->close();
}

QString RefresherServer::daemonLockPath(const Profile &profile)
{
    return profile.dataDir() + u"/refresher-daemon.lock"_s;
}

QString RefresherServer::fullServerName() const
{
    return m_server ? m_server->fullServerName() : QString();
}

bool RefresherServer::isListening() const
{
    return m_server && m_server->isListening();
}

Result<bool> RefresherServer::listen()
{
    if (isListening())
        return true;
    if (const auto folder = m_profile.ensureDataDir(); !folder)
        return folder.error();
    const QString name = serverName();
    const auto refused = [this](const QString &who) {
        return Error(ErrorCode::Usage,
            tr("another Authdesk refresher %1 is already running for profile \"%2\"; Authdesk commands use it. "
               "Stop it first to start a new one.")
                .arg(who, m_profile.name()));
    };

    // The lock decides who may own the socket name; only the death of its holder frees it (no age limit,
    // a daemon runs for days).
    auto lock = std::make_unique<QLockFile>(daemonLockPath(m_profile));
    lock->setStaleLockTime(std::chrono::milliseconds(0));
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (lock->error() == QLockFile::LockFailedError && lock->getLockInfo(&pid, &host, &application))
            return refused(tr("(pid %1)").arg(pid));
        if (lock->error() == QLockFile::LockFailedError)
            return refused(QString());
        return Error(ErrorCode::Internal, tr("cannot take the refresher lock %1").arg(daemonLockPath(m_profile)));
    }
    // With the lock held, a socket that still accepts belongs to a refresher that does not take it
    // (an older one): leave it alone. One that refuses is a leftover of a killed refresher.
    {
        QLocalSocket probe;
        probe.connectToServer(name);
        if (probe.waitForConnected(500)) {
            probe.abort();
            return refused(tr("(it answers on %1)").arg(name));
        }
    }
    if (QLocalServer::removeServer(name))
        qCDebug(lcRefresher) << "removed a stale socket" << name;

    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    server->setMaxPendingConnections(m_limits.maximumClients);
    if (!server->listen(name)) {
        const QString reason = server->errorString();
        delete server;
        return Error(ErrorCode::Internal, tr("the refresher cannot listen on %1: %2").arg(name, reason));
    }
    m_server = server;
    m_lock = std::move(lock);
    m_accepting = true;
    connect(m_server, &QLocalServer::newConnection, this, &RefresherServer::onNewConnection);
    return true;
}

void RefresherServer::stopAccepting()
{
    m_accepting = false;
    if (m_server)
        m_server->close(); // removes the socket file: new commands refresh under the profile lock
}

QJsonObject RefresherServer::daemonDetails() const
{
    return {{u"pid"_s, QCoreApplication::applicationPid()}, {u"profile"_s, m_profile.name()},
        {u"protocol"_s, RefresherProtocol::version}};
}

QString RefresherServer::peer(const Client &client) const
{
    return client.pid > 0 ? u"pid %1"_s.arg(client.pid) : u"a client"_s;
}

void RefresherServer::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QLocalSocket *socket = m_server->nextPendingConnection();
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] { removeClient(socket); });
        if (m_clients.size() >= m_limits.maximumClients) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            socket->write(encodeReply(Reply::failure(QString::fromLatin1(Codes::busy), tr("too many clients; try again"))));
            socket->disconnectFromServer();
            continue;
        }
        auto *client = new Client;
        client->socket = socket;
#ifdef Q_OS_LINUX
        ucred credentials{};
        socklen_t length = sizeof(credentials);
        if (::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0)
            client->pid = credentials.pid;
#endif
        client->idle = new QTimer(socket);
        client->idle->setSingleShot(true);
        connect(client->idle, &QTimer::timeout, this, [this, socket] {
            Client *idleClient = m_clients.value(socket);
            if (!idleClient || idleClient->busy)
                return;
            qCDebug(lcRefresher) << "closing an idle connection";
            socket->disconnectFromServer();
        });
        client->idle->start(m_limits.idleTimeout);
        m_clients.insert(socket, client);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void RefresherServer::removeClient(QLocalSocket *socket)
{
    if (Client *client = m_clients.take(socket))
        delete client; // a request it made runs on; its reply finds no socket
    socket->deleteLater();
}

void RefresherServer::onReadyRead(QLocalSocket *socket)
{
    Client *client = m_clients.value(socket);
    if (!client || client->closing)
        return;
    client->idle->start(m_limits.idleTimeout);
    const QList<QByteArray> lines = client->lines.append(socket->readAll());
    for (const QByteArray &line : lines) {
        if (!line.trimmed().isEmpty())
            client->queue.append(line);
    }
    if (client->lines.overflowed()) {
        qCWarning(lcRefresher).noquote() << u"closing the connection of %1: a line over %2 bytes"_s.arg(peer(*client)).arg(maxLineLength);
        client->queue.clear();
        return reply(socket, Reply::failure(QString::fromLatin1(Codes::lineTooLong),
                                 tr("a request line is longer than %1 bytes").arg(maxLineLength)),
            true);
    }
    if (client->queue.size() > m_limits.maximumQueued) {
        client->queue.clear();
        return reply(socket, Reply::failure(QString::fromLatin1(Codes::busy), tr("too many requests at once")), true);
    }
    processNext(socket);
}

void RefresherServer::processNext(QLocalSocket *socket)
{
    Client *client = m_clients.value(socket);
    if (!client || client->busy || client->closing || client->queue.isEmpty())
        return;
    const QByteArray line = client->queue.takeFirst();
    client->busy = true;
    const auto request = parseRequest(line);
    if (!request) {
        qCDebug(lcRefresher) << "bad request from" << peer(*client);
        return reply(socket, request.error());
    }
    handle(socket, *request);
}

void RefresherServer::handle(QLocalSocket *socket, const Request &request)
{
    Reply answer;
    answer.id = request.id;
    switch (request.op) {
    case Op::Ping:
        answer.details = daemonDetails();
        return reply(socket, answer);
    case Op::Status: {
        if (!m_service)
            return reply(socket, Reply::failure(QString::fromLatin1(Codes::shuttingDown), tr("the refresher is stopping"), request.id));
        if (request.name.isEmpty()) {
            answer.details = daemonDetails();
            answer.details.insert(u"inFlight"_s, QJsonArray::fromStringList(m_service->inFlight()));
            answer.details.insert(u"unsaved"_s, QJsonArray::fromStringList(m_service->unsaved()));
            answer.details.insert(u"accepting"_s, m_accepting);
            return reply(socket, answer);
        }
        const auto record = m_service->context()->connection(request.name);
        if (!record)
            return reply(socket, Reply::failure(errorCodeName(record.error().code), record.error().message, request.id));
        answer.status = record->status;
        answer.expiresAt = record->expiresAt;
        answer.unsaved = m_service->unsaved().contains(request.name);
        answer.details = {{u"refreshing"_s, m_service->inFlight().contains(request.name)}};
        return reply(socket, answer);
    }
    case Op::Reload:
        if (m_service)
            m_service->reload(request.name);
        Q_EMIT reloadRequested(request.name);
        return reply(socket, answer);
    case Op::Refresh:
    case Op::Token:
        break;
    }
    if (!m_accepting || !m_service || !m_service->isAccepting())
        return reply(socket, Reply::failure(QString::fromLatin1(Codes::shuttingDown),
                                 tr("the refresher is shutting down; refresh under the profile lock instead"), request.id));
    const bool wantsToken = request.op == Op::Token;
    RefreshRequest *refresh = m_service->refresh(request.name, request.force, wantsToken ? Refresher::Want::AccessToken : Refresher::Want::Status);
    const QPointer<QLocalSocket> target(socket);
    const QString who = peer(*m_clients.value(socket));
    connect(refresh, &RefreshRequest::finished, this, [this, target, request, wantsToken, who, answer](RefreshRequest *done) mutable {
        const RefreshOutcome &outcome = done->outcome();
        answer.ok = !outcome.error;
        if (outcome.error)
            answer.error = ReplyError::fromError(*outcome.error);
        answer.refreshed = outcome.refreshed;
        answer.unsaved = outcome.unsaved;
        answer.warning = outcome.warning;
        answer.expiresAt = outcome.expiresAt;
        answer.status = outcome.record.status;
        answer.details = {{u"pid"_s, QCoreApplication::applicationPid()}};
        if (wantsToken)
            answer.accessToken = outcome.accessToken; // the socket is the user's alone; never logged
        qCInfo(lcRefresher).noquote() << u"served %1 of \"%2\" for %3: %4"_s.arg(opName(request.op), request.name, who,
            outcome.error ? u"failed: "_s + Redaction::text(outcome.error->message)
                          : (outcome.refreshed ? u"refreshed"_s : u"still fresh"_s));
        if (target)
            reply(target, answer);
    });
}

void RefresherServer::reply(QLocalSocket *socket, const Reply &answer, bool thenClose)
{
    ++m_served;
    Client *client = m_clients.value(socket);
    if (!client)
        return;
    socket->write(encodeReply(answer));
    client->busy = false;
    if (thenClose) {
        client->closing = true;
        socket->disconnectFromServer(); // after the reply is written
        return;
    }
    // One request at a time per connection: the next one from the event loop.
    QTimer::singleShot(0, this, [this, target = QPointer<QLocalSocket>(socket)] {
        if (target)
            processNext(target);
    });
}

} // namespace Authdesk
