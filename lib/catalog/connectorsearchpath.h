#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Authdesk {

// Where a connector folder came from; later sources override earlier ones with the same key.
enum class ConnectorSource { Bundled, User, Extra };

QString connectorSourceName(ConnectorSource source);

// The folders connectors are loaded from, lowest priority first:
//   1. bundled: share/authdesk/connectors next to the executable (so an unpacked or relocated
//      package works), or the source tree's connectors/ when running from a build folder;
//   2. user: <GenericDataLocation>/authdesk/connectors (~/.local/share/authdesk/connectors);
//   3. extra: AUTHDESK_CONNECTORS_PATH (a path list), then every --connectors-dir, the last
//      one given winning.
// A root may itself be a connector folder (it has a spec.yml) or hold one connector per subfolder.
class ConnectorSearchPath
{
public:
    struct Root
    {
        QString path;
        ConnectorSource source;
    };

    ConnectorSearchPath() = default;

    // The standard path for this process: bundled, user, environment, then `extraDirectories`.
    static ConnectorSearchPath standard(const QStringList &extraDirectories);

    static QString bundledDirectory();
    static QString userDirectory();
    static QStringList environmentDirectories();

    void append(const QString &path, ConnectorSource source);
    const QList<Root> &roots() const { return m_roots; }

private:
    QList<Root> m_roots;
};

} // namespace Authdesk
