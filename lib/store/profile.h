#pragma once

#include "support/result.h"

#include <QString>

namespace Authdesk {

// A named set of connections, connector parameters and keychain entries that is isolated from every
// other profile (`--profile NAME`, `AUTHDESK_PROFILE`, else `default`). A plain value: it names
// where a profile's things live and creates its folder on request; it opens nothing itself.
//
//     auto profile = Profile::resolve(commandLineProfile);   // Result<Profile>
//     if (!profile) return fail(profile.error());
//     if (auto folder = profile->ensureDataDir(); !folder) return fail(folder.error());
//     ConnectionIndex index(profile->connectionIndexPath());
class Profile
{
public:
    // The profile used when neither the command line nor AUTHDESK_PROFILE names one.
    static QString defaultName();
    // 1 to 64 characters of [A-Za-z0-9._-], not "." or "..": the name is a folder name and part of
    // keychain keys and a socket name, so it must not be able to escape or collide.
    static bool isValidName(QStringView name);

    // The profile named `name`, under `profilesRoot` (a folder holding one folder per profile). An
    // empty root means the standard one, QStandardPaths::GenericDataLocation + /authdesk/profiles;
    // tests pass their own. Fails (ErrorCode::Usage) for an invalid name.
    static Result<Profile> named(const QString &name, const QString &profilesRoot = {});
    // The profile to use: `commandLineName` when not empty, else $AUTHDESK_PROFILE when set, else
    // "default". An invalid name fails with a message that says where it came from.
    static Result<Profile> resolve(const QString &commandLineName, const QString &profilesRoot = {});
    static QString standardProfilesRoot();

    const QString &name() const { return m_name; }
    // The profile's folder (it may not exist yet: see ensureDataDir()).
    const QString &dataDir() const { return m_dataDir; }
    // Prefix of every keychain key of this profile: keys are `<keychainNamespace>/<kind>/<name>`.
    QString keychainNamespace() const { return m_name; }
    // Non-secret connection metadata (ConnectionIndex).
    QString connectionIndexPath() const;
    // Non-secret connector parameters (ConnectorParameterStore).
    QString connectorParametersPath() const;
    // Taken by whoever refreshes this profile's tokens when no refresher is running (design.md,
    // decision 4: one refresher per profile).
    QString lockFilePath() const;
    // The QLocalServer name of the profile's refresher. Unique per user and profile root, because
    // on Unix a plain name is a socket file in the shared temporary folder; short enough for
    // sockaddr_un.
    QString localSocketName() const;

    // Creates the folder (and its parents) if needed and makes it private to the user (0700; on
    // Windows the user's profile folder already is). Returns the folder.
    Result<QString> ensureDataDir() const;
    // The same for any folder that holds a profile's files.
    static Result<QString> ensurePrivateDir(const QString &path);

    friend bool operator==(const Profile &, const Profile &) = default;

private:
    Profile(QString name, QString dataDir);

    QString m_name;
    QString m_dataDir;
};

} // namespace Authdesk
