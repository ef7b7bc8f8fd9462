#pragma once

#include "support/result.h"

#include <QObject>
#include <QString>

namespace Authdesk {

// "Start at login" for the GUI (issue 6, item 6).
//
// Linux (and other XDG desktops): an autostart entry $XDG_CONFIG_HOME/autostart/app.authdesk.Authdesk.desktop
// (~/.config when XDG_CONFIG_HOME is unset) whose Exec is `<this binary> --minimized [--profile P]`,
// so the window starts hidden in the tray and keeps the profile's connections fresh. There is one
// entry per user: enabling it for another profile replaces it, and isEnabled() is true only when the
// entry starts this profile.
//
// Windows (a Run registry value) and macOS (a login item) are out of scope for now: there
// isSupported() is false and setEnabled() is a no-op that returns Change::Unsupported.
class Autostart : public QObject
{
    Q_OBJECT

public:
    enum class Change {
        Applied, // the entry now says what was asked
        Unsupported, // nothing done: no autostart mechanism on this OS yet
    };
    Q_ENUM(Change)

    static constexpr QStringView entryFileName = u"app.authdesk.Authdesk.desktop";

    // `profileName`: the profile the entry starts ("default" adds no option); `executable`: the
    // absolute path of the authdesk binary (QCoreApplication::applicationFilePath()).
    Autostart(QString profileName, QString executable, QObject *parent = nullptr);
    ~Autostart() override;

    static bool isSupported();
    // Where the entry lives (empty where unsupported).
    static QString entryPath();

    // The Exec value, quoted and escaped as the Desktop Entry Specification asks.
    QString execLine() const;
    // The whole .desktop file this would write.
    QByteArray entryContents() const;

    // True when the entry exists, is not hidden, and starts this binary for this profile.
    bool isEnabled() const;
    // Writes (atomically) or removes the entry; an error names the file and the reason.
    Result<Change> setEnabled(bool enabled);

Q_SIGNALS:
    // After setEnabled() changed the entry (for the tray's and the window's checkable actions).
    void enabledChanged(bool enabled);

private:
    QString m_profileName;
    QString m_executable;
};

} // namespace Authdesk
