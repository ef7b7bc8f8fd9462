#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Authdesk {

// A position in a text: 1-based line and UTF-16 column; 0 when unknown.
struct SourceLocation
{
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
    friend bool operator==(const SourceLocation &a, const SourceLocation &b)
    {
        return a.line == b.line && a.column == b.column;
    }
};

// Maps positions in a generated text (what the source front end hands to the engine) back to the
// original text. The generated text is a sequence of segments, each either copied from the
// original (so every character maps exactly) or synthesized (mapped to the original position it
// was inserted at). Lines end at CR LF, LF, CR, U+2028 and U+2029, as in the lexer and QJSEngine.
//
//     const SourceLocation original = map.originalLocation({outputLine, outputColumn});
//     // with only a line (runtime errors): the first original code on that generated line
//     const SourceLocation line = map.originalLocation({outputLine, 0});
class SourcePositionMap
{
public:
    struct Segment
    {
        qsizetype outputStart = 0;
        qsizetype originalStart = 0; // the copied text's start, or the anchor of synthesized text
        qsizetype length = 0;
        bool copied = false;
    };

    SourcePositionMap() = default;
    // The map of a text to itself.
    static SourcePositionMap identity(const QString &text);
    SourcePositionMap(const QString &original, const QString &output, QList<Segment> segments);

    bool isIdentity() const { return m_identity; }
    const QList<Segment> &segments() const { return m_segments; }

    // The original offset of a generated offset (clamped to the texts).
    qsizetype originalOffset(qsizetype outputOffset) const;
    // The original position of a generated one; with column 0, the first character on that
    // generated line that was copied from the original (skipping whitespace), else the first one.
    SourceLocation originalLocation(SourceLocation output) const;
    SourceLocation originalLocationOfOffset(qsizetype originalOffset) const;
    SourceLocation outputLocationOfOffset(qsizetype outputOffset) const;
    qsizetype outputOffset(SourceLocation output) const;

    // For the disk cache.
    QByteArray serialize() const;
    static std::optional<SourcePositionMap> deserialize(
        const QString &original, const QString &output, const QByteArray &data);

    static QList<qsizetype> lineStarts(QStringView text);

private:
    QString m_original;
    QList<qsizetype> m_originalLines;
    QList<qsizetype> m_outputLines;
    qsizetype m_outputLength = 0;
    QList<Segment> m_segments; // sorted by outputStart, contiguous
    bool m_identity = false;
};

} // namespace Authdesk
