#include "authorizationrequest.h"

#include "support/logging.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

using Parameter = std::pair<QString, QString>;

// The names in the authorize URL's own query, each with its raw (already encoded) text.
QList<std::pair<QString, QString>> ownQueryItems(const QUrl &authorizeUri)
{
    QList<std::pair<QString, QString>> items;
    const QString query = authorizeUri.query(QUrl::FullyEncoded);
    for (const QString &item : query.split(u'&', Qt::SkipEmptyParts)) {
        const QString rawName = item.section(u'=', 0, 0);
        QByteArray name = rawName.toUtf8();
        name.replace('+', ' ');
        items.append({QUrl::fromPercentEncoding(name), item});
    }
    return items;
}

} // namespace

const QStringList &AuthorizationRequest::securityParameterNames()
{
    static const QStringList names {u"response_type"_s, u"client_id"_s, u"redirect_uri"_s, u"state"_s,
        u"code_challenge"_s, u"code_challenge_method"_s, u"nonce"_s};
    return names;
}

QString AuthorizationRequest::randomToken(int byteCount)
{
    QByteArray bytes(byteCount, Qt::Uninitialized);
    // fillRange works on whole 32-bit words; draw enough of them and cut.
    QList<quint32> words((byteCount + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    std::memcpy(bytes.data(), words.constData(), size_t(byteCount));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString AuthorizationRequest::s256Challenge(const QString &codeVerifier)
{
    const QByteArray digest = QCryptographicHash::hash(codeVerifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray AuthorizationRequest::encodeComponent(const QString &value)
{
    // With no exclusions QByteArray::toPercentEncoding keeps exactly the unreserved set.
    return value.toUtf8().toPercentEncoding();
}

QString AuthorizationRequest::codeChallenge() const
{
    return m_secrets.codeVerifier.isEmpty() ? QString() : s256Challenge(m_secrets.codeVerifier);
}

AuthorizationRequest AuthorizationRequest::create(const OAuthConfig &config, const QString &redirectUri)
{
    // 32 bytes = 256 bits each; the verifier is then the 43 characters RFC 7636 §4.1 recommends.
    return create(config, redirectUri, Secrets {randomToken(32), randomToken(32), randomToken(32)});
}

AuthorizationRequest AuthorizationRequest::create(
    const OAuthConfig &config, const QString &redirectUri, Secrets secrets)
{
    AuthorizationRequest request;
    request.m_redirectUri = redirectUri;

    // extra.scope (pre-joined with the provider's separator) wins over the scopes list.
    QString scopeValue = config.scopes.join(u' ');
    request.m_scopes = config.scopes;
    for (const auto &[name, value] : config.extra) {
        if (name == u"scope") {
            static const QRegularExpression separators(u"[\\s,]+"_s);
            scopeValue = value;
            request.m_scopes = value.split(separators, Qt::SkipEmptyParts);
        }
    }
    if (config.skipPkce)
        secrets.codeVerifier.clear();
    if (!request.m_scopes.contains(u"openid"_s))
        secrets.nonce.clear();
    request.m_secrets = std::move(secrets);

    QList<Parameter> parameters {
        {u"response_type"_s, u"code"_s},
        {u"client_id"_s, config.clientId},
        {u"redirect_uri"_s, redirectUri},
    };
    if (!scopeValue.isEmpty())
        parameters.append({u"scope"_s, scopeValue});
    parameters.append({u"state"_s, request.m_secrets.state});
    if (!request.m_secrets.codeVerifier.isEmpty()) {
        parameters.append({u"code_challenge"_s, request.codeChallenge()});
        // Explicit: without it the server assumes `plain` (RFC 7636 §4.3).
        parameters.append({u"code_challenge_method"_s, u"S256"_s});
    }
    if (!request.m_secrets.nonce.isEmpty())
        parameters.append({u"nonce"_s, request.m_secrets.nonce});

    for (const auto &[name, value] : config.extra) {
        if (name == u"scope")
            continue; // already in place of the joined scopes
        if (securityParameterNames().contains(name)) {
            request.m_droppedExtras.append(name);
            qCWarning(lcOAuth) << "OAuth config: extra parameter" << name
                               << "would replace a security parameter of the authorization request and is ignored";
            continue;
        }
        parameters.append({name, value});
    }

    // The authorize URL's own query comes first, except for names this request sets itself: a
    // parameter must not appear twice (RFC 6749 §3.1).
    QStringList ownItems;
    for (const auto &[name, rawItem] : ownQueryItems(config.authorizeUri)) {
        const bool replaced = std::any_of(parameters.cbegin(), parameters.cend(),
            [&name = name](const Parameter &parameter) { return parameter.first == name; });
        if (replaced) {
            qCWarning(lcOAuth) << "OAuth config: authorizeUri's own query parameter" << name
                               << "is replaced by the authorization request's";
            continue;
        }
        ownItems.append(rawItem);
    }

    QByteArray query = ownItems.join(u'&').toLatin1();
    for (const auto &[name, value] : parameters) {
        if (!query.isEmpty())
            query += '&';
        query += encodeComponent(name) + '=' + encodeComponent(value);
    }
    request.m_url = config.authorizeUri;
    request.m_url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    request.m_url.setFragment(QString());
    return request;
}

} // namespace Authdesk
