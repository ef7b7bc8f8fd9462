#include "autostart.h"

#include "support/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
constexpr bool xdgAutostart = true;
#else
constexpr bool xdgAutostart = false;
#endif

// One argument of an Exec key (Desktop Entry Specification, "The Exec key"): quoted when it holds a
// reserved character, with ", `, $ and \ escaped inside the quotes; % doubled.
QString quoteExecArgument(const QString &argument)
{
    static const QString reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    QString quoted = argument;
    quoted.replace(u'%', u"%%"_s);
    const bool needsQuotes
        = quoted.isEmpty() || std::any_of(quoted.cbegin(), quoted.cend(), [](QChar c) { return reserved.contains(c); });
    if (!needsQuotes)
        return quoted;
    QString escaped;
    for (const QChar c : std::as_const(quoted)) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return u'"' + escaped + u'"';
}

// A value of type string: backslashes (also those the Exec quoting added) are escaped once more.
QString escapeStringValue(const QString &value)
{
    QString escaped;
    for (const QChar c : value) {
        if (c == u'\\')
            escaped += u"\\\\"_s;
        else if (c == u'\n')
            escaped += u"\\n"_s;
        else if (c == u'\t')
            escaped += u"\\t"_s;
        else if (c == u'\r')
            escaped += u"\\r"_s;
        else
            escaped += c;
    }
    return escaped;
}

} // namespace

Autostart::Autostart(QString profileName, QString executable, QObject *parent)
    : QObject(parent)
    , m_profileName(std::move(profileName))
    , m_executable(std::move(executable))
{
}

Autostart::~Autostart() = default;

bool Autostart::isSupported()
{
    return xdgAutostart;
}

QString Autostart::entryPath()
{
    if (!xdgAutostart)
        return {};
    // GenericConfigLocation is $XDG_CONFIG_HOME, or ~/.config when it is unset or not absolute.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/autostart/"_s
        + entryFileName.toString();
}

QString Autostart::execLine() const
{
    QStringList arguments {m_executable, u"--minimized"_s};
    if (!m_profileName.isEmpty() && m_profileName != u"default")
        arguments << u"--profile"_s << m_profileName;
    QStringList quoted;
    for (const QString &argument : std::as_const(arguments))
        quoted.append(quoteExecArgument(argument));
    return escapeStringValue(quoted.join(u' '));
}

QByteArray Autostart::entryContents() const
{
    // Not translated: the entry is read by the session manager, and a user's tools show it as is.
    QString text = u"[Desktop Entry]\n"
                   "Type=Application\n"
                   "Version=1.4\n"
                   "Name=Authdesk\n"
                   "GenericName=OAuth connection manager\n"
                   "Comment=Keeps your OAuth connections fresh from the system tray\n"_s;
    text += u"Exec="_s + execLine() + u'\n';
    text += u"TryExec="_s + escapeStringValue(m_executable) + u'\n';
    text += u"Icon=app.authdesk.Authdesk\n"
            "Terminal=false\n"
            "Categories=Network;\n"
            "StartupNotify=false\n"
            "X-GNOME-Autostart-enabled=true\n"
            "X-GNOME-Autostart-Phase=Applications\n"
            "X-KDE-autostart-phase=2\n"_s;
    return text.toUtf8();
}

bool Autostart::isEnabled() const
{
    if (!xdgAutostart)
        return false;
    QFile file(entryPath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    bool inEntry = false;
    bool startsThis = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'['))
            inEntry = line == u"[Desktop Entry]";
        else if (!inEntry)
            continue;
        else if (line == u"Hidden=true" || line == u"X-GNOME-Autostart-enabled=false")
            return false; // the desktop's own "disable" for an entry
        else if (line.startsWith(u"Exec="))
            startsThis = line.mid(5) == execLine();
    }
    return startsThis;
}

Result<Autostart::Change> Autostart::setEnabled(bool enabled)
{
    if (!xdgAutostart)
        return Change::Unsupported;
    const QString path = entryPath();
    const bool before = isEnabled();
    if (enabled) {
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Error(ErrorCode::Internal, tr("Cannot create the folder %1.").arg(QFileInfo(path).absolutePath()));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(entryContents()) < 0 || !file.commit())
            return Error(ErrorCode::Internal, tr("Cannot write %1: %2").arg(path, file.errorString()));
        qCInfo(lcApp).noquote() << u"start at login: wrote %1"_s.arg(path);
    } else if (before) {
        // Only this profile's entry: one that starts another profile is not this window's to remove.
        QFile file(path);
        if (!file.remove())
            return Error(ErrorCode::Internal, tr("Cannot remove %1: %2").arg(path, file.errorString()));
        qCInfo(lcApp).noquote() << u"start at login: removed %1"_s.arg(path);
    }
    if (before != enabled)
        Q_EMIT enabledChanged(enabled);
    return Change::Applied;
}

} // namespace Authdesk
