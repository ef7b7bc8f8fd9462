#include "connectorparametersjob.h"

#include "connectorparameterstore.h"
#include "secretstore.h"
#include "support/logging.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// `base` with `changes` applied: a null value removes the key.
QJsonObject applied(QJsonObject base, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it->isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

QJsonObject merged(QJsonObject plain, const QJsonObject &secrets)
{
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        plain.insert(it.key(), it.value());
    return plain;
}

} // namespace

ConnectorParametersJob::ConnectorParametersJob(ConnectorParameterStore *store, Operation operation,
    QString connectorKey, QJsonObject changes, QStringList secretKeys)
    : QObject(store)
    , m_store(store)
    , m_operation(operation)
    , m_connectorKey(std::move(connectorKey))
    , m_changes(std::move(changes))
    , m_secretKeys(std::move(secretKeys))
    , m_outcome(Error(ErrorCode::Internal, u"the job has not finished"_s))
{
}

ConnectorParametersJob::~ConnectorParametersJob()
{
    if (m_started && !m_finished) {
        m_autoDelete = false;
        finish(Error(ErrorCode::Internal, u"the connector parameter store was closed"_s));
    }
}

void ConnectorParametersJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // From the event loop, so that finished() never fires inside start().
    QMetaObject::invokeMethod(this, &ConnectorParametersJob::run, Qt::QueuedConnection);
}

void ConnectorParametersJob::run()
{
    if (!m_store)
        return finish(Error(ErrorCode::Internal, u"the connector parameter store was closed"_s));
    if (m_connectorKey.isEmpty())
        return finish(Error(ErrorCode::Usage, u"connector parameters need a connector key"_s));
    switch (m_operation) {
    case Operation::Load:
        return runLoad();
    case Operation::Set:
        return runSet();
    case Operation::Remove:
        return runRemove();
    }
}

void ConnectorParametersJob::runLoad()
{
    auto section = m_store->readSection(m_connectorKey);
    if (!section)
        return finish(section.error());
    const QJsonObject plain = section->parameters;
    if (section->secretKeys.isEmpty())
        return finish(plain);
    if (!m_store->m_secrets)
        return finish(Error(ErrorCode::Internal, u"no secret store to read the secret connector parameters from"_s));
    const QStringList expected = section->secretKeys;
    withSecrets(m_store->m_secrets->read(SecretStore::Kind::ConnectorParameters, m_connectorKey),
        [this, plain, expected](const SecretJob::Outcome &secrets) {
            if (secrets)
                return finish(merged(plain, secrets.value()));
            if (secrets.error().kind != SecretStoreError::Kind::NotFound)
                return finish(secrets.error().toError());
            // The keychain lost them (or they were deleted by hand): the caller sees them missing.
            qCWarning(lcStore) << "connector" << m_connectorKey << "should have secret parameters" << expected
                               << "in the keychain, but none are stored";
            finish(plain);
        });
}

void ConnectorParametersJob::runSet()
{
    auto section = m_store->readSection(m_connectorKey);
    if (!section)
        return finish(section.error());

    // Secret: named by the caller, stored as secret before, or secret by its name.
    QStringList secretKeys = m_secretKeys + section->secretKeys;
    for (auto it = m_changes.begin(); it != m_changes.end(); ++it) {
        if (ConnectorParameterStore::isSecretByName(it.key()))
            secretKeys.append(it.key());
    }
    for (auto it = section->parameters.begin(); it != section->parameters.end(); ++it) {
        if (ConnectorParameterStore::isSecretByName(it.key()))
            secretKeys.append(it.key());
    }
    secretKeys.removeDuplicates();

    QJsonObject plain = applied(section->parameters, m_changes);
    QJsonObject secretChanges;
    for (const QString &key : std::as_const(secretKeys)) {
        // A value that was kept in the file but is secret now moves to the keychain.
        if (plain.contains(key)) {
            secretChanges.insert(key, plain.value(key));
            plain.remove(key);
        }
        if (m_changes.contains(key))
            secretChanges.insert(key, m_changes.value(key));
    }

    const bool hadSecrets = !section->secretKeys.isEmpty();
    if (secretChanges.isEmpty() && !hadSecrets) {
        if (auto written = m_store->writeSection(m_connectorKey, {plain, {}}); !written)
            return finish(written.error());
        return finish(plain);
    }
    if (!m_store->m_secrets)
        return finish(Error(ErrorCode::Internal, u"no secret store for the secret connector parameters"_s));

    auto store = [this, plain, secretChanges](const QJsonObject &oldSecrets) {
        const QJsonObject newSecrets = applied(oldSecrets, secretChanges);
        auto writeFile = [this, plain, newSecrets] {
            if (!m_store)
                return finish(Error(ErrorCode::Internal, u"the connector parameter store was closed"_s));
            if (auto written = m_store->writeSection(m_connectorKey, {plain, newSecrets.keys()}); !written)
                return finish(written.error());
            finish(merged(plain, newSecrets));
        };
        if (newSecrets == oldSecrets)
            return writeFile();
        // The keychain first: if it fails, the file still describes what is stored.
        SecretJob *job = newSecrets.isEmpty()
            ? m_store->m_secrets->remove(SecretStore::Kind::ConnectorParameters, m_connectorKey)
            : m_store->m_secrets->write(SecretStore::Kind::ConnectorParameters, m_connectorKey, newSecrets);
        withSecrets(job, [this, writeFile](const SecretJob::Outcome &outcome) {
            if (!outcome && outcome.error().kind != SecretStoreError::Kind::NotFound)
                return finish(outcome.error().toError());
            writeFile();
        });
    };
    if (!hadSecrets)
        return store({});
    withSecrets(m_store->m_secrets->read(SecretStore::Kind::ConnectorParameters, m_connectorKey),
        [this, store](const SecretJob::Outcome &secrets) {
            if (secrets)
                return store(secrets.value());
            if (secrets.error().kind == SecretStoreError::Kind::NotFound)
                return store({});
            finish(secrets.error().toError());
        });
}

void ConnectorParametersJob::runRemove()
{
    auto section = m_store->readSection(m_connectorKey);
    if (!section)
        return finish(section.error());
    auto dropSection = [this] {
        if (!m_store)
            return finish(Error(ErrorCode::Internal, u"the connector parameter store was closed"_s));
        if (auto written = m_store->writeSection(m_connectorKey, {}); !written)
            return finish(written.error());
        finish(QJsonObject());
    };
    if (section->secretKeys.isEmpty())
        return dropSection();
    if (!m_store->m_secrets)
        return finish(Error(ErrorCode::Internal, u"no secret store for the secret connector parameters"_s));
    withSecrets(m_store->m_secrets->remove(SecretStore::Kind::ConnectorParameters, m_connectorKey),
        [this, dropSection](const SecretJob::Outcome &outcome) {
            if (!outcome && outcome.error().kind != SecretStoreError::Kind::NotFound)
                return finish(outcome.error().toError());
            dropSection();
        });
}

void ConnectorParametersJob::withSecrets(SecretJob *job, std::function<void(const SecretJob::Outcome &)> then)
{
    connect(job, &SecretJob::finished, this, std::move(then));
    job->start();
}

void ConnectorParametersJob::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = std::move(outcome);
    Q_EMIT finished(m_outcome);
    if (m_autoDelete)
        deleteLater();
}

} // namespace Authdesk
