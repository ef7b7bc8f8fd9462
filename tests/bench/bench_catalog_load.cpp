// Catalog load benchmark (issue: foundation). Generates N connector folders of realistic size
// from the bundled connectors (each copied with a new key), then measures
//   1. a full catalog load: read + parse + compile formulas + validate + index, and
//   2. yaml-cpp alone parsing the same YAML files (YAML::LoadFile),
// as the median of several runs with a warm file cache, plus memory.
//   bench_catalog_load [--count N] [--runs R] [--keep DIR]
#include "catalog/connectorcatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

size_t heapInUse()
{
    return mallinfo2().uordblks;
}

long peakKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

struct Generated
{
    int connectors = 0;
    QStringList yamlFiles;
    qint64 bytes = 0;
};

Generated generate(const QString &templates, const QString &target, int count)
{
    Generated generated;
    QStringList sources = QDir(templates).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    sources.removeIf([&](const QString &name) { return !QFileInfo::exists(templates + u'/' + name + u"/spec.yml"_s); });
    if (sources.isEmpty())
        qFatal("no connector templates in %s", qPrintable(templates));
    for (int i = 0; i < count; ++i) {
        const QString source = sources.at(i % sources.size());
        const QString key = source + u'-' + QString::number(i);
        const QString folder = target + u'/' + key;
        QDirIterator it(templates + u'/' + source, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relative = QDir(templates + u'/' + source).relativeFilePath(file);
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(file));
            QByteArray contents = in.readAll();
            if (relative == u"spec.yml")
                contents.replace(
                    QByteArray("key: " + source.toUtf8() + '\n'), QByteArray("key: " + key.toUtf8() + '\n'));
            QDir().mkpath(QFileInfo(folder + u'/' + relative).absolutePath());
            QFile out(folder + u'/' + relative);
            if (!out.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(out.fileName()));
            out.write(contents);
            generated.bytes += contents.size();
            if (relative.endsWith(u".yml"_s))
                generated.yamlFiles.append(folder + u'/' + relative);
        }
        ++generated.connectors;
    }
    return generated;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int count = 1000;
    int runs = 7;
    QString keep;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == u"--count")
            count = arguments.at(i + 1).toInt();
        else if (arguments.at(i) == u"--runs")
            runs = std::max(1, arguments.at(i + 1).toInt());
        else if (arguments.at(i) == u"--keep")
            keep = arguments.at(i + 1);
    }

    QTemporaryDir temporary;
    const QString root = keep.isEmpty() ? temporary.path() : keep;
    QDir().mkpath(root);
    const Generated generated = generate(QStringLiteral(AUTHDESK_BENCH_CONNECTORS_DIR), root, count);
    std::printf("generated %d connectors: %lld YAML files + scripts, %.1f KiB (%.2f KiB per connector)\n",
        generated.connectors, qlonglong(generated.yamlFiles.size()), generated.bytes / 1024.0,
        generated.bytes / 1024.0 / generated.connectors);

    ConnectorSearchPath path;
    path.append(root, ConnectorSource::Extra);

    // Warm the file cache and the allocator once.
    {
        const ConnectorCatalog warm = ConnectorCatalog::load(path);
    }

    std::vector<double> yamlTimes;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        size_t nodes = 0;
        for (const QString &file : generated.yamlFiles)
            nodes += YAML::LoadFile(file.toStdString()).size();
        yamlTimes.push_back(timer.nsecsElapsed() / 1e6);
        if (nodes == 0)
            std::printf("(no nodes?)\n");
    }

    auto measure = [&](int threads) {
        std::vector<double> times;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            const ConnectorCatalog catalog = ConnectorCatalog::load(path, threads);
            times.push_back(timer.nsecsElapsed() / 1e6);
        }
        return median(times);
    };
    const double singleMs = measure(1);
    const double parallelMs = measure(0);

    const size_t heapBefore = heapInUse();
    const ConnectorCatalog kept = ConnectorCatalog::load(path);
    const size_t heapAfter = heapInUse();

    const double yamlMs = median(yamlTimes);
    const double n = generated.connectors;
    std::printf("full catalog load (read + parse + validate + index), median of %d runs:\n", runs);
    std::printf("  one thread:            %7.1f ms = %.3f ms per connector\n", singleMs, singleMs / n);
    std::printf("  %d threads (default):   %7.1f ms = %.3f ms per connector\n", QThread::idealThreadCount(), parallelMs,
        parallelMs / n);
    std::printf("yaml-cpp alone (YAML::LoadFile of the same files, one thread):\n");
    std::printf("                         %7.1f ms = %.3f ms per connector\n", yamlMs, yamlMs / n);
    std::printf("ratio catalog / yaml-cpp: %.2fx on one thread, %.2fx with the default threads\n", singleMs / yamlMs,
        parallelMs / yamlMs);
    std::printf("catalog entries: %lld (%lld invalid)\n", qlonglong(kept.size()), qlonglong(kept.invalidCount()));
    std::printf("memory: the loaded catalog holds %.1f MiB of heap (%.1f KiB per connector); peak RSS %.1f MiB\n",
        (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / n, peakKiB() / 1024.0);
    const qsizetype invalid = kept.invalidCount();
    return invalid == 0 ? 0 : 1;
}
