#pragma once

#include "apiclientconfig.h"

#include "support/result.h"

#include <functional>

class QObject;

namespace Authdesk {

// How an ApiClient gets fresh credentials after the API rejected its token (HTTP 401, or a response
// handler's access_token_expired). The connection layer implements it: it refreshes the connection
// (refreshCredentials or the standard refresh; at most one refresh per connection, others wait for
// it), stores the new credentials, runs makeApiClient again and hands back the new config.
//
//   ApiRequestJob            ApiClient                      refresher (connection layer)
//     | 401 ---------------->| renewCredentials               |
//     |                      |-- refreshApiCredentials ------>| refresh, store, makeApiClient
//     |                      |<-- done(new config | error) ---|
//     |<-- retry once -------| setConfig(new config)           |
//
// The client asks once for all requests that were rejected with the same config, and a request
// rejected with an older config simply retries with the current one.
class ApiCredentialsRefresher
{
public:
    virtual ~ApiCredentialsRefresher();

    // Called on the client's thread with the config the API rejected. `done` must be called exactly
    // once, on the thread of `context` (the client), with the new config or why there is none (its
    // message is shown; providerError "invalid_grant" means the grant is gone), unless `context` is
    // destroyed first. It may be called before this function returns.
    virtual void refreshApiCredentials(
        const ApiClientConfig &rejected, QObject *context, std::function<void(Result<ApiClientConfig>)> done)
        = 0;
};

} // namespace Authdesk
