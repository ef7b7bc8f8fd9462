#include "apicredentialsrefresher.h"

namespace Authdesk {

ApiCredentialsRefresher::~ApiCredentialsRefresher() = default;

} // namespace Authdesk
