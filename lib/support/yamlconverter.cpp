#include "yamlconverter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// Aliases can expand a small file into a huge tree ("billion laughs") or refer to themselves.
constexpr int maximumDepth = 128;
// Real connector files have a few hundred values; this leaves ample room.
constexpr qsizetype maximumNodes = 50000;

bool isOneOf(const std::string &text, std::initializer_list<const char *> candidates)
{
    for (const char *candidate : candidates) {
        if (text == candidate)
            return true;
    }
    return false;
}

bool allDigits(const std::string &text, size_t from, int base)
{
    if (from >= text.size())
        return false;
    for (size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
            : base == 8            ? (c >= '0' && c <= '7')
                                   : (c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

// YAML 1.2 core schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isCoreFloat(const std::string &text)
{
    size_t i = 0;
    const size_t n = text.size();
    if (i < n && (text[i] == '-' || text[i] == '+'))
        ++i;
    size_t intDigits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) {
        ++i;
        ++intDigits;
    }
    size_t fracDigits = 0;
    if (i < n && text[i] == '.') {
        ++i;
        while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
            ++fracDigits;
        }
        if (intDigits == 0 && fracDigits == 0)
            return false;
    } else if (intDigits == 0) {
        return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '-' || text[i] == '+'))
            ++i;
        if (!allDigits(text.substr(i), 0, 10))
            return false;
        return true;
    }
    return i == n;
}

QJsonValue resolvePlainScalar(const std::string &text)
{
    if (text.empty())
        return QJsonValue(QJsonValue::Null);
    switch (text.front()) {
    case 'n':
    case 'N':
    case '~':
        if (isOneOf(text, {"null", "Null", "NULL", "~"}))
            return QJsonValue(QJsonValue::Null);
        break;
    case 't':
    case 'T':
        if (isOneOf(text, {"true", "True", "TRUE"}))
            return true;
        break;
    case 'f':
    case 'F':
        if (isOneOf(text, {"false", "False", "FALSE"}))
            return false;
        break;
    case '.':
    case '-':
    case '+':
        if (isOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
            return std::numeric_limits<double>::infinity();
        if (isOneOf(text, {"-.inf", "-.Inf", "-.INF"}))
            return -std::numeric_limits<double>::infinity();
        if (isOneOf(text, {".nan", ".NaN", ".NAN"}))
            return std::numeric_limits<double>::quiet_NaN();
        [[fallthrough]];
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9': {
        for (const int base : {16, 8}) {
            if (text.size() > 2 && text[0] == '0' && text[1] == (base == 16 ? 'x' : 'o') && allDigits(text, 2, base)) {
                // Summed as a double: a core-schema integer is a number at any length (past 64 bits too).
                double value = 0;
                for (size_t i = 2; i < text.size(); ++i) {
                    const char c = char(std::tolower(static_cast<unsigned char>(text[i])));
                    value = value * base + (c <= '9' ? c - '0' : c - 'a' + 10);
                }
                return value;
            }
        }
        if (isCoreFloat(text)) {
            bool ok = false;
            const double value = QByteArray::fromStdString(text).toDouble(&ok);
            if (ok)
                return value;
        }
        break;
    }
    default:
        break;
    }
    return QString::fromStdString(text);
}

} // namespace

YamlConverter::YamlConverter(QString fileName)
    : m_fileName(std::move(fileName))
{
}

int YamlConverter::line(const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

int YamlConverter::column(const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.column + 1;
}

QString YamlConverter::describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return u"nothing (null)"_s;
    case YAML::NodeType::Sequence:
        return u"a list"_s;
    case YAML::NodeType::Map:
        return u"a mapping"_s;
    case YAML::NodeType::Scalar:
        break;
    }
    YamlConverter converter {QString()};
    const QJsonValue value = converter.scalarToJson(node);
    switch (value.type()) {
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::Null:
        return u"nothing (null)"_s;
    default:
        return u"a string"_s;
    }
}

void YamlConverter::addDiagnostic(
    const YAML::Node &node, DiagnosticKind kind, const QString &message, Severity severity)
{
    m_diagnostics.append(Diagnostic {severity, kind, m_fileName, line(node), column(node), message});
}

void YamlConverter::addDiagnosticAt(
    int line, int column, DiagnosticKind kind, const QString &message, Severity severity)
{
    m_diagnostics.append(Diagnostic {severity, kind, m_fileName, line, column, message});
}

QJsonValue YamlConverter::scalarToJson(const YAML::Node &node) const
{
    const std::string &tag = node.Tag();
    const std::string &text = node.Scalar();
    if (tag == "!" || tag == "tag:yaml.org,2002:str")
        return QString::fromStdString(text);
    if (tag == "?" || tag.empty())
        return resolvePlainScalar(text);
    // Explicit core tags (!!int, !!bool, ...) resolve like plain scalars; anything else stays text.
    if (tag.rfind("tag:yaml.org,2002:", 0) == 0)
        return resolvePlainScalar(text);
    return QString::fromStdString(text);
}

QJsonValue YamlConverter::toJson(const YAML::Node &node)
{
    // The node budget is not reset: it covers every conversion of this converter (one file), so
    // that converting many aliases of one giant node, piece by piece, cannot multiply it.
    return convert(node, 0);
}

bool YamlConverter::enterNode(const YAML::Node &node, int depth)
{
    if (++m_visitedNodes <= maximumNodes && depth <= maximumDepth)
        return true;
    if (!m_limitReported) {
        addDiagnostic(node, DiagnosticKind::InvalidValue,
            depth > maximumDepth ? u"nested too deeply (more than %1 levels)"_s.arg(maximumDepth)
                                 : u"too large after alias expansion (more than %1 values)"_s.arg(maximumNodes));
        m_limitReported = true;
    }
    return false;
}

QJsonValue YamlConverter::convert(const YAML::Node &node, int depth)
{
    if (!enterNode(node, depth))
        return QJsonValue(QJsonValue::Null);
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(convert(item, depth + 1));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node) {
            const YAML::Node &keyNode = entry.first;
            if (!keyNode.IsScalar()) {
                addDiagnostic(keyNode, DiagnosticKind::WrongType,
                    u"a key must be a plain string, not %1"_s.arg(describe(keyNode)));
                continue;
            }
            const QString key = QString::fromStdString(keyNode.Scalar());
            if (object.contains(key)) {
                addDiagnostic(keyNode, DiagnosticKind::DuplicateKey, u"duplicate key \"%1\""_s.arg(key));
                continue;
            }
            object.insert(key, convert(entry.second, depth + 1));
        }
        return object;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

} // namespace Authdesk
