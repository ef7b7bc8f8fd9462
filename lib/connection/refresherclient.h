#pragma once

#include "linebuffer.h"
#include "refresherprotocol.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

class QLocalSocket;
class QTimer;

namespace Authdesk {

// One request to the profile's refresher daemon (RefresherServer) and its reply; see
// RefresherProtocol for the lines. A job: send() once, finished() follows exactly once, from the
// event loop.
//
//     auto *client = new RefresherClient(profile.localSocketName(), this);
//     connect(client, &RefresherClient::finished, this, [](RefresherClient *done) {
//         done->deleteLater();
//         if (!done->outcome()) { if (done->outcome().error().failure == RefresherClient::Failure::NotRunning) ...; }
//     });
//     client->send({RefresherProtocol::Op::Token, u"work"_s, false, {}});
//
// NotRunning (no socket, or nobody listening on it: a daemon that was killed) means "do it yourself
// under the profile lock". Disconnected means the daemon went away after taking the request.
class RefresherClient : public QObject
{
    Q_OBJECT

public:
    enum class Failure {
        NotRunning, // nothing answers on the socket
        Disconnected, // the daemon closed the connection before replying
        Timeout, // no reply within timeout()
        Protocol, // the daemon sent something that is not a reply
    };
    Q_ENUM(Failure)

    struct ClientError
    {
        Failure failure = Failure::NotRunning;
        QString message;
    };
    using Outcome = Result<RefresherProtocol::Reply, ClientError>;

    // A refresh may wait for the profile lock (30 s) and then for the provider.
    static constexpr std::chrono::milliseconds defaultTimeout{std::chrono::seconds(120)};

    explicit RefresherClient(QString serverName, QObject *parent = nullptr);
    ~RefresherClient() override;

    const QString &serverName() const { return m_serverName; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // For the whole exchange: connecting, sending, waiting for the reply.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void send(const RefresherProtocol::Request &request);

    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const Outcome &outcome() const { return *m_outcome; }

Q_SIGNALS:
    void finished(Authdesk::RefresherClient *client, QPrivateSignal);

private:
    void onReadyRead();
    void finish(Outcome outcome);

    QString m_serverName;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    QLocalSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    LineBuffer m_lines{RefresherProtocol::maxLineLength};
    QByteArray m_request;
    bool m_connected = false;
    bool m_started = false;
    bool m_finished = false;
    std::optional<Outcome> m_outcome;
};

} // namespace Authdesk
