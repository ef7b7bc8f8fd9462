#pragma once

#include "catalog/connectorcatalog.h"

#include <QAbstractTableModel>

namespace Authdesk {

// The connectors of a catalog as a table: name, key, source, status.
class ConnectorCatalogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, KeyColumn, SourceColumn, StatusColumn, ColumnCount };
    enum Role { DiagnosticsTextRole = Qt::UserRole + 1, IsValidRole, FolderRole };

    explicit ConnectorCatalogModel(QObject *parent = nullptr);

    void setCatalog(ConnectorCatalog catalog);
    const ConnectorCatalog &catalog() const { return m_catalog; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ConnectorCatalog m_catalog;
};

} // namespace Authdesk
