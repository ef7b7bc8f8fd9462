#pragma once

#include "connection/apirequest.h"
#include "support/result.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Authdesk {

class ApiRequestJob;
class ConnectionActions;
class ConnectionSession;

// The inspector's "API console": one request at a time through the connection's API client — the
// connector's makeApiClient with the live token, 401 -> one refresh and one retry — the same path
// `authdesk request` takes (ConnectionActions::openSession + ApiClient::request). Method, path
// (relative to the connector's API base) or absolute URL of the same origin, headers, query and a
// JSON body in; status, time taken, response headers and the pretty-printed JSON (or text) body out.
// Cancel stops a running request. Every exchange lands in the connection's HTTP log. The last
// requests are offered again in a history combo. Nothing blocks the GUI thread.
class ApiConsoleWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ApiConsoleWidget(QWidget *parent = nullptr);
    ~ApiConsoleWidget() override;

    // Who opens sessions (not owned). Set before send().
    void setActions(ConnectionActions *actions);
    // The connection requests go to; another one cancels a running request.
    void setConnection(const QString &name);
    const QString &connectionName() const { return m_connectionName; }

    // The request the form describes, or a usage error (bad JSON body, header without a name...).
    Result<ApiRequest> requestFromForm() const;
    void send();
    void cancel();
    bool isRunning() const { return m_running; }

    QComboBox *methodBox() const { return m_method; }
    QLineEdit *pathEdit() const { return m_path; }
    QTableWidget *headersTable() const { return m_headers; }
    QTableWidget *queryTable() const { return m_query; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }
    QComboBox *historyBox() const { return m_history; }
    QString statusText() const;
    QString responseHeadersText() const;
    QString responseBodyText() const;
    // The HTTP status of the last answer (0: none).
    int lastStatus() const { return m_lastStatus; }

Q_SIGNALS:
    // A request ended: answered (any status), failed or cancelled.
    void finished(bool succeeded);

private:
    void onSessionReady(int generation, const Result<ConnectionSession *> &session, const ApiRequest &request);
    void onJobFinished(ApiRequestJob *job);
    void setRunning(bool running);
    void showError(const QString &message);
    void remember(const ApiRequest &request);
    void restoreHistory(int index);
    static QTableWidget *makePairTable(
        const QString &objectName, const QString &accessibleName, const QString &keyTitle, QWidget *parent);

    QPointer<ConnectionActions> m_actions;
    QString m_connectionName;
    bool m_running = false;
    int m_generation = 0; // an answer for a cancelled or older request is dropped
    int m_lastStatus = 0;
    QPointer<ConnectionSession> m_session;
    QPointer<ApiRequestJob> m_job;
    QElapsedTimer m_elapsed;
    QList<ApiRequest> m_historyRequests;

    QComboBox *m_history;
    QComboBox *m_method;
    QLineEdit *m_path;
    QTableWidget *m_headers;
    QTableWidget *m_query;
    QPlainTextEdit *m_body;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QLabel *m_status;
    QPlainTextEdit *m_responseHeaders;
    QPlainTextEdit *m_responseBody;
};

} // namespace Authdesk
