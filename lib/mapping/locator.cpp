#include "locator.h"

#include "jssemantics.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Authdesk {

Locator Locator::parse(const QString &path)
{
    Locator locator;
    QStringView rest(path);
    if (rest == u"$")
        rest = {};
    else if (rest.startsWith(u"$."))
        rest = rest.mid(2);
    else if (rest.startsWith(u"$["))
        rest = rest.mid(1);

    QString name;
    bool haveName = false; // a property name is being read
    bool expectName = true; // after a '.' (or at the start) a name must follow
    qsizetype i = 0;
    auto finishName = [&]() {
        if (haveName) {
            locator.m_steps.append(name);
            name.clear();
            haveName = false;
        }
    };
    if (rest.isEmpty()) {
        locator.m_valid = true;
        return locator;
    }
    while (i < rest.size()) {
        const QChar c = rest[i];
        if (c == u'\\') {
            if (i + 1 >= rest.size())
                return {};
            name += rest[i + 1];
            haveName = true;
            expectName = false;
            i += 2;
        } else if (c == u'.') {
            if (expectName && !haveName)
                return {};
            finishName();
            expectName = true;
            ++i;
        } else if (c == u'[') {
            if (expectName && !haveName && !locator.m_steps.isEmpty())
                return {};
            finishName();
            const qsizetype close = rest.indexOf(u']', i);
            if (close < 0)
                return {};
            bool ok = false;
            const qsizetype index = rest.mid(i + 1, close - i - 1).toLongLong(&ok);
            if (!ok || index < 0 || close == i + 1)
                return {};
            locator.m_steps.append(QVariant::fromValue(index));
            expectName = false;
            i = close + 1;
        } else {
            name += c;
            haveName = true;
            expectName = false;
            ++i;
        }
    }
    if (expectName && !haveName)
        return {};
    finishName();
    locator.m_valid = true;
    return locator;
}

QJsonValue Locator::lookup(const QJsonValue &root) const
{
    if (!m_valid)
        return QJsonValue(QJsonValue::Null);
    QJsonValue current = root;
    for (const QVariant &step : m_steps) {
        if (step.typeId() == QMetaType::QString) {
            if (!current.isObject())
                return QJsonValue(QJsonValue::Undefined);
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(step.toString());
            if (it == object.constEnd())
                return QJsonValue(QJsonValue::Undefined);
            current = *it;
        } else {
            if (!current.isArray())
                return QJsonValue(QJsonValue::Undefined);
            const QJsonArray array = current.toArray();
            const qsizetype index = step.value<qsizetype>();
            if (index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(index);
            if (!JsSemantics::isTruthy(current))
                return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

} // namespace Authdesk
