#include "mappingevaluator.h"

#include "jssemantics.h"
#include "locator.h"
#include "support/logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

const QJsonValue undefined {QJsonValue::Undefined};
// Nested $iterate (or many copies of a large result) can make a small mapping ask for billions of
// values; the work of one evaluation is bounded like the size of a compiled mapping is.
constexpr qsizetype maximumSteps = 2000000;
// Marks a `$copy` until the whole result exists; the key cannot occur in YAML written by people.
const QString copyMarker = u"\u0001$copy"_s;

using namespace JsSemantics;

bool includes(const QJsonArray &array, const QJsonValue &value)
{
    for (const QJsonValue &item : array) {
        if (deepEquals(item, value))
            return true;
    }
    return false;
}

std::optional<QDateTime> toDateTime(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double ms = value.toDouble();
        if (!std::isfinite(ms))
            return std::nullopt;
        return QDateTime::fromMSecsSinceEpoch(qint64(ms), QTimeZone::utc());
    }
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Without an offset the text is read as UTC, as on the platform's servers: the desktop's own
    // zone must not shift the date. (A date alone is UTC midnight in JavaScript as well.)
    if (parsed.timeSpec() == Qt::LocalTime && parsed.date().isValid() && parsed.time().isValid())
        parsed = QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

// The evaluation of one mapping: holds the first error so that deep recursion stays simple.
class Evaluation
{
public:
    std::optional<Error> error;

    QJsonValue evaluate(const Expression &expression, const QJsonObject &variables);
    // Replaces the `$copy` placeholders of a result by the values they copy.
    QJsonValue resolveCopies(const QJsonValue &value, const QJsonValue &root);

private:
    QJsonValue evaluateFormula(const Expression &expression, const QJsonObject &variables);
    QJsonValue evaluateCase(const Expression &argument, const QJsonObject &variables);
    bool legacyConditionMatches(const QJsonObject &condition, const QJsonObject &variables);
    QJsonValue evaluateEval(const Expression &expression, const QJsonObject &variables);
    QJsonValue evaluateIterate(const Expression &argument, const QJsonObject &variables);
    QJsonValue resolveVarsOnly(const Expression &expression, const QJsonObject &variables);
    void fail(const Expression &expression, const QString &message)
    {
        if (!error) {
            QString where;
            if (expression.line() > 0)
                where = u" (line %1)"_s.arg(expression.line());
            error = Error(ErrorCode::Validation, message + where);
        }
    }
    // Counts one step of work; false (and an error) once the budget is spent.
    bool step(const Expression &expression)
    {
        if (++m_steps <= maximumSteps)
            return true;
        fail(expression,
            u"the mapping does too much work (more than %1 steps); are $iterate formulas nested too deeply?"_s.arg(
                maximumSteps));
        return false;
    }

    qsizetype m_steps = 0;
};

QJsonValue Evaluation::evaluate(const Expression &expression, const QJsonObject &variables)
{
    if (error || !step(expression))
        return undefined;
    switch (expression.kind()) {
    case Expression::Kind::Literal:
        return expression.literalValue();
    case Expression::Kind::Array: {
        const auto &items = expression.items();
        QJsonArray array;
        for (const Expression &item : items) {
            const QJsonValue value = evaluate(item, variables);
            if (!isUndefined(value))
                array.append(value);
        }
        if (!items.empty() && array.isEmpty())
            return undefined;
        return array;
    }
    case Expression::Kind::Object: {
        const auto &members = expression.members();
        QJsonObject object;
        for (const auto &[key, member] : members) {
            const QJsonValue value = evaluate(member, variables);
            if (!isUndefined(value))
                object.insert(key, value);
        }
        if (!members.empty() && object.isEmpty())
            return undefined;
        return object;
    }
    case Expression::Kind::Formula:
        return evaluateFormula(expression, variables);
    }
    return undefined;
}

QJsonValue Evaluation::evaluateFormula(const Expression &expression, const QJsonObject &variables)
{
    const Expression &argument = expression.argument();
    switch (expression.formulaType()) {
    case Formula::Var: {
        const QJsonValue path = evaluate(argument, variables);
        if (!path.isString())
            return QJsonValue(QJsonValue::Null);
        return Locator::parse(path.toString()).lookup(variables);
    }
    case Formula::Copy: {
        const QJsonValue path = evaluate(argument, variables);
        if (!path.isString())
            return QJsonValue(QJsonValue::Null);
        return QJsonObject {{copyMarker, path}};
    }
    case Formula::Plain:
        return argument.literalValue();
    case Formula::Concat: {
        const QJsonValue spec = evaluate(argument, variables);
        QJsonArray values;
        QString delimiter;
        if (spec.isArray()) {
            values = spec.toArray();
        } else if (spec.isObject()) {
            values = spec.toObject().value(u"values"_s).toArray();
            const QJsonValue delimiterValue = spec.toObject().value(u"delimiter"_s);
            if (!isNullish(delimiterValue))
                delimiter = JsSemantics::toString(delimiterValue);
        }
        QStringList parts;
        for (const QJsonValue &value : std::as_const(values)) {
            if (isNullish(value) || (value.isString() && value.toString().isEmpty()))
                continue;
            parts.append(JsSemantics::toString(value));
        }
        if (parts.isEmpty())
            return undefined;
        return parts.join(delimiter);
    }
    case Formula::Tpl: {
        const QJsonObject spec = evaluate(argument, variables).toObject();
        const QJsonValue templateValue = spec.value(u"template"_s);
        if (isNullish(templateValue))
            return undefined;
        QString text = JsSemantics::toString(templateValue);
        const QJsonObject values = spec.value(u"values"_s).toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            const QString replacement = isNullish(it.value()) ? QString() : JsSemantics::toString(it.value());
            text.replace(u'{' + it.key() + u'}', replacement);
        }
        return text;
    }
    case Formula::FirstNotEmpty: {
        for (const Expression &item : argument.items()) {
            const QJsonValue value = evaluate(item, variables);
            if (!isNullish(value))
                return value;
        }
        if (argument.kind() != Expression::Kind::Array) {
            const QJsonValue value = evaluate(argument, variables);
            for (const QJsonValue &item : value.toArray()) {
                if (!isNullish(item))
                    return item;
            }
        }
        return undefined;
    }
    case Formula::Case:
        return evaluateCase(argument, variables);
    case Formula::Eval:
        return evaluateEval(expression, variables);
    case Formula::And:
    case Formula::Or: {
        const QJsonValue list = evaluate(argument, variables);
        bool any = false;
        bool all = true;
        bool sawValue = false;
        for (const QJsonValue &item : list.toArray()) {
            if (isNullish(item))
                continue;
            sawValue = true;
            const bool truthy = isTruthy(item);
            any = any || truthy;
            all = all && truthy;
        }
        if (!sawValue)
            return undefined;
        return expression.formulaType() == Formula::And ? all : any;
    }
    case Formula::Map: {
        const QJsonObject spec = evaluate(argument, variables).toObject();
        const QJsonValue value = spec.contains(u"value"_s) ? spec.value(u"value"_s) : undefined;
        QJsonArray mapping = spec.value(u"mapping"_s).toArray();
        if (!spec.contains(u"mapping"_s))
            mapping = spec.value(u"mappings"_s).toArray();
        for (const QJsonValue &entry : std::as_const(mapping)) {
            const QJsonObject pair = entry.toObject();
            const QJsonValue from = pair.contains(u"from"_s) ? pair.value(u"from"_s) : undefined;
            if (deepEquals(from, value) || looseEquals(from, value))
                return pair.contains(u"to"_s) ? pair.value(u"to"_s) : undefined;
        }
        return spec.contains(u"default"_s) ? spec.value(u"default"_s) : undefined;
    }
    case Formula::MergeObjects: {
        const QJsonValue list = evaluate(argument, variables);
        QJsonObject merged;
        bool sawObject = false;
        for (const QJsonValue &item : list.toArray()) {
            if (!item.isObject())
                continue;
            sawObject = true;
            const QJsonObject object = item.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                merged.insert(it.key(), it.value());
        }
        if (!sawObject)
            return undefined;
        return merged;
    }
    case Formula::FormulaOf:
        // The argument itself (a formula, usually) with only its `$var`s resolved.
        return resolveVarsOnly(argument, variables);
    case Formula::Iterate:
        return evaluateIterate(argument, variables);
    case Formula::FirstName:
    case Formula::LastName: {
        const QJsonValue value = evaluate(argument, variables);
        if (!value.isString())
            return undefined;
        static const QRegularExpression whitespace(u"\\s+"_s);
        const QStringList words = value.toString().trimmed().split(whitespace, Qt::SkipEmptyParts);
        if (words.isEmpty())
            return undefined;
        // A single word counts as the last name.
        if (expression.formulaType() == Formula::FirstName)
            return words.size() > 1 ? QJsonValue(words.first()) : undefined;
        return words.size() > 1 ? QJsonValue(words.mid(1).join(u' ')) : QJsonValue(words.first());
    }
    case Formula::ExtractDate:
    case Formula::ExtractTime: {
        const auto dateTime = toDateTime(evaluate(argument, variables));
        if (!dateTime)
            return undefined;
        return expression.formulaType() == Formula::ExtractDate ? dateTime->toString(u"yyyy-MM-dd"_s)
                                                                : dateTime->toString(u"HH:mm:ss"_s);
    }
    case Formula::DomainFromEmail: {
        const QJsonValue value = evaluate(argument, variables);
        if (!value.isString())
            return undefined;
        const QString email = value.toString().trimmed();
        const qsizetype at = email.lastIndexOf(u'@');
        if (at < 0 || at + 1 >= email.size())
            return undefined;
        return email.mid(at + 1);
    }
    case Formula::Record: {
        const QJsonValue value = evaluate(argument, variables);
        if (!value.isObject())
            return undefined;
        const QJsonObject object = value.toObject();
        return object.contains(u"id"_s) ? object.value(u"id"_s) : undefined;
    }
    case Formula::Lookup:
    case Formula::FindExternalRecordId:
    case Formula::FindAppRecordId:
    case Formula::DataSchemaRef:
    case Formula::Jsonata:
        fail(expression, Formulas::unsupportedReason(expression.formulaType()));
        return undefined;
    }
    return undefined;
}

QJsonValue Evaluation::evaluateCase(const Expression &argument, const QJsonObject &variables)
{
    const Expression *cases = &argument;
    const Expression *defaultValue = nullptr;
    if (argument.kind() == Expression::Kind::Object) {
        cases = argument.member(u"cases");
        defaultValue = argument.member(u"default");
    }
    if (cases) {
        for (const Expression &caseExpression : cases->items()) {
            const Expression *filter = caseExpression.member(u"filter");
            bool matches = true;
            if (filter && filter->kind() == Expression::Kind::Array) {
                for (const QJsonValue &condition : evaluate(*filter, variables).toArray())
                    matches = matches && legacyConditionMatches(condition.toObject(), variables);
            } else if (filter) {
                matches = isTruthy(evaluate(*filter, variables));
            }
            if (matches) {
                const Expression *value = caseExpression.member(u"value");
                return value ? evaluate(*value, variables) : undefined;
            }
        }
    }
    return defaultValue ? evaluate(*defaultValue, variables) : undefined;
}

bool Evaluation::legacyConditionMatches(const QJsonObject &condition, const QJsonObject &variables)
{
    const QJsonValue field = Locator::parse(condition.value(u"field"_s).toString()).lookup(variables);
    const QString op = condition.value(u"operator"_s).toString();
    const QJsonValue value = condition.contains(u"value"_s) ? condition.value(u"value"_s) : undefined;
    auto containsText = [](const QJsonValue &haystack, const QJsonValue &needle) {
        if (haystack.isArray())
            return includes(haystack.toArray(), needle);
        return JsSemantics::toString(haystack).contains(JsSemantics::toString(needle), Qt::CaseInsensitive);
    };
    if (op == u"is")
        return looseEquals(field, value);
    if (op == u"is_not")
        return !looseEquals(field, value);
    if (op == u"is_one_of")
        return includes(value.toArray(), field);
    if (op == u"is_not_one_of")
        return !includes(value.toArray(), field);
    if (op == u"is_true")
        return isTruthy(field);
    if (op == u"is_false")
        return !isTruthy(field);
    if (op == u"contains")
        return !isNullish(field) && containsText(field, value);
    if (op == u"does_not_contain")
        return isNullish(field) || !containsText(field, value);
    if (op == u"array_includes")
        return field.isArray() && includes(field.toArray(), value);
    if (op == u"array_does_not_include")
        return !field.isArray() || !includes(field.toArray(), value);
    const double left = parseFloat(field);
    const double right = parseFloat(value);
    if (op == u"less_than")
        return left < right;
    if (op == u"less_than_or_equal")
        return left <= right;
    if (op == u"more_than")
        return left > right;
    if (op == u"more_than_or_equal")
        return left >= right;
    if (op == u"is_empty")
        return JsSemantics::isEmpty(field);
    if (op == u"is_not_empty")
        return !JsSemantics::isEmpty(field);
    return true; // the platform treats unknown operators as a match
}

QJsonValue Evaluation::evaluateEval(const Expression &expression, const QJsonObject &variables)
{
    const QJsonValue value = evaluate(expression.argument(), variables);
    const auto &members = expression.members();
    if (members.empty())
        return true;
    const QString &op = members.front().first;
    const QJsonValue operand = evaluate(members.front().second, variables);
    if (op == u"is")
        return looseEquals(value, operand);
    if (op == u"isNot")
        return !looseEquals(value, operand);
    if (op == u"oneOf")
        return includes(operand.toArray(), value);
    if (op == u"noneOf")
        return !includes(operand.toArray(), value);
    if (op == u"contains" || op == u"doesNotContain") {
        bool found = false;
        if (value.isArray())
            found = includes(value.toArray(), operand);
        else if (value.isString())
            found = value.toString().contains(JsSemantics::toString(operand), Qt::CaseInsensitive);
        return op == u"contains" ? found : !found;
    }
    if (op == u"gt" || op == u"gte" || op == u"lt" || op == u"lte") {
        const double left = parseFloat(value);
        const double right = parseFloat(operand);
        if (std::isnan(left) || std::isnan(right))
            return false;
        if (op == u"gt")
            return left > right;
        if (op == u"gte")
            return left >= right;
        if (op == u"lt")
            return left < right;
        return left <= right;
    }
    if (op == u"isEmpty") // the operand is ignored (D-formulas), so `isEmpty: false` tests emptiness too
        return JsSemantics::isEmpty(value);
    if (op == u"isNotEmpty")
        return !JsSemantics::isEmpty(value);
    return true;
}

QJsonValue Evaluation::evaluateIterate(const Expression &argument, const QJsonObject &variables)
{
    const Expression *source = argument.member(u"source");
    const Expression *item = argument.member(u"item");
    if (!source || !item)
        return undefined;
    const QJsonValue sourceValue = evaluate(*source, variables);
    if (!sourceValue.isArray())
        return undefined;
    const QJsonArray elements = sourceValue.toArray();
    QJsonArray results;
    for (qsizetype index = 0; index < elements.size(); ++index) {
        QJsonObject scope = variables;
        scope.insert(u"item"_s, elements.at(index));
        scope.insert(u"index"_s, double(index));
        scope.insert(u"parent"_s, variables);
        const QJsonValue result = evaluate(*item, scope);
        if (isTruthy(result))
            results.append(result);
    }
    if (results.isEmpty())
        return undefined;
    return results;
}

QJsonValue Evaluation::resolveVarsOnly(const Expression &expression, const QJsonObject &variables)
{
    switch (expression.kind()) {
    case Expression::Kind::Literal:
        return expression.literalValue();
    case Expression::Kind::Array: {
        QJsonArray array;
        for (const Expression &item : expression.items()) {
            const QJsonValue value = resolveVarsOnly(item, variables);
            if (!isUndefined(value)) // a missing variable leaves no entry, as everywhere else
                array.append(value);
        }
        return array;
    }
    case Expression::Kind::Object:
    case Expression::Kind::Formula: {
        if (expression.kind() == Expression::Kind::Formula && expression.formulaType() == Formula::Var)
            return evaluateFormula(expression, variables);
        QJsonObject object;
        if (expression.kind() == Expression::Kind::Formula)
            object.insert(Formulas::key(expression.formulaType()), resolveVarsOnly(expression.argument(), variables));
        for (const auto &[key, member] : expression.members()) {
            const QJsonValue value = resolveVarsOnly(member, variables);
            if (!isUndefined(value))
                object.insert(key, value);
        }
        return object;
    }
    }
    return undefined;
}

bool isCopyPlaceholder(const QJsonValue &value)
{
    return value.isObject() && value.toObject().size() == 1 && value.toObject().contains(copyMarker);
}

bool containsCopy(const QJsonValue &value)
{
    if (isCopyPlaceholder(value))
        return true;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (containsCopy(item))
                return true;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (containsCopy(it.value()))
                return true;
        }
    }
    return false;
}

QJsonValue Evaluation::resolveCopies(const QJsonValue &value, const QJsonValue &root)
{
    static const Expression result; // no position: the work is on the result
    if (error || !step(result))
        return undefined;
    if (isCopyPlaceholder(value)) {
        const QJsonValue copied = Locator::parse(value.toObject().value(copyMarker).toString()).lookup(root);
        // Copies are resolved in one pass: the copies inside a copied value (a copy of a copy, or
        // `$copy: $` copying itself) get nothing, and no placeholder leaks into the result.
        return containsCopy(copied) ? resolveCopies(copied, undefined) : copied;
    }
    // As in evaluation, a non-empty list or object left with nothing becomes undefined itself.
    if (value.isArray()) {
        QJsonArray array;
        const QJsonArray source = value.toArray();
        for (const QJsonValue &item : source) {
            const QJsonValue resolved = resolveCopies(item, root);
            if (!isUndefined(resolved))
                array.append(resolved);
        }
        if (!source.isEmpty() && array.isEmpty())
            return undefined;
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it) {
            const QJsonValue resolved = resolveCopies(it.value(), root);
            if (!isUndefined(resolved))
                object.insert(it.key(), resolved);
        }
        if (!source.isEmpty() && object.isEmpty())
            return undefined;
        return object;
    }
    return value;
}

} // namespace

MappingEvaluator::MappingEvaluator(QJsonObject variables)
    : m_variables(std::move(variables))
{
}

Result<QJsonValue> MappingEvaluator::evaluate(const Expression &expression) const
{
    Evaluation evaluation;
    QJsonValue value = evaluation.evaluate(expression, m_variables);
    if (!evaluation.error && containsCopy(value))
        value = evaluation.resolveCopies(value, value);
    if (evaluation.error)
        return *evaluation.error;
    return value;
}

} // namespace Authdesk
