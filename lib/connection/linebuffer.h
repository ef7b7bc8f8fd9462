#pragma once

#include <QByteArray>
#include <QList>

namespace Authdesk {

// Splits a byte stream into '\n'-terminated lines (a trailing '\r' is dropped), however the stream
// was cut into reads, and refuses to hold more than `maximumLength` bytes of an unfinished line, so
// that a peer that never sends a newline cannot make the reader grow without bound.
//
//     LineBuffer lines(64 * 1024);
//     for (const QByteArray &line : lines.append(socket->readAll())) handle(line);
//     if (lines.overflowed()) { reply "line too long"; close; }
class LineBuffer
{
public:
    explicit LineBuffer(qsizetype maximumLength);

    // The complete lines in `data` (plus what was buffered), without their terminators. After an
    // overflow nothing more is returned.
    QList<QByteArray> append(const QByteArray &data);
    bool overflowed() const { return m_overflowed; }
    // Bytes of an unfinished line.
    qsizetype pending() const { return m_buffer.size(); }

private:
    qsizetype m_maximumLength;
    QByteArray m_buffer;
    bool m_overflowed = false;
};

} // namespace Authdesk
