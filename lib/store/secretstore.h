#pragma once

#include "secretjob.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Authdesk {

class Profile;

// The only way Authdesk reaches the OS keychain (QtKeychain: Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows). Values are JSON objects under service `authdesk` and keys
// `<profile>/<kind>/<name>`; each is stored as a manifest plus chunks below 2 KB (SecretManifest).
//
// - Writes are confirmed: new chunks under a new generation, then the manifest, then a read-back
//   that must return the same bytes, and only then are the old chunks deleted. A write that fails
//   part-way leaves the previous value readable.
// - "Secure storage unavailable" (no D-Bus, no Secret Service, a locked keyring, a refused prompt) is
//   SecretStoreError::Kind::Unavailable, with a message saying how to fix it. Because a locked
//   Secret Service keyring answers reads with "not found", a read that finds nothing probes the
//   keychain with a write before it reports NotFound.
// - The insecure (plain-text) fallback of QtKeychain is never enabled.
// - Nothing secret is logged (lcStore logs keys, sizes and keychain errors only).
//
// Threading: create the store and start its jobs on the main thread, with the Qt event loop running
// (QtKeychain's job queue is a process-wide singleton, and with libsecret its replies arrive through
// the GLib main context, so QT_NO_GLIB=1 must not be set; on macOS use QGuiApplication). Jobs run one
// at a time, in the order they were started.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Kind {
        ConnectionCredentials, // the credentials (tokens) of one connection
        ConnectorParameters, // the secret connector parameters (clientSecret, ...) of one connector
    };
    Q_ENUM(Kind)

    // The keychain service of every entry.
    static QString serviceName();

    // Keys of `profile`'s namespace.
    explicit SecretStore(const Profile &profile, QObject *parent = nullptr);
    // Keys under `keyNamespace` (a profile's keychainNamespace()).
    explicit SecretStore(QString keyNamespace, QObject *parent = nullptr);
    // Jobs still queued or running finish with Cancelled.
    ~SecretStore() override;

    const QString &keyNamespace() const { return m_namespace; }
    // `<namespace>/<kind>/<name>` with the name percent-encoded ('/', '#', '%' and non-ASCII), so no
    // name can reach into another's key or chunk keys. On Windows, where the Credential Manager
    // ignores the service, the key is prefixed with `authdesk/`.
    QString key(Kind kind, const QString &name) const;

    // The value stored under (kind, name); NotFound when there is none.
    SecretJob *read(Kind kind, const QString &name);
    // Stores `value`, replacing any previous one; finishes after the value has been read back.
    SecretJob *write(Kind kind, const QString &name, const QJsonObject &value);
    // Deletes the value and all its chunks; NotFound when there was none.
    SecretJob *remove(Kind kind, const QString &name);
    // Writes and deletes a marker entry: succeeds when secrets can be stored, else Unavailable.
    SecretJob *checkAvailability();

private:
    friend class SecretJob;

    SecretJob *makeJob(SecretJob::Operation operation, Kind kind, const QString &name, const QJsonObject &value);
    void enqueue(SecretJob *job);
    void jobFinished(SecretJob *job);
    void runNext();
    QString probeKey() const;

    QString m_namespace;
    QList<QPointer<SecretJob>> m_queue;
    QPointer<SecretJob> m_running;
    bool m_runScheduled = false;
};

} // namespace Authdesk
