#include "authorizationerror.h"

#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace Authdesk {

AuthorizationError AuthorizationError::fromProvider(
    const QString &error, const QString &description, const QString &uri)
{
    const bool denied = error == u"access_denied";
    QString text = denied ? u"Authorization was denied at the provider"_s
                          : u"The provider reported an error: %1"_s.arg(error.isEmpty() ? u"(none)"_s : error);
    if (!description.isEmpty())
        text += u": "_s + description;
    AuthorizationError result(denied ? Kind::Denied : Kind::ProviderError, text);
    result.error = error;
    result.errorDescription = description;
    result.errorUri = uri;
    return result;
}

QString AuthorizationError::kindName() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)));
}

Error AuthorizationError::toError() const
{
    ErrorCode code = ErrorCode::Provider;
    switch (kind) {
    case Kind::Denied:
    case Kind::Timeout:
    case Kind::Cancelled:
        code = ErrorCode::Denied;
        break;
    case Kind::ProviderError:
    case Kind::StateMismatch:
    case Kind::IssuerMismatch:
        code = ErrorCode::Provider;
        break;
    case Kind::ListenFailed:
        code = ErrorCode::Internal;
        break;
    }
    Error result(code, message);
    result.providerError = error;
    result.providerErrorDescription = errorDescription;
    return result;
}

} // namespace Authdesk
