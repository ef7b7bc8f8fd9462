#include "commandline.h"
#include "mainwindow.h"

#include "catalog/connectorsearchpath.h"
#include "support/error.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(u"authdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(AUTHDESK_VERSION));
    QCoreApplication::setOrganizationName(u"Authdesk"_s);
    QCoreApplication::setOrganizationDomain(u"authdesk.app"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Authdesk::CommandLine commandLine(out, err);

    if (Authdesk::CommandLine::wantsCommand(rawArguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        QObject::connect(&commandLine, &Authdesk::CommandLine::finished, &app, &QCoreApplication::exit);
        const int exitCode = commandLine.run(QCoreApplication::arguments());
        return exitCode >= 0 ? exitCode : app.exec();
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(u"Authdesk"_s);
    QApplication::setDesktopFileName(u"app.authdesk.Authdesk"_s);
    if (!commandLine.parseGlobalOptions(QCoreApplication::arguments()))
        return Authdesk::exitCodeFor(Authdesk::ErrorCode::Usage);

    Authdesk::MainWindow window(Authdesk::ConnectorSearchPath::standard(commandLine.connectorDirectories()));
    window.show();
    return app.exec();
}
