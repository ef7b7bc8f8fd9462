#pragma once

#include "endpointresponse.h"
#include "tokenerror.h"

#include "support/httpexchange.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace Authdesk {

class Clock;

// One HTTP exchange with an OAuth endpoint, for the jobs of TokenClient: applies NetworkPolicy
// (refusing before sending anything), the transfer timeout and the response size cap
// (TokenResponseParser::maximumBodySize), and records the exchange redacted for the inspector.
//
// finished() is emitted exactly once, never from inside start(), unless abort() came first. Then
// either response() holds what the server answered (any status; redirects are not followed) or
// error() says why there is none (Refused, Transient for network errors and timeouts, Provider for
// an oversized body).
class EndpointCall : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method; // "POST" or "GET"
        QUrl url;
        QString field; // the connector field the URL came from, for policy errors ("tokenUri")
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    EndpointCall(QNetworkAccessManager *network, const Clock &clock, Request request,
        std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~EndpointCall() override;

    void start();
    // Stops the exchange without emitting finished().
    void abort();

    const std::optional<EndpointResponse> &response() const { return m_response; }
    const std::optional<TokenError> &error() const { return m_error; }
    // When the response arrived (Clock::nowUtc()).
    const QDateTime &receivedAt() const { return m_receivedAt; }
    const HttpExchange &exchange() const { return m_exchange; }

Q_SIGNALS:
    void finished(QPrivateSignal);

private:
    void onReadyRead();
    void onFinished();
    void fail(TokenError error);
    void finish();

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    Request m_request;
    std::chrono::milliseconds m_timeout;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    QElapsedTimer m_elapsed;
    std::optional<EndpointResponse> m_response;
    std::optional<TokenError> m_error;
    QDateTime m_receivedAt;
    HttpExchange m_exchange;
    bool m_started = false;
    bool m_done = false;
};

} // namespace Authdesk
