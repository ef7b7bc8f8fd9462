#pragma once

#include "authmethod.h"
#include "methodimplementation.h"

#include "mapping/expression.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace Authdesk {

// The `auth` block of a connector, or one of its options (connector-format.md §3).
struct AuthSpec
{
    std::optional<AuthType> type;
    QString title;
    QString description;
    QString helpUri;
    QJsonObject inputSchema; // ui.schema / inputSchema: what the user enters to connect
    QJsonObject parametersSchema; // connector parameters (clientId, clientSecret, ...)
    QJsonObject credentialsSchema;
    QJsonObject customCredentialsSchema;
    Expression enabled; // undefined when the option is always offered
    QMap<AuthMethod, MethodImplementation> methods;

    // The method when it is declared and implemented (not `not-supported`), else nullptr.
    const MethodImplementation *method(AuthMethod which) const;
    bool hasEnabledCondition() const { return !enabled.isUndefined(); }
};

// A named alternative way to connect (e.g. "OAuth" and "API key"); key "" is the top-level auth.
struct AuthOption
{
    QString key;
    AuthSpec auth;
};

} // namespace Authdesk
