#pragma once

#include <QMetaType>
#include <QString>

namespace Authdesk {

// What went wrong, in terms a caller can branch on. The exit code of the CLI is derived from it.
enum class ErrorCode {
    Usage, // the caller asked for something malformed
    Validation, // a connector or an input is invalid
    NotFound, // connector, connection or file does not exist
    Script, // a connector method failed while running
    Provider, // the provider answered with an OAuth error
    Denied, // the user denied, cancelled or the flow timed out
    SecureStorage, // the OS keychain is not available
    Internal,
};

// A failure with a message that is safe to show to the user (it never contains secrets).
// providerError/providerErrorDescription carry the RFC 6749 `error` fields when a server sent them.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString providerError;
    QString providerErrorDescription;

    Error() = default;
    Error(ErrorCode errorCode, QString text)
        : code(errorCode)
        , message(std::move(text))
    {
    }
};

// design.md: 0 success; 1 usage or validation; 2 not found; 3 script or provider; 4 denied,
// cancelled or timed out; 5 secure storage unavailable.
int exitCodeFor(ErrorCode code);

} // namespace Authdesk
