#pragma once

#include "expression.h"

#include "support/diagnostic.h"

#include <QByteArray>
#include <QString>

namespace YAML {
class Node;
}

namespace Authdesk {

class YamlConverter;

// Compiles YAML into an Expression and checks every formula where it is written: unknown
// `$`-keys, formulas Authdesk cannot evaluate ($jsonata, platform lookups) and malformed
// arguments become located diagnostics when the connector loads, not wrong values later.
class ExpressionCompiler
{
public:
    explicit ExpressionCompiler(YamlConverter &converter);

    Expression compile(const YAML::Node &node);

    struct Compiled
    {
        Expression expression;
        Diagnostics diagnostics;
    };
    // Parses YAML text (a `.map.yml` file or a test fixture) and compiles it.
    static Compiled compileText(const QByteArray &yamlText, const QString &fileName);

private:
    Expression compileNode(const YAML::Node &node, int depth);
    Expression compileFormula(Formula formula, const YAML::Node &keyNode, const YAML::Node &node, int depth);
    void checkFormulaArgument(
        Formula formula, const YAML::Node &keyNode, const YAML::Node &argument, const YAML::Node &node);
    void error(const YAML::Node &node, DiagnosticKind kind, const QString &message);
    void warning(const YAML::Node &node, DiagnosticKind kind, const QString &message);

    YamlConverter &m_converter;
};

} // namespace Authdesk
