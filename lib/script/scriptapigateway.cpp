#include "scriptapigateway.h"

namespace Authdesk {

ScriptApiGateway::~ScriptApiGateway() = default;

} // namespace Authdesk
