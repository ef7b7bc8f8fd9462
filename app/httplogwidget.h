#pragma once

#include "store/httplog.h"
#include "support/httpexchange.h"

#include <QList>
#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace Authdesk {

// The inspector's "HTTP log" tab: the persistent, redacted log of one connection (HttpLog) as a
// table — time, method, URL, status, duration — newest first, with a filter box. Selecting a row shows
// the request and response headers and bodies (JSON pretty-printed). The file is watched, so what the
// refresher daemon, a command or the API console appends shows up by itself; Clear empties the log.
class HttpLogWidget : public QWidget
{
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, UrlColumn, StatusColumn, DurationColumn, ColumnCount };

    explicit HttpLogWidget(QWidget *parent = nullptr);

    // The log file to show (HttpLog::forConnection(...).filePath()); empty shows nothing.
    void setLogFile(const QString &filePath);
    const QString &logFile() const { return m_filePath; }
    // Reads the file again, off the GUI thread (also done when it changes on disk); reloaded() follows.
    void reload();
    // Asks first (a window-modal box: support may still need the log), then clears; what Clear does.
    QMessageBox *askToClear();
    // Empties the log file, then reloads.
    void clearLog();

    // What was read, oldest first (the table shows it newest first).
    const QList<HttpExchange> &entries() const { return m_entries; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterBox() const { return m_filter; }
    QPushButton *clearButton() const { return m_clear; }
    QString detailsText() const;
    // Selects the row that shows entries().at(index) (for tests and keyboard users).
    void selectEntry(qsizetype index);

    // The body as a reader wants it: JSON indented, other text as it is, binary as a note.
    static QString readableBody(const QByteArray &body);
    static QString describe(const HttpExchange &exchange);

Q_SIGNALS:
    // After every reload (the file changed, another connection, Clear).
    void reloaded();

private:
    void show(const Result<HttpLog::Contents> &contents);
    void showSelected();
    void watch();

    QString m_filePath;
    int m_readGeneration = 0; // a read for an earlier file or state is dropped
    QList<HttpExchange> m_entries;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLineEdit *m_filter;
    QPushButton *m_clear;
    QLabel *m_summary;
    QPlainTextEdit *m_details;
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadSoon; // one reload for a burst of change notifications
};

} // namespace Authdesk
