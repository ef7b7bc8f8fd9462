#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

// application/x-www-form-urlencoded, as the token, refresh and revocation endpoints decode it
// (RFC 6749 Appendix B), and HTTP Basic client authentication (RFC 6749 §2.3.1).
//
// Encoding percent-encodes every byte of the UTF-8 value except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~); a space becomes %20. Form decoders read %20 and '+' alike, and %20 also
// survives a server that only percent-decodes. `+ / = & %` are always encoded: QUrlQuery leaves '+'
// alone, which servers decode as a space (oauth-standards-and-qt.md check 8):
//     refresh token r+t/1==  ->  refresh_token=r%2Bt%2F1%3D%3D
namespace Authdesk::FormEncoding {

using Fields = QList<std::pair<QString, QString>>;

// One name or value.
QByteArray encodeComponent(QStringView value);
// name=value pairs joined with '&', in the given order.
QByteArray encode(const Fields &fields);
// The reverse: '+' is a space, %XX a byte, the bytes UTF-8. Empty segments are skipped; a segment
// without '=' is a name with an empty value. Malformed escapes are kept literally.
Fields decode(QByteArrayView body);

// `Basic base64(encode(clientId) ":" encode(clientSecret))` for the Authorization header. Each part is
// form-encoded first (RFC 6749 §2.3.1), so a ':' in the id cannot split it:
//     id "my id+1", secret "s+cr&t="  ->  Basic bXklMjBpZCUyQjE6cyUyQmNyJTI2dCUzRA==
QByteArray basicAuthorization(QStringView clientId, QStringView clientSecret);

} // namespace Authdesk::FormEncoding
