#include "authorizationserver.h"
#include "connectdialog.h"
#include "connectionactions.h"
#include "connectioninputform.h"
#include "inspectorwidget.h"
#include "mainwindow.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "store/httplog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QClipboard>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::AuthorizationServer;

// The connect dialog with real widgets (offscreen): the form generated from each kind of schema
// property and its validation, the auth option picker, and a whole connect through the dialog against
// the real authorization server (oidc-provider on loopback), the scripted browser as AUTHDESK_BROWSER
// and the real Secret Service of the test session, ending with the connection Ready in the model.
class tst_ConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formFieldsForEachType();
    void formValidation();
    void formValuesAreTyped();
    void dialogShowsOptionsAndBlocksInvalidInput();
    void connectThroughTheDialog();
    void connectFromTheMainWindow();
    void deniedConsentShowsTheProviderError();
    void cancelWhileWaiting();

private:
    void write(const QString &path, const QString &text);
    ProfileContext *openContext();
    bool configure(ProfileContext *context, const AuthorizationServer::Client &client);

    QTemporaryDir m_home;
    QString m_profile;
    AuthorizationServer m_server;
    QString m_serverProblem;
};

static QJsonObject schema()
{
    return QJsonDocument::fromJson(R"({
        "type": "object",
        "required": ["subdomain", "port"],
        "properties": {
            "subdomain": {"type": "string", "title": "Subdomain", "description": "The part before .example.com", "pattern": "^[a-z0-9-]+$"},
            "apiKey": {"type": "string", "title": "API key", "format": "password"},
            "port": {"type": "integer", "title": "Port", "minimum": 1, "maximum": 65535, "default": 443},
            "ratio": {"type": "number", "title": "Ratio"},
            "sandbox": {"type": "boolean", "title": "Sandbox", "default": true},
            "region": {"type": "string", "title": "Region", "enum": ["eu", "us"], "default": "us"}
        }
    })").object();
}

void tst_ConnectDialog::write(const QString &path, const QString &text)
{
    const QString full = m_home.filePath(path);
    QVERIFY(QDir().mkpath(QFileInfo(full).absolutePath()));
    QFile file(full);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

void tst_ConnectDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Everything the GUI writes stays in the temporary home; the keychain entries of this run sit
    // under a profile name of their own.
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    qunsetenv("AUTHDESK_PROFILE");
    m_profile = u"gui-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);

    // A connector with two auth options: the picker must offer both; "keyed" has the full input form.
    write(u"connectors/forms/spec.yml"_s, u"key: forms\nname: Forms\n"
                                          "auth:\n  options:\n    plain:\n      title: Plain\n      type: oauth2\n"
                                          "      getOAuthConfig: {implementationType: mapping, filePath: auth/get-oauth-config.map.yml}\n"
                                          "      makeApiClient: {implementationType: mapping, filePath: auth/make-api-client.map.yml}\n"
                                          "    keyed:\n      title: With a subdomain\n      type: oauth2\n"
                                          "      getOAuthConfig: {implementationType: mapping, filePath: auth/get-oauth-config.map.yml}\n"
                                          "      makeApiClient: {implementationType: mapping, filePath: auth/make-api-client.map.yml}\n"
                                          "      ui: {helpUri: https://example.com/help}\n"
                                          "      inputSchema:\n%1"_s.arg(
        [] {
            QString yaml;
            const QJsonObject s = schema();
            // JSON is YAML: one flow mapping, indented under inputSchema.
            yaml = u"        "_s + QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact)) + u'\n';
            return yaml;
        }()));
    write(u"connectors/forms/auth/make-api-client.map.yml"_s, u"baseUri: https://example.com/api\n"_s);
    write(u"connectors/forms/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: https://example.com/auth\ntokenUri: https://example.com/token\nclientId: x\n"_s);

    m_serverProblem = AuthorizationServer::unavailableReason();
    if (!m_serverProblem.isEmpty())
        return;
    if (!m_server.startAndWait()) {
        m_serverProblem = m_server.errorString();
        return;
    }
    const QString issuer = m_server.issuer().toString();
    write(u"connectors/oidc-basic/spec.yml"_s, u"key: oidc-basic\nname: OIDC test\n"
                                               "parametersSchema:\n  type: object\n  properties:\n"
                                               "    clientId: {type: string}\n    clientSecret: {type: string, format: password}\n"
                                               "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
                                               "  makeApiClient:\n    implementationType: mapping\n"
                                               "  test:\n    implementationType: rest-api-mapping\n"_s);
    write(u"connectors/oidc-basic/auth/test.rest.yml"_s, u"path: /whoami\nmethod: GET\nresponseMapping:\n  $var: response.data.sub\n"_s);
    write(u"connectors/oidc-basic/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nrevokeUri: %1/token/revocation\nissuer: %1\n"
        "clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: connectorParameters.clientSecret}\n"
        "clientAuthLocation: headers\nscopes: [openid, offline_access]\n"_s.arg(issuer));
    write(u"connectors/oidc-basic/auth/make-api-client.map.yml"_s,
        u"baseUri: %1/api\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));
    qputenv("AUTHDESK_BROWSER", AuthorizationServer::browserCommandLine().toUtf8());
}

ProfileContext *tst_ConnectDialog::openContext()
{
    const auto context = ProfileContext::open(m_profile, {m_home.filePath(u"connectors"_s)}, this, m_home.filePath(u"profiles"_s));
    if (!context) {
        qWarning() << context.error().message;
        return nullptr;
    }
    return *context;
}

bool tst_ConnectDialog::configure(ProfileContext *context, const AuthorizationServer::Client &client)
{
    ConnectorParametersJob *job = context->parameters()->set(
        u"oidc-basic"_s, {{u"clientId"_s, client.id}, {u"clientSecret"_s, client.secret}});
    bool stored = false;
    connect(job, &ConnectorParametersJob::finished, this,
        [&stored](const ConnectorParametersJob::Outcome &outcome) { stored = bool(outcome); });
    QSignalSpy finished(job, &ConnectorParametersJob::finished);
    job->start();
    return finished.wait(30000) && stored;
}

void tst_ConnectDialog::formFieldsForEachType()
{
    ConnectionInputForm form(schema());
    QCOMPARE(form.keys().mid(0, 2), (QStringList{u"port"_s, u"subdomain"_s})); // required first

    auto *subdomain = qobject_cast<QLineEdit *>(form.field(u"subdomain"_s));
    QVERIFY(subdomain);
    QCOMPARE(subdomain->echoMode(), QLineEdit::Normal);
    QCOMPARE(subdomain->accessibleName(), u"Subdomain"_s);
    QCOMPARE(subdomain->toolTip(), u"The part before .example.com"_s);
    auto *description = form.findChild<QLabel *>(u"description_subdomain"_s);
    QVERIFY(description);
    QCOMPARE(description->text(), u"The part before .example.com"_s);

    auto *apiKey = qobject_cast<QLineEdit *>(form.field(u"apiKey"_s));
    QVERIFY(apiKey);
    QCOMPARE(apiKey->echoMode(), QLineEdit::Password); // masked

    auto *port = qobject_cast<QLineEdit *>(form.field(u"port"_s));
    QVERIFY(port);
    QCOMPARE(port->text(), u"443"_s); // the default
    QTest::keyClicks(port, u"x"_s); // an integer field takes digits only
    QCOMPARE(port->text(), u"443"_s);

    auto *ratio = qobject_cast<QLineEdit *>(form.field(u"ratio"_s));
    QVERIFY(ratio);
    QTest::keyClicks(ratio, u"0.5a"_s);
    QCOMPARE(ratio->text(), u"0.5"_s);

    auto *sandbox = qobject_cast<QCheckBox *>(form.field(u"sandbox"_s));
    QVERIFY(sandbox);
    QVERIFY(sandbox->isChecked());

    auto *region = qobject_cast<QComboBox *>(form.field(u"region"_s));
    QVERIFY(region);
    QCOMPARE(region->currentText(), u"us"_s);
    QCOMPARE(region->count(), 3); // optional: "not set", eu, us

    // Labels name the fields and mark the required ones; they are buddies for keyboard access.
    bool foundRequiredLabel = false;
    for (QLabel *label : form.findChildren<QLabel *>()) {
        if (label->buddy() == subdomain) {
            QCOMPARE(label->text(), u"Subdomain *"_s);
            foundRequiredLabel = true;
        }
    }
    QVERIFY(foundRequiredLabel);
}

void tst_ConnectDialog::formValidation()
{
    ConnectionInputForm form(schema());
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    QCOMPARE(form.validate(), QStringList{u"Subdomain is required."_s});
    QCOMPARE(form.focusWidget(), form.field(u"subdomain"_s)); // the first problem gets the focus

    auto *subdomain = qobject_cast<QLineEdit *>(form.field(u"subdomain"_s));
    subdomain->setText(u"Not Valid"_s);
    auto *port = qobject_cast<QLineEdit *>(form.field(u"port"_s));
    port->setText(u"70000"_s);
    QCOMPARE(form.validate(), (QStringList{u"Port must be at most 65535."_s, u"Subdomain does not have the expected form."_s}));
    port->clear();
    QCOMPARE(form.validate(), (QStringList{u"Port is required."_s, u"Subdomain does not have the expected form."_s}));
    port->setText(u"0"_s);
    QCOMPARE(form.validate().first(), u"Port must be at least 1."_s);
    port->setText(u"8443"_s);
    subdomain->setText(u"acme"_s);
    auto *ratio = qobject_cast<QLineEdit *>(form.field(u"ratio"_s));
    ratio->setText(u"-"_s);
    QCOMPARE(form.validate(), QStringList{u"Ratio must be a number."_s});
    ratio->clear();
    QVERIFY(form.validate().isEmpty());
}

void tst_ConnectDialog::formValuesAreTyped()
{
    ConnectionInputForm form(schema());
    form.setValues({{u"subdomain"_s, u"acme"_s}, {u"port"_s, 8443}, {u"ratio"_s, 0.25}, {u"sandbox"_s, false},
        {u"region"_s, u"eu"_s}, {u"unknown"_s, 1}});
    const QJsonObject values = form.values();
    QCOMPARE(values.value(u"subdomain"_s), QJsonValue(u"acme"_s));
    QVERIFY(values.value(u"port"_s).isDouble());
    QCOMPARE(values.value(u"port"_s).toInteger(), 8443);
    QCOMPARE(values.value(u"ratio"_s).toDouble(), 0.25);
    QCOMPARE(values.value(u"sandbox"_s), QJsonValue(false));
    QCOMPARE(values.value(u"region"_s), QJsonValue(u"eu"_s));
    QVERIFY(!values.contains(u"apiKey"_s)); // empty optional fields are left out
    QVERIFY(!values.contains(u"unknown"_s));
    auto *region = qobject_cast<QComboBox *>(form.field(u"region"_s));
    region->setCurrentIndex(0); // "not set"
    QVERIFY(!form.values().contains(u"region"_s));
}

void tst_ConnectDialog::dialogShowsOptionsAndBlocksInvalidInput()
{
    ProfileContext *context = openContext();
    QVERIFY(context);
    ConnectionActions actions(context);
    const auto connector = context->connector(u"forms"_s);
    QVERIFY2(connector, qPrintable(connector ? QString() : connector.error().message));
    ConnectDialog dialog(context, &actions, (*connector)->spec);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (!dialog.isFormReady()) {
        QSignalSpy ready(&dialog, &ConnectDialog::formReady);
        QVERIFY(ready.wait(30000));
    }
    QCOMPARE(dialog.windowTitle(), u"Connect to Forms"_s);
    QComboBox *picker = dialog.optionPicker();
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->count(), 2);
    QStringList titles{picker->itemText(0), picker->itemText(1)};
    titles.sort();
    QCOMPARE(titles, (QStringList{u"Plain"_s, u"With a subdomain"_s}));

    picker->setCurrentIndex(picker->findData(u"keyed"_s));
    QVERIFY(dialog.form()->field(u"subdomain"_s));
    auto *help = dialog.findChild<QLabel *>(u"helpLink"_s);
    QVERIFY(help && help->isVisible());
    QVERIFY(help->text().contains(u"https://example.com/help"_s));

    // Continuing with a required field empty stays on the form and says why.
    auto *connectButton = dialog.findChild<QPushButton *>(u"connectButton"_s);
    QVERIFY(connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QCOMPARE(dialog.currentPage(), ConnectDialog::FormPage);
    auto *errors = dialog.findChild<QLabel *>(u"formErrors"_s);
    QVERIFY(errors->isVisible());
    QCOMPARE(errors->text(), u"Subdomain is required."_s);

    // The other option has no input.
    picker->setCurrentIndex(picker->findData(u"plain"_s));
    QVERIFY(dialog.form()->isEmpty());
    delete context;
}

void tst_ConnectDialog::connectThroughTheDialog()
{
    if (!m_serverProblem.isEmpty())
        QSKIP(qPrintable(m_serverProblem));
    ProfileContext *context = openContext();
    QVERIFY(context);
    QVERIFY(configure(context, m_server.client(AuthorizationServer::basicClient())));
    ConnectionActions actions(context);
    ConnectionListModel model(&context->index(), context->clock());
    const auto connector = context->connector(u"oidc-basic"_s);
    QVERIFY(connector);

    ConnectDialog dialog(context, &actions, (*connector)->spec);
    QSignalSpy finished(&dialog, &ConnectDialog::outcomeShown);
    QSignalSpy connected(&dialog, &ConnectDialog::connected);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (!dialog.isFormReady()) {
        QSignalSpy ready(&dialog, &ConnectDialog::formReady);
        QVERIFY(ready.wait(30000));
    }
    QVERIFY(!dialog.optionPicker()->isVisible()); // a single way to connect: no picker
    auto *name = dialog.findChild<QLineEdit *>(u"connectionName"_s);
    QTest::keyClicks(name, u"through the dialog"_s);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QCOMPARE(dialog.currentPage(), ConnectDialog::WaitingPage);
    auto *timeLeft = dialog.findChild<QLabel *>(u"timeLeft"_s);
    QVERIFY2(timeLeft->text().startsWith(u"Time left: "_s), qPrintable(timeLeft->text()));

    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.resultText()));
    QCOMPARE(connected.count(), 1);
    QCOMPARE(dialog.connectionName(), u"through the dialog"_s);
    QCOMPARE(dialog.currentPage(), ConnectDialog::ResultPage);
    // The URL page showed the authorization address of the server.
    QVERIFY(dialog.findChild<QLineEdit *>(u"authorizationUrl"_s)->text().startsWith(m_server.endpoint(u"authorization"_s).toString()));
    // The connector's rest-api-mapping test ran against the server's API and passed.
    QVERIFY2(dialog.resultText().contains(u"Test of through the dialog: the test passed"_s), qPrintable(dialog.resultText()));

    model.reload();
    const int row = model.rowOf(u"through the dialog"_s);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, 0).data(ConnectionListModel::StatusRole).toString(), u"Ready"_s);
    QCOMPARE(model.index(row, 0).data(ConnectionListModel::LastTestPassedRole), QVariant(true));
    QVERIFY(model.index(row, ConnectionListModel::ExpiresColumn).data().toString().startsWith(u"in "_s));

    // The code exchange went to the connection's HTTP log (as `authdesk connect` records it).
    HttpLog::flush();
    const ConnectionRecord *stored = context->index().find(u"through the dialog"_s);
    QVERIFY(stored);
    const auto log = HttpLog::forConnection(context->profile(), stored->id).read();
    QVERIFY(log);
    QVERIFY(std::any_of(log->entries.cbegin(), log->entries.cend(), [this](const HttpExchange &exchange) {
        return exchange.method == u"POST"_s && exchange.url.startsWith(m_server.endpoint(u"token"_s).toString());
    }));

    // Nothing secret landed in a file of the temporary home.
    const QJsonObject client = QJsonObject{{u"secret"_s, m_server.client(AuthorizationServer::basicClient()).secret}};
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(client.value(u"secret"_s).toString().toUtf8()), qPrintable(file.fileName()));
    }

    // Reconnect through the dialog: same name and id, new credentials, history kept.
    const ConnectionRecord before = *context->index().find(u"through the dialog"_s);
    {
        ConnectDialog again(context, &actions, (*connector)->spec);
        again.setReconnect(before);
        QSignalSpy shown(&again, &ConnectDialog::outcomeShown);
        again.show();
        if (!again.isFormReady()) {
            QSignalSpy ready(&again, &ConnectDialog::formReady);
            QVERIFY(ready.wait(30000));
        }
        QVERIFY(again.findChild<QLineEdit *>(u"connectionName"_s)->isReadOnly());
        again.startConnect();
        QVERIFY(shown.wait(120000));
        QVERIFY2(shown.first().first().toBool(), qPrintable(again.resultText()));
        QCOMPARE(again.connectionName(), u"through the dialog"_s);
    }
    const ConnectionRecord after = *context->index().find(u"through the dialog"_s);
    QCOMPARE(after.id, before.id);
    QVERIFY(after.obtainedAt >= before.obtainedAt);
    QVERIFY(after.history.size() > before.history.size());

    // Disconnect through the same actions as the main window: revoked, gone from the model.
    QSignalSpy done(&actions, &ConnectionActions::finished);
    actions.disconnect(u"through the dialog"_s);
    QVERIFY(done.wait(60000));
    const auto outcome = done.first().first().value<ConnectionActions::Outcome>();
    QVERIFY2(outcome.succeeded, qPrintable(outcome.message));
    model.reload();
    QCOMPARE(model.rowOf(u"through the dialog"_s), -1);
    delete context;
}

// The same through the main window: Connect… on a connector, then the new connection selected in the
// connections table as Ready, the Test action, and the inspector on its decoded token.
void tst_ConnectDialog::connectFromTheMainWindow()
{
    if (!m_serverProblem.isEmpty())
        QSKIP(qPrintable(m_serverProblem));
    ProfileContext *context = openContext();
    QVERIFY(context);
    QVERIFY(configure(context, m_server.client(AuthorizationServer::basicClient())));
    ConnectorSearchPath path;
    path.append(m_home.filePath(u"connectors"_s), ConnectorSource::Extra);
    auto *window = new MainWindow(context, path);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    ConnectDialog *dialog = window->connectTo(u"oidc-basic"_s);
    QVERIFY(dialog);
    QSignalSpy shown(dialog, &ConnectDialog::outcomeShown);
    if (!dialog->isFormReady()) {
        QSignalSpy ready(dialog, &ConnectDialog::formReady);
        QVERIFY(ready.wait(30000));
    }
    dialog->findChild<QLineEdit *>(u"connectionName"_s)->setText(u"from the window"_s);
    dialog->startConnect();
    QVERIFY(shown.wait(120000));
    QVERIFY2(shown.first().first().toBool(), qPrintable(dialog->resultText()));
    dialog->accept();

    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::ConnectionsTab));
    QCOMPARE(window->selectedConnection(), u"from the window"_s);
    const int row = window->connectionModel()->rowOf(u"from the window"_s);
    QCOMPARE(window->connectionModel()->index(row, 0).data(ConnectionListModel::StatusRole).toString(), u"Ready"_s);

    QSignalSpy acted(window->actions(), &ConnectionActions::finished);
    QVERIFY(window->testAction()->isEnabled());
    window->testAction()->trigger();
    QVERIFY(acted.wait(60000));
    QVERIFY2(window->statusBar()->currentMessage().contains(u"the test passed"_s), qPrintable(window->statusBar()->currentMessage()));

    // The inspector shows the stored credentials, masked, and the decoded access token of alice.
    InspectorWidget *inspector = window->inspector();
    QCOMPARE(inspector->connectionName(), u"from the window"_s);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->tokensText().contains(u"\"sub\": \"alice\""_s), 30000);
    QVERIFY(inspector->credentialsText().contains(u"Bearer"_s));
    if (const QString artifacts = qEnvironmentVariable("AUTHDESK_TEST_ARTIFACTS"); !artifacts.isEmpty()) {
        inspector->tabs()->setCurrentIndex(2);
        window->grab().save(artifacts + u"/mainwindow-connected.png"_s);
    }
    window->close();
    delete window;
    delete context;
}

void tst_ConnectDialog::deniedConsentShowsTheProviderError()
{
    if (!m_serverProblem.isEmpty())
        QSKIP(qPrintable(m_serverProblem));
    qputenv("AUTHDESK_TEST_CONSENT", "deny");
    const auto restore = qScopeGuard([] { qunsetenv("AUTHDESK_TEST_CONSENT"); });
    ProfileContext *context = openContext();
    QVERIFY(context);
    QVERIFY(configure(context, m_server.client(AuthorizationServer::basicClient())));
    ConnectionActions actions(context);
    const auto connector = context->connector(u"oidc-basic"_s);
    QVERIFY(connector);
    ConnectDialog dialog(context, &actions, (*connector)->spec);
    QSignalSpy finished(&dialog, &ConnectDialog::outcomeShown);
    dialog.show();
    if (!dialog.isFormReady()) {
        QSignalSpy ready(&dialog, &ConnectDialog::formReady);
        QVERIFY(ready.wait(30000));
    }
    dialog.findChild<QLineEdit *>(u"connectionName"_s)->setText(u"denied"_s);
    dialog.startConnect();
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.first().first().toBool());
    QVERIFY2(dialog.resultText().contains(u"access_denied"_s), qPrintable(dialog.resultText()));
    QVERIFY(dialog.findChild<QPushButton *>(u"retryButton"_s)->isVisible());
    QVERIFY(!context->index().contains(u"denied"_s)); // nothing stored
    delete context;
}

void tst_ConnectDialog::cancelWhileWaiting()
{
    ProfileContext *context = openContext();
    QVERIFY(context);
    ConnectionActions actions(context);
    const auto connector = context->connector(u"forms"_s);
    QVERIFY(connector);
    // No browser may open for this one (its authorize URL is not real).
    qputenv("AUTHDESK_BROWSER", "true");
    const auto restore = qScopeGuard([] { qputenv("AUTHDESK_BROWSER", AuthorizationServer::browserCommandLine().toUtf8()); });
    ConnectDialog dialog(context, &actions, (*connector)->spec);
    dialog.show();
    if (!dialog.isFormReady()) {
        QSignalSpy ready(&dialog, &ConnectDialog::formReady);
        QVERIFY(ready.wait(30000));
    }
    dialog.optionPicker()->setCurrentIndex(dialog.optionPicker()->findData(u"plain"_s));
    dialog.findChild<QLineEdit *>(u"connectionName"_s)->setText(u"cancelled"_s);
    dialog.startConnect();
    QCOMPARE(dialog.currentPage(), ConnectDialog::WaitingPage);
    auto *url = dialog.findChild<QLineEdit *>(u"authorizationUrl"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!url->text().isEmpty(), 30000);
    QVERIFY(url->isReadOnly());
    QVERIFY(url->text().startsWith(u"https://example.com/auth?"_s));
    // The copy button puts the address on the clipboard.
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"copyUrlButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), url->text());

    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog.isVisible());
    // The loopback listener is closed: the redirect URI no longer answers.
    const QUrl redirect(QUrlQuery(QUrl(url->text())).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
    QVERIFY(redirect.port() > 0);
    QTcpSocket socket;
    socket.connectToHost(redirect.host(), quint16(redirect.port()));
    QVERIFY(!socket.waitForConnected(5000));
    QVERIFY(!context->index().contains(u"cancelled"_s));
    delete context;
}

QTEST_MAIN(tst_ConnectDialog)
#include "tst_connectdialog.moc"
