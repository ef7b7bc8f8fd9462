#include "tokenresponse.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QString stringField(const QJsonObject &fields, QLatin1StringView name)
{
    const QJsonValue value = fields.value(name);
    return value.isString() ? value.toString() : QString();
}

} // namespace

QString TokenResponse::accessToken() const
{
    return stringField(fields, "access_token"_L1);
}

QString TokenResponse::refreshToken() const
{
    return stringField(fields, "refresh_token"_L1);
}

QString TokenResponse::idToken() const
{
    return stringField(fields, "id_token"_L1);
}

QString TokenResponse::tokenType() const
{
    return stringField(fields, "token_type"_L1);
}

QStringList TokenResponse::grantedScopes() const
{
    static const QRegularExpression separators(u"[\\s,]+"_s);
    return stringField(fields, "scope"_L1).split(separators, Qt::SkipEmptyParts);
}

std::optional<qint64> TokenResponse::expiresIn() const
{
    const QJsonValue value = fields.value("expires_in"_L1);
    double seconds = -1;
    if (value.isDouble()) {
        seconds = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        seconds = value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    // Ten years is more than any provider hands out; beyond that the number is garbage.
    constexpr double tenYears = 10.0 * 366 * 24 * 3600;
    if (!(seconds >= 0 && seconds <= tenYears))
        return std::nullopt;
    return qint64(seconds);
}

QDateTime TokenResponse::expiresAt() const
{
    const auto seconds = expiresIn();
    if (!seconds || !receivedAt.isValid())
        return {};
    return receivedAt.toUTC().addSecs(*seconds);
}

QJsonObject mergeRefreshedCredentials(const QJsonObject &stored, const QJsonObject &refreshResponse)
{
    QJsonObject merged = stored;
    static const QLatin1StringView lifetimeFields[] = {
        "expires_in"_L1, "expires_at"_L1, "expires_on"_L1, "ext_expires_in"_L1};
    for (const QLatin1StringView field : lifetimeFields) {
        if (!refreshResponse.contains(field))
            merged.remove(field);
    }
    const QJsonValue newRefreshToken = refreshResponse.value("refresh_token"_L1);
    const bool rotated = newRefreshToken.isString() && !newRefreshToken.toString().isEmpty();
    if (rotated && !refreshResponse.contains("refresh_token_expires_in"_L1))
        merged.remove("refresh_token_expires_in"_L1);
    for (auto it = refreshResponse.constBegin(); it != refreshResponse.constEnd(); ++it) {
        if (it.key() == "refresh_token"_L1 && !rotated)
            continue; // no new refresh token: the stored one stays valid (RFC 6749 §6)
        merged.insert(it.key(), it.value());
    }
    return merged;
}

} // namespace Authdesk
