#pragma once

#include "formula.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <utility>
#include <vector>

namespace Authdesk {

// An immutable, ordered tree compiled from a mapping (YAML or JSON). Key order matters to the
// formula language (the first key decides whether an object is a formula, the second key of a
// `$eval` names its operator), which QJsonObject cannot keep; hence this type.
class Expression
{
public:
    enum class Kind { Literal, Array, Object, Formula };
    using Member = std::pair<QString, Expression>;

    Expression(); // a literal undefined
    static Expression literal(QJsonValue value, int line = 0, int column = 0);
    static Expression array(std::vector<Expression> items, int line = 0, int column = 0);
    static Expression object(std::vector<Member> members, int line = 0, int column = 0);
    // `argument` is the value of the `$formula` key; `extraMembers` are the keys after it (the
    // operator and operand of `$eval`).
    static Expression formula(
        Authdesk::Formula formula, Expression argument, std::vector<Member> extraMembers, int line = 0, int column = 0);
    // Compiles a JSON value. Keys of a JSON object come back sorted, so prefer the YAML compiler.
    static Expression fromJson(const QJsonValue &value);

    Kind kind() const;
    bool isUndefined() const;
    const QJsonValue &literalValue() const;
    const std::vector<Expression> &items() const;
    const std::vector<Member> &members() const;
    // The member with that key, or nullptr.
    const Expression *member(QStringView key) const;
    Authdesk::Formula formulaType() const;
    const Expression &argument() const;
    int line() const;
    int column() const;

    // The expression as data (formulas written back as `{"$name": ...}`), for `$plain`/`$formula`
    // and for showing a mapping to a person.
    QJsonValue toJson() const;

private:
    struct Node;
    explicit Expression(std::shared_ptr<const Node> node);
    std::shared_ptr<const Node> m_node;
};

} // namespace Authdesk
