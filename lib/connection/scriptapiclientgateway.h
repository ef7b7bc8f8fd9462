#pragma once

#include "apierror.h"
#include "apirequest.h"

#include "script/scriptapigateway.h"
#include "support/result.h"

#include <QPointer>

namespace Authdesk {

class ApiClient;
class ApiRequestJob;

// The `apiClient` of connector scripts (ScriptInvocation::apiGateway) on top of a connection's
// ApiClient: a script's `apiClient.get('/user')` becomes an ApiRequestJob, with the client's base
// URI, headers, token refresh after a 401, backoff on 429 and redacted exchange records.
//
//   script thread                       client thread
//     send(request, context, reply)
//       |-- invokeMethod(client) ---------> ApiRequestJob::start()
//       |                                   ... finished
//       |<- invokeMethod(context) ---------- reply(ScriptApiReply)
//
// send() runs on the script's worker thread; the job runs on the client's thread; the reply goes back
// to the context's thread and is dropped if the context (the script's host) is destroyed first, in
// which case the job is killed too. The ApiClient must outlive every script that uses the gateway;
// if it is gone already, send() answers with a failure.
class ScriptApiClientGateway final : public ScriptApiGateway
{
public:
    explicit ScriptApiClientGateway(ApiClient *client);
    ~ScriptApiClientGateway() override;

    void send(const ScriptApiRequest &request, QObject *context, std::function<void(ScriptApiReply)> reply) override;

    // The call as the API client takes it: options returnFullResponse, responseType, baseUri, auth
    // and allowOtherOrigin read; `data` undefined or null -> no body, a string -> sent as it is
    // (form-encoded unless the headers name a type, as axios does), anything else -> JSON.
    static Result<ApiRequest> toApiRequest(const ScriptApiRequest &request);
    // What the script sees: the response (a response handler's data as the JSON body), or a failure
    // with the error's key and message and as data the handler's error data, else {status, body}.
    static ScriptApiReply toReply(const ApiRequestJob &job);

private:
    QPointer<ApiClient> m_client;
};

} // namespace Authdesk
