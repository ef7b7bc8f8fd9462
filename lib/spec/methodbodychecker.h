#pragma once

#include "methodimplementation.h"

namespace Authdesk {

class YamlConverter;

// Checks the body of a method the connector format gives a fixed shape: the OAuth config of a
// getOAuthConfig mapping, the REST client of a makeApiClient mapping and a rest-api-mapping test.
// Literal values are checked where they are written (types, enums, URLs, required fields);
// formulas are left for evaluation time. Problems go to `reporter` with their positions.
class MethodBodyChecker
{
public:
    static void check(const MethodImplementation &implementation, YamlConverter &reporter);
};

} // namespace Authdesk
