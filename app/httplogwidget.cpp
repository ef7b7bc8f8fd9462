#include "httplogwidget.h"

#include "store/profile.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <optional>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr int EntryRole = Qt::UserRole + 1;

QString headersText(const QList<QPair<QString, QString>> &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += name + u": "_s + value + u'\n';
    return text;
}

} // namespace

HttpLogWidget::HttpLogWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadSoon(new QTimer(this))
{
    setObjectName(u"httpLog"_s);
    setAccessibleName(tr("HTTP log"));
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Method"), tr("URL"), tr("Status"), tr("Duration")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"httpLogFilter"_s);
    m_filter->setAccessibleName(tr("Filter the HTTP log"));
    m_filter->setPlaceholderText(tr("Filter by method, URL or status…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    bar->addWidget(m_filter, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"httpLogSummary"_s);
    m_summary->setAccessibleName(tr("HTTP log summary"));
    bar->addWidget(m_summary);
    m_clear = new QPushButton(tr("C&lear"), this);
    m_clear->setObjectName(u"httpLogClear"_s);
    m_clear->setAccessibleName(tr("Clear the HTTP log"));
    m_clear->setToolTip(tr("Delete the recorded requests of this connection"));
    connect(m_clear, &QPushButton::clicked, this, &HttpLogWidget::askToClear);
    bar->addWidget(m_clear);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(u"httpLogTable"_s);
    m_table->setAccessibleName(tr("Recorded requests"));
    m_table->setModel(m_proxy);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setAccessibleName(tr("HTTP log rows"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(UrlColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setAccessibleName(tr("HTTP log columns"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HttpLogWidget::showSelected);
    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(u"httpLogDetails"_s);
    m_details->setAccessibleName(tr("Request and response"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("Select a request to see its headers and bodies."));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    layout->addWidget(splitter, 1);

    // A QSaveFile rename replaces the watched file: watch the folder too, and re-add the file.
    m_reloadSoon->setSingleShot(true);
    m_reloadSoon->setInterval(50);
    connect(m_reloadSoon, &QTimer::timeout, this, &HttpLogWidget::reload);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadSoon, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadSoon, qOverload<>(&QTimer::start));
    setLogFile({});
}

void HttpLogWidget::setLogFile(const QString &filePath)
{
    if (filePath == m_filePath && !filePath.isEmpty())
        return reload();
    m_filePath = filePath;
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_filter->clear();
    reload();
}

void HttpLogWidget::watch()
{
    if (m_filePath.isEmpty())
        return;
    // The folder is made (private) now if no exchange was recorded yet, so its first file is noticed.
    const QString folder = QFileInfo(m_filePath).absolutePath();
    if (!QFileInfo::exists(folder))
        (void)Profile::ensurePrivateDir(folder);
    if (QFileInfo::exists(folder) && !m_watcher->directories().contains(folder))
        m_watcher->addPath(folder);
    if (QFileInfo::exists(m_filePath) && !m_watcher->files().contains(m_filePath))
        m_watcher->addPath(m_filePath);
}

void HttpLogWidget::reload()
{
    const int generation = ++m_readGeneration;
    watch();
    if (m_filePath.isEmpty())
        return show(HttpLog::Contents());
    auto *watcher = new QFutureWatcher<Result<HttpLog::Contents>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_readGeneration)
            show(watcher->result());
    });
    watcher->setFuture(HttpLog(m_filePath).readLater());
}

void HttpLogWidget::show(const Result<HttpLog::Contents> &contents)
{
    // Keep the selected exchange selected across a reload (a new request arriving must not lose it).
    std::optional<HttpExchange> selected;
    if (const QModelIndex current = m_table->currentIndex(); current.isValid()) {
        const qsizetype index = m_proxy->index(current.row(), 0).data(EntryRole).toLongLong();
        if (index >= 0 && index < m_entries.size())
            selected = m_entries.at(index);
    }

    m_entries.clear();
    QString problem;
    int damaged = 0;
    if (contents) {
        m_entries = contents->entries;
        damaged = contents->damagedLines;
    } else {
        problem = contents.error().message;
    }

    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    int reselect = -1;
    // Newest first: what happened last is what a support person asks about.
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        const HttpExchange &exchange = m_entries.at(i);
        auto *time = new QStandardItem(exchange.startedAt.isValid()
                ? locale.toString(exchange.startedAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss.zzz"_s)
                : tr("unknown"));
        time->setData(qlonglong(i), EntryRole);
        auto *status = new QStandardItem(exchange.status ? QString::number(exchange.status) : tr("no response"));
        if (!exchange.error.isEmpty())
            status->setToolTip(exchange.error);
        auto *url = new QStandardItem(exchange.url);
        url->setToolTip(exchange.url);
        m_model->appendRow({time, new QStandardItem(exchange.method), url, status,
            new QStandardItem(tr("%1 ms").arg(exchange.durationMs))});
        if (selected && reselect < 0 && exchange.startedAt == selected->startedAt && exchange.url == selected->url
            && exchange.method == selected->method)
            reselect = m_model->rowCount() - 1;
    }
    m_table->resizeColumnToContents(TimeColumn);
    m_table->resizeColumnToContents(MethodColumn);
    m_table->resizeColumnToContents(StatusColumn);

    if (!problem.isEmpty())
        m_summary->setText(problem);
    else if (damaged)
        m_summary->setText(tr("%n request(s)", nullptr, int(m_entries.size())) + u"; "_s
            + tr("%n damaged line(s) skipped", nullptr, damaged));
    else
        m_summary->setText(tr("%n request(s)", nullptr, int(m_entries.size())));
    m_clear->setEnabled(!m_entries.isEmpty() || damaged);

    if (reselect >= 0) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(reselect, 0));
        if (index.isValid())
            m_table->setCurrentIndex(index);
    }
    showSelected();
    Q_EMIT reloaded();
}

QMessageBox *HttpLogWidget::askToClear()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Clear the HTTP log"),
        tr("Delete the %n recorded request(s) of this connection? They cannot be brought back, and a "
           "support bundle exported later will not have them.", nullptr, int(m_entries.size())),
        QMessageBox::Cancel, this);
    box->setObjectName(u"httpLogClearConfirmation"_s);
    QPushButton *clear = box->addButton(tr("C&lear"), QMessageBox::DestructiveRole);
    clear->setObjectName(u"confirmHttpLogClear"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setWindowModality(Qt::WindowModal);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, clear](QAbstractButton *button) {
        if (button == clear)
            clearLog();
    });
    box->open();
    return box;
}

void HttpLogWidget::clearLog()
{
    if (m_filePath.isEmpty())
        return;
    m_table->setCurrentIndex({});
    // Queued: the reload that follows reads the file after the clear.
    auto *watcher = new QFutureWatcher<Result<bool>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (const Result<bool> cleared = watcher->result(); !cleared)
            m_summary->setText(cleared.error().message);
    });
    watcher->setFuture(HttpLog(m_filePath).clearLater());
    reload();
}

void HttpLogWidget::selectEntry(qsizetype index)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(EntryRole).toLongLong() == index) {
            m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
            return;
        }
    }
}

void HttpLogWidget::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const qsizetype index = m_proxy->index(current.row(), 0).data(EntryRole).toLongLong();
    if (index < 0 || index >= m_entries.size()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(describe(m_entries.at(index)));
}

QString HttpLogWidget::detailsText() const
{
    return m_details->toPlainText();
}

QString HttpLogWidget::readableBody(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(body);
    if (decoder.hasError())
        return tr("(%n byte(s) of binary data)", nullptr, int(body.size()));
    return text;
}

QString HttpLogWidget::describe(const HttpExchange &exchange)
{
    QString text = exchange.method + u' ' + exchange.url + u'\n';
    text += headersText(exchange.requestHeaders);
    if (const QString body = readableBody(exchange.requestBody); !body.isEmpty())
        text += u'\n' + body + u'\n';
    text += u"\n"_s;
    if (exchange.status)
        text += tr("Response: %1 after %2 ms").arg(exchange.status).arg(exchange.durationMs) + u'\n';
    else
        text += tr("No response after %1 ms").arg(exchange.durationMs) + u'\n';
    if (!exchange.error.isEmpty())
        text += tr("Error: %1").arg(exchange.error) + u'\n';
    text += headersText(exchange.responseHeaders);
    if (const QString body = readableBody(exchange.responseBody); !body.isEmpty())
        text += u'\n' + body;
    return text;
}

} // namespace Authdesk
