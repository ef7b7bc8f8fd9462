#include "sourcepositionmap.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\v' || c == u'\f' || c == QChar(0xA0) || c == QChar(0xFEFF);
}

// The index of the line holding `offset` in a list of line starts.
qsizetype lineIndex(const QList<qsizetype> &starts, qsizetype offset)
{
    const auto it = std::upper_bound(starts.cbegin(), starts.cend(), offset);
    return std::max<qsizetype>(0, (it - starts.cbegin()) - 1);
}

} // namespace

QList<qsizetype> SourcePositionMap::lineStarts(QStringView text)
{
    QList<qsizetype> starts {0};
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (c == u'\r') {
            if (i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            starts.append(i + 1);
        } else if (c == u'\n' || c == QChar(0x2028) || c == QChar(0x2029)) {
            starts.append(i + 1);
        }
    }
    return starts;
}

SourcePositionMap SourcePositionMap::identity(const QString &text)
{
    SourcePositionMap map(text, text, {Segment {0, 0, text.size(), true}});
    map.m_identity = true;
    return map;
}

SourcePositionMap::SourcePositionMap(const QString &original, const QString &output, QList<Segment> segments)
    : m_original(original)
    , m_originalLines(lineStarts(original))
    , m_outputLines(lineStarts(output))
    , m_outputLength(output.size())
    , m_segments(std::move(segments))
{
    m_identity = original == output && m_segments.size() <= 1;
}

qsizetype SourcePositionMap::originalOffset(qsizetype outputOffset) const
{
    if (m_segments.isEmpty())
        return std::clamp<qsizetype>(outputOffset, 0, m_original.size());
    outputOffset = std::clamp<qsizetype>(outputOffset, 0, m_outputLength);
    auto it = std::upper_bound(m_segments.cbegin(), m_segments.cend(), outputOffset,
        [](qsizetype offset, const Segment &segment) { return offset < segment.outputStart; });
    if (it != m_segments.cbegin())
        --it;
    const Segment &segment = *it;
    if (!segment.copied)
        return segment.originalStart;
    return std::clamp<qsizetype>(segment.originalStart + (outputOffset - segment.outputStart), 0, m_original.size());
}

SourceLocation SourcePositionMap::originalLocationOfOffset(qsizetype offset) const
{
    offset = std::clamp<qsizetype>(offset, 0, m_original.size());
    const qsizetype line = lineIndex(m_originalLines, offset);
    return {int(line + 1), int(offset - m_originalLines.at(line) + 1)};
}

SourceLocation SourcePositionMap::outputLocationOfOffset(qsizetype offset) const
{
    offset = std::clamp<qsizetype>(offset, 0, m_outputLength);
    const qsizetype line = lineIndex(m_outputLines, offset);
    return {int(line + 1), int(offset - m_outputLines.at(line) + 1)};
}

qsizetype SourcePositionMap::outputOffset(SourceLocation output) const
{
    const qsizetype line = std::clamp<qsizetype>(output.line - 1, 0, m_outputLines.size() - 1);
    const qsizetype lineEnd = line + 1 < m_outputLines.size() ? m_outputLines.at(line + 1) : m_outputLength;
    return std::clamp<qsizetype>(
        m_outputLines.at(line) + std::max(0, output.column - 1), m_outputLines.at(line), lineEnd);
}

SourceLocation SourcePositionMap::originalLocation(SourceLocation output) const
{
    if (!output.isValid())
        return {};
    if (output.line > m_outputLines.size())
        return originalLocationOfOffset(m_original.size());
    if (output.column > 0)
        return originalLocationOfOffset(originalOffset(outputOffset(output)));
    // Only the line is known: the first copied, non-blank character on it.
    const qsizetype line = output.line - 1;
    const qsizetype lineStart = m_outputLines.at(line);
    const qsizetype lineEnd = line + 1 < m_outputLines.size() ? m_outputLines.at(line + 1) : m_outputLength;
    auto it = std::upper_bound(m_segments.cbegin(), m_segments.cend(), lineStart,
        [](qsizetype offset, const Segment &segment) { return offset < segment.outputStart; });
    if (it != m_segments.cbegin())
        --it;
    std::optional<qsizetype> fallback;
    for (; it != m_segments.cend() && it->outputStart < lineEnd; ++it) {
        const qsizetype from = std::max(lineStart, it->outputStart);
        const qsizetype to = std::min(lineEnd, it->outputStart + it->length);
        if (from >= to)
            continue;
        if (!it->copied) {
            if (!fallback)
                fallback = it->originalStart;
            continue;
        }
        for (qsizetype o = from; o < to; ++o) {
            const qsizetype original = it->originalStart + (o - it->outputStart);
            const QChar c = original < m_original.size() ? m_original.at(original) : QChar();
            if (!isSpace(c) && c != u'\n' && c != u'\r')
                return originalLocationOfOffset(original);
            if (!fallback)
                fallback = original;
        }
    }
    if (fallback)
        return {originalLocationOfOffset(*fallback).line, 0};
    return {output.line, 0};
}

QByteArray SourcePositionMap::serialize() const
{
    QByteArray data;
    QDataStream stream(&data, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << quint32(1) << quint32(m_segments.size());
    for (const Segment &segment : m_segments)
        stream << qint64(segment.outputStart) << qint64(segment.originalStart) << qint64(segment.length)
               << segment.copied;
    return data;
}

std::optional<SourcePositionMap> SourcePositionMap::deserialize(
    const QString &original, const QString &output, const QByteArray &data)
{
    QDataStream stream(data);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 version = 0;
    quint32 count = 0;
    stream >> version >> count;
    if (version != 1 || stream.status() != QDataStream::Ok || count > quint32(output.size()) + 1)
        return std::nullopt;
    QList<Segment> segments;
    segments.reserve(count);
    qsizetype expected = 0;
    for (quint32 i = 0; i < count; ++i) {
        qint64 outputStart = 0;
        qint64 originalStart = 0;
        qint64 length = 0;
        bool copied = false;
        stream >> outputStart >> originalStart >> length >> copied;
        if (stream.status() != QDataStream::Ok || outputStart != expected || length < 0 || originalStart < 0
            || originalStart > original.size() || (copied && originalStart + length > original.size()))
            return std::nullopt;
        segments.append({qsizetype(outputStart), qsizetype(originalStart), qsizetype(length), copied});
        expected += length;
    }
    if (expected != output.size())
        return std::nullopt;
    return SourcePositionMap(original, output, std::move(segments));
}

} // namespace Authdesk
