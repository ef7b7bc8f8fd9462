#include "diagnostic.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

QString Diagnostic::toString() const
{
    QString text = file;
    if (line > 0) {
        text += u':' + QString::number(line);
        if (column > 0)
            text += u':' + QString::number(column);
    }
    text += u": "_s;
    if (severity == Severity::Warning)
        text += u"warning: "_s;
    return text + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
}

} // namespace Authdesk
