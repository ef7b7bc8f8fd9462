#include "connectorcatalog.h"

#include "support/logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

QStringList ConnectorCatalog::connectorFolders(const QString &root)
{
    if (QFileInfo::exists(root + u"/spec.yml"_s))
        return {root};
    const QDir directory(root);
    QStringList folders;
    const QStringList names = directory.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names)
        folders.append(QDir::cleanPath(root + u'/' + name));
    return folders;
}

ConnectorCatalog ConnectorCatalog::load(const ConnectorSearchPath &searchPath)
{
    QElapsedTimer timer;
    timer.start();
    ConnectorCatalog catalog;
    for (const ConnectorSearchPath::Root &root : searchPath.roots()) {
        if (!QFileInfo(root.path).isDir()) {
            if (root.source == ConnectorSource::Extra)
                qCWarning(lcCatalog) << "connectors folder" << root.path << "does not exist";
            continue;
        }
        QHash<QString, QString> keysInThisRoot;
        const QStringList folders = connectorFolders(root.path);
        for (const QString &folder : folders) {
            CatalogEntry entry{ConnectorLoader::load(folder), root.source, {}};
            const QString key = entry.key();
            if (const auto sibling = keysInThisRoot.constFind(key); sibling != keysInThisRoot.constEnd()) {
                // Two folders of one root claim the same key: keep the first, flag the second.
                entry.connector.diagnostics.append(Diagnostic{Severity::Error, DiagnosticKind::DuplicateConnectorKey,
                    entry.connector.spec.specFile(), 0, 0,
                    u"connector key \"%1\" is already used by %2; this folder is ignored"_s.arg(key, *sibling)});
                const auto existing = catalog.m_index.constFind(key);
                if (existing != catalog.m_index.constEnd()) {
                    CatalogEntry &winner = catalog.m_entries[*existing];
                    winner.connector.diagnostics.append(entry.connector.diagnostics.constLast());
                    winner.overrides.append(folder);
                }
                continue;
            }
            keysInThisRoot.insert(key, folder);
            if (const auto existing = catalog.m_index.constFind(key); existing != catalog.m_index.constEnd()) {
                CatalogEntry &overridden = catalog.m_entries[*existing];
                qCInfo(lcCatalog) << folder << "overrides" << overridden.connector.spec.folder();
                entry.overrides = overridden.overrides;
                entry.overrides.prepend(overridden.connector.spec.folder());
                overridden = std::move(entry);
            } else {
                catalog.m_index.insert(key, catalog.m_entries.size());
                catalog.m_entries.append(std::move(entry));
            }
        }
    }
    std::sort(catalog.m_entries.begin(), catalog.m_entries.end(),
        [](const CatalogEntry &a, const CatalogEntry &b) { return a.key() < b.key(); });
    catalog.m_index.clear();
    for (qsizetype i = 0; i < catalog.m_entries.size(); ++i)
        catalog.m_index.insert(catalog.m_entries.at(i).key(), i);
    qCDebug(lcCatalog) << "loaded" << catalog.size() << "connectors in" << timer.elapsed() << "ms";
    return catalog;
}

const CatalogEntry *ConnectorCatalog::find(const QString &key) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.constEnd() ? nullptr : &m_entries.at(*it);
}

qsizetype ConnectorCatalog::invalidCount() const
{
    return std::count_if(m_entries.cbegin(), m_entries.cend(), [](const CatalogEntry &e) { return !e.isValid(); });
}

} // namespace Authdesk
