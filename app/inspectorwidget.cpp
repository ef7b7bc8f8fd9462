#include "inspectorwidget.h"

#include "apiconsolewidget.h"
#include "connectionactions.h"
#include "httplogwidget.h"

#include "connection/profilecontext.h"
#include "connection/supportbundle.h"
#include "store/httplog.h"
#include "store/secretjob.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/jwt.h"
#include "support/redaction.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QString localTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat) : InspectorWidget::tr("unknown");
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

InspectorWidget::InspectorWidget(ProfileContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"inspector"_s);
    setAccessibleName(tr("Connection inspector"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder = new QLabel(tr("Select a connection to inspect it."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_placeholder);
    m_tabs->setAccessibleName(tr("Inspector sections"));
    layout->addWidget(m_tabs);

    auto *overview = new QWidget(m_tabs);
    auto *form = new QFormLayout(overview);
    m_connector = addRow(form, tr("Connector"), u"connector"_s);
    m_status = addRow(form, tr("Status"), u"status"_s);
    m_scopesRequested = addRow(form, tr("Scopes requested"), u"scopesRequested"_s);
    m_scopesGranted = addRow(form, tr("Scopes granted"), u"scopesGranted"_s);
    m_created = addRow(form, tr("Created"), u"created"_s);
    m_obtained = addRow(form, tr("Obtained"), u"obtained"_s);
    m_expires = addRow(form, tr("Expires"), u"expires"_s);
    m_exportBundle = new QPushButton(tr("E&xport support bundle…"), overview);
    m_exportBundle->setObjectName(u"exportBundleButton"_s);
    m_exportBundle->setAccessibleName(tr("Export support bundle"));
    m_exportBundle->setToolTip(
        tr("Save this connection's state, history and HTTP log, without any secret, for a support ticket"));
    connect(m_exportBundle, &QPushButton::clicked, this, &InspectorWidget::askToExportBundle);
    form->addRow(m_exportBundle);
    m_tabs->addTab(overview, tr("Overview"));

    auto *credentials = new QWidget(m_tabs);
    auto *credentialsLayout = new QVBoxLayout(credentials);
    m_credentialsView = new QPlainTextEdit(credentials);
    m_credentialsView->setObjectName(u"credentialsView"_s);
    m_credentialsView->setAccessibleName(tr("Credentials"));
    m_credentialsView->setReadOnly(true);
    credentialsLayout->addWidget(m_credentialsView);
    m_reveal = new QPushButton(tr("&Reveal secrets…"), credentials);
    m_reveal->setObjectName(u"revealButton"_s);
    m_reveal->setAccessibleName(tr("Reveal secrets"));
    connect(m_reveal, &QPushButton::clicked, this, [this] { m_revealed ? setRevealed(false) : askToReveal(); });
    credentialsLayout->addWidget(m_reveal, 0, Qt::AlignLeft);
    m_tabs->addTab(credentials, tr("Credentials"));

    m_tokensView = new QPlainTextEdit(m_tabs);
    m_tokensView->setObjectName(u"tokensView"_s);
    m_tokensView->setAccessibleName(tr("Decoded tokens"));
    m_tokensView->setReadOnly(true);
    m_tabs->addTab(m_tokensView, tr("Tokens"));

    m_history = new QTableWidget(0, 3, m_tabs);
    m_history->setObjectName(u"historyTable"_s);
    m_history->setAccessibleName(tr("History"));
    m_history->setHorizontalHeaderLabels({tr("Time"), tr("Event"), tr("Message")});
    m_history->horizontalHeader()->setAccessibleName(tr("History columns"));
    m_history->verticalHeader()->setAccessibleName(tr("History rows"));
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setTabKeyNavigation(false);
    m_tabs->addTab(m_history, tr("History"));

    m_httpLog = new HttpLogWidget(m_tabs);
    m_tabs->addTab(m_httpLog, tr("HTTP log"));
    m_apiConsole = new ApiConsoleWidget(m_tabs);
    m_tabs->addTab(m_apiConsole, tr("API console"));

    setConnection(nullptr);
}

QLabel *InspectorWidget::addRow(QFormLayout *form, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setAccessibleName(label);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    form->addRow(label, value);
    return value;
}

void InspectorWidget::setConnection(const ConnectionRecord *record)
{
    m_placeholder->setVisible(!record);
    m_tabs->setVisible(record);
    if (!record) {
        m_record = {};
        m_credentials = {};
        ++m_readGeneration;
        setRevealed(false);
        m_httpLog->setLogFile({});
        m_apiConsole->setConnection({});
        return;
    }
    const bool other = record->id != m_record.id;
    const bool newCredentials = other || record->obtainedAt != m_record.obtainedAt;
    m_record = *record;
    showOverview();
    showHistory();
    if (other)
        m_httpLog->setLogFile(HttpLog::forConnection(m_context->profile(), m_record.id).filePath());
    m_apiConsole->setActions(actions());
    m_apiConsole->setConnection(m_record.name);
    if (other) {
        m_credentials = {};
        setRevealed(false); // reveal holds for one connection only
    }
    if (newCredentials)
        readCredentials();
}

void InspectorWidget::showOverview()
{
    m_connector->setText(m_record.authOptionKey.isEmpty() ? m_record.connectorKey
                                                          : tr("%1 (option %2)").arg(m_record.connectorKey, m_record.authOptionKey));
    m_status->setText(m_record.status);
    m_scopesRequested->setText(m_record.scopesRequested.isEmpty() ? tr("(none)") : m_record.scopesRequested.join(u' '));
    // Granted differs from requested when the provider narrowed (or widened) the grant: say which.
    QStringList granted;
    for (const QString &scope : std::as_const(m_record.scopesGranted))
        granted.append(m_record.scopesRequested.isEmpty() || m_record.scopesRequested.contains(scope) ? scope : tr("%1 (not requested)").arg(scope));
    for (const QString &scope : std::as_const(m_record.scopesRequested)) {
        if (!m_record.scopesGranted.isEmpty() && !m_record.scopesGranted.contains(scope))
            granted.append(tr("%1 (not granted)").arg(scope));
    }
    m_scopesGranted->setText(granted.isEmpty() ? tr("(not reported by the provider)") : granted.join(u' '));
    m_created->setText(localTime(m_record.createdAt));
    m_obtained->setText(localTime(m_record.obtainedAt));
    m_expires->setText(localTime(m_record.expiresAt));
}

void InspectorWidget::showHistory()
{
    m_history->setRowCount(int(m_record.history.size()));
    // Newest first: what happened last is what a support person asks about.
    for (qsizetype i = 0; i < m_record.history.size(); ++i) {
        const ConnectionRecord::Event &event = m_record.history.at(m_record.history.size() - 1 - i);
        m_history->setItem(int(i), 0, new QTableWidgetItem(localTime(event.time)));
        m_history->setItem(int(i), 1, new QTableWidgetItem(event.kind));
        m_history->setItem(int(i), 2, new QTableWidgetItem(event.message));
    }
    m_history->resizeColumnsToContents();
}

void InspectorWidget::readCredentials()
{
    const int generation = ++m_readGeneration;
    m_credentialsError.clear();
    m_credentialsView->setPlainText(tr("Reading the keychain…"));
    m_tokensView->clear();
    SecretJob *job = m_context->secrets()->read(SecretStore::Kind::ConnectionCredentials, m_record.id);
    connect(job, &SecretJob::finished, this, [this, generation](const SecretJob::Outcome &outcome) {
        if (generation != m_readGeneration)
            return;
        if (outcome)
            m_credentials = *outcome;
        else if (outcome.error().toError().code == ErrorCode::NotFound)
            m_credentialsError = tr("Nothing is stored in the keychain for this connection.");
        else
            m_credentialsError = outcome.error().toError().message;
        showCredentials();
        Q_EMIT credentialsLoaded();
    });
    job->start();
}

void InspectorWidget::showCredentials()
{
    if (!m_credentialsError.isEmpty()) {
        m_credentialsView->setPlainText(m_credentialsError);
        m_tokensView->clear();
        return;
    }
    m_credentialsView->setPlainText(jsonText(m_revealed ? m_credentials : Redaction::json(m_credentials).toObject()));
    // A JWT's header and claims are what the provider tells the client anyway; the signature (which
    // is what makes it usable) is not shown.
    QString tokens;
    for (const QString &field : {u"access_token"_s, u"id_token"_s}) {
        const auto jwt = JwtParts::decode(m_credentials.value(field).toString());
        if (!jwt)
            continue;
        tokens += field + u'\n' + tr("Header:") + u'\n' + jsonText(jwt->header) + tr("Claims:") + u'\n' + jsonText(jwt->claims);
        if (const QJsonValue exp = jwt->claims.value(u"exp"_s); exp.isDouble())
            tokens += tr("Expires (exp): %1").arg(localTime(QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC))) + u'\n';
        tokens += u'\n';
    }
    m_tokensView->setPlainText(tokens.isEmpty() ? tr("No JWT among the tokens (opaque tokens cannot be decoded).") : tokens);
}

void InspectorWidget::askToReveal()
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Reveal secrets?"),
        tr("Show the tokens and secrets of %1 in clear text? Anyone who sees them can use the account. "
           "Do not share a screenshot of them.")
            .arg(m_record.name),
        QMessageBox::NoButton, this);
    box->setObjectName(u"revealConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("&Reveal"), QMessageBox::AcceptRole);
    yes->setObjectName(u"confirmReveal"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    const QString id = m_record.id;
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, id](QAbstractButton *clicked) {
        if (clicked == yes && id == m_record.id)
            setRevealed(true);
    });
    box->open();
}

void InspectorWidget::setRevealed(bool revealed)
{
    m_revealed = revealed;
    m_reveal->setText(revealed ? tr("&Hide secrets") : tr("&Reveal secrets…"));
    m_reveal->setAccessibleName(revealed ? tr("Hide secrets") : tr("Reveal secrets"));
    showCredentials();
}

void InspectorWidget::setActions(ConnectionActions *actions)
{
    m_actions = actions;
    m_apiConsole->setActions(actions);
}

ConnectionActions *InspectorWidget::actions()
{
    if (!m_actions)
        m_actions = new ConnectionActions(m_context, this);
    return m_actions;
}

void InspectorWidget::askToExportBundle()
{
    if (m_record.id.isEmpty())
        return;
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    auto *dialog = new QFileDialog(this, tr("Export support bundle"),
        QDir(folder).filePath(SupportBundle::suggestedFileName(m_record.name, m_context->clock().nowUtc())),
        tr("JSON files (*.json)"));
    dialog->setObjectName(u"bundleFileDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"json"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    const QString id = m_record.id;
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString &file) {
        if (id == m_record.id)
            exportBundleTo(file);
    });
    dialog->open();
}

void InspectorWidget::exportBundleTo(const QString &filePath)
{
    if (m_record.name.isEmpty() || m_bundle)
        return;
    m_exportBundle->setEnabled(false);
    m_bundle = new SupportBundle(m_context, m_record.name, this);
    connect(m_bundle, &SupportBundle::finished, this, [this, filePath](SupportBundle *done) {
        done->deleteLater();
        m_exportBundle->setEnabled(true);
        if (done->error()) {
            Q_EMIT bundleExported(false, filePath,
                tr("The support bundle could not be made: %1").arg(ConnectionActions::describe(*done->error())));
            return;
        }
        QSaveFile file(filePath);
        // Only for the user: it still holds response bodies, e-mail addresses and paths.
        if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(done->toJson()) < 0 || !file.commit()) {
            Q_EMIT bundleExported(false, filePath,
                tr("The support bundle could not be saved to %1: %2").arg(filePath, file.errorString()));
            return;
        }
        Q_EMIT bundleExported(true, filePath, tr("Support bundle saved to %1.").arg(filePath));
    });
    m_bundle->start();
}

QString InspectorWidget::credentialsText() const
{
    return m_credentialsView->toPlainText();
}

QString InspectorWidget::tokensText() const
{
    return m_tokensView->toPlainText();
}

} // namespace Authdesk
