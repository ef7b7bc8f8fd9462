#include "connectioninputform.h"
#include "connectorsettingsdialog.h"

#include "connection/profilecontext.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "store/secretstore.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUuid>
#include <QtTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

template <typename Job> typename Job::Outcome run(Job *job)
{
    std::optional<typename Job::Outcome> outcome;
    QObject context;
    QObject::connect(job, &Job::finished, &context, [&](const typename Job::Outcome &result) { outcome = result; });
    job->start();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        qFatal("a job did not finish");
    return *outcome;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write a test file");
    file.write(text.toUtf8());
}

// The connectors every test uses, below `root`:
//   pinned  - getOAuthConfig pins port 8765 and path /oauth/done; a schema with every kind of field
//   loose   - getOAuthConfig leaves the port to the loopback handler (ephemeral)
//   broken  - a spec with a validation error
//   dup     - the same key in root/first and root/second: the second overrides the first
void writeConnectors(const QString &root)
{
    writeFile(root + u"/main/pinned/spec.yml"_s,
        u"key: pinned\nname: Pinned Port\n"
        "parametersSchema:\n  type: object\n  properties:\n"
        "    clientId: {type: string, title: Client ID}\n"
        "    clientSecret: {type: string, title: Client secret, format: password}\n"
        "    scopes: {type: array, title: Scopes, items: {type: string}, default: [read, profile]}\n"
        "    tenant: {type: string, title: Tenant, default: common}\n"
        "    retries: {type: integer, title: Retries, minimum: 0}\n"
        "    sandbox: {type: boolean, title: Sandbox}\n"
        "  required: [clientId, clientSecret]\n"
        "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
        "  makeApiClient:\n    implementationType: mapping\n"_s);
    writeFile(root + u"/main/pinned/auth/get-oauth-config.map.yml"_s,
        u"clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: connectorParameters.clientSecret}\n"
        "authorizeUri: https://auth.example.com/authorize\ntokenUri: https://auth.example.com/token\n"
        "scopes: {$var: connectorParameters.scopes}\nredirectPort: 8765\nredirectPath: /oauth/done\n"_s);
    writeFile(root + u"/main/pinned/auth/make-api-client.map.yml"_s, u"baseUri: https://api.example.com\n"_s);

    writeFile(root + u"/main/loose/spec.yml"_s,
        u"key: loose\nname: Any Port\n"
        "parametersSchema:\n  type: object\n  properties:\n"
        "    clientId: {type: string, title: Client ID}\n"
        "  required: [clientId]\n"
        "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
        "  makeApiClient:\n    implementationType: mapping\n"_s);
    writeFile(root + u"/main/loose/auth/get-oauth-config.map.yml"_s,
        u"clientId: {$var: connectorParameters.clientId}\n"
        "authorizeUri: https://auth.example.com/authorize\ntokenUri: https://auth.example.com/token\n"_s);
    writeFile(root + u"/main/loose/auth/make-api-client.map.yml"_s, u"baseUri: https://api.example.com\n"_s);

    writeFile(root + u"/main/broken/spec.yml"_s, u"key: broken\nname: Broken One\nauth:\n  type: sideways\n"_s);

    for (const QString &which : {u"first"_s, u"second"_s}) {
        writeFile(root + u"/"_s + which + u"/dup/spec.yml"_s,
            u"key: dup\nname: Duplicate\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
            "  makeApiClient:\n    implementationType: mapping\n"_s);
        writeFile(root + u"/"_s + which + u"/dup/auth/get-oauth-config.map.yml"_s,
            u"clientId: x\nauthorizeUri: https://auth.example.com/a\ntokenUri: https://auth.example.com/t\n"_s);
        writeFile(root + u"/"_s + which + u"/dup/auth/make-api-client.map.yml"_s, u"baseUri: https://api.example.com\n"_s);
    }
}

QStringList connectorDirectories(const QString &root)
{
    return {root + u"/main"_s, root + u"/first"_s, root + u"/second"_s};
}

// The dialog of a child process whose session bus is dead: no keychain at all. Prints one JSON line
// after loading and one after trying to save.
int runUnavailableChild(const QString &profile, const QString &profilesRoot, const QString &connectorsRoot)
{
    const auto context = ProfileContext::open(profile, connectorDirectories(connectorsRoot), nullptr, profilesRoot);
    if (!context)
        return 90;
    ConnectorSettingsDialog dialog(*context, u"pinned"_s);
    QSignalSpy loaded(&dialog, &ConnectorSettingsDialog::loadFinished);
    dialog.show();
    if (!loaded.wait(120000))
        return 91;
    auto *clientId = qobject_cast<QLineEdit *>(dialog.form()->field(u"clientId"_s));
    auto *secret = qobject_cast<QLineEdit *>(dialog.form()->field(u"clientSecret"_s));
    QTextStream out(stdout);
    out << QJsonDocument(QJsonObject{{u"loaded"_s, loaded.first().first().toBool()},
                             {u"status"_s, dialog.statusText()}, {u"clientId"_s, clientId->text()},
                             {u"secretText"_s, secret->text()}, {u"secretPlaceholder"_s, secret->placeholderText()}})
               .toJson(QJsonDocument::Compact)
        << Qt::endl;
    clientId->setText(u"changed-id"_s);
    secret->setText(u"changed-secret"_s);
    QSignalSpy failed(&dialog, &ConnectorSettingsDialog::saveFailed);
    QSignalSpy saved(&dialog, &ConnectorSettingsDialog::saved);
    dialog.save(true);
    if (!failed.wait(120000))
        return 92;
    out << QJsonDocument(QJsonObject{{u"saved"_s, saved.size()}, {u"status"_s, dialog.statusText()},
                             {u"visible"_s, dialog.isVisible()}, {u"clientId"_s, clientId->text()},
                             {u"code"_s, int(failed.first().first().value<Error>().code)}})
               .toJson(QJsonDocument::Compact)
        << Qt::endl;
    delete *context;
    return 0;
}

} // namespace

// The connector settings dialog with real widgets (offscreen), a profile in a temporary folder and
// the real Secret Service of the test session: stored parameters load into the form with the secret
// masked; edits are stored with the secret in the keychain and not in the settings file; required
// fields and types are checked before saving; emptied fields and "Forget all" remove; the folder,
// source, overrides, validation errors and the redirect URI (a pinned port, and an ephemeral one)
// are shown; with no keychain at all, the dialog says so and nothing stored is lost.
class tst_ConnectorSettingsDialog : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // QDesktopServices' handler for file: URLs in this test (not a test function: it is public).
    void openUrl(const QUrl &url) { m_opened.append(url); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loadsStoredParametersWithTheSecretMasked();
    void savesTheSecretToTheKeychainOnly();
    void validationBlocksSaving();
    void emptyingAFieldAndForgetAllRemove();
    void pinnedPortFolderAndCopy();
    void ephemeralPortIsExplained();
    void validationErrorsAndOverridesAreListed();
    void unknownConnector();
    void everyControlHasAnAccessibleName();
    void keychainUnavailableLosesNothing();

private:
    ProfileContext *openContext();
    bool store(const QString &connector, const QJsonObject &parameters);
    QJsonObject stored(const QString &connector);
    ConnectorSettingsDialog *openDialog(ProfileContext *context, const QString &connector);
    QStringList filesContaining(const QString &needle) const;

    QTemporaryDir m_home;
    QString m_profile;
    QString m_connectors;
    ProfileContext *m_context = nullptr;
    QList<QUrl> m_opened;
};

void tst_ConnectorSettingsDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    qunsetenv("AUTHDESK_PROFILE");
    qunsetenv("AUTHDESK_CONNECTORS_PATH");
    m_profile = u"settings-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_connectors = m_home.filePath(u"connectors"_s);
    writeConnectors(m_connectors);
    m_context = openContext();
    QVERIFY(m_context);
    QDesktopServices::setUrlHandler(u"file"_s, this, "openUrl");
}

void tst_ConnectorSettingsDialog::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(u"file"_s);
    if (m_context) {
        // Leave nothing of this run in the session's keychain.
        for (const QString &connector : {u"pinned"_s, u"loose"_s})
            run(m_context->secrets()->remove(SecretStore::Kind::ConnectorParameters, connector));
    }
    delete m_context;
}

ProfileContext *tst_ConnectorSettingsDialog::openContext()
{
    const auto context = ProfileContext::open(m_profile, connectorDirectories(m_connectors), this, m_home.filePath(u"profiles"_s));
    if (!context) {
        qWarning() << context.error().message;
        return nullptr;
    }
    return *context;
}

bool tst_ConnectorSettingsDialog::store(const QString &connector, const QJsonObject &parameters)
{
    // Start from nothing, then store as `authdesk configure` does.
    if (!run(m_context->parameters()->remove(connector)))
        return false;
    const auto spec = m_context->connector(connector);
    const QStringList secretKeys = spec ? ProfileContext::secretParameterKeys((*spec)->spec) : QStringList();
    return bool(run(m_context->parameters()->set(connector, parameters, secretKeys)));
}

QJsonObject tst_ConnectorSettingsDialog::stored(const QString &connector)
{
    const auto outcome = run(m_context->parameters()->load(connector));
    if (!outcome)
        qWarning() << outcome.error().message;
    return outcome ? *outcome : QJsonObject{{u"error"_s, true}};
}

ConnectorSettingsDialog *tst_ConnectorSettingsDialog::openDialog(ProfileContext *context, const QString &connector)
{
    auto *dialog = new ConnectorSettingsDialog(context, connector);
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy loaded(dialog, &ConnectorSettingsDialog::loadFinished);
    dialog->show();
    // Showing runs the event loop: an empty store may have answered already.
    if (!QTest::qWaitForWindowExposed(dialog) || (loaded.isEmpty() && !loaded.wait(60000))
        || !loaded.first().first().toBool()) {
        qWarning() << "the dialog did not load:" << dialog->statusText();
        delete dialog;
        return nullptr;
    }
    return dialog;
}

QStringList tst_ConnectorSettingsDialog::filesContaining(const QString &needle) const
{
    QStringList found;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readAll(path).contains(needle.toUtf8()))
            found.append(path);
    }
    return found;
}

void tst_ConnectorSettingsDialog::loadsStoredParametersWithTheSecretMasked()
{
    QVERIFY(store(u"pinned"_s, {{u"clientId"_s, u"id-from-configure"_s}, {u"clientSecret"_s, u"masked-s3cret"_s},
                                   {u"retries"_s, 2}, {u"sandbox"_s, true}}));
    std::unique_ptr<ConnectorSettingsDialog> dialog(openDialog(m_context, u"pinned"_s));
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), u"Settings of Pinned Port"_s);
    ConnectionInputForm *form = dialog->form();
    QVERIFY(form);

    auto *clientId = qobject_cast<QLineEdit *>(form->field(u"clientId"_s));
    QVERIFY(clientId);
    QCOMPARE(clientId->text(), u"id-from-configure"_s);
    QCOMPARE(clientId->accessibleName(), u"Client ID"_s);

    // The secret came from the keychain and is masked until "Show" is pressed.
    auto *secret = qobject_cast<QLineEdit *>(form->field(u"clientSecret"_s));
    QVERIFY(secret);
    QCOMPARE(secret->text(), u"masked-s3cret"_s);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    auto *reveal = form->findChild<QToolButton *>(u"reveal_clientSecret"_s);
    QVERIFY(reveal);
    QCOMPARE(reveal->accessibleName(), u"Show Client secret"_s);
    QTest::mouseClick(reveal, Qt::LeftButton);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(reveal, Qt::LeftButton);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(!form->findChild<QToolButton *>(u"reveal_clientId"_s)); // only secrets have one

    // Typed values, and unset ones showing their default instead of storing it.
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(u"retries"_s))->text(), u"2"_s);
    auto *sandbox = qobject_cast<QComboBox *>(form->field(u"sandbox"_s));
    QVERIFY(sandbox);
    QCOMPARE(sandbox->currentData(), QVariant(true));
    auto *tenant = qobject_cast<QLineEdit *>(form->field(u"tenant"_s));
    QVERIFY(tenant->text().isEmpty());
    QCOMPARE(tenant->placeholderText(), u"Default: common"_s);
    auto *scopes = qobject_cast<QPlainTextEdit *>(form->field(u"scopes"_s));
    QVERIFY(scopes);
    QVERIFY(scopes->toPlainText().isEmpty());
    QCOMPARE(scopes->placeholderText(), u"Default:\nread\nprofile"_s);

    // Saving without a change stores nothing new.
    QSignalSpy saved(dialog.get(), &ConnectorSettingsDialog::saved);
    dialog->save(false);
    QCOMPARE(saved.size(), 0);
    QVERIFY(dialog->statusText().contains(u"unchanged"_s));
}

void tst_ConnectorSettingsDialog::savesTheSecretToTheKeychainOnly()
{
    QVERIFY(run(m_context->parameters()->remove(u"pinned"_s)));
    std::unique_ptr<ConnectorSettingsDialog> dialog(openDialog(m_context, u"pinned"_s));
    QVERIFY(dialog);
    ConnectionInputForm *form = dialog->form();
    const QString secretValue = u"kc-only-"_s + QUuid::createUuid().toString(QUuid::Id128).left(16);
    QTest::keyClicks(form->field(u"clientId"_s), u"client-from-the-dialog"_s);
    QTest::keyClicks(form->field(u"clientSecret"_s), secretValue);
    QTest::keyClicks(form->field(u"retries"_s), u"3x"_s); // the integer field takes the digit only
    qobject_cast<QPlainTextEdit *>(form->field(u"scopes"_s))->setPlainText(u"read\n  write  \n\n"_s);
    auto *sandbox = qobject_cast<QComboBox *>(form->field(u"sandbox"_s));
    sandbox->setCurrentIndex(sandbox->findData(false));

    QSignalSpy saved(dialog.get(), &ConnectorSettingsDialog::saved);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyButton"_s), Qt::LeftButton);
    QVERIFY(saved.wait(60000));
    QCOMPARE(saved.first().first().toString(), u"pinned"_s);
    QVERIFY(dialog->isVisible()); // Apply keeps the dialog open
    QVERIFY2(dialog->statusText().contains(u"keychain"_s), qPrintable(dialog->statusText()));

    // The store holds the values, typed; the secret is in the keychain, and nowhere on disk.
    const QJsonObject parameters = stored(u"pinned"_s);
    QCOMPARE(parameters.value(u"clientId"_s).toString(), u"client-from-the-dialog"_s);
    QCOMPARE(parameters.value(u"clientSecret"_s).toString(), secretValue);
    QCOMPARE(parameters.value(u"retries"_s).toInteger(), 3);
    QCOMPARE(parameters.value(u"scopes"_s).toArray(), (QJsonArray{u"read"_s, u"write"_s}));
    QCOMPARE(parameters.value(u"sandbox"_s), QJsonValue(false));
    QVERIFY(!parameters.contains(u"tenant"_s)); // left unset: the default applies when a method runs

    const QString settingsPath = m_context->parameters()->settingsPath();
    const QByteArray settings = readAll(settingsPath);
    QVERIFY2(settings.contains("client-from-the-dialog"), settings.constData());
    QVERIFY(!settings.contains(secretValue.toUtf8()));
    QCOMPARE(m_context->parameters()->secretParameterNames(u"pinned"_s).value(), QStringList{u"clientSecret"_s});
    QCOMPARE(filesContaining(secretValue), QStringList());
    const auto keychain = run(m_context->secrets()->read(SecretStore::Kind::ConnectorParameters, u"pinned"_s));
    QVERIFY(keychain);
    QCOMPARE(keychain->value(u"clientSecret"_s).toString(), secretValue);
    QVERIFY(!keychain->contains(u"clientId"_s));

    // Save closes the dialog once stored.
    qobject_cast<QLineEdit *>(form->field(u"tenant"_s))->setText(u"acme"_s);
    QSignalSpy finished(dialog.get(), &QDialog::finished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));
    QCOMPARE(stored(u"pinned"_s).value(u"tenant"_s).toString(), u"acme"_s);
}

void tst_ConnectorSettingsDialog::validationBlocksSaving()
{
    QVERIFY(run(m_context->parameters()->remove(u"pinned"_s)));
    std::unique_ptr<ConnectorSettingsDialog> dialog(openDialog(m_context, u"pinned"_s));
    QVERIFY(dialog);
    ConnectionInputForm *form = dialog->form();
    QSignalSpy saved(dialog.get(), &ConnectorSettingsDialog::saved);
    QSignalSpy finished(dialog.get(), &QDialog::finished);

    // Required: both client fields (the scopes are required by nothing; the tenant has a default).
    QTest::keyClicks(form->field(u"clientSecret"_s), u"only-the-secret"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->statusText(), u"Client ID is required."_s);
    QCOMPARE(form->focusWidget(), form->field(u"clientId"_s));

    // Types: a whole number, at least the minimum.
    QTest::keyClicks(form->field(u"clientId"_s), u"id"_s);
    qobject_cast<QLineEdit *>(form->field(u"retries"_s))->setText(u"-1"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->statusText(), u"Retries must be at least 0."_s);
    qobject_cast<QLineEdit *>(form->field(u"retries"_s))->setText(u"two"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->statusText(), u"Retries must be a whole number."_s);

    QTest::qWait(200); // nothing may be on its way to the store
    QCOMPARE(saved.size(), 0);
    QCOMPARE(finished.size(), 0);
    QVERIFY(dialog->isVisible());
    QCOMPARE(stored(u"pinned"_s), QJsonObject());
    QCOMPARE(filesContaining(u"only-the-secret"_s), QStringList());
}

void tst_ConnectorSettingsDialog::emptyingAFieldAndForgetAllRemove()
{
    QVERIFY(store(u"pinned"_s, {{u"clientId"_s, u"keep-me"_s}, {u"clientSecret"_s, u"drop-me"_s}, {u"tenant"_s, u"acme"_s},
                                   {u"legacy"_s, u"set-by-configure"_s}}));
    std::unique_ptr<ConnectorSettingsDialog> dialog(openDialog(m_context, u"pinned"_s));
    QVERIFY(dialog);
    ConnectionInputForm *form = dialog->form();
    // A stored parameter the schema does not know is shown too, and can be removed.
    auto *legacy = qobject_cast<QLineEdit *>(form->field(u"legacy"_s));
    QVERIFY(legacy);
    QCOMPARE(legacy->text(), u"set-by-configure"_s);

    // The secret is required by the schema; the connector's secret is dropped through "Forget all"
    // below, here the optional tenant and the unknown parameter go.
    qobject_cast<QLineEdit *>(form->field(u"tenant"_s))->clear();
    legacy->clear();
    QSignalSpy saved(dialog.get(), &ConnectorSettingsDialog::saved);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyButton"_s), Qt::LeftButton);
    QVERIFY(saved.wait(60000));
    QCOMPARE(stored(u"pinned"_s),
        (QJsonObject{{u"clientId"_s, u"keep-me"_s}, {u"clientSecret"_s, u"drop-me"_s}}));

    // Forget all asks first; Cancel keeps everything.
    auto *forget = dialog->findChild<QPushButton *>(u"forgetButton"_s);
    QVERIFY(forget->isEnabled());
    QTest::mouseClick(forget, Qt::LeftButton);
    auto *question = dialog->findChild<QMessageBox *>(u"forgetConfirmation"_s);
    QVERIFY(question);
    QTRY_VERIFY(question->isVisible());
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(stored(u"pinned"_s).value(u"clientSecret"_s).toString(), u"drop-me"_s);

    QTest::mouseClick(forget, Qt::LeftButton);
    question = dialog->findChild<QMessageBox *>(u"forgetConfirmation"_s);
    QVERIFY(question);
    QTRY_VERIFY(question->isVisible());
    QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(saved.wait(60000));
    QCOMPARE(stored(u"pinned"_s), QJsonObject());
    QVERIFY(!readAll(m_context->parameters()->settingsPath()).contains("keep-me"));
    const auto keychain = run(m_context->secrets()->read(SecretStore::Kind::ConnectorParameters, u"pinned"_s));
    QVERIFY(!keychain);
    QCOMPARE(keychain.error().kind, SecretStoreError::Kind::NotFound);
    // The form is empty again.
    QVERIFY(qobject_cast<QLineEdit *>(dialog->form()->field(u"clientId"_s))->text().isEmpty());
    QVERIFY(!dialog->form()->field(u"legacy"_s));
}

void tst_ConnectorSettingsDialog::pinnedPortFolderAndCopy()
{
    QVERIFY(store(u"pinned"_s, {{u"clientId"_s, u"pinned-client"_s}, {u"clientSecret"_s, u"pinned-secret"_s}}));
    std::unique_ptr<ConnectorSettingsDialog> dialog(new ConnectorSettingsDialog(m_context, u"pinned"_s));
    QSignalSpy ready(dialog.get(), &ConnectorSettingsDialog::redirectUrisReady);
    dialog->show();
    QVERIFY(ready.wait(60000));

    // What the loopback handler will listen on: the connector's redirectPort and redirectPath.
    QCOMPARE(dialog->redirectUris().size(), 1);
    const auto redirect = dialog->redirectUris().first();
    QCOMPARE(redirect.uri, u"http://127.0.0.1:8765/oauth/done"_s);
    QCOMPARE(redirect.pinnedPort, std::optional<quint16>(8765));
    QVERIFY2(redirect.problem.isEmpty(), qPrintable(redirect.problem));
    auto *uri = dialog->findChild<QLineEdit *>(u"redirectUri"_s);
    QVERIFY(uri);
    QCOMPARE(uri->text(), u"http://127.0.0.1:8765/oauth/done"_s);
    QVERIFY(uri->isReadOnly());
    QTRY_VERIFY(uri->isVisible()); // rows added to the shown dialog appear
    QTRY_VERIFY(!dialog->findChild<QLabel *>(u"redirectWorking"_s));
    auto *note = dialog->findChild<QLabel *>(u"redirectNote"_s);
    QVERIFY2(note->text().contains(u"fixes the port 8765"_s), qPrintable(note->text()));
    QVERIFY(!note->text().contains(u"RFC 8252"_s));

    QApplication::clipboard()->clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"copyRedirectUriButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), u"http://127.0.0.1:8765/oauth/done"_s);

    // The folder, with a button that opens it in the file manager.
    const QString folder = QFileInfo(m_connectors + u"/main/pinned"_s).absoluteFilePath();
    QCOMPARE(dialog->findChild<QLineEdit *>(u"connectorFolder"_s)->text(), QDir::toNativeSeparators(folder));
    m_opened.clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"openFolderButton"_s), Qt::LeftButton);
    QCOMPARE(m_opened, QList<QUrl>{QUrl::fromLocalFile(folder)});
    QVERIFY(dialog->findChild<QLabel *>(u"noProblems"_s));
    QVERIFY(!dialog->findChild<QListWidget *>(u"validationErrors"_s));
    QVERIFY(dialog->findChild<QLabel *>(u"connectorSource"_s)->text().contains(u"extra connectors folder"_s));
    if (const QString artifacts = qEnvironmentVariable("AUTHDESK_TEST_ARTIFACTS"); !artifacts.isEmpty())
        dialog->grab().save(artifacts + u"/connector-settings.png"_s);
}

void tst_ConnectorSettingsDialog::ephemeralPortIsExplained()
{
    QVERIFY(run(m_context->parameters()->remove(u"loose"_s)));
    std::unique_ptr<ConnectorSettingsDialog> dialog(new ConnectorSettingsDialog(m_context, u"loose"_s));
    QSignalSpy ready(dialog.get(), &ConnectorSettingsDialog::redirectUrisReady);
    dialog->show();
    QVERIFY(ready.wait(60000));
    QCOMPARE(dialog->redirectUris().size(), 1);
    auto redirect = dialog->redirectUris().first();
    QCOMPARE(redirect.uri, u"http://127.0.0.1/callback"_s);
    QVERIFY(!redirect.pinnedPort);
    // Not configured yet: said, without hiding the URI.
    QVERIFY2(redirect.problem.contains(u"clientId"_s), qPrintable(redirect.problem));
    const QString note = dialog->findChild<QLabel *>(u"redirectNote"_s)->text();
    QVERIFY2(note.contains(u"RFC 8252"_s) && note.contains(u"any port"_s) && note.contains(u"ephemeral"_s), qPrintable(note));
    QCOMPARE(dialog->findChild<QLineEdit *>(u"redirectUri"_s)->text(), u"http://127.0.0.1/callback"_s);

    // Once configured (and saved), the URI is worked out again and the problem is gone.
    QTest::keyClicks(dialog->form()->field(u"clientId"_s), u"loose-client"_s);
    QSignalSpy saved(dialog.get(), &ConnectorSettingsDialog::saved);
    ready.clear();
    dialog->save(false);
    QVERIFY(saved.wait(60000));
    QVERIFY(ready.size() > 0 || ready.wait(60000));
    redirect = dialog->redirectUris().first();
    QVERIFY2(redirect.problem.isEmpty(), qPrintable(redirect.problem));
    QCOMPARE(redirect.uri, u"http://127.0.0.1/callback"_s);
    // Nothing secret here: nothing went to the keychain.
    QCOMPARE(m_context->parameters()->secretParameterNames(u"loose"_s).value(), QStringList());
}

void tst_ConnectorSettingsDialog::validationErrorsAndOverridesAreListed()
{
    std::unique_ptr<ConnectorSettingsDialog> broken(new ConnectorSettingsDialog(m_context, u"broken"_s));
    QSignalSpy loaded(broken.get(), &ConnectorSettingsDialog::loadFinished);
    broken->show();
    QVERIFY(loaded.wait(60000));
    auto *list = broken->findChild<QListWidget *>(u"validationErrors"_s);
    QVERIFY(list);
    QCOMPARE(list->accessibleName(), u"Validation errors"_s);
    QVERIFY(list->count() > 0);
    const QString expected = m_connectors + u"/main/broken/spec.yml:4:9: auth type must be one of"_s;
    QVERIFY2(list->item(0)->text().startsWith(expected), qPrintable(list->item(0)->text()));

    // The second folder's "dup" wins over the first one's, and says so.
    std::unique_ptr<ConnectorSettingsDialog> dup(new ConnectorSettingsDialog(m_context, u"dup"_s));
    const QString source = dup->findChild<QLabel *>(u"connectorSource"_s)->text();
    QVERIFY2(source.contains(u"overrides"_s) && source.contains(QDir::toNativeSeparators(m_connectors + u"/first/dup"_s)),
        qPrintable(source));
    QVERIFY(dup->findChild<QLineEdit *>(u"connectorFolder"_s)->text().endsWith(QDir::toNativeSeparators(u"/second/dup"_s)));
}

void tst_ConnectorSettingsDialog::unknownConnector()
{
    ConnectorSettingsDialog dialog(m_context, u"no-such-connector"_s);
    QVERIFY(dialog.statusText().contains(u"no-such-connector"_s));
    QVERIFY(!dialog.form());
    QVERIFY(!dialog.findChild<QPushButton *>(u"saveButton"_s)->isEnabled());

    // A connector the profile's catalog does not have (the main window reloaded its own since), given
    // as a catalog entry: its parameters are the profile's all the same.
    writeFile(m_connectors + u"/later/late/spec.yml"_s,
        u"key: late\nname: Added Later\nparametersSchema:\n  type: object\n  properties:\n    clientId: {type: string}\n"
        "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
        "  makeApiClient:\n    implementationType: mapping\n"_s);
    writeFile(m_connectors + u"/later/late/auth/get-oauth-config.map.yml"_s,
        u"clientId: {$var: connectorParameters.clientId}\nauthorizeUri: https://a.example.com/a\ntokenUri: https://a.example.com/t\n"
        "redirectPort: 9911\n"_s);
    writeFile(m_connectors + u"/later/late/auth/make-api-client.map.yml"_s, u"baseUri: https://api.example.com\n"_s);
    QVERIFY(!m_context->catalog().find(u"late"_s));
    ConnectorSearchPath path;
    path.append(m_connectors + u"/later"_s, ConnectorSource::User);
    const ConnectorCatalog reloaded = ConnectorCatalog::load(path);
    QVERIFY(reloaded.find(u"late"_s));
    ConnectorSettingsDialog late(m_context, *reloaded.find(u"late"_s));
    QSignalSpy ready(&late, &ConnectorSettingsDialog::redirectUrisReady);
    late.show();
    QVERIFY(ready.wait(60000));
    QCOMPARE(late.connectorKey(), u"late"_s);
    QCOMPARE(late.redirectUris().first().uri, u"http://127.0.0.1:9911/callback"_s);
    QTest::keyClicks(late.form()->field(u"clientId"_s), u"late-client"_s);
    QSignalSpy saved(&late, &ConnectorSettingsDialog::saved);
    late.save(false);
    QVERIFY(saved.wait(60000));
    QCOMPARE(stored(u"late"_s).value(u"clientId"_s).toString(), u"late-client"_s);
    QVERIFY(run(m_context->parameters()->remove(u"late"_s)));
}

void tst_ConnectorSettingsDialog::everyControlHasAnAccessibleName()
{
    QVERIFY(store(u"pinned"_s, {{u"clientId"_s, u"a11y"_s}, {u"clientSecret"_s, u"a11y-secret"_s}}));
    std::unique_ptr<ConnectorSettingsDialog> dialog(openDialog(m_context, u"pinned"_s));
    QVERIFY(dialog);
    QSignalSpy ready(dialog.get(), &ConnectorSettingsDialog::redirectUrisReady);
    QVERIFY(!dialog->redirectUris().isEmpty() || ready.wait(60000));
    QTRY_VERIFY(dialog->findChild<QLineEdit *>(u"redirectUri"_s));
    QCOMPARE(dialog->accessibleName(), u"Settings of Pinned Port"_s);
    for (QWidget *widget : dialog->findChildren<QWidget *>()) {
        QString name = widget->accessibleName();
        if (auto *button = qobject_cast<QAbstractButton *>(widget); button && name.isEmpty())
            name = button->text();
        const bool control = qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget)
            || qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QComboBox *>(widget)
            || qobject_cast<QAbstractButton *>(widget);
        if (control && widget->focusPolicy() != Qt::NoFocus)
            QVERIFY2(!name.remove(u'&').isEmpty(),
                qPrintable(widget->objectName() + u' ' + QString::fromLatin1(widget->metaObject()->className())));
    }
}

void tst_ConnectorSettingsDialog::keychainUnavailableLosesNothing()
{
    QVERIFY(store(u"pinned"_s, {{u"clientId"_s, u"kept-id"_s}, {u"clientSecret"_s, u"kept-secret"_s}}));
    const QString settingsPath = m_context->parameters()->settingsPath();
    const QByteArray before = readAll(settingsPath);
    QVERIFY(before.contains("kept-id"));

    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    // libsecret reads the address at first use, hence a child process.
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus-here"_s.arg(home.path()));
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(),
        {u"--unavailable-child"_s, m_profile, m_home.filePath(u"profiles"_s), m_connectors});
    QVERIFY(child.waitForFinished(300000));
    const QByteArray errors = child.readAllStandardError();
    QVERIFY2(child.exitCode() == 0, errors.constData());
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);

    // Loading: the plain explanation, the non-secret values, the secret neither shown nor lost.
    const QJsonObject load = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(load.value(u"loaded"_s).toBool(), false);
    QVERIFY2(load.value(u"status"_s).toString().contains(u"could not read the secret parameters from the keychain"_s),
        qPrintable(load.value(u"status"_s).toString()));
    QCOMPARE(load.value(u"clientId"_s).toString(), u"kept-id"_s);
    QCOMPARE(load.value(u"secretText"_s).toString(), QString());
    QVERIFY(load.value(u"secretPlaceholder"_s).toString().contains(u"keychain"_s));

    // Saving: refused in plain words, the dialog stays open with what was typed.
    const QJsonObject save = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(save.value(u"saved"_s).toInt(), 0);
    QCOMPARE(save.value(u"code"_s).toInt(), int(ErrorCode::SecureStorage));
    QVERIFY2(save.value(u"status"_s).toString().contains(u"nothing was saved and nothing stored before was changed"_s),
        qPrintable(save.value(u"status"_s).toString()));
    QVERIFY(save.value(u"visible"_s).toBool());
    QCOMPARE(save.value(u"clientId"_s).toString(), u"changed-id"_s);

    // And nothing was lost: the file is as it was, the keychain still holds the secret.
    QCOMPARE(readAll(settingsPath), before);
    const QJsonObject after = stored(u"pinned"_s);
    QCOMPARE(after.value(u"clientId"_s).toString(), u"kept-id"_s);
    QCOMPARE(after.value(u"clientSecret"_s).toString(), u"kept-secret"_s);
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--unavailable-child") == 0)
        return runUnavailableChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]));
    app.setAttribute(Qt::AA_Use96Dpi, true);
    tst_ConnectorSettingsDialog test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectorsettingsdialog.moc"
