// JavaScript/TypeScript lexer throughput. Builds a source of about --size MiB by repeating the
// fuzz seeds and the bundled connector scripts (or reads --file), then tokenizes it --runs times
// and prints the median, in MB/s of UTF-16 characters (one byte each for ASCII source), for both
// JsLexer::tokenize() (tokens kept in a list) and a next() loop (streaming, nothing kept).
//   bench_js_lexer [--size MIB] [--runs R] [--file PATH]
#include "script/jslexer.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double sizeMiB = 16;
    int runs = 7;
    QString file;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--size")
            sizeMiB = args[i + 1].toDouble();
        else if (args[i] == u"--runs")
            runs = qMax(1, args[i + 1].toInt());
        else if (args[i] == u"--file")
            file = args[i + 1];
    }

    QString unit;
    if (!file.isEmpty()) {
        unit = readAll(file);
    } else {
        // Only sources without lexical errors, so that the figure is about valid code.
        const QStringList roots {QStringLiteral(AUTHDESK_BENCH_SOURCE_DIR "/tests/fuzz/seeds/js_lexer"),
            QStringLiteral(AUTHDESK_BENCH_SOURCE_DIR "/connectors")};
        for (const QString &root : roots) {
            QDirIterator it(root, {u"*.js"_s, u"*.ts"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QString text = readAll(it.next());
                if (text.startsWith(u"#!"))
                    text = text.mid(text.indexOf(u'\n') + 1); // a hashbang is only valid at the start
                JsLexer::Errors errors;
                JsLexer::tokenize(text, &errors);
                if (errors.isEmpty())
                    unit += text + u'\n';
            }
        }
    }
    if (unit.isEmpty()) {
        std::fprintf(stderr, "no input\n");
        return 1;
    }
    const auto target = qsizetype(sizeMiB * 1024 * 1024);
    QString source = file.isEmpty() ? unit.repeated(qMax<qsizetype>(1, target / unit.size())) : unit;

    qsizetype ascii = 0;
    for (const QChar c : std::as_const(source))
        ascii += c.unicode() < 128 ? 1 : 0;

    std::vector<double> listTimes;
    std::vector<double> streamTimes;
    qsizetype tokenCount = 0;
    qsizetype errorCount = 0;
    QString firstError;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        JsLexer::Errors errors;
        const QList<JsToken> tokens = JsLexer::tokenize(source, &errors);
        listTimes.push_back(double(timer.nsecsElapsed()) / 1e9);
        tokenCount = tokens.size();
        errorCount = errors.size();
        if (!errors.isEmpty())
            firstError = errors.first().toString();

        timer.start();
        JsLexer lexer(source);
        qsizetype checksum = 0;
        for (JsToken token = lexer.next(); token.kind != JsTokenKind::EndOfInput; token = lexer.next())
            checksum += token.end;
        streamTimes.push_back(double(timer.nsecsElapsed()) / 1e9);
        if (checksum == 42)
            std::printf(" ");
    }
    const double megabytes = double(source.size()) / 1e6;
    std::printf("source: %.1f MB (%lld UTF-16 units, %.1f%% ASCII), %lld tokens, %lld errors, %d runs\n", megabytes,
        qlonglong(source.size()), 100.0 * double(ascii) / double(source.size()), qlonglong(tokenCount),
        qlonglong(errorCount), runs);
    if (!firstError.isEmpty())
        std::printf("first error: %s\n", qPrintable(firstError));
    std::printf("tokenize():  median %.1f ms  %.0f MB/s  %.1f M tokens/s\n", median(listTimes) * 1e3,
        megabytes / median(listTimes), double(tokenCount) / 1e6 / median(listTimes));
    std::printf("next() loop: median %.1f ms  %.0f MB/s  %.1f M tokens/s\n", median(streamTimes) * 1e3,
        megabytes / median(streamTimes), double(tokenCount) / 1e6 / median(streamTimes));
    return 0;
}
