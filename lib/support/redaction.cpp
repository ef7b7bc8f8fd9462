#include "redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace Authdesk::Redaction {

namespace {

// Lower case, without '-' and '_': "Refresh-Token", "refresh_token" and "refreshToken" meet.
QString normalized(QStringView name)
{
    QString result;
    result.reserve(name.size());
    for (const QChar c : name) {
        if (c != u'-' && c != u'_')
            result.append(c.toLower());
    }
    return result;
}

const QSet<QString> &secretNames()
{
    static const QSet<QString> names{u"accesstoken"_s, u"refreshtoken"_s, u"idtoken"_s, u"code"_s, u"codeverifier"_s,
        u"clientsecret"_s, u"password"_s, u"passwd"_s, u"secret"_s, u"token"_s, u"apikey"_s, u"xapikey"_s,
        u"authorization"_s, u"proxyauthorization"_s, u"cookie"_s, u"setcookie"_s, u"assertion"_s,
        u"clientassertion"_s, u"subjecttoken"_s, u"devicecode"_s, u"usercode"_s, u"sessiontoken"_s,
        u"privatekey"_s, u"oauthtoken"_s, u"oauthtokensecret"_s, u"oauthverifier"_s, u"botaccesstoken"_s,
        u"xintegrationapptoken"_s};
    return names;
}

// name=value&name=value (a percent-encoded query or fragment) with the value of each secret name
// replaced by the placeholder, percent-encoded like the rest.
QString encodedPairs(const QString &encoded)
{
    QStringList pairs = encoded.split(u'&');
    for (QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString name = QUrl::fromPercentEncoding(pair.left(equals).replace(u'+', u' ').toUtf8());
        if (isSecretName(name))
            pair = pair.left(equals + 1) + QString::fromLatin1(QUrl::toPercentEncoding(placeholder()));
    }
    return pairs.join(u'&');
}

// A JSON body redacted and written compact, or nothing when it is not JSON. Invalid UTF-8 is replaced
// first (as the text fallback would): otherwise such a body is redacted as text once and as JSON the
// next time, and the two differ.
std::optional<QByteArray> redactedJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QString::fromUtf8(body).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    const QJsonValue cleaned = json(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
    return cleaned.isArray() ? QJsonDocument(cleaned.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(cleaned.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

QString placeholder()
{
    return u"[redacted]"_s;
}

bool isSecretName(QStringView name)
{
    const QString key = normalized(name);
    if (secretNames().contains(key))
        return true;
    // accessToken, bot_access_token, x-auth-token, client_secret_basic...
    return key.endsWith(u"token"_s) || key.endsWith(u"secret"_s) || key.endsWith(u"password"_s);
}

QString headerValue(QStringView name, QStringView value)
{
    if (!isSecretName(name))
        return text(value.toString());
    // Keep the scheme, which helps support staff ("Bearer" vs "Basic").
    const qsizetype space = value.indexOf(u' ');
    if (space > 0 && space < 16 && normalized(name).endsWith(u"authorization"_s))
        return value.left(space).toString() + u' ' + placeholder();
    return placeholder();
}

QUrl url(const QUrl &input)
{
    QUrl result = input;
    if (!result.password().isEmpty())
        result.setPassword(placeholder());
    // Only the values of secret names change: everything else stays byte for byte (so that redacting
    // again changes nothing, and the URL still says what was sent).
    if (result.hasQuery())
        result.setQuery(encodedPairs(result.query(QUrl::FullyEncoded)), QUrl::StrictMode);
    if (result.hasFragment())
        result.setFragment(encodedPairs(result.fragment(QUrl::FullyEncoded)), QUrl::StrictMode);
    return result;
}

QJsonValue json(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(json(item));
        return array;
    }
    if (!value.isObject())
        return value.isString() ? QJsonValue(text(value.toString())) : value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isSecretName(it.key()) && (it.value().isString() || it.value().isDouble()))
            it.value() = placeholder();
        else
            it.value() = json(it.value());
    }
    return object;
}

QByteArray body(const QByteArray &input, QStringView contentType)
{
    if (input.isEmpty())
        return input;
    const QByteArray trimmed = input.trimmed();
    const bool maybeJson
        = contentType.contains(u"json"_s, Qt::CaseInsensitive) || trimmed.startsWith('{') || trimmed.startsWith('[');
    if (maybeJson) {
        if (const std::optional<QByteArray> redacted = redactedJson(input))
            return *redacted;
    }
    QByteArray result;
    if (contentType.contains(u"x-www-form-urlencoded"_s, Qt::CaseInsensitive)) {
        QList<QByteArray> pairs = input.split('&');
        for (QByteArray &pair : pairs) {
            const qsizetype equals = pair.indexOf('=');
            const QByteArray key = equals < 0 ? pair : pair.left(equals);
            if (equals >= 0 && isSecretName(QUrl::fromPercentEncoding(QByteArray(key).replace('+', ' '))))
                pair = key + '=' + placeholder().toUtf8();
        }
        result = pairs.join('&');
    } else {
        result = text(QString::fromUtf8(input)).toUtf8();
    }
    // Damaged JSON redacted as text can come out as valid JSON (the damage was in what was removed):
    // then it is redacted as JSON now, as it would be on the next pass, so that a second pass changes
    // nothing.
    if (maybeJson) {
        if (const std::optional<QByteArray> redacted = redactedJson(result))
            return *redacted;
    }
    return result;
}

QByteArray bodyExcerpt(const QByteArray &input, QStringView contentType, qsizetype limit)
{
    QByteArray redacted = body(input, contentType);
    if (redacted.size() <= limit)
        return redacted;
    const qsizetype more = redacted.size() - limit;
    redacted.truncate(limit);
    return redacted + "\n[" + QByteArray::number(more) + " more bytes]";
}

QString text(const QString &input)
{
    // name=value (query strings, form bodies, log text) and "name": "value" (JSON text). A name starts
    // where a run of name characters starts and is at most 256 long: otherwise every position inside
    // a long run (a base64 blob) would scan the rest of the run again, quadratic in its length. The
    // value's quantifiers are possessive: a long quoted value would otherwise exhaust the pattern
    // engine's stack, which ends the search early and leaves the secrets after it in place. A quoted
    // value still open at the end of the text (a cut body) counts as a value.
    static const QRegularExpression pair(
        uR"re((["']?)(?<![A-Za-z0-9_\-])([A-Za-z][A-Za-z0-9_\-]{0,255})\1(\s*[:=]\s*)("(?:[^"\\]++|\\.)*+(?:"|$)|'(?:[^'\\]++|\\.)*+(?:'|$)|[^\s&,;"'}\]]++))re"_s);
    // A credential after an auth scheme; it must contain a digit so that "token endpoint" stays.
    static const QRegularExpression scheme(
        uR"re(\b(Bearer|Basic|Token|token)\s+(?=[A-Za-z0-9\-._~+/=]*\d)[A-Za-z0-9\-._~+/=]{6,}+)re"_s);
    static const QRegularExpression jwt(uR"re(\beyJ[A-Za-z0-9_\-]{5,}+\.eyJ[A-Za-z0-9_\-]{5,}+\.[A-Za-z0-9_\-]*+)re"_s);

    static const QRegularExpression schemeWord(u"^(Bearer|Basic|Token|token)$"_s);

    // Each match() would check the whole subject for valid UTF-16 again (quadratic over many pairs):
    // check once, with lone surrogates (which the patterns cannot take) replaced first.
    QString subject = input;
    if (!QStringView(subject).isValidUtf16()) {
        for (qsizetype i = 0; i < subject.size(); ++i) {
            const QChar c = subject.at(i);
            if (c.isHighSurrogate() && i + 1 < subject.size() && subject.at(i + 1).isLowSurrogate())
                ++i;
            else if (c.isSurrogate())
                subject[i] = QChar::ReplacementCharacter;
        }
    }
    const QString &checked = subject;
    constexpr auto unchecked = QRegularExpression::DontCheckSubjectStringMatchOption;

    QString result;
    result.reserve(checked.size());
    qsizetype last = 0;
    qsizetype position = 0;
    // Matches may overlap ("failed: refresh_token=x"), so a pair whose name is not secret only
    // moves the search past its name.
    for (QRegularExpressionMatch match = pair.match(checked, position, QRegularExpression::NormalMatch, unchecked);
         match.hasMatch(); match = pair.match(checked, position, QRegularExpression::NormalMatch, unchecked)) {
        const QStringView value = match.capturedView(4);
        // Already redacted: the value pattern stops before the placeholder's ']', and replacing what
        // it caught would leave that ']' behind, once more on every pass.
        if (QStringView(checked).mid(match.capturedStart(4)).startsWith(placeholder())) {
            position = match.capturedStart(4) + placeholder().size();
            continue;
        }
        const bool quoted = value.startsWith(u'"') || value.startsWith(u'\'');
        bool isNumber = false;
        (void)value.toDouble(&isNumber);
        // Numbers stay (`"code": 401` is a status); "Authorization: Bearer x" is left to `scheme`.
        if (!isSecretName(match.capturedView(2)) || (isNumber && !quoted) || schemeWord.match(value).hasMatch()) {
            position = match.capturedEnd(2);
            continue;
        }
        result += QStringView(checked).mid(last, match.capturedStart(4) - last);
        result += quoted ? value.front() + placeholder() + value.front() : placeholder();
        last = position = match.capturedEnd(4);
    }
    result += QStringView(checked).mid(last);
    result.replace(scheme, u"\\1 "_s + placeholder());
    result.replace(jwt, placeholder());
    return result;
}

} // namespace Authdesk::Redaction
