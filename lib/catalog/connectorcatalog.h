#pragma once

#include "connectorsearchpath.h"

#include "spec/connectorloader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Authdesk {

// One connector in the catalog: the folder that won for its key, and the folders it overrides.
struct CatalogEntry
{
    LoadedConnector connector;
    ConnectorSource source = ConnectorSource::Bundled;
    QStringList overrides; // folders of lower-priority connectors with the same key

    const QString &key() const { return connector.spec.key(); }
    bool isValid() const { return connector.isValid(); }
};

// Every connector found on a search path, indexed by key. A broken connector never hides the
// others: it is listed with its diagnostics.
class ConnectorCatalog
{
public:
    ConnectorCatalog() = default;

    // Folders load in parallel on up to `maximumThreads` threads (0: one per core).
    static ConnectorCatalog load(const ConnectorSearchPath &searchPath, int maximumThreads = 0);
    // The connector folders below a root: the root itself if it has a spec.yml, otherwise each
    // non-hidden subfolder (sorted by name).
    static QStringList connectorFolders(const QString &root);

    const QList<CatalogEntry> &entries() const { return m_entries; } // sorted by key
    const CatalogEntry *find(const QString &key) const;
    qsizetype size() const { return m_entries.size(); }
    qsizetype invalidCount() const;

private:
    QList<CatalogEntry> m_entries;
    QHash<QString, qsizetype> m_index;
};

} // namespace Authdesk
