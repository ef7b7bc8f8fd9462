#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace Authdesk {

class ConnectorSpec;

// Where a connector's logo comes from, best first:
//   1. a file of its folder: `logoUri`/`iconUri` when it is a path inside the folder (exports write
//      `iconUri: /public/logo.png`), else logo.svg, logo.png, icon.svg, icon.png, public/logo.svg or
//      public/logo.png;
//   2. a copy of its https `logoUri` in the disk cache (<CacheLocation>/logos), when one was
//      downloaded before — this class never downloads;
//   3. a monogram: the first letter of its name on a rounded square whose colour comes from a hash
//      of its key, so a connector keeps its colour from one run to the next.
class ConnectorLogo
{
public:
    enum class Source { Folder, Cache, Monogram };

    // The readable image file of the folder, or an empty string.
    static QString folderFile(const ConnectorSpec &spec);
    // The folder the downloaded copies of logoUri images live in.
    static QString cacheDirectory();
    // Where the copy of an https `logoUri` is (or would be) kept; empty for other URIs.
    static QString cachePath(const QString &logoUri);
    // The cached copy of `logoUri` when there is a readable one, or an empty string.
    static QString cachedFile(const QString &logoUri);

    static QColor monogramColor(const QString &key);
    static QIcon monogram(const QString &name, const QString &key);

    // The best logo and where it came from.
    static QIcon icon(const ConnectorSpec &spec, Source *source = nullptr, QString *file = nullptr);
};

} // namespace Authdesk
