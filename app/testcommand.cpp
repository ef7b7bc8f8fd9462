#include "testcommand.h"

#include "connection/connectionsession.h"
#include "connection/profilecontext.h"
#include "connection/testjob.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

TestCommand::TestCommand(QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"test"_s, std::move(options), out, err, parent)
    , m_name(std::move(name))
{
}

int TestCommand::start()
{
    if (!openContext())
        return exitCode();
    openSession(m_name, [this](const Result<ConnectionSession *> &session) {
        if (!session)
            return finishWith(session.error());
        auto *job = new TestJob(*session, &context()->index(), this);
        connect(job, &TestJob::finished, this, [this](TestJob *finished) {
            finished->deleteLater();
            if (options().json) {
                QJsonObject result{{u"connection"_s, m_name}, {u"hasTest"_s, finished->hasTest()},
                    {u"passed"_s, finished->passed()}, {u"message"_s, finished->message()}};
                out() << QJsonDocument(result).toJson(QJsonDocument::Indented);
            } else if (finished->passed()) {
                out() << u"%1: %2"_s.arg(m_name, finished->message()) << Qt::endl;
            }
            finishWith(finished->error());
        });
        job->start();
    });
    return -1;
}

} // namespace Authdesk
