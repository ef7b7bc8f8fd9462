#pragma once

#include "authorizationerror.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace Authdesk {

// The page the browser shows after the redirect. It states the real outcome (success, denied with
// the provider's description, another provider error, a rejected callback), is self-contained (no
// scripts, no external resources or links; the provider's error_uri is shown as text) and every
// piece of text in it is HTML-escaped (oauth-standards-and-qt.md check 18). The HTTP headers that
// go with it (no-store, no-referrer, CSP) are LoopbackReplyHandler's.
class LoopbackResultPage
{
public:
    // The code arrived; Authdesk now exchanges it.
    static QByteArray success();
    // A terminal failure: denied, provider error, issuer mismatch, ...
    static QByteArray failure(const AuthorizationError &error);
    // A callback that was not accepted and does not end the attempt (wrong or missing state, ...).
    static QByteArray rejected(const QString &reason);
    static QByteArray notFound();
    // Malformed HTTP, wrong method, ...: `reason` comes from our own code, never from the request.
    static QByteArray badRequest(const QString &reason);

    // &, <, >, " and ' as character references.
    static QString escape(QStringView text);

    // The value for a Content-Security-Policy header that matches these pages.
    static QByteArray contentSecurityPolicy();

private:
    enum class Tone { Success, Failure, Neutral };
    static QByteArray render(Tone tone, const QString &heading, const QList<QString> &paragraphs);
};

} // namespace Authdesk
