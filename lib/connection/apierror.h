#pragma once

#include "support/error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace Authdesk {

// Why an API request through ApiClient gave no usable answer, typed for what the caller does next:
//
//   Refused            nothing was sent: the URL breaks NetworkPolicy (plain http://), an absolute
//                      URL points at another origin, a header or query value is malformed
//   Network            no HTTP answer: connection refused, DNS, TLS failure
//   Timeout            the server went silent for longer than the client's timeout
//   TooLarge           the body exceeded the client's response size cap (it was not read)
//   Unauthorized       401 (or a response handler's access_token_expired) with no way to refresh, or
//                      again after one refresh and one retry: key access_token_expired
//   RefreshFailed      the token was rejected and getting new credentials failed: key
//                      access_token_expired, or connection_is_defunct when the grant is gone
//   InsufficientScope  403 with insufficient_scope (RFC 6750 §3.1): no refresh, the user must grant
//                      more scopes; key access_denied
//   RateLimited        429 (or a handler's rate_limit_exceeded) after the bounded backoff, or with a
//                      Retry-After beyond the cap: key rate_limit_exceeded
//   HttpStatus         any other status >= 300
//   ResponseHandler    a response handler matched with an error, or could not be evaluated
//   Cancelled          the caller killed the job
//
// key is the connector SDK's error key where one applies (access_token_expired,
// connection_is_defunct, rate_limit_exceeded, access_denied, or a response handler's own key), empty
// otherwise. message is safe to show and log: it passed through Redaction and names the connector,
// the method and the path. bodyExcerpt is the start of the response body, redacted.
struct ApiError
{
    Q_GADGET

public:
    enum class Kind {
        Refused,
        Network,
        Timeout,
        TooLarge,
        Unauthorized,
        RefreshFailed,
        InsufficientScope,
        RateLimited,
        HttpStatus,
        ResponseHandler,
        Cancelled,
    };
    Q_ENUM(Kind)

    // What bodyExcerpt keeps of a body.
    static constexpr qsizetype excerptLimit = 2048;

    Kind kind = Kind::HttpStatus;
    QString key;
    int status = 0; // 0 when no HTTP response arrived
    QString message;
    QByteArray bodyExcerpt;
    QJsonValue data = QJsonValue(QJsonValue::Undefined); // a response handler's error.data
    std::optional<std::chrono::seconds> retryAfter; // what a 429 asked for, when it said

    // A redacted, truncated copy of a body for bodyExcerpt.
    static QByteArray excerpt(const QByteArray &body, const QString &contentType);

    // The Authdesk::Error for the CLI and the UI: Refused -> Validation, Cancelled -> Denied, the rest
    // -> Provider (with key as providerError).
    Error toError() const;
    // "Kind: message" for logs and test output (already free of secrets).
    QString toString() const;
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::ApiError)
