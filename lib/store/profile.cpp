#include "profile.h"

#include "support/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr qsizetype maxNameLength = 64;

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_'
        || c == u'-';
}

QString invalidNameMessage(const QString &name, const QString &origin)
{
    return u"invalid profile name \"%1\"%2: use 1 to %3 characters of A-Z, a-z, 0-9, '.', '_' and '-' "
           u"(not \".\" or \"..\")"_s.arg(name, origin)
               .arg(maxNameLength);
}

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

QString Profile::defaultName()
{
    return u"default"_s;
}

bool Profile::isValidName(QStringView name)
{
    if (name.isEmpty() || name.size() > maxNameLength || name == u"." || name == u"..")
        return false;
    return std::all_of(name.begin(), name.end(), isNameCharacter);
}

QString Profile::standardProfilesRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/authdesk/profiles"_s;
}

Result<Profile> Profile::named(const QString &name, const QString &profilesRoot)
{
    if (!isValidName(name))
        return Error(ErrorCode::Usage, invalidNameMessage(name, {}));
    const QString root = profilesRoot.isEmpty() ? standardProfilesRoot() : profilesRoot;
    return Profile(name, QDir::cleanPath(QDir(root).absoluteFilePath(name)));
}

Result<Profile> Profile::resolve(const QString &commandLineName, const QString &profilesRoot)
{
    if (!commandLineName.isEmpty()) {
        if (!isValidName(commandLineName))
            return Error(ErrorCode::Usage, invalidNameMessage(commandLineName, u" (--profile)"_s));
        return named(commandLineName, profilesRoot);
    }
    if (qEnvironmentVariableIsSet("AUTHDESK_PROFILE")) {
        const QString fromEnvironment = qEnvironmentVariable("AUTHDESK_PROFILE");
        // An empty variable is how a script switches the override off.
        if (!fromEnvironment.isEmpty()) {
            if (!isValidName(fromEnvironment))
                return Error(ErrorCode::Usage, invalidNameMessage(fromEnvironment, u" (AUTHDESK_PROFILE)"_s));
            return named(fromEnvironment, profilesRoot);
        }
    }
    return named(defaultName(), profilesRoot);
}

Profile::Profile(QString name, QString dataDir)
    : m_name(std::move(name))
    , m_dataDir(std::move(dataDir))
{
}

QString Profile::connectionIndexPath() const
{
    return m_dataDir + u"/connections.json"_s;
}

QString Profile::connectorParametersPath() const
{
    return m_dataDir + u"/connector-parameters.json"_s;
}

QString Profile::lockFilePath() const
{
    return m_dataDir + u"/refresher.lock"_s;
}

QString Profile::localSocketName() const
{
    // The data folder already differs per user (it is under the home folder) and per test root.
    const QByteArray digest = QCryptographicHash::hash(m_dataDir.toUtf8(), QCryptographicHash::Sha256).toHex();
    return u"authdesk-"_s + m_name + u'-' + QString::fromLatin1(digest.left(16));
}

Result<QString> Profile::ensureDataDir() const
{
    return ensurePrivateDir(m_dataDir);
}

Result<QString> Profile::ensurePrivateDir(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir())
        return Error(ErrorCode::Internal, u"%1 is a file, not a folder"_s.arg(path));
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent))
        return Error(ErrorCode::Internal, u"cannot create the folder %1"_s.arg(parent));
    if (!info.exists()) {
        // Created private from the start, rather than chmod'ed afterwards.
        if (!QDir().mkdir(path, ownerOnly) && !QFileInfo(path).isDir())
            return Error(ErrorCode::Internal, u"cannot create the folder %1"_s.arg(path));
        qCDebug(lcStore) << "created" << path;
    }
#ifndef Q_OS_WIN
    // An existing folder made by hand or by an old version is tightened too.
    if ((QFileInfo(path).permissions() & groupOrOther) && !QFile::setPermissions(path, ownerOnly))
        return Error(ErrorCode::Internal, u"cannot make the folder %1 private (mode 0700)"_s.arg(path));
#endif
    return path;
}

} // namespace Authdesk
