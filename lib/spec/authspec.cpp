#include "authspec.h"

namespace Authdesk {

const MethodImplementation *AuthSpec::method(AuthMethod which) const
{
    const auto it = methods.constFind(which);
    if (it == methods.constEnd() || !it->isSupported())
        return nullptr;
    return &*it;
}

} // namespace Authdesk
