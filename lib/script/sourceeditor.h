#pragma once

#include "sourcepositionmap.h"

#include <QList>
#include <QString>

namespace Authdesk {

// Edits on a source text, addressed by offsets in the ORIGINAL text, applied all at once into a
// new text plus a SourcePositionMap from the new text back to the original. Text that no edit
// touches is copied as it is, so unchanged code keeps its exact characters (and its lines, as long
// as the edits add no line breaks).
//
//  - insert(offset, text, side): text at a point. Several insertions at one offset are ordered by
//    side and registration: all `After` ones first, the later-registered first (closing text of
//    nested constructs: the inner one closes first), then all `Before` ones in registration order
//    (opening text: the outer one opens first). Register outer constructs before inner ones.
//  - replace(start, end, text) / remove(start, end): a replaced range swallows every edit strictly
//    inside it; insertions at its ends stay outside. Replacements may nest but not partly overlap.
//  - move(start, end, destination): the range, with all the edits inside it, is rendered at the
//    destination (an insertion point, ordered like insert()) instead of in its place. Insertions at
//    the range's ends belong to it when they were registered after the move.
//
//     SourceEditor editor(source);
//     editor.replace(awaitStart, awaitStart + 5, u"(yield"_s);
//     editor.insert(operandEnd, u")"_s, SourceEditor::Side::After);
//     const SourceEditor::Output output = editor.apply();
class SourceEditor
{
public:
    enum class Side : quint8 {
        Before, // opening text: goes after the closing text at the same offset, outer first
        After, // closing text: inner first
    };

    explicit SourceEditor(const QString &original);

    const QString &original() const { return m_original; }

    // Returns an id for setText(): an insertion can be registered early (for its place in the
    // order) and filled in later. `sequence` (from reserveSequence()) orders a group of insertions
    // as if they had all been registered at the time it was reserved; within the group they keep
    // their registration order, on either side.
    // `anchor` (default: `offset`) is the original position the inserted text maps back to.
    int insert(
        qsizetype offset, const QString &text, Side side = Side::Before, int sequence = -1, qsizetype anchor = -1);
    void setText(int insertion, const QString &text);
    void replace(qsizetype start, qsizetype end, const QString &text);
    void remove(qsizetype start, qsizetype end) { replace(start, end, QString()); }
    void move(qsizetype start, qsizetype end, qsizetype destination, Side side = Side::Before, int sequence = -1);
    int reserveSequence() { return m_sequence++; }

    bool hasEdits() const { return !m_insertions.isEmpty() || !m_replacements.isEmpty(); }

    struct Output
    {
        QString text;
        SourcePositionMap map;
    };
    Output apply() const;

private:
    struct Insertion
    {
        qsizetype offset = 0;
        Side side = Side::Before;
        int sequence = 0;
        int registration = 0; // order within a group sharing a sequence
        int move = -1; // index into m_moves for a move's destination
        qsizetype anchor = -1;
        QString text;
    };
    struct Replacement
    {
        qsizetype start = 0;
        qsizetype end = 0;
        int sequence = 0;
        QString text;
    };
    struct Move
    {
        qsizetype start = 0;
        qsizetype end = 0;
        int sequence = 0; // when it was registered: insertions at its ends registered later are inside
    };
    class Renderer;

    QString m_original;
    QList<Insertion> m_insertions;
    QList<Replacement> m_replacements;
    QList<Move> m_moves;
    int m_sequence = 0;
    int m_registration = 0;
};

} // namespace Authdesk
