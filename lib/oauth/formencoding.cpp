#include "formencoding.h"

#include <QUrl>

namespace Authdesk::FormEncoding {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QString decodeComponent(QByteArrayView encoded)
{
    QByteArray bytes;
    bytes.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%' && i + 2 < encoded.size() && hexValue(encoded.at(i + 1)) >= 0
            && hexValue(encoded.at(i + 2)) >= 0) {
            bytes.append(char(hexValue(encoded.at(i + 1)) * 16 + hexValue(encoded.at(i + 2))));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    return QString::fromUtf8(bytes);
}

} // namespace

QByteArray encodeComponent(QStringView value)
{
    // QUrl::toPercentEncoding keeps exactly the unreserved set and encodes everything else.
    return QUrl::toPercentEncoding(value.toString());
}

QByteArray encode(const Fields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body.append('&');
        body.append(encodeComponent(name)).append('=').append(encodeComponent(value));
    }
    return body;
}

Fields decode(QByteArrayView body)
{
    Fields fields;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView segment = body.sliced(start, end - start);
        if (!segment.isEmpty()) {
            const qsizetype equals = segment.indexOf('=');
            if (equals < 0)
                fields.append({decodeComponent(segment), QString()});
            else
                fields.append({decodeComponent(segment.first(equals)), decodeComponent(segment.sliced(equals + 1))});
        }
        start = end + 1;
    }
    return fields;
}

QByteArray basicAuthorization(QStringView clientId, QStringView clientSecret)
{
    const QByteArray credentials = encodeComponent(clientId) + ':' + encodeComponent(clientSecret);
    return "Basic " + credentials.toBase64();
}

} // namespace Authdesk::FormEncoding
