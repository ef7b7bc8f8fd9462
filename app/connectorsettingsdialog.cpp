#include "connectorsettingsdialog.h"

#include "connectioninputform.h"

#include "connection/methodcall.h"
#include "connection/profilecontext.h"
#include "oauth/oauthconfig.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "support/logging.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// ConnectJob hands getOAuthConfig a redirect URI before it knows whether the connector pins one;
// this is the one the settings evaluate with.
const QString loopbackHost = u"127.0.0.1"_s;

QString defaultRedirectUri()
{
    return u"http://%1%2"_s.arg(loopbackHost, OAuthConfig::defaultRedirectPath());
}

QString jsonType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::Array:
        return u"array"_s;
    default:
        return u"string"_s;
    }
}

} // namespace

ConnectorSettingsDialog::ConnectorSettingsDialog(ProfileContext *context, const QString &connectorKey, QWidget *parent)
    : ConnectorSettingsDialog(context, connectorKey,
          context->catalog().find(connectorKey) ? std::optional<CatalogEntry>(*context->catalog().find(connectorKey))
                                                : std::nullopt,
          parent)
{
}

ConnectorSettingsDialog::ConnectorSettingsDialog(ProfileContext *context, const CatalogEntry &entry, QWidget *parent)
    : ConnectorSettingsDialog(context, entry.key(), entry, parent)
{
}

ConnectorSettingsDialog::ConnectorSettingsDialog(
    ProfileContext *context, QString connectorKey, std::optional<CatalogEntry> entry, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_connectorKey(std::move(connectorKey))
    , m_entry(std::move(entry))
{
    setObjectName(u"connectorSettingsDialog"_s);
    setWindowTitle(m_entry ? tr("Settings of %1").arg(m_entry->connector.spec.name()) : tr("Connector settings"));
    setAccessibleName(windowTitle());
    if (m_entry)
        m_secretKeys = ProfileContext::secretParameterKeys(m_entry->connector.spec);

    auto *layout = new QVBoxLayout(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *contentLayout = new QVBoxLayout(content);
    if (m_entry) {
        contentLayout->addWidget(makeRedirectSection());
        contentLayout->addWidget(makeParametersSection());
        contentLayout->addWidget(makeConnectorSection());
    }
    contentLayout->addStretch();
    scroll->setWidget(content);
    layout->addWidget(scroll);

    m_status = new QLabel(this);
    m_status->setObjectName(u"settingsStatus"_s);
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->hide();
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    QPushButton *saveButton = m_buttons->button(QDialogButtonBox::Save);
    saveButton->setObjectName(u"saveButton"_s);
    saveButton->setToolTip(tr("Store the parameters and close"));
    QPushButton *applyButton = m_buttons->button(QDialogButtonBox::Apply);
    applyButton->setObjectName(u"applyButton"_s);
    applyButton->setToolTip(tr("Store the parameters and keep this window open"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    m_retryButton = m_buttons->addButton(tr("&Try again"), QDialogButtonBox::ActionRole);
    m_retryButton->setObjectName(u"retryButton"_s);
    m_retryButton->setToolTip(tr("Read the stored parameters again"));
    m_retryButton->hide();
    connect(m_retryButton, &QPushButton::clicked, this, &ConnectorSettingsDialog::load);
    connect(saveButton, &QPushButton::clicked, this, [this] { save(true); });
    connect(applyButton, &QPushButton::clicked, this, [this] { save(false); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    if (!m_entry) {
        saveButton->setEnabled(false);
        applyButton->setEnabled(false);
        showStatus(tr("There is no connector \"%1\" in the catalog.").arg(m_connectorKey), true);
        return;
    }
    resize(640, 720);
    load();
}

ConnectorSettingsDialog::~ConnectorSettingsDialog()
{
    for (const QPointer<MethodCall> &call : std::as_const(m_redirectCalls)) {
        if (call) {
            call->disconnect(this);
            call->kill();
        }
    }
}

QString ConnectorSettingsDialog::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

QWidget *ConnectorSettingsDialog::makeRedirectSection()
{
    auto *box = new QGroupBox(tr("Redirect URI to register with the provider"), this);
    box->setObjectName(u"redirectSection"_s);
    auto *layout = new QVBoxLayout(box);
    m_redirectRows = new QVBoxLayout;
    layout->addLayout(m_redirectRows);
    auto *working = new QLabel(tr("Reading the connector's OAuth configuration…"), box);
    working->setObjectName(u"redirectWorking"_s);
    m_redirectRows->addWidget(working);
    m_redirectNote = new QLabel(box);
    m_redirectNote->setObjectName(u"redirectNote"_s);
    m_redirectNote->setAccessibleName(tr("About the redirect URI"));
    m_redirectNote->setWordWrap(true);
    m_redirectNote->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_redirectNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_redirectNote);
    return box;
}

QWidget *ConnectorSettingsDialog::makeParametersSection()
{
    auto *box = new QGroupBox(tr("Connector parameters"), this);
    box->setObjectName(u"parametersSection"_s);
    auto *layout = new QVBoxLayout(box);
    auto *intro = new QLabel(tr("The OAuth client you registered with the provider. Secret values are kept in the "
                                "keychain, the others in this profile's settings; an empty field takes the connector's "
                                "default, if it has one."),
        box);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_formHolder = new QVBoxLayout;
    layout->addLayout(m_formHolder);

    auto *row = new QHBoxLayout;
    row->addStretch();
    m_forgetButton = new QPushButton(tr("&Forget all…"), box);
    m_forgetButton->setObjectName(u"forgetButton"_s);
    m_forgetButton->setAccessibleName(tr("Forget all parameters of this connector"));
    m_forgetButton->setToolTip(tr("Remove every stored parameter of this connector, secret ones included"));
    m_forgetButton->setEnabled(false);
    connect(m_forgetButton, &QPushButton::clicked, this, &ConnectorSettingsDialog::forgetAll);
    row->addWidget(m_forgetButton);
    layout->addLayout(row);
    return box;
}

QWidget *ConnectorSettingsDialog::makeConnectorSection()
{
    const ConnectorSpec &spec = m_entry->connector.spec;
    auto *box = new QGroupBox(tr("Connector"), this);
    box->setObjectName(u"connectorSection"_s);
    auto *form = new QFormLayout(box);

    auto *folderRow = new QHBoxLayout;
    auto *folder = new QLineEdit(QDir::toNativeSeparators(QFileInfo(spec.folder()).absoluteFilePath()), box);
    folder->setObjectName(u"connectorFolder"_s);
    folder->setAccessibleName(tr("Connector folder"));
    folder->setReadOnly(true);
    folderRow->addWidget(folder);
    auto *open = new QPushButton(tr("&Open folder"), box);
    open->setObjectName(u"openFolderButton"_s);
    open->setAccessibleName(tr("Open the connector folder"));
    connect(open, &QPushButton::clicked, this, [path = QFileInfo(spec.folder()).absoluteFilePath()] {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            qCWarning(lcApp) << "could not open the folder" << path;
    });
    folderRow->addWidget(open);
    auto *folderLabel = new QLabel(tr("Folder"), box);
    folderLabel->setBuddy(folder);
    form->addRow(folderLabel, folderRow);

    QString sourceText;
    switch (m_entry->source) {
    case ConnectorSource::Bundled:
        sourceText = tr("Bundled with Authdesk");
        break;
    case ConnectorSource::User:
        sourceText = tr("Your connectors folder (user)");
        break;
    case ConnectorSource::Extra:
        sourceText = tr("An extra connectors folder (--connectors-dir or AUTHDESK_CONNECTORS_PATH)");
        break;
    }
    if (!m_entry->overrides.isEmpty()) {
        QStringList folders;
        for (const QString &overridden : m_entry->overrides)
            folders.append(QDir::toNativeSeparators(overridden));
        sourceText += u'\n' + tr("It overrides the connector with the same key in:")
            + u'\n' + folders.join(u'\n');
    }
    auto *source = new QLabel(sourceText, box);
    source->setObjectName(u"connectorSource"_s);
    source->setAccessibleName(tr("Source"));
    source->setWordWrap(true);
    source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    form->addRow(tr("Source"), source);

    const Diagnostics &diagnostics = m_entry->connector.diagnostics;
    if (diagnostics.isEmpty()) {
        auto *none = new QLabel(tr("No problems found."), box);
        none->setObjectName(u"noProblems"_s);
        form->addRow(tr("Validation"), none);
    } else {
        auto *list = new QListWidget(box);
        list->setObjectName(u"validationErrors"_s);
        list->setAccessibleName(tr("Validation errors"));
        list->setWordWrap(true);
        const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
        const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
        for (const Diagnostic &diagnostic : diagnostics) {
            auto *item = new QListWidgetItem(diagnostic.isError() ? errorIcon : warningIcon, diagnostic.toString(), list);
            item->setToolTip(diagnostic.toString());
        }
        auto *label = new QLabel(tr("Validation"), box);
        label->setBuddy(list);
        form->addRow(label, list);
    }
    return box;
}

QJsonObject ConnectorSettingsDialog::parametersSchema(const QStringList &storedKeys) const
{
    const ConnectorSpec &spec = m_entry->connector.spec;
    QJsonObject properties;
    QJsonArray required;
    const auto merge = [&](const QJsonObject &schema) {
        const QJsonObject more = schema.value(u"properties"_s).toObject();
        for (auto it = more.begin(); it != more.end(); ++it) {
            if (!properties.contains(it.key()))
                properties.insert(it.key(), it.value());
        }
        for (const QJsonValue &name : schema.value(u"required"_s).toArray()) {
            if (!required.contains(name))
                required.append(name);
        }
    };
    merge(spec.parametersSchema());
    merge(spec.auth().parametersSchema);
    for (const AuthOption &option : spec.options())
        merge(option.auth.parametersSchema);

    // Every OAuth client has these two, whether the schema lists them or not.
    if (!properties.contains(u"clientId"_s))
        properties.insert(u"clientId"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"title"_s, tr("Client ID")}});
    if (!properties.contains(u"clientSecret"_s))
        properties.insert(u"clientSecret"_s,
            QJsonObject{{u"type"_s, u"string"_s}, {u"title"_s, tr("Client secret")}, {u"format"_s, u"password"_s}});
    // Stored parameters the schema does not know (e.g. set with `authdesk configure`) stay editable.
    for (const QString &key : storedKeys) {
        if (properties.contains(key))
            continue;
        properties.insert(key, QJsonObject{{u"type"_s, jsonType(m_stored.value(key))}, {u"title"_s, key},
                                   {u"description"_s, tr("Stored, but not in the connector's parameters schema.")}});
    }
    // The form masks exactly what the store keeps in the keychain.
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (m_secretKeys.contains(it.key()) || ConnectorParameterStore::isSecretByName(it.key())) {
            QJsonObject property = it.value().toObject();
            property.insert(u"x-secret"_s, true);
            it.value() = property;
        }
    }
    return QJsonObject{{u"type"_s, u"object"_s}, {u"properties"_s, properties}, {u"required"_s, required}};
}

void ConnectorSettingsDialog::load()
{
    m_retryButton->hide();
    setBusy(true, tr("Reading the stored parameters…"));
    ConnectorParametersJob *job = m_context->parameters()->load(m_connectorKey);
    connect(job, &ConnectorParametersJob::finished, this, &ConnectorSettingsDialog::onLoaded);
    job->start();
}

void ConnectorSettingsDialog::onLoaded(const Result<QJsonObject> &parameters)
{
    if (parameters) {
        m_stored = *parameters;
        m_loaded = true;
        buildForm(m_stored, m_stored.keys());
        setBusy(false);
        m_status->hide();
        Q_EMIT loadFinished(true);
        evaluateRedirectUris();
        return;
    }
    // The keychain (or the settings file) could not be read: show what the file holds, and say which
    // secrets are stored without knowing them. Nothing is changed unless the person types a new value.
    qCWarning(lcApp) << "could not load the parameters of" << m_connectorKey << ":" << parameters.error().message;
    const ConnectorParameterStore *store = m_context->parameters();
    const auto plain = store->nonSecretParameters(m_connectorKey);
    const auto names = store->secretParameterNames(m_connectorKey);
    m_stored = plain ? *plain : QJsonObject();
    const QStringList secretNames = names ? *names : QStringList();
    buildForm(m_stored, m_stored.keys() + secretNames);
    setBusy(false);
    for (const QString &name : secretNames) {
        if (auto *edit = qobject_cast<QLineEdit *>(m_form->field(name)))
            edit->setPlaceholderText(tr("Stored in the keychain, which could not be read"));
    }
    showStatus(describe(parameters.error(), false), true);
    m_retryButton->show();
    Q_EMIT loadFinished(false);
    evaluateRedirectUris();
}

void ConnectorSettingsDialog::buildForm(const QJsonObject &values, const QStringList &storedKeys)
{
    if (m_form) {
        m_form->hide();
        m_form->deleteLater();
    }
    m_form = new ConnectionInputForm(parametersSchema(storedKeys), ConnectionInputForm::Options::forParameters(), this);
    m_form->setObjectName(u"parametersForm"_s);
    m_form->setValues(values);
    m_formHolder->addWidget(m_form);
    for (const QString &key : m_form->secretKeys()) {
        if (!m_secretKeys.contains(key))
            m_secretKeys.append(key);
    }
}

void ConnectorSettingsDialog::save(bool closeWhenSaved)
{
    if (m_busy || !m_form)
        return;
    if (const QStringList problems = m_form->validate(); !problems.isEmpty()) {
        showStatus(problems.join(u'\n'), true);
        return;
    }
    const QJsonObject values = m_form->values();
    QJsonObject changes;
    const QStringList keys = m_form->keys();
    for (const QString &key : keys) {
        if (values.contains(key)) {
            if (values.value(key) != m_stored.value(key))
                changes.insert(key, values.value(key));
        } else if (m_stored.contains(key)) {
            changes.insert(key, QJsonValue::Null); // emptied: removed
        }
    }
    if (changes.isEmpty()) {
        showStatus(tr("Nothing to save: the stored parameters are unchanged."), false);
        if (closeWhenSaved)
            accept();
        return;
    }
    qCInfo(lcApp) << "storing the parameters" << changes.keys() << "of connector" << m_connectorKey;
    setBusy(true, tr("Saving…"));
    ConnectorParametersJob *job = m_context->parameters()->set(m_connectorKey, changes, m_secretKeys);
    connect(job, &ConnectorParametersJob::finished, this, [this, closeWhenSaved](const ConnectorParametersJob::Outcome &outcome) {
        onStored(outcome, closeWhenSaved, false);
    });
    job->start();
}

void ConnectorSettingsDialog::forgetAll()
{
    if (m_busy)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Forget all parameters?"),
        tr("Remove every stored parameter of %1, the secret ones in the keychain included? Connections made with "
           "this connector cannot refresh until it is configured again.")
            .arg(m_entry->connector.spec.name()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"forgetConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("&Forget all"));
    QAbstractButton *yes = box->button(QMessageBox::Yes);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton *clicked) {
        if (clicked == yes)
            forgetConfirmed();
    });
    box->open();
}

void ConnectorSettingsDialog::forgetConfirmed()
{
    if (m_busy)
        return;
    qCInfo(lcApp) << "forgetting the parameters of connector" << m_connectorKey;
    setBusy(true, tr("Removing…"));
    ConnectorParametersJob *job = m_context->parameters()->remove(m_connectorKey);
    connect(job, &ConnectorParametersJob::finished, this,
        [this](const ConnectorParametersJob::Outcome &outcome) { onStored(outcome, false, true); });
    job->start();
}

void ConnectorSettingsDialog::onStored(const Result<QJsonObject> &parameters, bool closeWhenSaved, bool forgotten)
{
    setBusy(false);
    if (!parameters) {
        qCWarning(lcApp) << "could not store the parameters of" << m_connectorKey << ":" << parameters.error().message;
        showStatus(describe(parameters.error(), true), true);
        Q_EMIT saveFailed(parameters.error());
        return;
    }
    m_stored = *parameters;
    m_loaded = true;
    m_retryButton->hide();
    if (forgotten) {
        buildForm({}, {});
        showStatus(tr("Every parameter of %1 was removed.").arg(m_entry->connector.spec.name()), false);
    } else {
        const bool anySecret = std::any_of(m_secretKeys.cbegin(), m_secretKeys.cend(),
            [this](const QString &key) { return m_stored.contains(key); });
        showStatus(anySecret ? tr("Saved. The secret values are in the keychain.") : tr("Saved."), false);
    }
    Q_EMIT saved(m_connectorKey);
    if (closeWhenSaved) {
        accept();
        return;
    }
    evaluateRedirectUris();
}

void ConnectorSettingsDialog::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    const bool usable = !busy && m_entry;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(usable && m_form);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(usable && m_form);
    if (m_forgetButton)
        m_forgetButton->setEnabled(usable && m_form);
    if (m_form)
        m_form->setEnabled(!busy);
    if (!message.isEmpty())
        showStatus(message, false);
}

void ConnectorSettingsDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    // Bold rather than a colour: it reads the same in every palette, dark ones included.
    QFont font = m_status->font();
    font.setBold(problem);
    m_status->setFont(font);
    m_status->setAccessibleDescription(problem ? tr("Problem") : QString());
    m_status->show();
}

QString ConnectorSettingsDialog::describe(const Error &error, bool saving) const
{
    QString text;
    if (error.code == ErrorCode::SecureStorage) {
        text = saving ? tr("Authdesk could not reach the keychain, so nothing was saved and nothing stored before was "
                           "changed. What you entered is still here: unlock or start your keyring (for example GNOME "
                           "Keyring or KWallet), then save again.")
                      : tr("Authdesk could not read the secret parameters from the keychain. The other parameters are "
                           "shown; what is stored stays as it is unless you type a new value. Unlock or start your "
                           "keyring (for example GNOME Keyring or KWallet), then choose Try again.");
    } else if (error.code == ErrorCode::Validation) {
        text = saving ? tr("Nothing was saved: the profile's settings file could not be read.")
                      : tr("The profile's settings file could not be read.");
    } else {
        text = saving ? tr("The parameters were not saved.") : tr("The parameters could not be read.");
    }
    return text + u"\n\n"_s + tr("Details: %1").arg(error.message);
}

void ConnectorSettingsDialog::evaluateRedirectUris()
{
    for (const QPointer<MethodCall> &call : std::as_const(m_redirectCalls)) {
        if (call) {
            call->disconnect(this);
            call->kill();
            call->deleteLater();
        }
    }
    m_redirectCalls.clear();
    m_redirectUris.clear();
    m_redirectPending = 0;

    const ConnectorSpec &spec = m_entry->connector.spec;
    // The ways to connect, as ConnectorSpec::availableOptionKeys lists them, whether enabled or not.
    QList<std::pair<QString, QString>> ways;
    if (spec.options().isEmpty() || spec.auth().type)
        ways.append({QString(), spec.auth().title});
    for (const AuthOption &option : spec.options())
        ways.append({option.key, option.auth.title.isEmpty() ? option.key : option.auth.title});

    for (const auto &[key, title] : std::as_const(ways)) {
        const auto auth = spec.effectiveAuth(key);
        if (!auth || auth->type != AuthType::OAuth2)
            continue; // no browser sign-in, no redirect
        const MethodImplementation *getOAuthConfig = auth->method(AuthMethod::GetOAuthConfig);
        if (!getOAuthConfig) {
            m_redirectUris.append({key, title, defaultRedirectUri(), std::nullopt, tr("The connector has no getOAuthConfig.")});
            continue;
        }
        const QJsonObject arguments = MethodCall::completeArguments(spec,
            {{u"connectorParameters"_s, m_stored}, {u"connectionInput"_s, QJsonObject()},
                {u"redirectUri"_s, defaultRedirectUri()}});
        auto *call = new MethodCall(*getOAuthConfig, arguments, this);
        m_redirectCalls.append(call);
        ++m_redirectPending;
        connect(call, &MethodCall::finished, this,
            [this, key, title](MethodCall *finished) { onRedirectConfig(finished, key, title); });
        call->start();
    }
    if (m_redirectPending == 0)
        showRedirectUris();
}

void ConnectorSettingsDialog::onRedirectConfig(MethodCall *call, const QString &optionKey, const QString &optionTitle)
{
    call->deleteLater();
    m_redirectCalls.removeAll(call);
    RedirectUri redirect{optionKey, optionTitle, defaultRedirectUri(), std::nullopt, {}};
    if (!call->result()) {
        redirect.problem = call->result().error().message;
    } else if (!call->result()->isObject()) {
        redirect.problem = tr("%1: getOAuthConfig must return an object").arg(call->implementation().filePath);
    } else {
        const QJsonObject config = call->result()->toObject();
        // Port and path exactly as ConnectJob reads them: OAuthConfig's own rules, with stand-ins for
        // the fields that may be missing while the connector is not configured yet.
        QJsonObject redirectOnly{{u"clientId"_s, u"-"_s}, {u"authorizeUri"_s, u"https://example.invalid/"_s},
            {u"tokenUri"_s, u"https://example.invalid/"_s}};
        for (const QString &field : {u"redirectPort"_s, u"redirectPath"_s}) {
            if (config.contains(field))
                redirectOnly.insert(field, config.value(field));
        }
        if (const auto parsed = OAuthConfig::fromJson(redirectOnly, m_connectorKey); !parsed) {
            redirect.problem = parsed.error().message;
        } else {
            redirect.pinnedPort = parsed->redirectPort;
            redirect.uri = parsed->redirectPort
                ? u"http://%1:%2%3"_s.arg(loopbackHost, QString::number(*parsed->redirectPort), parsed->redirectPath)
                : u"http://%1%2"_s.arg(loopbackHost, parsed->redirectPath);
            // The rest of the configuration matters for connecting, not for the redirect URI; a
            // problem there (often: not configured yet) is worth saying here too.
            if (const auto full = OAuthConfig::fromJson(config, m_connectorKey); !full)
                redirect.problem = full.error().message;
        }
    }
    m_redirectUris.append(redirect);
    if (--m_redirectPending == 0)
        showRedirectUris();
}

void ConnectorSettingsDialog::showRedirectUris()
{
    while (QLayoutItem *item = m_redirectRows->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        else if (QLayout *row = item->layout()) {
            while (QLayoutItem *inner = row->takeAt(0)) {
                if (inner->widget())
                    inner->widget()->deleteLater();
                delete inner;
            }
        }
        delete item;
    }
    // In the order of the connector's options.
    const ConnectorSpec &spec = m_entry->connector.spec;
    const auto rank = [&spec](const QString &key) {
        if (key.isEmpty())
            return -1;
        for (qsizetype i = 0; i < spec.options().size(); ++i) {
            if (spec.options().at(i).key == key)
                return int(i);
        }
        return int(spec.options().size());
    };
    std::stable_sort(m_redirectUris.begin(), m_redirectUris.end(),
        [&rank](const RedirectUri &a, const RedirectUri &b) { return rank(a.optionKey) < rank(b.optionKey); });

    QStringList distinct;
    for (const RedirectUri &redirect : std::as_const(m_redirectUris)) {
        if (!distinct.contains(redirect.uri))
            distinct.append(redirect.uri);
    }
    if (m_redirectUris.isEmpty()) {
        auto *none = new QLabel(tr("This connector does not sign in through the browser, so there is nothing to register."), this);
        none->setObjectName(u"redirectNone"_s);
        none->setWordWrap(true);
        m_redirectRows->addWidget(none);
    }
    QStringList shown;
    for (const RedirectUri &redirect : std::as_const(m_redirectUris)) {
        if (shown.contains(redirect.uri))
            continue;
        shown.append(redirect.uri);
        auto *row = new QHBoxLayout;
        if (distinct.size() > 1) {
            QStringList titles;
            for (const RedirectUri &other : std::as_const(m_redirectUris)) {
                if (other.uri == redirect.uri)
                    titles.append(other.optionTitle.isEmpty() ? tr("Default") : other.optionTitle);
            }
            row->addWidget(new QLabel(tr("%1:").arg(titles.join(u", "_s)), this));
        }
        auto *uri = new QLineEdit(redirect.uri, this);
        uri->setObjectName(u"redirectUri"_s);
        uri->setAccessibleName(tr("Redirect URI"));
        uri->setReadOnly(true);
        row->addWidget(uri);
        auto *copy = new QPushButton(tr("Cop&y"), this);
        copy->setObjectName(u"copyRedirectUriButton"_s);
        copy->setAccessibleName(tr("Copy the redirect URI %1").arg(redirect.uri));
        connect(copy, &QPushButton::clicked, this, [text = redirect.uri] { QApplication::clipboard()->setText(text); });
        row->addWidget(copy);
        m_redirectRows->addLayout(row);
    }

    QStringList notes;
    const bool anyPinned = std::any_of(m_redirectUris.cbegin(), m_redirectUris.cend(),
        [](const RedirectUri &redirect) { return redirect.pinnedPort.has_value(); });
    const bool anyEphemeral = std::any_of(m_redirectUris.cbegin(), m_redirectUris.cend(),
        [](const RedirectUri &redirect) { return !redirect.pinnedPort.has_value(); });
    if (anyPinned) {
        for (const RedirectUri &redirect : std::as_const(m_redirectUris)) {
            if (redirect.pinnedPort) {
                notes.append(tr("The connector fixes the port %1: Authdesk listens on exactly this address, so register it "
                                "as it is (the port must be free when you connect).")
                                 .arg(*redirect.pinnedPort));
                break;
            }
        }
    }
    if (anyEphemeral && !m_redirectUris.isEmpty()) {
        notes.append(tr("Authdesk listens on a free port chosen anew for each sign-in (an ephemeral port), so the "
                        "address it sends is this one with a port added, such as http://127.0.0.1:49152/callback. "
                        "Register it without a port: providers that match loopback redirect URIs loosely, as RFC 8252 "
                        "§7.3 asks, accept any port. A provider that compares redirect URIs exactly needs a fixed port "
                        "(redirectPort in the connector's OAuth configuration)."));
    }
    for (const RedirectUri &redirect : std::as_const(m_redirectUris)) {
        if (!redirect.problem.isEmpty())
            notes.append(tr("Note: %1").arg(redirect.problem));
    }
    m_redirectNote->setText(notes.join(u"\n\n"_s));
    m_redirectNote->setVisible(!notes.isEmpty());
    Q_EMIT redirectUrisReady();
}

} // namespace Authdesk
