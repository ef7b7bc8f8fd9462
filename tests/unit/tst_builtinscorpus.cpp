#include "script/scriptprelude.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJSEngine>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// The differential harness of the script prelude. Every case of tests/script/corpus/builtins is a
// script that calls report(value); tests/script/report.js turns each value into a line, the same
// way in both engines. A case must give the same lines
//   - in QJSEngine with ScriptPrelude installed (this test is that runner),
//   - in Node (tests/script/node-runner.mjs) when Node is there, and in Node with its own built-ins
//     replaced by the prelude (node-runner.mjs --prelude), so our JavaScript does not lean on QJSEngine,
//   - as the committed <case>.expected, which tests/script/generate-expected.sh writes with Node;
//     without Node, QJSEngine is compared with those alone.
// Node is `node` (or `nodejs`) on PATH, or the program AUTHDESK_TEST_NODE names.
class tst_BuiltinsCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corpusIsComplete();
    void sameAsNode_data();
    void sameAsNode();

private:
    // What Node printed for a case, or why it could not run.
    struct NodeOutput
    {
        QStringList lines;
        QString problem;
    };

    void runCorpusInNode();

    QString m_node;
    QHash<QString, NodeOutput> m_nodeOutput; // by case path
    QHash<QString, NodeOutput> m_nodePreludeOutput;
};

namespace {

const QString sourceDir = QStringLiteral(AUTHDESK_TEST_SOURCE_DIR);

QString corpusDir()
{
    return sourceDir + u"/tests/script/corpus/builtins"_s;
}

QString nodeRunner()
{
    return sourceDir + u"/tests/script/node-runner.mjs"_s;
}

QStringList caseFiles()
{
    return QDir(corpusDir()).entryList({u"*.js"_s}, QDir::Files, QDir::Name);
}

QString expectedPathOf(const QString &casePath)
{
    return casePath.chopped(3) + u".expected"_s;
}

QString readText(const QString &path, bool *ok = nullptr)
{
    QFile file(path);
    const bool opened = file.open(QIODevice::ReadOnly);
    if (ok)
        *ok = opened;
    return opened ? QString::fromUtf8(file.readAll()) : QString();
}

// Output lines: one per report(), each ending with '\n'.
QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

// Counts what the application delivers. QJSEngine runs promise jobs as events posted to an object of
// its own, so a round of sendPostedEvents() that delivers nothing means every job has run.
class EventCounter : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *) override
    {
        ++count;
        return false;
    }
};

QStringList runInQJSEngine(const QString &casePath, QString *problem)
{
    QJSEngine engine;
    const Result<bool> installed = ScriptPrelude::install(engine);
    if (!installed) {
        *problem = u"ScriptPrelude::install failed: "_s + installed.error().message;
        return {};
    }
    const QString reportPath = sourceDir + u"/tests/script/report.js"_s;
    QStringList stackTrace;
    const QJSValue reportResult = engine.evaluate(readText(reportPath), reportPath, 1, &stackTrace);
    if (!stackTrace.isEmpty()) {
        *problem = u"tests/script/report.js threw: "_s + reportResult.toString();
        return {};
    }
    QJSValue harness = engine.globalObject().property(u"__report"_s);

    bool readable = false;
    const QString source = readText(casePath, &readable);
    if (!readable) {
        *problem = u"cannot read "_s + casePath;
        return {};
    }
    const QJSValue result = engine.evaluate(source, casePath, 1, &stackTrace);
    if (!stackTrace.isEmpty())
        harness.property(u"uncaught"_s).call({result});

    EventCounter counter;
    QCoreApplication::instance()->installEventFilter(&counter);
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const int before = counter.count;
        QCoreApplication::sendPostedEvents();
        if (counter.count == before)
            break;
        if (timer.elapsed() > 20000) {
            *problem = u"the promise jobs of the case did not settle within 20 s"_s;
            break;
        }
    }
    QCoreApplication::instance()->removeEventFilter(&counter);

    const QJSValue lines = harness.property(u"lines"_s);
    const int length = lines.property(u"length"_s).toInt();
    QStringList output;
    for (int i = 0; i < length; ++i)
        output.append(lines.property(quint32(i)).toString());
    return output;
}

QStringList runNode(const QString &node, const QStringList &arguments, QString *problem)
{
    QProcess process;
    process.start(node, arguments);
    if (!process.waitForFinished(60000)) {
        *problem = u"%1 %2 did not finish: %3"_s.arg(node, arguments.join(u' '), process.errorString());
        process.kill();
        process.waitForFinished();
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *problem = u"%1 %2 failed (exit code %3): %4"_s.arg(node, arguments.join(u' '))
                       .arg(process.exitCode())
                       .arg(QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    return splitLines(QString::fromUtf8(process.readAllStandardOutput()));
}

QString numbered(const QStringList &lines)
{
    QString text;
    for (qsizetype i = 0; i < lines.size(); ++i)
        text += u"    %1| %2\n"_s.arg(i + 1, 3).arg(lines.at(i));
    if (lines.isEmpty())
        text += u"    (no lines)\n"_s;
    return text;
}

// Empty when equal; otherwise both outputs, and where they part.
QString mismatch(const QString &leftName, const QStringList &left, const QString &rightName, const QStringList &right)
{
    if (left == right)
        return {};
    qsizetype first = 0;
    while (first < left.size() && first < right.size() && left.at(first) == right.at(first))
        ++first;
    return u"%1 and %2 differ from line %3 on (%4 lines against %5):\n  %1:\n%6  %2:\n%7"_s.arg(leftName, rightName)
        .arg(first + 1)
        .arg(left.size())
        .arg(right.size())
        .arg(numbered(left), numbered(right));
}

} // namespace

void tst_BuiltinsCorpus::initTestCase()
{
    const QString configured = qEnvironmentVariable("AUTHDESK_TEST_NODE");
    if (!configured.isEmpty()) {
        m_node = configured;
    } else {
        m_node = QStandardPaths::findExecutable(u"node"_s);
        if (m_node.isEmpty())
            m_node = QStandardPaths::findExecutable(u"nodejs"_s);
    }
    if (m_node.isEmpty()) {
        qInfo("Node.js is not on PATH (Debian: apt install nodejs): QJSEngine is compared with the committed "
              ".expected files only, and the prelude is not run on V8");
        return;
    }
    QString problem;
    const QStringList version = runNode(m_node, {u"--version"_s}, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    qInfo("comparing with Node.js %s (%s)", qPrintable(version.value(0)), qPrintable(m_node));
    runCorpusInNode();
}

// Runs every case in Node twice, several processes at a time (one takes some 80 ms to start): with
// Node's built-ins, one process per case; with the prelude, a fresh V8 context per case and many cases
// per process.
void tst_BuiltinsCorpus::runCorpusInNode()
{
    struct Job
    {
        QStringList arguments;
        QStringList cases;
        QHash<QString, NodeOutput> *outputs;
    };
    QStringList paths;
    for (const QString &name : caseFiles())
        paths.append(corpusDir() + u'/' + name);
    QList<Job> jobs;
    for (const QString &path : std::as_const(paths))
        jobs.append({{nodeRunner(), path}, {path}, &m_nodeOutput});
    constexpr qsizetype chunk = 25;
    for (qsizetype first = 0; first < paths.size(); first += chunk) {
        const QStringList cases = paths.mid(first, chunk);
        jobs.append({QStringList {nodeRunner(), u"--prelude"_s} + cases, cases, &m_nodePreludeOutput});
    }

    QEventLoop loop;
    qsizetype next = 0;
    int running = 0;
    const int parallel = qMax(2, QThread::idealThreadCount());
    std::function<void()> startMore;
    // Called once per process: when it finished, or could not start (then no finished() follows).
    // The output of several cases comes in sections, each after a line "### <case path>".
    const auto done = [&](QProcess *process, const Job &job, const QString &problem) {
        if (!problem.isEmpty()) {
            for (const QString &path : job.cases)
                (*job.outputs)[path].problem = problem;
        } else if (job.cases.size() == 1) {
            (*job.outputs)[job.cases.constFirst()].lines
                = splitLines(QString::fromUtf8(process->readAllStandardOutput()));
        } else {
            QStringList *section = nullptr;
            const QStringList lines = splitLines(QString::fromUtf8(process->readAllStandardOutput()));
            for (const QString &line : lines) {
                if (line.startsWith(u"### "_s))
                    section = &(*job.outputs)[line.mid(4)].lines;
                else if (section)
                    section->append(line);
            }
        }
        process->deleteLater();
        --running;
        startMore();
        if (running == 0)
            loop.quit();
    };
    startMore = [&] {
        while (running < parallel && next < jobs.size()) {
            const Job job = jobs.at(next++);
            auto *process = new QProcess(&loop);
            QObject::connect(
                process, &QProcess::finished, &loop, [&, process, job](int exitCode, QProcess::ExitStatus status) {
                    QString problem;
                    if (status != QProcess::NormalExit || exitCode != 0) {
                        problem = u"%1 %2 failed (exit code %3): %4"_s.arg(m_node, job.arguments.join(u' '))
                                      .arg(exitCode)
                                      .arg(QString::fromUtf8(process->readAllStandardError()));
                    }
                    done(process, job, problem);
                });
            QObject::connect(process, &QProcess::errorOccurred, &loop, [&, process, job](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    done(process, job, u"cannot start %1: %2"_s.arg(m_node, process->errorString()));
            });
            ++running;
            process->start(m_node, job.arguments);
        }
    };
    startMore();
    bool timedOut = false;
    if (running > 0) {
        QTimer::singleShot(300000, &loop, [&] {
            timedOut = true;
            loop.quit();
        });
        loop.exec();
    }
    if (timedOut) {
        for (const Job &job : std::as_const(jobs)) {
            for (const QString &path : job.cases) {
                NodeOutput &output = (*job.outputs)[path];
                if (output.lines.isEmpty() && output.problem.isEmpty())
                    output.problem = u"Node.js did not finish the corpus within 300 s"_s;
            }
        }
    }
}

void tst_BuiltinsCorpus::corpusIsComplete()
{
    const QStringList cases = caseFiles();
    QVERIFY2(cases.size() >= 100, qPrintable(u"only %1 cases in %2"_s.arg(cases.size()).arg(corpusDir())));
    for (const QString &name : cases) {
        const QString expected = expectedPathOf(corpusDir() + u'/' + name);
        bool ok = false;
        const QString text = readText(expected, &ok);
        QVERIFY2(ok, qPrintable(name + u" has no .expected file: run tests/script/generate-expected.sh"_s));
        QVERIFY2(!splitLines(text).isEmpty(), qPrintable(name + u" reports nothing"_s));
    }
    const QStringList expectedFiles = QDir(corpusDir()).entryList({u"*.expected"_s}, QDir::Files);
    for (const QString &name : expectedFiles)
        QVERIFY2(cases.contains(name.chopped(9) + u".js"_s), qPrintable(name + u" belongs to no case"_s));
}

void tst_BuiltinsCorpus::sameAsNode_data()
{
    QTest::addColumn<QString>("casePath");
    for (const QString &name : caseFiles())
        QTest::newRow(qPrintable(name.chopped(3))) << corpusDir() + u'/' + name;
}

void tst_BuiltinsCorpus::sameAsNode()
{
    QFETCH(QString, casePath);

    QString problem;
    const QStringList qjs = runInQJSEngine(casePath, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    bool haveExpected = false;
    const QStringList expected = splitLines(readText(expectedPathOf(casePath), &haveExpected));

    QStringList failures;
    if (m_node.isEmpty()) {
        QVERIFY2(haveExpected, "no .expected file and no Node.js to compare with");
        failures << mismatch(u"QJSEngine"_s, qjs, u".expected (Node)"_s, expected);
    } else {
        const NodeOutput nativeRun = m_nodeOutput.value(casePath);
        const NodeOutput preludeRun = m_nodePreludeOutput.value(casePath);
        QVERIFY2(nativeRun.problem.isEmpty(), qPrintable(nativeRun.problem));
        QVERIFY2(preludeRun.problem.isEmpty(), qPrintable(preludeRun.problem));
        const QStringList &node = nativeRun.lines;
        const QStringList &nodePrelude = preludeRun.lines;
        failures << mismatch(u"QJSEngine"_s, qjs, u"Node"_s, node);
        failures << mismatch(u"Node with the prelude"_s, nodePrelude, u"Node"_s, node);
        if (!haveExpected)
            failures << u"no .expected file: run tests/script/generate-expected.sh"_s;
        else
            failures << mismatch(u".expected"_s, expected, u"Node"_s, node)
                    + (expected != node ? u"  (.expected is stale: run tests/script/generate-expected.sh)\n"_s
                                        : QString());
    }
    failures.removeAll(QString());
    if (!failures.isEmpty())
        QFAIL(qPrintable(u"\n"_s + failures.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_BuiltinsCorpus)
#include "tst_builtinscorpus.moc"
