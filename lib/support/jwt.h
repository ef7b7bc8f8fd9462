#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Authdesk {

// The readable parts of a JSON Web Token (RFC 7519), for the inspector: nothing is verified, and the
// signature is left out. Opaque tokens give nothing.
struct JwtParts
{
    QJsonObject header;
    QJsonObject claims;

    static std::optional<JwtParts> decode(const QString &token);
};

} // namespace Authdesk
