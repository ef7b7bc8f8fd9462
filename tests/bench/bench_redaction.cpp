// How long the redaction helper takes on what the HTTP log and the support bundle feed it: ordinary
// token responses and log text, and the worst shapes for its patterns — long unbroken values (a
// base64 image or blob in a JSON body), long runs of name characters, many short pairs.
//   bench_redaction [--runs R]
#include "support/redaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

double medianMs(int runs, const QString &input)
{
    QList<double> times;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QString output = Authdesk::Redaction::text(input);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        if (output.isEmpty() && !input.isEmpty())
            std::fprintf(stderr, "unexpected empty output\n");
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int runs = 9;
    const QStringList arguments = QCoreApplication::arguments();
    if (const qsizetype at = arguments.indexOf(u"--runs"_s); at >= 0 && at + 1 < arguments.size())
        runs = std::max(1, arguments.at(at + 1).toInt());

    const QString tokenResponse = uR"({"access_token":"gho_16C7e42F292c6912E7710c838347Ae178B4a","token_type":"bearer","expires_in":3600,"refresh_token":"ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246","scope":"repo user"})"_s;
    std::printf("Redaction::text, median of %d runs (ms)\n", runs);
    std::printf("  %-44s %10.3f\n", "token response (190 B)", medianMs(runs, tokenResponse));
    for (const int kib : {1, 4, 16, 64, 256, 1024}) {
        const qsizetype size = qsizetype(kib) * 1024;
        const QString letters(size, u'a');
        const QString blob = uR"({"image":")"_s + letters + uR"("})"_s;
        QString pairs;
        while (pairs.size() < size)
            pairs += u"name=value&other=thing&"_s;
        std::printf("  %-44s %10.3f\n", qPrintable(u"JSON with a %1 KiB unbroken string"_s.arg(kib)), medianMs(runs, blob));
        std::printf("  %-44s %10.3f\n", qPrintable(u"%1 KiB of name characters"_s.arg(kib)), medianMs(runs, letters));
        std::printf("  %-44s %10.3f\n", qPrintable(u"%1 KiB of short name=value pairs"_s.arg(kib)), medianMs(runs, pairs));
    }
    return 0;
}
