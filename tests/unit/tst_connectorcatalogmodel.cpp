#include "connectorcatalogmodel.h"
#include "connectorfixture.h"
#include "connectorlogo.h"
#include "connectorlogofetcher.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// The catalog table as the main window shows it, on connector folders written at test time: the logo
// of each connector (a file of its folder, a cached copy of its logoUri, else a monogram whose colour
// comes from its key), the mark and tooltip of connectors with errors, and the mark of user and
// overriding connectors. Icons are checked by their pixels, not just by being there.
class tst_ConnectorCatalogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void logoFromAFolderFile();
    void logoFromTheIconUriPath();
    void logoPathsMayNotLeaveTheFolder();
    void logoFromTheCache();
    void monogramFallback();
    void errorMarkAndTooltip();
    void overrideMark();
    void fetcherCachesHttpsLogosOnly();

private:
    static QByteArray png(const QColor &colour, int size = 32);
    static QColor centre(const QIcon &icon);
    ConnectorCatalog load(const ConnectorFixture &fixture, ConnectorSource source = ConnectorSource::User) const;
    QModelIndex find(const ConnectorCatalogModel &model, const QString &key, int column) const;

    QTemporaryDir m_home;
};

QByteArray tst_ConnectorCatalogModel::png(const QColor &colour, int size)
{
    QImage image(size, size, QImage::Format_ARGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QColor tst_ConnectorCatalogModel::centre(const QIcon &icon)
{
    const QImage image = icon.pixmap(32, 32).toImage();
    return image.pixelColor(image.width() / 2, image.height() / 2);
}

ConnectorCatalog tst_ConnectorCatalogModel::load(const ConnectorFixture &fixture, ConnectorSource source) const
{
    ConnectorSearchPath path;
    path.append(fixture.root(), source);
    return ConnectorCatalog::load(path);
}

QModelIndex tst_ConnectorCatalogModel::find(const ConnectorCatalogModel &model, const QString &key, int column) const
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, ConnectorCatalogModel::KeyColumn).data().toString() == key)
            return model.index(row, column);
    }
    return {};
}

void tst_ConnectorCatalogModel::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    QCoreApplication::setApplicationName(u"tst_connectorcatalogmodel"_s);
}

void tst_ConnectorCatalogModel::logoFromAFolderFile()
{
    ConnectorFixture fixture;
    auto files = ConnectorFixture::minimalOAuth2(u"painted"_s);
    files.insert(u"logo.png"_s, png(Qt::red));
    fixture.addConnector(u"painted"_s, files);
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));

    const QModelIndex name = find(model, u"painted"_s, ConnectorCatalogModel::NameColumn);
    QVERIFY(name.isValid());
    QCOMPARE(name.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"folder"_s);
    QVERIFY(name.data(ConnectorCatalogModel::LogoFileRole).toString().endsWith(u"/painted/logo.png"_s));
    const QIcon icon = name.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    QCOMPARE(centre(icon), QColor(Qt::red)); // the folder's image, not a monogram
}

void tst_ConnectorCatalogModel::logoFromTheIconUriPath()
{
    // Exports write `iconUri: /public/logo.svg`, relative to the connector folder; it wins over the
    // conventional logo.png.
    ConnectorFixture fixture;
    auto files = ConnectorFixture::minimalOAuth2(u"exported"_s);
    files[u"spec.yml"_s].replace("name: exported test\n", "name: exported test\niconUri: /public/brand.svg\n");
    files.insert(u"public/brand.svg"_s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"32\"><rect width=\"32\" height=\"32\" "
        "fill=\"#0000ff\"/></svg>\n");
    files.insert(u"logo.png"_s, png(Qt::red));
    fixture.addConnector(u"exported"_s, files);
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));

    const QModelIndex name = find(model, u"exported"_s, ConnectorCatalogModel::NameColumn);
    QCOMPARE(name.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"folder"_s);
    QVERIFY2(name.data(ConnectorCatalogModel::LogoFileRole).toString().endsWith(u"/exported/public/brand.svg"_s),
        qPrintable(name.data(ConnectorCatalogModel::LogoFileRole).toString()));
    QCOMPARE(centre(name.data(Qt::DecorationRole).value<QIcon>()), QColor(Qt::blue));
}

void tst_ConnectorCatalogModel::logoPathsMayNotLeaveTheFolder()
{
    ConnectorFixture fixture;
    fixture.writeFile(u"outside.png"_s, png(Qt::green));
    auto files = ConnectorFixture::minimalOAuth2(u"sneaky"_s);
    files[u"spec.yml"_s].replace("name: sneaky test\n", "name: sneaky test\nlogoUri: ../outside.png\n");
    fixture.addConnector(u"sneaky"_s, files);
    // Not an image: ignored, like a missing file.
    auto broken = ConnectorFixture::minimalOAuth2(u"garbled"_s);
    broken.insert(u"logo.png"_s, "this is not a PNG");
    fixture.addConnector(u"garbled"_s, broken);
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));
    QCOMPARE(find(model, u"sneaky"_s, 0).data(ConnectorCatalogModel::LogoSourceRole).toString(), u"monogram"_s);
    QCOMPARE(find(model, u"garbled"_s, 0).data(ConnectorCatalogModel::LogoSourceRole).toString(), u"monogram"_s);
}

void tst_ConnectorCatalogModel::logoFromTheCache()
{
    const QString uri = u"https://logos.example.com/acme/favicon.png"_s;
    ConnectorFixture fixture;
    auto files = ConnectorFixture::minimalOAuth2(u"cached"_s);
    QByteArray withLogo = "name: cached test\nlogoUri: ";
    withLogo += uri.toUtf8();
    withLogo += '\n';
    files[u"spec.yml"_s].replace("name: cached test\n", withLogo);
    fixture.addConnector(u"cached"_s, files);
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));
    const QModelIndex name = find(model, u"cached"_s, ConnectorCatalogModel::NameColumn);
    // Nothing downloaded yet: the model never fetches, it paints a monogram.
    QCOMPARE(name.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"monogram"_s);
    QVERIFY(!QFileInfo::exists(ConnectorLogo::cacheDirectory()));

    // A copy in the cache (as a downloader would leave it) is used once the logos are looked up again.
    const QString path = ConnectorLogo::cachePath(uri);
    QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)));
    QVERIFY(path.startsWith(m_home.filePath(u"cache"_s)));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(png(Qt::darkGreen));
    file.close();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refreshLogos();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(name.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"cache"_s);
    QCOMPARE(name.data(ConnectorCatalogModel::LogoFileRole).toString(), path);
    QCOMPARE(centre(name.data(Qt::DecorationRole).value<QIcon>()), QColor(Qt::darkGreen));

    // Only https logo URIs have a cache entry.
    QVERIFY(ConnectorLogo::cachePath(u"http://logos.example.com/acme/favicon.png"_s).isEmpty());
    QVERIFY(ConnectorLogo::cachePath(u"file:///etc/passwd"_s).isEmpty());
    QVERIFY(ConnectorLogo::cachePath(u"https://logos.example.com/other.png"_s) != path);
}

void tst_ConnectorCatalogModel::monogramFallback()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"zebra"_s, ConnectorFixture::minimalOAuth2(u"zebra"_s));
    fixture.addConnector(u"apple"_s, ConnectorFixture::minimalOAuth2(u"apple"_s));
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));
    const QModelIndex zebra = find(model, u"zebra"_s, ConnectorCatalogModel::NameColumn);
    QCOMPARE(zebra.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"monogram"_s);
    QVERIFY(zebra.data(ConnectorCatalogModel::LogoFileRole).toString().isEmpty());
    const QIcon icon = zebra.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());

    // The square's colour (a pixel away from the letter) comes from the key, the same in every run.
    const QImage image = icon.pixmap(32, 32).toImage();
    QCOMPARE(image.pixelColor(16, 2).rgb(), ConnectorLogo::monogramColor(u"zebra"_s).rgb());
    QCOMPARE(ConnectorLogo::monogramColor(u"zebra"_s), ConnectorLogo::monogramColor(u"zebra"_s));
    QVERIFY(ConnectorLogo::monogramColor(u"zebra"_s).rgb() != ConnectorLogo::monogramColor(u"apple"_s).rgb());
    // Rounded corners: the very corner is transparent.
    QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
    // The letter is drawn in white in the middle of the square.
    bool white = false;
    for (int x = 8; x < 24 && !white; ++x) {
        for (int y = 8; y < 24 && !white; ++y)
            white = image.pixelColor(x, y) == QColor(Qt::white);
    }
    QVERIFY(white);
    // Another letter paints another icon.
    const QImage apple = find(model, u"apple"_s, 0).data(Qt::DecorationRole).value<QIcon>().pixmap(32, 32).toImage();
    QVERIFY(apple != image);
}

void tst_ConnectorCatalogModel::errorMarkAndTooltip()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"fine"_s, ConnectorFixture::minimalOAuth2(u"fine"_s));
    fixture.addConnector(u"broken"_s, {{u"spec.yml"_s, "key: broken\nname: Broken One\nauth:\n  type: sideways\n"}});
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));

    const QModelIndex brokenStatus = find(model, u"broken"_s, ConnectorCatalogModel::StatusColumn);
    QVERIFY(brokenStatus.data(ConnectorCatalogModel::ErrorCountRole).toInt() > 0);
    QVERIFY(!brokenStatus.data(Qt::DecorationRole).value<QIcon>().isNull()); // the warning mark
    const QString tooltip = brokenStatus.data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(fixture.root() + u"/broken/spec.yml:4:9: auth type must be one of"_s), qPrintable(tooltip));
    QVERIFY(brokenStatus.data(Qt::AccessibleTextRole).toString().contains(u"error"_s));

    const QModelIndex fineStatus = find(model, u"fine"_s, ConnectorCatalogModel::StatusColumn);
    QCOMPARE(fineStatus.data(ConnectorCatalogModel::ErrorCountRole).toInt(), 0);
    QVERIFY(!fineStatus.data(Qt::DecorationRole).isValid()); // no mark
    QCOMPARE(fineStatus.data().toString(), u"Ready"_s);
}

void tst_ConnectorCatalogModel::overrideMark()
{
    // The same key in a bundled folder and in the user's: the user's wins and is marked as overriding.
    ConnectorFixture bundled;
    bundled.addConnector(u"shared"_s, ConnectorFixture::minimalOAuth2(u"shared"_s));
    bundled.addConnector(u"stock"_s, ConnectorFixture::minimalOAuth2(u"stock"_s));
    ConnectorFixture user;
    user.addConnector(u"shared"_s, ConnectorFixture::minimalOAuth2(u"shared"_s));
    user.addConnector(u"mine"_s, ConnectorFixture::minimalOAuth2(u"mine"_s));
    ConnectorSearchPath path;
    path.append(bundled.root(), ConnectorSource::Bundled);
    path.append(user.root(), ConnectorSource::User);
    ConnectorCatalogModel model;
    model.setCatalog(ConnectorCatalog::load(path));
    QCOMPARE(model.rowCount(), 3);

    const QModelIndex shared = find(model, u"shared"_s, ConnectorCatalogModel::SourceColumn);
    QCOMPARE(shared.data().toString(), u"user (overrides 1)"_s);
    QCOMPARE(shared.data(ConnectorCatalogModel::OverridesRole).toStringList().size(), 1);
    QVERIFY(shared.data(ConnectorCatalogModel::OverridesRole).toStringList().first().startsWith(bundled.root()));
    QVERIFY(!shared.data(Qt::DecorationRole).value<QIcon>().isNull());
    const QString tooltip = shared.data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(u"Overrides"_s) && tooltip.contains(QDir::toNativeSeparators(bundled.root())), qPrintable(tooltip));
    QVERIFY(shared.data(Qt::AccessibleTextRole).toString().contains(u"overrides"_s));

    // A user connector that overrides nothing is marked as the user's; a bundled one is not marked.
    const QModelIndex mine = find(model, u"mine"_s, ConnectorCatalogModel::SourceColumn);
    QCOMPARE(mine.data().toString(), u"user"_s);
    QVERIFY(!mine.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(mine.data(Qt::ToolTipRole).toString().contains(u"your connectors folder"_s));
    const QModelIndex stock = find(model, u"stock"_s, ConnectorCatalogModel::SourceColumn);
    QCOMPARE(stock.data().toString(), u"bundled"_s);
    QVERIFY(!stock.data(Qt::DecorationRole).isValid());
}

// A real TLS server on loopback with a certificate made for this run (openssl), trusted by this
// process only: path -> body; requests are counted.
class HttpsServer : public QSslServer
{
public:
    bool start(const QString &folder, QString *problem)
    {
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty() || !QSslSocket::supportsSsl()) {
            *problem = u"needs openssl and a TLS backend"_s;
            return false;
        }
        QProcess openssl;
        openssl.start(u"openssl"_s,
            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, folder + u"/key.pem"_s, u"-out"_s,
                folder + u"/cert.pem"_s});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
            *problem = QString::fromLocal8Bit(openssl.readAllStandardError());
            return false;
        }
        QFile certFile(folder + u"/cert.pem"_s);
        QFile keyFile(folder + u"/key.pem"_s);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        const QSslCertificate certificate(certFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        QSslConfiguration server = QSslConfiguration::defaultConfiguration();
        server.setLocalCertificate(certificate);
        server.setPrivateKey(key);
        setSslConfiguration(server);
        // The client side of this process trusts it.
        QSslConfiguration client = QSslConfiguration::defaultConfiguration();
        client.addCaCertificate(certificate);
        QSslConfiguration::setDefaultConfiguration(client);
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                serve(socket);
        });
        return listen(QHostAddress::LocalHost);
    }

    QString url(const QString &path) const { return u"https://127.0.0.1:%1%2"_s.arg(serverPort()).arg(path); }

    QMap<QByteArray, QByteArray> bodies;
    int requests = 0;

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            QByteArray &head = m_heads[socket];
            head += socket->readAll();
            if (!head.contains("\r\n\r\n"))
                return;
            ++requests;
            const QByteArray path = head.split(' ').value(1);
            const bool known = bodies.contains(path);
            const QByteArray body = bodies.value(path, "not found");
            socket->write("HTTP/1.1 " + QByteArray(known ? "200 OK" : "404 Not Found") + "\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n");
            socket->write(body);
            socket->disconnectFromHost();
            m_heads.remove(socket);
        });
    }

    QHash<QTcpSocket *, QByteArray> m_heads;
};

void tst_ConnectorCatalogModel::fetcherCachesHttpsLogosOnly()
{
    QTemporaryDir folder;
    HttpsServer server;
    QString problem;
    if (!server.start(folder.path(), &problem))
        QSKIP(qPrintable(problem));
    server.bodies.insert("/brand.png", png(Qt::magenta));
    server.bodies.insert("/huge.png", QByteArray(ConnectorLogoFetcher::maximumSize + 1024, 'x'));
    server.bodies.insert("/page.png", "<html>not an image</html>");

    ConnectorFixture fixture;
    auto files = ConnectorFixture::minimalOAuth2(u"remote"_s);
    QByteArray withLogo = "name: remote test\nlogoUri: ";
    withLogo += server.url(u"/brand.png"_s).toUtf8();
    withLogo += '\n';
    files[u"spec.yml"_s].replace("name: remote test\n", withLogo);
    fixture.addConnector(u"remote"_s, files);
    auto local = ConnectorFixture::minimalOAuth2(u"local"_s); // has its own logo: nothing to fetch
    local[u"spec.yml"_s].replace("name: local test\n", "name: local test\nlogoUri: https://127.0.0.1:1/never.png\n");
    local.insert(u"logo.png"_s, png(Qt::red));
    fixture.addConnector(u"local"_s, local);
    ConnectorCatalogModel model;
    model.setCatalog(load(fixture));
    QCOMPARE(find(model, u"remote"_s, 0).data(ConnectorCatalogModel::LogoSourceRole).toString(), u"monogram"_s);

    ConnectorLogoFetcher fetcher;
    connect(&fetcher, &ConnectorLogoFetcher::logoCached, &model, &ConnectorCatalogModel::refreshLogos);
    QSignalSpy cached(&fetcher, &ConnectorLogoFetcher::logoCached);
    QSignalSpy failed(&fetcher, &ConnectorLogoFetcher::fetchFailed);
    QSignalSpy idle(&fetcher, &ConnectorLogoFetcher::idle);
    QCOMPARE(fetcher.fetchMissing(model.catalog()), 1);
    QVERIFY(idle.wait(30000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(cached.size(), 1);
    const QString file = cached.first().at(1).toString();
    QCOMPARE(file, ConnectorLogo::cachePath(server.url(u"/brand.png"_s)));
    const QModelIndex remote = find(model, u"remote"_s, 0);
    QCOMPARE(remote.data(ConnectorCatalogModel::LogoSourceRole).toString(), u"cache"_s);
    QCOMPARE(centre(remote.data(Qt::DecorationRole).value<QIcon>()), QColor(Qt::magenta));
    // Cached now: a second round asks for nothing.
    QCOMPARE(fetcher.fetchMissing(model.catalog()), 0);
    QCOMPARE(ConnectorLogoFetcher(nullptr).fetchMissing(model.catalog()), 0);

    // Too large, or not an image: nothing is kept, and a failure is not retried.
    for (const QString &path : {u"/huge.png"_s, u"/page.png"_s}) {
        failed.clear();
        idle.clear();
        QVERIFY(fetcher.fetch(server.url(path)));
        QVERIFY(idle.wait(30000));
        QCOMPARE(failed.size(), 1);
        QVERIFY(!QFileInfo::exists(ConnectorLogo::cachePath(server.url(path))));
        QVERIFY(!fetcher.fetch(server.url(path)));
    }
    QVERIFY2(failed.first().at(1).toString().contains(u"not an image"_s), qPrintable(failed.first().at(1).toString()));

    // Plain http is never requested.
    const int before = server.requests;
    QVERIFY(!fetcher.fetch(u"http://127.0.0.1:%1/brand.png"_s.arg(server.serverPort())));
    QTest::qWait(100);
    QCOMPARE(server.requests, before);
}

QTEST_MAIN(tst_ConnectorCatalogModel)
#include "tst_connectorcatalogmodel.moc"
