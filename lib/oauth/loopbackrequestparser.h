#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace Authdesk {

// Reads the head of one HTTP/1.x request (request line and header fields, RFC 9112) from bytes as
// they arrive, for the loopback redirect listener: a browser may split a request across packets,
// and anything else on the machine may send garbage or never finish. Bodies are not read.
//
//     LoopbackRequestParser parser;
//     switch (parser.feed(socket->readAll())) {
//     case Status::NeedMore: return;                          // wait for more bytes
//     case Status::Error: reply(parser.errorStatusCode()); ... // 400, 414, 431 or 505
//     case Status::Complete: serve(parser.request()); ...     // then reset() for keep-alive
//     }
//
// Limits bound the memory one connection can take: a request line or head that grows past them
// is an error as soon as it is seen, not when it ends.
class LoopbackRequestParser
{
public:
    enum class Status { NeedMore, Complete, Error };
    enum class Problem {
        None,
        Malformed, // 400: not HTTP, bad characters, obs-fold, bad Content-Length, ...
        UriTooLong, // 414: the request line is longer than maxRequestLineBytes
        HeadersTooLarge, // 431: the head is longer than maxHeadBytes or has too many fields
        VersionNotSupported, // 505: HTTP/2.0 and other non-1.x versions
    };

    struct Limits
    {
        qsizetype maxRequestLineBytes = 8192;
        qsizetype maxHeadBytes = 32768; // request line included
        int maxHeaderCount = 100;
    };

    struct Request
    {
        QByteArray method; // as sent (methods are case-sensitive)
        QByteArray target; // origin-form: path and query, as sent
        int minorVersion = 1; // HTTP/1.<minorVersion>
        QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed

        QByteArray path() const; // target up to '?'
        QByteArray query() const; // after the first '?', without it
        // The first field with this (lower-case) name, or a null QByteArray.
        QByteArray header(QByteArrayView lowerCaseName) const;
        bool hasHeader(QByteArrayView lowerCaseName) const;
        // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
        bool wantsKeepAlive() const;
        // Content-Length > 0 or any Transfer-Encoding: the connection cannot be reused without
        // reading a body, which the listener never does.
        bool hasBody() const;
    };

    LoopbackRequestParser();
    explicit LoopbackRequestParser(Limits limits);

    // Adds bytes. After Complete, further bytes are kept as remainder(); after Error they are dropped.
    Status feed(QByteArrayView bytes);
    Status status() const { return m_status; }
    const Request &request() const { return m_request; }

    Problem problem() const { return m_problem; }
    QString problemText() const { return m_problemText; } // never quotes the request
    int errorStatusCode() const; // for Error: 400, 414, 431 or 505

    // Bytes received after the head: a pipelined request, or a body.
    const QByteArray &remainder() const { return m_buffer; }
    // Whether any byte of the current request has arrived.
    bool hasData() const { return m_headBytes > 0 || !m_buffer.isEmpty(); }
    // Ready for the next request on the same connection; the remainder is fed again.
    Status reset();

    const Limits &limits() const { return m_limits; }

private:
    Status processLines();
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);
    Status fail(Problem problem, const QString &text);
    bool checkFraming();

    Limits m_limits;
    Status m_status = Status::NeedMore;
    Problem m_problem = Problem::None;
    QString m_problemText;
    Request m_request;
    QByteArray m_buffer; // bytes of the current, unfinished line (or the remainder once Complete)
    qsizetype m_scanned = 0; // how much of m_buffer is known to have no '\n'
    qsizetype m_headBytes = 0; // bytes of the head consumed so far
    bool m_haveRequestLine = false;
    int m_leadingEmptyLines = 0;
};

} // namespace Authdesk
