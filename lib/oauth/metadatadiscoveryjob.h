#pragma once

#include "authorizationservermetadata.h"
#include "tokenerror.h"

#include "support/httpexchange.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace Authdesk {

class Clock;
class EndpointCall;

// Fetches an issuer's metadata (RFC 8414): /.well-known/oauth-authorization-server first, then
// /.well-known/openid-configuration (AuthorizationServerMetadata::discoveryUrls). A URL that answers
// with anything but a JSON object is skipped; a document whose issuer differs from the configured
// one ends the discovery with an error (RFC 8414 §3.3), it does not fall through to the next URL.
// Made by TokenClient::discoverMetadata(); used like TokenRequestJob.
class MetadataDiscoveryJob : public QObject
{
    Q_OBJECT

public:
    MetadataDiscoveryJob(QString issuer, QNetworkAccessManager *network, const Clock &clock,
        std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~MetadataDiscoveryJob() override;

    void start();
    void kill();

    const QString &issuer() const { return m_issuer; }
    bool isFinished() const { return m_finished; }
    const std::optional<AuthorizationServerMetadata> &metadata() const { return m_metadata; }
    const std::optional<TokenError> &error() const { return m_error; }
    const QList<HttpExchange> &exchanges() const { return m_exchanges; }

Q_SIGNALS:
    void finished(Authdesk::MetadataDiscoveryJob *job, QPrivateSignal);

private:
    void tryNext();
    void onCallFinished();
    void finishWith(std::optional<AuthorizationServerMetadata> metadata, std::optional<TokenError> error);

    QString m_issuer;
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    std::chrono::milliseconds m_timeout;
    QList<QUrl> m_pending;
    QStringList m_failures;
    bool m_sawTransient = false;
    EndpointCall *m_call = nullptr;
    std::optional<AuthorizationServerMetadata> m_metadata;
    std::optional<TokenError> m_error;
    QList<HttpExchange> m_exchanges;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Authdesk
