#pragma once

#include "support/error.h"

#include <QString>

namespace Authdesk {

// A failure of a connector method, located in the connector's own file where that is known.
struct ScriptError
{
    enum class Kind {
        Syntax,      // the source does not parse (after the front end)
        Unsupported, // a construct Authdesk cannot run faithfully (rejected at load)
        Import,      // an import of a module Authdesk does not provide
        Export,      // the file exports no function for the method
        Runtime,     // the method threw or its promise rejected
        Timeout,     // the watchdog stopped a method that ran too long
        Limit,       // output or a response exceeded its cap
        Internal,
    };

    Kind kind = Kind::Runtime;
    QString message;
    QString file;
    int line = 0;
    int column = 0;
    QString stack;

    // "file:line:column: message" (the position parts only when known).
    QString toString() const;
    Error toError() const;
};

} // namespace Authdesk
