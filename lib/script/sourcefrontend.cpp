#include "sourcefrontend.h"

#include "jslowering.h"
#include "jsparser.h"
#include "sourceeditor.h"

#include "frontendfingerprint.h" // generated: AUTHDESK_FRONT_END_FINGERPRINT

#include "support/logging.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

#include <optional>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

struct Cache
{
    QMutex mutex;
    QHash<QByteArray, PreparedSource> entries;
    std::optional<QString> directory; // unset: the default location
};

Cache &cache()
{
    static Cache instance;
    return instance;
}

constexpr qsizetype kMemoryEntries = 128;
constexpr uint kFrontEndStackSize = 8 * 1024 * 1024;
constexpr int kShallowDepth = 128; // about 128 KB of stack in a release build
constexpr quint32 kMapMagic = 0x41444631; // "ADF1"

QByteArray cacheKey(
    const QString &source, bool typeScript, const EngineFeatures &features, const QStringList &knownModules)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("authdesk-source-front-end\n"));
    hash.addData(QByteArrayView(AUTHDESK_FRONT_END_FINGERPRINT));
    hash.addData(QByteArrayView("\n"));
    hash.addData(features.toString().toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(knownModules.join(u',').toUtf8());
    hash.addData(typeScript ? QByteArrayView("\nts\n") : QByteArrayView("\njs\n"));
    hash.addData(source.toUtf8());
    return hash.result().toHex();
}

QString effectiveDirectory()
{
    Cache &c = cache();
    QMutexLocker locker(&c.mutex);
    if (!c.directory) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        c.directory = base.isEmpty() ? QString() : base + u"/script-frontend"_s;
    }
    return *c.directory;
}

std::optional<PreparedSource> readDiskCache(const QString &directory, const QByteArray &key, const QString &source)
{
    if (directory.isEmpty())
        return std::nullopt;
    QFile codeFile(directory + u'/' + QString::fromLatin1(key) + u".js"_s);
    QFile mapFile(directory + u'/' + QString::fromLatin1(key) + u".map"_s);
    if (!codeFile.open(QIODevice::ReadOnly) || !mapFile.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString code = QString::fromUtf8(codeFile.readAll());
    QDataStream stream(&mapFile);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    bool isModule = false;
    QByteArray mapData;
    stream >> magic >> isModule >> mapData;
    if (stream.status() != QDataStream::Ok || magic != kMapMagic)
        return std::nullopt;
    std::optional<SourcePositionMap> map = SourcePositionMap::deserialize(source, code, mapData);
    if (!map)
        return std::nullopt;
    return PreparedSource {code, *map, isModule};
}

void writeDiskCache(const QString &directory, const QByteArray &key, const PreparedSource &prepared)
{
    if (directory.isEmpty() || !QDir().mkpath(directory))
        return;
    QSaveFile codeFile(directory + u'/' + QString::fromLatin1(key) + u".js"_s);
    QSaveFile mapFile(directory + u'/' + QString::fromLatin1(key) + u".map"_s);
    if (!codeFile.open(QIODevice::WriteOnly) || !mapFile.open(QIODevice::WriteOnly))
        return;
    codeFile.write(prepared.code.toUtf8());
    QDataStream stream(&mapFile);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << kMapMagic << prepared.isModule << prepared.map.serialize();
    // The map is written last: a code file without its map is never read.
    if (codeFile.commit())
        mapFile.commit();
}

} // namespace

QStringList SourceFrontEnd::defaultKnownModules()
{
    return {u"axios"_s, u"@integration-app/sdk"_s, u"@membranehq/sdk"_s, u"crypto"_s, u"node:crypto"_s, u"buffer"_s,
        u"node:buffer"_s, u"url"_s, u"node:url"_s};
}

bool SourceFrontEnd::isTypeScriptFile(const QString &fileName)
{
    return fileName.endsWith(u".ts"_s, Qt::CaseInsensitive) || fileName.endsWith(u".mts"_s, Qt::CaseInsensitive)
        || fileName.endsWith(u".cts"_s, Qt::CaseInsensitive) || fileName.endsWith(u".tsx"_s, Qt::CaseInsensitive);
}

void SourceFrontEnd::setDiskCacheDirectory(const QString &directory)
{
    Cache &c = cache();
    QMutexLocker locker(&c.mutex);
    c.directory = directory;
}

QString SourceFrontEnd::diskCacheDirectory()
{
    return effectiveDirectory();
}

void SourceFrontEnd::clearMemoryCache()
{
    Cache &c = cache();
    QMutexLocker locker(&c.mutex);
    c.entries.clear();
}

Result<PreparedSource, ScriptError> SourceFrontEnd::prepare(
    const QString &source, const QString &fileName, const EngineFeatures &features, const QStringList &knownModules)
{
    const QByteArray key = cacheKey(source, isTypeScriptFile(fileName), features, knownModules);
    Cache &c = cache();
    {
        QMutexLocker locker(&c.mutex);
        const auto it = c.entries.constFind(key);
        if (it != c.entries.cend())
            return *it;
    }
    const QString directory = effectiveDirectory();
    std::optional<PreparedSource> prepared = readDiskCache(directory, key, source);
    if (!prepared) {
        Result<PreparedSource, ScriptError> fresh = prepareUncached(source, fileName, features, knownModules);
        if (!fresh)
            return fresh;
        prepared = std::move(fresh).value();
        writeDiskCache(directory, key, *prepared);
    }
    QMutexLocker locker(&c.mutex);
    if (c.entries.size() >= kMemoryEntries)
        c.entries.clear();
    c.entries.insert(key, *prepared);
    return *prepared;
}

Result<PreparedSource, ScriptError> SourceFrontEnd::prepareUncached(
    const QString &source, const QString &fileName, const EngineFeatures &features, const QStringList &knownModules)
{
    // The parser and the lowering recurse as deep as the code nests: up to JsParser's limit of
    // 1000 levels that takes about a megabyte of stack, more than some platforms give a thread
    // (512 KB on macOS). Real code nests far less: it is prepared right here with a limit that
    // fits any thread, and only deeper code goes to a thread of its own with a known stack.
    Result<PreparedSource, ScriptError> shallow
        = prepareOnThisThread(source, fileName, features, knownModules, kShallowDepth);
    if (shallow || !shallow.error().message.endsWith(u"nested too deeply"_s))
        return shallow;
    std::optional<Result<PreparedSource, ScriptError>> result;
    QThread *worker
        = QThread::create([&] { result.emplace(prepareOnThisThread(source, fileName, features, knownModules)); });
    worker->setStackSize(kFrontEndStackSize);
    worker->start();
    worker->wait();
    delete worker;
    if (!result)
        return ScriptError {ScriptError::Kind::Internal, u"the source front end did not run"_s, fileName, 0, 0, {}};
    return std::move(*result);
}

Result<PreparedSource, ScriptError> SourceFrontEnd::prepareOnThisThread(const QString &source, const QString &fileName,
    const EngineFeatures &features, const QStringList &knownModules, int maxDepth)
{
    JsParser::Options options;
    options.maxDepth = maxDepth;
    options.typeScript = isTypeScriptFile(fileName);
    const JsParser::Result parsed = JsParser::parse(source, options);
    if (parsed.error) {
        const JsSyntaxError &error = *parsed.error;
        return ScriptError {error.unsupported ? ScriptError::Kind::Unsupported : ScriptError::Kind::Syntax,
            error.unsupported ? error.message : u"SyntaxError: "_s + error.message, fileName, error.line, error.column,
            {}};
    }
    SourceEditor editor(source);
    const JsLowering::Result lowered = JsLowering::lower(parsed.ast, {features, knownModules}, editor);
    if (lowered.error) {
        const SourcePositionMap identity = SourcePositionMap::identity(source);
        const SourceLocation location = identity.originalLocationOfOffset(lowered.error->offset);
        QString message = lowered.error->message;
        if (lowered.error->kind == ScriptError::Kind::Syntax)
            message.prepend(u"SyntaxError: "_s);
        return ScriptError {lowered.error->kind, message, fileName, location.line, location.column, {}};
    }
    SourceEditor::Output output = editor.apply();
    return PreparedSource {std::move(output.text), std::move(output.map), lowered.isModule};
}

} // namespace Authdesk
