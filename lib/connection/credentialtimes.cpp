#include "credentialtimes.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Authdesk::CredentialTimes {

namespace {

std::optional<double> numberOf(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

} // namespace

QDateTime expiresAt(const QJsonObject &credentials, const QDateTime &obtainedAt)
{
    const QJsonValue at = credentials.value(u"expires_at"_s);
    if (const auto number = numberOf(at); number && *number > 0) {
        // Epoch milliseconds (Date.now() based, the seed's rule) are beyond year 2286 read as seconds.
        const qint64 milliseconds = *number > 1e11 ? qint64(*number) : qint64(*number * 1000);
        return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    }
    if (at.isString()) {
        const QDateTime date = QDateTime::fromString(at.toString(), Qt::ISODateWithMs);
        if (date.isValid())
            return date.toUTC();
    }
    if (const auto seconds = numberOf(credentials.value(u"expires_in"_s)); seconds && *seconds > 0 && obtainedAt.isValid())
        return obtainedAt.toUTC().addMSecs(qint64(*seconds * 1000));
    return {};
}

QStringList grantedScopes(const QJsonObject &credentials)
{
    const QJsonValue scope = credentials.value(u"scope"_s);
    QStringList scopes;
    if (scope.isArray()) {
        for (const QJsonValue &item : scope.toArray())
            scopes.append(item.toString());
    } else {
        static const QRegularExpression separators(u"[\\s,]+"_s);
        scopes = scope.toString().split(separators, Qt::SkipEmptyParts);
    }
    scopes.removeAll(QString());
    return scopes;
}

} // namespace Authdesk::CredentialTimes
