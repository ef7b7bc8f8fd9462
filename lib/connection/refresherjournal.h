#pragma once

#include "support/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Authdesk {

// A small file in the profile folder (refresher-journal.json, mode 0600, no secrets) where the
// refresher notes what it has not finished yet, so that the next one can tell the user about a
// refresh whose result may be lost (issue 5, item 5):
//
//   before a RefreshJob starts          mark(id, name, Refreshing)
//   the keychain refused the new ones   mark(id, name, Unsaved)    (kept in memory, write retried)
//   the outcome is stored (or there is none to store)   clear(id)
//
// What is left in the file at start-up belongs to a refresher that died: takeLeftovers() returns it
// and empties the file. Only the process that owns refreshing for the profile (the daemon) keeps it.
class RefresherJournal
{
public:
    enum class State { Refreshing, Unsaved };

    struct Entry
    {
        QString connectionId; // ConnectionRecord::id: survives a rename
        QString connectionName; // for messages
        State state = State::Refreshing;
        QDateTime since;
        qint64 pid = 0;
    };

    explicit RefresherJournal(QString filePath);

    const QString &filePath() const { return m_filePath; }

    Result<bool> mark(const QString &connectionId, const QString &connectionName, State state, const QDateTime &now);
    Result<bool> clear(const QString &connectionId);
    // What a previous process left (and forgets it); entries of this process are not returned.
    Result<QList<Entry>> takeLeftovers();
    // The entries as they are in the file (for tests and status).
    Result<QList<Entry>> entries() const;

    static QString stateName(State state);

private:
    Result<bool> write(const QList<Entry> &entries) const;

    QString m_filePath;
};

} // namespace Authdesk
