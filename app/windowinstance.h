#pragma once

#include <QObject>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace Authdesk {

// Keeps one window per profile. The first `authdesk` window of a profile listens on a user-only
// local socket; a later one (the launcher after the autostart entry, a second click) asks it to show
// its window and exits, instead of opening a second window with its own tray icon and every
// notification twice. Deciding takes no blocking call: start(), then decided().
//
//     auto *instance = new WindowInstance(WindowInstance::serverNameFor(profile), &app);
//     connect(instance, &WindowInstance::decided, ...); // Primary: open the window; Secondary: exit
//     connect(instance, &WindowInstance::showRequested, window, &MainWindow::showAndRaise);
//     instance->start();
class WindowInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role { Primary, Secondary };
    Q_ENUM(Role)

    explicit WindowInstance(QString serverName, QObject *parent = nullptr);
    ~WindowInstance() override;

    // The profile's refresher socket name with a suffix: per user, profile and data folder.
    static QString serverNameFor(const QString &profileSocketName);

    // `askToShow`: a second instance asks the first to show its window (not when it was started
    // minimized, as at login).
    void start(bool askToShow = true);
    const QString &serverName() const { return m_serverName; }

Q_SIGNALS:
    void decided(Authdesk::WindowInstance::Role role);
    // Another `authdesk` for this profile started: show the window.
    void showRequested();

private:
    void askTheFirst();
    void becomeTheFirst();
    void decide(Role role);

    QString m_serverName;
    QLocalSocket *m_socket = nullptr;
    QLocalServer *m_server = nullptr;
    int m_attempts = 0;
    bool m_askToShow = true;
    bool m_decided = false;
};

} // namespace Authdesk
