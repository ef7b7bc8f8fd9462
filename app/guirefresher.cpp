#include "guirefresher.h"

#include "connection/profilecontext.h"
#include "connection/profilerefresherhost.h"
#include "connection/refresherserver.h"
#include "support/logging.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

GuiRefresher::GuiRefresher(ProfileContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_takeOver(new QTimer(this))
{
    m_takeOver->setInterval(defaultTakeOverInterval);
    connect(m_takeOver, &QTimer::timeout, this, [this] {
        if (tryToHost())
            m_takeOver->stop();
    });
}

GuiRefresher::~GuiRefresher() = default;

void GuiRefresher::setTakeOverInterval(std::chrono::milliseconds interval)
{
    m_takeOver->setInterval(interval);
}

void GuiRefresher::start()
{
    if (m_role != Role::Idle || m_stopping)
        return;
    if (!tryToHost())
        m_takeOver->start();
}

bool GuiRefresher::tryToHost()
{
    auto *host = new ProfileRefresherHost(
        m_context, u"the Authdesk window (pid %1)"_s.arg(QCoreApplication::applicationPid()), this);
    if (const auto started = host->start(); !started) {
        delete host;
        if (m_clientReason != started.error().message) {
            // Usage: a daemon or another window serves the profile, which is fine. Anything else is a
            // problem with the profile's folder; refreshes still work through ProfileRefresher.
            if (started.error().code == ErrorCode::Usage)
                qCInfo(lcRefresher).noquote()
                    << u"the window uses the profile's refresher: %1"_s.arg(started.error().message);
            else
                qCWarning(lcRefresher).noquote()
                    << u"the window cannot host the profile's refresher: %1"_s.arg(started.error().message);
        }
        m_clientReason = started.error().message;
        setRole(Role::Client);
        return false;
    }
    m_host = host;
    m_clientReason.clear();
    connect(m_host, &ProfileRefresherHost::refreshFinished, this, &GuiRefresher::refreshFinished);
    qCInfo(lcRefresher).noquote() << u"the window refreshes profile \"%1\" (%2 connections) on %3"_s
                                         .arg(m_context->profile().name())
                                         .arg(m_context->index().connections().size())
                                         .arg(m_host->server()->fullServerName());
    if (const auto &unconfirmed = m_host->unconfirmed(); !unconfirmed.isEmpty())
        qCWarning(lcRefresher).noquote()
            << u"%1 connection(s) may have lost their last refresh; see their history"_s.arg(unconfirmed.size());
    setRole(Role::Hosting);
    return true;
}

void GuiRefresher::setRole(Role role)
{
    if (m_role == role)
        return;
    m_role = role;
    Q_EMIT roleChanged(role);
}

void GuiRefresher::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_takeOver->stop();
    if (!m_host) {
        setRole(Role::Idle);
        QTimer::singleShot(0, this, &GuiRefresher::stopped);
        return;
    }
    connect(m_host, &ProfileRefresherHost::stopped, this, [this] {
        setRole(Role::Idle);
        Q_EMIT stopped();
    });
    m_host->stop(u"Quit"_s);
}

} // namespace Authdesk
