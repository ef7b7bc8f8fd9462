#include "jwt.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QStringList>

namespace Authdesk {

namespace {

std::optional<QJsonObject> decodePart(const QString &part)
{
    const auto decoded = QByteArray::fromBase64Encoding(part.toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

std::optional<JwtParts> JwtParts::decode(const QString &token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3 && parts.size() != 5) // JWS compact, or JWE (whose header alone is readable)
        return std::nullopt;
    const auto header = decodePart(parts.at(0));
    if (!header)
        return std::nullopt;
    JwtParts jwt;
    jwt.header = *header;
    if (parts.size() == 3) {
        const auto claims = decodePart(parts.at(1));
        if (!claims)
            return std::nullopt;
        jwt.claims = *claims;
    }
    return jwt;
}

} // namespace Authdesk
