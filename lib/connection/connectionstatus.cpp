#include "connectionstatus.h"

using namespace Qt::StringLiterals;

namespace Authdesk::ConnectionStatuses {

QString toString(ConnectionStatus status)
{
    switch (status) {
    case ConnectionStatus::Connecting:
        return u"Connecting"_s;
    case ConnectionStatus::Ready:
        return u"Ready"_s;
    case ConnectionStatus::Refreshing:
        return u"Refreshing"_s;
    case ConnectionStatus::NeedsReconnect:
        return u"NeedsReconnect"_s;
    case ConnectionStatus::Error:
        return u"Error"_s;
    case ConnectionStatus::Expired:
        return u"Expired"_s;
    }
    return {};
}

std::optional<ConnectionStatus> fromString(const QString &name)
{
    for (const ConnectionStatus status : {ConnectionStatus::Connecting, ConnectionStatus::Ready, ConnectionStatus::Refreshing,
             ConnectionStatus::NeedsReconnect, ConnectionStatus::Error, ConnectionStatus::Expired}) {
        if (toString(status) == name)
            return status;
    }
    return std::nullopt;
}

} // namespace Authdesk::ConnectionStatuses
