#include "refresherclient.h"

#include "support/logging.h"

#include <QLocalSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

RefresherClient::RefresherClient(QString serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
{
}

RefresherClient::~RefresherClient() = default;

void RefresherClient::send(const RefresherProtocol::Request &request)
{
    if (m_started)
        return;
    m_started = true;
    m_request = RefresherProtocol::encodeRequest(request);
    m_socket = new QLocalSocket(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(ClientError{Failure::Timeout, tr("the profile's refresher (socket %1) did not answer within %2 s")
                                                 .arg(m_serverName)
                                                 .arg(std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count())});
    });
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        m_connected = true;
        m_socket->write(m_request);
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &RefresherClient::onReadyRead);
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (!m_connected) {
            // No socket file, or a file nobody listens on (a refresher that was killed).
            return finish(ClientError{Failure::NotRunning,
                tr("no refresher is running for the profile (%1: %2)").arg(m_serverName, m_socket->errorString())});
        }
        if (error == QLocalSocket::PeerClosedError)
            return; // disconnected() says it, after any last reply was read
        finish(ClientError{Failure::Disconnected, tr("the connection to the refresher broke: %1").arg(m_socket->errorString())});
    });
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        onReadyRead(); // a reply that came with the close
        finish(ClientError{Failure::Disconnected, tr("the refresher closed the connection without answering")});
    });
    m_timer->start(m_timeout);
    m_socket->connectToServer(m_serverName);
}

void RefresherClient::onReadyRead()
{
    if (m_finished || !m_socket)
        return;
    const QList<QByteArray> lines = m_lines.append(m_socket->readAll());
    if (m_lines.overflowed())
        return finish(ClientError{Failure::Protocol, tr("the refresher sent a line longer than %1 bytes").arg(RefresherProtocol::maxLineLength)});
    if (lines.isEmpty())
        return;
    auto reply = RefresherProtocol::parseReply(lines.first());
    if (!reply)
        return finish(ClientError{Failure::Protocol, reply.error()});
    finish(*reply);
}

void RefresherClient::finish(Outcome outcome)
{
    if (m_outcome)
        return;
    m_outcome = std::move(outcome);
    if (m_timer)
        m_timer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    QTimer::singleShot(0, this, [this] {
        m_finished = true;
        Q_EMIT finished(this, QPrivateSignal());
    });
}

} // namespace Authdesk
