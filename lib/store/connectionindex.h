#pragma once

#include "connectionrecord.h"
#include "support/clock.h"
#include "support/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace Authdesk {

// The non-secret metadata of a profile's connections, in one JSON file in the profile folder
// (Profile::connectionIndexPath()). Secrets never go here: input fields whose names look secret
// (Redaction::isSecretName) are refused, and messages are redacted before they are stored.
//
//     ConnectionIndex index(profile.connectionIndexPath());
//     if (auto loaded = index.load(); !loaded) return fail(loaded.error());
//     auto added = index.add(record);                       // Result<ConnectionRecord>
//     index.recordTest(u"github-1"_s, true, u"200 OK"_s);
//
// Every change is made under a lock file (<file>.lock), on the file as it is on disk at that moment
// (so two Authdesk processes do not lose each other's changes), and written atomically (QSaveFile,
// mode 0600): the file is always either the old or the new version.
//
// A damaged file (not JSON, wrong shape) or one from a newer Authdesk is reported with its name
// (and the JSON offset, line and column) and left exactly as it is: every change is refused until
// it is repaired, restored or moved aside with moveDamagedFileAside(). Why not move it aside
// silently: the index is the only list of which keychain entries belong to which connection, and
// a newer version's file is valid data that an older version must not clobber; the decision to
// start over belongs to the user (the GUI or CLI can offer it).
class ConnectionIndex
{
public:
    static constexpr int formatVersion = 1;
    // Events kept per connection; older ones are dropped.
    static constexpr int historyLimit = 200;
    static constexpr qsizetype maxNameLength = 128;

    explicit ConnectionIndex(QString filePath, const Clock &clock = Clock::system());

    const QString &filePath() const { return m_filePath; }

    // Reads the file; a missing file is an empty index. On failure the error names the file and the
    // index stays empty and read-only.
    Result<bool> load();
    // The error of the last load when the file is damaged or too new (then every change fails with it).
    const std::optional<Error> &damage() const { return m_damage; }

    // In the order they were added.
    const QList<ConnectionRecord> &connections() const { return m_records; }
    const ConnectionRecord *find(const QString &name) const;
    bool contains(const QString &name) const { return find(name) != nullptr; }

    // Adds a new connection (ErrorCode::Validation if the name is taken or invalid, or the input
    // holds a secret-looking field). createdAt defaults to now; a "created" event is added.
    Result<ConnectionRecord> add(ConnectionRecord record);
    // Changes a connection through `change` (which must not rename it: use rename()). The same
    // checks as add() apply to the result.
    Result<ConnectionRecord> update(const QString &name, const std::function<void(ConnectionRecord &)> &change);
    Result<ConnectionRecord> rename(const QString &from, const QString &to);
    Result<bool> remove(const QString &name);
    // Appends to the connection's history (capped at historyLimit).
    Result<ConnectionRecord> appendEvent(const QString &name, const QString &kind, const QString &message);
    // Sets lastRefresh / lastTest to now and records the same as an event.
    Result<ConnectionRecord> recordRefresh(const QString &name, bool succeeded, const QString &message);
    Result<ConnectionRecord> recordTest(const QString &name, bool succeeded, const QString &message);

    // Renames a damaged or too-new file to <file>.corrupt-<UTC time> and starts an empty index.
    // Returns the new name of the old file.
    Result<QString> moveDamagedFileAside();

    // Connection names: 1 to maxNameLength characters, no control characters, no leading or
    // trailing white space.
    static bool isValidName(QStringView name);
    // Fails (ErrorCode::Validation) naming the first field, at any depth, whose name looks secret.
    static Result<bool> checkNoSecrets(const QJsonObject &input, const QString &where = {});

private:
    using Records = QList<ConnectionRecord>;

    // Reads the file into `records` (unlocked); an error describes what is wrong with the file.
    Result<Records> readFile() const;
    Result<bool> writeFile(const Records &records) const;
    // Runs `change` on the records as they are on disk, under the lock, and saves the result.
    Result<bool> modify(const std::function<Result<bool>(Records &)> &change);
    Result<bool> validate(const ConnectionRecord &record) const;
    static qsizetype indexOf(const Records &records, const QString &name);
    ConnectionRecord::Event event(const QString &kind, const QString &message) const;
    static void cap(ConnectionRecord &record);

    QString m_filePath;
    const Clock &m_clock;
    Records m_records;
    std::optional<Error> m_damage;
};

} // namespace Authdesk
