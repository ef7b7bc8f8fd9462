#pragma once

#include <QStyledItemDelegate>

namespace Authdesk {

// Draws the status column of the connections table as a badge: the status text with an icon from
// the desktop's icon theme (or the style's standard icons), so it follows the system palette and
// dark mode, and the state does not rest on colour alone.
class ConnectionStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The icon for a status name of ConnectionStatuses (null for an unknown one).
    static QIcon iconFor(const QString &status, const QStyle *style);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Authdesk
