#include "tokenerror.h"

#include <QHash>
#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace Authdesk {

std::optional<TokenError::Kind> TokenError::kindForErrorCode(const QString &code)
{
    // RFC 6749 §5.2 codes, plus the spellings providers use for the same thing (connectors/README.md).
    static const QHash<QString, Kind> kinds = {
        {u"invalid_grant"_s, Kind::ReconnectNeeded},
        {u"bad_verification_code"_s, Kind::ReconnectNeeded}, // GitHub: code expired or used
        {u"invalid_code"_s, Kind::ReconnectNeeded}, // Slack
        {u"code_already_used"_s, Kind::ReconnectNeeded}, // Slack
        {u"invalid_refresh_token"_s, Kind::ReconnectNeeded}, // Slack
        {u"token_revoked"_s, Kind::ReconnectNeeded}, // Slack
        {u"token_expired"_s, Kind::ReconnectNeeded}, // Slack
        {u"invalid_client"_s, Kind::Configuration},
        {u"unauthorized_client"_s, Kind::Configuration},
        {u"incorrect_client_credentials"_s, Kind::Configuration}, // GitHub
        {u"redirect_uri_mismatch"_s, Kind::Configuration}, // GitHub
        {u"invalid_client_id"_s, Kind::Configuration}, // Slack
        {u"bad_client_secret"_s, Kind::Configuration}, // Slack
        {u"bad_redirect_uri"_s, Kind::Configuration}, // Slack
        {u"temporarily_unavailable"_s, Kind::Transient},
        {u"server_error"_s, Kind::Transient},
        {u"slow_down"_s, Kind::Transient},
        {u"ratelimited"_s, Kind::Transient}, // Slack
        {u"unsupported_token_type"_s, Kind::Unsupported}, // RFC 7009 §2.2.1
    };
    const auto it = kinds.constFind(code);
    if (it == kinds.constEnd())
        return std::nullopt;
    return *it;
}

Error TokenError::toError() const
{
    ErrorCode code = ErrorCode::Provider;
    if (kind == Kind::Refused)
        code = ErrorCode::Validation;
    else if (kind == Kind::Cancelled)
        code = ErrorCode::Denied;
    Error result(code, message);
    result.providerError = error;
    result.providerErrorDescription = errorDescription;
    return result;
}

QString TokenError::toString() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind))) + u": "_s + message;
}

} // namespace Authdesk
