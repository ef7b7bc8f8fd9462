#include "connectdialog.h"

#include "browserlauncher.h"
#include "connectionactions.h"
#include "connectioninputform.h"

#include "connection/connectjob.h"
#include "connection/profilecontext.h"
#include "support/logging.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectDialog::ConnectDialog(ProfileContext *context, ConnectionActions *actions, ConnectorSpec spec, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_actions(actions)
    , m_spec(std::move(spec))
    , m_countdown(new QTimer(this))
{
    setObjectName(u"connectDialog"_s);
    setWindowTitle(tr("Connect to %1").arg(m_spec.name()));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(makeFormPage());
    m_pages->addWidget(makeWaitingPage());
    m_pages->addWidget(makeResultPage());
    layout->addWidget(m_pages);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &ConnectDialog::updateTimeLeft);

    // The option picker depends on the connector parameters (an option's `enabled` formula reads them).
    m_actions->loadConnectorParameters(m_spec, this, [this](const Result<QJsonObject> &parameters) {
        if (!parameters) {
            m_formErrors->setText(ConnectionActions::describe(parameters.error()));
            m_formErrors->show();
            return;
        }
        onParameters(*parameters);
    });
}

ConnectDialog::~ConnectDialog()
{
    if (m_job && !m_job->isFinished()) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
    }
}

QWidget *ConnectDialog::makeFormPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"formPage"_s);
    auto *layout = new QVBoxLayout(page);

    auto *intro = new QLabel(tr("Connect an account at <b>%1</b>. Your browser opens to sign in; Authdesk never sees your password there.")
                                 .arg(m_spec.name().toHtmlEscaped()),
        page);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *common = new QFormLayout;
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"connectionName"_s);
    m_name->setAccessibleName(tr("Connection name"));
    m_name->setPlaceholderText(m_spec.key());
    common->addRow(tr("Connection &name"), m_name);
    m_optionPicker = new QComboBox(page);
    m_optionPicker->setObjectName(u"authOption"_s);
    m_optionPicker->setAccessibleName(tr("Way to connect"));
    m_optionLabel = new QLabel(tr("&Way to connect"), page);
    m_optionLabel->setBuddy(m_optionPicker);
    common->addRow(m_optionLabel, m_optionPicker);
    m_optionLabel->hide();
    m_optionPicker->hide();
    connect(m_optionPicker, &QComboBox::currentIndexChanged, this, &ConnectDialog::showOption);
    layout->addLayout(common);

    m_formHolder = new QVBoxLayout;
    layout->addLayout(m_formHolder);

    m_help = new QLabel(page);
    m_help->setObjectName(u"helpLink"_s);
    m_help->setOpenExternalLinks(true);
    m_help->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_help->hide();
    layout->addWidget(m_help);

    m_formErrors = new QLabel(page);
    m_formErrors->setObjectName(u"formErrors"_s);
    m_formErrors->setAccessibleName(tr("Problems"));
    m_formErrors->setWordWrap(true);
    m_formErrors->hide();
    layout->addWidget(m_formErrors);
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(page);
    m_connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(u"connectButton"_s);
    m_connectButton->setEnabled(false); // until the connector parameters are loaded
    m_connectButton->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::startConnect);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    layout->addWidget(buttons);
    return page;
}

QWidget *ConnectDialog::makeWaitingPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"waitingPage"_s);
    auto *layout = new QVBoxLayout(page);
    auto *title = new QLabel(tr("<b>Waiting for your browser</b>"), page);
    layout->addWidget(title);
    m_progress = new QLabel(tr("Preparing the sign-in…"), page);
    m_progress->setObjectName(u"progress"_s);
    m_progress->setWordWrap(true);
    layout->addWidget(m_progress);
    auto *explain = new QLabel(tr("Sign in and allow access in the browser window. If no browser opened, copy this address into one:"), page);
    explain->setWordWrap(true);
    layout->addWidget(explain);

    auto *urlRow = new QHBoxLayout;
    m_url = new QLineEdit(page);
    m_url->setObjectName(u"authorizationUrl"_s);
    m_url->setAccessibleName(tr("Sign-in address"));
    m_url->setReadOnly(true);
    urlRow->addWidget(m_url);
    auto *copy = new QPushButton(tr("C&opy"), page);
    copy->setObjectName(u"copyUrlButton"_s);
    copy->setAccessibleName(tr("Copy the sign-in address"));
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_url->text()); });
    urlRow->addWidget(copy);
    layout->addLayout(urlRow);

    m_timeLeft = new QLabel(page);
    m_timeLeft->setObjectName(u"timeLeft"_s);
    layout->addWidget(m_timeLeft);
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(page);
    auto *reopen = buttons->addButton(tr("Open &again"), QDialogButtonBox::ActionRole);
    reopen->setObjectName(u"openAgainButton"_s);
    connect(reopen, &QPushButton::clicked, this, &ConnectDialog::openBrowser);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    connect(cancel, &QPushButton::clicked, this, &ConnectDialog::reject);
    layout->addWidget(buttons);
    return page;
}

QWidget *ConnectDialog::makeResultPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"resultPage"_s);
    auto *layout = new QVBoxLayout(page);
    m_resultTitle = new QLabel(page);
    m_resultTitle->setObjectName(u"resultTitle"_s);
    layout->addWidget(m_resultTitle);
    m_resultText = new QLabel(page);
    m_resultText->setObjectName(u"resultText"_s);
    m_resultText->setAccessibleName(tr("Outcome"));
    m_resultText->setWordWrap(true);
    m_resultText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_resultText);
    layout->addStretch();
    auto *buttons = new QDialogButtonBox(page);
    m_retryButton = buttons->addButton(tr("&Try again"), QDialogButtonBox::ActionRole);
    m_retryButton->setObjectName(u"retryButton"_s);
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        m_formErrors->hide();
        m_pages->setCurrentIndex(FormPage);
    });
    auto *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(u"closeButton"_s);
    connect(close, &QPushButton::clicked, this, [this] { m_succeeded ? accept() : QDialog::reject(); });
    layout->addWidget(buttons);
    return page;
}

void ConnectDialog::setReconnect(const ConnectionRecord &record)
{
    m_reconnect = record;
    setWindowTitle(tr("Reconnect %1").arg(record.name));
    m_name->setText(record.name);
    m_name->setReadOnly(true);
    if (m_form)
        m_form->setValues(record.input);
    const int option = m_optionPicker->findData(record.authOptionKey);
    if (option >= 0)
        m_optionPicker->setCurrentIndex(option);
    m_optionPicker->setEnabled(false);
}

void ConnectDialog::onParameters(const QJsonObject &parameters)
{
    m_parameters = parameters;
    const auto keys = m_spec.availableOptionKeys(m_spec.connectorParametersWithDefaults(parameters));
    if (!keys) {
        m_formErrors->setText(ConnectionActions::describe(keys.error()));
        m_formErrors->show();
        return;
    }
    {
        const QSignalBlocker blocker(m_optionPicker);
        for (const QString &key : *keys) {
            QString title;
            if (key.isEmpty()) {
                title = m_spec.auth().title.isEmpty() ? tr("Default") : m_spec.auth().title;
            } else {
                for (const AuthOption &option : m_spec.options()) {
                    if (option.key == key)
                        title = option.auth.title.isEmpty() ? key : option.auth.title;
                }
            }
            m_optionPicker->addItem(title, key);
        }
        if (m_reconnect)
            m_optionPicker->setCurrentIndex(std::max(0, m_optionPicker->findData(m_reconnect->authOptionKey)));
    }
    const bool choice = m_optionPicker->count() > 1;
    m_optionLabel->setVisible(choice);
    m_optionPicker->setVisible(choice);
    showOption();
    m_connectButton->setEnabled(true);
    m_formReady = true;
    Q_EMIT formReady();
}

void ConnectDialog::showOption()
{
    const QString optionKey = m_optionPicker->currentData().toString();
    const auto auth = m_spec.effectiveAuth(optionKey);
    delete m_form;
    m_form = new ConnectionInputForm(auth ? auth->inputSchema : QJsonObject(), this);
    m_form->setObjectName(u"inputForm"_s);
    m_formHolder->addWidget(m_form);
    if (m_reconnect)
        m_form->setValues(m_reconnect->input);
    const QString helpUri = auth ? auth->helpUri : QString();
    const QString description = auth ? auth->description : QString();
    QString help = description.toHtmlEscaped();
    if (!helpUri.isEmpty()) {
        if (!help.isEmpty())
            help += u"<br>"_s;
        help += tr("<a href=\"%1\">Where do I find these?</a>").arg(helpUri.toHtmlEscaped());
    }
    m_help->setText(help);
    m_help->setVisible(!help.isEmpty());
}

ConnectDialog::Page ConnectDialog::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QString ConnectDialog::resultText() const
{
    return m_resultText->text();
}

void ConnectDialog::startConnect()
{
    if (!m_formReady || m_job)
        return;
    QStringList problems = m_form->validate();
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty() && !ConnectionIndex::isValidName(name))
        problems.prepend(tr("The connection name must be 1 to %1 characters without control characters.").arg(ConnectionIndex::maxNameLength));
    if (!m_reconnect && !name.isEmpty() && m_context->index().contains(name))
        problems.prepend(tr("There is already a connection named %1; choose another name or reconnect it.").arg(name));
    if (!problems.isEmpty()) {
        m_formErrors->setText(problems.join(u'\n'));
        m_formErrors->show();
        return;
    }
    m_formErrors->hide();

    ConnectJob::Settings settings;
    settings.spec = m_spec;
    settings.optionKey = m_optionPicker->currentData().toString();
    settings.connectorParameters = m_parameters;
    settings.connectionInput = m_form->values();
    settings.connectionName = name;
    settings.reconnect = m_reconnect.has_value();
    settings.timeout = m_timeout;
    m_job = new ConnectJob(settings, m_context->secrets(), &m_context->index(), m_context->clock(), this);
    connect(m_job, &ConnectJob::authorizationUrlReady, this, &ConnectDialog::onAuthorizationUrl);
    connect(m_job, &ConnectJob::progress, m_progress, &QLabel::setText);
    connect(m_job, &ConnectJob::finished, this, &ConnectDialog::onConnectFinished);
    m_url->clear();
    m_progress->setText(tr("Preparing the sign-in…"));
    m_deadline = QDeadlineTimer(m_timeout);
    updateTimeLeft();
    m_countdown->start();
    m_pages->setCurrentIndex(WaitingPage);
    qCInfo(lcApp) << "connecting" << m_spec.key() << "from the GUI";
    m_job->start();
}

void ConnectDialog::onAuthorizationUrl(const QUrl &url)
{
    m_url->setText(url.toString(QUrl::FullyEncoded));
    m_url->setCursorPosition(0);
    // The listener waits from here on: the time left counts from now.
    m_deadline = QDeadlineTimer(m_timeout);
    updateTimeLeft();
    openBrowser();
}

void ConnectDialog::openBrowser()
{
    if (m_url->text().isEmpty())
        return;
    QString problem;
    if (BrowserLauncher::open(QUrl(m_url->text()), &problem))
        m_progress->setText(tr("Your browser was opened. Sign in there and allow access."));
    else
        m_progress->setText(tr("Could not open a browser (%1). Copy the address below into one.").arg(problem));
}

void ConnectDialog::updateTimeLeft()
{
    const qint64 seconds = std::max<qint64>(0, m_deadline.remainingTime() / 1000);
    m_timeLeft->setText(tr("Time left: %1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void ConnectDialog::onConnectFinished(ConnectJob *job)
{
    m_countdown->stop();
    job->deleteLater();
    // What went over the wire (token endpoint, the connector's hooks) goes to the connection's HTTP
    // log, as `authdesk connect` does; a new connection that failed has no log to keep it in.
    const QString logName = job->error() ? (m_reconnect ? m_reconnect->name : QString()) : job->record().name;
    if (!logName.isEmpty())
        m_actions->recordExchanges(logName, job->httpExchanges());
    if (job->error()) {
        const Error &error = *job->error();
        const QString title = error.code == ErrorCode::Denied ? tr("Not connected") : tr("Connecting failed");
        return showResult(false, title, ConnectionActions::describe(error));
    }
    m_connectionName = job->record().name;
    Q_EMIT connected(m_connectionName);
    m_actions->announceNewCredentials(m_connectionName);
    m_progress->setText(tr("Connected as %1. Running the connector's test…").arg(m_connectionName));
    // The test tells whether the API accepts the new credentials.
    auto *watch = new QObject(this);
    connect(m_actions, &ConnectionActions::finished, watch, [this, watch](const ConnectionActions::Outcome &outcome) {
        if (outcome.action != ConnectionActions::Action::Test || outcome.connectionName != m_connectionName)
            return;
        watch->deleteLater();
        m_succeeded = true;
        const QString test = outcome.hasTest ? outcome.message : tr("The connector has no test to run.");
        showResult(true, tr("Connected"),
            tr("The connection %1 is ready.\n%2").arg(m_connectionName, outcome.succeeded ? test : tr("But: %1").arg(test)));
    });
    m_actions->test(m_connectionName);
}

void ConnectDialog::showResult(bool succeeded, const QString &title, const QString &text)
{
    m_resultTitle->setText(u"<b>%1</b>"_s.arg(title.toHtmlEscaped()));
    m_resultText->setText(text);
    m_retryButton->setVisible(!succeeded);
    m_pages->setCurrentIndex(ResultPage);
    Q_EMIT outcomeShown(succeeded);
}

void ConnectDialog::reject()
{
    // Cancel ends the flow at once: the listener closes and nothing is stored.
    if (m_job && !m_job->isFinished()) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
    }
    m_countdown->stop();
    QDialog::reject();
}

} // namespace Authdesk
