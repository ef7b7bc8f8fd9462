#pragma once

#include "refresher.h"
#include "refresherjournal.h"
#include "refreshoutcome.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

class QTimer;

namespace Authdesk {

class ProfileContext;
class RefreshJob;
class RefreshRequest;

// Owns the refreshing of a profile's connections in one process: the daemon's (over its socket, and
// later for the RefreshScheduler), or a command's when no daemon runs.
//
//   refresh(name, force) -> RefreshRequest
//     | a RefreshJob for `name` is running?  -> the request waits for it (coalescing: one provider
//     |                                          request for all; a forced request that joins an
//     |                                          unforced refresh that found the token fresh gets a
//     |                                          forced one right after)
//     | else: record + connector spec (ProfileContext) + connector parameters (keychain)
//     |       -> journal "refreshing" -> RefreshJob (profile lock, re-read, refresh, keychain write)
//     v
//   outcome -> every waiting request; refreshFinished(name, outcome)   <- the scheduler's hook
//
// Rotation safety (issue 5, item 5): when the keychain refuses the refreshed credentials, the
// provider may already have rotated the refresh token, so the new credentials are all that works.
// The service keeps them in memory, flags the connection (history event "credentials-unsaved",
// journal "unsaved"), retries the write with backoff (1 s doubling up to 5 min), and answers requests
// with them meanwhile; no refresh of that connection starts before they are stored (it would spend
// the old refresh token). A connect (reload()) that gave the connection new credentials drops them.
//
// At start (reportUnconfirmed()), what a previous refresher left unfinished is reported: journal
// entries of a dead process, and connections left in status Refreshing when nobody holds the profile
// lock (a command killed mid-refresh). Each gets a "refresh-unconfirmed" history event and a warning,
// unless a later refresh (a command's, under the lock) has dealt with the connection since: it found
// the stored credentials working, or recorded why not (RefreshJob names the interrupted refresh then).
class RefreshService : public Refresher
{
    Q_OBJECT

public:
    struct Settings
    {
        // The profile's refresh lock (Profile::lockFilePath()); empty: none (tests).
        QString lockFilePath;
        // The journal; empty: none (a command's short-lived service).
        QString journalPath;
        std::chrono::milliseconds firstWriteRetry{1000};
        std::chrono::milliseconds maximumWriteRetry{std::chrono::minutes(5)};
        // An unforced request refreshes when the token expires within this.
        std::chrono::seconds minimumValidity{60};
        QString servedBy; // RefreshOutcome::servedBy
    };

    // What reportUnconfirmed() found.
    struct Unconfirmed
    {
        QString connectionName;
        QString message;
    };

    RefreshService(ProfileContext *context, Settings settings, QObject *parent = nullptr);
    ~RefreshService() override;

    RefreshRequest *refresh(const QString &name, bool force, Want want = Want::Credentials) override;

    // The index changed on disk (a connect, a rename): reload it. Unsaved credentials of a connection
    // whose grant changed meanwhile (`name`, or any when empty) are dropped: they belong to the old one.
    void reload(const QString &name = {});
    // Reports (and forgets) what a previous refresher left unfinished; see the class comment.
    QList<Unconfirmed> reportUnconfirmed();

    // Refuses new requests (shutting down); running refreshes go on. idle() follows when none is left.
    void stopAccepting();
    bool isAccepting() const { return m_accepting; }
    bool isIdle() const { return m_flights.isEmpty(); }
    QStringList inFlight() const { return m_flights.keys(); }
    // Requests waiting for the refresh of `name` (0 when none runs).
    int waitingFor(const QString &name) const;
    // Connections whose refreshed credentials the keychain has not accepted yet.
    QStringList unsaved() const { return m_unsaved.keys(); }
    const ProfileContext *context() const { return m_context; }

Q_SIGNALS:
    // After every refresh this service ran, whoever asked (socket, command, scheduler).
    void refreshFinished(const QString &name, const Authdesk::RefreshOutcome &outcome);
    // The keychain accepted (or the service dropped) the unsaved credentials of `name`.
    void unsavedChanged(const QString &name, bool unsaved);
    // No refresh is running any more.
    void idle();

private:
    struct Flight
    {
        QString name;
        bool force = false;
        QList<QPointer<RefreshRequest>> waiters;
        // Forced requests that joined an unforced refresh: answered by it only if it refreshed.
        QList<QPointer<RefreshRequest>> forcedFollowers;
        QPointer<RefreshJob> job;
        QString connectionId;
    };
    struct Unsaved
    {
        QString connectionId;
        QDateTime baseObtainedAt; // the record's obtainedAt before the refresh: a connect changes it
        QDateTime obtainedAt;
        QDateTime expiresAt;
        QJsonObject credentials;
        ConnectionRecord record;
        int attempts = 0;
        bool writing = false;
        QTimer *retry = nullptr;
        QList<QPointer<RefreshRequest>> waiters; // they need the write before a refresh can run
    };

    void startFlight(const QString &name, bool force, const QList<QPointer<RefreshRequest>> &waiters);
    void prepareFlight(const QString &name);
    void runJob(Flight *flight, const ConnectionRecord &record, const QJsonObject &parameters);
    void onJobFinished(const QString &name, RefreshJob *job);
    void endFlight(const QString &name, const RefreshOutcome &outcome);
    void keepUnsaved(const QString &name, RefreshJob *job);
    void writeUnsaved(const QString &name);
    void onUnsavedWritten(const QString &name, bool stored, const QString &problem);
    void dropUnsaved(const QString &name, const QString &why);
    RefreshOutcome unsavedOutcome(const Unsaved &unsaved) const;
    bool stillValid(const QDateTime &expiresAt, std::chrono::seconds margin) const;
    void journalMark(const QString &id, const QString &name, RefresherJournal::State state);
    void journalClear(const QString &id);
    static void answer(const QList<QPointer<RefreshRequest>> &requests, const RefreshOutcome &outcome);

    ProfileContext *m_context;
    Settings m_settings;
    std::unique_ptr<RefresherJournal> m_journal;
    QHash<QString, Flight *> m_flights;
    QHash<QString, Unsaved> m_unsaved;
    bool m_accepting = true;
};

} // namespace Authdesk
