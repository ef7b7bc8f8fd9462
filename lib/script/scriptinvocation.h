#pragma once

#include "scriptapigateway.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <memory>

namespace Authdesk {

// One call of a connector method: which file, which method, with which argument object.
struct ScriptInvocation
{
    QString fileName;      // shown in messages (the connector's file)
    QString source;        // the file's text, JavaScript or TypeScript
    QString methodName;    // e.g. "getTokenData": used to find the exported function
    QJsonObject arguments; // the one object argument the method receives
    std::chrono::milliseconds timeout{30000};
    qint64 maximumResponseBytes = 16 * 1024 * 1024; // per fetch response
    qint64 maximumLogBytes = 1024 * 1024;           // console output kept
    // When set, the method's argument object also gets `apiClient` and `externalApiClient` (the same
    // client), whose calls go through this gateway.
    std::shared_ptr<ScriptApiGateway> apiGateway;
};

} // namespace Authdesk
