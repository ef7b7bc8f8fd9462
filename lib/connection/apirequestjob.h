#pragma once

#include "apiclientconfig.h"
#include "apierror.h"
#include "apirequest.h"
#include "apiresponse.h"

#include "support/httpexchange.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkReply;

namespace Authdesk {

class ApiClient;

// One request through an ApiClient, with what follows from its answers: one refresh and one retry
// after a 401, bounded repeats after a 429 (see ApiClient). Made by ApiClient::request():
//
//     ApiRequestJob *job = client->request(ApiRequest::make(u"POST"_s, u"/items"_s, ApiRequestBody::fromJson(item)));
//     connect(job, &ApiRequestJob::finished, this, [](ApiRequestJob *job) { ...; job->deleteLater(); });
//     job->start();
//
// finished() is emitted exactly once, never inside start(), also after kill() (error kind Cancelled).
// Once finished, either error() is empty and response() is the answer, or error() says why there is
// none (response() then holds the last answer, if any). The job never deletes itself.
class ApiRequestJob : public QObject
{
    Q_OBJECT

public:
    ~ApiRequestJob() override;

    void start();
    void kill();

    bool isFinished() const { return m_finished; }
    const ApiRequest &request() const { return m_request; }
    const std::optional<ApiResponse> &response() const { return m_response; }
    const std::optional<ApiError> &error() const { return m_error; }
    // Every exchange of this request (retries included), redacted.
    const QList<HttpExchange> &exchanges() const { return m_exchanges; }

Q_SIGNALS:
    void exchangeRecorded(const Authdesk::HttpExchange &exchange);
    void finished(Authdesk::ApiRequestJob *job, QPrivateSignal);

private:
    friend class ApiClient;
    ApiRequestJob(ApiClient *client, ApiRequest request);

    void send();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void interpret();
    void onTokenRejected(const QString &reason);
    void onRateLimited(const QString &reason);
    void record(int status, const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
        const QString &error);
    // An error with the status and body excerpt of the last response, if any.
    ApiError makeError(ApiError::Kind kind, const QString &key, const QString &message) const;
    void fail(ApiError error);
    void finish();
    void dropReply();
    // "connector NAME: GET /path" as messages start.
    QString what() const;

    ApiClient *m_client;
    ApiRequest m_request;
    ApiClientConfig m_config; // the config the current attempt was sent with
    quint64 m_configGeneration = 0;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    QElapsedTimer m_elapsed;
    HttpExchange m_exchange; // the attempt on the wire
    std::optional<ApiResponse> m_response;
    std::optional<ApiError> m_error;
    QList<HttpExchange> m_exchanges;
    bool m_renewedCredentials = false;
    int m_rateLimitRetries = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
