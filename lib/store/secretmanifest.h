#pragma once

#include "support/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Authdesk {

// How one secret value is laid out in the keychain. The value (UTF-8 JSON) is cut into chunks below
// 2 KB, because QtKeychain < 0.15 on Windows stores at most 2560 bytes per credential
// (oauth-standards-and-qt.md §0.15, §D.3). The manifest is stored under the value's own key and names
// a generation, the chunk count, the size and a SHA-256 of the whole value; the chunks live under
// `<key>#<generation>/<index>`. A writer puts new chunks under a new generation and switches the
// manifest last, so a reader sees either the old value or the new one, never a mix.
struct SecretManifest
{
    // Per chunk; below 2 KB with room to spare for the Windows limit.
    static constexpr qsizetype maxChunkBytes = 2000;
    // About 500 KB per value: far above any token set, and a bound on what a damaged manifest can ask for.
    static constexpr int maxChunkCount = 256;
    static constexpr int formatVersion = 1;

    QString generation;
    int chunkCount = 0;
    qsizetype size = 0;
    QByteArray sha256; // lower-case hex

    // The manifest of `payload` stored under `generation` (8 hex digits from newGeneration()).
    static SecretManifest describe(const QByteArray &payload, const QString &generation);
    // A random generation, different from `previous`.
    static QString newGeneration(const QString &previous = {});
    // `payload` cut into at most maxChunkBytes-long pieces, never inside a UTF-8 character (so each
    // chunk can be stored as text). Empty input gives one empty chunk.
    static QList<QByteArray> split(const QByteArray &payload);

    // Parses what toJson() wrote; every field is checked, so a damaged entry is reported, not trusted.
    static Result<SecretManifest> parse(const QByteArray &json);
    QByteArray toJson() const;

    // The keychain key of chunk `index` of the value stored under `baseKey`.
    QString chunkKey(const QString &baseKey, int index) const;
    // The chunks joined, checked against the size and hash. Fails (ErrorCode::Internal) on a mismatch.
    Result<QByteArray> assemble(const QList<QByteArray> &chunks) const;
};

} // namespace Authdesk
