#include "authorizationresponse.h"

namespace Authdesk {

QJsonObject AuthorizationResponse::parametersObject() const
{
    QJsonObject object;
    for (const auto &[name, value] : parameters) {
        if (!object.contains(name))
            object.insert(name, value);
    }
    return object;
}

QVariantMap AuthorizationResponse::parametersMap() const
{
    QVariantMap map;
    for (const auto &[name, value] : parameters) {
        if (!map.contains(name))
            map.insert(name, value);
    }
    return map;
}

} // namespace Authdesk
