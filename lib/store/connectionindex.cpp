#include "connectionindex.h"

#include "jsonfile.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QFile>
#include <QJsonArray>
#include <QLockFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const QString formatName = u"authdesk-connection-index"_s;

// Redacts the messages of `record` that are not already stored in `stored` (Redaction::text is meant
// for raw text: stored messages are redacted once, when they arrive).
void redactNewMessages(ConnectionRecord &record, const ConnectionRecord &stored = {})
{
    if (record.lastRefresh.message != stored.lastRefresh.message)
        record.lastRefresh.message = Redaction::text(record.lastRefresh.message);
    if (record.lastTest.message != stored.lastTest.message)
        record.lastTest.message = Redaction::text(record.lastTest.message);
    for (ConnectionRecord::Event &event : record.history) {
        if (!stored.history.contains(event))
            event.message = Redaction::text(event.message);
    }
}

} // namespace

ConnectionIndex::ConnectionIndex(QString filePath, const Clock &clock)
    : m_filePath(std::move(filePath))
    , m_clock(clock)
{
}

Result<bool> ConnectionIndex::load()
{
    auto records = readFile();
    if (!records) {
        m_records.clear();
        if (records.error().code == ErrorCode::Validation)
            m_damage = records.error();
        return records.error();
    }
    m_records = std::move(records).value();
    m_damage.reset();
    return true;
}

const ConnectionRecord *ConnectionIndex::find(const QString &name) const
{
    const qsizetype index = indexOf(m_records, name);
    return index < 0 ? nullptr : &m_records.at(index);
}

Result<ConnectionRecord> ConnectionIndex::add(ConnectionRecord record)
{
    auto done = modify([&](Records &records) -> Result<bool> {
        if (indexOf(records, record.name) >= 0)
            return Error(ErrorCode::Validation, u"a connection named \"%1\" already exists"_s.arg(record.name));
        if (record.id.isEmpty())
            record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (const ConnectionRecord &other : std::as_const(records)) {
            if (other.id == record.id)
                return Error(ErrorCode::Validation, u"a connection with id %1 already exists"_s.arg(record.id));
        }
        if (!record.createdAt.isValid())
            record.createdAt = m_clock.nowUtc();
        redactNewMessages(record);
        record.history.append(event(u"created"_s, u"connection created"_s));
        cap(record);
        if (auto valid = validate(record); !valid)
            return valid.error();
        records.append(record);
        return true;
    });
    if (!done)
        return done.error();
    qCDebug(lcStore) << "added connection" << record.name << "to" << m_filePath;
    return record;
}

Result<ConnectionRecord> ConnectionIndex::update(
    const QString &name, const std::function<void(ConnectionRecord &)> &change)
{
    ConnectionRecord changed;
    auto done = modify([&](Records &records) -> Result<bool> {
        const qsizetype index = indexOf(records, name);
        if (index < 0)
            return Error(ErrorCode::NotFound, u"no connection named \"%1\""_s.arg(name));
        changed = records.at(index);
        change(changed);
        redactNewMessages(changed, records.at(index));
        if (changed.name != name)
            return Error(ErrorCode::Usage, u"a connection is renamed with rename(), not update()"_s);
        if (changed.id != records.at(index).id)
            return Error(ErrorCode::Usage, u"the id of connection \"%1\" cannot change"_s.arg(name));
        cap(changed);
        if (auto valid = validate(changed); !valid)
            return valid.error();
        records[index] = changed;
        return true;
    });
    if (!done)
        return done.error();
    return changed;
}

Result<ConnectionRecord> ConnectionIndex::rename(const QString &from, const QString &to)
{
    ConnectionRecord renamed;
    auto done = modify([&](Records &records) -> Result<bool> {
        const qsizetype index = indexOf(records, from);
        if (index < 0)
            return Error(ErrorCode::NotFound, u"no connection named \"%1\""_s.arg(from));
        if (from == to) {
            renamed = records.at(index);
            return true;
        }
        if (indexOf(records, to) >= 0)
            return Error(ErrorCode::Validation, u"a connection named \"%1\" already exists"_s.arg(to));
        renamed = records.at(index);
        renamed.name = to;
        renamed.history.append(event(u"renamed"_s, u"renamed from \"%1\""_s.arg(from)));
        cap(renamed);
        if (auto valid = validate(renamed); !valid)
            return valid.error();
        records[index] = renamed;
        return true;
    });
    if (!done)
        return done.error();
    return renamed;
}

Result<bool> ConnectionIndex::remove(const QString &name)
{
    return modify([&](Records &records) -> Result<bool> {
        const qsizetype index = indexOf(records, name);
        if (index < 0)
            return Error(ErrorCode::NotFound, u"no connection named \"%1\""_s.arg(name));
        records.removeAt(index);
        return true;
    });
}

Result<ConnectionRecord> ConnectionIndex::appendEvent(const QString &name, const QString &kind, const QString &message)
{
    const ConnectionRecord::Event entry = event(kind, message);
    return update(name, [&](ConnectionRecord &record) { record.history.append(entry); });
}

Result<ConnectionRecord> ConnectionIndex::recordRefresh(const QString &name, bool succeeded, const QString &message)
{
    const ConnectionRecord::Check check {m_clock.nowUtc(), succeeded, message};
    return update(name, [&](ConnectionRecord &record) {
        record.lastRefresh = check;
        record.history.append(event(succeeded ? u"refreshed"_s : u"refresh-failed"_s, message));
    });
}

Result<ConnectionRecord> ConnectionIndex::recordTest(const QString &name, bool succeeded, const QString &message)
{
    const ConnectionRecord::Check check {m_clock.nowUtc(), succeeded, message};
    return update(name, [&](ConnectionRecord &record) {
        record.lastTest = check;
        record.history.append(event(succeeded ? u"tested"_s : u"test-failed"_s, message));
    });
}

Result<QString> ConnectionIndex::moveDamagedFileAside()
{
    auto lock = JsonFile::lock(m_filePath);
    if (!lock)
        return lock.error();
    auto current = readFile();
    if (current || current.error().code != ErrorCode::Validation)
        return Error(ErrorCode::Usage, u"%1 is not damaged; it is kept where it is"_s.arg(m_filePath));
    const QString aside = m_filePath + u".corrupt-"_s + m_clock.nowUtc().toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    if (!QFile::rename(m_filePath, aside))
        return Error(ErrorCode::Internal, u"cannot rename %1 to %2"_s.arg(m_filePath, aside));
    qCWarning(lcStore) << "moved the damaged connection index" << m_filePath << "to" << aside;
    m_records.clear();
    m_damage.reset();
    return aside;
}

bool ConnectionIndex::isValidName(QStringView name)
{
    if (name.isEmpty() || name.size() > maxNameLength || name.front().isSpace() || name.back().isSpace())
        return false;
    return std::none_of(name.begin(), name.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
    });
}

Result<bool> ConnectionIndex::checkNoSecrets(const QJsonObject &input, const QString &where)
{
    for (auto it = input.begin(); it != input.end(); ++it) {
        const QString path = where.isEmpty() ? it.key() : where + u'.' + it.key();
        if (Redaction::isSecretName(it.key()))
            return Error(ErrorCode::Validation,
                u"the connection input field \"%1\" looks secret, so it is not stored in the connection index "
                u"(secrets belong in the keychain)"_s.arg(path));
        if (it->isObject()) {
            if (auto nested = checkNoSecrets(it->toObject(), path); !nested)
                return nested;
        } else if (it->isArray()) {
            const QJsonArray array = it->toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (!array.at(i).isObject())
                    continue;
                if (auto nested = checkNoSecrets(array.at(i).toObject(), u"%1[%2]"_s.arg(path).arg(i)); !nested)
                    return nested;
            }
        }
    }
    return true;
}

Result<ConnectionIndex::Records> ConnectionIndex::readFile() const
{
    auto content = JsonFile::read(m_filePath, formatName, formatVersion);
    if (!content)
        return content.error();
    if (!content->has_value())
        return Records();
    const QJsonValue connections = content->value().value(u"connections"_s);
    if (!connections.isArray())
        return JsonFile::damaged(m_filePath, u"\"connections\" must be an array"_s);

    Records records;
    const QJsonArray array = connections.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"connections[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return JsonFile::damaged(m_filePath, where + u" must be an object"_s);
        auto record = ConnectionRecord::fromJson(array.at(i).toObject(), where);
        if (!record)
            return JsonFile::damaged(m_filePath, record.error().message);
        if (indexOf(records, record->name) >= 0)
            return JsonFile::damaged(m_filePath, u"%1: the name \"%2\" is used twice"_s.arg(where, record->name));
        records.append(std::move(record).value());
    }
    return records;
}

Result<bool> ConnectionIndex::writeFile(const Records &records) const
{
    QJsonArray array;
    for (const ConnectionRecord &record : records)
        array.append(record.toJson());
    return JsonFile::write(m_filePath, formatName, formatVersion, QJsonObject {{u"connections"_s, array}});
}

Result<bool> ConnectionIndex::modify(const std::function<Result<bool>(Records &)> &change)
{
    auto lock = JsonFile::lock(m_filePath);
    if (!lock)
        return lock.error();
    auto records = readFile();
    if (!records) {
        if (records.error().code == ErrorCode::Validation)
            m_damage = records.error();
        return records.error();
    }
    Records changed = std::move(records).value();
    if (auto applied = change(changed); !applied)
        return applied;
    if (auto written = writeFile(changed); !written)
        return written;
    m_records = std::move(changed);
    m_damage.reset();
    return true;
}

Result<bool> ConnectionIndex::validate(const ConnectionRecord &record) const
{
    if (!isValidName(record.name))
        return Error(ErrorCode::Validation,
            u"invalid connection name \"%1\": use 1 to %2 characters, no control characters and no leading or "
            u"trailing spaces"_s.arg(record.name)
                .arg(maxNameLength));
    if (record.connectorKey.isEmpty())
        return Error(ErrorCode::Validation, u"connection \"%1\" has no connector"_s.arg(record.name));
    return checkNoSecrets(record.input);
}

qsizetype ConnectionIndex::indexOf(const Records &records, const QString &name)
{
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (records.at(i).name == name)
            return i;
    }
    return -1;
}

ConnectionRecord::Event ConnectionIndex::event(const QString &kind, const QString &message) const
{
    return {m_clock.nowUtc(), kind, message};
}

void ConnectionIndex::cap(ConnectionRecord &record)
{
    if (record.history.size() > historyLimit)
        record.history.remove(0, record.history.size() - historyLimit);
}

} // namespace Authdesk
