#include "apiconsolewidget.h"

#include "connectionactions.h"
#include "httplogwidget.h"

#include "connection/apiclient.h"
#include "connection/apierror.h"
#include "connection/apirequestjob.h"
#include "connection/connectionsession.h"
#include "support/redaction.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

constexpr int historyLimit = 20;

// Rows with a name; the table keeps one empty row at the end to type a new pair into.
QList<QPair<QString, QString>> pairs(const QTableWidget *table)
{
    QList<QPair<QString, QString>> result;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString key = table->item(row, 0) ? table->item(row, 0)->text().trimmed() : QString();
        const QString value = table->item(row, 1) ? table->item(row, 1)->text() : QString();
        if (!key.isEmpty() || !value.trimmed().isEmpty())
            result.append({key, value});
    }
    return result;
}

void setPairs(QTableWidget *table, const QJsonObject &values)
{
    table->setRowCount(0);
    for (auto it = values.begin(); it != values.end(); ++it) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(it.key()));
        table->setItem(row, 1, new QTableWidgetItem(it.value().toString()));
    }
    table->insertRow(table->rowCount());
}

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return {};
}

} // namespace

ApiConsoleWidget::ApiConsoleWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"apiConsole"_s);
    setAccessibleName(tr("API console"));
    auto *layout = new QVBoxLayout(this);

    m_history = new QComboBox(this);
    m_history->setObjectName(u"apiHistory"_s);
    m_history->setAccessibleName(tr("Recent requests"));
    m_history->setPlaceholderText(tr("Recent requests"));
    connect(m_history, &QComboBox::activated, this, &ApiConsoleWidget::restoreHistory);
    layout->addWidget(m_history);

    auto *line = new QHBoxLayout;
    m_method = new QComboBox(this);
    m_method->setObjectName(u"apiMethod"_s);
    m_method->setAccessibleName(tr("HTTP method"));
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    line->addWidget(m_method);
    m_path = new QLineEdit(this);
    m_path->setObjectName(u"apiPath"_s);
    m_path->setAccessibleName(tr("Path or URL"));
    m_path->setPlaceholderText(tr("/path relative to the connector's API, or a full URL"));
    connect(m_path, &QLineEdit::returnPressed, this, [this] {
        if (!m_running)
            send();
    });
    line->addWidget(m_path, 1);
    m_send = new QPushButton(tr("&Send"), this);
    m_send->setObjectName(u"apiSend"_s);
    m_send->setAccessibleName(tr("Send the request"));
    connect(m_send, &QPushButton::clicked, this, &ApiConsoleWidget::send);
    line->addWidget(m_send);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(u"apiCancel"_s);
    m_cancel->setAccessibleName(tr("Cancel the request"));
    connect(m_cancel, &QPushButton::clicked, this, &ApiConsoleWidget::cancel);
    line->addWidget(m_cancel);
    layout->addLayout(line);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *requestTabs = new QTabWidget(splitter);
    requestTabs->setAccessibleName(tr("Request parts"));
    m_headers = makePairTable(u"apiHeaders"_s, tr("Request headers"), tr("Header"), requestTabs);
    requestTabs->addTab(m_headers, tr("Headers"));
    m_query = makePairTable(u"apiQuery"_s, tr("Query parameters"), tr("Parameter"), requestTabs);
    requestTabs->addTab(m_query, tr("Query"));
    m_body = new QPlainTextEdit(requestTabs);
    m_body->setObjectName(u"apiBody"_s);
    m_body->setAccessibleName(tr("JSON body"));
    m_body->setPlaceholderText(tr("JSON body (leave empty for none)"));
    m_body->setTabChangesFocus(true);
    requestTabs->addTab(m_body, tr("Body"));

    auto *response = new QWidget(splitter);
    auto *responseLayout = new QVBoxLayout(response);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(response);
    m_status->setObjectName(u"apiStatus"_s);
    m_status->setAccessibleName(tr("Response status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setWordWrap(true);
    responseLayout->addWidget(m_status);
    auto *responseTabs = new QTabWidget(response);
    responseTabs->setAccessibleName(tr("Response parts"));
    m_responseBody = new QPlainTextEdit(responseTabs);
    m_responseBody->setObjectName(u"apiResponseBody"_s);
    m_responseBody->setAccessibleName(tr("Response body"));
    m_responseBody->setReadOnly(true);
    m_responseBody->setLineWrapMode(QPlainTextEdit::NoWrap);
    responseTabs->addTab(m_responseBody, tr("Body"));
    m_responseHeaders = new QPlainTextEdit(responseTabs);
    m_responseHeaders->setObjectName(u"apiResponseHeaders"_s);
    m_responseHeaders->setAccessibleName(tr("Response headers"));
    m_responseHeaders->setReadOnly(true);
    responseTabs->addTab(m_responseHeaders, tr("Headers"));
    responseLayout->addWidget(responseTabs, 1);
    splitter->addWidget(requestTabs);
    splitter->addWidget(response);
    layout->addWidget(splitter, 1);

    setRunning(false);
}

ApiConsoleWidget::~ApiConsoleWidget()
{
    // A request still on the wire ends with the console; its session goes with it.
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->kill();
    }
    if (m_session)
        m_session->deleteLater();
}

QTableWidget *ApiConsoleWidget::makePairTable(
    const QString &objectName, const QString &accessibleName, const QString &keyTitle, QWidget *parent)
{
    auto *table = new QTableWidget(1, 2, parent);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels({keyTitle, tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setAccessibleName(tr("%1 columns").arg(accessibleName));
    table->verticalHeader()->setAccessibleName(tr("%1 rows").arg(accessibleName));
    table->verticalHeader()->hide();
    table->setTabKeyNavigation(false);
    connect(table, &QTableWidget::itemChanged, table, [table](QTableWidgetItem *item) {
        if (item->row() == table->rowCount() - 1 && !item->text().isEmpty())
            table->insertRow(table->rowCount());
    });
    return table;
}

void ApiConsoleWidget::setActions(ConnectionActions *actions)
{
    m_actions = actions;
}

void ApiConsoleWidget::setConnection(const QString &name)
{
    if (name == m_connectionName)
        return;
    if (m_running)
        cancel();
    m_connectionName = name;
    m_status->clear();
    m_responseBody->clear();
    m_responseHeaders->clear();
    m_lastStatus = 0;
    setRunning(false);
}

Result<ApiRequest> ApiConsoleWidget::requestFromForm() const
{
    ApiRequest request;
    request.method = m_method->currentText().toUpper();
    request.path = m_path->text().trimmed();
    if (request.path.isEmpty())
        return Error(ErrorCode::Usage, tr("Give a path (such as /user) or a URL."));
    for (const auto &[name, value] : pairs(m_headers)) {
        if (name.isEmpty() || name.contains(u':') || name.contains(u' '))
            return Error(ErrorCode::Usage, tr("\"%1\" is not a header name.").arg(name));
        request.headers.insert(name, value);
    }
    for (const auto &[name, value] : pairs(m_query)) {
        if (name.isEmpty())
            return Error(ErrorCode::Usage, tr("A query parameter needs a name."));
        request.query.insert(name, value);
    }
    const QString body = m_body->toPlainText().trimmed();
    if (!body.isEmpty()) {
        // Wrapped in an array, so a bare string or number is a body too (as `authdesk request --data`).
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[" + body.toUtf8() + "]"), &error);
        if (error.error != QJsonParseError::NoError)
            return Error(ErrorCode::Usage, tr("The body is not JSON: %1").arg(error.errorString()));
        request.body = ApiRequestBody::fromJson(document.array().at(0));
    }
    return request;
}

void ApiConsoleWidget::send()
{
    if (m_running)
        return;
    if (m_connectionName.isEmpty() || !m_actions)
        return showError(tr("Select a connection first."));
    const auto request = requestFromForm();
    if (!request)
        return showError(request.error().message);
    remember(*request);
    const int generation = ++m_generation;
    m_lastStatus = 0;
    m_responseBody->clear();
    m_responseHeaders->clear();
    m_status->setText(tr("Sending %1 %2…").arg(request->method, Redaction::text(request->path)));
    setRunning(true);
    m_elapsed.start();
    const ApiRequest copy = *request;
    m_actions->openSession(m_connectionName,
        [this, generation, copy, guard = QPointer<ApiConsoleWidget>(this)](const Result<ConnectionSession *> &session) {
            if (!guard) {
                if (session)
                    (*session)->deleteLater();
                return;
            }
            onSessionReady(generation, session, copy);
        });
}

void ApiConsoleWidget::onSessionReady(
    int generation, const Result<ConnectionSession *> &session, const ApiRequest &request)
{
    if (generation != m_generation) { // cancelled meanwhile
        if (session)
            (*session)->deleteLater();
        return;
    }
    if (!session) {
        showError(tr("The connection could not be opened: %1").arg(ConnectionActions::describe(session.error())));
        setRunning(false);
        Q_EMIT finished(false);
        return;
    }
    m_session = *session;
    m_job = m_session->apiClient()->request(request);
    connect(m_job, &ApiRequestJob::finished, this, &ApiConsoleWidget::onJobFinished);
    m_job->start();
}

void ApiConsoleWidget::onJobFinished(ApiRequestJob *job)
{
    job->deleteLater();
    if (m_session)
        m_session->deleteLater();
    m_session = nullptr;
    m_job = nullptr;
    const qint64 elapsed = m_elapsed.elapsed();
    const std::optional<ApiResponse> &response = job->response();
    if (response) {
        m_lastStatus = response->status;
        QString headers;
        for (const auto &[name, value] : response->headers)
            headers += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
        m_responseHeaders->setPlainText(headers);
        const QString pretty = jsonText(response->json);
        m_responseBody->setPlainText(pretty.isEmpty() ? HttpLogWidget::readableBody(response->body) : pretty);
    }
    const bool cancelled = job->error() && job->error()->kind == ApiError::Kind::Cancelled;
    if (cancelled)
        m_status->setText(tr("Cancelled after %1 ms.").arg(elapsed));
    else if (job->error() && response)
        m_status->setText(tr("%1 in %2 ms (%3 attempt(s)) — %4")
                              .arg(response->status)
                              .arg(elapsed)
                              .arg(job->exchanges().size())
                              .arg(job->error()->message));
    else if (job->error())
        m_status->setText(tr("Failed after %1 ms: %2").arg(elapsed).arg(job->error()->message));
    else
        m_status->setText(
            tr("%1 in %2 ms (%3 attempt(s))").arg(response->status).arg(elapsed).arg(job->exchanges().size()));
    m_status->setAccessibleDescription(m_status->text());
    setRunning(false);
    Q_EMIT finished(!job->error());
}

void ApiConsoleWidget::cancel()
{
    if (!m_running)
        return;
    if (m_job) {
        m_job->kill(); // finished() follows with Cancelled
        return;
    }
    // Still opening the session: its answer will be dropped.
    ++m_generation;
    m_status->setText(tr("Cancelled."));
    setRunning(false);
    Q_EMIT finished(false);
}

void ApiConsoleWidget::setRunning(bool running)
{
    m_running = running;
    m_send->setEnabled(!running && !m_connectionName.isEmpty());
    m_cancel->setEnabled(running);
    m_method->setEnabled(!running);
    m_path->setReadOnly(running);
}

void ApiConsoleWidget::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setAccessibleDescription(message);
}

void ApiConsoleWidget::remember(const ApiRequest &request)
{
    const QString label = request.method + u' ' + request.path;
    for (qsizetype i = 0; i < m_historyRequests.size(); ++i) {
        if (m_historyRequests.at(i).method + u' ' + m_historyRequests.at(i).path == label) {
            m_historyRequests.removeAt(i);
            m_history->removeItem(int(i));
            break;
        }
    }
    m_historyRequests.prepend(request);
    m_history->insertItem(0, label);
    while (m_historyRequests.size() > historyLimit) {
        m_historyRequests.removeLast();
        m_history->removeItem(m_history->count() - 1);
    }
    m_history->setCurrentIndex(-1);
}

void ApiConsoleWidget::restoreHistory(int index)
{
    if (index < 0 || index >= m_historyRequests.size() || m_running)
        return;
    const ApiRequest &request = m_historyRequests.at(index);
    m_method->setCurrentText(request.method);
    m_path->setText(request.path);
    setPairs(m_headers, request.headers);
    setPairs(m_query, request.query);
    m_body->setPlainText(request.body.kind == ApiRequestBody::Kind::Json
            ? (request.body.json.isObject() || request.body.json.isArray()
                    ? jsonText(request.body.json)
                    : QString::fromUtf8(QJsonDocument(QJsonArray {request.body.json}).toJson(QJsonDocument::Compact))
                          .mid(1)
                          .chopped(1))
            : QString());
}

QString ApiConsoleWidget::statusText() const
{
    return m_status->text();
}

QString ApiConsoleWidget::responseHeadersText() const
{
    return m_responseHeaders->toPlainText();
}

QString ApiConsoleWidget::responseBodyText() const
{
    return m_responseBody->toPlainText();
}

} // namespace Authdesk
