// Fuzzes the formula language: YAML text is compiled (with its checks) and evaluated against a
// fixed set of variables shaped like the real ones.
#include "mapping/expressioncompiler.h"
#include "mapping/mappingevaluator.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using namespace Authdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QJsonObject variables = [] {
        QLoggingCategory::setFilterRules(u"authdesk.*=false"_s);
        return QJsonDocument::fromJson(R"({
            "connectorParameters": {"clientId": "id", "clientSecret": "s", "scopes": ["a", "b", 0, ""], "flag": true},
            "connectionInput": {"tenant": "common", "subdomain": "acme", "n": 3.5, "list": [1, null, "x", {"y": [false]}]},
            "credentials": {"access_token": "tok", "expires_in": "3600", "user": {"name": "Ada Lovelace", "email": "ada@example.com"}},
            "redirectUri": "http://127.0.0.1:1234/cb", "state": "st"
        })")
            .object();
    }();
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto compiled = ExpressionCompiler::compileText(text, u"fuzz.map.yml"_s);
    for (const Diagnostic &diagnostic : compiled.diagnostics)
        (void)diagnostic.toString();
    const auto result = MappingEvaluator(variables).evaluate(compiled.expression);
    if (result)
        (void)QJsonDocument(QJsonObject {{u"v"_s, *result}}).toJson();
    (void)compiled.expression.toJson();
    return 0;
}
