#include "tokenquirkserver.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk::Test {

namespace {

using Response = LocalHttpServer::Response;

Response json(int status, const QJsonObject &object, QList<QPair<QByteArray, QByteArray>> extraHeaders = {})
{
    Response response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.headers += extraHeaders;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

Response oauthError(int status, const QString &error, const QString &description)
{
    return json(status, {{u"error"_s, error}, {u"error_description"_s, description}});
}

QString formDecoded(const QByteArray &component)
{
    const QByteArray body = QByteArray("v=") + component;
    return FormEncoding::decode(body).value(0).second;
}

} // namespace

TokenQuirkServer::TokenQuirkServer(QString clientId, QString clientSecret, QObject *parent)
    : QObject(parent)
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
    , m_http([this](const LocalHttpServer::Request &request) { return handle(request); })
{
}

FormEncoding::Fields TokenQuirkServer::form(const LocalHttpServer::Request &request)
{
    return FormEncoding::decode(request.body);
}

QString TokenQuirkServer::field(const LocalHttpServer::Request &request, const QString &name)
{
    for (const auto &[fieldName, value] : form(request)) {
        if (fieldName == name)
            return value;
    }
    return {};
}

bool TokenQuirkServer::hasField(const LocalHttpServer::Request &request, const QString &name)
{
    const auto fields = form(request);
    return std::any_of(fields.cbegin(), fields.cend(), [&name](const auto &f) { return f.first == name; });
}

LocalHttpServer::Response TokenQuirkServer::handle(const LocalHttpServer::Request &request)
{
    m_lastRejection.clear();
    const QString path = QString::fromUtf8(request.target);
    if (path == u"/token" || path == u"/revoke") {
        if (request.method != "POST")
            return oauthError(405, u"invalid_request"_s, u"POST only"_s);
        if (auto rejected = checkClient(request))
            return *rejected;
        if (path == u"/revoke") {
            Response response;
            response.status = m_revocationStatus;
            response.headers = {{"Content-Type", "application/json"}};
            if (!m_revocationRetryAfter.isEmpty())
                response.headers.append({"Retry-After", m_revocationRetryAfter});
            response.body = m_revocationBody;
            return response;
        }
        return token(request);
    }
    if (m_documents.contains(path))
        return json(200, m_documents.value(path));
    Response notFound;
    notFound.status = 404;
    notFound.body = "not found";
    return notFound;
}

std::optional<LocalHttpServer::Response> TokenQuirkServer::checkClient(const LocalHttpServer::Request &request)
{
    const QByteArray authorization = request.headers.value("authorization");
    QString basicId;
    QString basicSecret;
    const bool hasBasic = authorization.startsWith("Basic ");
    if (hasBasic) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
        const qsizetype colon = decoded.indexOf(':');
        basicId = formDecoded(decoded.left(colon));
        basicSecret = formDecoded(decoded.mid(colon + 1));
    }
    const bool bodyId = hasField(request, u"client_id"_s);
    const bool bodySecret = hasField(request, u"client_secret"_s);
    QString problem;
    switch (m_clientAuth) {
    case ClientAuth::Either:
        if (hasBasic && (basicId != m_clientId || basicSecret != m_clientSecret))
            problem = u"wrong Basic credentials"_s;
        else if (bodySecret
            && (field(request, u"client_id"_s) != m_clientId || field(request, u"client_secret"_s) != m_clientSecret))
            problem = u"wrong body credentials"_s;
        else if (!hasBasic && !bodySecret)
            problem = u"no client authentication"_s;
        break;
    case ClientAuth::BasicOnly:
        if (bodySecret)
            problem = u"client_secret_post was requested, but the client uses client_secret_basic"_s;
        else if (!hasBasic || basicId != m_clientId || basicSecret != m_clientSecret)
            problem = u"missing or wrong Basic credentials"_s;
        break;
    case ClientAuth::BodyOnly:
        if (!authorization.isEmpty())
            problem = u"Authorization header not accepted"_s;
        else if (field(request, u"client_id"_s) != m_clientId || field(request, u"client_secret"_s) != m_clientSecret)
            problem = u"missing or wrong body credentials"_s;
        break;
    case ClientAuth::Public:
        if (!authorization.isEmpty() || bodySecret)
            problem = u"a public client must not authenticate"_s;
        else if (!bodyId || field(request, u"client_id"_s) != m_clientId)
            problem = u"missing client_id"_s;
        break;
    }
    if (problem.isEmpty())
        return std::nullopt;
    m_lastRejection = problem;
    return oauthError(401, u"invalid_client"_s, problem);
}

LocalHttpServer::Response TokenQuirkServer::token(const LocalHttpServer::Request &request)
{
    switch (m_failure) {
    case Failure::None:
        break;
    case Failure::GithubErrorIn200: {
        Response response;
        response.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
        response.body = "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired."
                        "&error_uri=https%3A%2F%2Fdocs.github.com%2Ftroubleshooting";
        return response;
    }
    case Failure::SlackOkFalse:
        return json(200, {{u"ok"_s, false}, {u"error"_s, u"invalid_code"_s}});
    case Failure::InvalidGrant:
        return oauthError(400, u"invalid_grant"_s, u"The refresh token has expired"_s);
    case Failure::InvalidClient:
        return oauthError(401, u"invalid_client"_s, u"Client authentication failed"_s);
    case Failure::ServerError: {
        Response response;
        response.status = 500;
        response.headers = {{"Content-Type", "text/html"}};
        response.body = "<html><body>Internal Server Error</body></html>";
        return response;
    }
    case Failure::TemporarilyUnavailable:
        return json(503, {{u"error"_s, u"temporarily_unavailable"_s}}, {{"Retry-After", "7"}});
    case Failure::RateLimited:
        return json(429, {{u"error"_s, u"rate_limited"_s}}, {{"Retry-After", "30"}});
    case Failure::Oversized:
        return json(200, {{u"access_token"_s, m_accessToken}, {u"padding"_s, QString(2 * 1024 * 1024, u'x')}});
    case Failure::NonJson: {
        Response response;
        response.headers = {{"Content-Type", "text/html"}};
        response.body = "<html><body>Sign in</body></html>";
        return response;
    }
    }

    const QString grantType = field(request, u"grant_type"_s);
    if (grantType == u"authorization_code") {
        if (field(request, u"code"_s) != m_acceptedCode)
            return oauthError(400, u"invalid_grant"_s, u"unknown code"_s);
    } else if (grantType == u"refresh_token") {
        if (field(request, u"refresh_token"_s) != m_acceptedRefreshToken)
            return oauthError(400, u"invalid_grant"_s, u"unknown refresh token"_s);
    } else {
        return oauthError(400, u"unsupported_grant_type"_s, grantType);
    }
    QJsonObject fields{{u"access_token"_s, m_accessToken}, {u"token_type"_s, u"bearer"_s}};
    if (!m_refreshToken.isEmpty())
        fields.insert(u"refresh_token"_s, m_refreshToken);
    if (!m_expiresIn.isUndefined())
        fields.insert(u"expires_in"_s, m_expiresIn);
    return success(fields);
}

LocalHttpServer::Response TokenQuirkServer::success(const QJsonObject &fields) const
{
    Response response;
    switch (m_shape) {
    case Shape::Json:
        return json(200, fields);
    case Shape::TextPlainJson:
        response = json(200, fields);
        response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
        return response;
    case Shape::Form: {
        FormEncoding::Fields form;
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
            form.append({it.key(), it.value().isString() ? it.value().toString() : QString::number(it.value().toDouble())});
        response.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
        response.body = FormEncoding::encode(form);
        return response;
    }
    case Shape::SlackNested: {
        QJsonObject nested{{u"ok"_s, true}, {u"app_id"_s, u"A0KRD7HC3"_s}, {u"authed_user"_s, fields}};
        return json(200, nested);
    }
    }
    return response;
}

} // namespace Authdesk::Test
