#include "loopbackresultpage.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

QString LoopbackResultPage::escape(QStringView text)
{
    QString result;
    result.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            result += u"&amp;"_s;
            break;
        case u'<':
            result += u"&lt;"_s;
            break;
        case u'>':
            result += u"&gt;"_s;
            break;
        case u'"':
            result += u"&quot;"_s;
            break;
        case u'\'':
            result += u"&#39;"_s;
            break;
        default:
            result += c;
        }
    }
    return result;
}

QByteArray LoopbackResultPage::contentSecurityPolicy()
{
    // Only the inline style sheet below; `img-src data:` for the empty favicon that stops the
    // browser from asking the listener for /favicon.ico.
    return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
           "frame-ancestors 'none'; base-uri 'none'";
}

QByteArray LoopbackResultPage::render(Tone tone, const QString &heading, const QList<QString> &paragraphs)
{
    const QString toneClass = tone == Tone::Success ? u"ok"_s : tone == Tone::Failure ? u"fail"_s : u"info"_s;
    QString html = u"<!DOCTYPE html>\n"
                   "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n"
                   "<link rel=\"icon\" href=\"data:,\">\n"
                   "<title>Authdesk: "_s
        + escape(heading)
        + u"</title>\n<style>\n"
          "body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;max-width:38em;margin:4em auto;"
          "padding:0 1em;line-height:1.5;color:#1f2328;background:#f6f8fa}\n"
          "h1{font-size:1.4em}.ok{color:#1a7f37}.fail{color:#cf222e}.info{color:#1f2328}\n"
          "p{overflow-wrap:anywhere;white-space:pre-line}\n"
          "</style>\n</head>\n<body>\n<h1 class=\""_s
        + toneClass + u"\">"_s + escape(heading) + u"</h1>\n"_s;
    for (const QString &paragraph : paragraphs)
        html += u"<p>"_s + escape(paragraph) + u"</p>\n"_s;
    html += u"</body>\n</html>\n"_s;
    return html.toUtf8();
}

QByteArray LoopbackResultPage::success()
{
    return render(Tone::Success, u"Authorization received"_s,
        {u"Authdesk received the authorization and is finishing the connection. "
         "You can close this tab and return to Authdesk."_s});
}

QByteArray LoopbackResultPage::failure(const AuthorizationError &error)
{
    QList<QString> paragraphs;
    QString heading;
    switch (error.kind) {
    case AuthorizationError::Kind::Denied:
        heading = u"Authorization denied"_s;
        paragraphs.append(u"The provider reports that access was denied, so no connection was made."_s);
        break;
    case AuthorizationError::Kind::ProviderError:
        heading = u"Authorization failed"_s;
        paragraphs.append(error.error.isEmpty()
                ? u"The provider's answer had neither an authorization code nor an error."_s
                : u"The provider reported the error \u201c%1\u201d."_s.arg(error.error));
        break;
    case AuthorizationError::Kind::IssuerMismatch:
        heading = u"Authorization rejected"_s;
        paragraphs.append(error.message);
        paragraphs.append(u"The answer did not come from the expected authorization server (RFC 9207), "
                          "so Authdesk did not use it."_s);
        break;
    case AuthorizationError::Kind::StateMismatch:
    case AuthorizationError::Kind::Timeout:
    case AuthorizationError::Kind::Cancelled:
    case AuthorizationError::Kind::ListenFailed:
        heading = u"Authorization failed"_s;
        paragraphs.append(error.message);
        break;
    }
    if (!error.errorDescription.isEmpty())
        paragraphs.append(u"Provider\u2019s description: "_s + error.errorDescription);
    if (!error.errorUri.isEmpty())
        paragraphs.append(u"More information (from the provider, not opened by Authdesk): "_s + error.errorUri);
    paragraphs.append(u"You can close this tab. Authdesk shows the same message and lets you try again."_s);
    return render(Tone::Failure, heading, paragraphs);
}

QByteArray LoopbackResultPage::rejected(const QString &reason)
{
    return render(Tone::Failure, u"Authorization not accepted"_s,
        {reason,
            u"Authdesk is still waiting for the authorization it started. If you did not start one, "
            "close this tab."_s});
}

QByteArray LoopbackResultPage::notFound()
{
    return render(Tone::Neutral, u"Not found"_s, {u"There is nothing at this address."_s});
}

QByteArray LoopbackResultPage::badRequest(const QString &reason)
{
    return render(Tone::Failure, u"Bad request"_s, {reason});
}

} // namespace Authdesk
