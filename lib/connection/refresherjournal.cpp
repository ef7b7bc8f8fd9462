#include "refresherjournal.h"

#include "store/connectionrecord.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr int formatVersion = 1;

} // namespace

RefresherJournal::RefresherJournal(QString filePath)
    : m_filePath(std::move(filePath))
{
}

QString RefresherJournal::stateName(State state)
{
    return state == State::Unsaved ? u"unsaved"_s : u"refreshing"_s;
}

Result<QList<RefresherJournal::Entry>> RefresherJournal::entries() const
{
    QList<Entry> entries;
    QFile file(m_filePath);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, u"cannot read %1: %2"_s.arg(m_filePath, file.errorString()));
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    // A damaged journal only loses hints; it must not stop the refresher.
    for (const QJsonValue &value : document.object().value(u"entries"_s).toArray()) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.connectionId = object.value(u"connectionId"_s).toString();
        entry.connectionName = object.value(u"connectionName"_s).toString();
        entry.state = object.value(u"state"_s).toString() == u"unsaved" ? State::Unsaved : State::Refreshing;
        entry.since = QDateTime::fromString(object.value(u"since"_s).toString(), Qt::ISODateWithMs);
        entry.pid = object.value(u"pid"_s).toInteger();
        if (!entry.connectionId.isEmpty())
            entries.append(entry);
    }
    return entries;
}

Result<bool> RefresherJournal::write(const QList<Entry> &entries) const
{
    if (entries.isEmpty()) {
        if (QFile::exists(m_filePath) && !QFile::remove(m_filePath))
            return Error(ErrorCode::Internal, u"cannot remove %1"_s.arg(m_filePath));
        return true;
    }
    QJsonArray array;
    for (const Entry &entry : entries) {
        array.append(QJsonObject{{u"connectionId"_s, entry.connectionId}, {u"connectionName"_s, entry.connectionName},
            {u"state"_s, stateName(entry.state)}, {u"since"_s, ConnectionRecord::formatTime(entry.since)},
            {u"pid"_s, entry.pid}});
    }
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Internal, u"cannot write %1: %2"_s.arg(m_filePath, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{u"version"_s, formatVersion}, {u"entries"_s, array}}).toJson());
    if (!file.commit())
        return Error(ErrorCode::Internal, u"cannot write %1: %2"_s.arg(m_filePath, file.errorString()));
    return true;
}

Result<bool> RefresherJournal::mark(const QString &connectionId, const QString &connectionName, State state, const QDateTime &now)
{
    auto current = entries();
    if (!current)
        return current.error();
    QList<Entry> updated = *current;
    updated.removeIf([&connectionId](const Entry &entry) { return entry.connectionId == connectionId; });
    updated.append({connectionId, connectionName, state, now, QCoreApplication::applicationPid()});
    return write(updated);
}

Result<bool> RefresherJournal::clear(const QString &connectionId)
{
    auto current = entries();
    if (!current)
        return current.error();
    QList<Entry> updated = *current;
    if (updated.removeIf([&connectionId](const Entry &entry) { return entry.connectionId == connectionId; }) == 0)
        return true;
    return write(updated);
}

Result<QList<RefresherJournal::Entry>> RefresherJournal::takeLeftovers()
{
    auto current = entries();
    if (!current)
        return current.error();
    const qint64 self = QCoreApplication::applicationPid();
    QList<Entry> leftovers;
    QList<Entry> mine;
    for (const Entry &entry : *current)
        (entry.pid == self ? mine : leftovers).append(entry);
    if (!leftovers.isEmpty()) {
        if (const auto written = write(mine); !written)
            return written.error();
    }
    return leftovers;
}

} // namespace Authdesk
