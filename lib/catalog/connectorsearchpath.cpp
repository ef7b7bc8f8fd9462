#include "connectorsearchpath.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Authdesk {

QString connectorSourceName(ConnectorSource source)
{
    switch (source) {
    case ConnectorSource::Bundled:
        return u"bundled"_s;
    case ConnectorSource::User:
        return u"user"_s;
    case ConnectorSource::Extra:
        return u"extra"_s;
    }
    return {};
}

QString ConnectorSearchPath::bundledDirectory()
{
    const QString executableDir = QCoreApplication::applicationDirPath();
    const QStringList candidates {
        // Linux/BSD packages and `cmake --install` (bin/../share/authdesk/connectors).
        executableDir + u"/../"_s + QStringLiteral(AUTHDESK_INSTALL_DATA_SUBDIR) + u"/connectors"_s,
        // macOS bundle (Contents/MacOS/../Resources/connectors).
        executableDir + u"/../Resources/connectors"_s,
        // Windows installs keep data next to the executable.
        executableDir + u"/connectors"_s,
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isDir())
            return QDir::cleanPath(candidate);
    }
    // Running from a build folder: the connectors of the source tree.
    const QString sourceTree = QStringLiteral(AUTHDESK_SOURCE_CONNECTORS_DIR);
    if (QFileInfo(sourceTree).isDir())
        return QDir::cleanPath(sourceTree);
    return {};
}

QString ConnectorSearchPath::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/authdesk/connectors"_s;
}

QStringList ConnectorSearchPath::environmentDirectories()
{
    const QString value = qEnvironmentVariable("AUTHDESK_CONNECTORS_PATH");
    return value.split(QDir::listSeparator(), Qt::SkipEmptyParts);
}

ConnectorSearchPath ConnectorSearchPath::standard(const QStringList &extraDirectories)
{
    ConnectorSearchPath path;
    if (const QString bundled = bundledDirectory(); !bundled.isEmpty())
        path.append(bundled, ConnectorSource::Bundled);
    path.append(userDirectory(), ConnectorSource::User);
    for (const QString &directory : environmentDirectories())
        path.append(directory, ConnectorSource::Extra);
    for (const QString &directory : extraDirectories)
        path.append(directory, ConnectorSource::Extra);
    return path;
}

void ConnectorSearchPath::append(const QString &path, ConnectorSource source)
{
    // A folder named twice (AUTHDESK_CONNECTORS_PATH and --connectors-dir) counts once, at its last
    // place: its connectors would otherwise "override" themselves.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (!canonical.isEmpty()) {
        m_roots.removeIf([&canonical](const Root &root) { return QFileInfo(root.path).canonicalFilePath() == canonical; });
    }
    m_roots.append(Root {path, source});
}

} // namespace Authdesk
