#include "idtokenvalidator.h"

#include "support/jwt.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

Error failed(const QString &what)
{
    return Error(ErrorCode::Provider, u"the provider's id_token failed the OpenID Connect checks: %1"_s.arg(what));
}

QStringList audiences(const QJsonObject &claims)
{
    const QJsonValue aud = claims.value(u"aud"_s);
    if (aud.isString())
        return {aud.toString()};
    QStringList list;
    for (const QJsonValue &item : aud.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

Result<bool> IdTokenValidator::validate(const QString &idToken, const Expectations &expectations)
{
    const auto jwt = JwtParts::decode(idToken);
    if (!jwt || jwt->claims.isEmpty())
        return failed(u"it is not a readable JWT"_s);
    const QJsonObject &claims = jwt->claims;
    if (!expectations.issuer.isEmpty() && claims.value(u"iss"_s).toString() != expectations.issuer)
        return failed(u"its issuer is not %1"_s.arg(expectations.issuer));
    const QStringList aud = audiences(claims);
    if (!aud.contains(expectations.clientId))
        return failed(u"it was not issued to client %1"_s.arg(expectations.clientId));
    if (aud.size() > 1 && claims.contains(u"azp"_s) && claims.value(u"azp"_s).toString() != expectations.clientId)
        return failed(u"its authorized party (azp) is another client"_s);
    if (aud.size() > 1 && !claims.contains(u"azp"_s))
        return failed(u"it has several audiences but no authorized party (azp)"_s);
    const QJsonValue exp = claims.value(u"exp"_s);
    if (!exp.isDouble())
        return failed(u"it has no expiry (exp)"_s);
    const qint64 now = expectations.now.toSecsSinceEpoch();
    if (qint64(exp.toDouble()) + expectations.allowedClockSkewSeconds < now)
        return failed(u"it has expired"_s);
    const QJsonValue iat = claims.value(u"iat"_s);
    if (iat.isDouble() && qint64(iat.toDouble()) - expectations.allowedClockSkewSeconds > now)
        return failed(u"it was issued in the future (check this computer's clock)"_s);
    if (!expectations.nonce.isEmpty() && claims.value(u"nonce"_s).toString() != expectations.nonce)
        return failed(u"its nonce is not the one this authorization sent (a replayed or injected token)"_s);
    if (claims.value(u"sub"_s).toString().isEmpty())
        return failed(u"it names no subject (sub)"_s);
    return true;
}

bool IdTokenValidator::sameSubject(const QString &first, const QString &second)
{
    const auto a = JwtParts::decode(first);
    const auto b = JwtParts::decode(second);
    if (!a || !b)
        return false;
    return a->claims.value(u"iss"_s) == b->claims.value(u"iss"_s) && a->claims.value(u"sub"_s) == b->claims.value(u"sub"_s)
        && audiences(a->claims) == audiences(b->claims);
}

} // namespace Authdesk
