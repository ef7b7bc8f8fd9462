#include "refreshservice.h"

#include "credentialtimes.h"
#include "connectionstatus.h"
#include "profilecontext.h"
#include "support/logging.h"
#include "refreshjob.h"
#include "refreshrequest.h"

#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "store/httplog.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/redaction.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

RefreshOutcome failure(Error error, const QString &servedBy)
{
    RefreshOutcome outcome;
    outcome.error = std::move(error);
    outcome.servedBy = servedBy;
    return outcome;
}

const ConnectionRecord *recordWithId(const ConnectionIndex &index, const QString &id)
{
    for (const ConnectionRecord &record : index.connections()) {
        if (record.id == id)
            return &record;
    }
    return nullptr;
}

} // namespace

RefreshService::RefreshService(ProfileContext *context, Settings settings, QObject *parent)
    : Refresher(parent)
    , m_context(context)
    , m_settings(std::move(settings))
{
    if (m_settings.servedBy.isEmpty())
        m_settings.servedBy = u"this process"_s;
    if (!m_settings.journalPath.isEmpty())
        m_journal = std::make_unique<RefresherJournal>(m_settings.journalPath);
}

RefreshService::~RefreshService()
{
    // Requests still waiting hear that nobody will answer them.
    const RefreshOutcome gone = failure(Error(ErrorCode::Internal, u"the refresher stopped"_s), m_settings.servedBy);
    for (Flight *flight : std::as_const(m_flights)) {
        answer(flight->waiters + flight->forcedFollowers, gone);
        delete flight;
    }
    for (const Unsaved &unsaved : std::as_const(m_unsaved))
        answer(unsaved.waiters, gone);
}

RefreshRequest *RefreshService::refresh(const QString &name, bool force, Want want)
{
    Q_UNUSED(want); // in-process: the outcome always carries the credentials
    auto *request = new RefreshRequest(name, force);
    if (!m_accepting) {
        request->finish(failure(Error(ErrorCode::Internal, u"the refresher is shutting down"_s), m_settings.servedBy));
        return request;
    }
    if (auto it = m_unsaved.find(name); it != m_unsaved.end()) {
        // No refresh may start before these are stored: it would spend the old refresh token.
        if (!force && stillValid(it->expiresAt, m_settings.minimumValidity)) {
            request->finish(unsavedOutcome(*it));
            return request;
        }
        it->waiters.append(request);
        writeUnsaved(name);
        return request;
    }
    if (Flight *flight = m_flights.value(name)) {
        qCDebug(lcRefresher) << "joining the running refresh of" << name;
        if (force && !flight->force)
            flight->forcedFollowers.append(request);
        else
            flight->waiters.append(request);
        return request;
    }
    startFlight(name, force, {request});
    return request;
}

int RefreshService::waitingFor(const QString &name) const
{
    const Flight *flight = m_flights.value(name);
    return flight ? int(flight->waiters.size() + flight->forcedFollowers.size()) : 0;
}

void RefreshService::startFlight(const QString &name, bool force, const QList<QPointer<RefreshRequest>> &waiters)
{
    auto *flight = new Flight;
    flight->name = name;
    flight->force = force;
    flight->waiters = waiters;
    m_flights.insert(name, flight);
    // From the event loop: requests made in the same breath join this flight, and nothing is
    // answered or signalled from inside the caller's refresh().
    QTimer::singleShot(0, this, [this, name] { prepareFlight(name); });
}

void RefreshService::prepareFlight(const QString &name)
{
    Flight *flight = m_flights.value(name);
    if (!flight)
        return;
    // The index as it is on disk now: a connect or a rename in another process.
    if (const auto loaded = m_context->index().load(); !loaded)
        return endFlight(name, failure(loaded.error(), m_settings.servedBy));
    const auto record = m_context->connection(name);
    if (!record)
        return endFlight(name, failure(record.error(), m_settings.servedBy));
    const auto connector = m_context->connector(record->connectorKey);
    if (!connector)
        return endFlight(name, failure(connector.error(), m_settings.servedBy));
    flight->connectionId = record->id;
    // Loaded for every refresh: `authdesk configure` may have changed them (a new client secret).
    ConnectorParametersJob *parameters = m_context->parameters()->load((*connector)->spec.key());
    connect(parameters, &ConnectorParametersJob::finished, this,
        [this, name, record = *record](const ConnectorParametersJob::Outcome &outcome) {
            Flight *current = m_flights.value(name);
            if (!current)
                return;
            if (!outcome)
                return endFlight(name, failure(outcome.error(), m_settings.servedBy));
            runJob(current, record, *outcome);
        });
    parameters->start();
}

void RefreshService::runJob(Flight *flight, const ConnectionRecord &record, const QJsonObject &parameters)
{
    const auto connector = m_context->connector(record.connectorKey);
    if (!connector)
        return endFlight(flight->name, failure(connector.error(), m_settings.servedBy));
    RefreshJob::Settings settings;
    settings.spec = (*connector)->spec;
    settings.optionKey = record.authOptionKey;
    settings.connectorParameters = parameters;
    settings.connectionName = flight->name;
    settings.lockFilePath = m_settings.lockFilePath;
    settings.force = flight->force;
    settings.minimumValidity = m_settings.minimumValidity;
    auto *job = new RefreshJob(settings, m_context->secrets(), &m_context->index(), m_context->clock(), this);
    flight->job = job;
    journalMark(record.id, flight->name, RefresherJournal::State::Refreshing);
    const QString name = flight->name;
    connect(job, &RefreshJob::finished, this, [this, name](RefreshJob *finished) { onJobFinished(name, finished); });
    job->start();
}

void RefreshService::onJobFinished(const QString &name, RefreshJob *job)
{
    job->deleteLater();
    Flight *flight = m_flights.value(name);
    if (!flight)
        return;
    RefreshOutcome outcome;
    outcome.error = job->error();
    outcome.refreshed = job->refreshed();
    outcome.credentials = job->credentials();
    outcome.accessToken = outcome.credentials.value(u"access_token"_s).toString();
    outcome.record = job->record();
    outcome.expiresAt = outcome.record.expiresAt;
    outcome.exchanges = job->httpExchanges();
    outcome.servedBy = m_settings.servedBy;

    // RefreshJob keeps refreshed credentials it could not store (and only those: a failed read leaves
    // none) and reports SecureStorage: the provider may have rotated the refresh token already.
    if (outcome.error && outcome.error->code == ErrorCode::SecureStorage && !outcome.credentials.isEmpty()) {
        keepUnsaved(name, job);
        outcome = unsavedOutcome(m_unsaved.value(name));
        outcome.refreshed = true;
        outcome.exchanges = job->httpExchanges();
        return endFlight(name, outcome);
    }
    journalClear(flight->connectionId);

    // Forced requests that joined an unforced refresh which found the token fresh: they get a
    // refresh of their own, right after (still one at a time).
    if (!flight->forcedFollowers.isEmpty() && !outcome.refreshed && !outcome.error) {
        const QList<QPointer<RefreshRequest>> followers = std::exchange(flight->forcedFollowers, {});
        answer(flight->waiters, outcome);
        m_flights.remove(name);
        delete flight;
        Q_EMIT refreshFinished(name, outcome);
        return startFlight(name, true, followers);
    }
    endFlight(name, outcome);
}

void RefreshService::endFlight(const QString &name, const RefreshOutcome &outcome)
{
    Flight *flight = m_flights.take(name);
    if (!flight)
        return;
    answer(flight->waiters + flight->forcedFollowers, outcome);
    HttpLog::record(m_context->profile(), outcome.record.id.isEmpty() ? flight->connectionId : outcome.record.id,
        outcome.exchanges);
    delete flight;
    if (outcome.error && outcome.error->code != ErrorCode::NotFound)
        qCDebug(lcRefresher) << "refresh of" << name << "failed:" << Redaction::text(outcome.error->message);
    Q_EMIT refreshFinished(name, outcome);
    // After the requests heard their outcome (RefreshRequest::finished is queued too), so that a
    // daemon that stops on idle() has sent every reply first.
    QTimer::singleShot(0, this, [this] {
        if (m_flights.isEmpty())
            Q_EMIT idle();
    });
}

void RefreshService::answer(const QList<QPointer<RefreshRequest>> &requests, const RefreshOutcome &outcome)
{
    for (const QPointer<RefreshRequest> &request : requests) {
        if (request)
            request->finish(outcome);
    }
}

bool RefreshService::stillValid(const QDateTime &expiresAt, std::chrono::seconds margin) const
{
    return expiresAt.isValid() && expiresAt > m_context->clock().nowUtc().addSecs(margin.count());
}

// --- unsaved credentials (rotation safety) ---

void RefreshService::keepUnsaved(const QString &name, RefreshJob *job)
{
    Unsaved unsaved;
    unsaved.connectionId = job->record().id;
    unsaved.baseObtainedAt = job->record().obtainedAt; // the failed job left the old credentials' times
    unsaved.obtainedAt = m_context->clock().nowUtc();
    unsaved.credentials = job->credentials();
    unsaved.expiresAt = CredentialTimes::expiresAt(unsaved.credentials, unsaved.obtainedAt);
    unsaved.record = job->record();
    unsaved.retry = new QTimer(this);
    unsaved.retry->setSingleShot(true);
    connect(unsaved.retry, &QTimer::timeout, this, [this, name] { writeUnsaved(name); });
    unsaved.retry->start(m_settings.firstWriteRetry);
    m_unsaved.insert(name, unsaved);

    journalMark(unsaved.connectionId, name, RefresherJournal::State::Unsaved);
    const QString message = tr("The keychain did not accept the refreshed credentials; %1 (pid %2) keeps them in memory "
                               "and retries storing them. Until then only this refresher can use the connection.")
                                .arg(m_settings.servedBy)
                                .arg(QCoreApplication::applicationPid());
    if (const auto flagged = m_context->index().appendEvent(name, u"credentials-unsaved"_s, message); flagged)
        m_unsaved[name].record = *flagged;
    qCWarning(lcRefresher).noquote() << u"connection \"%1\": %2 (%3)"_s.arg(name, message,
                                            Redaction::text(job->error() ? job->error()->message : QString()));
    Q_EMIT unsavedChanged(name, true);
}

RefreshOutcome RefreshService::unsavedOutcome(const Unsaved &unsaved) const
{
    RefreshOutcome outcome;
    outcome.unsaved = true;
    outcome.credentials = unsaved.credentials;
    outcome.accessToken = unsaved.credentials.value(u"access_token"_s).toString();
    outcome.expiresAt = unsaved.expiresAt;
    outcome.record = unsaved.record;
    outcome.record.expiresAt = unsaved.expiresAt;
    outcome.servedBy = m_settings.servedBy;
    outcome.warning = tr("the refreshed credentials of \"%1\" are not in the keychain yet; %2 keeps them in memory and "
                         "retries storing them")
                          .arg(unsaved.record.name, m_settings.servedBy);
    return outcome;
}

void RefreshService::writeUnsaved(const QString &name)
{
    auto it = m_unsaved.find(name);
    if (it == m_unsaved.end() || it->writing)
        return;
    it->retry->stop();
    // Stored only if the connection still has the grant these credentials belong to.
    if (const auto loaded = m_context->index().load(); loaded) {
        const ConnectionRecord *record = recordWithId(m_context->index(), it->connectionId);
        if (!record || record->obtainedAt != it->baseObtainedAt)
            return dropUnsaved(name, record ? tr("the connection was connected again meanwhile") : tr("the connection was removed"));
    }
    it->writing = true;
    SecretJob *job = m_context->secrets()->write(SecretStore::Kind::ConnectionCredentials, it->connectionId, it->credentials);
    connect(job, &SecretJob::finished, this, [this, name](const SecretJob::Outcome &outcome) {
        onUnsavedWritten(name, bool(outcome), outcome ? QString() : outcome.error().message);
    });
    job->start();
}

void RefreshService::onUnsavedWritten(const QString &name, bool stored, const QString &problem)
{
    auto it = m_unsaved.find(name);
    if (it == m_unsaved.end())
        return;
    it->writing = false;
    ++it->attempts;
    if (!stored) {
        const std::chrono::milliseconds delay = std::min(m_settings.maximumWriteRetry,
            std::chrono::milliseconds(m_settings.firstWriteRetry.count() << std::min(it->attempts, 20)));
        qCWarning(lcRefresher).noquote() << u"connection \"%1\": storing the refreshed credentials failed again (%2); next try in %3 s"_s.arg(
            name, Redaction::text(problem)).arg(std::chrono::duration_cast<std::chrono::seconds>(delay).count());
        it->retry->start(delay);
        const QList<QPointer<RefreshRequest>> waiters = std::exchange(it->waiters, {});
        for (const QPointer<RefreshRequest> &request : waiters) {
            if (!request)
                continue;
            if (!request->force() && stillValid(it->expiresAt, std::chrono::seconds(0))) {
                request->finish(unsavedOutcome(*it));
            } else {
                request->finish(failure(Error(ErrorCode::SecureStorage,
                                            tr("connection \"%1\" cannot be refreshed until the keychain accepts its last "
                                               "refreshed credentials (%2)")
                                                .arg(name, problem)),
                    m_settings.servedBy));
            }
        }
        return;
    }

    Unsaved unsaved = m_unsaved.take(name);
    unsaved.retry->deleteLater();
    journalClear(unsaved.connectionId);
    const QString message = tr("refreshed; the credentials were stored after %n attempt(s); the access token expires %1", nullptr, unsaved.attempts + 1)
                                .arg(unsaved.expiresAt.isValid() ? unsaved.expiresAt.toString(Qt::ISODate) : tr("(unknown)"));
    const auto updated = m_context->index().update(name, [&unsaved, &message, this](ConnectionRecord &record) {
        const QDateTime now = m_context->clock().nowUtc();
        record.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
        record.obtainedAt = unsaved.obtainedAt;
        record.expiresAt = unsaved.expiresAt;
        const QStringList granted = CredentialTimes::grantedScopes(unsaved.credentials);
        if (!granted.isEmpty())
            record.scopesGranted = granted;
        record.lastRefresh = {now, true, message};
        record.history.append({now, u"refreshed"_s, message});
    });
    if (!updated)
        qCWarning(lcRefresher).noquote() << u"connection \"%1\": %2"_s.arg(name, updated.error().message);
    qCInfo(lcRefresher).noquote() << u"connection \"%1\": the refreshed credentials are stored now"_s.arg(name);
    Q_EMIT unsavedChanged(name, false);
    if (!unsaved.waiters.isEmpty()) {
        const bool anyForced = std::any_of(unsaved.waiters.cbegin(), unsaved.waiters.cend(),
            [](const QPointer<RefreshRequest> &request) { return request && request->force(); });
        startFlight(name, anyForced, unsaved.waiters);
    }
}

void RefreshService::dropUnsaved(const QString &name, const QString &why)
{
    Unsaved unsaved = m_unsaved.take(name);
    unsaved.retry->deleteLater();
    journalClear(unsaved.connectionId);
    qCWarning(lcRefresher).noquote() << u"connection \"%1\": dropping the unsaved refreshed credentials: %2"_s.arg(name, why);
    Q_EMIT unsavedChanged(name, false);
    if (!unsaved.waiters.isEmpty()) {
        const bool anyForced = std::any_of(unsaved.waiters.cbegin(), unsaved.waiters.cend(),
            [](const QPointer<RefreshRequest> &request) { return request && request->force(); });
        startFlight(name, anyForced, unsaved.waiters);
    }
}

void RefreshService::reload(const QString &name)
{
    if (const auto loaded = m_context->index().load(); !loaded) {
        qCWarning(lcRefresher).noquote() << loaded.error().message;
        return;
    }
    const QStringList names = name.isEmpty() ? m_unsaved.keys() : QStringList{name};
    for (const QString &unsavedName : names) {
        const auto it = m_unsaved.constFind(unsavedName);
        if (it == m_unsaved.cend() || it->writing)
            continue;
        const ConnectionRecord *record = recordWithId(m_context->index(), it->connectionId);
        if (!record)
            dropUnsaved(unsavedName, tr("the connection was removed"));
        else if (record->obtainedAt != it->baseObtainedAt)
            dropUnsaved(unsavedName, tr("the connection was connected again meanwhile"));
    }
}

void RefreshService::stopAccepting()
{
    m_accepting = false;
}

// --- what a previous refresher left ---

QList<RefreshService::Unconfirmed> RefreshService::reportUnconfirmed()
{
    QList<Unconfirmed> found;
    ConnectionIndex &index = m_context->index();
    if (const auto loaded = index.load(); !loaded) {
        qCWarning(lcRefresher).noquote() << loaded.error().message;
        return found;
    }
    const auto flag = [this, &index, &found](const ConnectionRecord &record, const QString &message) {
        found.append({record.name, message});
        const auto updated = index.update(record.name, [this, &message](ConnectionRecord &changed) {
            if (changed.status == ConnectionStatuses::toString(ConnectionStatus::Refreshing))
                changed.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
            changed.history.append({m_context->clock().nowUtc(), u"refresh-unconfirmed"_s, message});
        });
        if (!updated)
            qCWarning(lcRefresher).noquote() << updated.error().message;
        qCWarning(lcRefresher).noquote() << u"connection \"%1\": %2"_s.arg(record.name, message);
    };

    QStringList reported;
    if (m_journal) {
        const auto leftovers = m_journal->takeLeftovers();
        if (!leftovers)
            qCWarning(lcRefresher).noquote() << leftovers.error().message;
        for (const RefresherJournal::Entry &entry : leftovers ? *leftovers : QList<RefresherJournal::Entry>()) {
            const ConnectionRecord *record = recordWithId(index, entry.connectionId);
            if (!record || reported.contains(record->id))
                continue;
            // A later refresh (a command's, under the lock) has dealt with it already: it found the
            // stored credentials working, or recorded why not.
            if (entry.state == RefresherJournal::State::Refreshing && record->lastRefresh.time.isValid()
                && record->lastRefresh.time > entry.since
                && record->status != ConnectionStatuses::toString(ConnectionStatus::Refreshing))
                continue;
            const QString since = entry.since.toString(Qt::ISODate);
            const QString message = entry.state == RefresherJournal::State::Unsaved
                ? tr("the refresher (pid %1) ended while holding refreshed credentials that the keychain had not accepted "
                     "(since %2). They are lost; if the provider rotates refresh tokens the stored one no longer works "
                     "and the connection must be reconnected.")
                      .arg(entry.pid)
                      .arg(since)
                : tr("a refresh by the refresher (pid %1, started %2) was interrupted; its result may not have been "
                     "stored. If the next refresh fails with invalid_grant, reconnect.")
                      .arg(entry.pid)
                      .arg(since);
            reported.append(record->id);
            flag(*record, message);
        }
    }
    // A command killed mid-refresh leaves status Refreshing; it means something only while nobody
    // holds the profile lock.
    if (!m_settings.lockFilePath.isEmpty()) {
        QLockFile lock(m_settings.lockFilePath);
        lock.setStaleLockTime(std::chrono::minutes(2)); // as RefreshJob
        if (lock.tryLock(0)) {
            const QList<ConnectionRecord> records = index.connections();
            for (const ConnectionRecord &record : records) {
                if (record.status != ConnectionStatuses::toString(ConnectionStatus::Refreshing) || reported.contains(record.id))
                    continue;
                reported.append(record.id);
                flag(record, tr("a refresh was interrupted (the process ended); its result may not have been stored. "
                                "If the next refresh fails with invalid_grant, reconnect."));
            }
            lock.unlock();
        }
    }
    return found;
}

void RefreshService::journalMark(const QString &id, const QString &name, RefresherJournal::State state)
{
    if (!m_journal)
        return;
    if (const auto marked = m_journal->mark(id, name, state, m_context->clock().nowUtc()); !marked)
        qCWarning(lcRefresher).noquote() << marked.error().message;
}

void RefreshService::journalClear(const QString &id)
{
    if (!m_journal || id.isEmpty())
        return;
    if (const auto cleared = m_journal->clear(id); !cleared)
        qCWarning(lcRefresher).noquote() << cleared.error().message;
}

} // namespace Authdesk
