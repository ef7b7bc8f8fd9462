#pragma once

#include "localhttpserver.h"

#include "oauth/formencoding.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QHash>
#include <QUrl>

#include <optional>

namespace Authdesk::Test {

// A token endpoint that behaves like the providers Authdesk must cope with (oauth-standards-and-
// qt.md §B, connectors/README.md), on a LocalHttpServer at 127.0.0.1. It checks client
// authentication the way the strict servers do (Basic only, body only), checks the code or refresh
// token it was given, and answers in the configured shape or with the configured failure.
//
//   /token                  code exchange and refresh
//   /revoke                 RFC 7009 revocation (status and body as configured)
//   anything else           the documents given to setDocument(), else 404
class TokenQuirkServer : public QObject
{
    Q_OBJECT

public:
    enum class ClientAuth {
        Either, // Basic or body (a body client_id with an Authorization header is fine)
        BasicOnly, // Ory Hydra-style client_secret_basic: a client_secret in the body is rejected
        BodyOnly, // client_secret_post: an Authorization header is rejected
        Public, // no secret at all: client_id in the body, nothing else
    };
    Q_ENUM(ClientAuth)
    enum class Shape {
        Json,
        Form, // GitHub without Accept: application/json
        TextPlainJson,
        SlackNested, // {"ok": true, "authed_user": {"access_token": ...}}
    };
    Q_ENUM(Shape)
    enum class Failure {
        None,
        GithubErrorIn200, // 200, error=bad_verification_code (form-encoded)
        SlackOkFalse, // 200, {"ok": false, "error": "invalid_code"}
        InvalidGrant, // 400 invalid_grant
        InvalidClient, // 401 invalid_client
        ServerError, // 500 with an HTML page
        TemporarilyUnavailable, // 503 temporarily_unavailable, Retry-After: 7
        RateLimited, // 429, Retry-After: 30
        Oversized, // 200 with a 2 MiB JSON body
        NonJson, // 200 with text/html
    };
    Q_ENUM(Failure)

    TokenQuirkServer(QString clientId, QString clientSecret, QObject *parent = nullptr);

    QUrl url(const QString &path) const { return m_http.url(path); }
    QUrl tokenUrl() const { return url(QStringLiteral("/token")); }
    QUrl revokeUrl() const { return url(QStringLiteral("/revoke")); }

    void setClientAuth(ClientAuth auth) { m_clientAuth = auth; }
    void setShape(Shape shape) { m_shape = shape; }
    void setFailure(Failure failure) { m_failure = failure; }
    // What the token endpoint accepts.
    void setAcceptedCode(const QString &code) { m_acceptedCode = code; }
    void setAcceptedRefreshToken(const QString &token) { m_acceptedRefreshToken = token; }
    // What it issues. An empty refresh token leaves refresh_token out; an undefined expiresIn leaves
    // expires_in out.
    void setIssued(const QString &accessToken, const QString &refreshToken, const QJsonValue &expiresIn)
    {
        m_accessToken = accessToken;
        m_refreshToken = refreshToken;
        m_expiresIn = expiresIn;
    }
    void setRevocationAnswer(int status, const QByteArray &body, const QByteArray &retryAfter = {})
    {
        m_revocationStatus = status;
        m_revocationBody = body;
        m_revocationRetryAfter = retryAfter;
    }
    void setDocument(const QString &path, const QJsonObject &document) { m_documents.insert(path, document); }

    const QList<LocalHttpServer::Request> &requests() const { return m_http.requests(); }
    // The form fields of a recorded request.
    static FormEncoding::Fields form(const LocalHttpServer::Request &request);
    static QString field(const LocalHttpServer::Request &request, const QString &name);
    static bool hasField(const LocalHttpServer::Request &request, const QString &name);
    // Why the last request's client authentication was rejected (empty when it was not).
    const QString &lastRejection() const { return m_lastRejection; }

private:
    LocalHttpServer::Response handle(const LocalHttpServer::Request &request);
    std::optional<LocalHttpServer::Response> checkClient(const LocalHttpServer::Request &request);
    LocalHttpServer::Response token(const LocalHttpServer::Request &request);
    LocalHttpServer::Response success(const QJsonObject &fields) const;

    QString m_clientId;
    QString m_clientSecret;
    ClientAuth m_clientAuth = ClientAuth::Either;
    Shape m_shape = Shape::Json;
    Failure m_failure = Failure::None;
    QString m_acceptedCode;
    QString m_acceptedRefreshToken;
    QString m_accessToken = QStringLiteral("at-1");
    QString m_refreshToken = QStringLiteral("rt-1");
    QJsonValue m_expiresIn = 3600;
    int m_revocationStatus = 200;
    QByteArray m_revocationBody;
    QByteArray m_revocationRetryAfter;
    QHash<QString, QJsonObject> m_documents;
    QString m_lastRejection;
    LocalHttpServer m_http;
};

} // namespace Authdesk::Test
