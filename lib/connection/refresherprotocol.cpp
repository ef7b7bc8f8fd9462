#include "refresherprotocol.h"

#include "store/connectionrecord.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Authdesk::RefresherProtocol {

namespace {

constexpr std::pair<Op, const char16_t *> opNames[] = {
    {Op::Ping, u"ping"},
    {Op::Status, u"status"},
    {Op::Refresh, u"refresh"},
    {Op::Token, u"token"},
    {Op::Reload, u"reload"},
};

constexpr std::pair<ErrorCode, const char16_t *> errorCodeNames[] = {
    {ErrorCode::Usage, u"usage"},
    {ErrorCode::Validation, u"validation"},
    {ErrorCode::NotFound, u"not-found"},
    {ErrorCode::Script, u"script"},
    {ErrorCode::Provider, u"provider"},
    {ErrorCode::Denied, u"denied"},
    {ErrorCode::SecureStorage, u"secure-storage"},
    {ErrorCode::Internal, u"internal"},
};

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QString opName(Op op)
{
    for (const auto &[value, name] : opNames) {
        if (value == op)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<Op> opFromName(const QString &name)
{
    for (const auto &[value, text] : opNames) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

QString errorCodeName(ErrorCode code)
{
    for (const auto &[value, name] : errorCodeNames) {
        if (value == code)
            return QString::fromUtf16(name);
    }
    return u"internal"_s;
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &[value, text] : errorCodeNames) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

Error ReplyError::toError() const
{
    Error error(errorCodeFromName(code).value_or(ErrorCode::Internal), message);
    error.providerError = providerError;
    error.providerErrorDescription = providerErrorDescription;
    return error;
}

ReplyError ReplyError::fromError(const Error &error)
{
    return {errorCodeName(error.code), error.message, error.providerError, error.providerErrorDescription};
}

Reply Reply::failure(const QString &code, const QString &message, const QJsonValue &id)
{
    Reply reply;
    reply.ok = false;
    reply.id = id;
    reply.error = ReplyError{code, message, {}, {}};
    return reply;
}

Result<Request, Reply> parseRequest(const QByteArray &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Reply::failure(QString::fromLatin1(Codes::badRequest),
            parseError.error != QJsonParseError::NoError
                ? u"not a JSON object: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset)
                : u"not a JSON object"_s);
    const QJsonObject object = document.object();
    Request request;
    request.id = object.value(u"id"_s);
    if (request.id.isUndefined())
        request.id = QJsonValue();
    const auto fail = [&request](const QString &message) {
        return Reply::failure(QString::fromLatin1(Codes::badRequest), message, request.id);
    };
    const QJsonValue sentVersion = object.value(u"v"_s);
    if (!sentVersion.isDouble() || sentVersion.toDouble() != double(sentVersion.toInt()) || sentVersion.toInt() < 1)
        return fail(u"\"v\" must be the protocol version (%1)"_s.arg(version));
    if (sentVersion.toInt() > version)
        return Reply::failure(QString::fromLatin1(Codes::unsupportedVersion),
            u"protocol version %1 is newer than this refresher's (%2)"_s.arg(sentVersion.toInt()).arg(version), request.id);
    const auto op = opFromName(object.value(u"op"_s).toString());
    if (!op)
        return fail(u"\"op\" must be one of ping, status, refresh, token, reload"_s);
    request.op = *op;
    const QJsonValue name = object.value(u"name"_s);
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return fail(u"\"name\" must be a string"_s);
    request.name = name.toString();
    if ((request.op == Op::Refresh || request.op == Op::Token) && request.name.isEmpty())
        return fail(u"%1 needs a connection \"name\""_s.arg(opName(request.op)));
    const QJsonValue force = object.value(u"force"_s);
    if (!force.isUndefined() && !force.isBool())
        return fail(u"\"force\" must be true or false"_s);
    request.force = force.isBool() ? force.toBool() : request.op == Op::Refresh;
    return request;
}

QByteArray encodeRequest(const Request &request)
{
    QJsonObject object{{u"v"_s, version}, {u"op"_s, opName(request.op)}};
    if (!request.name.isEmpty())
        object.insert(u"name"_s, request.name);
    if (request.op == Op::Refresh || request.op == Op::Token)
        object.insert(u"force"_s, request.force);
    if (!request.id.isNull() && !request.id.isUndefined())
        object.insert(u"id"_s, request.id);
    return line(object);
}

QByteArray encodeReply(const Reply &reply)
{
    QJsonObject object{{u"v"_s, reply.version}, {u"ok"_s, reply.ok}};
    if (!reply.id.isNull() && !reply.id.isUndefined())
        object.insert(u"id"_s, reply.id);
    if (reply.error) {
        QJsonObject error{{u"code"_s, reply.error->code}, {u"message"_s, reply.error->message}};
        if (!reply.error->providerError.isEmpty())
            error.insert(u"providerError"_s, reply.error->providerError);
        if (!reply.error->providerErrorDescription.isEmpty())
            error.insert(u"providerErrorDescription"_s, reply.error->providerErrorDescription);
        object.insert(u"error"_s, error);
    }
    if (reply.refreshed)
        object.insert(u"refreshed"_s, true);
    if (reply.unsaved)
        object.insert(u"unsaved"_s, true);
    if (!reply.warning.isEmpty())
        object.insert(u"warning"_s, reply.warning);
    if (reply.expiresAt.isValid())
        object.insert(u"expiresAt"_s, ConnectionRecord::formatTime(reply.expiresAt));
    if (!reply.accessToken.isEmpty())
        object.insert(u"accessToken"_s, reply.accessToken);
    if (!reply.status.isEmpty())
        object.insert(u"status"_s, reply.status);
    if (!reply.details.isEmpty())
        object.insert(u"details"_s, reply.details);
    return line(object);
}

Result<Reply, QString> parseReply(const QByteArray &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return u"the refresher sent something that is not a reply (%1)"_s.arg(
            parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not an object"_s);
    const QJsonObject object = document.object();
    Reply reply;
    reply.version = object.value(u"v"_s).toInt(0);
    if (reply.version < 1)
        return u"the refresher's reply has no protocol version"_s;
    if (!object.value(u"ok"_s).isBool())
        return u"the refresher's reply has no \"ok\""_s;
    reply.ok = object.value(u"ok"_s).toBool();
    reply.id = object.value(u"id"_s);
    if (object.contains(u"error"_s)) {
        const QJsonObject error = object.value(u"error"_s).toObject();
        reply.error = ReplyError{error.value(u"code"_s).toString(u"internal"_s), error.value(u"message"_s).toString(),
            error.value(u"providerError"_s).toString(), error.value(u"providerErrorDescription"_s).toString()};
    } else if (!reply.ok) {
        reply.error = ReplyError{u"internal"_s, u"the refresher failed without saying why"_s, {}, {}};
    }
    reply.refreshed = object.value(u"refreshed"_s).toBool();
    reply.unsaved = object.value(u"unsaved"_s).toBool();
    reply.warning = object.value(u"warning"_s).toString();
    if (object.contains(u"expiresAt"_s))
        reply.expiresAt = QDateTime::fromString(object.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
    reply.accessToken = object.value(u"accessToken"_s).toString();
    reply.status = object.value(u"status"_s).toString();
    reply.details = object.value(u"details"_s).toObject();
    return reply;
}

} // namespace Authdesk::RefresherProtocol
