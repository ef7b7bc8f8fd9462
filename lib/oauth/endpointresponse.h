#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace Authdesk {

// What an OAuth endpoint answered, before it is interpreted: the input of TokenResponseParser.
struct EndpointResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;

    // The first header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[headerName, value] : headers) {
            if (QByteArrayView(headerName).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace Authdesk
