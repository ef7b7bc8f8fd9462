#pragma once

#include "support/error.h"

#include <QMetaType>
#include <QString>

namespace Authdesk {

// Why a SecretStore job failed. The kinds are what callers branch on; above all Unavailable (the
// keychain cannot be used: no D-Bus, no Secret Service, a locked keyring) is never NotFound (no such
// entry), so that a locked keyring never reads as "no token stored" (oauth-standards-and-qt.md §0.14).
struct SecretStoreError
{
    enum class Kind {
        NotFound, // no value is stored under the key
        Unavailable, // no usable secure storage; the message says how to fix it (exit code 5)
        Corrupted, // a value is stored but incomplete or inconsistent (missing chunk, wrong hash)
        Failed, // the keychain refused this one operation, or the written value did not read back
        Invalid, // the caller passed something unusable (an empty name, a value that is not JSON)
        Cancelled, // the store was destroyed before the job ran
    };

    Kind kind = Kind::Failed;
    // Safe to show: names the key and the keychain's own error text, never a secret value.
    QString message;
    // QKeychain::Error of the keychain operation that failed (0 when none was involved).
    int keychainError = 0;

    // The project-wide error: Unavailable -> SecureStorage (exit code 5), NotFound -> NotFound,
    // Invalid -> Usage, the rest -> Internal.
    Error toError() const;

    // How to get a working Secret Service / keychain on this platform, appended to Unavailable messages.
    static QString unavailableAdvice();
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::SecretStoreError)
