#include "connectorcatalogmodel.h"

#include <QBrush>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectorCatalogModel::ConnectorCatalogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConnectorCatalogModel::setCatalog(ConnectorCatalog catalog)
{
    beginResetModel();
    m_catalog = std::move(catalog);
    endResetModel();
}

int ConnectorCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_catalog.size());
}

int ConnectorCatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogEntry &entry = m_catalog.entries().at(index.row());
    const qsizetype errors = std::count_if(entry.connector.diagnostics.cbegin(), entry.connector.diagnostics.cend(),
        [](const Diagnostic &d) { return d.isError(); });
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.connector.spec.name();
        case KeyColumn:
            return entry.key();
        case SourceColumn:
            return entry.overrides.isEmpty()
                ? connectorSourceName(entry.source)
                : tr("%1 (overrides %2)").arg(connectorSourceName(entry.source)).arg(entry.overrides.size());
        case StatusColumn:
            return errors == 0 ? tr("Ready") : tr("%n error(s)", nullptr, int(errors));
        }
        break;
    case Qt::ToolTipRole:
    case DiagnosticsTextRole: {
        QStringList lines;
        for (const Diagnostic &diagnostic : entry.connector.diagnostics)
            lines.append(diagnostic.toString());
        if (role == Qt::ToolTipRole && lines.isEmpty())
            return entry.connector.spec.folder();
        return lines.join(u'\n');
    }
    case Qt::AccessibleTextRole:
        return tr("%1, %2").arg(
            entry.connector.spec.name(), errors == 0 ? tr("valid") : tr("%n error(s)", nullptr, int(errors)));
    case IsValidRole:
        return entry.isValid();
    case FolderRole:
        return entry.connector.spec.folder();
    default:
        break;
    }
    return {};
}

QVariant ConnectorCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Connector");
    case KeyColumn:
        return tr("Key");
    case SourceColumn:
        return tr("Source");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace Authdesk
