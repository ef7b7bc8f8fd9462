#include "secretstoreerror.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

Error SecretStoreError::toError() const
{
    switch (kind) {
    case Kind::NotFound:
        return Error(ErrorCode::NotFound, message);
    case Kind::Unavailable:
        return Error(ErrorCode::SecureStorage, message);
    case Kind::Invalid:
        return Error(ErrorCode::Usage, message);
    case Kind::Corrupted:
    case Kind::Failed:
    case Kind::Cancelled:
        return Error(ErrorCode::Internal, message);
    }
    return Error(ErrorCode::Internal, message);
}

QString SecretStoreError::unavailableAdvice()
{
#if defined(Q_OS_MACOS)
    return u"Authdesk keeps secrets only in the macOS Keychain: unlock the login keychain (Keychain Access) "
           u"and allow Authdesk when asked."_s;
#elif defined(Q_OS_WIN)
    return u"Authdesk keeps secrets only in the Windows Credential Manager: sign in to a normal user "
           u"session (not a service account without a profile)."_s;
#else
    return u"Authdesk keeps secrets only in a Secret Service keyring (it never falls back to files). "
           u"Install and unlock GNOME Keyring (gnome-keyring) or KWallet and log in to a desktop session; "
           u"on a headless machine run Authdesk inside a D-Bus session with an unlocked keyring, e.g. "
           u"`dbus-run-session -- sh -c 'printf %s \"$KEYRING_PASSWORD\" | "
           u"gnome-keyring-daemon --unlock --components=secrets >/dev/null; authdesk ...'` "
           u"(packages dbus, gnome-keyring, libsecret-tools)."_s;
#endif
}

} // namespace Authdesk
