#pragma once

#include "catalog/connectorsearchpath.h"
#include "mapping/formula.h"
#include "spec/authmethod.h"
#include "support/diagnostic.h"
#include "support/error.h"

#include <QByteArray>
#include <QtGlobal>

// Lets QCOMPARE print Authdesk's enum classes (QTest finds these by argument-dependent lookup;
// plain functions win over QTest's own templates).
namespace Authdesk::TestPrinting {
inline char *enumToString(const char *type, qlonglong value)
{
    QByteArray text(type);
    text.append('(');
    text.append(QByteArray::number(value));
    text.append(')');
    return qstrdup(text.constData());
}
} // namespace Authdesk::TestPrinting

namespace Authdesk {
#define AUTHDESK_TEST_PRINTABLE_ENUM(Type)                                                                             \
    inline char *toString(const Type &value)                                                                           \
    {                                                                                                                  \
        return TestPrinting::enumToString(#Type, qlonglong(value));                                                    \
    }
AUTHDESK_TEST_PRINTABLE_ENUM(ConnectorSource)
AUTHDESK_TEST_PRINTABLE_ENUM(DiagnosticKind)
AUTHDESK_TEST_PRINTABLE_ENUM(Severity)
AUTHDESK_TEST_PRINTABLE_ENUM(AuthType)
AUTHDESK_TEST_PRINTABLE_ENUM(AuthMethod)
AUTHDESK_TEST_PRINTABLE_ENUM(ImplementationType)
AUTHDESK_TEST_PRINTABLE_ENUM(Formula)
AUTHDESK_TEST_PRINTABLE_ENUM(ErrorCode)
#undef AUTHDESK_TEST_PRINTABLE_ENUM
} // namespace Authdesk
