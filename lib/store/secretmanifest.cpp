#include "secretmanifest.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool isGeneration(const QString &text)
{
    return text.size() == 8 && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

bool isHexDigest(const QString &text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

Error damaged(const QString &why)
{
    return Error(ErrorCode::Internal, u"damaged keychain entry: "_s + why);
}

} // namespace

SecretManifest SecretManifest::describe(const QByteArray &payload, const QString &generation)
{
    SecretManifest manifest;
    manifest.generation = generation;
    manifest.chunkCount = int(split(payload).size());
    manifest.size = payload.size();
    manifest.sha256 = sha256Hex(payload);
    return manifest;
}

QString SecretManifest::newGeneration(const QString &previous)
{
    QString generation;
    do {
        generation = QString::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, u'0');
    } while (generation == previous);
    return generation;
}

QList<QByteArray> SecretManifest::split(const QByteArray &payload)
{
    QList<QByteArray> chunks;
    qsizetype begin = 0;
    do {
        qsizetype end = std::min(begin + maxChunkBytes, payload.size());
        // Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
        if (end < payload.size()) {
            qsizetype boundary = end;
            while (boundary > begin && (uchar(payload.at(boundary)) & 0xC0) == 0x80)
                --boundary;
            if (boundary > begin)
                end = boundary;
        }
        chunks.append(payload.mid(begin, end - begin));
        begin = end;
    } while (begin < payload.size());
    return chunks;
}

Result<SecretManifest> SecretManifest::parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return damaged(u"the manifest is not a JSON object"_s);
    const QJsonObject object = document.object();
    if (object.value(u"authdesk"_s).toString() != u"secret"_s)
        return damaged(u"the manifest is not an Authdesk secret manifest"_s);
    const int version = object.value(u"version"_s).toInt(-1);
    if (version != formatVersion)
        return damaged(
            u"manifest version %1 is not supported (this Authdesk reads version %2)"_s.arg(version).arg(formatVersion));
    SecretManifest manifest;
    manifest.generation = object.value(u"generation"_s).toString();
    manifest.chunkCount = object.value(u"chunks"_s).toInt(-1);
    const double size = object.value(u"bytes"_s).toDouble(-1);
    const QString digest = object.value(u"sha256"_s).toString();
    if (!isGeneration(manifest.generation))
        return damaged(u"the manifest has no valid generation"_s);
    if (manifest.chunkCount < 1 || manifest.chunkCount > maxChunkCount)
        return damaged(u"the manifest names %1 chunks"_s.arg(manifest.chunkCount));
    if (size < 0 || size > double(manifest.chunkCount) * maxChunkBytes || size != std::floor(size))
        return damaged(u"the manifest's size does not fit its chunks"_s);
    if (!isHexDigest(digest))
        return damaged(u"the manifest has no valid SHA-256"_s);
    manifest.size = qsizetype(size);
    manifest.sha256 = digest.toLatin1();
    return manifest;
}

QByteArray SecretManifest::toJson() const
{
    const QJsonObject object {{u"authdesk"_s, u"secret"_s}, {u"version"_s, formatVersion},
        {u"generation"_s, generation}, {u"chunks"_s, chunkCount}, {u"bytes"_s, double(size)},
        {u"sha256"_s, QString::fromLatin1(sha256)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString SecretManifest::chunkKey(const QString &baseKey, int index) const
{
    return baseKey + u'#' + generation + u'/' + QString::number(index);
}

Result<QByteArray> SecretManifest::assemble(const QList<QByteArray> &chunks) const
{
    if (chunks.size() != chunkCount)
        return damaged(u"%1 of %2 chunks present"_s.arg(chunks.size()).arg(chunkCount));
    QByteArray payload;
    payload.reserve(size);
    for (const QByteArray &chunk : chunks)
        payload.append(chunk);
    if (payload.size() != size)
        return damaged(u"the value has %1 bytes, the manifest says %2"_s.arg(payload.size()).arg(size));
    if (sha256Hex(payload) != sha256)
        return damaged(u"the value does not match the manifest's SHA-256"_s);
    return payload;
}

} // namespace Authdesk
