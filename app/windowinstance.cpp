#include "windowinstance.h"

#include "support/logging.h"

#include <QLocalServer>
#include <QLocalSocket>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr QByteArrayView showRequest = "show\n";

} // namespace

WindowInstance::WindowInstance(QString serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
{
}

WindowInstance::~WindowInstance() = default;

QString WindowInstance::serverNameFor(const QString &profileSocketName)
{
    return profileSocketName + u"-window"_s;
}

void WindowInstance::start(bool askToShow)
{
    m_askToShow = askToShow;
    askTheFirst();
}

void WindowInstance::askTheFirst()
{
    ++m_attempts;
    if (m_socket)
        m_socket->deleteLater(); // this may run in one of its signals
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        if (!m_askToShow)
            return decide(Role::Secondary);
        // The first window has the request once it is written (it sends no answer).
        connect(m_socket, &QLocalSocket::bytesWritten, this, [this] { decide(Role::Secondary); });
        connect(m_socket, &QLocalSocket::disconnected, this, [this] { decide(Role::Secondary); });
        m_socket->write(showRequest.data(), showRequest.size());
        m_socket->flush();
    });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) {
        if (m_socket->state() != QLocalSocket::ConnectedState && !m_decided)
            becomeTheFirst();
    });
    m_socket->connectToServer(m_serverName);
}

void WindowInstance::becomeTheFirst()
{
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *client = m_server->nextPendingConnection()) {
                connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
                connect(client, &QLocalSocket::readyRead, this, [this, client] {
                    while (client->canReadLine()) {
                        if (client->readLine() == showRequest.toByteArray())
                            Q_EMIT showRequested();
                    }
                    if (client->bytesAvailable() > 64)
                        client->abort(); // not an Authdesk window: nothing long is ever sent
                });
            }
        });
    }
    if (m_server->listen(m_serverName))
        return decide(Role::Primary);
    if (m_server->serverError() == QAbstractSocket::AddressInUseError && m_attempts < 2)
        return askTheFirst(); // another window may have started listening just now
    // Nobody answers on it: a window that crashed left its socket behind.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName))
        qCWarning(lcApp) << "cannot keep this window single:" << m_server->errorString();
    decide(Role::Primary);
}

void WindowInstance::decide(Role role)
{
    if (m_decided)
        return;
    m_decided = true;
    Q_EMIT decided(role);
}

} // namespace Authdesk
