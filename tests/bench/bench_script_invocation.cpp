// Script invocation benchmark (issue: JavaScript runtime). Measures, as the median of many runs:
//   - a whole ScriptJob for a trivial async-style method (fresh engine, prelude, host APIs, module
//     evaluation, call, promise, JSON result, thread hand-over),
//   - its parts, in this thread: creating a QJSEngine, installing the prelude (polyfills.js, web.js),
//     installing the host APIs (a ScriptHost and host.js), destroying the engine,
//   - a whole ScriptJob for a method that uses web.js's globals (Buffer, URLSearchParams), which the
//     prelude installs at their first use, and
//   - the trivial method called in a loop in Node.js (when `node` is on PATH) for a ratio, and
//   - the first load of a 200-line TypeScript connector module (tests/bench/data/connector-200.ts):
//     the source front end alone, its compilation alone, and a whole ScriptJob with the front end's
//     caches off against one with the module cached.
//   bench_script_invocation [--runs N]
#include "script/scripthost.h"
#include "script/scriptjob.h"
#include "script/scriptprelude.h"
#include "script/sourcefrontend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJSEngine>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

const QString trivialMethod = u"module.exports = function (args) { return Promise.resolve({ value: args.n + 1 }); };"_s;
const QString webMethod = u"module.exports = function (args) { return Promise.resolve({ value: Buffer.from("
                          "new URLSearchParams({ n: String(args.n) }).toString()).toString('base64') }); };"_s;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double elapsedMs(QElapsedTimer &timer)
{
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    return ms;
}

ScriptInvocation invocationFor(int index, const QString &source = trivialMethod, const QString &fileName = u"bench.js"_s)
{
    ScriptInvocation invocation;
    invocation.fileName = fileName;
    invocation.source = source;
    invocation.methodName = u"test"_s;
    invocation.arguments = {{u"n"_s, index}};
    return invocation;
}

// The parts of an invocation that do not depend on the method, one after the other in this thread.
void printBreakdown(int runs)
{
    std::vector<double> create, prelude, hostObject, host, destroy;
    for (int i = 0; i < runs; ++i) {
        QObject parent; // the ScriptHost belongs to C++, as it does in ScriptRun
        QElapsedTimer timer;
        timer.start();
        auto *engine = new QJSEngine;
        create.push_back(elapsedMs(timer));
        if (const auto installed = ScriptPrelude::install(*engine); !installed)
            qFatal("prelude: %s", qPrintable(installed.error().message));
        prelude.push_back(elapsedMs(timer));
        // install(engine, host) installs the prelude first; installed already, it is not evaluated again.
        auto *scriptHost = new ScriptHost(engine, invocationFor(i), &parent);
        hostObject.push_back(elapsedMs(timer));
        if (const auto installed = ScriptPrelude::install(*engine, scriptHost); !installed)
            qFatal("host APIs: %s", qPrintable(installed.error().message));
        host.push_back(elapsedMs(timer));
        delete engine;
        destroy.push_back(elapsedMs(timer));
    }
    std::printf("  parts, median of %d in one thread: engine %.3f ms, prelude (polyfills.js, web.js) %.3f ms,\n"
                "  ScriptHost %.3f ms, host APIs (host.js) %.3f ms, engine destruction %.3f ms\n",
        runs, median(create), median(prelude), median(hostObject), median(host), median(destroy));
}

// The median time of `runs` ScriptJobs for the method in `source`, one after the other. With
// `firstLoad`, every run sees a source it has not seen (a comment differs) and the front end's
// caches are off, so each run pays for the front end and the compilation.
double medianInvocation(const QString &source, int runs, const QString &fileName = u"bench.js"_s, bool firstLoad = false)
{
    std::vector<double> times;
    int index = 0;
    std::function<void()> next = [&] {
        if (index == runs) {
            QCoreApplication::quit();
            return;
        }
        if (firstLoad)
            SourceFrontEnd::clearMemoryCache();
        const QString runSource = firstLoad ? source + u"\n// run "_s + QString::number(index) : source;
        auto *job = new ScriptJob(invocationFor(index, runSource, fileName));
        auto *timer = new QElapsedTimer;
        timer->start();
        QObject::connect(job, &ScriptJob::finished, QCoreApplication::instance(), [&, job, timer] {
            times.push_back(double(timer->nsecsElapsed()) / 1e6);
            delete timer;
            if (job->error())
                qFatal("benchmark method failed: %s", qPrintable(job->error()->toString()));
            job->deleteLater();
            ++index;
            next();
        });
        job->start();
    };
    next();
    QCoreApplication::exec();
    return median(times);
}

// The first load of a 200-line TypeScript module, in parts: the source front end (no cache), and
// compiling its output in a fresh engine (evaluating the module's function expression, not calling it).
void printFirstLoad(const QString &source, int runs)
{
    const QString fileName = u"connector-200.ts"_s;
    const EngineFeatures features = EngineFeatures::probe();
    std::vector<double> frontEnd, compile;
    QString code;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto prepared = SourceFrontEnd::prepareOnThisThread(source, fileName, features);
        frontEnd.push_back(elapsedMs(timer));
        if (!prepared)
            qFatal("front end: %s", qPrintable(prepared.error().toString()));
        code = prepared->code;
    }
    for (int i = 0; i < runs; ++i) {
        QJSEngine engine;
        const QString wrapped = u"(function (exports, require, module) {"_s + code + u"\n})"_s;
        QElapsedTimer timer;
        timer.start();
        const QJSValue function = engine.evaluate(wrapped, fileName);
        compile.push_back(elapsedMs(timer));
        if (function.isError())
            qFatal("compile: %s", qPrintable(function.toString()));
    }
    std::printf("First load of a %lld-line TypeScript module, median of %d: front end %.3f ms, compile %.3f ms\n",
        qlonglong(source.count(u'\n')), runs, median(frontEnd), median(compile));
    SourceFrontEnd::setDiskCacheDirectory(QString());
    const double first = medianInvocation(source, runs, fileName, true);
    const double cached = medianInvocation(source, runs, fileName);
    std::printf("  ScriptJob calling its `test`: first load %.3f ms, module cached %.3f ms (difference %.3f ms)\n",
        first, cached, first - cached);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int runs = 200;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == u"--runs")
            runs = std::max(1, arguments.at(i + 1).toInt());
    }

    const double invocation = medianInvocation(trivialMethod, runs);
    std::printf(
        "ScriptJob, trivial promise-returning method, median of %d: %.3f ms per invocation\n", runs, invocation);
    std::printf("  (fresh engine + prelude + host APIs + module + call + JSON result + thread start/stop)\n");
    printBreakdown(runs);
    std::printf("ScriptJob, a method that uses Buffer and URLSearchParams, median of %d: %.3f ms per invocation\n",
        runs, medianInvocation(webMethod, runs));

    QFile module(QStringLiteral(AUTHDESK_BENCH_SOURCE_DIR "/tests/bench/data/connector-200.ts"));
    if (!module.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(module.fileName()));
    printFirstLoad(QString::fromUtf8(module.readAll()), runs);

    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty()) {
        std::printf("node not found: no Node.js ratio\n");
        return 0;
    }
    QProcess process;
    process.start(node, {u"-e"_s, uR"(
        const fn = function (args) { return Promise.resolve({ value: args.n + 1 }); };
        (async () => {
          const times = [];
          for (let i = 0; i < 2000; ++i) {
            const start = process.hrtime.bigint();
            JSON.stringify(await fn(JSON.parse(JSON.stringify({ n: i }))));
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
          }
          times.sort((a, b) => a - b);
          console.log(times[times.length >> 1]);
        })();)"_s});
    process.waitForFinished(60000);
    const double nodeMs = process.readAllStandardOutput().trimmed().toDouble();
    std::printf("Node.js, same method called in a loop (module cached), median: %.4f ms\n", nodeMs);
    if (nodeMs > 0)
        std::printf(
            "ratio ScriptJob / Node loop: %.0fx (isolation costs a fresh engine per call)\n", invocation / nodeMs);
    return 0;
}
