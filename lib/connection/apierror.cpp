#include "apierror.h"

#include "support/redaction.h"

#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace Authdesk {

QByteArray ApiError::excerpt(const QByteArray &body, const QString &contentType)
{
    // Redacted whole, then cut (see Redaction::bodyExcerpt).
    QByteArray redacted = Redaction::body(body, contentType);
    if (redacted.size() > excerptLimit)
        redacted = redacted.left(excerptLimit) + "...";
    return redacted;
}

Error ApiError::toError() const
{
    ErrorCode code = ErrorCode::Provider;
    if (kind == Kind::Refused)
        code = ErrorCode::Validation;
    else if (kind == Kind::Cancelled)
        code = ErrorCode::Denied;
    Error result(code, message);
    result.providerError = key;
    return result;
}

QString ApiError::toString() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind))) + u": "_s + message;
}

} // namespace Authdesk
