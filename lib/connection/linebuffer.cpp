#include "linebuffer.h"

namespace Authdesk {

LineBuffer::LineBuffer(qsizetype maximumLength)
    : m_maximumLength(maximumLength)
{
}

QList<QByteArray> LineBuffer::append(const QByteArray &data)
{
    QList<QByteArray> lines;
    if (m_overflowed)
        return lines;
    m_buffer.append(data);
    qsizetype start = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        if (end - start > m_maximumLength) {
            m_overflowed = true;
            m_buffer.clear();
            return lines;
        }
        QByteArray line = m_buffer.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = end + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > m_maximumLength) {
        m_overflowed = true;
        m_buffer.clear();
    }
    return lines;
}

} // namespace Authdesk
