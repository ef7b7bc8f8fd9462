#pragma once

#include "expression.h"

#include "support/result.h"

#include <QJsonObject>
#include <QJsonValue>

namespace Authdesk {

// Evaluates a compiled mapping against variables such as {connectorParameters, connectionInput,
// connectionParameters, redirectUri, state} or {credentials}, with the semantics of the connector
// platform's formula engine (connector-format.md §7): entries that evaluate to undefined are
// dropped, and a non-empty object or list left with nothing becomes undefined itself. The result
// may be QJsonValue::Undefined.
//
//     const auto compiled = ExpressionCompiler::compileText(yaml, fileName);
//     const auto config = MappingEvaluator(variables).evaluate(compiled.expression);
//     if (!config) showError(config.error().message);
class MappingEvaluator
{
public:
    explicit MappingEvaluator(QJsonObject variables);

    Result<QJsonValue> evaluate(const Expression &expression) const;

private:
    QJsonObject m_variables;
};

} // namespace Authdesk
