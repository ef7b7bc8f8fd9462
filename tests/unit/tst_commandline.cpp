#include "commandline.h"
#include "connectorfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// Runs the real `authdesk` binary, as scripts and support staff do.
class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void version();
    void help();
    void commandDetection_data();
    void commandDetection();
    void listsBundledConnectors();
    void connectorsJson();
    void environmentPathAddsConnectors();
    void validateValidFolder();
    void validateReportsLocatedErrors();
    void validateMixedPathsFails();
    void validateJson();
    void usageErrors_data();
    void usageErrors();
    void runMappingMethod();
    void runJavaScriptMethod();
    void runErrors_data();
    void runErrors();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {});

    QTemporaryDir m_home;
    ConnectorFixture m_fixture;
    QString m_good;
    QString m_broken;
    QString m_scripted;
};

void tst_CommandLine::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(AUTHDESK_TEST_BINARY)).isExecutable());
    QVERIFY(m_home.isValid());
    m_good = m_fixture.addConnector(u"good"_s, ConnectorFixture::minimalOAuth2(u"good"_s));
    auto broken = ConnectorFixture::minimalOAuth2(u"broken"_s);
    broken[u"auth/get-oauth-config.map.yml"_s].append("clientAuthLocation: sideways\n");
    m_broken = m_fixture.addConnector(u"broken"_s, broken);
    auto scripted = ConnectorFixture::minimalOAuth2(u"scripted"_s);
    scripted[u"spec.yml"_s].append("  getTokenData:\n    implementationType: javascript\n"
                                   "  refreshCredentials:\n    implementationType: javascript\n");
    scripted[u"auth/get-token-data.js"_s] = "module.exports = function (args) {\n"
                                           "  console.log('exchanging', args.queryParameters.code);\n"
                                           "  return { access_token: 'at-' + args.queryParameters.code, scope: args.connectorParameters.scope };\n"
                                           "};\n";
    scripted[u"auth/refresh-credentials.js"_s] = "exports.refreshCredentials = function () {\n  throw new Error('refresh refused');\n};\n";
    m_scripted = m_fixture.addConnector(u"scripted"_s, scripted);
    // Overrides the bundled GitHub connector.
    auto github = ConnectorFixture::minimalOAuth2(u"github"_s);
    m_fixture.addConnector(u"github-fork"_s, github);
}

tst_CommandLine::Run tst_CommandLine::run(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A private home so that the user's own connectors folder is empty.
    environment.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
    environment.insert(u"HOME"_s, m_home.path());
    environment.remove(u"AUTHDESK_CONNECTORS_PATH"_s);
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    const QStringList keys = extra.keys();
    for (const QString &key : keys)
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AUTHDESK_TEST_BINARY), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        qWarning("authdesk %s did not finish", qPrintable(arguments.join(u' ')));
        return {};
    }
    return Run {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void tst_CommandLine::version()
{
    const Run result = run({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(
        QRegularExpression(u"^authdesk \\d+\\.\\d+\\.\\d+\\n$"_s).match(result.out).hasMatch(), qPrintable(result.out));
}

void tst_CommandLine::help()
{
    const Run result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char16_t *word : {u"connectors", u"validate", u"--connectors-dir", u"--profile", u"--json"})
        QVERIFY2(result.out.contains(QString::fromUtf16(word)), qPrintable(result.out));
}

void tst_CommandLine::commandDetection_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("wantsCommand");
    QTest::addRow("gui") << QStringList {u"authdesk"_s} << false;
    QTest::addRow("gui with profile") << QStringList {u"authdesk"_s, u"--profile"_s, u"work"_s} << false;
    QTest::addRow("gui with dir") << QStringList {u"authdesk"_s, u"--connectors-dir"_s, u"connectors"_s} << false;
    QTest::addRow("gui with dir=") << QStringList {u"authdesk"_s, u"--connectors-dir=x"_s} << false;
    QTest::addRow("command") << QStringList {u"authdesk"_s, u"connectors"_s} << true;
    QTest::addRow("command after options")
        << QStringList {u"authdesk"_s, u"--profile"_s, u"p"_s, u"validate"_s, u"x"_s} << true;
    QTest::addRow("unknown command") << QStringList {u"authdesk"_s, u"frobnicate"_s} << true;
    QTest::addRow("version") << QStringList {u"authdesk"_s, u"--version"_s} << true;
    QTest::addRow("help") << QStringList {u"authdesk"_s, u"-h"_s} << true;
}

void tst_CommandLine::commandDetection()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, wantsCommand);
    QCOMPARE(CommandLine::wantsCommand(arguments), wantsCommand);
}

void tst_CommandLine::listsBundledConnectors()
{
    const Run result = run({u"connectors"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char16_t *key : {u"github", u"google", u"microsoft", u"slack", u"notion"})
        QVERIFY2(QRegularExpression(u"(^|\\n)"_s + QString::fromUtf16(key) + u"\\s+.*\\s+bundled\\s+ok\\s"_s)
                     .match(result.out)
                     .hasMatch(),
            qPrintable(result.out));
}

void tst_CommandLine::connectorsJson()
{
    const Run result = run({u"connectors"_s, u"--json"_s, u"--connectors-dir"_s, m_fixture.root()});
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(result.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(array.size() >= 14);

    QHash<QString, QJsonObject> byKey;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        for (const char16_t *field : {u"key", u"name", u"folder", u"source", u"overrides", u"errors"})
            QVERIFY2(object.contains(QString::fromUtf16(field)), qPrintable(QString::fromUtf16(field)));
        byKey.insert(object.value(u"key"_s).toString(), object);
    }
    QCOMPARE(byKey.value(u"good"_s).value(u"source"_s).toString(), u"extra"_s);
    QCOMPARE(byKey.value(u"good"_s).value(u"errors"_s).toArray().size(), 0);
    QCOMPARE(byKey.value(u"good"_s).value(u"folder"_s).toString(), m_good);

    const QJsonArray errors = byKey.value(u"broken"_s).value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"file"_s).toString(), m_broken + u"/auth/get-oauth-config.map.yml"_s);
    QCOMPARE(errors.at(0).toObject().value(u"line"_s).toInt(), 8);
    QCOMPARE(errors.at(0).toObject().value(u"column"_s).toInt(), 21);
    QCOMPARE(errors.at(0).toObject().value(u"message"_s).toString(),
        u"clientAuthLocation must be \"headers\" or \"body\" (got \"sideways\")"_s);

    const QJsonObject github = byKey.value(u"github"_s);
    QCOMPARE(github.value(u"source"_s).toString(), u"extra"_s);
    QCOMPARE(github.value(u"folder"_s).toString(), m_fixture.root() + u"/github-fork"_s);
    QCOMPARE(github.value(u"overrides"_s).toArray().size(), 1);
    QVERIFY(github.value(u"overrides"_s).toArray().at(0).toString().endsWith(u"connectors/github"_s));
    QCOMPARE(byKey.value(u"slack"_s).value(u"source"_s).toString(), u"bundled"_s);
}

void tst_CommandLine::environmentPathAddsConnectors()
{
    QProcessEnvironment extra;
    extra.insert(u"AUTHDESK_CONNECTORS_PATH"_s, m_good);
    const Run result = run({u"connectors"_s, u"--json"_s}, extra);
    QCOMPARE(result.exitCode, 0);
    bool found = false;
    for (const QJsonValue &value : QJsonDocument::fromJson(result.out.toUtf8()).array())
        found = found || (value.toObject().value(u"key"_s).toString() == u"good"_s);
    QVERIFY(found);
}

void tst_CommandLine::validateValidFolder()
{
    const Run result = run({u"validate"_s, m_good});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, m_good + u": valid\n"_s);
    QCOMPARE(result.err, QString());

    const Run bundled = run({u"validate"_s, QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/connectors")});
    QCOMPARE(bundled.exitCode, 0);
    QCOMPARE(bundled.out.count(u": valid\n"_s), 14);
}

void tst_CommandLine::validateReportsLocatedErrors()
{
    const Run result = run({u"validate"_s, m_broken});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err,
        m_broken
            + u"/auth/get-oauth-config.map.yml:8:21: clientAuthLocation must be \"headers\" or \"body\" (got \"sideways\")\n"_s);
    QCOMPARE(result.out, m_broken + u": invalid\n"_s);

    const Run missing = run({u"validate"_s, m_fixture.root() + u"/nope"_s});
    QCOMPARE(missing.exitCode, 1);
    QCOMPARE(missing.err, m_fixture.root() + u"/nope: folder does not exist\n"_s);
}

void tst_CommandLine::validateMixedPathsFails()
{
    const Run result = run({u"validate"_s, m_good, m_broken});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.contains(m_good + u": valid"_s));
    QVERIFY(result.out.contains(m_broken + u": invalid"_s));
    // A folder of connectors validates each of them.
    const Run all = run({u"validate"_s, m_fixture.root()});
    QCOMPARE(all.exitCode, 1);
    QCOMPARE(all.out.count(u"\n"_s), 4);
}

void tst_CommandLine::validateJson()
{
    const Run result = run({u"validate"_s, u"--json"_s, m_good, m_broken});
    QCOMPARE(result.exitCode, 1);
    const QJsonArray array = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array.at(0).toObject().value(u"valid"_s).toBool(), true);
    QCOMPARE(array.at(1).toObject().value(u"valid"_s).toBool(), false);
    QCOMPARE(array.at(1).toObject().value(u"errors"_s).toArray().at(0).toObject().value(u"line"_s).toInt(), 8);
}

void tst_CommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown command") << QStringList {u"frobnicate"_s} << u"unknown command \"frobnicate\""_s;
    QTest::addRow("validate without path") << QStringList {u"validate"_s} << u"give at least one connector folder"_s;
    QTest::addRow("connectors with argument")
        << QStringList {u"connectors"_s, u"extra"_s} << u"unexpected argument \"extra\""_s;
    QTest::addRow("unknown option") << QStringList {u"connectors"_s, u"--frobnicate"_s}
                                    << u"Unknown option 'frobnicate'"_s;
    QTest::addRow("option without value")
        << QStringList {u"connectors"_s, u"--profile"_s} << u"Missing value after '--profile'"_s;
}

void tst_CommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QCOMPARE(result.out, QString());
}

void tst_CommandLine::runMappingMethod()
{
    const Run result = run({u"run"_s, m_good, u"getOAuthConfig"_s, u"--args"_s,
        u"{\"connectorParameters\": {\"clientId\": \"cid\", \"clientSecret\": \"s\"}}"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject config = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(config.value(u"clientId"_s).toString(), u"cid"_s);
    QCOMPARE(config.value(u"tokenUri"_s).toString(), u"https://auth.example.com/oauth2/token"_s);
    QCOMPARE(config.value(u"scopes"_s).toArray(), (QJsonArray{u"read"_s, u"write"_s}));

    // By key from the catalog, with the parameter defaults of the bundled connector applied.
    const Run bundled = run({u"run"_s, u"github"_s, u"getOAuthConfig"_s, u"--args"_s,
        u"{\"connectorParameters\": {\"clientId\": \"gh\"}}"_s});
    QCOMPARE(bundled.exitCode, 0);
    const QJsonObject github = QJsonDocument::fromJson(bundled.out.toUtf8()).object();
    QCOMPARE(github.value(u"authorizeUri"_s).toString(), u"https://github.com/login/oauth/authorize"_s);
    QVERIFY(!github.value(u"scopes"_s).toArray().isEmpty());
}

void tst_CommandLine::runJavaScriptMethod()
{
    QTemporaryDir files;
    QFile argsFile(files.filePath(u"args.json"_s));
    QVERIFY(argsFile.open(QIODevice::WriteOnly));
    argsFile.write(R"({"queryParameters": {"code": "c0de"}, "connectorParameters": {"scope": "read"}})");
    argsFile.close();
    const Run result = run({u"run"_s, m_scripted, u"getTokenData"_s, u"--args-file"_s, argsFile.fileName()});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).object(),
        (QJsonObject{{u"access_token"_s, u"at-c0de"_s}, {u"scope"_s, u"read"_s}}));
    QCOMPARE(result.err, u"[log] exchanging c0de\n"_s);
}

void tst_CommandLine::runErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("script throws") << QStringList{u"run"_s, u"SCRIPTED"_s, u"refreshCredentials"_s} << 3
                                   << u"SCRIPTED/auth/refresh-credentials.js:2: Error: refresh refused"_s;
    QTest::addRow("unknown connector") << QStringList{u"run"_s, u"nope"_s, u"test"_s} << 2 << u"no connector \"nope\""_s;
    QTest::addRow("unknown method") << QStringList{u"run"_s, u"SCRIPTED"_s, u"frob"_s} << 1 << u"unknown method \"frob\""_s;
    QTest::addRow("method not implemented") << QStringList{u"run"_s, u"SCRIPTED"_s, u"disconnect"_s} << 2
                                            << u"connector \"scripted\" does not implement disconnect"_s;
    QTest::addRow("bad args json") << QStringList{u"run"_s, u"SCRIPTED"_s, u"getTokenData"_s, u"--args"_s, u"{\"a\": }"_s} << 1
                                   << u"--args:1:8: "_s;
    QTest::addRow("args not an object") << QStringList{u"run"_s, u"SCRIPTED"_s, u"getTokenData"_s, u"--args"_s, u"[1]"_s} << 1
                                        << u"the arguments must be one JSON object"_s;
    QTest::addRow("broken connector") << QStringList{u"run"_s, u"BROKEN"_s, u"getOAuthConfig"_s} << 1
                                      << u"clientAuthLocation must be"_s;
    QTest::addRow("missing arguments") << QStringList{u"run"_s, u"SCRIPTED"_s} << 1 << u"give CONNECTOR METHOD"_s;
}

void tst_CommandLine::runErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(u"SCRIPTED"_s, m_scripted);
    arguments.replaceInStrings(u"BROKEN"_s, m_broken);
    message.replace(u"SCRIPTED"_s, m_scripted);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
