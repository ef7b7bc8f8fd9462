#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringView>
#include <QUrl>

// The one place that removes secrets (tokens, codes, verifiers, client secrets, passwords) from
// anything that may be logged, shown, recorded or exported. Every HTTP log line, script console line
// and support-bundle field passes through it.
namespace Authdesk::Redaction {

// What replaces a secret.
QString placeholder();

// Whether a field, parameter or header name carries a secret: access_token, refresh_token,
// id_token, code, code_verifier, client_secret, password, authorization, cookie, x-api-key, ...
// (case-insensitive; `-` and `_` are the same; camelCase spellings such as accessToken count).
bool isSecretName(QStringView name);

// Header value: "Bearer abc" -> "Bearer [redacted]", a secret header's value -> "[redacted]".
QString headerValue(QStringView name, QStringView value);
// Query parameters with secret names are redacted; the rest of the URL (and userinfo) is cleaned too.
QUrl url(const QUrl &url);
// JSON: string and number values under secret names are redacted, recursively.
QJsonValue json(const QJsonValue &value);
// A request or response body: JSON or form-encoded bodies field by field; other text like `text`.
QByteArray body(const QByteArray &body, QStringView contentType);
// What an HTTP log keeps of a body: the whole body redacted first (a body cut first would be damaged
// JSON with a secret left open at the cut), then at most `limit` bytes and a note of how many more.
QByteArray bodyExcerpt(const QByteArray &body, QStringView contentType, qsizetype limit);
// Free text (log messages, error strings): key=value and "key": "value" pairs with secret names,
// Bearer/Basic credentials and JWTs are redacted.
QString text(const QString &text);

} // namespace Authdesk::Redaction
