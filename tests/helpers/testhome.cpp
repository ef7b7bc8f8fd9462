#include "testhome.h"

#include <QProcess>

using namespace Qt::StringLiterals;

namespace Authdesk::Test {

QString TestHome::profilesRoot() const
{
    return filePath(u"data/authdesk/profiles"_s);
}

QProcessEnvironment TestHome::processEnvironment(const QString &connectorsPath) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, path());
    environment.insert(u"XDG_DATA_HOME"_s, filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, filePath(u"config"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, filePath(u"cache"_s));
    environment.insert(u"AUTHDESK_CONNECTORS_PATH"_s, connectorsPath);
    environment.remove(u"AUTHDESK_PROFILE"_s);
    environment.remove(u"QT_MESSAGE_PATTERN"_s);
    return environment;
}

void killAndDelete(QList<QProcess *> &processes)
{
    for (QProcess *process : std::as_const(processes)) {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(10000);
        }
        delete process;
    }
    processes.clear();
}

} // namespace Authdesk::Test
