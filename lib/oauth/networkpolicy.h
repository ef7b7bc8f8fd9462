#pragma once

#include "support/result.h"

#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

// What every outgoing request of Authdesk must respect (the token client now; the API client and
// script fetch are meant to use it too):
//  - https:// always; http:// only to a loopback host (127.0.0.0/8, ::1, localhost), where a test
//    server or a local development provider runs. Anything else is refused before a byte is sent,
//    with an error that names the URL and the connector field it came from (RFC 9700 §2.6).
//  - the system proxy settings (environment, desktop settings through libproxy), except for loopback
//    hosts, which a proxy could not reach anyway;
//  - TLS peer verification always on: nothing here, or anywhere in lib/, ignores SSL errors.
namespace Authdesk::NetworkPolicy {

// Whether `host` (as QUrl::host() gives it) is a loopback host.
bool isLoopbackHost(const QString &host);

// The URL if it may be requested; otherwise an Error (code Validation) such as
//   tokenUri "http://auth.example/token" is refused: plain http:// is allowed only for loopback
//   hosts (127.0.0.1, ::1, localhost); use https://
// `field` names where the URL came from (a connector field such as "tokenUri").
Result<QUrl> checkUrl(const QUrl &url, const QString &field);

// Sets up a manager for Authdesk's requests: the system proxy (direct for loopback), no automatic
// redirects (callers decide per request), no cookies kept.
void configure(QNetworkAccessManager *manager);

// A request with Authdesk's defaults: the transfer timeout (QNetworkRequest::setTransferTimeout,
// so a stalled server fails the request), TLS peer verification, no cache, no cookies, no redirects,
// and a User-Agent.
QNetworkRequest request(const QUrl &url, std::chrono::milliseconds transferTimeout);

} // namespace Authdesk::NetworkPolicy
