#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

#include <utility>

namespace Authdesk {

// A successful authorization response (RFC 6749 §4.1.2) as the loopback listener accepted it: the
// state matched and `iss`, when checked, was right. Values are form-decoded once. The code is a
// secret: it is passed on, never logged.
struct AuthorizationResponse
{
    QString code;
    QString state;
    QString iss; // empty when the provider sent none
    // Every query parameter of the redirect in arrival order, code and state included: connector
    // hooks receive them as `queryParameters` (QuickBooks' realmId, keepRedirectUrlParameters).
    QList<std::pair<QString, QString>> parameters;

    // The parameters as a JSON object of strings; for a repeated name the first value counts.
    QJsonObject parametersObject() const;
    QVariantMap parametersMap() const;
};

} // namespace Authdesk

Q_DECLARE_METATYPE(Authdesk::AuthorizationResponse)
