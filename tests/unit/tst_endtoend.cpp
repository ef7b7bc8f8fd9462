#include "authorizationserver.h"
#include "connectdialog.h"
#include "connectorcatalogmodel.h"
#include "inspectorwidget.h"
#include "mainwindow.h"

#include "connection/connectionlistmodel.h"
#include "connection/profilecontext.h"
#include "store/connectionindex.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::AuthorizationServer;

// End to end, the way a desktop user does it: the real main window (on the Xvfb display that
// scripts/test-session.sh provides, offscreen without one), a connector written for the real
// authorization server (oidc-provider on loopback), the real Secret Service of the test session, and a
// real browser: AUTHDESK_BROWSER runs tests/authserver/chromium-browser.mjs, which drives Debian's
// headless Chromium through the provider's sign-in and consent pages by typing and clicking. Only the
// client credentials are set up directly (in the keychain, like `authdesk configure`); the rest goes
// through the GUI: Connect… in the tool bar, the catalog's search, the generated form, the Connect
// button, the connection Ready with its test passed, the decoded id_token in the inspector, Disconnect.
// Screenshots of the main window, the inspector and of Chromium's pages are saved as artifacts
// (AUTHDESK_TEST_ARTIFACTS, by default <build>/test-artifacts/endtoend) and checked to be real pictures.
class tst_EndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectWithChromiumAndInspect();
    void deniedConsentInChromiumStoresNothing();

private:
    ProfileContext *openContext(const QString &profile);
    bool configure(ProfileContext *context, const AuthorizationServer::Client &client);
    void writeFile(const QString &path, const QString &text);
    ConnectDialog *openConnectDialog(MainWindow &window);
    QString flowDiagnostics(const ConnectDialog *dialog) const;
    // What the Chromium driver wrote this run (it runs detached: its exit code is out of reach).
    QString browserTranscript() const;
    bool browserFailed() const { return QString(u'\n' + browserTranscript()).contains(u"\nfailed: "_s); }
    QString artifact(const QString &name) const { return QDir(m_artifacts).filePath(name); }

    QTemporaryDir m_home;
    QString m_artifacts;
    QString m_connectors;
    AuthorizationServer m_server;
};

namespace {

const QString connectorKey = u"e2e-oidc"_s;
const QString connectorName = u"End-to-end OIDC"_s;
// The account Chromium signs in with; the provider makes it the `sub`.
const QString account = u"e2e-carol"_s;
constexpr int flowTimeoutMs = 120000; // a flow takes 4 to 10 s; Chromium starts slowly on a loaded machine

QString chromiumProgram()
{
    const QString configured = qEnvironmentVariable("AUTHDESK_TEST_CHROMIUM");
    return configured.isEmpty() ? u"/usr/bin/chromium"_s : configured;
}

// One argument for QProcess::splitCommand (which BrowserLauncher uses on AUTHDESK_BROWSER).
QString quotedArgument(QString argument)
{
    return u'"' + argument.replace(u'"', u"\"\"\""_s) + u'"';
}

// Why `path` is not a screenshot worth keeping (empty when it is one): a PNG of `size` pixels (when
// given) with more than a handful of colours, so neither a blank nor a black window.
QString screenshotProblem(const QString &path, QSize size = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"%1 was not written"_s.arg(path);
    if (!file.read(8).startsWith("\x89PNG\r\n\x1a\n"))
        return u"%1 is not a PNG"_s.arg(path);
    if (file.size() < 2000)
        return u"%1 has only %2 bytes"_s.arg(path).arg(file.size());
    const QImage image(path);
    if (image.isNull())
        return u"%1 cannot be decoded"_s.arg(path);
    if (size.isValid() && image.size() != size)
        return u"%1 is %2x%3, not %4x%5"_s.arg(path).arg(image.width()).arg(image.height()).arg(size.width()).arg(size.height());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    }
    if (colours.size() < 8)
        return u"%1 is nearly blank (%2 colours)"_s.arg(path).arg(colours.size());
    return {};
}

// Saves what `widget` shows now, and returns the pixel size of the picture.
QSize saveScreenshot(QWidget *widget, const QString &path)
{
    const QPixmap pixmap = widget->grab();
    if (!pixmap.save(path, "PNG"))
        qWarning() << "could not save" << path;
    return pixmap.size();
}

} // namespace

void tst_EndToEnd::writeFile(const QString &path, const QString &text)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QVERIFY(file.write(text.toUtf8()) == text.toUtf8().size());
}

void tst_EndToEnd::initTestCase()
{
    // Under scripts/test-session.sh the widgets are real X11 windows on Xvfb.
    if (!qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != u"offscreen"_s)
        QCOMPARE(QGuiApplication::platformName(), u"xcb"_s);
    qInfo().noquote() << "platform:" << QGuiApplication::platformName();

    if (QStandardPaths::findExecutable(AuthorizationServer::nodeProgram()).isEmpty() && !QFileInfo(AuthorizationServer::nodeProgram()).isExecutable())
        QSKIP("Node.js is not installed: the authorization server and the Chromium driver need it (scripts/install-deps.sh --test)");
    if (!QFileInfo(chromiumProgram()).isExecutable())
        QSKIP(qPrintable(u"%1 is not installed: the end-to-end test needs Debian's Chromium (scripts/install-deps.sh --test)"_s.arg(chromiumProgram())));
    // With Node and Chromium present, a missing npm package is a broken setup, not a reason to skip.
    const QString packages = AuthorizationServer::packageDirectory();
    QVERIFY2(QFileInfo::exists(packages + u"/node_modules/playwright-core/package.json"_s),
        qPrintable(u"%1/node_modules lacks playwright-core: run `npm ci --prefix tests/authserver` (scripts/test.sh does)"_s.arg(packages)));
    const QString serverProblem = AuthorizationServer::unavailableReason();
    QVERIFY2(serverProblem.isEmpty(), qPrintable(serverProblem));
    const QString driver = packages + u"/chromium-browser.mjs"_s;
    QVERIFY2(QFileInfo::exists(driver), qPrintable(driver));

    QVERIFY(m_home.isValid());
    // Settings, profiles and connection indexes stay in the temporary home; the keychain entries of
    // this run sit under profile names of their own.
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    qunsetenv("AUTHDESK_PROFILE");
    qunsetenv("AUTHDESK_TEST_CONSENT");
    QCoreApplication::setOrganizationName(u"AuthdeskTest"_s);
    QCoreApplication::setApplicationName(u"tst_endtoend"_s);

    m_artifacts = qEnvironmentVariable("AUTHDESK_TEST_ARTIFACTS");
    if (m_artifacts.isEmpty())
        m_artifacts = QStringLiteral(AUTHDESK_TEST_ARTIFACTS_DIR);
    QVERIFY2(QDir().mkpath(m_artifacts), qPrintable(m_artifacts));
    m_artifacts = QFileInfo(m_artifacts).absoluteFilePath();
    qputenv("AUTHDESK_TEST_ARTIFACTS", m_artifacts.toUtf8()); // for Chromium's pictures too
    qInfo().noquote() << "artifacts:" << m_artifacts;

    QElapsedTimer started;
    started.start();
    QVERIFY2(m_server.startAndWait(), qPrintable(m_server.errorString()));
    qInfo().noquote() << "authorization server ready after" << started.elapsed() << "ms";

    // The connector: a required "Account" input (the generated form) that becomes login_hint, the
    // client's credentials as connector parameters (the secret in the keychain), and a test that reads
    // the provider's userinfo endpoint with the new access token.
    const QString issuer = m_server.issuer().toString();
    m_connectors = m_home.filePath(u"connectors"_s);
    writeFile(m_connectors + u"/e2e-oidc/spec.yml"_s,
        u"key: e2e-oidc\nname: End-to-end OIDC\n"
        "parametersSchema:\n  type: object\n  properties:\n"
        "    clientId: {type: string}\n    clientSecret: {type: string, format: password}\n"
        "auth:\n  type: oauth2\n"
        "  ui:\n    schema:\n      type: object\n      required: [account]\n      properties:\n"
        "        account: {type: string, title: Account, description: The account to sign in with}\n"
        "        pin: {type: string, format: password, title: PIN}\n"
        "  getOAuthConfig:\n    implementationType: mapping\n"
        "  makeApiClient:\n    implementationType: mapping\n"
        "  test:\n    implementationType: rest-api-mapping\n"_s);
    writeFile(m_connectors + u"/e2e-oidc/auth/get-oauth-config.map.yml"_s,
        u"authorizeUri: %1/auth\ntokenUri: %1/token\nrevokeUri: %1/token/revocation\nissuer: %1\n"
        "clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: connectorParameters.clientSecret}\n"
        "clientAuthLocation: headers\nscopes: [openid, offline_access, profile, email]\n"
        "extra:\n  login_hint: {$var: connectionInput.account}\n"_s.arg(issuer));
    writeFile(m_connectors + u"/e2e-oidc/auth/make-api-client.map.yml"_s,
        u"baseUri: %1\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: credentials.access_token}]}\n"_s.arg(issuer));
    writeFile(m_connectors + u"/e2e-oidc/auth/test.rest.yml"_s,
        u"path: /me\nmethod: GET\nresponseMapping:\n  $var: response.data.sub\n"_s);

    // BrowserLauncher starts this detached (the GUI never waits for it); the URL is appended.
    qputenv("AUTHDESK_BROWSER", (quotedArgument(AuthorizationServer::nodeProgram()) + u' ' + quotedArgument(driver)).toUtf8());
    qputenv("AUTHDESK_TEST_LOGIN", account.toUtf8());
    qputenv("AUTHDESK_TEST_CHROMIUM", chromiumProgram().toUtf8());
}

ProfileContext *tst_EndToEnd::openContext(const QString &profile)
{
    const auto context = ProfileContext::open(profile, {m_connectors}, this, m_home.filePath(u"profiles"_s));
    if (!context) {
        qWarning().noquote() << context.error().message;
        return nullptr;
    }
    return *context;
}

bool tst_EndToEnd::configure(ProfileContext *context, const AuthorizationServer::Client &client)
{
    ConnectorParametersJob *job = context->parameters()->set(connectorKey, {{u"clientId"_s, client.id}, {u"clientSecret"_s, client.secret}});
    bool stored = false;
    connect(job, &ConnectorParametersJob::finished, this,
        [&stored](const ConnectorParametersJob::Outcome &outcome) { stored = bool(outcome); });
    QSignalSpy finished(job, &ConnectorParametersJob::finished);
    job->start();
    return finished.wait(30000) && stored;
}

// Connect… in the tool bar, the connector found by searching the catalog, Enter: the connect dialog.
ConnectDialog *tst_EndToEnd::openConnectDialog(MainWindow &window)
{
    auto *toolBar = window.findChild<QToolBar *>(u"connectionToolBar"_s);
    if (!toolBar || !toolBar->widgetForAction(window.connectAction())) {
        qWarning() << "no Connect… button in the tool bar";
        return nullptr;
    }
    QTest::mouseClick(toolBar->widgetForAction(window.connectAction()), Qt::LeftButton);
    if (window.tabs()->currentIndex() != MainWindow::ConnectorsTab) {
        qWarning() << "Connect… did not lead to the connector catalog";
        return nullptr;
    }
    auto *search = window.findChild<QLineEdit *>(u"connectorSearch"_s);
    if (!search) {
        qWarning() << "no connector search field";
        return nullptr;
    }
    QTest::keyClicks(search, u"end-to-end"_s);
    QTableView *catalog = window.connectorView();
    if (catalog->model()->rowCount() != 1) {
        qWarning() << "searching the catalog found" << catalog->model()->rowCount() << "connectors instead of 1";
        return nullptr;
    }
    const QModelIndex row = catalog->model()->index(0, ConnectorCatalogModel::NameColumn);
    QTest::mouseClick(catalog->viewport(), Qt::LeftButton, {}, catalog->visualRect(row).center());
    QTest::keyClick(catalog, Qt::Key_Return);
    return window.findChild<ConnectDialog *>();
}

QString tst_EndToEnd::browserTranscript() const
{
    QFile file(QDir(qEnvironmentVariable("AUTHDESK_TEST_ARTIFACTS")).filePath(u"chromium-browser.log"_s));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// What helps when a flow did not finish: where the dialog stands and what the provider saw.
QString tst_EndToEnd::flowDiagnostics(const ConnectDialog *dialog) const
{
    QString text;
    if (dialog) {
        const auto *progress = dialog->findChild<QLabel *>(u"progress"_s);
        text += u"dialog page %1; progress: %2; result: %3\n"_s.arg(int(dialog->currentPage()))
                    .arg(progress ? progress->text() : QString(), dialog->resultText());
    }
    return text + u"Chromium driver:\n"_s + browserTranscript() + u"provider log:\n"_s + m_server.log().right(3000);
}

void tst_EndToEnd::connectWithChromiumAndInspect()
{
    for (const QString &name : {u"mainwindow.png"_s, u"inspector.png"_s, u"chromium-consent.png"_s, u"chromium-callback.png"_s, u"chromium-browser.log"_s})
        QFile::remove(artifact(name));
    QSettings().clear();
    ProfileContext *context = openContext(u"e2e-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12));
    QVERIFY(context);
    const auto deleteContext = qScopeGuard([context] { delete context; });
    QVERIFY(configure(context, m_server.client(AuthorizationServer::basicClient())));
    const qsizetype logStart = m_server.log().size();
    ConnectorSearchPath path;
    path.append(m_connectors, ConnectorSource::Extra);
    MainWindow window(context, path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QPointer<ConnectDialog> dialog = openConnectDialog(window);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->windowTitle(), u"Connect to "_s + connectorName);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isFormReady(), 30000); // the parameters come from the keychain

    // The generated form: the required Account field stops an empty connect and says why.
    auto *accountField = dialog->findChild<QLineEdit *>(u"input_account"_s);
    QVERIFY(accountField);
    QCOMPARE(accountField->accessibleName(), u"Account"_s);
    auto *connectButton = dialog->findChild<QPushButton *>(u"connectButton"_s);
    QVERIFY(connectButton && connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), ConnectDialog::FormPage);
    auto *formErrors = dialog->findChild<QLabel *>(u"formErrors"_s);
    QVERIFY(formErrors && formErrors->isVisible());
    QCOMPARE(formErrors->text(), u"Account is required."_s);

    QTest::keyClicks(accountField, account);
    auto *pinField = dialog->findChild<QLineEdit *>(u"input_pin"_s);
    QVERIFY(pinField);
    QCOMPARE(pinField->echoMode(), QLineEdit::Password); // a secret input is masked...
    QTest::keyClicks(pinField, u"PIN-SECRET-4711"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"connectionName"_s), u"carol at e2e"_s);
    QSignalSpy outcome(dialog.data(), &ConnectDialog::outcomeShown);
    QElapsedTimer flow;
    flow.start();
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), ConnectDialog::WaitingPage);
    auto *urlField = dialog->findChild<QLineEdit *>(u"authorizationUrl"_s);
    QVERIFY(urlField);
    QTRY_VERIFY_WITH_TIMEOUT(!urlField->text().isEmpty(), 30000);
    const QUrl authorizationUrl(urlField->text());
    QCOMPARE(authorizationUrl.adjusted(QUrl::RemoveQuery), m_server.endpoint(u"authorization"_s));
    QCOMPARE(QUrlQuery(authorizationUrl).queryItemValue(u"login_hint"_s), account); // the form's value went out

    // Chromium signs in, consents and lands on the loopback callback; the app exchanges the code,
    // stores the credentials in the keychain and runs the connector's test against userinfo.
    // (A failing driver ends the wait at once, with its reason.)
    QTRY_VERIFY2_WITH_TIMEOUT(!outcome.isEmpty() || browserFailed(), qPrintable(flowDiagnostics(dialog)), flowTimeoutMs);
    QVERIFY2(!outcome.isEmpty(), qPrintable(flowDiagnostics(dialog)));
    const qint64 flowMs = flow.elapsed();
    qInfo().noquote() << "connect through Chromium: Connect clicked → outcome shown in" << flowMs << "ms";
    QVERIFY2(outcome.first().first().toBool(), qPrintable(flowDiagnostics(dialog)));
    QCOMPARE(dialog->currentPage(), ConnectDialog::ResultPage);
    QCOMPARE(dialog->connectionName(), u"carol at e2e"_s);
    QVERIFY2(dialog->resultText().contains(u"the test passed"_s), qPrintable(dialog->resultText()));
    // Chromium rendered the provider's pages and the callback page (it saves them once shown).
    QTRY_VERIFY2_WITH_TIMEOUT(screenshotProblem(artifact(u"chromium-callback.png"_s)).isEmpty(),
        qPrintable(screenshotProblem(artifact(u"chromium-callback.png"_s))), 30000);
    QVERIFY2(screenshotProblem(artifact(u"chromium-consent.png"_s)).isEmpty(), qPrintable(screenshotProblem(artifact(u"chromium-consent.png"_s))));
    // The provider saw both forms posted (sign-in, consent) and the code exchanged.
    const auto providerLog = [this, logStart] { return m_server.log().mid(logStart); };
    QTRY_VERIFY2_WITH_TIMEOUT(providerLog().count(u"POST /interaction/"_s) == 2 && providerLog().contains(u"POST /token "_s),
        qPrintable(providerLog()), 10000);

    auto *closeButton = dialog->findChild<QPushButton *>(u"closeButton"_s);
    QVERIFY(closeButton && closeButton->isVisible());
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    // The connection in the connections table: Ready, its test passed.
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ConnectionsTab));
    ConnectionListModel *model = window.connectionModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(u"carol at e2e"_s) >= 0, 30000);
    const QModelIndex record = model->index(model->rowOf(u"carol at e2e"_s), 0);
    QCOMPARE(record.data(ConnectionListModel::StatusRole).toString(), u"Ready"_s);
    QCOMPARE(record.data(ConnectionListModel::LastTestPassedRole), QVariant(true));
    // ...and not written to the connection index (the other input is).
    const ConnectionRecord *stored = context->index().find(u"carol at e2e"_s);
    QVERIFY(stored);
    QCOMPARE(stored->input.value(u"account"_s).toString(), account);
    QVERIFY(!stored->input.contains(u"pin"_s));
    QFile indexFile(context->index().filePath());
    QVERIFY(indexFile.open(QIODevice::ReadOnly));
    QVERIFY(!indexFile.readAll().contains("PIN-SECRET-4711"));
    QTableView *view = window.connectionView();
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ConnectionListModel::StatusColumn).data().toString(), u"Ready"_s);
    QVERIFY(view->model()->index(0, ConnectionListModel::ExpiresColumn).data().toString().startsWith(u"in "_s));

    // Selected with the mouse, it fills the inspector; its Tokens tab decodes the id_token of the
    // account Chromium signed in with.
    const QModelIndex name = view->model()->index(0, ConnectionListModel::NameColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(name).center());
    QCOMPARE(window.selectedConnection(), u"carol at e2e"_s);
    InspectorWidget *inspector = window.inspector();
    QCOMPARE(inspector->connectionName(), u"carol at e2e"_s);
    auto *status = inspector->findChild<QLabel *>(u"status"_s);
    QVERIFY(status);
    QVERIFY2(status->text().contains(u"Ready"_s), qPrintable(status->text()));
    QTabWidget *sections = inspector->tabs();
    auto *tokensView = inspector->findChild<QPlainTextEdit *>(u"tokensView"_s);
    QVERIFY(tokensView);
    const int tokensTab = sections->indexOf(tokensView);
    QVERIFY(tokensTab >= 0);
    QTest::mouseClick(sections->tabBar(), Qt::LeftButton, {}, sections->tabBar()->tabRect(tokensTab).center());
    QCOMPARE(sections->currentIndex(), tokensTab);
    QTRY_VERIFY2_WITH_TIMEOUT(inspector->tokensText().contains(u"\"sub\": \"%1\""_s.arg(account)),
        qPrintable(inspector->tokensText()), 30000);
    const QString tokens = inspector->tokensText();
    QVERIFY2(tokens.contains(u"id_token"_s) && tokens.contains(u"\"iss\": \"%1\""_s.arg(m_server.issuer().toString()))
            && tokens.contains(u"\"aud\": \"%1\""_s.arg(AuthorizationServer::basicClient())) && tokens.contains(u"Expires (exp): "_s),
        qPrintable(tokens));
    // The credentials tab holds them masked.
    QTRY_VERIFY_WITH_TIMEOUT(inspector->credentialsText().contains(u"access_token"_s), 30000);
    QVERIFY(!inspector->isRevealed());

    // Screenshots for the people reviewing the run, checked to be real pictures of the windows.
    const QSize windowSize = saveScreenshot(&window, artifact(u"mainwindow.png"_s));
    const QSize inspectorSize = saveScreenshot(inspector, artifact(u"inspector.png"_s));
    QVERIFY2(screenshotProblem(artifact(u"mainwindow.png"_s), windowSize).isEmpty(), qPrintable(screenshotProblem(artifact(u"mainwindow.png"_s), windowSize)));
    QVERIFY2(screenshotProblem(artifact(u"inspector.png"_s), inspectorSize).isEmpty(), qPrintable(screenshotProblem(artifact(u"inspector.png"_s), inspectorSize)));

    // Disconnect from the tool bar, confirmed: revoked at the provider, nothing left in the table (and
    // no entry of this run left in the session's keychain).
    auto *toolBar = window.findChild<QToolBar *>(u"connectionToolBar"_s);
    QVERIFY(toolBar && window.disconnectAction()->isEnabled());
    QTest::mouseClick(toolBar->widgetForAction(window.disconnectAction()), Qt::LeftButton);
    auto *confirmation = window.findChild<QMessageBox *>(u"disconnectConfirmation"_s);
    QVERIFY(confirmation);
    auto *confirm = confirmation->findChild<QPushButton *>(u"confirmDisconnect"_s);
    QVERIFY(confirm);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowOf(u"carol at e2e"_s), -1, 60000);
    QVERIFY(!context->index().contains(u"carol at e2e"_s));
    QTRY_VERIFY2_WITH_TIMEOUT(providerLog().contains(u"POST /token/revocation "_s), qPrintable(providerLog()), 10000);
    window.close();
}

void tst_EndToEnd::deniedConsentInChromiumStoresNothing()
{
    // Chromium clicks the consent page's Cancel; its screenshots of this run go to denied/.
    const QString deniedArtifacts = artifact(u"denied"_s);
    QVERIFY(QDir().mkpath(deniedArtifacts));
    for (const QString &name : {u"connect-dialog.png"_s, u"chromium-consent.png"_s, u"chromium-callback.png"_s, u"chromium-browser.log"_s})
        QFile::remove(deniedArtifacts + u'/' + name);
    qputenv("AUTHDESK_TEST_CONSENT", "deny");
    qputenv("AUTHDESK_TEST_ARTIFACTS", deniedArtifacts.toUtf8());
    const auto restore = qScopeGuard([this] {
        qunsetenv("AUTHDESK_TEST_CONSENT");
        qputenv("AUTHDESK_TEST_ARTIFACTS", m_artifacts.toUtf8());
    });
    QSettings().clear();
    ProfileContext *context = openContext(u"e2e-denied-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12));
    QVERIFY(context);
    const auto deleteContext = qScopeGuard([context] { delete context; });
    QVERIFY(configure(context, m_server.client(AuthorizationServer::basicClient())));
    const qsizetype logStart = m_server.log().size();
    ConnectorSearchPath path;
    path.append(m_connectors, ConnectorSource::Extra);
    MainWindow window(context, path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QPointer<ConnectDialog> dialog = openConnectDialog(window);
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isFormReady(), 30000);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"input_account"_s), account);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"connectionName"_s), u"refused"_s);
    QSignalSpy outcome(dialog.data(), &ConnectDialog::outcomeShown);
    QSignalSpy connected(dialog.data(), &ConnectDialog::connected);
    QElapsedTimer flow;
    flow.start();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->currentPage(), ConnectDialog::WaitingPage);
    QTRY_VERIFY2_WITH_TIMEOUT(!outcome.isEmpty() || browserFailed(), qPrintable(flowDiagnostics(dialog)), flowTimeoutMs);
    QVERIFY2(!outcome.isEmpty(), qPrintable(flowDiagnostics(dialog)));
    qInfo().noquote() << "denied consent through Chromium: Connect clicked → outcome shown in" << flow.elapsed() << "ms";

    // The provider's error and its description (form-decoded: "+" is a space) in plain sight.
    QVERIFY(!outcome.first().first().toBool());
    QCOMPARE(connected.count(), 0);
    QCOMPARE(dialog->currentPage(), ConnectDialog::ResultPage);
    const QString result = dialog->resultText();
    QVERIFY2(result.contains(u"access_denied"_s) && result.contains(u"End-User aborted interaction"_s), qPrintable(result));
    auto *retry = dialog->findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry && retry->isVisible());
    QVERIFY2(screenshotProblem(artifact(u"denied/chromium-consent.png"_s)).isEmpty(), qPrintable(screenshotProblem(artifact(u"denied/chromium-consent.png"_s))));
    QTRY_VERIFY2_WITH_TIMEOUT(screenshotProblem(artifact(u"denied/chromium-callback.png"_s)).isEmpty(),
        qPrintable(screenshotProblem(artifact(u"denied/chromium-callback.png"_s))), 30000);
    const QSize dialogSize = saveScreenshot(dialog, artifact(u"denied/connect-dialog.png"_s));
    QVERIFY2(screenshotProblem(artifact(u"denied/connect-dialog.png"_s), dialogSize).isEmpty(),
        qPrintable(screenshotProblem(artifact(u"denied/connect-dialog.png"_s), dialogSize)));

    // Nothing stored: no connection in the profile, none in the table, the earlier state untouched.
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"closeButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QVERIFY(!context->index().contains(u"refused"_s));
    QVERIFY(context->index().connections().isEmpty());
    window.connectionModel()->reload();
    QCOMPARE(window.connectionModel()->rowCount(), 0);
    // Chromium signed in, then left through the consent page's Cancel; no code was ever exchanged.
    const auto providerLog = [this, logStart] { return m_server.log().mid(logStart); };
    QTRY_VERIFY2_WITH_TIMEOUT(providerLog().count(u"POST /interaction/"_s) == 1 && providerLog().contains(u"/abort -> 303"_s),
        qPrintable(providerLog()), 10000);
    QVERIFY2(!providerLog().contains(u"POST /token "_s), qPrintable(providerLog()));
    window.close();
}

// Not QTEST_MAIN: the platform is chosen before QApplication exists. Xvfb (xcb) when the session has
// a display, as under scripts/test-session.sh; offscreen otherwise. An explicit QT_QPA_PLATFORM wins.
int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", qEnvironmentVariableIsEmpty("DISPLAY") ? "offscreen" : "xcb");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    tst_EndToEnd test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_endtoend.moc"
