// Script invocation benchmark (issue: JavaScript runtime). Measures, as the median of many runs:
//   - a whole ScriptJob for a trivial async-style method (fresh engine, prelude, host APIs, module
//     evaluation, call, promise, JSON result, thread hand-over), and
//   - the same method called in a loop in Node.js (when `node` is on PATH) for a ratio.
//   bench_script_invocation [--runs N]
#include "script/scriptjob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

const QString trivialMethod = u"module.exports = function (args) { return Promise.resolve({ value: args.n + 1 }); };"_s;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
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

    std::vector<double> times;
    int index = 0;
    std::function<void()> next = [&] {
        if (index == runs) {
            QCoreApplication::quit();
            return;
        }
        ScriptInvocation invocation;
        invocation.fileName = u"bench.js"_s;
        invocation.source = trivialMethod;
        invocation.methodName = u"test"_s;
        invocation.arguments = {{u"n"_s, index}};
        auto *job = new ScriptJob(invocation);
        auto *timer = new QElapsedTimer;
        timer->start();
        QObject::connect(job, &ScriptJob::finished, &app, [&, job, timer] {
            times.push_back(timer->nsecsElapsed() / 1e6);
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
    app.exec();

    const double invocation = median(times);
    std::printf("ScriptJob, trivial promise-returning method, median of %d: %.3f ms per invocation\n", runs, invocation);
    std::printf("  (fresh engine + prelude + host APIs + module + call + JSON result + thread start/stop)\n");

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
        std::printf("ratio ScriptJob / Node loop: %.0fx (isolation costs a fresh engine per call)\n", invocation / nodeMs);
    return 0;
}
