#include "store/connectorparameterstore.h"
#include "store/profile.h"
#include "store/secretstore.h"
#include "testprinting.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

constexpr auto parameterKind = SecretStore::Kind::ConnectorParameters;

// Runs a job to its end (tests only: the wait spins the event loop).
template <typename Job> typename Job::Outcome run(Job *job)
{
    std::optional<typename Job::Outcome> outcome;
    int emissions = 0;
    QObject context;
    QObject::connect(job, &Job::finished, &context, [&](const typename Job::Outcome &result) {
        outcome = result;
        ++emissions;
    });
    job->start();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        qFatal("a job did not finish");
    if (emissions != 1)
        qFatal("finished() was emitted more than once");
    return *outcome;
}

QString message(const ConnectorParametersJob::Outcome &outcome)
{
    return outcome ? u"ok"_s : outcome.error().message;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString uniqueSecret()
{
    return u"s3cr3t-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
}

// Child process mode: set a secret parameter with the keychain unreachable; print the outcome.
int runChild(const QString &settingsPath)
{
    SecretStore secrets(u"child"_s);
    ConnectorParameterStore store(settingsPath, &secrets);
    ConnectorParametersJob *job
        = store.set(u"github"_s, {{u"clientId"_s, u"child-id"_s}, {u"clientSecret"_s, u"child-secret-value"_s}});
    QObject::connect(
        job, &ConnectorParametersJob::finished, &store, [](const ConnectorParametersJob::Outcome &outcome) {
            const QJsonObject line {{u"ok"_s, outcome.hasValue()},
                {u"code"_s, outcome ? -1 : int(outcome.error().code)},
                {u"message"_s, outcome ? QString() : outcome.error().message}};
            std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    QTimer::singleShot(90000, &store, [] { QCoreApplication::exit(3); });
    job->start();
    return QCoreApplication::exec();
}

} // namespace

// Connector parameters: the non-secret ones in the profile's settings file, the secret ones only in
// the keychain (the real Secret Service of scripts/test-session.sh).
class tst_ConnectorParameterStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void secretNames_data();
    void secretNames();
    void publicClientNeedsNoKeychain();
    void secretsGoToTheKeychainOnly();
    void schemaPasswordFieldsAreSecret();
    void secretStaysSecret();
    void plainValueBecomingSecretMovesToTheKeychain();
    void nullRemovesAParameter();
    void removeForgetsEverything();
    void connectorsAndProfilesAreSeparate();
    void damagedSettingsFileIsReportedAndKept();
    void unavailableKeychainWritesNothing();

private:
    QTemporaryDir m_root;
    std::optional<Profile> m_profile;
    SecretStore *m_secrets = nullptr;
    bool m_haveSecretService = false;
};

#define REQUIRE_SECRET_SERVICE()                                                                                       \
    if (!m_haveSecretService)                                                                                          \
    QSKIP("needs the private Secret Service of scripts/test-session.sh")

void tst_ConnectorParameterStore::init()
{
    // Never the developer's own keyring: the keychain cases run only in the test session.
    m_haveSecretService = qEnvironmentVariableIsSet("AUTHDESK_TEST_SESSION");
    const QString name = u"params-"_s + QString::number(QRandomGenerator::global()->generate(), 36);
    m_profile = Profile::named(name, m_root.path()).value();
    QVERIFY(m_profile->ensureDataDir());
    m_secrets = new SecretStore(*m_profile, this);
}

void tst_ConnectorParameterStore::cleanup()
{
    if (m_haveSecretService) {
        for (const QString &connector : {u"github"_s, u"slack"_s})
            run(m_secrets->remove(parameterKind, connector));
    }
    delete m_secrets;
    m_secrets = nullptr;
}

void tst_ConnectorParameterStore::secretNames_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("secret");
    QTest::addRow("clientSecret") << u"clientSecret"_s << true;
    QTest::addRow("client_secret") << u"client_secret"_s << true;
    QTest::addRow("apiToken") << u"apiToken"_s << true;
    QTest::addRow("password") << u"password"_s << true;
    QTest::addRow("clientId") << u"clientId"_s << false;
    QTest::addRow("scopes") << u"scopes"_s << false;
    QTest::addRow("subdomain") << u"subdomain"_s << false;
}

void tst_ConnectorParameterStore::secretNames()
{
    QFETCH(QString, key);
    QFETCH(bool, secret);
    QCOMPARE(ConnectorParameterStore::isSecretByName(key), secret);
}

void tst_ConnectorParameterStore::publicClientNeedsNoKeychain()
{
    // No secret store at all: a connector without secret parameters works regardless.
    ConnectorParameterStore store(*m_profile, nullptr);
    const QJsonObject parameters {{u"clientId"_s, u"public-client"_s}, {u"scopes"_s, QJsonArray {u"repo"_s}}};
    const auto set = run(store.set(u"github"_s, parameters));
    QVERIFY2(set, qPrintable(message(set)));
    QCOMPARE(set.value(), parameters);
    QCOMPARE(run(store.load(u"github"_s)).value(), parameters);
    QCOMPARE(store.secretParameterNames(u"github"_s).value(), QStringList());
    QCOMPARE(run(store.load(u"unknown"_s)).value(), QJsonObject());
    // But a secret one is refused rather than written anywhere else.
    const auto secret = run(store.set(u"github"_s, {{u"clientSecret"_s, u"nowhere-to-go"_s}}));
    QVERIFY(!secret);
    QVERIFY(!readAll(store.settingsPath()).contains("nowhere-to-go"));
}

void tst_ConnectorParameterStore::secretsGoToTheKeychainOnly()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    const QString secret = uniqueSecret();
    const auto set = run(store.set(u"github"_s, {{u"clientId"_s, u"my-client"_s}, {u"clientSecret"_s, secret}}));
    QVERIFY2(set, qPrintable(message(set)));
    QCOMPARE(set.value(), (QJsonObject {{u"clientId"_s, u"my-client"_s}, {u"clientSecret"_s, secret}}));

    // The file names the secret but does not hold it; the keychain holds exactly the secret part.
    const QByteArray file = readAll(store.settingsPath());
    QVERIFY(file.contains("my-client"));
    QVERIFY(!file.contains(secret.toUtf8()));
    QCOMPARE(store.nonSecretParameters(u"github"_s).value(), (QJsonObject {{u"clientId"_s, u"my-client"_s}}));
    QCOMPARE(store.secretParameterNames(u"github"_s).value(), QStringList {u"clientSecret"_s});
    QCOMPARE(run(m_secrets->read(parameterKind, u"github"_s)).value(), (QJsonObject {{u"clientSecret"_s, secret}}));

    // A fresh store (another process) loads both halves.
    ConnectorParameterStore again(*m_profile, m_secrets);
    QCOMPARE(run(again.load(u"github"_s)).value(), set.value());

    // No file anywhere under the home folder or the profile holds the secret.
    for (const QString &folder : QStringList {QDir::homePath(), m_profile->dataDir()}) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QVERIFY2(!readAll(path).contains(secret.toUtf8()), qPrintable(path));
        }
    }
#ifndef Q_OS_WIN
    QCOMPARE(QFileInfo(store.settingsPath()).permissions() & 0x0077, QFileDevice::Permissions());
#endif
}

void tst_ConnectorParameterStore::schemaPasswordFieldsAreSecret()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    // "passphrase" does not look secret by its name; the connector's schema says format: password.
    const QString secret = uniqueSecret();
    const auto set = run(
        store.set(u"slack"_s, {{u"teamId"_s, u"T123"_s}, {u"signingPassphrase"_s, secret}}, {u"signingPassphrase"_s}));
    QVERIFY2(set, qPrintable(message(set)));
    QVERIFY(!readAll(store.settingsPath()).contains(secret.toUtf8()));
    QCOMPARE(store.secretParameterNames(u"slack"_s).value(), QStringList {u"signingPassphrase"_s});
    QCOMPARE(run(store.load(u"slack"_s)).value().value(u"signingPassphrase"_s).toString(), secret);
}

void tst_ConnectorParameterStore::secretStaysSecret()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    QVERIFY(run(store.set(u"slack"_s, {{u"signingPassphrase"_s, u"first"_s}}, {u"signingPassphrase"_s})));
    // A later call that does not repeat the schema still keeps it out of the file.
    const QString secret = uniqueSecret();
    QVERIFY(run(store.set(u"slack"_s, {{u"signingPassphrase"_s, secret}, {u"teamId"_s, u"T1"_s}})));
    QVERIFY(!readAll(store.settingsPath()).contains(secret.toUtf8()));
    QCOMPARE(
        run(store.load(u"slack"_s)).value(), (QJsonObject {{u"signingPassphrase"_s, secret}, {u"teamId"_s, u"T1"_s}}));
}

void tst_ConnectorParameterStore::plainValueBecomingSecretMovesToTheKeychain()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    QVERIFY(run(store.set(u"slack"_s, {{u"teamId"_s, u"T1"_s}, {u"signingPassphrase"_s, u"was-plain-1"_s}})));
    QVERIFY(readAll(store.settingsPath()).contains("was-plain-1")); // not secret by name, no schema yet
    // A newer connector version marks it format: password.
    QVERIFY(run(store.set(u"slack"_s, {{u"teamId"_s, u"T2"_s}}, {u"signingPassphrase"_s})));
    QVERIFY(!readAll(store.settingsPath()).contains("was-plain-1"));
    QCOMPARE(run(store.load(u"slack"_s)).value(),
        (QJsonObject {{u"signingPassphrase"_s, u"was-plain-1"_s}, {u"teamId"_s, u"T2"_s}}));
}

void tst_ConnectorParameterStore::nullRemovesAParameter()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    QVERIFY(run(store.set(u"github"_s, {{u"clientId"_s, u"id"_s}, {u"clientSecret"_s, u"x"_s}, {u"extra"_s, 1}})));
    QVERIFY(run(store.set(u"github"_s, {{u"extra"_s, QJsonValue()}})));
    QCOMPARE(
        run(store.load(u"github"_s)).value(), (QJsonObject {{u"clientId"_s, u"id"_s}, {u"clientSecret"_s, u"x"_s}}));
    // Removing the last secret removes the keychain entry too.
    QVERIFY(run(store.set(u"github"_s, {{u"clientSecret"_s, QJsonValue()}})));
    QCOMPARE(run(store.load(u"github"_s)).value(), (QJsonObject {{u"clientId"_s, u"id"_s}}));
    QCOMPARE(store.secretParameterNames(u"github"_s).value(), QStringList());
    QCOMPARE(run(m_secrets->read(parameterKind, u"github"_s)).error().kind, SecretStoreError::Kind::NotFound);
}

void tst_ConnectorParameterStore::removeForgetsEverything()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    QVERIFY(run(store.set(u"github"_s, {{u"clientId"_s, u"id"_s}, {u"clientSecret"_s, u"x"_s}})));
    QVERIFY(run(store.set(u"slack"_s, {{u"clientId"_s, u"slack-id"_s}})));
    const auto removed = run(store.remove(u"github"_s));
    QVERIFY2(removed, qPrintable(message(removed)));
    QCOMPARE(run(store.load(u"github"_s)).value(), QJsonObject());
    QCOMPARE(run(m_secrets->read(parameterKind, u"github"_s)).error().kind, SecretStoreError::Kind::NotFound);
    QVERIFY(!readAll(store.settingsPath()).contains("\"github\""));
    QCOMPARE(run(store.load(u"slack"_s)).value(), (QJsonObject {{u"clientId"_s, u"slack-id"_s}}));
}

void tst_ConnectorParameterStore::connectorsAndProfilesAreSeparate()
{
    REQUIRE_SECRET_SERVICE();
    ConnectorParameterStore store(*m_profile, m_secrets);
    QVERIFY(run(store.set(u"github"_s, {{u"clientId"_s, u"gh"_s}, {u"clientSecret"_s, u"gh-secret"_s}})));
    QVERIFY(run(store.set(u"slack"_s, {{u"clientId"_s, u"sl"_s}, {u"clientSecret"_s, u"sl-secret"_s}})));
    QCOMPARE(run(store.load(u"github"_s)).value().value(u"clientSecret"_s).toString(), u"gh-secret"_s);
    QCOMPARE(run(store.load(u"slack"_s)).value().value(u"clientSecret"_s).toString(), u"sl-secret"_s);

    const Profile other = Profile::named(m_profile->name() + u"-other"_s, m_root.path()).value();
    SecretStore otherSecrets(other);
    ConnectorParameterStore otherStore(other, &otherSecrets);
    QCOMPARE(run(otherStore.load(u"github"_s)).value(), QJsonObject());
    QCOMPARE(run(otherSecrets.read(parameterKind, u"github"_s)).error().kind, SecretStoreError::Kind::NotFound);
}

void tst_ConnectorParameterStore::damagedSettingsFileIsReportedAndKept()
{
    ConnectorParameterStore store(*m_profile, m_secrets);
    const QByteArray content
        = "{\"format\":\"authdesk-connector-parameters\",\"version\":1,\"connectors\":{\"github\":[]}}";
    QFile file(store.settingsPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto loaded = run(store.load(u"github"_s));
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::Validation);
    QVERIFY2(loaded.error().message.contains(store.settingsPath()), qPrintable(loaded.error().message));
    QVERIFY(!run(store.set(u"slack"_s, {{u"clientId"_s, u"x"_s}})));
    QCOMPARE(readAll(store.settingsPath()), content);
}

void tst_ConnectorParameterStore::unavailableKeychainWritesNothing()
{
    QTemporaryDir home;
    const QString settings = home.filePath(u"connector-parameters.json"_s);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus-here"_s.arg(home.path()));
    environment.insert(u"HOME"_s, home.path());
    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {u"--parameters-child"_s, settings});
    QVERIFY(child.waitForFinished(300000));
    const QJsonObject outcome = QJsonDocument::fromJson(child.readAllStandardOutput().trimmed()).object();
    QCOMPARE(outcome.value(u"ok"_s).toBool(), false);
    QCOMPARE(outcome.value(u"code"_s).toInt(), int(ErrorCode::SecureStorage));
    QCOMPARE(exitCodeFor(ErrorCode(outcome.value(u"code"_s).toInt())), 5);
    QVERIFY2(outcome.value(u"message"_s).toString().contains(u"secure storage is unavailable"_s),
        qPrintable(outcome.value(u"message"_s).toString()));
    // Neither half was written: no plain-text fallback, and no half-configured connector.
    QVERIFY(!QFileInfo::exists(settings));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--parameters-child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]));
    tst_ConnectorParameterStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectorparameterstore.moc"
