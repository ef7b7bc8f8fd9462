#include "secretstore.h"

#include "profile.h"
#include "support/logging.h"

#include <QThread>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QString kindSegment(SecretStore::Kind kind)
{
    switch (kind) {
    case SecretStore::Kind::ConnectionCredentials:
        return u"connection"_s;
    case SecretStore::Kind::ConnectorParameters:
        return u"connector"_s;
    }
    return u"other"_s;
}

QString describe(SecretStore::Kind kind, const QString &name, const QString &keyNamespace)
{
    switch (kind) {
    case SecretStore::Kind::ConnectionCredentials:
        return u"credentials of connection \"%1\" (profile \"%2\")"_s.arg(name, keyNamespace);
    case SecretStore::Kind::ConnectorParameters:
        return u"secret parameters of connector \"%1\" (profile \"%2\")"_s.arg(name, keyNamespace);
    }
    return name;
}

} // namespace

QString SecretStore::serviceName()
{
    return u"authdesk"_s;
}

SecretStore::SecretStore(const Profile &profile, QObject *parent)
    : SecretStore(profile.keychainNamespace(), parent)
{
}

SecretStore::SecretStore(QString keyNamespace, QObject *parent)
    : QObject(parent)
    , m_namespace(std::move(keyNamespace))
{
    qRegisterMetaType<Authdesk::SecretJob::Outcome>();
}

SecretStore::~SecretStore()
{
    // Finish every job exactly once. Keychain operations still running are left to finish on their own.
    const auto queue = m_queue;
    m_queue.clear();
    if (m_running)
        m_running->cancel();
    for (const QPointer<SecretJob> &job : queue) {
        if (job)
            job->cancel();
    }
}

QString SecretStore::key(Kind kind, const QString &name) const
{
    const QString encodedName = QString::fromLatin1(QUrl::toPercentEncoding(name));
    QString key = m_namespace + u'/' + kindSegment(kind) + u'/' + encodedName;
#ifdef Q_OS_WIN
    // The Credential Manager's target name is the key alone (the service is ignored): keep it global.
    key.prepend(serviceName() + u'/');
#endif
    return key;
}

QString SecretStore::probeKey() const
{
    QString key = m_namespace + u"/probe/availability"_s;
#ifdef Q_OS_WIN
    key.prepend(serviceName() + u'/');
#endif
    return key;
}

SecretJob *SecretStore::read(Kind kind, const QString &name)
{
    return makeJob(SecretJob::Operation::Read, kind, name, {});
}

SecretJob *SecretStore::write(Kind kind, const QString &name, const QJsonObject &value)
{
    return makeJob(SecretJob::Operation::Write, kind, name, value);
}

SecretJob *SecretStore::remove(Kind kind, const QString &name)
{
    return makeJob(SecretJob::Operation::Remove, kind, name, {});
}

SecretJob *SecretStore::checkAvailability()
{
    return new SecretJob(
        this, SecretJob::Operation::CheckAvailability, {}, u"keychain of profile \"%1\""_s.arg(m_namespace), {});
}

SecretJob *SecretStore::makeJob(
    SecretJob::Operation operation, Kind kind, const QString &name, const QJsonObject &value)
{
    auto *job = new SecretJob(this, operation, key(kind, name), describe(kind, name, m_namespace), value);
    if (name.isEmpty()) {
        // Refused when started, so that the caller still gets its finished() signal.
        job->m_invalidReason = u"a keychain entry needs a name"_s;
    }
    return job;
}

void SecretStore::enqueue(SecretJob *job)
{
    // QtKeychain's job queue is a process-wide object without locking: one thread only.
    Q_ASSERT_X(QThread::currentThread() == thread(), "SecretStore", "jobs must be started on the store's thread");
    m_queue.append(job);
    if (!m_running && !m_runScheduled) {
        // Run from the event loop, so that finished() never fires inside start().
        m_runScheduled = true;
        QMetaObject::invokeMethod(this, &SecretStore::runNext, Qt::QueuedConnection);
    }
}

void SecretStore::jobFinished(SecretJob *job)
{
    m_queue.removeAll(job);
    if (m_running != job)
        return;
    m_running = nullptr;
    if (!m_queue.isEmpty() && !m_runScheduled) {
        m_runScheduled = true;
        QMetaObject::invokeMethod(this, &SecretStore::runNext, Qt::QueuedConnection);
    }
}

void SecretStore::runNext()
{
    m_runScheduled = false;
    while (!m_running && !m_queue.isEmpty()) {
        QPointer<SecretJob> job = m_queue.takeFirst();
        if (!job)
            continue;
        m_running = job;
        job->run();
    }
}

} // namespace Authdesk
