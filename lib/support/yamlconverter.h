#pragma once

#include "diagnostic.h"

#include <QJsonValue>
#include <QString>

namespace YAML {
class Node;
}

namespace Authdesk {

// Turns yaml-cpp nodes into JSON values the way the connector platform's YAML reader (YAML 1.2 core
// schema) types them: plain `true`, `12`, `1.5`, `null`, `~` become booleans, numbers and null;
// quoted scalars stay strings. Problems (duplicate keys, runaway alias expansion, complex keys)
// become located diagnostics instead of wrong data.
class YamlConverter
{
public:
    explicit YamlConverter(QString fileName);

    QJsonValue toJson(const YAML::Node &node);
    QJsonValue scalarToJson(const YAML::Node &node) const;

    // 1-based position of a node, or 0 for nodes without a mark (nodes created in memory).
    static int line(const YAML::Node &node);
    static int column(const YAML::Node &node);
    // A short description of the node's type for messages: "a string", "a list", ...
    static QString describe(const YAML::Node &node);

    // Counts a node against the budget of this converter (one file): aliases can expand a small
    // file into a huge tree ("billion laughs") or nest without end. False, reported once, when over.
    bool enterNode(const YAML::Node &node, int depth);

    void addDiagnostic(
        const YAML::Node &node, DiagnosticKind kind, const QString &message, Severity severity = Severity::Error);
    void addDiagnosticAt(
        int line, int column, DiagnosticKind kind, const QString &message, Severity severity = Severity::Error);
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    Diagnostics takeDiagnostics() { return std::exchange(m_diagnostics, {}); }
    const QString &fileName() const { return m_fileName; }

private:
    QJsonValue convert(const YAML::Node &node, int depth);

    QString m_fileName;
    Diagnostics m_diagnostics;
    qsizetype m_visitedNodes = 0;
    bool m_limitReported = false;
};

} // namespace Authdesk
