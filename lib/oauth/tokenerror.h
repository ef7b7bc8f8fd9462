#pragma once

#include "support/error.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace Authdesk {

// Why a request to a token, revocation or metadata endpoint failed, classified for what the caller
// does next (oauth-standards-and-qt.md check 7):
//
//   ReconnectNeeded  invalid_grant (also GitHub bad_verification_code, Slack invalid_code /
//                    invalid_refresh_token ...): the grant is gone, authorize again
//   Configuration    invalid_client, unauthorized_client (and the GitHub/Slack spellings), a 401
//                    without an error code: fix the client id, secret or auth location
//   Transient        5xx, 429, temporarily_unavailable, server_error, network errors, timeouts:
//                    try again later (retryAfter when the server said when)
//   Provider         any other answer that is not a usable response (invalid_scope, a non-JSON
//                    body, a body over the size limit, an unexpected redirect ...)
//   Unsupported      revocation: unsupported_token_type
//   Refused          Authdesk sent nothing: the URL breaks the network policy (plain http://)
//   Cancelled        the caller killed the job
//
// The provider's error, error_description, error_uri and the HTTP status are kept as they came.
// message is safe to show: it passed through Redaction and contains no secret.
struct TokenError
{
    Q_GADGET

public:
    enum class Kind { ReconnectNeeded, Configuration, Transient, Provider, Unsupported, Refused, Cancelled };
    Q_ENUM(Kind)

    Kind kind = Kind::Provider;
    QString message;
    QString error; // RFC 6749 §5.2 `error` (or the provider's own code), empty when none was sent
    QString errorDescription;
    QString errorUri;
    int httpStatus = 0; // 0 when no HTTP response arrived
    std::optional<std::chrono::seconds> retryAfter; // from Retry-After (seconds or an HTTP date)

    // The kind an OAuth `error` code stands for, or nothing for codes with no special meaning.
    static std::optional<Kind> kindForErrorCode(const QString &code);

    // The Authdesk::Error for the CLI and the UI: Refused -> Validation, Cancelled -> Denied, the
    // rest -> Provider; providerError/providerErrorDescription carry error and error_description.
    Error toError() const;
    // "kind: message" for logs and test output (already free of secrets).
    QString toString() const;
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::TokenError)
