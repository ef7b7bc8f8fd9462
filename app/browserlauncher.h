#pragma once

#include <QString>
#include <QUrl>

namespace Authdesk {

// Opens an authorization URL in the system browser (RFC 8252: never an embedded one).
// AUTHDESK_BROWSER, when set, is a command to use instead; the URL is appended as its last argument
// (tests use a scripted browser this way). In a GUI process QDesktopServices opens it; on the command
// line, where there is no GUI application, the desktop's opener (xdg-open, open, start).
class BrowserLauncher
{
public:
    // False (with `error` set) when the URL could not be handed to any browser: the caller shows it
    // for copying.
    static bool open(const QUrl &url, QString *error = nullptr);
};

} // namespace Authdesk
