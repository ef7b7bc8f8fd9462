#include "connectionrecord.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(ConnectionRecord::formatTime(time)) : QJsonValue();
}

QJsonObject checkValue(const ConnectionRecord::Check &check)
{
    return {{u"time"_s, timeValue(check.time)}, {u"succeeded"_s, check.succeeded}, {u"message"_s, check.message}};
}

// Field readers that remember the first type error.
class Reader
{
public:
    Reader(const QJsonObject &object, QString where)
        : m_object(object)
        , m_where(std::move(where))
    {
    }

    QString string(const QString &field, bool required = false)
    {
        const QJsonValue value = m_object.value(field);
        if (value.isString())
            return value.toString();
        if (!(value.isUndefined() || value.isNull()) || required)
            fail(field, u"must be a string"_s);
        return {};
    }

    bool boolean(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (!value.isBool() && !value.isUndefined())
            fail(field, u"must be true or false"_s);
        return value.toBool();
    }

    QDateTime time(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined() || value.isNull())
            return {};
        const QDateTime time
            = value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
        if (!time.isValid()) {
            fail(field, u"must be an ISO 8601 time"_s);
            return {};
        }
        return time.toUTC();
    }

    QStringList strings(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        QStringList result;
        if (value.isUndefined() || value.isNull())
            return result;
        if (!value.isArray()) {
            fail(field, u"must be an array of strings"_s);
            return result;
        }
        for (const QJsonValue item : value.toArray()) {
            if (!item.isString()) {
                fail(field, u"must be an array of strings"_s);
                return {};
            }
            result.append(item.toString());
        }
        return result;
    }

    QJsonObject object(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (!value.isObject() && !value.isUndefined() && !value.isNull())
            fail(field, u"must be an object"_s);
        return value.toObject();
    }

    QJsonArray array(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (!value.isArray() && !value.isUndefined() && !value.isNull())
            fail(field, u"must be an array"_s);
        return value.toArray();
    }

    ConnectionRecord::Check check(const QString &field)
    {
        const QJsonObject json = object(field);
        Reader inner(json, m_where + u'.' + field);
        ConnectionRecord::Check result;
        result.time = inner.time(u"time"_s);
        result.succeeded = inner.boolean(u"succeeded"_s);
        result.message = inner.string(u"message"_s);
        adopt(inner);
        return result;
    }

    void adopt(const Reader &inner)
    {
        if (m_error.isEmpty())
            m_error = inner.m_error;
    }
    void fail(const QString &field, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = u"%1.%2 %3"_s.arg(m_where, field, what);
    }
    const QString &error() const { return m_error; }

private:
    QJsonObject m_object;
    QString m_where;
    QString m_error;
};

} // namespace

QString ConnectionRecord::formatTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject ConnectionRecord::toJson() const
{
    QJsonArray events;
    for (const Event &event : history)
        events.append(
            QJsonObject {{u"time"_s, timeValue(event.time)}, {u"kind"_s, event.kind}, {u"message"_s, event.message}});
    QJsonObject json {{u"id"_s, id}, {u"name"_s, name}, {u"connectorKey"_s, connectorKey},
        {u"authOptionKey"_s, authOptionKey}, {u"input"_s, input}, {u"status"_s, status},
        {u"scopesRequested"_s, QJsonArray::fromStringList(scopesRequested)},
        {u"scopesGranted"_s, QJsonArray::fromStringList(scopesGranted)}, {u"createdAt"_s, timeValue(createdAt)},
        {u"obtainedAt"_s, timeValue(obtainedAt)}, {u"expiresAt"_s, timeValue(expiresAt)}, {u"history"_s, events}};
    if (!lastRefresh.isNull())
        json.insert(u"lastRefresh"_s, checkValue(lastRefresh));
    if (!lastTest.isNull())
        json.insert(u"lastTest"_s, checkValue(lastTest));
    return json;
}

Result<ConnectionRecord> ConnectionRecord::fromJson(const QJsonObject &json, const QString &where)
{
    Reader reader(json, where);
    ConnectionRecord record;
    record.id = reader.string(u"id"_s, true);
    record.name = reader.string(u"name"_s, true);
    record.connectorKey = reader.string(u"connectorKey"_s, true);
    record.authOptionKey = reader.string(u"authOptionKey"_s);
    record.input = reader.object(u"input"_s);
    record.status = reader.string(u"status"_s);
    record.scopesRequested = reader.strings(u"scopesRequested"_s);
    record.scopesGranted = reader.strings(u"scopesGranted"_s);
    record.createdAt = reader.time(u"createdAt"_s);
    record.obtainedAt = reader.time(u"obtainedAt"_s);
    record.expiresAt = reader.time(u"expiresAt"_s);
    record.lastRefresh = reader.check(u"lastRefresh"_s);
    record.lastTest = reader.check(u"lastTest"_s);
    const QJsonArray events = reader.array(u"history"_s);
    for (qsizetype i = 0; i < events.size() && reader.error().isEmpty(); ++i) {
        const QString eventWhere = u"%1.history[%2]"_s.arg(where).arg(i);
        if (!events.at(i).isObject()) {
            reader.fail(u"history[%1]"_s.arg(i), u"must be an object"_s);
            break;
        }
        Reader eventReader(events.at(i).toObject(), eventWhere);
        Event event;
        event.time = eventReader.time(u"time"_s);
        event.kind = eventReader.string(u"kind"_s, true);
        event.message = eventReader.string(u"message"_s);
        reader.adopt(eventReader);
        record.history.append(event);
    }
    if (!reader.error().isEmpty())
        return Error(ErrorCode::Validation, reader.error());
    if (record.id.isEmpty())
        return Error(ErrorCode::Validation, where + u".id must not be empty"_s);
    if (record.name.isEmpty())
        return Error(ErrorCode::Validation, where + u".name must not be empty"_s);
    return record;
}

} // namespace Authdesk
