#pragma once

#include "endpointresponse.h"
#include "tokenerror.h"
#include "tokenresponse.h"

#include "support/result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>

#include <chrono>
#include <optional>

namespace Authdesk {

// Reads what an OAuth endpoint answered (status, headers, body) without any I/O: the one place that
// knows the shapes providers really send (oauth-standards-and-qt.md checks 7 and 12, §B):
//  - bodies in JSON (application/json, also when labelled text/plain or unlabelled) or form-encoded
//    (GitHub without Accept: application/json);
//  - errors in 4xx/5xx bodies and in 200 bodies (an `error` member; Slack's `"ok": false`), with
//    `error` as a string or as an object {code|type, message};
//  - success only with an access_token at the top level or in a nested object (Slack's
//    authed_user); the whole object is kept;
//  - Retry-After as seconds or an HTTP date.
// A failure is a TokenError classified by TokenError::kindForErrorCode, except that 429 and 5xx are
// always Transient: a broken server must never make Authdesk drop a grant that may still be valid.
// Messages start with "answered ..." so that callers can put the endpoint in front.
class TokenResponseParser
{
public:
    // Bodies above this are refused (the network layer stops reading there too).
    static constexpr qsizetype maximumBodySize = 1024 * 1024;
    // A Retry-After beyond this is taken as this (a day).
    static constexpr std::chrono::seconds maximumRetryAfter{24 * 3600};

    // A token or refresh response (RFC 6749 §5.1/§5.2). receivedAt (UTC) anchors expires_at and
    // HTTP-date Retry-After values.
    static Result<TokenResponse, TokenError> parseTokenResponse(const EndpointResponse &response, const QDateTime &receivedAt);

    // A revocation response (RFC 7009 §2.2): nothing on success (any 2xx; the body is ignored),
    // otherwise the error (503 Transient, unsupported_token_type Unsupported, ...).
    static std::optional<TokenError> parseRevocationResponse(const EndpointResponse &response, const QDateTime &receivedAt);

    // The error an unsuccessful answer stands for (status and body), whatever the endpoint.
    static TokenError errorFromResponse(const EndpointResponse &response, const QDateTime &receivedAt);

    // The body as an object: JSON by Content-Type, form-encoded by Content-Type, and for text/plain
    // or a missing type JSON first, then form. Nothing when the body is neither.
    static std::optional<QJsonObject> bodyObject(const EndpointResponse &response);

    // Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date (relative to now).
    static std::optional<std::chrono::seconds> retryAfter(QByteArrayView value, const QDateTime &now);
};

} // namespace Authdesk
