#include "loopbackrequestparser.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Visible ASCII: what a browser puts into a request target (everything else is percent-encoded).
bool isTargetChar(char c)
{
    return c > 0x20 && c < 0x7f;
}

// Field values: visible characters, spaces, tabs and obs-text; no other control characters.
bool isFieldValueChar(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Comma-separated tokens of a field value, compared case-insensitively (Connection: keep-alive, Upgrade).
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &part : value.toByteArray().split(',')) {
        if (trimmed(part).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray LoopbackRequestParser::Request::path() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? target : target.left(mark);
}

QByteArray LoopbackRequestParser::Request::query() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? QByteArray() : target.mid(mark + 1);
}

QByteArray LoopbackRequestParser::Request::header(QByteArrayView lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return QByteArray();
}

bool LoopbackRequestParser::Request::hasHeader(QByteArrayView lowerCaseName) const
{
    for (const auto &field : headers) {
        if (field.first == lowerCaseName)
            return true;
    }
    return false;
}

bool LoopbackRequestParser::Request::wantsKeepAlive() const
{
    const QByteArray connection = header("connection");
    if (minorVersion == 0)
        return hasToken(connection, "keep-alive");
    return !hasToken(connection, "close");
}

bool LoopbackRequestParser::Request::hasBody() const
{
    if (hasHeader("transfer-encoding"))
        return true;
    const QByteArray length = header("content-length");
    return !length.isEmpty() && length.toLongLong() != 0;
}

LoopbackRequestParser::LoopbackRequestParser()
    : LoopbackRequestParser(Limits())
{
}

LoopbackRequestParser::LoopbackRequestParser(Limits limits)
    : m_limits(limits)
{
}

int LoopbackRequestParser::errorStatusCode() const
{
    switch (m_problem) {
    case Problem::None:
    case Problem::Malformed:
        return 400;
    case Problem::UriTooLong:
        return 414;
    case Problem::HeadersTooLarge:
        return 431;
    case Problem::VersionNotSupported:
        return 505;
    }
    return 400;
}

LoopbackRequestParser::Status LoopbackRequestParser::feed(QByteArrayView bytes)
{
    if (m_status == Status::Error)
        return m_status;
    m_buffer.append(bytes.data(), bytes.size());
    if (m_status == Status::Complete)
        return m_status;
    return processLines();
}

LoopbackRequestParser::Status LoopbackRequestParser::reset()
{
    const Limits limits = m_limits;
    const QByteArray remainder = m_status == Status::Complete ? m_buffer : QByteArray();
    *this = LoopbackRequestParser(limits);
    return feed(remainder);
}

LoopbackRequestParser::Status LoopbackRequestParser::fail(Problem problem, const QString &text)
{
    m_status = Status::Error;
    m_problem = problem;
    m_problemText = text;
    m_buffer.clear();
    return m_status;
}

LoopbackRequestParser::Status LoopbackRequestParser::processLines()
{
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', m_scanned);
        if (newline < 0) {
            m_scanned = m_buffer.size();
            // Enforce the limits on an unfinished line too, so that a client that never sends a
            // newline cannot make the buffer grow without bound.
            if (!m_haveRequestLine && m_buffer.size() > m_limits.maxRequestLineBytes)
                return fail(Problem::UriTooLong,
                    u"the request line is longer than %1 bytes"_s.arg(m_limits.maxRequestLineBytes));
            if (m_headBytes + m_buffer.size() > m_limits.maxHeadBytes)
                return fail(
                    Problem::HeadersTooLarge, u"the request head is longer than %1 bytes"_s.arg(m_limits.maxHeadBytes));
            return m_status;
        }
        const qsizetype lineBytes = newline + 1;
        QByteArrayView line(m_buffer.constData(), newline);
        if (line.endsWith('\r'))
            line.chop(1);
        // The same measure as for an unfinished line (its bytes before '\n'), so that the verdict does
        // not depend on how the bytes were cut.
        if (!m_haveRequestLine && newline > m_limits.maxRequestLineBytes)
            return fail(
                Problem::UriTooLong, u"the request line is longer than %1 bytes"_s.arg(m_limits.maxRequestLineBytes));
        if (m_headBytes + lineBytes > m_limits.maxHeadBytes)
            return fail(
                Problem::HeadersTooLarge, u"the request head is longer than %1 bytes"_s.arg(m_limits.maxHeadBytes));

        bool complete = false;
        if (!m_haveRequestLine) {
            if (line.isEmpty()) {
                // RFC 9112 §2.2: ignore an empty line or two before the request line.
                if (++m_leadingEmptyLines > 4)
                    return fail(Problem::Malformed, u"empty lines instead of a request line"_s);
            } else if (!parseRequestLine(line)) {
                return m_status;
            }
        } else if (line.isEmpty()) {
            if (!checkFraming())
                return m_status;
            complete = true;
        } else if (!parseHeaderLine(line)) {
            return m_status;
        }
        m_headBytes += lineBytes;
        m_buffer.remove(0, lineBytes);
        m_scanned = 0;
        if (complete) {
            m_status = Status::Complete;
            return m_status;
        }
    }
}

bool LoopbackRequestParser::parseRequestLine(QByteArrayView line)
{
    // method SP request-target SP HTTP-version, single spaces (RFC 9112 §3).
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace) {
        fail(Problem::Malformed, u"the request line is not \"METHOD target HTTP/1.1\""_s);
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method) || method.size() > 32) {
        fail(Problem::Malformed, u"the request method is not a token"_s);
        return false;
    }
    if (target.isEmpty() || target.front() != '/') {
        fail(Problem::Malformed, u"the request target is not a path (origin-form)"_s);
        return false;
    }
    for (const char c : target) {
        if (!isTargetChar(c)) {
            fail(Problem::Malformed, u"the request target has a space, control or non-ASCII character"_s);
            return false;
        }
    }
    if (version == "HTTP/1.1" || version == "HTTP/1.0") {
        m_request.minorVersion = version.back() - '0';
    } else if (version.startsWith("HTTP/") && version.size() >= 6 && version.at(5) >= '0' && version.at(5) <= '9') {
        fail(Problem::VersionNotSupported, u"only HTTP/1.0 and HTTP/1.1 are served"_s);
        return false;
    } else {
        fail(Problem::Malformed, u"the request line has no HTTP version"_s);
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    m_haveRequestLine = true;
    return true;
}

bool LoopbackRequestParser::parseHeaderLine(QByteArrayView line)
{
    if (line.front() == ' ' || line.front() == '\t') {
        fail(Problem::Malformed, u"obsolete line folding in the header fields"_s);
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    // No whitespace between name and colon (RFC 9112 §5.1).
    if (colon <= 0 || !isToken(line.first(colon))) {
        fail(Problem::Malformed, u"a header line is not \"Name: value\""_s);
        return false;
    }
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    for (const char c : value) {
        if (!isFieldValueChar(c)) {
            fail(Problem::Malformed, u"a header value has a control character"_s);
            return false;
        }
    }
    if (m_request.headers.size() >= m_limits.maxHeaderCount) {
        fail(Problem::HeadersTooLarge, u"more than %1 header fields"_s.arg(m_limits.maxHeaderCount));
        return false;
    }
    m_request.headers.append({line.first(colon).toByteArray().toLower(), value.toByteArray()});
    return true;
}

bool LoopbackRequestParser::checkFraming()
{
    // A request whose length is ambiguous is refused rather than guessed (RFC 9112 §6.3).
    QByteArray length;
    for (const auto &[name, value] : m_request.headers) {
        if (name != "content-length")
            continue;
        bool digits = !value.isEmpty() && value.size() <= 18;
        for (const char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (!digits || (!length.isNull() && length != value)) {
            fail(Problem::Malformed, u"an invalid or repeated Content-Length"_s);
            return false;
        }
        length = value;
    }
    if (!length.isNull() && m_request.hasHeader("transfer-encoding")) {
        fail(Problem::Malformed, u"both Content-Length and Transfer-Encoding"_s);
        return false;
    }
    if (m_request.minorVersion == 1 && !m_request.hasHeader("host")) {
        fail(Problem::Malformed, u"an HTTP/1.1 request without Host"_s);
        return false;
    }
    return true;
}

} // namespace Authdesk
