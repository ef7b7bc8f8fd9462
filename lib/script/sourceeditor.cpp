#include "sourceeditor.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

SourceEditor::SourceEditor(const QString &original)
    : m_original(original)
{
}

int SourceEditor::insert(qsizetype offset, const QString &text, Side side, int sequence, qsizetype anchor)
{
    Insertion insertion;
    insertion.offset = std::clamp<qsizetype>(offset, 0, m_original.size());
    insertion.side = side;
    insertion.sequence = sequence >= 0 ? sequence : m_sequence++;
    insertion.registration = m_registration++;
    insertion.anchor = anchor >= 0 ? std::min(anchor, m_original.size()) : insertion.offset;
    insertion.text = text;
    m_insertions.append(insertion);
    return int(m_insertions.size() - 1);
}

void SourceEditor::setText(int insertion, const QString &text)
{
    if (insertion >= 0 && insertion < m_insertions.size() && m_insertions.at(insertion).move < 0)
        m_insertions[insertion].text = text;
}

void SourceEditor::replace(qsizetype start, qsizetype end, const QString &text)
{
    start = std::clamp<qsizetype>(start, 0, m_original.size());
    end = std::clamp<qsizetype>(end, start, m_original.size());
    if (start == end) {
        if (!text.isEmpty())
            insert(start, text);
        return;
    }
    m_replacements.append({start, end, m_sequence++, text});
}

void SourceEditor::move(qsizetype start, qsizetype end, qsizetype destination, Side side, int sequence)
{
    start = std::clamp<qsizetype>(start, 0, m_original.size());
    end = std::clamp<qsizetype>(end, start, m_original.size());
    if (start == end || (destination > start && destination < end))
        return;
    const int boundary = m_sequence++;
    m_moves.append({start, end, boundary});
    Insertion insertion;
    insertion.offset = std::clamp<qsizetype>(destination, 0, m_original.size());
    insertion.side = side;
    insertion.sequence = sequence >= 0 ? sequence : boundary;
    insertion.registration = m_registration++;
    insertion.move = int(m_moves.size() - 1);
    m_insertions.append(insertion);
}

// Renders ranges of the original with the edits inside them; see the rules in sourceeditor.h.
class SourceEditor::Renderer
{
public:
    Renderer(const SourceEditor &editor)
        : m_original(editor.m_original)
        , m_insertions(editor.m_insertions)
        , m_replacements(editor.m_replacements)
        , m_moves(editor.m_moves)
        , m_rendering(editor.m_moves.size(), false)
    {
        std::stable_sort(m_insertions.begin(), m_insertions.end(), [](const Insertion &a, const Insertion &b) {
            if (a.offset != b.offset)
                return a.offset < b.offset;
            if (a.side != b.side)
                return a.side == Side::After;
            if (a.sequence != b.sequence)
                return a.side == Side::After ? a.sequence > b.sequence : a.sequence < b.sequence;
            return a.registration < b.registration;
        });
        const auto byRange = [](const auto &a, const auto &b) {
            if (a.start != b.start)
                return a.start < b.start;
            if (a.end != b.end)
                return a.end > b.end;
            return a.sequence < b.sequence;
        };
        // Keep the move indices of the insertions valid: sort an index list.
        m_moveOrder.resize(m_moves.size());
        for (qsizetype i = 0; i < m_moves.size(); ++i)
            m_moveOrder[i] = int(i);
        std::stable_sort(m_moveOrder.begin(), m_moveOrder.end(),
            [&](int a, int b) { return byRange(m_moves.at(a), m_moves.at(b)); });
        std::stable_sort(m_replacements.begin(), m_replacements.end(), byRange);
    }

    Output run()
    {
        render(0, m_original.size(), -1, -1);
        return {m_text, SourcePositionMap(m_original, m_text, std::move(m_segments))};
    }

private:
    void copy(qsizetype from, qsizetype to)
    {
        if (to <= from)
            return;
        if (!m_segments.isEmpty()) {
            SourcePositionMap::Segment &last = m_segments.last();
            if (last.copied && last.originalStart + last.length == from) {
                last.length += to - from;
                m_text += QStringView(m_original).mid(from, to - from);
                return;
            }
        }
        m_segments.append({m_text.size(), from, to - from, true});
        m_text += QStringView(m_original).mid(from, to - from);
    }

    void synthesize(const QString &text, qsizetype anchor)
    {
        if (text.isEmpty())
            return;
        m_segments.append({m_text.size(), anchor, text.size(), false});
        m_text += text;
    }

    void emitInsertion(const Insertion &insertion)
    {
        if (insertion.move < 0) {
            synthesize(insertion.text, insertion.anchor >= 0 ? insertion.anchor : insertion.offset);
            return;
        }
        const int index = insertion.move;
        if (m_rendering.at(index))
            return;
        const Move &move = m_moves.at(index);
        m_rendering[index] = true;
        render(move.start, move.end, move.sequence, index);
        m_rendering[index] = false;
    }

    qsizetype firstInsertion(qsizetype offset) const
    {
        return std::lower_bound(m_insertions.cbegin(), m_insertions.cend(), offset,
                   [](const Insertion &i, qsizetype o) { return i.offset < o; })
            - m_insertions.cbegin();
    }

    // Renders [a, b). `context` is the sequence of the move being rendered (-1 at the top level):
    // insertions at `a` and `b` registered before it belong to the outside.
    void render(qsizetype a, qsizetype b, int context, int currentMove)
    {
        const bool top = currentMove < 0;
        qsizetype ii = firstInsertion(a);
        qsizetype ri = std::lower_bound(m_replacements.cbegin(), m_replacements.cend(), a,
                           [](const Replacement &r, qsizetype o) { return r.start < o; })
            - m_replacements.cbegin();
        qsizetype mi = std::lower_bound(m_moveOrder.cbegin(), m_moveOrder.cend(), a, [this](int m, qsizetype o) {
            return m_moves.at(m).start < o;
        }) - m_moveOrder.cbegin();
        const qsizetype insertionCount = m_insertions.size();
        const qsizetype replacementCount = m_replacements.size();
        const qsizetype moveCount = m_moveOrder.size();
        qsizetype pos = a;
        qsizetype movedEndAt = -1;
        int movedEndSequence = -1;
        for (;;) {
            qsizetype next = b;
            if (ii < insertionCount)
                next = std::min(next, m_insertions.at(ii).offset);
            if (ri < replacementCount)
                next = std::min(next, m_replacements.at(ri).start);
            if (mi < moveCount)
                next = std::min(next, m_moves.at(m_moveOrder.at(mi)).start);
            next = std::max(next, pos);
            copy(pos, next);
            if (next != pos)
                movedEndAt = -1;
            pos = next;
            const bool atEnd = pos >= b;

            // Closing text first.
            while (
                ii < insertionCount && m_insertions.at(ii).offset == pos && m_insertions.at(ii).side == Side::After) {
                const Insertion &insertion = m_insertions.at(ii++);
                if (!top && pos == a && !atEnd)
                    continue; // closes something that ends where this range starts: outside
                if (movedEndAt == pos && insertion.sequence > movedEndSequence)
                    continue; // inside the move that ended here
                if (!top && atEnd && insertion.sequence <= context)
                    continue;
                emitInsertion(insertion);
            }
            if (atEnd) {
                if (top) {
                    while (ii < insertionCount && m_insertions.at(ii).offset == pos)
                        emitInsertion(m_insertions.at(ii++));
                }
                break;
            }

            // A move starting here (the outermost one that is inside this range).
            int chosen = -1;
            while (mi < moveCount && m_moves.at(m_moveOrder.at(mi)).start == pos) {
                const int index = m_moveOrder.at(mi);
                const Move &move = m_moves.at(index);
                if (chosen < 0 && move.sequence > context && !m_rendering.at(index) && move.end <= b)
                    chosen = index;
                if (chosen >= 0)
                    break;
                ++mi;
            }
            // Opening text.
            while (ii < insertionCount && m_insertions.at(ii).offset == pos) {
                const Insertion &insertion = m_insertions.at(ii++);
                if (!top && pos == a && insertion.sequence <= context)
                    continue;
                if (chosen >= 0 && insertion.sequence > m_moves.at(chosen).sequence)
                    continue; // rendered with the move
                emitInsertion(insertion);
            }
            if (chosen >= 0) {
                const Move &move = m_moves.at(chosen);
                pos = move.end;
                movedEndAt = pos;
                movedEndSequence = move.sequence;
                while (ii < insertionCount && m_insertions.at(ii).offset < pos)
                    ++ii;
                while (ri < replacementCount && m_replacements.at(ri).start < pos)
                    ++ri;
                while (mi < moveCount && m_moves.at(m_moveOrder.at(mi)).start < pos)
                    ++mi;
                continue;
            }
            if (ri < replacementCount && m_replacements.at(ri).start == pos) {
                const Replacement &replacement = m_replacements.at(ri);
                const qsizetype end = std::min(replacement.end, b);
                synthesize(replacement.text, replacement.start);
                pos = end;
                movedEndAt = -1;
                while (ii < insertionCount && m_insertions.at(ii).offset < pos)
                    ++ii;
                while (ri < replacementCount && m_replacements.at(ri).start < pos)
                    ++ri;
                while (mi < moveCount && m_moves.at(m_moveOrder.at(mi)).start < pos)
                    ++mi;
                continue;
            }
        }
    }

    const QString &m_original;
    QList<Insertion> m_insertions;
    QList<Replacement> m_replacements;
    const QList<Move> &m_moves;
    QList<int> m_moveOrder;
    QList<bool> m_rendering;
    QString m_text;
    QList<SourcePositionMap::Segment> m_segments;
};

SourceEditor::Output SourceEditor::apply() const
{
    if (!hasEdits())
        return {m_original, SourcePositionMap::identity(m_original)};
    return Renderer(*this).run();
}

} // namespace Authdesk
