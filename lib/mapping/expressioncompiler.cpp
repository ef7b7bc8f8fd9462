#include "expressioncompiler.h"

#include "locator.h"
#include "support/logging.h"
#include "support/yamlconverter.h"

#include <yaml-cpp/yaml.h>

#include <QSet>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const QSet<QString> &evalOperators()
{
    static const QSet<QString> operators {u"is"_s, u"isNot"_s, u"oneOf"_s, u"noneOf"_s, u"contains"_s,
        u"doesNotContain"_s, u"gt"_s, u"gte"_s, u"lt"_s, u"lte"_s, u"isEmpty"_s, u"isNotEmpty"_s};
    return operators;
}

QString keyOf(const YAML::Node &keyNode)
{
    return keyNode.IsScalar() ? QString::fromStdString(keyNode.Scalar()) : QString();
}

} // namespace

ExpressionCompiler::ExpressionCompiler(YamlConverter &converter)
    : m_converter(converter)
{
}

ExpressionCompiler::Compiled ExpressionCompiler::compileText(const QByteArray &yamlText, const QString &fileName)
{
    YamlConverter converter(fileName);
    Compiled compiled;
    try {
        const YAML::Node root = YAML::Load(yamlText.toStdString());
        ExpressionCompiler compiler(converter);
        compiled.expression = compiler.compile(root);
    } catch (const YAML::Exception &e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        converter.takeDiagnostics();
        compiled.diagnostics.append(Diagnostic {Severity::Error, DiagnosticKind::YamlSyntax, fileName, line, column,
            u"YAML syntax error: %1"_s.arg(QString::fromStdString(e.msg))});
        return compiled;
    }
    compiled.diagnostics = converter.takeDiagnostics();
    return compiled;
}

Expression ExpressionCompiler::compile(const YAML::Node &node)
{
    return compileNode(node, 0);
}

void ExpressionCompiler::error(const YAML::Node &node, DiagnosticKind kind, const QString &message)
{
    m_converter.addDiagnostic(node, kind, message, Severity::Error);
}

void ExpressionCompiler::warning(const YAML::Node &node, DiagnosticKind kind, const QString &message)
{
    m_converter.addDiagnostic(node, kind, message, Severity::Warning);
}

Expression ExpressionCompiler::compileNode(const YAML::Node &node, int depth)
{
    const int line = YamlConverter::line(node);
    const int column = YamlConverter::column(node);
    if (!m_converter.enterNode(node, depth))
        return Expression::literal(QJsonValue(QJsonValue::Null), line, column);

    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return Expression::literal(QJsonValue(QJsonValue::Null), line, column);
    case YAML::NodeType::Scalar:
        return Expression::literal(m_converter.scalarToJson(node), line, column);
    case YAML::NodeType::Sequence: {
        std::vector<Expression> items;
        items.reserve(node.size());
        for (const YAML::Node &item : node)
            items.push_back(compileNode(item, depth + 1));
        return Expression::array(std::move(items), line, column);
    }
    case YAML::NodeType::Map:
        break;
    }

    auto first = node.begin();
    if (first != node.end() && first->first.IsScalar()) {
        const QString firstKey = keyOf(first->first);
        if (firstKey.startsWith(u'$')) {
            if (const auto formula = Formulas::fromKey(firstKey))
                return compileFormula(*formula, first->first, node, depth);
            error(first->first, DiagnosticKind::UnknownFormula,
                u"unknown formula \"%1\"%2"_s.arg(firstKey, Formulas::suggestionFor(firstKey)));
        }
    }

    std::vector<Expression::Member> members;
    members.reserve(node.size());
    QSet<QString> seen;
    for (const auto &entry : node) {
        if (!entry.first.IsScalar()) {
            error(entry.first, DiagnosticKind::WrongType,
                u"a key must be a plain string, not %1"_s.arg(YamlConverter::describe(entry.first)));
            continue;
        }
        const QString key = keyOf(entry.first);
        if (seen.contains(key)) {
            error(entry.first, DiagnosticKind::DuplicateKey, u"duplicate key \"%1\""_s.arg(key));
            continue;
        }
        seen.insert(key);
        members.emplace_back(key, compileNode(entry.second, depth + 1));
    }
    return Expression::object(std::move(members), line, column);
}

Expression ExpressionCompiler::compileFormula(
    Formula formula, const YAML::Node &keyNode, const YAML::Node &node, int depth)
{
    const QString name = Formulas::key(formula);
    if (!Formulas::isSupported(formula))
        error(keyNode, DiagnosticKind::UnsupportedFormula, Formulas::unsupportedReason(formula));

    auto it = node.begin();
    const YAML::Node argumentNode = it->second;
    checkFormulaArgument(formula, keyNode, argumentNode, node);

    Expression argument = formula == Formula::Plain ? Expression::literal(m_converter.toJson(argumentNode),
                              YamlConverter::line(argumentNode), YamlConverter::column(argumentNode))
                                                    : compileNode(argumentNode, depth + 1);

    std::vector<Expression::Member> extra;
    QSet<QString> seen {name};
    for (++it; it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
            error(it->first, DiagnosticKind::WrongType,
                u"a key must be a plain string, not %1"_s.arg(YamlConverter::describe(it->first)));
            continue;
        }
        const QString key = keyOf(it->first);
        if (seen.contains(key)) {
            error(it->first, DiagnosticKind::DuplicateKey, u"duplicate key \"%1\""_s.arg(key));
            continue;
        }
        seen.insert(key);
        if (formula != Formula::Eval)
            warning(it->first, DiagnosticKind::UnknownKey, u"\"%1\" next to %2 is ignored"_s.arg(key, name));
        extra.emplace_back(key, compileNode(it->second, depth + 1));
    }
    return Expression::formula(
        formula, std::move(argument), std::move(extra), YamlConverter::line(node), YamlConverter::column(node));
}

void ExpressionCompiler::checkFormulaArgument(
    Formula formula, const YAML::Node &keyNode, const YAML::Node &argument, const YAML::Node &node)
{
    const QString name = Formulas::key(formula);
    auto requireKeys = [&](std::initializer_list<const char *> keys) {
        if (!argument.IsMap()) {
            error(argument.IsNull() ? keyNode : argument, DiagnosticKind::MalformedFormula,
                u"%1 expects a mapping with %2, got %3"_s.arg(
                    name, QString::fromLatin1(*keys.begin()), YamlConverter::describe(argument)));
            return false;
        }
        for (const char *key : keys) {
            if (!argument[key]) {
                error(argument, DiagnosticKind::MalformedFormula,
                    u"%1 needs \"%2\""_s.arg(name, QString::fromLatin1(key)));
                return false;
            }
        }
        return true;
    };

    switch (formula) {
    case Formula::Var:
    case Formula::Copy: {
        if (!argument.IsScalar()) {
            error(argument.IsNull() ? keyNode : argument, DiagnosticKind::MalformedFormula,
                u"%1 expects a path such as connectorParameters.clientId, got %2"_s.arg(
                    name, YamlConverter::describe(argument)));
            break;
        }
        const QString path = QString::fromStdString(argument.Scalar());
        if (!Locator::parse(path).isValid())
            error(argument, DiagnosticKind::MalformedFormula, u"%1 path \"%2\" is malformed"_s.arg(name, path));
        break;
    }
    case Formula::Concat:
        if (argument.IsMap())
            requireKeys({"values"});
        else if (!argument.IsSequence())
            error(argument.IsNull() ? keyNode : argument, DiagnosticKind::MalformedFormula,
                u"$concat expects a list or {values, delimiter}, got %1"_s.arg(YamlConverter::describe(argument)));
        break;
    case Formula::Tpl:
        requireKeys({"template"});
        break;
    case Formula::Case:
        if (argument.IsMap())
            requireKeys({"cases"});
        else if (!argument.IsSequence())
            error(argument.IsNull() ? keyNode : argument, DiagnosticKind::MalformedFormula,
                u"$case expects a list of cases or {cases, default}, got %1"_s.arg(YamlConverter::describe(argument)));
        break;
    case Formula::Map:
        if (requireKeys({"value"}) && !argument["mapping"] && !argument["mappings"])
            error(argument, DiagnosticKind::MalformedFormula, u"$map needs \"mapping\" (a list of {from, to})"_s);
        break;
    case Formula::Iterate:
        requireKeys({"source", "item"});
        break;
    case Formula::And:
    case Formula::Or:
    case Formula::MergeObjects:
    case Formula::FirstNotEmpty:
        if (!argument.IsSequence())
            error(argument.IsNull() ? keyNode : argument, DiagnosticKind::MalformedFormula,
                u"%1 expects a list, got %2"_s.arg(name, YamlConverter::describe(argument)));
        break;
    case Formula::Eval: {
        auto it = node.begin();
        ++it;
        if (it == node.end()) {
            error(keyNode, DiagnosticKind::MalformedFormula,
                u"$eval needs an operator as its second key (is, isNot, oneOf, noneOf, contains, doesNotContain, gt, "
                "gte, lt, lte, isEmpty, isNotEmpty)"_s);
            break;
        }
        const QString op = keyOf(it->first);
        if (it->first.IsScalar() && !evalOperators().contains(op)) // other keys are reported as wrong types
            error(it->first, DiagnosticKind::MalformedFormula,
                u"unknown $eval operator \"%1\" (the platform would treat it as always true)"_s.arg(op));
        break;
    }
    default:
        break;
    }
}

} // namespace Authdesk
