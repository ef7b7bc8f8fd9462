#include "expression.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Authdesk {

struct Expression::Node
{
    Kind kind = Kind::Literal;
    QJsonValue literal {QJsonValue::Undefined};
    std::vector<Expression> items;
    std::vector<Member> members;
    Authdesk::Formula formula = Authdesk::Formula::Var;
    std::vector<Expression> argument; // zero or one element; avoids a recursive member type
    int line = 0;
    int column = 0;
};

namespace {
const std::vector<Expression> noItems;
const std::vector<Expression::Member> noMembers;
const QJsonValue undefinedValue {QJsonValue::Undefined};
} // namespace

Expression::Expression()
    : m_node(std::make_shared<const Node>())
{
}

Expression::Expression(std::shared_ptr<const Node> node)
    : m_node(std::move(node))
{
}

Expression Expression::literal(QJsonValue value, int line, int column)
{
    auto node = std::make_shared<Node>();
    node->kind = Kind::Literal;
    node->literal = std::move(value);
    node->line = line;
    node->column = column;
    return Expression(std::move(node));
}

Expression Expression::array(std::vector<Expression> items, int line, int column)
{
    auto node = std::make_shared<Node>();
    node->kind = Kind::Array;
    node->items = std::move(items);
    node->line = line;
    node->column = column;
    return Expression(std::move(node));
}

Expression Expression::object(std::vector<Member> members, int line, int column)
{
    auto node = std::make_shared<Node>();
    node->kind = Kind::Object;
    node->members = std::move(members);
    node->line = line;
    node->column = column;
    return Expression(std::move(node));
}

Expression Expression::formula(
    Authdesk::Formula formula, Expression argument, std::vector<Member> extraMembers, int line, int column)
{
    auto node = std::make_shared<Node>();
    node->kind = Kind::Formula;
    node->formula = formula;
    node->argument.push_back(std::move(argument));
    node->members = std::move(extraMembers);
    node->line = line;
    node->column = column;
    return Expression(std::move(node));
}

Expression Expression::fromJson(const QJsonValue &value)
{
    if (value.isArray()) {
        std::vector<Expression> items;
        const QJsonArray jsonArray = value.toArray();
        items.reserve(size_t(jsonArray.size()));
        for (const QJsonValue &item : jsonArray)
            items.push_back(fromJson(item));
        return array(std::move(items));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        std::vector<Member> members;
        members.reserve(size_t(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it)
            members.emplace_back(it.key(), fromJson(it.value()));
        if (!members.empty()) {
            if (const auto formulaType = Formulas::fromKey(members.front().first)) {
                // The argument of $plain is data, never compiled (as in ExpressionCompiler).
                Expression formulaArgument = *formulaType == Authdesk::Formula::Plain
                    ? literal(object.value(members.front().first))
                    : members.front().second;
                members.erase(members.begin());
                return formula(*formulaType, std::move(formulaArgument), std::move(members));
            }
        }
        return Expression::object(std::move(members));
    }
    return literal(value);
}

Expression::Kind Expression::kind() const
{
    return m_node->kind;
}

bool Expression::isUndefined() const
{
    return m_node->kind == Kind::Literal && m_node->literal.type() == QJsonValue::Undefined;
}

const QJsonValue &Expression::literalValue() const
{
    return m_node->kind == Kind::Literal ? m_node->literal : undefinedValue;
}

const std::vector<Expression> &Expression::items() const
{
    return m_node->kind == Kind::Array ? m_node->items : noItems;
}

const std::vector<Expression::Member> &Expression::members() const
{
    return (m_node->kind == Kind::Object || m_node->kind == Kind::Formula) ? m_node->members : noMembers;
}

const Expression *Expression::member(QStringView key) const
{
    for (const Member &entry : members()) {
        if (entry.first == key)
            return &entry.second;
    }
    return nullptr;
}

Formula Expression::formulaType() const
{
    return m_node->formula;
}

const Expression &Expression::argument() const
{
    static const Expression undefinedExpression;
    return m_node->argument.empty() ? undefinedExpression : m_node->argument.front();
}

int Expression::line() const
{
    return m_node->line;
}

int Expression::column() const
{
    return m_node->column;
}

QJsonValue Expression::toJson() const
{
    switch (m_node->kind) {
    case Kind::Literal:
        return m_node->literal;
    case Kind::Array: {
        QJsonArray array;
        for (const Expression &item : m_node->items)
            array.append(item.toJson());
        return array;
    }
    case Kind::Object:
    case Kind::Formula: {
        QJsonObject object;
        if (m_node->kind == Kind::Formula)
            object.insert(Formulas::key(m_node->formula), argument().toJson());
        for (const Member &entry : m_node->members)
            object.insert(entry.first, entry.second.toJson());
        return object;
    }
    }
    return {};
}

} // namespace Authdesk
