#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariant>

namespace Authdesk {

// A `$var` path such as `$.connectorParameters.scopes[0]` (the `$.` prefix is optional). `.`
// selects a property and `[n]` an index; `\` escapes a `.` or `[` inside a property name.
class Locator
{
public:
    // A malformed path ("a..b", "a[x]", "a[1") gives an invalid locator.
    static Locator parse(const QString &path);

    bool isValid() const { return m_valid; }
    // The steps: QString for a property, qsizetype for an index.
    const QList<QVariant> &steps() const { return m_steps; }

    // The value at the path; undefined when a step is missing. Platform quirk: a falsy array
    // element (0, "", false) reads as undefined.
    QJsonValue lookup(const QJsonValue &root) const;

private:
    bool m_valid = false;
    QList<QVariant> m_steps;
};

} // namespace Authdesk
