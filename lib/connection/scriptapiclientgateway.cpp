#include "scriptapiclientgateway.h"

#include "apiclient.h"
#include "apirequestjob.h"

#include "mapping/jssemantics.h"
#include "support/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>

#include <memory>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// The way back to one script call. "Is the context still there? Then post to it" must be one step,
// or the context could be destroyed in between: the mutex makes it one, because the context's
// destroyed() handler takes the same mutex. The reply function (which holds the script engine's
// values) is only ever destroyed on the context's thread: moved into the posted call, or dropped by
// the destroyed() handler.
struct ReplyChannel
{
    QMutex mutex;
    QObject *context = nullptr; // null once destroyed
    std::function<void(ScriptApiReply)> reply;
    ApiRequestJob *job = nullptr; // the running job (client thread), to kill when the context goes
    QMetaObject::Connection contextWatch; // set and cut on the context's thread

    static void deliver(const std::shared_ptr<ReplyChannel> &channel, ScriptApiReply answer)
    {
        QMutexLocker locker(&channel->mutex);
        channel->job = nullptr;
        if (!channel->context || !channel->reply)
            return;
        QMetaObject::invokeMethod(
            channel->context,
            [channel, reply = std::exchange(channel->reply, {}), answer = std::move(answer)] {
                // The context stays: it need not keep this channel alive any longer.
                QObject::disconnect(channel->contextWatch);
                reply(answer);
            },
            Qt::QueuedConnection);
    }
};

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

ScriptApiReply failure(const QString &message)
{
    ScriptApiReply reply;
    reply.failure = ScriptApiReply::Failure {{}, message, QJsonValue(QJsonValue::Undefined)};
    return reply;
}

} // namespace

ScriptApiClientGateway::ScriptApiClientGateway(ApiClient *client)
    : m_client(client)
{
}

ScriptApiClientGateway::~ScriptApiClientGateway() = default;

Result<ApiRequest> ScriptApiClientGateway::toApiRequest(const ScriptApiRequest &request)
{
    ApiRequest apiRequest;
    apiRequest.method = request.method.toUpper();
    apiRequest.path = request.path;
    apiRequest.query = request.query;
    apiRequest.headers = request.headers;
    if (request.data.isString())
        apiRequest.body = ApiRequestBody::raw(request.data.toString().toUtf8(), "application/x-www-form-urlencoded");
    else if (!JsSemantics::isNullish(request.data))
        apiRequest.body = ApiRequestBody::fromJson(request.data);

    const QJsonObject &options = request.options;
    apiRequest.options.returnFullResponse = JsSemantics::isTruthy(options.value(u"returnFullResponse"_s));
    apiRequest.options.allowOtherOrigin = JsSemantics::isTruthy(options.value(u"allowOtherOrigin"_s));
    const QString responseType = options.value(u"responseType"_s).toString(u"json"_s);
    if (responseType == u"arraybuffer" || responseType == u"stream")
        apiRequest.options.responseType = ApiRequestOptions::ResponseType::ArrayBuffer;
    else if (responseType == u"text")
        apiRequest.options.responseType = ApiRequestOptions::ResponseType::Text;
    const QJsonValue baseUri = options.value(u"baseUri"_s);
    if (baseUri.isString())
        apiRequest.options.baseUri = QUrl(baseUri.toString(), QUrl::StrictMode);
    else if (!JsSemantics::isNullish(baseUri))
        return Error(ErrorCode::Validation, u"the request's baseUri option must be a string"_s);
    const QJsonValue auth = options.value(u"auth"_s);
    if (auth.isObject()) {
        const QJsonObject credentials = auth.toObject();
        const QJsonValue password = credentials.value(u"password"_s);
        apiRequest.options.auth = ApiBasicAuth {JsSemantics::toString(credentials.value(u"username"_s)),
            JsSemantics::isNullish(password) ? QString() : JsSemantics::toString(password)};
    } else if (!JsSemantics::isNullish(auth)) {
        return Error(ErrorCode::Validation, u"the request's auth option must be {username, password}"_s);
    }
    return apiRequest;
}

ScriptApiReply ScriptApiClientGateway::toReply(const ApiRequestJob &job)
{
    ScriptApiReply reply;
    const std::optional<ApiResponse> &response = job.response();
    if (response) {
        reply.status = response->status;
        for (const auto &[name, value] : response->headers)
            reply.headers.append({name, value});
        reply.body = response->dataFromHandler ? jsonText(response->data) : response->body;
    }
    if (const std::optional<ApiError> &error = job.error()) {
        QJsonValue data = error->data;
        if (data.isUndefined() && response)
            data = QJsonObject {{u"status"_s, response->status},
                {u"body"_s, response->data.isUndefined() ? QJsonValue(QJsonValue::Null) : response->data}};
        reply.failure = ScriptApiReply::Failure {error->key, error->message, data};
    }
    return reply;
}

void ScriptApiClientGateway::send(
    const ScriptApiRequest &request, QObject *context, std::function<void(ScriptApiReply)> reply)
{
    Result<ApiRequest> apiRequest = toApiRequest(request);
    if (!apiRequest) {
        reply(failure(apiRequest.error().message));
        return;
    }
    ApiClient *client = m_client.data();
    if (!client) {
        reply(failure(u"the connection's API client is gone"_s));
        return;
    }

    auto channel = std::make_shared<ReplyChannel>();
    channel->context = context;
    channel->reply = std::move(reply);
    // destroyed() is emitted on the context's thread at the start of its destructor, before its
    // connections are cut, so `context` can serve as the receiver here.
    channel->contextWatch = QObject::connect(
        context, &QObject::destroyed, context,
        [channel] {
            std::function<void(ScriptApiReply)> dropped;
            QMutexLocker locker(&channel->mutex);
            channel->context = nullptr;
            dropped = std::exchange(channel->reply, {});
            if (channel->job)
                QMetaObject::invokeMethod(channel->job, &ApiRequestJob::kill, Qt::QueuedConnection);
        },
        Qt::DirectConnection);

    QMetaObject::invokeMethod(
        client,
        [client, channel, call = std::move(apiRequest).value()] {
            ApiRequestJob *job = client->request(call);
            {
                // Checked and recorded in one step, so that a context destroyed right now still
                // finds the job to kill.
                QMutexLocker locker(&channel->mutex);
                if (!channel->context) {
                    delete job; // the script stopped before its request left
                    return;
                }
                channel->job = job;
            }
            // The job itself is the receiver: a job deleted with its client (before it finished) is
            // still seen, and the script then hears that the client is gone instead of nothing.
            QObject::connect(job, &QObject::destroyed, job, [channel] {
                bool unanswered = false;
                {
                    QMutexLocker locker(&channel->mutex);
                    unanswered = channel->job != nullptr;
                    channel->job = nullptr;
                }
                if (unanswered)
                    ReplyChannel::deliver(channel, failure(u"the connection's API client is gone"_s));
            });
            QObject::connect(job, &ApiRequestJob::finished, client, [channel](ApiRequestJob *finished) {
                ReplyChannel::deliver(channel, toReply(*finished));
                finished->deleteLater();
            });
            job->start();
        },
        Qt::QueuedConnection);
}

} // namespace Authdesk
