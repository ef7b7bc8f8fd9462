#include "browserlauncher.h"

#include "support/logging.h"

#include <QDesktopServices>
#include <QGuiApplication>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace Authdesk {

bool BrowserLauncher::open(const QUrl &url, QString *error)
{
    const QString urlText = url.toString(QUrl::FullyEncoded);
    const QString command = qEnvironmentVariable("AUTHDESK_BROWSER");
    if (!command.isEmpty()) {
        QStringList arguments = QProcess::splitCommand(command);
        if (arguments.isEmpty()) {
            if (error)
                *error = u"AUTHDESK_BROWSER is empty"_s;
            return false;
        }
        const QString program = arguments.takeFirst();
        arguments.append(urlText);
        if (!QProcess::startDetached(program, arguments)) {
            if (error)
                *error = u"AUTHDESK_BROWSER (%1) could not be started"_s.arg(program);
            return false;
        }
        return true;
    }
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (QDesktopServices::openUrl(url))
            return true;
        if (error)
            *error = u"the desktop did not open the browser"_s;
        return false;
    }
#if defined(Q_OS_MACOS)
    const bool started = QProcess::startDetached(u"open"_s, {urlText});
#elif defined(Q_OS_WIN)
    // Not `cmd /c start`: cmd would read the & of the query as a command separator.
    const bool started = QProcess::startDetached(u"rundll32"_s, {u"url.dll,FileProtocolHandler"_s, urlText});
#else
    const bool started = QProcess::startDetached(u"xdg-open"_s, {urlText});
#endif
    if (!started && error)
        *error = u"no program to open a browser was found"_s;
    return started;
}

} // namespace Authdesk
