#pragma once

#include "catalog/connectorsearchpath.h"

#include <QMainWindow>

class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Authdesk {

class ConnectorCatalogModel;

// The main window: for now the connector catalog with a search field and the validation errors of
// the selected connector (the full GUI comes with the connections).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConnectorSearchPath searchPath, QWidget *parent = nullptr);

    ConnectorCatalogModel *catalogModel() const { return m_model; }
    QTableView *connectorView() const { return m_view; }

    void reloadConnectors();

private:
    void showSelectedConnector();

    ConnectorSearchPath m_searchPath;
    ConnectorCatalogModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace Authdesk
