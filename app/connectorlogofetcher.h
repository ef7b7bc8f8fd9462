#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

namespace Authdesk {

class ConnectorCatalog;

// Downloads connectors' `logoUri` images into ConnectorLogo's disk cache (<CacheLocation>/logos), so
// that the catalog shows them (ConnectorCatalogModel::refreshLogos() after logoCached()). Kept apart
// from the model, which never touches the network.
//
// - https only (also after redirects); at most maximumSize bytes; only content that Qt's image
//   readers recognise is kept; written atomically, so a half-downloaded file never shows.
// - Each URI is fetched at most once per fetcher: a failure is not retried until a new fetcher is
//   made (the next start), so an unreachable host costs one request.
//
//     auto *fetcher = new ConnectorLogoFetcher(this);
//     connect(fetcher, &ConnectorLogoFetcher::logoCached, model, &ConnectorCatalogModel::refreshLogos);
//     fetcher->fetchMissing(model->catalog());
class ConnectorLogoFetcher : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 maximumSize = 256 * 1024;

    // `network` (not owned) may be shared; a private one is made otherwise.
    explicit ConnectorLogoFetcher(QObject *parent = nullptr, QNetworkAccessManager *network = nullptr);
    ~ConnectorLogoFetcher() override;

    // Starts a download for every connector that has neither a logo in its folder nor a cached copy
    // of its https logoUri. Returns how many started.
    int fetchMissing(const ConnectorCatalog &catalog);
    // Starts downloading one logo; false (and nothing sent) when it is not https, already cached,
    // already tried, or on its way.
    bool fetch(const QString &logoUri);
    bool isIdle() const { return m_running.isEmpty(); }

Q_SIGNALS:
    void logoCached(const QString &logoUri, const QString &file);
    void fetchFailed(const QString &logoUri, const QString &reason);
    // The last running download ended.
    void idle();

private:
    void onFinished(QNetworkReply *reply);
    void fail(const QString &logoUri, const QString &reason);

    QNetworkAccessManager *m_network;
    QHash<QNetworkReply *, QString> m_running;
    QSet<QString> m_tried;
};

} // namespace Authdesk
