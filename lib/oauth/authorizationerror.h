#pragma once

#include "support/error.h"

#include <QMetaType>
#include <QObject>
#include <QString>

namespace Authdesk {

// Why an authorization attempt (browser + loopback redirect) ended without a code. The provider's
// RFC 6749 §4.1.2.1 fields are kept as sent (form-decoded), for the user and for support staff.
struct AuthorizationError
{
    Q_GADGET

public:
    enum class Kind {
        Denied, // error=access_denied: the user (or a policy) refused consent
        ProviderError, // any other error on the redirect, or a redirect with neither code nor error
        StateMismatch, // a callback whose state is missing or not the pending one
        IssuerMismatch, // `iss` differs from the expected issuer, or is missing where it is required
        Timeout, // no valid callback in time
        Cancelled, // cancel() (the user closed the dialog, Ctrl+C, ...)
        ListenFailed, // no loopback listener could be opened
    };
    Q_ENUM(Kind)

    Kind kind = Kind::ProviderError;
    QString message; // safe to show: never contains the code or the state
    QString error; // the provider's `error`, e.g. access_denied
    QString errorDescription; // the provider's `error_description`
    QString errorUri; // the provider's `error_uri` (shown as text, never followed)

    AuthorizationError() = default;
    AuthorizationError(Kind errorKind, QString text)
        : kind(errorKind)
        , message(std::move(text))
    {
    }

    // The provider's error=... fields as they arrived; Denied for access_denied.
    static AuthorizationError fromProvider(const QString &error, const QString &description, const QString &uri);

    // "Denied", "Timeout", ... for logs and JSON output.
    QString kindName() const;
    // The project-wide error (and with it the CLI exit code): denied, cancelled and timed out are
    // ErrorCode::Denied (exit 4); provider, state and issuer problems are ErrorCode::Provider.
    Error toError() const;
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::AuthorizationError)
