#include "jsonfile.h"

#include "profile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Authdesk::JsonFile {

namespace {
// How long a change waits for another process holding the lock (a change takes milliseconds).
constexpr int lockTimeoutMs = 10000;
// Far above any real profile; a bound on what a damaged or hostile file can make us allocate.
constexpr qint64 maxFileBytes = 64 * 1024 * 1024;

// A missing folder is created private (0700), like a profile folder; an existing one is left as it
// is (Profile::ensureDataDir() is what tightens a profile's folder).
Result<QString> ensureFolder(const QString &filePath)
{
    const QString folder = QFileInfo(filePath).absolutePath();
    if (QFileInfo(folder).isDir())
        return folder;
    return Profile::ensurePrivateDir(folder);
}
} // namespace

QString position(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    const QByteArrayView before(data.constData(), offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype column = QString::fromUtf8(data.constData() + lineStart, offset - lineStart).size() + 1;
    return u"line %1, column %2 (offset %3)"_s.arg(line).arg(column).arg(offset);
}

Error damaged(const QString &path, const QString &problem)
{
    return Error(ErrorCode::Validation,
        u"%1: %2. The file is left unchanged, and Authdesk will not change it until it is repaired, restored "
        u"from a backup or moved aside (which starts it over empty)."_s.arg(path, problem));
}

Result<std::optional<QJsonObject>> read(const QString &path, const QString &format, int version)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<QJsonObject>();
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (file.size() > maxFileBytes)
        return damaged(path, u"too large (%1 bytes)"_s.arg(file.size()));
    const QByteArray data = file.readAll();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return damaged(
            path, u"not valid JSON at %1: %2"_s.arg(position(data, parseError.offset), parseError.errorString()));
    if (!document.isObject())
        return damaged(path, u"the top level is not a JSON object"_s);
    QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != format)
        return damaged(path, u"\"format\" is not \"%1\""_s.arg(format));
    const QJsonValue fileVersion = root.value(u"version"_s);
    const double number = fileVersion.toDouble();
    if (!fileVersion.isDouble() || number != std::floor(number) || number < 1)
        return damaged(path, u"\"version\" must be a positive whole number"_s);
    if (number > version)
        return damaged(path,
            u"written by a newer Authdesk (format version %1; this version reads up to %2); use that version"_s
                .arg(number)
                .arg(version));
    root.remove(u"format"_s);
    root.remove(u"version"_s);
    return std::optional<QJsonObject>(std::move(root));
}

Result<bool> write(const QString &path, const QString &format, int version, QJsonObject content)
{
    if (auto folder = ensureFolder(path); !folder)
        return folder.error();
    content.insert(u"format"_s, format);
    content.insert(u"version"_s, version);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Internal, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    // On the temporary file, before any content: it becomes the file when committed.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error(ErrorCode::Internal, u"cannot make %1 private (mode 0600)"_s.arg(path));
    file.write(QJsonDocument(content).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error(ErrorCode::Internal, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return true;
}

Result<std::unique_ptr<QLockFile>> lock(const QString &path)
{
    if (auto folder = ensureFolder(path); !folder)
        return folder.error();
    auto lockFile = std::make_unique<QLockFile>(path + u".lock"_s);
    if (!lockFile->tryLock(lockTimeoutMs))
        return Error(
            ErrorCode::Internal, u"%1 is being changed by another Authdesk process (lock file %1.lock)"_s.arg(path));
    return lockFile;
}

} // namespace Authdesk::JsonFile
