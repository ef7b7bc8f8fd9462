#include "connectorcatalogmodel.h"

#include "connectorlogo.h"

#include <QApplication>
#include <QDir>
#include <QStyle>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

qsizetype errorCount(const CatalogEntry &entry)
{
    return std::count_if(entry.connector.diagnostics.cbegin(), entry.connector.diagnostics.cend(),
        [](const Diagnostic &d) { return d.isError(); });
}

// A theme icon, else the style's: offscreen and on Windows/macOS there is often no icon theme.
QIcon markIcon(const QString &themeName, QStyle::StandardPixmap fallback)
{
    QIcon icon = QIcon::fromTheme(themeName);
    if (icon.isNull()) {
        if (auto *application = qobject_cast<QApplication *>(QCoreApplication::instance()))
            icon = application->style()->standardIcon(fallback);
    }
    return icon;
}

bool isMarkedSource(const CatalogEntry &entry)
{
    return entry.source != ConnectorSource::Bundled || !entry.overrides.isEmpty();
}

} // namespace

ConnectorCatalogModel::ConnectorCatalogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConnectorCatalogModel::setCatalog(ConnectorCatalog catalog)
{
    beginResetModel();
    m_catalog = std::move(catalog);
    m_logos.clear();
    endResetModel();
}

void ConnectorCatalogModel::refreshLogos()
{
    m_logos.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn),
            {Qt::DecorationRole, LogoSourceRole, LogoFileRole});
}

int ConnectorCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_catalog.size());
}

int ConnectorCatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ConnectorCatalogModel::Logo &ConnectorCatalogModel::logo(const CatalogEntry &entry) const
{
    auto it = m_logos.find(entry.key());
    if (it == m_logos.end()) {
        ConnectorLogo::Source source = ConnectorLogo::Source::Monogram;
        Logo logo;
        logo.icon = ConnectorLogo::icon(entry.connector.spec, &source, &logo.file);
        switch (source) {
        case ConnectorLogo::Source::Folder:
            logo.source = u"folder"_s;
            break;
        case ConnectorLogo::Source::Cache:
            logo.source = u"cache"_s;
            break;
        case ConnectorLogo::Source::Monogram:
            logo.source = u"monogram"_s;
            break;
        }
        it = m_logos.insert(entry.key(), logo);
    }
    return *it;
}

QString ConnectorCatalogModel::sourceName(ConnectorSource source)
{
    switch (source) {
    case ConnectorSource::Bundled:
        return tr("bundled");
    case ConnectorSource::User:
        return tr("user");
    case ConnectorSource::Extra:
        return tr("extra");
    }
    return {};
}

QString ConnectorCatalogModel::sourceToolTip(const CatalogEntry &entry) const
{
    QString text;
    switch (entry.source) {
    case ConnectorSource::Bundled:
        text = tr("Bundled with Authdesk");
        break;
    case ConnectorSource::User:
        text = tr("From your connectors folder");
        break;
    case ConnectorSource::Extra:
        text = tr("From an extra connectors folder");
        break;
    }
    text += u'\n' + QDir::toNativeSeparators(entry.connector.spec.folder());
    if (!entry.overrides.isEmpty()) {
        QStringList folders;
        for (const QString &folder : entry.overrides)
            folders.append(QDir::toNativeSeparators(folder));
        text += u"\n\n"_s + tr("Overrides the connector with the same key in:") + u'\n' + folders.join(u'\n');
    }
    return text;
}

QString ConnectorCatalogModel::errorsToolTip(const CatalogEntry &entry) const
{
    QStringList lines;
    qsizetype errors = 0;
    for (const Diagnostic &diagnostic : entry.connector.diagnostics) {
        if (!diagnostic.isError())
            continue;
        if (++errors <= tooltipErrorCount)
            lines.append(diagnostic.toString());
    }
    if (errors > tooltipErrorCount)
        lines.append(tr("… and %n more", nullptr, int(errors - tooltipErrorCount)));
    return lines.join(u'\n');
}

QVariant ConnectorCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogEntry &entry = m_catalog.entries().at(index.row());
    const qsizetype errors = errorCount(entry);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.connector.spec.name();
        case KeyColumn:
            return entry.key();
        case SourceColumn:
            return entry.overrides.isEmpty()
                ? sourceName(entry.source)
                : tr("%1 (overrides %2)").arg(sourceName(entry.source)).arg(entry.overrides.size());
        case StatusColumn:
            return errors == 0 ? tr("Ready") : tr("%n error(s)", nullptr, int(errors));
        }
        break;
    case Qt::DecorationRole:
        switch (index.column()) {
        case NameColumn:
            return logo(entry).icon;
        case SourceColumn:
            if (!entry.overrides.isEmpty())
                return markIcon(u"emblem-important"_s, QStyle::SP_MessageBoxInformation);
            if (entry.source != ConnectorSource::Bundled)
                return markIcon(u"user-home"_s, QStyle::SP_DirHomeIcon);
            break;
        case StatusColumn:
            if (errors > 0)
                return markIcon(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning);
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn)
            return sourceToolTip(entry);
        if (errors > 0)
            return errorsToolTip(entry);
        return QDir::toNativeSeparators(entry.connector.spec.folder());
    case DiagnosticsTextRole: {
        QStringList lines;
        for (const Diagnostic &diagnostic : entry.connector.diagnostics)
            lines.append(diagnostic.toString());
        return lines.join(u'\n');
    }
    case Qt::AccessibleTextRole: {
        QString text = tr("%1, %2").arg(
            entry.connector.spec.name(), errors == 0 ? tr("valid") : tr("%n error(s)", nullptr, int(errors)));
        if (!entry.overrides.isEmpty())
            text += tr(", overrides another connector");
        else if (isMarkedSource(entry))
            text += tr(", %1 connector").arg(sourceName(entry.source));
        return text;
    }
    case IsValidRole:
        return entry.isValid();
    case FolderRole:
        return entry.connector.spec.folder();
    case ErrorCountRole:
        return int(errors);
    case OverridesRole:
        return entry.overrides;
    case LogoSourceRole:
        return logo(entry).source;
    case LogoFileRole:
        return logo(entry).file;
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
