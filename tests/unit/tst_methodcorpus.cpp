#include "localhttpserver.h"

#include "script/scriptjob.h"

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

// The differential corpus of connector methods: every case in tests/script/corpus/methods runs in
// Node.js (tests/script/method-runner.mjs, with the pinned npm packages of tests/script) and in
// Authdesk (ScriptJob), against the same local HTTP server; result, error and console output must
// be the same. A case may give its arguments in a first line `// args: {...}`; `base` (the
// server's URL) is always added.
class tst_MethodCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsNode_data();
    void sameAsNode();

private:
    QJsonObject runInNode(const QString &file, const QJsonObject &arguments);
    QJsonObject runInAuthdesk(const QString &file, const QJsonObject &arguments);

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
    QDirIterator it(m_scriptDir + u"/corpus/methods"_s, {u"*.js"_s, u"*.cjs"_s, u"*.mjs"_s, u"*.ts"_s}, QDir::Files);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    QVERIFY2(files.size() >= 25, "the method corpus is missing");
    for (const QString &file : std::as_const(files))
        QTest::addRow("%s", qPrintable(QFileInfo(file).fileName())) << file;
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

QJsonObject tst_MethodCorpus::runInAuthdesk(const QString &file, const QJsonObject &arguments)
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
    QFile source(file);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject arguments;
    const QByteArray firstLine = source.readLine().trimmed();
    if (firstLine.startsWith("// args:"))
        arguments = QJsonDocument::fromJson(firstLine.mid(8)).object();
    arguments.insert(u"base"_s, m_server->url().toString());

    const QJsonObject expected = runInNode(file, arguments);
    const QJsonObject actual = runInAuthdesk(file, arguments);
    QVERIFY2(!expected.contains(u"runner"_s), qPrintable(expected.value(u"runner"_s).toString()));
    const QByteArray expectedText = QJsonDocument(expected).toJson(QJsonDocument::Compact);
    const QByteArray actualText = QJsonDocument(actual).toJson(QJsonDocument::Compact);
    QVERIFY2(expectedText == actualText, qPrintable(u"\n  node:     %1\n  authdesk: %2"_s.arg(
                                             QString::fromUtf8(expectedText), QString::fromUtf8(actualText))));
}

QTEST_GUILESS_MAIN(tst_MethodCorpus)
#include "tst_methodcorpus.moc"
