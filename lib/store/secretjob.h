#pragma once

#include "secretmanifest.h"
#include "secretstoreerror.h"
#include "support/result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace QKeychain {
class Job;
}

namespace Authdesk {

class SecretStore;

// One read, write, remove or availability check of a SecretStore value. Made by SecretStore, which
// runs its jobs one after another (each is several keychain operations: a manifest and chunks);
// start() puts the job in that queue.
//
//     SecretJob *job = store->read(SecretStore::Kind::ConnectionCredentials, u"github-1"_s);
//     connect(job, &SecretJob::finished, this, [](const SecretJob::Outcome &outcome) {
//         if (outcome) use(outcome.value()); else if (outcome.error().kind == ...) ...;
//     });
//     job->start();
//
// finished() is emitted exactly once (also with Cancelled when the store goes away first); the job
// then deletes itself (deleteLater) unless setAutoDelete(false). Never delete a started job that has
// not finished: the keychain operation it waits for carries on regardless.
class SecretJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Remove, CheckAvailability };
    Q_ENUM(Operation)

    // Read: the stored value. Write: the value as it read back. Remove, CheckAvailability: empty.
    using Outcome = Result<QJsonObject, SecretStoreError>;

    ~SecretJob() override;

    Operation operation() const { return m_operation; }
    // The keychain key of the value (empty for CheckAvailability).
    const QString &key() const { return m_key; }
    void start();
    bool isFinished() const { return m_finished; }
    // Valid once finished.
    const Outcome &outcome() const { return m_outcome; }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished(const Authdesk::SecretJob::Outcome &outcome);

private:
    friend class SecretStore;
    using Payload = Result<QByteArray, SecretStoreError>;
    using ManifestRead = Result<SecretManifest, SecretStoreError>;

    SecretJob(SecretStore *store, Operation operation, QString key, QString description, QJsonObject value);

    // Called by the store when it is this job's turn, and when the store goes away.
    void run();
    void cancel();
    void finish(Outcome outcome);

    void runRead();
    void runWrite();
    void runRemove();
    void runCheckAvailability();

    // The steps, in continuation-passing style: each calls `then` once, later, from the event loop.
    void readManifest(std::function<void(const ManifestRead &)> then);
    void readChunks(SecretManifest manifest, QList<QByteArray> chunks, std::function<void(const Payload &)> then);
    void readValue(int attempt, std::function<void(const Payload &)> then);
    void writeChunks(SecretManifest manifest, QList<QByteArray> chunks, int index,
        std::function<void(std::optional<SecretStoreError>)> then);
    void deleteChunks(SecretManifest manifest, int index, std::function<void()> then);
    void probe(std::function<void(std::optional<SecretStoreError>)> then);
    void afterWrite(SecretManifest written, std::optional<SecretManifest> previous, QByteArray payload);

    // QKeychain operations; `then` gets the keychain's error code, its text and (reads) the data.
    using KeychainCallback = std::function<void(int error, const QString &errorString, const QByteArray &data)>;
    void keychainRead(const QString &key, KeychainCallback then);
    void keychainWrite(const QString &key, const QByteArray &data, KeychainCallback then);
    void keychainDelete(const QString &key, KeychainCallback then);
    void startKeychainJob(QKeychain::Job *job, KeychainCallback then);

    SecretStoreError keychainError(int error, const QString &errorString, const QString &doing) const;
    SecretStoreError notFound() const;

    QPointer<SecretStore> m_store;
    Operation m_operation;
    QString m_key;
    QString m_description; // e.g. `credentials of connection "github-1"`: for messages and logs
    QString m_probeKey;
    QString m_invalidReason; // set: the job fails with Invalid when it runs
    QJsonObject m_value;
    Outcome m_outcome;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
};

} // namespace Authdesk
