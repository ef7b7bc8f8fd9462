#pragma once

#include "authmethod.h"

#include "mapping/expression.h"

#include <QString>

namespace Authdesk {

// One auth method of a connector as loaded: its implementation type and body. YAML bodies
// (mapping, rest-api-mapping, ...) are compiled expressions; JavaScript bodies are source text.
struct MethodImplementation
{
    AuthMethod method = AuthMethod::GetOAuthConfig;
    ImplementationType type = ImplementationType::NotSupported;
    // The file the body came from (connector folder + relative path), or spec.yml for inline bodies.
    QString filePath;
    bool isInline = false;
    Expression mapping; // YAML types
    QString code; // javascript
    // Where the method is declared (spec.yml line); 0 when it was found by file name only.
    int declarationLine = 0;
    int declarationColumn = 0;

    bool isSupported() const { return type != ImplementationType::NotSupported; }
};

} // namespace Authdesk
