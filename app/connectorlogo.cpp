#include "connectorlogo.h"

#include "spec/connectorspec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QImageReader>
#include <QPainter>
#include <QPixmap>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

bool isReadableImage(const QString &path)
{
    QFileInfo info(path);
    return info.isFile() && info.isReadable() && QImageReader(path).canRead();
}

// `relative` resolved inside `folder`, or empty when it would leave the folder.
QString insideFolder(const QString &folder, const QString &relative)
{
    const QString root = QFileInfo(folder).canonicalFilePath();
    const QString candidate = QFileInfo(QDir(folder).filePath(relative)).canonicalFilePath();
    if (root.isEmpty() || candidate.isEmpty() || !candidate.startsWith(root + u'/'))
        return {};
    return candidate;
}

} // namespace

QString ConnectorLogo::folderFile(const ConnectorSpec &spec)
{
    if (spec.folder().isEmpty())
        return {};
    const QString logoUri = spec.logoUri().trimmed();
    const QUrl url(logoUri);
    if (!logoUri.isEmpty() && (url.isRelative() || url.isLocalFile())) {
        // "/public/logo.png" in an export is relative to the connector, not the file system root.
        QString path = url.isLocalFile() ? url.toLocalFile() : logoUri;
        while (url.isRelative() && path.startsWith(u'/'))
            path.remove(0, 1);
        if (const QString file = insideFolder(spec.folder(), path); !file.isEmpty() && isReadableImage(file))
            return file;
    }
    static const QStringList conventional{u"logo.svg"_s, u"logo.png"_s, u"icon.svg"_s, u"icon.png"_s,
        u"public/logo.svg"_s, u"public/logo.png"_s};
    for (const QString &name : conventional) {
        if (const QString file = insideFolder(spec.folder(), name); !file.isEmpty() && isReadableImage(file))
            return file;
    }
    return {};
}

QString ConnectorLogo::cacheDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/logos"_s;
}

QString ConnectorLogo::cachePath(const QString &logoUri)
{
    const QUrl url(logoUri.trimmed());
    if (!url.isValid() || url.scheme() != u"https" || url.host().isEmpty())
        return {};
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(url.toString(QUrl::FullyEncoded).toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
    // The suffix tells the image reader the format when the content alone does not (ico).
    QString suffix = QFileInfo(url.path()).suffix().toLower();
    static const QStringList known{u"png"_s, u"svg"_s, u"ico"_s, u"jpg"_s, u"jpeg"_s, u"gif"_s};
    if (!known.contains(suffix))
        suffix = u"img"_s;
    return cacheDirectory() + u'/' + hash + u'.' + suffix;
}

QString ConnectorLogo::cachedFile(const QString &logoUri)
{
    const QString path = cachePath(logoUri);
    return !path.isEmpty() && isReadableImage(path) ? path : QString();
}

QColor ConnectorLogo::monogramColor(const QString &key)
{
    // A stable hash (qHash is seeded per process in containers, and may change between Qt versions).
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Md5);
    const int hue = ((quint8(digest.at(0)) << 8) | quint8(digest.at(1))) % 360;
    // Dark enough for white text in light and dark palettes alike.
    return QColor::fromHsv(hue, 160, 165);
}

QIcon ConnectorLogo::monogram(const QString &name, const QString &key)
{
    QString letter;
    for (const QString &text : {name, key}) {
        for (const QChar c : text) {
            if (c.isLetterOrNumber()) {
                letter = QString(c).toUpper();
                break;
            }
        }
        if (!letter.isEmpty())
            break;
    }
    if (letter.isEmpty())
        letter = u"?"_s;
    const QColor colour = monogramColor(key);
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22);
        QFont font;
        font.setBold(true);
        font.setPixelSize(qMax(8, int(size * 0.62)));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, letter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon ConnectorLogo::icon(const ConnectorSpec &spec, Source *source, QString *file)
{
    QString path = folderFile(spec);
    Source from = Source::Folder;
    if (path.isEmpty()) {
        path = cachedFile(spec.logoUri());
        from = Source::Cache;
    }
    if (path.isEmpty())
        from = Source::Monogram;
    if (source)
        *source = from;
    if (file)
        *file = path;
    return path.isEmpty() ? monogram(spec.name(), spec.key()) : QIcon(path);
}

} // namespace Authdesk
