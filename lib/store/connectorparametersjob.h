#pragma once

#include "secretjob.h"
#include "support/result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Authdesk {

class ConnectorParameterStore;

// One load, set or remove of a connector's parameters (see ConnectorParameterStore). finished() is
// emitted exactly once, after start(), from the event loop; the job then deletes itself unless
// setAutoDelete(false). Errors: ErrorCode::SecureStorage when the keychain is unavailable (exit
// code 5), Validation for a damaged settings file, Internal for I/O failures.
class ConnectorParametersJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Load, Set, Remove };
    Q_ENUM(Operation)

    // Load and Set: all parameters of the connector, secret ones included. Remove: empty.
    using Outcome = Result<QJsonObject>;

    // A job destroyed (with its store) before it finished emits finished() with an error first.
    ~ConnectorParametersJob() override;

    Operation operation() const { return m_operation; }
    const QString &connectorKey() const { return m_connectorKey; }
    void start();
    bool isFinished() const { return m_finished; }
    const Outcome &outcome() const { return m_outcome; }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished(const Authdesk::ConnectorParametersJob::Outcome &outcome);

private:
    friend class ConnectorParameterStore;

    ConnectorParametersJob(ConnectorParameterStore *store, Operation operation, QString connectorKey,
        QJsonObject changes = {}, QStringList secretKeys = {});

    void run();
    void runLoad();
    void runSet();
    void runRemove();
    // Runs a secret-store job and hands its outcome to `then` (nothing when the store is gone).
    void withSecrets(SecretJob *job, std::function<void(const SecretJob::Outcome &)> then);
    void finish(Outcome outcome);

    QPointer<ConnectorParameterStore> m_store;
    Operation m_operation;
    QString m_connectorKey;
    QJsonObject m_changes;
    QStringList m_secretKeys;
    Outcome m_outcome;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
};

} // namespace Authdesk
