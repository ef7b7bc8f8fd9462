#include "secretjob.h"

#include "secretstore.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <qt6keychain/keychain.h>

#include <QAbstractEventDispatcher>
#include <QJsonDocument>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// A reader that finds a chunk missing re-reads the manifest this many times: another process may have
// replaced the value (and deleted the old generation) between the two reads.
constexpr int maxReadAttempts = 3;

SecretStoreError makeError(SecretStoreError::Kind kind, QString message, int keychainError = 0)
{
    SecretStoreError error;
    error.kind = kind;
    error.message = std::move(message);
    error.keychainError = keychainError;
    return error;
}

// QtKeychain's libsecret backend gets its replies through the GLib main context, which Qt's event
// loop only runs with the GLib event dispatcher: with QT_NO_GLIB=1 every job would wait for ever.
// (KDE sessions use KWallet over QtDBus instead, which needs no GLib; QtKeychain decides by the same
// variables.)
std::optional<SecretStoreError> eventLoopProblem()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(QThread::currentThread());
    if (dispatcher && dispatcher->inherits("QEventDispatcherGlib"))
        return std::nullopt;
    const QString desktop
        = qEnvironmentVariable("XDG_CURRENT_DESKTOP") + u':' + qEnvironmentVariable("DESKTOP_SESSION");
    if (desktop.contains(u"kde"_s, Qt::CaseInsensitive))
        return std::nullopt;
    return makeError(SecretStoreError::Kind::Unavailable,
        u"secure storage is unavailable: the Secret Service answers through GLib, but this process runs Qt without "
        u"the GLib event loop (QT_NO_GLIB is set?), so the keychain's answers would never arrive. Unset QT_NO_GLIB."_s);
#else
    return std::nullopt;
#endif
}

} // namespace

SecretJob::SecretJob(SecretStore *store, Operation operation, QString key, QString description, QJsonObject value)
    : QObject(store)
    , m_store(store)
    , m_operation(operation)
    , m_key(std::move(key))
    , m_description(std::move(description))
    , m_probeKey(store->probeKey())
    , m_value(std::move(value))
    , m_outcome(makeError(SecretStoreError::Kind::Failed, u"the job has not finished"_s))
{
}

SecretJob::~SecretJob()
{
    // Deleted by its owner before it finished: let the queue move on. Keychain operations already
    // started carry on and clean up after themselves; their callbacks are disconnected with us.
    if (!m_finished && m_store)
        m_store->jobFinished(this);
}

void SecretJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_store) {
        cancel();
        return;
    }
    m_store->enqueue(this);
}

void SecretJob::run()
{
    qCDebug(lcStore) << m_operation << m_key;
    if (!m_invalidReason.isEmpty())
        return finish(makeError(SecretStoreError::Kind::Invalid, m_invalidReason));
    if (auto problem = eventLoopProblem())
        return finish(*problem);
    switch (m_operation) {
    case Operation::Read:
        runRead();
        return;
    case Operation::Write:
        runWrite();
        return;
    case Operation::Remove:
        runRemove();
        return;
    case Operation::CheckAvailability:
        runCheckAvailability();
        return;
    }
}

void SecretJob::cancel()
{
    finish(makeError(SecretStoreError::Kind::Cancelled,
        u"the secret store was closed before the %1 could be accessed"_s.arg(m_description)));
}

void SecretJob::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = std::move(outcome);
    if (!m_outcome)
        qCDebug(lcStore) << m_operation << m_key << "failed:" << int(m_outcome.error().kind)
                         << Redaction::text(m_outcome.error().message);
    if (m_store)
        m_store->jobFinished(this);
    Q_EMIT finished(m_outcome);
    if (m_autoDelete)
        deleteLater();
}

// --- operations -------------------------------------------------------------------------------------

void SecretJob::runRead()
{
    auto deliver = [this](const Payload &payload) {
        if (!payload)
            return finish(payload.error());
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(payload.value(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return finish(makeError(
                SecretStoreError::Kind::Corrupted, u"the stored %1 is not a JSON object"_s.arg(m_description)));
        finish(document.object());
    };
    readValue(0, [this, deliver](const Payload &payload) {
        if (payload || payload.error().kind != SecretStoreError::Kind::NotFound)
            return deliver(payload);
        // A locked Secret Service keyring answers reads with "not found" (§0.14): make sure the
        // keychain is usable before saying that nothing is stored. If the probe unlocked the keyring
        // (a desktop prompt), the value may be readable now.
        probe([this, deliver](std::optional<SecretStoreError> unavailable) {
            if (unavailable)
                return finish(*unavailable);
            readValue(0, deliver);
        });
    });
}

void SecretJob::runWrite()
{
    const QByteArray payload = QJsonDocument(m_value).toJson(QJsonDocument::Compact);
    if (payload.size() > qsizetype(SecretManifest::maxChunkCount - 1) * SecretManifest::maxChunkBytes)
        return finish(makeError(SecretStoreError::Kind::Invalid,
            u"the %1 are too large for the keychain (%2 bytes)"_s.arg(m_description).arg(payload.size())));

    readManifest([this, payload](const ManifestRead &old) {
        std::optional<SecretManifest> previous;
        if (old)
            previous = old.value();
        else if (old.error().kind != SecretStoreError::Kind::NotFound
            && old.error().kind != SecretStoreError::Kind::Corrupted)
            return finish(old.error()); // a damaged manifest is simply replaced

        const SecretManifest manifest = SecretManifest::describe(
            payload, SecretManifest::newGeneration(previous ? previous->generation : QString()));
        writeChunks(manifest, SecretManifest::split(payload), 0,
            [this, manifest, previous, payload](std::optional<SecretStoreError> chunkError) {
                if (chunkError) {
                    // The old manifest still names the old chunks: nothing visible changed.
                    return deleteChunks(manifest, 0, [this, chunkError] { finish(*chunkError); });
                }
                keychainWrite(m_key, manifest.toJson(),
                    [this, manifest, previous, payload](int code, const QString &text, const QByteArray &) {
                        if (code != QKeychain::NoError) {
                            const SecretStoreError error = keychainError(code, text, u"store"_s);
                            return deleteChunks(manifest, 0, [this, error] { finish(error); });
                        }
                        afterWrite(manifest, previous, payload);
                    });
            });
    });
}

void SecretJob::afterWrite(SecretManifest written, std::optional<SecretManifest> previous, QByteArray payload)
{
    readValue(maxReadAttempts - 1, [this, written, previous, payload](const Payload &readBack) {
        if (readBack && readBack.value() == payload) {
            qCDebug(lcStore) << "stored" << m_key << "generation" << written.generation << written.chunkCount
                             << "chunk(s)," << written.size << "bytes";
            if (!previous || previous->generation == written.generation)
                return finish(m_value);
            return deleteChunks(*previous, 0, [this] { finish(m_value); });
        }
        // An unusable keychain stays Unavailable; anything else read back is a failed write.
        const bool unavailable = !readBack && readBack.error().kind == SecretStoreError::Kind::Unavailable;
        const SecretStoreError error = unavailable
            ? readBack.error()
            : makeError(SecretStoreError::Kind::Failed,
                u"the %1 did not read back as written%2"_s.arg(
                    m_description, readBack ? QString() : u" ("_s + readBack.error().message + u')'));
        // Put the previous manifest back (its chunks are untouched), then drop the new chunks.
        auto dropNew = [this, written, error] { deleteChunks(written, 0, [this, error] { finish(error); }); };
        if (previous) {
            keychainWrite(
                m_key, previous->toJson(), [dropNew](int, const QString &, const QByteArray &) { dropNew(); });
        } else {
            keychainDelete(m_key, [dropNew](int, const QString &, const QByteArray &) { dropNew(); });
        }
    });
}

void SecretJob::runRemove()
{
    auto removeWith = [this](const ManifestRead &manifest) {
        if (!manifest && manifest.error().kind != SecretStoreError::Kind::Corrupted)
            return finish(manifest.error());
        keychainDelete(m_key, [this, manifest](int code, const QString &text, const QByteArray &) {
            if (code != QKeychain::NoError && code != QKeychain::EntryNotFound)
                return finish(keychainError(code, text, u"delete"_s));
            if (!manifest) // a damaged manifest names no chunks that could be found
                return finish(QJsonObject());
            deleteChunks(manifest.value(), 0, [this] {
                qCDebug(lcStore) << "removed" << m_key;
                finish(QJsonObject());
            });
        });
    };
    readManifest([this, removeWith](const ManifestRead &manifest) {
        if (manifest || manifest.error().kind != SecretStoreError::Kind::NotFound)
            return removeWith(manifest);
        probe([this, removeWith](std::optional<SecretStoreError> unavailable) {
            if (unavailable)
                return finish(*unavailable);
            readManifest(removeWith);
        });
    });
}

void SecretJob::runCheckAvailability()
{
    probe([this](std::optional<SecretStoreError> unavailable) {
        if (unavailable)
            return finish(*unavailable);
        finish(QJsonObject());
    });
}

// --- steps ------------------------------------------------------------------------------------------

void SecretJob::readManifest(std::function<void(const ManifestRead &)> then)
{
    keychainRead(m_key, [this, then](int code, const QString &text, const QByteArray &data) {
        if (code == QKeychain::EntryNotFound)
            return then(notFound());
        if (code != QKeychain::NoError)
            return then(keychainError(code, text, u"read"_s));
        auto manifest = SecretManifest::parse(data);
        if (!manifest)
            return then(makeError(SecretStoreError::Kind::Corrupted,
                u"the stored %1 cannot be read (%2)"_s.arg(m_description, manifest.error().message)));
        then(manifest.value());
    });
}

void SecretJob::readChunks(SecretManifest manifest, QList<QByteArray> chunks, std::function<void(const Payload &)> then)
{
    const int index = int(chunks.size());
    if (index == manifest.chunkCount) {
        auto payload = manifest.assemble(chunks);
        if (!payload)
            return then(makeError(SecretStoreError::Kind::Corrupted,
                u"the stored %1 cannot be read (%2)"_s.arg(m_description, payload.error().message)));
        return then(payload.value());
    }
    keychainRead(manifest.chunkKey(m_key, index),
        [this, manifest, chunks, then, index](int code, const QString &text, const QByteArray &data) mutable {
            if (code == QKeychain::EntryNotFound)
                return then(makeError(SecretStoreError::Kind::Corrupted,
                    u"the stored %1 cannot be read (chunk %2 of %3 is missing)"_s.arg(m_description)
                        .arg(index + 1)
                        .arg(manifest.chunkCount),
                    code));
            if (code != QKeychain::NoError)
                return then(keychainError(code, text, u"read"_s));
            chunks.append(data);
            readChunks(std::move(manifest), std::move(chunks), std::move(then));
        });
}

void SecretJob::readValue(int attempt, std::function<void(const Payload &)> then)
{
    readManifest([this, attempt, then](const ManifestRead &manifest) {
        if (!manifest)
            return then(manifest.error());
        readChunks(manifest.value(), {}, [this, attempt, then](const Payload &payload) {
            const bool chunkMissing = !payload && payload.error().keychainError == QKeychain::EntryNotFound;
            if (chunkMissing && attempt + 1 < maxReadAttempts) {
                qCDebug(lcStore) << m_key << "changed while being read; reading it again";
                return readValue(attempt + 1, then);
            }
            then(payload);
        });
    });
}

void SecretJob::writeChunks(SecretManifest manifest, QList<QByteArray> chunks, int index,
    std::function<void(std::optional<SecretStoreError>)> then)
{
    if (index == chunks.size())
        return then(std::nullopt);
    const QString chunkKey = manifest.chunkKey(m_key, index);
    const QByteArray chunk = chunks.at(index);
    keychainWrite(chunkKey, chunk,
        [this, manifest, chunks, index, then](int code, const QString &text, const QByteArray &) mutable {
            if (code != QKeychain::NoError)
                return then(keychainError(code, text, u"store"_s));
            writeChunks(std::move(manifest), std::move(chunks), index + 1, std::move(then));
        });
}

void SecretJob::deleteChunks(SecretManifest manifest, int index, std::function<void()> then)
{
    if (index >= manifest.chunkCount)
        return then();
    const QString chunkKey = manifest.chunkKey(m_key, index);
    keychainDelete(
        chunkKey, [this, manifest, index, then, chunkKey](int code, const QString &text, const QByteArray &) {
            if (code != QKeychain::NoError && code != QKeychain::EntryNotFound)
                qCInfo(lcStore) << "could not delete" << chunkKey << ":" << Redaction::text(text);
            deleteChunks(manifest, index + 1, then);
        });
}

void SecretJob::probe(std::function<void(std::optional<SecretStoreError>)> then)
{
    keychainWrite(
        m_probeKey, QByteArrayLiteral("probe"), [this, then](int code, const QString &text, const QByteArray &) {
            if (code != QKeychain::NoError) {
                SecretStoreError error = keychainError(code, text, u"store"_s);
                // Whatever the keychain said, a store that cannot take a marker entry is unusable.
                if (error.kind != SecretStoreError::Kind::Unavailable) {
                    error.kind = SecretStoreError::Kind::Unavailable;
                    error.message = u"secure storage is unavailable: a test entry could not be stored (%1). %2"_s.arg(
                        Redaction::text(text), SecretStoreError::unavailableAdvice());
                }
                return then(error);
            }
            keychainDelete(m_probeKey, [then](int, const QString &, const QByteArray &) { then(std::nullopt); });
        });
}

// --- keychain ---------------------------------------------------------------------------------------

void SecretJob::keychainRead(const QString &key, KeychainCallback then)
{
    auto *job = new QKeychain::ReadPasswordJob(SecretStore::serviceName());
    job->setKey(key);
    startKeychainJob(job, std::move(then));
}

void SecretJob::keychainWrite(const QString &key, const QByteArray &data, KeychainCallback then)
{
    auto *job = new QKeychain::WritePasswordJob(SecretStore::serviceName());
    job->setKey(key);
    // Text, not binary: every chunk is whole UTF-8, and libsecret stores binary data base64-encoded.
    job->setTextData(QString::fromUtf8(data));
    startKeychainJob(job, std::move(then));
}

void SecretJob::keychainDelete(const QString &key, KeychainCallback then)
{
    auto *job = new QKeychain::DeletePasswordJob(SecretStore::serviceName());
    job->setKey(key);
    startKeychainJob(job, std::move(then));
}

void SecretJob::startKeychainJob(QKeychain::Job *job, KeychainCallback then)
{
    // Never a plain-text fallback (§D.1). The keychain job deletes itself after finished(); it is
    // never deleted while it runs, even if this SecretJob goes away (the connection then just drops).
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [then = std::move(then)](QKeychain::Job *done) {
        QByteArray data;
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done); read && done->error() == QKeychain::NoError)
            data = read->textData().toUtf8();
        then(int(done->error()), done->errorString(), data);
    });
    job->start();
}

SecretStoreError SecretJob::keychainError(int error, const QString &errorString, const QString &doing) const
{
    const QString detail = Redaction::text(errorString);
    switch (QKeychain::Error(error)) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return notFound();
    case QKeychain::CouldNotDeleteEntry:
        return makeError(SecretStoreError::Kind::Failed,
            u"the keychain could not delete the %1: %2"_s.arg(m_description, detail), error);
    case QKeychain::AccessDeniedByUser:
        return makeError(SecretStoreError::Kind::Unavailable,
            u"secure storage is unavailable: access to the keychain was refused when trying to %1 the %2 (%3). %4"_s
                .arg(doing, m_description, detail, SecretStoreError::unavailableAdvice()),
            error);
    case QKeychain::AccessDenied:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return makeError(SecretStoreError::Kind::Unavailable,
            u"secure storage is unavailable: cannot %1 the %2 (%3). %4"_s.arg(
                doing, m_description, detail, SecretStoreError::unavailableAdvice()),
            error);
    }
    return makeError(
        SecretStoreError::Kind::Failed, u"cannot %1 the %2: %3"_s.arg(doing, m_description, detail), error);
}

SecretStoreError SecretJob::notFound() const
{
    return makeError(SecretStoreError::Kind::NotFound, u"no %1 are stored in the keychain"_s.arg(m_description),
        QKeychain::EntryNotFound);
}

} // namespace Authdesk
