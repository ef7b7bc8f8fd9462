// Fuzzes TokenResponseParser, which reads whatever a token, revocation or metadata endpoint sends.
// Input layout: the first byte picks the HTTP status (from a table of the interesting ones), the
// second the Content-Type; the rest, up to an optional "\n\n", is a Retry-After value, and after
// it the body. Besides "no crash, no hang" it checks:
//  - success and error are exclusive, and a success has an access token (top level or nested);
//  - an error has a message, the response's status, and a kind that fits the status (429/5xx are
//    Transient; any other non-2xx never counts as success);
//  - expires_at is either unknown or receivedAt + expires_in, and Retry-After is within its cap;
//  - the revocation reading agrees: 2xx revoked, otherwise an error.
#include "oauth/tokenresponseparser.h"

#include <QByteArray>
#include <QDateTime>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Authdesk;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_token_response: %s\n", what);
    std::abort();
}

bool hasAccessToken(const QJsonObject &object)
{
    if (!object.value(QLatin1StringView("access_token")).toString().isEmpty())
        return true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isObject() && !it.value().toObject().value(QLatin1StringView("access_token")).toString().isEmpty())
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[] = {200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503};
    static const char *const types[] = {"application/json", "application/json; charset=utf-8",
        "application/x-www-form-urlencoded", "text/plain", "text/html", "", "application/problem+json", "TEXT/PLAIN"};
    if (size < 2)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    EndpointResponse response;
    response.status = statuses[data[0] % std::size(statuses)];
    const QByteArray type = types[data[1] % std::size(types)];
    if (!type.isEmpty())
        response.headers.append({"Content-Type", type});
    const qsizetype split = bytes.indexOf("\n\n");
    if (split >= 0 && split < 64) {
        response.headers.append({"Retry-After", bytes.left(split)});
        response.body = bytes.mid(split + 2);
    } else {
        response.body = bytes;
    }
    const QDateTime receivedAt = QDateTime::fromSecsSinceEpoch(1735732800, Qt::UTC);

    const auto parsed = TokenResponseParser::parseTokenResponse(response, receivedAt);
    const bool success2xx = response.status >= 200 && response.status < 300;
    if (parsed.hasValue()) {
        if (!success2xx)
            fail("success for a non-2xx status");
        if (!hasAccessToken(parsed->fields))
            fail("success without an access token");
        const QDateTime expiresAt = parsed->expiresAt();
        if (expiresAt.isValid() != parsed->expiresIn().has_value())
            fail("expires_at and expires_in disagree");
        if (expiresAt.isValid() && expiresAt != receivedAt.addSecs(*parsed->expiresIn()))
            fail("expires_at is not receivedAt + expires_in");
        (void)parsed->grantedScopes();
        (void)parsed->tokenType();
        (void)mergeRefreshedCredentials(QJsonObject(), parsed->fields);
    } else {
        const TokenError &error = parsed.error();
        if (error.message.isEmpty())
            fail("an error without a message");
        if (error.httpStatus != response.status)
            fail("the error lost the status");
        if ((response.status == 429 || response.status >= 500) && error.kind != TokenError::Kind::Transient)
            fail("429/5xx not transient");
        if (error.retryAfter && (error.retryAfter->count() < 0 || *error.retryAfter > TokenResponseParser::maximumRetryAfter))
            fail("Retry-After out of range");
        (void)error.toError();
        (void)error.toString();
    }

    const auto revocation = TokenResponseParser::parseRevocationResponse(response, receivedAt);
    if (revocation.has_value() == success2xx)
        fail("revocation outcome does not follow the status");
    return 0;
}
