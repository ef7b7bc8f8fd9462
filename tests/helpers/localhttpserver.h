#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

namespace Authdesk::Test {

// A small HTTP/1.1 server on 127.0.0.1 for tests of code that makes requests: it records every
// request and answers with whatever the test's handler returns.
class LocalHttpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query as sent
        QMap<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };
    using Handler = std::function<Response(const Request &)>;

    explicit LocalHttpServer(Handler handler, QObject *parent = nullptr);

    QUrl url(const QString &path = QString()) const;
    const QList<Request> &requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace Authdesk::Test
