#pragma once

#include "support/result.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

class QLockFile;

namespace Authdesk {

// A profile's JSON files (connection index, connector parameters): a top-level object with
// "format" and "version", read strictly and written atomically.
//
// - read(): a missing file is std::nullopt; a file that is not JSON, not of this format, or of a
//   newer version is ErrorCode::Validation with the file name (and for JSON errors the line,
//   column and offset); a file that cannot be read is ErrorCode::Internal.
// - write(): QSaveFile with mode 0600, so the file on disk is always complete, old or new.
// - lock(): a QLockFile beside the file, for read-modify-write across processes.
namespace JsonFile {

Result<std::optional<QJsonObject>> read(const QString &path, const QString &format, int version);
Result<bool> write(const QString &path, const QString &format, int version, QJsonObject content);
Result<std::unique_ptr<QLockFile>> lock(const QString &path);

// The Validation error of a damaged file: names it, says it is left alone and how to go on.
Error damaged(const QString &path, const QString &problem);
// "line 3, column 7 (offset 42)" of a byte offset into `data`.
QString position(const QByteArray &data, qsizetype offset);

} // namespace JsonFile

} // namespace Authdesk
