#include "profilerefresherhost.h"

#include "clockjumpdetector.h"
#include "connectionstatus.h"
#include "networkmonitor.h"
#include "profilecontext.h"
#include "refresherserver.h"
#include "refreshscheduler.h"
#include "refreshservice.h"
#include "sleepmonitor.h"

#include "support/clock.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

ProfileRefresherHost::ProfileRefresherHost(ProfileContext *context, QString servedBy, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_servedBy(std::move(servedBy))
{
}

ProfileRefresherHost::~ProfileRefresherHost()
{
    // The server first: it answers through the service.
    delete m_server;
    m_server = nullptr;
}

Result<bool> ProfileRefresherHost::start()
{
    if (m_server)
        return true;
    if (m_stopping)
        return Error(ErrorCode::Internal, tr("the refresher of this process has stopped"));
    RefreshService::Settings settings;
    settings.lockFilePath = m_context->profile().lockFilePath();
    settings.journalPath = m_context->profile().dataDir() + u"/refresher-journal.json"_s;
    settings.servedBy = m_servedBy;
    auto *service = new RefreshService(m_context, settings, this);
    auto *server = new RefresherServer(m_context->profile(), service, this);
    if (const auto listening = server->listen(); !listening) {
        delete server;
        delete service;
        return listening.error();
    }
    m_service = service;
    m_server = server;
    m_stopping = false;
    m_stopped = false;

    m_unconfirmed = m_service->reportUnconfirmed();
    watchIndex();
    connect(m_server, &RefresherServer::reloadRequested, this, [this](const QString &name) {
        qCInfo(lcRefresher).noquote() << (name.isEmpty() ? u"reloaded the index"_s
                                                         : u"reloaded connection \"%1\""_s.arg(name));
        syncSchedule();
        Q_EMIT reloaded(name);
    });
    connect(m_service, &RefreshService::refreshFinished, this, &ProfileRefresherHost::onRefreshFinished);
    startScheduler();
    return true;
}

void ProfileRefresherHost::startScheduler()
{
    m_scheduler = new RefreshScheduler(m_context->clock(), nullptr, this);
    // AUTHDESK_REFRESH_BACKOFF (seconds): the first retry ceiling after a transient failure.
    bool backoffSet = false;
    if (const double seconds = qEnvironmentVariable("AUTHDESK_REFRESH_BACKOFF").toDouble(&backoffSet);
        backoffSet && seconds > 0 && seconds <= 3600) {
        RefreshPolicy policy = m_scheduler->policy();
        policy.backoffBase = std::chrono::milliseconds(qint64(seconds * 1000));
        policy.minimumBackoff = std::min(policy.minimumBackoff, policy.backoffBase);
        m_scheduler->setPolicy(policy);
    }
    m_sleep = new SleepMonitor(this);
    m_clockJumps = new ClockJumpDetector(m_context->clock(), nullptr, this);
    m_network = new NetworkMonitor(this);
    m_scheduler->followSystemEvents(m_sleep, m_clockJumps, m_network);
    m_clockJumps->start();
    connect(m_scheduler, &RefreshScheduler::due, this, [this](const QString &name) {
        if (m_stopping) {
            m_scheduler->finished(name, RefreshScheduler::Outcome::transientFailure());
            return;
        }
        qCInfo(lcRefresher).noquote() << u"refreshing \"%1\": its access token expires soon"_s.arg(name);
        m_service->refresh(name, true, Refresher::Want::AccessToken); // the outcome comes through refreshFinished
    });
    syncSchedule();
}

void ProfileRefresherHost::syncSchedule()
{
    if (!m_scheduler)
        return;
    QStringList present;
    for (const ConnectionRecord &record : m_context->index().connections()) {
        present.append(record.name);
        const auto status = ConnectionStatuses::fromString(record.status);
        const bool refreshable = status == ConnectionStatus::Ready || status == ConnectionStatus::Refreshing;
        if (refreshable && record.expiresAt.isValid()) {
            // Only new credentials reschedule. Every refresh attempt rewrites the index (its history),
            // and rescheduling the same times would reset a backoff and retry at once, in a loop.
            const auto entry = m_scheduler->entry(record.name);
            const bool unchanged = entry && entry->state != RefreshScheduler::State::Stopped
                && entry->obtainedAt == record.obtainedAt && entry->expiresAt == record.expiresAt;
            if (!unchanged)
                m_scheduler->setCredentialTimes(record.name, record.obtainedAt, record.expiresAt);
        } else {
            m_scheduler->remove(record.name); // unknown expiry (401-driven), or waiting for the user
        }
    }
    for (const QString &name : m_scheduler->names()) {
        if (!present.contains(name))
            m_scheduler->remove(name);
    }
}

// Every refresh the service ran, whoever asked: the scheduler learns the new deadline, or backs off
// after a transient failure, or stops until the user acts.
void ProfileRefresherHost::onRefreshFinished(const QString &name, const RefreshOutcome &outcome)
{
    if (m_scheduler) {
        const bool scheduled = m_scheduler->inFlight().contains(name);
        if (!outcome.error) {
            if (scheduled)
                m_scheduler->finished(
                    name, RefreshScheduler::Outcome::succeeded(outcome.record.obtainedAt, outcome.expiresAt));
            else if (outcome.expiresAt.isValid())
                m_scheduler->setCredentialTimes(name, outcome.record.obtainedAt, outcome.expiresAt);
        } else {
            const auto status = ConnectionStatuses::fromString(outcome.record.status);
            const bool permanent = status == ConnectionStatus::NeedsReconnect || status == ConnectionStatus::Expired
                || status == ConnectionStatus::Error || outcome.error->code == ErrorCode::NotFound;
            if (scheduled)
                m_scheduler->finished(name,
                    permanent ? RefreshScheduler::Outcome::permanentFailure()
                              : RefreshScheduler::Outcome::transientFailure());
            QString retry;
            if (!permanent) {
                retry = u" (will retry)"_s;
                const auto entry = m_scheduler->entry(name);
                if (scheduled && entry && entry->state == RefreshScheduler::State::Scheduled
                    && entry->consecutiveFailures > 0) {
                    const qint64 inMs = std::max<qint64>(0, m_context->clock().nowUtc().msecsTo(entry->deadline));
                    retry = u" (will retry in %1 s; %2 in a row)"_s.arg(double(inMs) / 1000.0, 0, 'f', 1)
                                .arg(entry->consecutiveFailures);
                }
            }
            qCWarning(lcRefresher).noquote()
                << u"refreshing \"%1\" failed%2: %3"_s.arg(name, retry, Redaction::text(outcome.error->message));
        }
    }
    Q_EMIT refreshFinished(name, outcome);
}

void ProfileRefresherHost::watchIndex()
{
    // QSaveFile replaces the file (a rename), which a file watch does not survive: the folder is
    // watched too, and the file watch renewed after each change.
    const QString indexPath = m_context->index().filePath();
    m_watcher = new QFileSystemWatcher(this);
    m_watcher->addPath(m_context->profile().dataDir());
    if (QFileInfo::exists(indexPath))
        m_watcher->addPath(indexPath);
    m_reloadDebounce = new QTimer(this);
    m_reloadDebounce->setSingleShot(true);
    m_reloadDebounce->setInterval(300); // one reload for the burst of events a write makes
    connect(m_reloadDebounce, &QTimer::timeout, this, [this, indexPath] {
        if (QFileInfo::exists(indexPath) && !m_watcher->files().contains(indexPath))
            m_watcher->addPath(indexPath);
        if (m_service && !m_stopping) {
            m_service->reload();
            syncSchedule();
            qCDebug(lcRefresher) << "the index changed on disk; reloaded";
            Q_EMIT reloaded(QString());
        }
    });
    const auto changed = [this, indexPath](const QString &path) {
        if (path == indexPath || QFileInfo(path).isDir())
            m_reloadDebounce->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
}

void ProfileRefresherHost::stop(const QString &why)
{
    if (m_stopping) {
        qCInfo(lcRefresher).noquote() << u"%1: already stopping"_s.arg(why);
        return;
    }
    m_stopping = true;
    if (!m_service || !m_server) {
        // Never started: nothing to wait for.
        m_stopped = true;
        QTimer::singleShot(0, this, &ProfileRefresherHost::stopped);
        return;
    }
    const QStringList running = m_service->inFlight();
    qCInfo(lcRefresher).noquote() << (running.isEmpty()
            ? u"%1: stopping"_s.arg(why)
            : u"%1: stopping; waiting for %2 refresh(es) in flight (%3)"_s.arg(why)
                  .arg(running.size())
                  .arg(running.join(u", "_s)));
    m_server->stopAccepting();
    m_service->stopAccepting();
    if (m_reloadDebounce)
        m_reloadDebounce->stop();
    if (m_service->isIdle()) {
        QTimer::singleShot(0, this, &ProfileRefresherHost::finishStopping);
        return;
    }
    connect(m_service, &RefreshService::idle, this, &ProfileRefresherHost::finishStopping);
    m_drainTimer = new QTimer(this);
    m_drainTimer->setSingleShot(true);
    connect(
        m_drainTimer, &QTimer::timeout, this, [this] {
            qCWarning(lcRefresher).noquote()
                << u"refreshes still running after %1 s: %2; exiting anyway"_s
                       .arg(std::chrono::duration_cast<std::chrono::seconds>(m_drainTimeout).count())
                       .arg(m_service->inFlight().join(u", "_s));
            finishStopping();
        });
    m_drainTimer->start(m_drainTimeout);
}

void ProfileRefresherHost::finishStopping()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_drainTimer)
        m_drainTimer->stop();
    if (const QStringList unsaved = m_service->unsaved(); !unsaved.isEmpty())
        qCWarning(lcRefresher).noquote()
            << u"the keychain never accepted the refreshed credentials of %1; the next refresher will report them"_s
                   .arg(unsaved.join(u", "_s));
    qCInfo(lcRefresher).noquote() << u"stopped"_s;
    // The socket and the refresher lock go with the server.
    delete m_server;
    m_server = nullptr;
    Q_EMIT stopped();
}

} // namespace Authdesk
