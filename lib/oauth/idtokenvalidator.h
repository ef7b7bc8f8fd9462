#pragma once

#include "support/error.h"
#include "support/result.h"

#include <QDateTime>
#include <QString>

namespace Authdesk {

// OpenID Connect checks of an id_token received from the token endpoint (OIDC Core §3.1.3.7;
// oauth-standards-and-qt.md check 20): `iss` equals the expected issuer (when one is configured),
// the client is in `aud` (and is `azp` when there are several audiences), `exp` is in the future
// and `iat` not far in it, and `nonce` is the one the authorization request sent. The token came
// straight from the token endpoint over TLS (or loopback), which OIDC accepts in place of checking
// the signature (§3.1.3.7 item 6); the signature is not checked.
// A refreshed id_token must keep `iss`, `sub` and `aud` of the first (OIDC Core §12.2): sameSubject().
class IdTokenValidator
{
public:
    struct Expectations
    {
        QString issuer; // empty: not checked (the connector names no issuer)
        QString clientId;
        QString nonce; // empty: not checked (a refreshed id_token has none)
        QDateTime now;
        qint64 allowedClockSkewSeconds = 300;
    };

    // Provider error (ErrorCode::Provider) naming the failed check; nothing of the token's content.
    static Result<bool> validate(const QString &idToken, const Expectations &expectations);
    // Whether two id_tokens are about the same user at the same issuer for the same client.
    static bool sameSubject(const QString &first, const QString &second);
};

} // namespace Authdesk
