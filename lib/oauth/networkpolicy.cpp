#include "networkpolicy.h"

#include "support/redaction.h"

#include <QHostAddress>

#include <algorithm>
#include <limits>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxyFactory>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

using namespace Qt::StringLiterals;

namespace Authdesk::NetworkPolicy {

namespace {

// The system's proxy for everything but loopback hosts. Unlike the process-wide
// QNetworkProxyFactory::setUseSystemConfiguration(true), it belongs to one manager only.
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (isLoopbackHost(query.peerHostName()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        return systemProxyForQuery(query);
    }
};

// Keeps no cookies: a token endpoint's cookies must not follow Authdesk into the next request.
class NoCookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
};

QString shown(const QUrl &url)
{
    return Redaction::url(url).toString();
}

} // namespace

bool isLoopbackHost(const QString &host)
{
    QString name = host.toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name == u"localhost")
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

Result<QUrl> checkUrl(const QUrl &url, const QString &field)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return Error(ErrorCode::Validation, u"%1 \"%2\" is not an absolute URL"_s.arg(field, shown(url)));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return url;
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return url;
        return Error(ErrorCode::Validation,
            u"%1 \"%2\" is refused: plain http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost); "
            "use https://"_s.arg(field, shown(url)));
    }
    return Error(ErrorCode::Validation,
        u"%1 \"%2\" is refused: only https:// URLs (or http:// to a loopback host) can be requested"_s.arg(field, shown(url)));
}

void configure(QNetworkAccessManager *manager)
{
    manager->setProxyFactory(new SystemProxyFactory);
    manager->setCookieJar(new NoCookieJar(manager));
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager->setAutoDeleteReplies(false);
}

QNetworkRequest request(const QUrl &url, std::chrono::milliseconds transferTimeout)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(int(std::clamp<qint64>(transferTimeout.count(), 1, std::numeric_limits<int>::max())));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setRawHeader("User-Agent", "Authdesk");
#if QT_CONFIG(ssl)
    // Explicit, so that a changed process-wide default cannot turn verification off for us.
    QSslConfiguration tls = request.sslConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
#endif
    return request;
}

} // namespace Authdesk::NetworkPolicy
