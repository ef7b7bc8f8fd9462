#include "connectorlogofetcher.h"

#include "connectorlogo.h"

#include "catalog/connectorcatalog.h"
#include "support/logging.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr int transferTimeoutMs = 15000;

// Whether Qt can decode `data` as an image; the file suffix helps formats without a signature (ico).
bool isImage(const QByteArray &data, const QString &path)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, QFileInfo(path).suffix().toLatin1());
    reader.setDecideFormatFromContent(true);
    return reader.canRead() && !reader.read().isNull();
}

} // namespace

ConnectorLogoFetcher::ConnectorLogoFetcher(QObject *parent, QNetworkAccessManager *network)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
{
}

ConnectorLogoFetcher::~ConnectorLogoFetcher()
{
    const auto replies = m_running.keys();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

int ConnectorLogoFetcher::fetchMissing(const ConnectorCatalog &catalog)
{
    int started = 0;
    for (const CatalogEntry &entry : catalog.entries()) {
        const ConnectorSpec &spec = entry.connector.spec;
        if (ConnectorLogo::folderFile(spec).isEmpty() && fetch(spec.logoUri()))
            ++started;
    }
    return started;
}

bool ConnectorLogoFetcher::fetch(const QString &logoUri)
{
    const QString path = ConnectorLogo::cachePath(logoUri);
    if (path.isEmpty() || m_tried.contains(logoUri) || !ConnectorLogo::cachedFile(logoUri).isEmpty())
        return false;
    m_tried.insert(logoUri);
    QNetworkRequest request(QUrl(logoUri.trimmed()));
    // No step down from https, and no cookies or credentials sent along.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setTransferTimeout(transferTimeoutMs);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setHeader(QNetworkRequest::UserAgentHeader, u"Authdesk"_s);
    QNetworkReply *reply = m_network->get(request);
    m_running.insert(reply, logoUri);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64 total) {
        if (received > maximumSize || total > maximumSize) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    qCDebug(lcApp) << "fetching the logo" << logoUri;
    return true;
}

void ConnectorLogoFetcher::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const QString logoUri = m_running.take(reply);
    if (logoUri.isEmpty())
        return;
    const QUrl finalUrl = reply->url();
    if (reply->property("tooLarge").toBool()) {
        fail(logoUri, tr("the image is larger than %1 KB").arg(maximumSize / 1024));
    } else if (reply->error() != QNetworkReply::NoError) {
        fail(logoUri, reply->errorString());
    } else if (finalUrl.scheme() != u"https") {
        fail(logoUri, tr("the logo was not served over https"));
    } else {
        const QByteArray data = reply->readAll();
        const QString path = ConnectorLogo::cachePath(logoUri);
        if (data.size() > maximumSize) {
            fail(logoUri, tr("the image is larger than %1 KB").arg(maximumSize / 1024));
        } else if (!isImage(data, path)) {
            fail(logoUri, tr("the answer is not an image"));
        } else {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
                fail(logoUri, tr("cannot write %1: %2").arg(path, file.errorString()));
            } else {
                qCDebug(lcApp) << "cached the logo" << logoUri << "as" << path;
                Q_EMIT logoCached(logoUri, path);
            }
        }
    }
    if (m_running.isEmpty())
        Q_EMIT idle();
}

void ConnectorLogoFetcher::fail(const QString &logoUri, const QString &reason)
{
    qCInfo(lcApp).noquote() << "no logo from" << logoUri << ":" << reason;
    Q_EMIT fetchFailed(logoUri, reason);
}

} // namespace Authdesk
