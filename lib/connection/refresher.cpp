#include "refresher.h"

namespace Authdesk {

Refresher::~Refresher() = default;

} // namespace Authdesk
