#include "connectionstatusdelegate.h"

#include "connection/connectionlistmodel.h"
#include "connection/connectionstatus.h"

#include <QApplication>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace Authdesk {

QIcon ConnectionStatusDelegate::iconFor(const QString &status, const QStyle *style)
{
    const auto parsed = ConnectionStatuses::fromString(status);
    if (!parsed || !style)
        return {};
    const auto themed = [style](const QString &name, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(name, style->standardIcon(fallback));
    };
    switch (*parsed) {
    case ConnectionStatus::Ready:
        return themed(u"emblem-ok-symbolic"_s, QStyle::SP_DialogApplyButton);
    case ConnectionStatus::Connecting:
    case ConnectionStatus::Refreshing:
        return themed(u"view-refresh-symbolic"_s, QStyle::SP_BrowserReload);
    case ConnectionStatus::NeedsReconnect:
    case ConnectionStatus::Expired:
        return themed(u"dialog-warning-symbolic"_s, QStyle::SP_MessageBoxWarning);
    case ConnectionStatus::Error:
        return themed(u"dialog-error-symbolic"_s, QStyle::SP_MessageBoxCritical);
    }
    return {};
}

void ConnectionStatusDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
    const QIcon icon = iconFor(index.data(ConnectionListModel::StatusRole).toString(), style);
    if (icon.isNull())
        return;
    option->icon = icon;
    option->features |= QStyleOptionViewItem::HasDecoration;
    const int size = style->pixelMetric(QStyle::PM_SmallIconSize, option, option->widget);
    option->decorationSize = QSize(size, size);
}

} // namespace Authdesk
