#include "scripterror.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

QString ScriptError::toString() const
{
    QString text = file;
    if (!file.isEmpty() && line > 0) {
        text += u':' + QString::number(line);
        if (column > 0)
            text += u':' + QString::number(column);
    }
    return text.isEmpty() ? message : text + u": "_s + message;
}

Error ScriptError::toError() const
{
    return Error(kind == Kind::Internal ? ErrorCode::Internal : ErrorCode::Script, toString());
}

} // namespace Authdesk
