#include "connectorcatalog.h"

#include "support/logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

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

ConnectorCatalog ConnectorCatalog::load(const ConnectorSearchPath &searchPath, int maximumThreads)
{
    QElapsedTimer timer;
    timer.start();

    // Every folder, in priority order (lowest first), then loaded in parallel: the folders are
    // independent and parsing YAML is most of the work. Merging stays sequential and ordered.
    struct Task
    {
        QString folder;
        qsizetype root;
    };
    std::vector<Task> tasks;
    const QList<ConnectorSearchPath::Root> &roots = searchPath.roots();
    for (qsizetype rootIndex = 0; rootIndex < roots.size(); ++rootIndex) {
        const ConnectorSearchPath::Root &root = roots.at(rootIndex);
        if (!QFileInfo(root.path).isDir()) {
            if (root.source == ConnectorSource::Extra)
                qCWarning(lcCatalog) << "connectors folder" << root.path << "does not exist";
            continue;
        }
        const QStringList folders = connectorFolders(root.path);
        for (const QString &folder : folders)
            tasks.push_back(Task {folder, rootIndex});
    }

    std::vector<LoadedConnector> loaded(tasks.size());
    std::atomic<size_t> next {0};
    auto work = [&] {
        for (size_t i = next++; i < tasks.size(); i = next++)
            loaded[i] = ConnectorLoader::load(tasks[i].folder);
    };
    const int threads = maximumThreads > 0 ? maximumThreads : QThread::idealThreadCount();
    const size_t threadCount = std::min<size_t>(std::max(1, threads), std::max<size_t>(1, tasks.size() / 16));
    std::vector<std::thread> workers;
    for (size_t i = 1; i < threadCount; ++i)
        workers.emplace_back(work);
    work();
    for (std::thread &worker : workers)
        worker.join();

    ConnectorCatalog catalog;
    QHash<QString, QString> keysInRoot; // key -> folder, for the root being merged
    qsizetype currentRoot = -1;
    for (size_t i = 0; i < tasks.size(); ++i) {
        const Task &task = tasks[i];
        if (task.root != currentRoot) {
            keysInRoot.clear();
            currentRoot = task.root;
        }
        CatalogEntry entry {std::move(loaded[i]), roots.at(task.root).source, {}};
        const QString key = entry.key();
        const auto existing = catalog.m_index.constFind(key);
        if (const auto sibling = keysInRoot.constFind(key); sibling != keysInRoot.constEnd()) {
            // Two folders of one root claim the same key: keep the first, flag it on both.
            const Diagnostic duplicate {Severity::Error, DiagnosticKind::DuplicateConnectorKey,
                entry.connector.spec.specFile(), 0, 0,
                u"connector key \"%1\" is already used by %2; this folder is ignored"_s.arg(key, *sibling)};
            CatalogEntry &winner = catalog.m_entries[*existing];
            winner.connector.diagnostics.append(duplicate);
            winner.overrides.append(task.folder);
            continue;
        }
        keysInRoot.insert(key, task.folder);
        if (existing != catalog.m_index.constEnd()) {
            CatalogEntry &overridden = catalog.m_entries[*existing];
            qCInfo(lcCatalog) << task.folder << "overrides" << overridden.connector.spec.folder();
            entry.overrides = overridden.overrides;
            entry.overrides.prepend(overridden.connector.spec.folder());
            overridden = std::move(entry);
        } else {
            catalog.m_index.insert(key, catalog.m_entries.size());
            catalog.m_entries.append(std::move(entry));
        }
    }
    std::sort(catalog.m_entries.begin(), catalog.m_entries.end(),
        [](const CatalogEntry &a, const CatalogEntry &b) { return a.key() < b.key(); });
    catalog.m_index.clear();
    for (qsizetype i = 0; i < catalog.m_entries.size(); ++i)
        catalog.m_index.insert(catalog.m_entries.at(i).key(), i);
    qCDebug(lcCatalog) << "loaded" << catalog.size() << "connectors in" << timer.elapsed() << "ms with" << threadCount
                       << "threads";
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
