#include "localhttpserver.h"

#include "script/scriptjob.h"
#include "script/sourcefrontend.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::LocalHttpServer;

// The differential corpus of connector methods: every case in tests/script/corpus/methods (host
// APIs, module shims) and tests/script/corpus/lowering (the source front end: TypeScript, ES
// modules and every lowering) runs in Node.js (tests/script/method-runner.mjs, with the pinned npm
// packages of tests/script) and in Authdesk (ScriptJob), against the same local HTTP server;
// result, error and console output must be the same. The leading comment lines of a case may hold
// directives:
//   // args: {...}              the argument object (`base`, the server's URL, is always added)
//   // error-line: N            the method fails, and both sides locate the error on line N of the
//                               case (Node.js by its stack, for JavaScript; Authdesk by ScriptError)
//   // authdesk-load-error: T   Authdesk refuses the case at load on purpose (Node.js runs it): its
//                               error, "file:line:column: message", ends with T (after the file's
//                               directory); Node.js is not asked
class tst_MethodCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsNode_data();
    void sameAsNode();

private:
    struct Directives
    {
        QJsonObject arguments;
        int errorLine = 0;
        QString loadError;
    };
    static Directives readDirectives(const QString &file);
    QJsonObject runInNode(const QString &file, const QJsonObject &arguments);
    QJsonObject runInAuthdesk(const QString &file, const QJsonObject &arguments, ScriptError *error = nullptr);

    std::unique_ptr<LocalHttpServer> m_server;
    QString m_node;
    QString m_scriptDir;
};

void tst_MethodCorpus::initTestCase()
{
    m_scriptDir = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/script");
    m_node = qEnvironmentVariable("AUTHDESK_TEST_NODE", QStandardPaths::findExecutable(u"node"_s));
    if (m_node.isEmpty())
        QSKIP("node is not installed: the method corpus compares with Node.js (scripts/install-deps.sh --test installs it)");
    if (!QFileInfo::exists(m_scriptDir + u"/node_modules/axios/package.json"_s))
        QSKIP("tests/script/node_modules is missing: run `npm ci --prefix tests/script` (scripts/test.sh does)");

    m_server = std::make_unique<LocalHttpServer>([](const LocalHttpServer::Request &request) {
        LocalHttpServer::Response response;
        response.headers = {{"Content-Type", "application/json"}};
        const QByteArray path = request.target.split('?').value(0);
        if (path == "/json") {
            response.body = R"({"id":42,"name":"Ada","tags":["a","b"]})";
        } else if (path == "/echo") {
            QJsonObject headers;
            for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
                if (it.key() != "host" && it.key() != "content-length" && it.key() != "connection"
                    && it.key() != "user-agent" && it.key() != "accept-encoding" && it.key() != "accept-language"
                    && it.key() != "sec-fetch-mode")
                    headers.insert(QString::fromLatin1(it.key()), QString::fromUtf8(it.value()));
            }
            response.body = QJsonDocument(QJsonObject{{u"method"_s, QString::fromLatin1(request.method)},
                                              {u"target"_s, QString::fromUtf8(request.target)},
                                              {u"body"_s, QString::fromUtf8(request.body)}, {u"headers"_s, headers}})
                                .toJson(QJsonDocument::Compact);
        } else if (path.startsWith("/status/")) {
            response.status = path.mid(8).toInt();
            response.body = R"({"error":"status )" + path.mid(8) + R"("})";
        } else if (path == "/text") {
            response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
            response.body = "hello text body";
        } else if (path == "/form") {
            response.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
            response.body = "access_token=gho_abc&scope=repo%2Cgist&token_type=bearer";
        } else {
            response.status = 404;
            response.body = R"({"error":"no route"})";
        }
        return response;
    });
}

void tst_MethodCorpus::sameAsNode_data()
{
    QTest::addColumn<QString>("file");
    // At least as many cases as each corpus was written with: a case lost by mistake shows here.
    const QList<std::pair<QString, qsizetype>> corpora {{u"methods"_s, 25}, {u"lowering"_s, 130}};
    for (const auto &[directory, minimum] : corpora) {
        QDirIterator it(m_scriptDir + u"/corpus/"_s + directory, {u"*.js"_s, u"*.cjs"_s, u"*.mjs"_s, u"*.ts"_s, u"*.mts"_s, u"*.cts"_s},
            QDir::Files);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        QVERIFY2(files.size() >= minimum, qPrintable(u"the %1 corpus is missing cases"_s.arg(directory)));
        for (const QString &file : std::as_const(files))
            QTest::addRow("%s/%s", qPrintable(directory), qPrintable(QFileInfo(file).fileName())) << file;
    }
}

tst_MethodCorpus::Directives tst_MethodCorpus::readDirectives(const QString &file)
{
    Directives directives;
    QFile source(file);
    if (!source.open(QIODevice::ReadOnly))
        return directives;
    while (!source.atEnd()) {
        const QByteArray line = source.readLine().trimmed();
        if (!line.startsWith("//"))
            break;
        const QByteArray text = line.mid(2).trimmed();
        if (text.startsWith("args:"))
            directives.arguments = QJsonDocument::fromJson(text.mid(5)).object();
        else if (text.startsWith("error-line:"))
            directives.errorLine = text.mid(11).trimmed().toInt();
        else if (text.startsWith("authdesk-load-error:"))
            directives.loadError = QString::fromUtf8(text.mid(20).trimmed());
    }
    return directives;
}

QJsonObject tst_MethodCorpus::runInNode(const QString &file, const QJsonObject &arguments)
{
    QProcess node;
    node.setWorkingDirectory(m_scriptDir);
    node.start(m_node, {m_scriptDir + u"/method-runner.mjs"_s, file,
                           QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))});
    QSignalSpy finished(&node, &QProcess::finished);
    if (!finished.wait(60000))
        return {{u"runner"_s, u"node did not finish"_s}};
    const QJsonObject output = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    if (output.isEmpty())
        return {{u"runner"_s, QString::fromUtf8(node.readAllStandardError())}};
    return output;
}

QJsonObject tst_MethodCorpus::runInAuthdesk(const QString &file, const QJsonObject &arguments, ScriptError *error)
{
    QFile source(file);
    if (!source.open(QIODevice::ReadOnly))
        return {{u"runner"_s, u"cannot read the case"_s}};
    ScriptInvocation invocation;
    invocation.fileName = file;
    invocation.source = QString::fromUtf8(source.readAll());
    invocation.methodName = u"test"_s;
    invocation.arguments = arguments;
    ScriptJob job(invocation);
    QSignalSpy finished(&job, &ScriptJob::finished);
    job.start();
    if (!finished.wait(60000))
        return {{u"runner"_s, u"the script job did not finish"_s}};

    QJsonArray console;
    for (const ScriptLogLine &line : job.log())
        console.append(QJsonArray{line.level, line.text});
    if (job.error()) {
        if (error)
            *error = *job.error();
        // ScriptError says "Name: message"; Node's side gives the two apart.
        const QString text = job.error()->message;
        const qsizetype colon = text.indexOf(u": "_s);
        const bool named = colon > 0 && !text.left(colon).contains(u' ');
        return {{u"error"_s, QJsonObject{{u"name"_s, named ? text.left(colon) : QString()},
                                {u"message"_s, named ? text.mid(colon + 2) : text}}},
            {u"console"_s, console}};
    }
    const bool isUndefined = job.result().isUndefined();
    return {{u"result"_s, isUndefined ? QJsonValue(QJsonValue::Null) : job.result()}, {u"undefined"_s, isUndefined},
        {u"console"_s, console}};
}

void tst_MethodCorpus::sameAsNode()
{
    QFETCH(QString, file);
    const Directives directives = readDirectives(file);
    QJsonObject arguments = directives.arguments;
    arguments.insert(u"base"_s, m_server->url().toString());

    ScriptError error;
    const QJsonObject actual = runInAuthdesk(file, arguments, &error);
    if (!directives.loadError.isEmpty()) {
        // Refused on purpose, at load, with the position in the file.
        QVERIFY2(actual.contains(u"error"_s), "Authdesk ran a case it must refuse at load");
        QVERIFY2(error.kind == ScriptError::Kind::Syntax || error.kind == ScriptError::Kind::Unsupported
                || error.kind == ScriptError::Kind::Import,
            qPrintable(error.toString()));
        const QString located = error.toString().mid(QFileInfo(file).absolutePath().size() + 1);
        QVERIFY2(located.endsWith(directives.loadError) && located.startsWith(QFileInfo(file).fileName()),
            qPrintable(u"\n  expected: %1\n  actual:   %2"_s.arg(directives.loadError, located)));
        return;
    }

    QJsonObject expected = runInNode(file, arguments);
    QVERIFY2(!expected.contains(u"runner"_s), qPrintable(expected.value(u"runner"_s).toString()));
    const int nodeLine = expected.take(u"errorLine"_s).toInt();
    const QByteArray expectedText = QJsonDocument(expected).toJson(QJsonDocument::Compact);
    const QByteArray actualText = QJsonDocument(actual).toJson(QJsonDocument::Compact);
    QVERIFY2(expectedText == actualText, qPrintable(u"\n  node:     %1\n  authdesk: %2"_s.arg(
                                             QString::fromUtf8(expectedText), QString::fromUtf8(actualText))));
    if (directives.errorLine > 0) {
        QVERIFY2(actual.contains(u"error"_s), "the case must fail");
        QCOMPARE(error.line, directives.errorLine);
        QCOMPARE(QFileInfo(error.file).fileName(), QFileInfo(file).fileName());
        if (!SourceFrontEnd::isTypeScriptFile(file)) // Node.js runs TypeScript compiled, on other lines
            QCOMPARE(nodeLine, directives.errorLine);
    }
}

QTEST_GUILESS_MAIN(tst_MethodCorpus)
#include "tst_methodcorpus.moc"
