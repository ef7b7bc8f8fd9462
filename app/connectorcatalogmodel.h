#pragma once

#include "catalog/connectorcatalog.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>

namespace Authdesk {

// The connectors of a catalog as a table: name (with the connector's logo, see ConnectorLogo), key,
// source (marked when the connector comes from the user's or an extra folder, or overrides another
// one), status (marked when the connector has errors; the tooltip lists the first ones).
class ConnectorCatalogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, KeyColumn, SourceColumn, StatusColumn, ColumnCount };
    enum Role {
        DiagnosticsTextRole = Qt::UserRole + 1,
        IsValidRole,
        FolderRole,
        ErrorCountRole, // int
        OverridesRole, // QStringList: the folders this connector overrides
        LogoSourceRole, // QString: "folder", "cache" or "monogram"
        LogoFileRole, // QString: the image file of the logo (empty for a monogram)
    };

    // How many errors the status tooltip lists before "and N more".
    static constexpr int tooltipErrorCount = 5;

    explicit ConnectorCatalogModel(QObject *parent = nullptr);

    void setCatalog(ConnectorCatalog catalog);
    const ConnectorCatalog &catalog() const { return m_catalog; }

    // Looks for logos again (e.g. after a logoUri image was downloaded into the cache).
    void refreshLogos();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Logo
    {
        QIcon icon;
        QString source;
        QString file;
    };
    const Logo &logo(const CatalogEntry &entry) const;
    // "bundled", "user" or "extra", translated.
    static QString sourceName(ConnectorSource source);
    QString sourceToolTip(const CatalogEntry &entry) const;
    QString errorsToolTip(const CatalogEntry &entry) const;

    ConnectorCatalog m_catalog;
    // Logos are looked up (and monograms painted) once per connector, when first shown.
    mutable QHash<QString, Logo> m_logos;
};

} // namespace Authdesk
