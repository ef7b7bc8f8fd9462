#include "mapping/expressioncompiler.h"
#include "mapping/mappingevaluator.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "jsontext.h"

#include <QTest>

#include "testprinting.h"
#include <QTimeZone>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::Test;

namespace {




QString errorOf(const Result<QJsonValue> &result)
{
    return result.hasValue() ? QString() : result.error().message;
}

void addRow(const char *name, const QByteArray &yaml, const QByteArray &variables, const QByteArray &expected)
{
    QTest::addRow("%s", name) << yaml << variables << expected;
}

// A `$case` with one legacy condition on the variable `f`: "matched" when it holds, else "unmatched".
QByteArray legacyCase(const char *op, const char *value)
{
    QByteArray yaml = "$case:\n"
                      "  cases:\n"
                      "    - filter:\n"
                      "        - field: f\n"
                      "          operator: ";
    yaml += op;
    yaml += '\n';
    if (value) {
        yaml += "          value: ";
        yaml += value;
        yaml += '\n';
    }
    yaml += "      value: matched\n"
            "  default: unmatched\n";
    return yaml;
}

void addLegacyRow(const char *name, const char *op, const char *value, const QByteArray &variables, bool matches)
{
    addRow(name, legacyCase(op, value), variables, matches ? R"("matched")" : R"("unmatched")");
}

// The makeApiClient mapping of our QuickBooks-shaped fixture (connector-format.md §10.1): `args:`
// wrapper, `$case` + `$eval is: true` on credentials.isSandbox, `$concat {values, delimiter: /}`
// with credentials.realmId, and the Bearer header via `$concat`.
QByteArray quickBooksApiClient()
{
    QFile file(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/tests/fixtures/connectors/quickbooks/auth/make-api-client.yml"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("QuickBooks fixture missing: %s", qPrintable(file.fileName()));
    return file.readAll();
}

// The QuickBooks mapping's result for a base URI and an Authorization header.
QByteArray quickBooksResult(const char *baseUri, const char *authorization)
{
    const QJsonObject headers {
        {u"Authorization"_s, QString::fromUtf8(authorization)}, {u"Accept"_s, u"application/json"_s}};
    const QJsonObject args {{u"baseUri"_s, QString::fromUtf8(baseUri)}, {u"headers"_s, headers}};
    return QJsonDocument(QJsonObject {{u"args"_s, args}}).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_MappingEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void evaluate_data();
    void evaluate();
    void evaluateDespiteCompileErrors_data();
    void evaluateDespiteCompileErrors();
    void unsupportedFormulas_data();
    void unsupportedFormulas();
    void errorInsideNestedFormula();
    void seedOAuthConfigExample();
    void expressionFromJson();
    void plainFromJson();
    void undefinedExpression();
    void runawayIterationStops();
    void runawayCopiesStop();
};

void tst_MappingEvaluator::initTestCase()
{
    // Date formulas must not depend on the desktop's time zone: run them in one far from UTC.
    qputenv("TZ", "Asia/Tokyo");
#ifdef Q_OS_WIN
    _tzset();
#else
    tzset();
#endif
    if (QDateTime(QDate(2024, 3, 5), QTime(0, 0)).offsetFromUtc() != 9 * 3600)
        qWarning("TZ=Asia/Tokyo did not take effect; the date tests run in the system zone only");
}

void tst_MappingEvaluator::evaluate_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("variables");
    QTest::addColumn<QByteArray>("expected"); // JSON text, or "undefined"

    // --- plain values and undefined-dropping ---
    addRow("scalar string", "hello", "{}", R"("hello")");
    addRow("scalar number", "42", "{}", "42");
    addRow("scalar null", "~", "{}", "null");
    addRow("empty document", "", "{}", "null");
    addRow("literal {} stays", "{}", "{}", "{}");
    addRow("literal [] stays", "[]", "{}", "[]");
    addRow("nested literals stay", "{a: {}, b: [], c: [{}]}", "{}", R"({"a": {}, "b": [], "c": [{}]})");
    addRow("missing variable drops its key", "{a: 1, b: {$var: missing}}", "{}", R"({"a": 1})");
    addRow("object whose members all vanish", "{b: {$var: missing}}", "{}", "undefined");
    addRow("vanished object drops its key", "{a: {b: {$var: missing}}, c: 1}", "{}", R"({"c": 1})");
    addRow("vanishing propagates up", "{a: {b: {c: {$var: x}}}}", "{}", "undefined");
    addRow("array drops undefined", "[1, {$var: missing}, 2]", "{}", "[1, 2]");
    addRow("array whose items all vanish", "{list: [{$var: a}, {$var: b}], k: 1}", "{}", R"({"k": 1})");
    addRow("null is a value", "{a: {$var: n}}", R"({"n": null})", R"({"a": null})");
    addRow(
        "false and 0 are values", "{a: {$var: f}, b: {$var: z}}", R"({"f": false, "z": 0})", R"({"a": false, "b": 0})");
    addRow("key order is irrelevant to the value", "{z: 1, a: 2}", "{}", R"({"a": 2, "z": 1})");
    addRow("unknown $ key after a plain key is data", "{name: x, $var: a}", "{}", R"({"name": "x", "$var": "a"})");

    // --- $var ---
    addRow("$var", "{$var: connectorParameters.clientId}", R"({"connectorParameters": {"clientId": "id-1"}})",
        R"("id-1")");
    addRow("$var with $. prefix", "{$var: $.a.b}", R"({"a": {"b": true}})", "true");
    addRow("$var root", "{$var: $}", R"({"a": 1})", R"({"a": 1})");
    addRow("$var object", "{$var: a}", R"({"a": {"b": [1, 2]}})", R"({"b": [1, 2]})");
    addRow("$var index", "{$var: '$.scopes[1]'}", R"({"scopes": ["read", "write"]})", R"("write")");
    addRow("$var falsy element reads undefined", "{v: {$var: 'list[0]'}, w: 1}", R"({"list": [0, 1]})", R"({"w": 1})");
    addRow("$var false element reads undefined", "{$var: 'list[0]'}", R"({"list": [false]})", "undefined");
    addRow("$var falsy property is kept", "{$var: flag}", R"({"flag": false})", "false");
    addRow("$var escaped dot", R"({$var: 'a\.b'})", R"({"a.b": 5, "a": {"b": 6}})", "5");
    addRow("$var index on object", "{$var: 'a[0]'}", R"({"a": {"0": 1}})", "undefined");
    addRow("$var missing deep", "{$var: a.b.c}", R"({"a": 1})", "undefined");

    // --- $concat ---
    addRow("$concat", "{$concat: ['Bearer ', {$var: t}]}", R"({"t": "abc"})", R"("Bearer abc")");
    addRow("$concat drops null, undefined and empty", "{$concat: [a, ~, '', {$var: missing}, b]}", "{}", R"("ab")");
    addRow("$concat stringifies", "{$concat: [1, 2.5, true, false, [x, y]]}", "{}", R"("12.5truefalsex,y")");
    addRow("$concat keeps 0", "{$concat: [0, a]}", "{}", R"("0a")");
    addRow("$concat values and delimiter", "{$concat: {values: [a, b, c], delimiter: ', '}}", "{}", R"("a, b, c")");
    addRow("$concat delimiter after dropping", "{$concat: {values: [a, '', ~, {$var: m}, b], delimiter: /}}", "{}",
        R"("a/b")");
    addRow("$concat default delimiter", "{$concat: {values: [a, b]}}", "{}", R"("ab")");
    addRow("$concat numeric delimiter", "{$concat: {values: [a, b], delimiter: 0}}", "{}", R"("a0b")");
    addRow("$concat nothing left", "{$concat: [~, '']}", "{}", "undefined");
    addRow("$concat nothing left drops key", "{x: {$concat: [{$var: a}]}, y: 1}", "{}", R"({"y": 1})");

    // --- $tpl ---
    addRow("$tpl", "{$tpl: {template: 'Hi {name}!', values: {name: {$var: n}}}}", R"({"n": "Ann"})", R"("Hi Ann!")");
    addRow("$tpl null is empty", "{$tpl: {template: 'Hi {name}!', values: {name: ~}}}", "{}", R"("Hi !")");
    addRow("$tpl unknown placeholder stays", "{$tpl: {template: '{a} {b}', values: {a: A}}}", "{}", R"("A {b}")");
    addRow("$tpl repeated placeholder", "{$tpl: {template: '{a}-{a}', values: {a: x}}}", "{}", R"("x-x")");
    addRow("$tpl stringifies", "{$tpl: {template: '{n}/{b}', values: {n: 5, b: true}}}", "{}", R"("5/true")");
    // connector-format.md §7: entries that evaluate to undefined are dropped, so a missing
    // variable leaves no `values` entry and its placeholder stays as written.
    addRow("$tpl missing variable keeps placeholder", "{$tpl: {template: 'Hi {name}', values: {name: {$var: x}}}}",
        "{}", R"("Hi {name}")");
    addRow("$tpl without values", "{$tpl: {template: 'plain {x}'}}", "{}", R"("plain {x}")");

    // --- $firstNotEmpty ---
    addRow("$firstNotEmpty skips null and undefined", "{$firstNotEmpty: [{$var: a}, ~, b, c]}", "{}", R"("b")");
    addRow("$firstNotEmpty empty string is a value", "{$firstNotEmpty: ['', b]}", "{}", R"("")");
    addRow("$firstNotEmpty 0 is a value", "{$firstNotEmpty: [~, 0, 1]}", "{}", "0");
    addRow("$firstNotEmpty false is a value", "{$firstNotEmpty: [{$var: f}, 1]}", R"({"f": false})", "false");
    addRow("$firstNotEmpty from a variable", "{$firstNotEmpty: [{$var: a}, {$var: b}]}", R"({"b": {"x": 1}})",
        R"({"x": 1})");
    addRow("$firstNotEmpty nothing", "{k: {$firstNotEmpty: [~, {$var: x}]}}", "{}", "undefined");

    // --- $case ---
    const QByteArray environmentCase = R"($case:
  cases:
    - filter:
        $eval: {$var: env}
        is: prod
      value: P
    - value: D
)";
    addRow("$case $eval filter matches", environmentCase, R"({"env": "prod"})", R"("P")");
    addRow("$case falls through to a case without filter", environmentCase, R"({"env": "dev"})", R"("D")");
    addRow("$case without filter matches first", "{$case: {cases: [{value: A}, {filter: true, value: B}]}}", "{}",
        R"("A")");
    addRow("$case default", "{$case: {cases: [{filter: {$var: no}, value: A}], default: {$var: d}}}",
        R"({"d": "dflt"})", R"("dflt")");
    addRow("$case no match, no default", "{k: {$case: {cases: [{filter: false, value: A}]}}}", "{}", "undefined");
    addRow("$case bare list", "{$case: [{filter: {$eval: {$var: x}, gt: 5}, value: big}, {value: small}]}",
        R"({"x": "7"})", R"("big")");
    addRow("$case bare list falls through",
        "{$case: [{filter: {$eval: {$var: x}, gt: 5}, value: big}, {value: small}]}", R"({"x": 3})", R"("small")");
    addRow("$case truthy filter", "{$case: [{filter: {$var: flag}, value: yes}]}", R"({"flag": "on"})", R"("yes")");
    addRow("$case falsy filter", "{$case: {cases: [{filter: {$var: flag}, value: A}], default: B}}", R"({"flag": 0})",
        R"("B")");
    addRow("$case $and filter",
        "{$case: [{filter: {$and: [{$eval: {$var: a}, is: 1}, {$eval: {$var: b}, is: 2}]}, value: both}, {value: no}]}",
        R"({"a": 1, "b": 2})", R"("both")");
    addRow("$case matched case without value", "{k: {$case: [{filter: true}, {value: later}]}}", "{}", "undefined");
    addRow("$case value is evaluated", "{$case: [{value: {$concat: [a, {$var: b}]}}]}", R"({"b": "c"})", R"("ac")");

    // --- $case with legacy filters: a list of {field, operator, value}, all of which must hold ---
    addLegacyRow("legacy is", "is", "Won", R"({"f": "Won"})", true);
    addLegacyRow("legacy is (no)", "is", "Won", R"({"f": "Lost"})", false);
    addLegacyRow("legacy is is loose", "is", "'1'", R"({"f": 1})", true);
    addLegacyRow("legacy is_not", "is_not", "Won", R"({"f": "Lost"})", true);
    addLegacyRow("legacy is_not (no)", "is_not", "Won", R"({"f": "Won"})", false);
    addLegacyRow("legacy is_one_of", "is_one_of", "[a, b]", R"({"f": "b"})", true);
    addLegacyRow("legacy is_one_of (no)", "is_one_of", "[a, b]", R"({"f": "c"})", false);
    addLegacyRow("legacy is_not_one_of", "is_not_one_of", "[a, b]", R"({"f": "c"})", true);
    addLegacyRow("legacy is_not_one_of (no)", "is_not_one_of", "[a, b]", R"({"f": "a"})", false);
    addLegacyRow("legacy is_true", "is_true", nullptr, R"({"f": true})", true);
    addLegacyRow("legacy is_true (no)", "is_true", nullptr, R"({"f": false})", false);
    addLegacyRow("legacy is_false", "is_false", nullptr, R"({"f": false})", true);
    addLegacyRow("legacy is_false (no)", "is_false", nullptr, R"({"f": true})", false);
    // The legacy `contains` is read like $eval's (connector-format.md §7: case-insensitive
    // substring, or array includes); the legacy operators' details are not documented.
    addLegacyRow("legacy contains", "contains", "world", R"({"f": "Hello World"})", true);
    addLegacyRow("legacy contains (no)", "contains", "planet", R"({"f": "Hello World"})", false);
    addLegacyRow("legacy contains in array", "contains", "b", R"({"f": ["a", "b"]})", true);
    addLegacyRow("legacy contains on missing field", "contains", "a", "{}", false);
    addLegacyRow("legacy does_not_contain", "does_not_contain", "x", R"({"f": "abc"})", true);
    addLegacyRow("legacy does_not_contain (no)", "does_not_contain", "X", R"({"f": "xyz"})", false);
    addLegacyRow("legacy array_includes", "array_includes", "2", R"({"f": [1, 2]})", true);
    addLegacyRow("legacy array_includes (no)", "array_includes", "3", R"({"f": [1, 2]})", false);
    addLegacyRow("legacy array_does_not_include", "array_does_not_include", "3", R"({"f": [1, 2]})", true);
    addLegacyRow("legacy array_does_not_include (no)", "array_does_not_include", "3", R"({"f": [3]})", false);
    addLegacyRow("legacy less_than", "less_than", "10", R"({"f": "5"})", true);
    addLegacyRow("legacy less_than (no)", "less_than", "10", R"({"f": 10})", false);
    addLegacyRow("legacy less_than_or_equal", "less_than_or_equal", "10", R"({"f": 10})", true);
    addLegacyRow("legacy less_than_or_equal (no)", "less_than_or_equal", "10", R"({"f": 11})", false);
    addLegacyRow("legacy more_than", "more_than", "10", R"({"f": "11"})", true);
    addLegacyRow("legacy more_than (no)", "more_than", "10", R"({"f": 10})", false);
    addLegacyRow("legacy more_than_or_equal", "more_than_or_equal", "10", R"({"f": 10})", true);
    addLegacyRow("legacy more_than_or_equal (no)", "more_than_or_equal", "10", R"({"f": 9})", false);
    addLegacyRow("legacy comparison with NaN", "more_than", "1", R"({"f": "abc"})", false);
    addLegacyRow("legacy is_empty", "is_empty", nullptr, R"({"f": ""})", true);
    addLegacyRow("legacy is_empty on missing field", "is_empty", nullptr, "{}", true);
    addLegacyRow("legacy is_empty (no)", "is_empty", nullptr, R"({"f": "x"})", false);
    addLegacyRow("legacy is_not_empty", "is_not_empty", nullptr, R"({"f": [1]})", true);
    addLegacyRow("legacy is_not_empty (no)", "is_not_empty", nullptr, R"({"f": []})", false);
    const QByteArray twoConditions = R"($case:
  cases:
    - filter:
        - field: credentials.region
          operator: is
          value: eu
        - field: credentials.tier
          operator: is_one_of
          value: [pro, enterprise]
      value: eu-pro
  default: other
)";
    addRow("legacy conditions all hold", twoConditions, R"({"credentials": {"region": "eu", "tier": "pro"}})",
        R"("eu-pro")");
    addRow("legacy conditions one fails", twoConditions, R"({"credentials": {"region": "eu", "tier": "free"}})",
        R"("other")");
    addRow("legacy empty filter matches", "{$case: [{filter: [], value: any}]}", "{}", R"("any")");

    // --- $eval: {$eval: value, <operator>: operand} ---
    addRow("$eval is", "{$eval: {$var: x}, is: true}", R"({"x": true})", "true");
    addRow("$eval is (no)", "{$eval: {$var: x}, is: true}", R"({"x": false})", "false");
    addRow("$eval is is loose", "{$eval: {$var: x}, is: 5}", R"({"x": "5"})", "true");
    addRow("$eval is: string 'true' is not true", "{$eval: {$var: x}, is: true}", R"({"x": "true"})", "false");
    addRow("$eval is: missing equals null", "{$eval: {$var: x}, is: ~}", "{}", "true");
    addRow("$eval isNot", "{$eval: {$var: x}, isNot: a}", R"({"x": "b"})", "true");
    addRow("$eval isNot (no)", "{$eval: {$var: x}, isNot: 1}", R"({"x": "1"})", "false");
    addRow("$eval oneOf", "{$eval: {$var: x}, oneOf: [a, b]}", R"({"x": "b"})", "true");
    addRow("$eval oneOf (no)", "{$eval: {$var: x}, oneOf: [a, b]}", R"({"x": "c"})", "false");
    addRow("$eval noneOf", "{$eval: {$var: x}, noneOf: [a, b]}", R"({"x": "c"})", "true");
    addRow("$eval noneOf (no)", "{$eval: {$var: x}, noneOf: [a, b]}", R"({"x": "a"})", "false");
    addRow("$eval contains substring, any case", "{$eval: {$var: x}, contains: ELL}", R"({"x": "Hello"})", "true");
    addRow("$eval contains (no)", "{$eval: {$var: x}, contains: xyz}", R"({"x": "Hello"})", "false");
    addRow("$eval contains in array", "{$eval: {$var: x}, contains: 2}", R"({"x": [1, 2]})", "true");
    addRow("$eval contains in array (no)", "{$eval: {$var: x}, contains: 3}", R"({"x": [1, 2]})", "false");
    addRow("$eval doesNotContain", "{$eval: {$var: x}, doesNotContain: z}", R"({"x": "abc"})", "true");
    addRow("$eval doesNotContain (no)", "{$eval: {$var: x}, doesNotContain: B}", R"({"x": "abc"})", "false");
    addRow("$eval doesNotContain on missing", "{$eval: {$var: x}, doesNotContain: a}", "{}", "true");
    addRow("$eval gt is numeric", "{$eval: {$var: x}, gt: 9}", R"({"x": "10"})", "true");
    addRow("$eval gt (no)", "{$eval: {$var: x}, gt: 10}", R"({"x": 10})", "false");
    addRow("$eval gt with NaN", "{$eval: {$var: x}, gt: 1}", R"({"x": "abc"})", "false");
    addRow("$eval lt with NaN", "{$eval: {$var: x}, lt: 1}", R"({"x": "abc"})", "false");
    addRow("$eval gt parses a prefix", "{$eval: {$var: x}, gt: 3}", R"({"x": "3.5kg"})", "true");
    addRow("$eval gte", "{$eval: {$var: x}, gte: 10}", R"({"x": 10})", "true");
    addRow("$eval gte (no)", "{$eval: {$var: x}, gte: 10}", R"({"x": 9.99})", "false");
    addRow("$eval lt", "{$eval: {$var: x}, lt: '2'}", R"({"x": 1})", "true");
    addRow("$eval lt (no)", "{$eval: {$var: x}, lt: 1}", R"({"x": 1})", "false");
    addRow("$eval lte", "{$eval: {$var: x}, lte: 1}", R"({"x": 1})", "true");
    addRow("$eval lte (no)", "{$eval: {$var: x}, lte: 1}", R"({"x": 2})", "false");
    addRow("$eval isEmpty on empty string", "{$eval: {$var: x}, isEmpty: true}", R"({"x": ""})", "true");
    addRow("$eval isEmpty on missing", "{$eval: {$var: x}, isEmpty: true}", "{}", "true");
    addRow("$eval isEmpty on null", "{$eval: {$var: x}, isEmpty: true}", R"({"x": null})", "true");
    addRow("$eval isEmpty on []", "{$eval: {$var: x}, isEmpty: true}", R"({"x": []})", "true");
    addRow("$eval isEmpty on {}", "{$eval: {$var: x}, isEmpty: true}", R"({"x": {}})", "true");
    addRow("$eval isEmpty on 0", "{$eval: {$var: x}, isEmpty: true}", R"({"x": 0})", "false");
    addRow("$eval isEmpty on text", "{$eval: {$var: x}, isEmpty: true}", R"({"x": "a"})", "false");
    // D-formulas: "isEmpty - value is empty (...). Operand is ignored." So `isEmpty: false` still
    // asks whether the value is empty.
    addRow("$eval isEmpty: false ignores the operand", "{$eval: {$var: x}, isEmpty: false}", R"({"x": ""})", "true");
    addRow("$eval isEmpty: false on text", "{$eval: {$var: x}, isEmpty: false}", R"({"x": "a"})", "false");
    addRow("$eval isEmpty without operand", "{$eval: {$var: x}, isEmpty: ~}", R"({"x": ""})", "true");
    addRow("$eval isNotEmpty", "{$eval: {$var: x}, isNotEmpty: true}", R"({"x": "a"})", "true");
    addRow("$eval isNotEmpty (no)", "{$eval: {$var: x}, isNotEmpty: true}", R"({"x": []})", "false");
    addRow("$eval isNotEmpty: false ignores the operand", "{$eval: {$var: x}, isNotEmpty: false}", R"({"x": "a"})",
        "true");

    // --- $and / $or ---
    addRow("$and all true", "{$and: [true, {$eval: 1, is: 1}]}", "{}", "true");
    addRow("$and one false", "{$and: [true, false]}", "{}", "false");
    addRow("$and truthy values", "{$and: [1, x, [ ]]}", "{}", "true");
    addRow("$and ignores null and undefined", "{$and: [true, ~, {$var: missing}]}", "{}", "true");
    addRow("$and of nulls", "{k: {$and: [~, {$var: missing}]}, z: 1}", "{}", R"({"z": 1})");
    addRow("$and of nothing", "{$and: []}", "{}", "undefined");
    addRow("$or one true", "{$or: [false, {$var: a}]}", R"({"a": "x"})", "true");
    addRow("$or all false", "{$or: [false, 0, '']}", "{}", "false");
    addRow("$or ignores null", "{$or: [~, false]}", "{}", "false");
    addRow("$or of nulls", "{$or: [~, ~]}", "{}", "undefined");
    addRow("$or of $eval", "{$or: [{$eval: {$var: s}, is: Open}, {$var: isActive}]}",
        R"({"s": "Open", "isActive": false})", "true");

    // --- $map ---
    const QByteArray statusMap = R"($map:
  value:
    $var: $.status
  mapping:
    - from: ToDo
      to: Open
    - from: In Progress
      to: Open
    - from: Done
      to: Closed
  default: Unknown Status
)";
    addRow("$map", statusMap, R"({"status": "Done"})", R"("Closed")");
    addRow("$map default", statusMap, R"({"status": "Other"})", R"("Unknown Status")");
    addRow("$map missing value takes default", statusMap, "{}", R"("Unknown Status")");
    addRow("$map no default", "{m: {$map: {value: x, mapping: [{from: y, to: z}]}}, k: 1}", "{}", R"({"k": 1})");
    addRow("$map loose ==", "{$map: {value: {$var: n}, mapping: [{from: '1', to: one}]}}", R"({"n": 1})", R"("one")");
    addRow("$map deep-equal objects", "{$map: {value: {$var: o}, mapping: [{from: {a: [1]}, to: same}]}}",
        R"({"o": {"a": [1]}})", R"("same")");
    addRow("$map first match wins", "{$map: {value: 1, mapping: [{from: 1, to: first}, {from: '1', to: second}]}}",
        "{}", R"("first")");
    addRow("$map to is evaluated", "{$map: {value: a, mapping: [{from: a, to: {$var: t}}]}}", R"({"t": [1]})", "[1]");
    // One line of D-formulas writes `mappings`; accepted as an alias.
    addRow("$map mappings alias", "{$map: {value: b, mappings: [{from: a, to: 1}, {from: b, to: 2}]}}", "{}", "2");

    // --- $mergeObjects ---
    addRow("$mergeObjects left to right", "{$mergeObjects: [{a: 1, b: 1}, {b: 2, c: 3}]}", "{}",
        R"({"a": 1, "b": 2, "c": 3})");
    addRow("$mergeObjects is shallow", "{$mergeObjects: [{a: {x: 1}}, {a: {y: 2}}]}", "{}", R"({"a": {"y": 2}})");
    addRow("$mergeObjects skips non-objects", "{$mergeObjects: [{a: 1}, 5, ~, {$var: missing}, [1]]}", "{}",
        R"({"a": 1})");
    addRow("$mergeObjects from variables", "{$mergeObjects: [{$var: x}, {b: 2}]}", R"({"x": {"a": 1, "b": 1}})",
        R"({"a": 1, "b": 2})");
    addRow("$mergeObjects empty", "{$mergeObjects: []}", "{}", "undefined");

    // --- $plain ---
    addRow("$plain formula verbatim", "{$plain: {$var: x}}", R"({"x": 1})", R"({"$var": "x"})");
    addRow("$plain documentation example", "$plain:\n  $firstName:\n    $var: fullName\n", R"({"fullName": "A B"})",
        R"({"$firstName": {"$var": "fullName"}})");
    addRow("$plain nested", "{a: {$plain: [1, {$jsonata: '$sum(x)'}]}}", "{}",
        R"json({"a": [1, {"$jsonata": "$sum(x)"}]})json");
    addRow("$plain null", "{a: {$plain: ~}}", "{}", R"({"a": null})");
    addRow("$plain empty object", "{$plain: {}}", "{}", "{}");

    // --- $iterate ---
    const QByteArray contacts = R"($iterate:
  source:
    $var: $.contacts
  item:
    name:
      $var: $.item.name
    tags:
      $var: $.parent.tags
)";
    addRow("$iterate item and parent", contacts, R"({"contacts": [{"name": "a"}, {"name": "b"}], "tags": ["x"]})",
        R"([{"name": "a", "tags": ["x"]}, {"name": "b", "tags": ["x"]}])");
    addRow("$iterate index", "{$iterate: {source: [a, b], item: {$concat: [{$var: index}, ':', {$var: item}]}}}", "{}",
        R"(["0:a", "1:b"])");
    addRow("$iterate drops falsy results", "{$iterate: {source: {$var: s}, item: {$var: item}}}",
        R"({"s": [1, 0, 2, "", false, null, "x"]})", R"([1, 2, "x"])");
    addRow("$iterate drops index 0", "{$iterate: {source: [a, b, c], item: {$var: index}}}", "{}", "[1, 2]");
    addRow("$iterate empty source", "{$iterate: {source: [], item: 1}}", "{}", "undefined");
    addRow("$iterate non-list source", "{$iterate: {source: abc, item: 1}}", "{}", "undefined");
    addRow("$iterate missing source drops key", "{a: {$iterate: {source: {$var: s}, item: 1}}, b: 2}", "{}",
        R"({"b": 2})");
    addRow("$iterate nested",
        "{$iterate: {source: [1, 2], item: {$iterate: {source: [a], item: {$concat: [{$var: parent.item}, {$var: "
        "item}]}}}}}",
        "{}", R"([["1a"], ["2a"]])");
    addRow("$iterate sees outer variables", "{$iterate: {source: [1], item: {$var: prefix}}}", R"({"prefix": "p"})",
        R"(["p"])");

    // --- $copy ---
    addRow("$copy documentation example",
        "{firstName: {$firstName: {$var: fullName}}, preferredName: {$copy: firstName}}",
        R"({"fullName": "John Snow"})", R"({"firstName": "John", "preferredName": "John"})");
    addRow("$copy of a later field", "{b: {$copy: a}, a: 1}", "{}", R"({"a": 1, "b": 1})");
    addRow("$copy nested path", "{a: {b: 2}, c: {$copy: a.b}}", "{}", R"({"a": {"b": 2}, "c": 2})");
    addRow("$copy of an object", "{a: {x: [1]}, b: {$copy: a}}", "{}", R"({"a": {"x": [1]}, "b": {"x": [1]}})");
    addRow("$copy in a list", "{a: 1, list: [{$copy: a}, 2]}", "{}", R"({"a": 1, "list": [1, 2]})");
    addRow("$copy missing drops key", "{a: 1, b: {$copy: missing}}", "{}", R"({"a": 1})");
    // The §7 rule (an object whose entries all vanish vanishes too) applies after copying as well.
    addRow("$copy missing empties parent", "{a: {b: {$copy: missing}}, c: 1}", "{}", R"({"c": 1})");
    addRow("$copy uses the result, not the variables", "{a: 1, b: {$copy: v}}", R"({"v": 2})", R"({"a": 1})");
    // A copy of another copy gets nothing for it (copies are resolved in one pass), which also ends
    // self-references; the placeholder never leaks into the result.
    addRow("$copy of a copy", "{a: 1, b: {$copy: a}, c: {$copy: b}}", "{}", R"({"a": 1, "b": 1})");
    addRow("$copy of the whole result", "{a: 1, b: {$copy: $}}", "{}", R"({"a": 1, "b": {"a": 1}})");
    addRow("$copy of its own parent", "{a: {x: 1, self: {$copy: a}}}", "{}", R"({"a": {"x": 1, "self": {"x": 1}}})");

    // --- $firstName / $lastName ---
    addRow("$firstName", "{$firstName: {$var: n}}", R"({"n": "John Snow"})", R"("John")");
    addRow("$lastName", "{$lastName: {$var: n}}", R"({"n": "John Snow"})", R"("Snow")");
    addRow("single word is a last name", "{first: {$firstName: Cher}, last: {$lastName: Cher}}", "{}",
        R"({"last": "Cher"})");
    addRow("names ignore extra spaces", "{first: {$firstName: '  John   Snow '}, last: {$lastName: '  John   Snow '}}",
        "{}", R"({"first": "John", "last": "Snow"})");
    addRow("$lastName of a number", "{$lastName: 42}", "{}", "undefined");
    addRow("$firstName of nothing", "{$firstName: ''}", "{}", "undefined");

    // --- $extractDate / $extractTime (UTC) ---
    addRow("$extractDate positive offset", "{$extractDate: '2024-03-05T23:30:00+02:00'}", "{}", R"("2024-03-05")");
    addRow("$extractDate negative offset crosses midnight", "{$extractDate: '2024-03-05T23:30:00-02:00'}", "{}",
        R"("2024-03-06")");
    addRow("$extractTime positive offset", "{$extractTime: '2024-03-05T23:30:00+02:00'}", "{}", R"("21:30:00")");
    addRow("$extractTime negative offset", "{$extractTime: '2024-03-05T23:30:00-02:00'}", "{}", R"("01:30:00")");
    addRow("$extractTime Z with milliseconds", "{$extractTime: '2024-03-05T10:15:30.250Z'}", "{}", R"("10:15:30")");
    addRow("$extractDate from a variable", "{$extractDate: {$var: t}}", R"({"t": "2023-12-31T23:59:59Z"})",
        R"("2023-12-31")");
    addRow("$extractDate epoch milliseconds", "{$extractDate: 1700000000000}", "{}", R"("2023-11-14")");
    addRow("$extractTime epoch milliseconds", "{$extractTime: 1700000000000}", "{}", R"("22:13:20")");
    addRow("$extractDate epoch 0", "{$extractDate: {$var: t}}", R"({"t": 0})", R"("1970-01-01")");
    addRow("$extractTime epoch 0", "{$extractTime: 0}", "{}", R"("00:00:00")");
    // Without an offset the time is read as UTC (as on the platform's servers), never in the
    // desktop's zone; a date alone is UTC midnight, as in JavaScript.
    addRow("$extractDate date only", "{$extractDate: 2024-03-05}", "{}", R"("2024-03-05")");
    addRow("$extractTime date only", "{$extractTime: 2024-03-05}", "{}", R"("00:00:00")");
    addRow("$extractTime without offset", "{$extractTime: '2024-03-05T10:15:30'}", "{}", R"("10:15:30")");
    addRow("$extractDate without offset", "{$extractDate: '2024-03-05T23:30:00'}", "{}", R"("2024-03-05")");
    addRow("$extractDate of text", "{$extractDate: soon}", "{}", "undefined");
    addRow("$extractTime of a boolean", "{$extractTime: true}", "{}", "undefined");
    addRow("$extractDate missing drops key", "{d: {$extractDate: {$var: t}}, k: 1}", "{}", R"({"k": 1})");

    // --- $domainFromEmail ---
    addRow("$domainFromEmail", "{$domainFromEmail: {$var: e}}", R"({"e": "john@example.com"})", R"("example.com")");
    addRow("$domainFromEmail without @", "{$domainFromEmail: no-at-sign}", "{}", "undefined");
    addRow("$domainFromEmail nothing after @", "{$domainFromEmail: 'john@'}", "{}", "undefined");
    addRow("$domainFromEmail of a number", "{$domainFromEmail: 5}", "{}", "undefined");

    // --- $record ---
    addRow("$record", "{$record: {id: 42, name: x}}", "{}", "42");
    addRow("$record from a variable", "{$record: {$var: contact}}", R"({"contact": {"id": "c1"}})", R"("c1")");
    addRow("$record without id", "{$record: {name: x}}", "{}", "undefined");
    addRow("$record of text", "{$record: abc}", "{}", "undefined");

    // --- $formula: only $var inside is resolved; the result is the formula itself ---
    const QByteArray formulaExample = R"(unifiedFieldsToNative:
  parent:
    $formula:
      $firstNotEmpty:
        - $var: $.contactId
        - $var: $.companyId
)";
    addRow("$formula documentation example", formulaExample,
        R"({"contactId": {"$var": "$.input.contactId"}, "companyId": {"$var": "$.input.companyId"}})",
        R"({"unifiedFieldsToNative": {"parent": {"$firstNotEmpty": [{"$var": "$.input.contactId"}, {"$var": "$.input.companyId"}]}}})");
    addRow("$formula keeps other formulas", "{$formula: {$concat: [{$var: a}, x]}}", R"({"a": "A"})",
        R"({"$concat": ["A", "x"]})");
    addRow("$formula drops missing variables", "{$formula: {$firstNotEmpty: [{$var: a}, {$var: missing}, z]}}",
        R"({"a": "A"})", R"({"$firstNotEmpty": ["A", "z"]})");
    addRow("$formula of a $var", "{$formula: {$var: a}}", R"({"a": "A"})", R"("A")");
    addRow("$formula of plain data", "{$formula: {a: {$var: a}, b: [1]}}", R"({"a": "A"})", R"({"a": "A", "b": [1]})");

    // --- the QuickBooks makeApiClient mapping (connector-format.md §10.1) ---
    addRow("QuickBooks sandbox", quickBooksApiClient(),
        R"({"credentials": {"access_token": "tok", "realmId": "123", "isSandbox": true}})",
        quickBooksResult("https://sandbox-quickbooks.api.intuit.com/v3/company/123", "Bearer tok"));
    addRow("QuickBooks production", quickBooksApiClient(),
        R"({"credentials": {"access_token": "tok", "realmId": "123", "isSandbox": false}})",
        quickBooksResult("https://quickbooks.api.intuit.com/v3/company/123", "Bearer tok"));
    addRow("QuickBooks isSandbox missing", quickBooksApiClient(),
        R"({"credentials": {"access_token": "tok", "realmId": "9"}})",
        quickBooksResult("https://quickbooks.api.intuit.com/v3/company/9", "Bearer tok"));
    addRow("QuickBooks isSandbox 'true' is not true", quickBooksApiClient(),
        R"({"credentials": {"access_token": "tok", "realmId": "9", "isSandbox": "true"}})",
        quickBooksResult("https://quickbooks.api.intuit.com/v3/company/9", "Bearer tok"));
    addRow("QuickBooks isSandbox 1 == true", quickBooksApiClient(),
        R"({"credentials": {"access_token": "tok", "realmId": "9", "isSandbox": 1}})",
        quickBooksResult("https://sandbox-quickbooks.api.intuit.com/v3/company/9", "Bearer tok"));
    addRow("QuickBooks without credentials", quickBooksApiClient(), "{}",
        quickBooksResult("https://quickbooks.api.intuit.com/v3/company", "Bearer "));
}

void tst_MappingEvaluator::evaluate()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, variables);
    QFETCH(QByteArray, expected);

    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    const auto result = MappingEvaluator(json(variables).toObject()).evaluate(compiled.expression);
    QVERIFY2(result.hasValue(), qPrintable(errorOf(result)));
    const QJsonValue wanted = json(expected);
    QCOMPARE(compactJson(result.value()), compactJson(wanted));
    QCOMPARE(result.value().type(), wanted.type());
    QCOMPARE(result.value(), wanted);
}

void tst_MappingEvaluator::evaluateDespiteCompileErrors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("variables");
    QTest::addColumn<QByteArray>("expected");

    // The loader refuses these mappings; the evaluator still gives the platform's answer.
    addRow("$eval unknown operator is true", "{$eval: 1, equals: 2}", "{}", "true");
    addRow("$eval without operator is true", "{$eval: 1}", "{}", "true");
    addRow("$var malformed path is null", "{$var: 'a..b'}", R"({"a": {"b": 1}})", "null");
    addRow("$var malformed path keeps its key", "{k: {$var: 'a['}}", "{}", R"({"k": null})");
    addRow(
        "unknown $ key is plain data", "{$template: 'Bearer ${token}'}", "{}", R"({"$template": "Bearer ${token}"})");
    addRow(
        "$case does not evaluate later cases", "{$case: [{value: first}, {value: {$jsonata: x}}]}", "{}", R"("first")");
    addRow("$firstNotEmpty stops at the first value", "{$firstNotEmpty: [a, {$lookup: {query: {}}}]}", "{}", R"("a")");
}

void tst_MappingEvaluator::evaluateDespiteCompileErrors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, variables);
    QFETCH(QByteArray, expected);

    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    QVERIFY(hasErrors(compiled.diagnostics));
    const auto result = MappingEvaluator(json(variables).toObject()).evaluate(compiled.expression);
    QVERIFY2(result.hasValue(), qPrintable(errorOf(result)));
    QCOMPARE(compactJson(result.value()), compactJson(json(expected)));
    QCOMPARE(result.value(), json(expected));
}

void tst_MappingEvaluator::unsupportedFormulas_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("line");

    QTest::addRow("$jsonata") << QByteArray("a: 1\nb:\n  $jsonata: $sum($.x)\n") << u"$jsonata"_s << 3;
    QTest::addRow("$lookup") << QByteArray("$lookup: {query: {email: x}}\n") << u"$lookup"_s << 1;
    QTest::addRow("$findExternalRecordId")
        << QByteArray("- 1\n- $findExternalRecordId: {recordId: x}\n") << u"$findExternalRecordId"_s << 2;
    QTest::addRow("$findAppRecordId") << QByteArray("x: {$findAppRecordId: {recordId: x}}\n") << u"$findAppRecordId"_s
                                      << 1;
    QTest::addRow("$dataSchemaRef") << QByteArray("fields:\n  $dataSchemaRef: {type: data-collection, key: contacts}\n")
                                    << u"$dataSchemaRef"_s << 2;
}

void tst_MappingEvaluator::unsupportedFormulas()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, name);
    QFETCH(int, line);

    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    QVERIFY(hasErrors(compiled.diagnostics));
    const auto result = MappingEvaluator(QJsonObject {{u"x"_s, 1}}).evaluate(compiled.expression);
    // An error, not a (silently wrong) value.
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::Validation);
    QVERIFY2(result.error().message.startsWith(name + u" is not supported in Authdesk"_s),
        qPrintable(result.error().message));
    QVERIFY2(result.error().message.endsWith(u" (line %1)"_s.arg(line)), qPrintable(result.error().message));
}

void tst_MappingEvaluator::errorInsideNestedFormula()
{
    const QByteArray yaml = "headers:\n"
                            "  X:\n"
                            "    $iterate:\n"
                            "      source: [1, 2]\n"
                            "      item:\n"
                            "        $concat: [a, {$jsonata: x}]\n";
    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    const auto result = MappingEvaluator({}).evaluate(compiled.expression);
    QVERIFY(!result.hasValue());
    QVERIFY2(result.error().message.contains(u"$jsonata"_s), qPrintable(result.error().message));
    QVERIFY2(result.error().message.endsWith(u"(line 6)"_s), qPrintable(result.error().message));
}

void tst_MappingEvaluator::seedOAuthConfigExample()
{
    // The getOAuthConfig mapping of the document Authdesk implements, read from it at run time.
    const QString path
        = QDir::cleanPath(QString::fromUtf8(AUTHDESK_TEST_SOURCE_DIR) + u"/../shared/reference/seed-oauth2.md"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(u"%1 is not available"_s.arg(path)));
    const QByteArray document = file.readAll();
    const QByteArray marker = "# File: auth/get-oauth-config.map.yml\n";
    const qsizetype start = document.indexOf(marker);
    QVERIFY(start >= 0);
    const qsizetype end = document.indexOf("```", start);
    QVERIFY(end > start);
    const QByteArray yaml = document.mid(start, end - start);

    const auto compiled = ExpressionCompiler::compileText(yaml, u"auth/get-oauth-config.map.yml"_s);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    QStringList keys;
    for (const auto &member : compiled.expression.members())
        keys.append(member.first);
    QCOMPARE(keys,
        (QStringList {u"clientId"_s, u"clientSecret"_s, u"authorizeUri"_s, u"tokenUri"_s, u"scopes"_s,
            u"clientAuthLocation"_s, u"noRefreshToken"_s, u"skipPkce"_s, u"extra"_s}));

    const QJsonObject variables
        = json("{\"connectorParameters\": {\"clientId\": \"cid\", \"clientSecret\": \"s3cret\"}, "
               "\"redirectUri\": \"http://127.0.0.1:4321/callback\", \"state\": \"xyz\"}")
              .toObject();
    const auto config = MappingEvaluator(variables).evaluate(compiled.expression);
    QVERIFY(config.hasValue());
    const QJsonValue expected
        = json("{\"clientId\": \"cid\", \"clientSecret\": \"s3cret\", "
               "\"authorizeUri\": \"https://auth.example.com/oauth2/authorize\", "
               "\"tokenUri\": \"https://auth.example.com/oauth2/token\", \"scopes\": [\"read\", \"write\"], "
               "\"clientAuthLocation\": \"body\", \"noRefreshToken\": false, \"skipPkce\": false, "
               "\"extra\": {\"prompt\": \"consent\", \"access_type\": \"offline\"}}");
    QCOMPARE(compactJson(config.value()), compactJson(expected));

    // Without a client secret (a public client) the key is absent, not null.
    const auto publicClient = MappingEvaluator(json(R"({"connectorParameters": {"clientId": "cid"}})").toObject())
                                  .evaluate(compiled.expression);
    QVERIFY(publicClient.hasValue());
    QVERIFY(!publicClient.value().toObject().contains(u"clientSecret"_s));
    QCOMPARE(publicClient.value().toObject().value(u"clientId"_s), QJsonValue(u"cid"_s));
}

void tst_MappingEvaluator::expressionFromJson()
{
    // Expression::fromJson (JSON mappings): same detection and semantics, keys in sorted order.
    const QJsonValue mapping = json(R"({"a": {"$var": "v"}, "b": {"$eval": {"$var": "n"}, "gt": 3},
        "c": {"$concat": {"values": ["x", {"$var": "missing"}, "y"], "delimiter": "-"}}, "d": {"name": 1, "$var": "v"}})");
    const Expression expression = Expression::fromJson(mapping);
    const auto result = MappingEvaluator(json(R"({"v": "V", "n": "4"})").toObject()).evaluate(expression);
    QVERIFY(result.hasValue());
    // In "d" the sorted first key is "$var", so JSON input makes it a formula (hence "prefer the
    // YAML compiler" in expression.h).
    QCOMPARE(compactJson(result.value()), compactJson(json(R"({"a": "V", "b": true, "c": "x-y", "d": "V"})")));
}

void tst_MappingEvaluator::plainFromJson()
{
    const Expression expression
        = Expression::fromJson(json(R"({"k": {"$plain": {"$var": "x", "other": [1, {"$tpl": {}}]}}})"));
    const auto result = MappingEvaluator(json(R"({"x": 1})").toObject()).evaluate(expression);
    QVERIFY(result.hasValue());
    QCOMPARE(compactJson(result.value()), compactJson(json(R"({"k": {"$var": "x", "other": [1, {"$tpl": {}}]}})")));
}

void tst_MappingEvaluator::undefinedExpression()
{
    const auto result = MappingEvaluator({}).evaluate(Expression());
    QVERIFY(result.hasValue());
    QVERIFY(result.value().isUndefined());
}

void tst_MappingEvaluator::runawayIterationStops()
{
    // Nine nested $iterate over ten items: a one-line mapping asking for 10^9 evaluations.
    QByteArray yaml = "x";
    for (int level = 0; level < 9; ++level)
        yaml = "{$iterate: {source: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], item: " + yaml + "}}";
    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    QElapsedTimer timer;
    timer.start();
    const auto result = MappingEvaluator({}).evaluate(compiled.expression);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::Validation);
    QVERIFY2(result.error().message.contains(u"too much work"_s), qPrintable(result.error().message));

    // Three levels (1110 evaluations) are fine.
    const auto small = MappingEvaluator({}).evaluate(ExpressionCompiler::compileText(
        "{$iterate: {source: [1, 2], item: {$iterate: {source: [1, 2], item: x}}}}", u"mapping.yml"_s)
                                                         .expression);
    QVERIFY(small.hasValue());
    QCOMPARE(small.value(), json(R"([["x", "x"], ["x", "x"]])"));
}

void tst_MappingEvaluator::runawayCopiesStop()
{
    // 15000 copies of the whole result, which holds 15000 values and the copies themselves.
    QByteArray yaml = "a: [";
    for (int i = 0; i < 15000; ++i)
        yaml += i ? ", 1" : "1";
    yaml += "]\n";
    for (int i = 0; i < 15000; ++i)
        yaml += "b" + QByteArray::number(i) + ": {$copy: $}\n";
    const auto compiled = ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    QElapsedTimer timer;
    timer.start();
    const auto result = MappingEvaluator({}).evaluate(compiled.expression);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QVERIFY(!result.hasValue());
    QVERIFY2(result.error().message.contains(u"too much work"_s), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(tst_MappingEvaluator)
#include "tst_mappingevaluator.moc"
