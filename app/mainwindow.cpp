#include "mainwindow.h"

#include "connectorcatalogmodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Authdesk {

MainWindow::MainWindow(ConnectorSearchPath searchPath, QWidget *parent)
    : QMainWindow(parent)
    , m_searchPath(std::move(searchPath))
    , m_model(new ConnectorCatalogModel(this))
    , m_filter(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Authdesk"));
    setObjectName(u"mainWindow"_s);

    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_search = new QLineEdit(central);
    m_search->setObjectName(u"connectorSearch"_s);
    m_search->setPlaceholderText(tr("Search connectors"));
    m_search->setAccessibleName(tr("Search connectors"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_search);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    m_view = new QTableView(splitter);
    m_view->setObjectName(u"connectorView"_s);
    m_view->setAccessibleName(tr("Connectors"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConnectorCatalogModel::NameColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showSelectedConnector);

    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(u"connectorDetails"_s);
    m_details->setAccessibleName(tr("Connector details"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a connector to see its folder and any validation errors."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);
    setCentralWidget(central);

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *reload = fileMenu->addAction(tr("&Reload connectors"));
    reload->setShortcut(QKeySequence::Refresh);
    connect(reload, &QAction::triggered, this, &MainWindow::reloadConnectors);
    fileMenu->addSeparator();
    auto *quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    resize(820, 560);
    reloadConnectors();
}

void MainWindow::reloadConnectors()
{
    m_model->setCatalog(ConnectorCatalog::load(m_searchPath));
    const qsizetype invalid = m_model->catalog().invalidCount();
    statusBar()->showMessage(invalid == 0
            ? tr("%n connector(s) loaded", nullptr, int(m_model->catalog().size()))
            : tr("%n connector(s) loaded, %1 with errors", nullptr, int(m_model->catalog().size())).arg(invalid));
    showSelectedConnector();
}

void MainWindow::showSelectedConnector()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const QModelIndex source = m_filter->mapToSource(current);
    const QString folder = m_model->data(source, ConnectorCatalogModel::FolderRole).toString();
    const QString diagnostics = m_model->data(source, ConnectorCatalogModel::DiagnosticsTextRole).toString();
    m_details->setPlainText(
        tr("Folder: %1\n\n%2").arg(folder, diagnostics.isEmpty() ? tr("No problems found.") : diagnostics));
}

} // namespace Authdesk
