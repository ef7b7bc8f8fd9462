#include "mapping/expressioncompiler.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "jsontext.h"

#include <QTest>

#include "testprinting.h"

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::Test;

namespace {

using Compiled = ExpressionCompiler::Compiled;

Compiled compile(const QByteArray &yaml)
{
    return ExpressionCompiler::compileText(yaml, u"mapping.yml"_s);
}



QString memberKeys(const Expression &expression)
{
    QStringList keys;
    for (const auto &member : expression.members())
        keys.append(member.first);
    return keys.join(u'|');
}

QByteArray nestedLists(int levels)
{
    return QByteArray(levels, '[') + QByteArray(levels, ']');
}

} // namespace

class tst_ExpressionCompiler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formulaDetection_data();
    void formulaDetection();
    void unknownFormula_data();
    void unknownFormula();
    void unsupportedFormula_data();
    void unsupportedFormula();
    void malformedFormula_data();
    void malformedFormula();
    void wellFormedFormulas_data();
    void wellFormedFormulas();
    void yamlSyntaxError_data();
    void yamlSyntaxError();
    void keyOrderPreserved();
    void plainArgumentNotCompiled();
    void formulaArgumentIsCompiled();
    void duplicateKeys_data();
    void duplicateKeys();
    void keyNextToFormulaIsAWarning();
    void nonScalarKeyNextToFormula();
    void positions();
    void toJsonWritesFormulasBack();
    void deepNesting();
    void yamlDepthGuard();
    void billionLaughs();
    void billionLaughsThroughPlain();
};

void tst_ExpressionCompiler::formulaDetection_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("kind"); // Expression::Kind
    QTest::addColumn<int>("formula"); // Formula, when kind is Formula
    QTest::addColumn<QString>("members");
    QTest::addColumn<bool>("diagnosed");

    QTest::addRow("formula") << QByteArray("$var: a") << int(Expression::Kind::Formula) << int(Formula::Var) << u""_s
                             << false;
    QTest::addRow("quoted formula key") << QByteArray("'$var': a") << int(Expression::Kind::Formula)
                                        << int(Formula::Var) << u""_s << false;
    QTest::addRow("flow formula") << QByteArray("{$concat: [a, b]}") << int(Expression::Kind::Formula)
                                  << int(Formula::Concat) << u""_s << false;
    // Only the FIRST key decides: a `$` key after a plain key is plain data.
    QTest::addRow("formula key second") << QByteArray("{name: x, $var: a}") << int(Expression::Kind::Object)
                                        << int(Formula::Var) << u"name|$var"_s << false;
    QTest::addRow("formula key first, plain key second")
        << QByteArray("{$var: a, name: x}") << int(Expression::Kind::Formula) << int(Formula::Var) << u"name"_s << true;
    QTest::addRow("$eval operator") << QByteArray("{$eval: 1, is: 1}") << int(Expression::Kind::Formula)
                                    << int(Formula::Eval) << u"is"_s << false;
    // Unknown `$` keys are plain data (and reported).
    QTest::addRow("unknown $ key") << QByteArray("{$template: x}") << int(Expression::Kind::Object) << int(Formula::Var)
                                   << u"$template"_s << true;
    QTest::addRow("case matters") << QByteArray("{$Var: a}") << int(Expression::Kind::Object) << int(Formula::Var)
                                  << u"$Var"_s << true;
    QTest::addRow("lone dollar") << QByteArray("{$: a}") << int(Expression::Kind::Object) << int(Formula::Var) << u"$"_s
                                 << true;
    QTest::addRow("dollar in value only")
        << QByteArray("{a: $var}") << int(Expression::Kind::Object) << int(Formula::Var) << u"a"_s << false;
    QTest::addRow("empty object") << QByteArray("{}") << int(Expression::Kind::Object) << int(Formula::Var) << u""_s
                                  << false;
    QTest::addRow("list") << QByteArray("[{$var: a}]") << int(Expression::Kind::Array) << int(Formula::Var) << u""_s
                          << false;
    QTest::addRow("scalar") << QByteArray("$var") << int(Expression::Kind::Literal) << int(Formula::Var) << u""_s
                            << false;
    QTest::addRow("$record") << QByteArray("$record: {id: 1}") << int(Expression::Kind::Formula) << int(Formula::Record)
                             << u""_s << false;
    QTest::addRow("$formula") << QByteArray("$formula: {$var: a}") << int(Expression::Kind::Formula)
                              << int(Formula::FormulaOf) << u""_s << false;
    QTest::addRow("$domainFromEmail") << QByteArray("$domainFromEmail: a@b.c") << int(Expression::Kind::Formula)
                                      << int(Formula::DomainFromEmail) << u""_s << false;
}

void tst_ExpressionCompiler::formulaDetection()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, kind);
    QFETCH(int, formula);
    QFETCH(QString, members);
    QFETCH(bool, diagnosed);

    const Compiled compiled = compile(yaml);
    QCOMPARE(int(compiled.expression.kind()), kind);
    if (kind == int(Expression::Kind::Formula))
        QCOMPARE(int(compiled.expression.formulaType()), formula);
    QCOMPARE(memberKeys(compiled.expression), members);
    QCOMPARE(!compiled.diagnostics.isEmpty(), diagnosed);
}

void tst_ExpressionCompiler::unknownFormula_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("hint");

    // The D-cc documentation writes `$template`; the engine only knows `$tpl`.
    QTest::addRow("$template") << QByteArray("headers:\n"
                                             "  Authorization:\n"
                                             "    $template: \"Bearer ${credentials.access_token}\"\n")
                               << u"$template"_s << 3 << 5 << u"; did you mean $tpl (with {name} placeholders)?"_s;
    QTest::addRow("$if") << QByteArray("$if: {a: 1}\n") << u"$if"_s << 1 << 1 << u"; did you mean $case?"_s;
    QTest::addRow("$switch") << QByteArray("- 1\n- $switch: []\n") << u"$switch"_s << 2 << 3
                             << u"; did you mean $case?"_s;
    QTest::addRow("$join") << QByteArray("x: {$join: [a, b]}\n") << u"$join"_s << 1 << 5
                           << u"; did you mean $concat?"_s;
    QTest::addRow("$merge") << QByteArray("x:\n  y:\n    $merge: []\n") << u"$merge"_s << 3 << 5
                            << u"; did you mean $mergeObjects?"_s;
    QTest::addRow("$literal") << QByteArray("$literal: x\n") << u"$literal"_s << 1 << 1 << u"; did you mean $plain?"_s;
    QTest::addRow("$raw") << QByteArray("a: 1\nb: {$raw: x}\n") << u"$raw"_s << 2 << 5 << u"; did you mean $plain?"_s;
    QTest::addRow("$Var") << QByteArray("$Var: a\n") << u"$Var"_s << 1 << 1 << u"; did you mean $var?"_s;
    QTest::addRow("$firstnotempty") << QByteArray("x:\n  $firstnotempty: [a]\n") << u"$firstnotempty"_s << 2 << 3
                                    << u"; did you mean $firstNotEmpty?"_s;
    QTest::addRow("$foo") << QByteArray("x: {$foo: 1}\n") << u"$foo"_s << 1 << 5 << u""_s;
}

void tst_ExpressionCompiler::unknownFormula()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, key);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, hint);

    const Compiled compiled = compile(yaml);
    QCOMPARE(compiled.diagnostics.size(), 1);
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::UnknownFormula);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QCOMPARE(diagnostic.file, u"mapping.yml"_s);
    QCOMPARE(diagnostic.line, line);
    QCOMPARE(diagnostic.column, column);
    const QString message = u"unknown formula \"%1\"%2"_s.arg(key, hint);
    QCOMPARE(diagnostic.message, message);
    QCOMPARE(diagnostic.toString(), u"mapping.yml:%1:%2: %3"_s.arg(line).arg(column).arg(message));
}

void tst_ExpressionCompiler::unsupportedFormula_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::addRow("$jsonata") << QByteArray("sum:\n  $jsonata: $sum($.products.price)\n") << u"$jsonata"_s << 2 << 3;
    QTest::addRow("$lookup") << QByteArray("contactId:\n  $lookup:\n    query:\n      email: a@example.com\n")
                             << u"$lookup"_s << 2 << 3;
    QTest::addRow("$findExternalRecordId")
        << QByteArray("- $findExternalRecordId:\n    dataLinkTable: {key: person-to-lead}\n    recordId: leadId\n")
        << u"$findExternalRecordId"_s << 1 << 3;
    QTest::addRow("$findAppRecordId") << QByteArray("a: {$findAppRecordId: {recordId: x}}\n") << u"$findAppRecordId"_s
                                      << 1 << 5;
    QTest::addRow("$dataSchemaRef") << QByteArray("type: object\n"
                                                  "properties:\n"
                                                  "  fields:\n"
                                                  "    $dataSchemaRef:\n"
                                                  "      type: data-collection\n"
                                                  "      key: contacts\n")
                                    << u"$dataSchemaRef"_s << 4 << 5;
    QTest::addRow("nested in another formula")
        << QByteArray("$concat:\n  - a\n  - $jsonata: x\n") << u"$jsonata"_s << 3 << 5;
}

void tst_ExpressionCompiler::unsupportedFormula()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, name);
    QFETCH(int, line);
    QFETCH(int, column);

    const Compiled compiled = compile(yaml);
    QCOMPARE(compiled.diagnostics.size(), 1);
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::UnsupportedFormula);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QCOMPARE(diagnostic.line, line);
    QCOMPARE(diagnostic.column, column);
    QVERIFY2(diagnostic.message.startsWith(name + u" is not supported in Authdesk"_s), qPrintable(diagnostic.message));
}

void tst_ExpressionCompiler::malformedFormula_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    // The position is the offending argument, or the formula key when the argument is missing.
    QTest::addRow("$var with a list") << QByteArray("clientId:\n  $var: [a, b]\n") << 2 << 9
                                      << u"$var expects a path such as connectorParameters.clientId, got a list"_s;
    QTest::addRow("$var with a block list")
        << QByteArray("clientId:\n  $var:\n    - a\n") << 3 << 5
        << u"$var expects a path such as connectorParameters.clientId, got a list"_s;
    QTest::addRow("$var with a mapping")
        << QByteArray("x: {$var: {a: 1}}\n") << 1 << 11
        << u"$var expects a path such as connectorParameters.clientId, got a mapping"_s;
    QTest::addRow("$var without a path") << QByteArray(
        "x:\n  $var:\n") << 2 << 3 << u"$var expects a path such as connectorParameters.clientId, got nothing (null)"_s;
    QTest::addRow("$var malformed path") << QByteArray("x: {$var: 'a..b'}\n") << 1 << 11
                                         << u"$var path \"a..b\" is malformed"_s;
    QTest::addRow("$copy with a list") << QByteArray("x: {$copy: [a]}\n") << 1 << 12
                                       << u"$copy expects a path such as connectorParameters.clientId, got a list"_s;
    QTest::addRow("$concat with a number") << QByteArray("x:\n  $concat: 5\n") << 2 << 12
                                           << u"$concat expects a list or {values, delimiter}, got a number"_s;
    QTest::addRow("$concat with a string") << QByteArray("x: {$concat: abc}\n") << 1 << 14
                                           << u"$concat expects a list or {values, delimiter}, got a string"_s;
    QTest::addRow("$concat without values")
        << QByteArray("x:\n  $concat:\n    delimiter: /\n") << 3 << 5 << u"$concat needs \"values\""_s;
    QTest::addRow("$tpl without template")
        << QByteArray("x:\n  $tpl:\n    values: {a: 1}\n") << 3 << 5 << u"$tpl needs \"template\""_s;
    QTest::addRow("$tpl with a string") << QByteArray("x: {$tpl: 'Hi {name}'}\n") << 1 << 11
                                        << u"$tpl expects a mapping with template, got a string"_s;
    QTest::addRow("$tpl without argument")
        << QByteArray("x:\n  $tpl:\n") << 2 << 3 << u"$tpl expects a mapping with template, got nothing (null)"_s;
    QTest::addRow("$eval without operator") << QByteArray("x:\n  $eval: 1\n") << 2 << 3
                                            << u"$eval needs an operator as its second key (is, isNot, oneOf, noneOf, "
                                               "contains, doesNotContain, gt, gte, lt, lte, isEmpty, isNotEmpty)"_s;
    QTest::addRow("$eval with unknown operator")
        << QByteArray("x:\n  $eval: 1\n  equals: 1\n") << 3 << 3
        << u"unknown $eval operator \"equals\" (the platform would treat it as "
           "always true)"_s;
    QTest::addRow("$eval operator is case-sensitive")
        << QByteArray("x: {$eval: 1, IS: 1}\n") << 1 << 15
        << u"unknown $eval operator \"IS\" (the platform would treat it as "
           "always true)"_s;
    QTest::addRow("$iterate without item")
        << QByteArray("x:\n  $iterate:\n    source: [1]\n") << 3 << 5 << u"$iterate needs \"item\""_s;
    QTest::addRow("$iterate without source")
        << QByteArray("x:\n  $iterate:\n    item: {$var: item}\n") << 3 << 5 << u"$iterate needs \"source\""_s;
    QTest::addRow("$iterate with a list")
        << QByteArray("x: {$iterate: [1]}\n") << 1 << 15 << u"$iterate expects a mapping with source, got a list"_s;
    QTest::addRow("$map without mapping") << QByteArray("x:\n  $map:\n    value: 1\n    default: 2\n") << 3 << 5
                                          << u"$map needs \"mapping\" (a list of {from, to})"_s;
    QTest::addRow("$map without value") << QByteArray("x:\n  $map:\n    mapping: []\n") << 3 << 5
                                        << u"$map needs \"value\""_s;
    QTest::addRow("$case with a string") << QByteArray("x: {$case: yes}\n") << 1 << 12
                                         << u"$case expects a list of cases or {cases, default}, got a string"_s;
    QTest::addRow("$case without cases") << QByteArray("x:\n  $case:\n    default: 1\n") << 3 << 5
                                         << u"$case needs \"cases\""_s;
    QTest::addRow("$and with a boolean") << QByteArray("x: {$and: true}\n") << 1 << 11
                                         << u"$and expects a list, got a boolean"_s;
    QTest::addRow("$or with a mapping") << QByteArray("x:\n  $or:\n    a: 1\n") << 3 << 5
                                        << u"$or expects a list, got a mapping"_s;
    QTest::addRow("$mergeObjects with a mapping")
        << QByteArray("x: {$mergeObjects: {a: 1}}\n") << 1 << 20 << u"$mergeObjects expects a list, got a mapping"_s;
    QTest::addRow("$firstNotEmpty with a string")
        << QByteArray("x: {$firstNotEmpty: a}\n") << 1 << 21 << u"$firstNotEmpty expects a list, got a string"_s;
}

void tst_ExpressionCompiler::malformedFormula()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    const Compiled compiled = compile(yaml);
    QVERIFY2(compiled.diagnostics.size() == 1, qPrintable(describeDiagnostics(compiled.diagnostics)));
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::MalformedFormula);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QCOMPARE(diagnostic.message, message);
    QCOMPARE(diagnostic.line, line);
    QCOMPARE(diagnostic.column, column);
    QCOMPARE(diagnostic.toString(), u"mapping.yml:%1:%2: %3"_s.arg(line).arg(column).arg(message));
}

void tst_ExpressionCompiler::wellFormedFormulas_data()
{
    QTest::addColumn<QByteArray>("yaml");

    QTest::addRow("$var") << QByteArray("$var: $.a.b[0]");
    QTest::addRow("$copy") << QByteArray("$copy: a.b");
    QTest::addRow("$tpl") << QByteArray("$tpl: {template: 'Hi {a}', values: {a: 1}}");
    QTest::addRow("$record") << QByteArray("$record: {id: 1}");
    QTest::addRow("$plain") << QByteArray("$plain: [1, {$nothing: 2}]");
    QTest::addRow("$map") << QByteArray("$map: {value: 1, mapping: [{from: 1, to: 2}], default: 3}");
    QTest::addRow("$map with mappings") << QByteArray("$map: {value: 1, mappings: []}");
    QTest::addRow("$concat list") << QByteArray("$concat: [a, {$var: b}]");
    QTest::addRow("$concat values") << QByteArray("$concat: {values: [a], delimiter: ', '}");
    QTest::addRow("$firstName") << QByteArray("$firstName: {$var: name}");
    QTest::addRow("$lastName") << QByteArray("$lastName: John Snow");
    QTest::addRow("$iterate") << QByteArray("$iterate: {source: [], item: {$var: item}}");
    QTest::addRow("$case list") << QByteArray("$case: [{value: 1}]");
    QTest::addRow("$case cases") << QByteArray("$case: {cases: [{filter: [], value: 1}], default: 2}");
    QTest::addRow("$extractDate") << QByteArray("$extractDate: 2024-01-01T00:00:00Z");
    QTest::addRow("$extractTime") << QByteArray("$extractTime: 0");
    QTest::addRow("$and") << QByteArray("$and: [true, {$var: a}]");
    QTest::addRow("$or") << QByteArray("$or: []");
    QTest::addRow("$mergeObjects") << QByteArray("$mergeObjects: [{a: 1}]");
    QTest::addRow("$firstNotEmpty") << QByteArray("$firstNotEmpty: [~, a]");
    QTest::addRow("$domainFromEmail") << QByteArray("$domainFromEmail: a@b.c");
    QTest::addRow("$formula") << QByteArray("$formula: {$firstNotEmpty: [{$var: a}]}");
    const char *operators[] = {"is", "isNot", "oneOf", "noneOf", "contains", "doesNotContain", "gt", "gte", "lt", "lte",
        "isEmpty", "isNotEmpty"};
    for (const char *op : operators)
        QTest::addRow("$eval %s", op) << (QByteArray("$eval: {$var: x}\n") + op + ": 1\n");
}

void tst_ExpressionCompiler::wellFormedFormulas()
{
    QFETCH(QByteArray, yaml);
    const Compiled compiled = compile(yaml);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    QCOMPARE(compiled.expression.kind(), Expression::Kind::Formula);
}

void tst_ExpressionCompiler::yamlSyntaxError_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");

    QTest::addRow("map value after a value") << QByteArray("clientId: a: b\n") << 1;
    QTest::addRow("bad indentation") << QByteArray("a: 1\n b: 2\n") << 2;
    QTest::addRow("unclosed flow list") << QByteArray("a: [1, 2\nb: 3\n") << 2;
    QTest::addRow("list then map") << QByteArray("a:\n  - 1\n  b: 2\n") << 3;
}

void tst_ExpressionCompiler::yamlSyntaxError()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);

    const Compiled compiled = compile(yaml);
    QCOMPARE(compiled.diagnostics.size(), 1);
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::YamlSyntax);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QCOMPARE(diagnostic.file, u"mapping.yml"_s);
    QCOMPARE(diagnostic.line, line);
    QVERIFY(diagnostic.column > 0);
    QVERIFY2(diagnostic.message.startsWith(u"YAML syntax error: "_s), qPrintable(diagnostic.message));
    QVERIFY(compiled.expression.isUndefined());
}

void tst_ExpressionCompiler::keyOrderPreserved()
{
    const QByteArray yaml = "zeta: 1\n"
                            "alpha: 2\n"
                            "mid:\n"
                            "  $eval: {$var: x}\n"
                            "  isNot: 3\n"
                            "beta:\n"
                            "  y: 1\n"
                            "  b: 2\n"
                            "  x: 3\n"
                            "aardvark: [3, 2, 1]\n";
    const Compiled compiled = compile(yaml);
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    const Expression &root = compiled.expression;
    QCOMPARE(root.kind(), Expression::Kind::Object);
    QCOMPARE(memberKeys(root), u"zeta|alpha|mid|beta|aardvark"_s);
    QCOMPARE(memberKeys(*root.member(u"beta")), u"y|b|x"_s);
    const Expression *mid = root.member(u"mid");
    QVERIFY(mid);
    QCOMPARE(mid->kind(), Expression::Kind::Formula);
    QCOMPARE(mid->formulaType(), Formula::Eval);
    QCOMPARE(memberKeys(*mid), u"isNot"_s);
    QCOMPARE(mid->argument().kind(), Expression::Kind::Formula);
    QCOMPARE(root.member(u"aardvark")->items().size(), size_t(3));
    QCOMPARE(root.member(u"aardvark")->items().at(0).literalValue(), QJsonValue(3));
    QVERIFY(!root.member(u"missing"));
}

void tst_ExpressionCompiler::plainArgumentNotCompiled()
{
    const QByteArray yaml = "a:\n"
                            "  $plain:\n"
                            "    $template: x\n"
                            "    b: {$jsonata: y}\n"
                            "    c: {$var: [1, 2]}\n"
                            "    d: {$eval: 1}\n";
    const Compiled compiled = compile(yaml);
    // Nothing inside $plain is a formula, so nothing there is diagnosed.
    QVERIFY2(compiled.diagnostics.isEmpty(), qPrintable(describeDiagnostics(compiled.diagnostics)));
    const Expression *plain = compiled.expression.member(u"a");
    QVERIFY(plain);
    QCOMPARE(plain->kind(), Expression::Kind::Formula);
    QCOMPARE(plain->formulaType(), Formula::Plain);
    QCOMPARE(plain->argument().kind(), Expression::Kind::Literal);
    QCOMPARE(plain->argument().literalValue(),
        json(R"({"$template": "x", "b": {"$jsonata": "y"}, "c": {"$var": [1, 2]}, "d": {"$eval": 1}})"));
    QCOMPARE(plain->argument().line(), 3);
    QCOMPARE(plain->argument().column(), 5);
}

void tst_ExpressionCompiler::formulaArgumentIsCompiled()
{
    // Unlike $plain, other formulas' arguments are checked, $formula included.
    const Compiled compiled = compile("$formula:\n  $concat: [{$template: x}]\n");
    QCOMPARE(compiled.diagnostics.size(), 1);
    QCOMPARE(compiled.diagnostics.first().kind, DiagnosticKind::UnknownFormula);
    QCOMPARE(compiled.diagnostics.first().line, 2);
    QCOMPARE(compiled.diagnostics.first().column, 14);
}

void tst_ExpressionCompiler::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("members");

    QTest::addRow("object") << QByteArray("a: 1\nb: 2\na: 3\n") << 3 << 1 << u"a"_s << u"a|b"_s;
    QTest::addRow("nested object") << QByteArray("x:\n  a: 1\n  a: 2\n") << 3 << 3 << u"a"_s << u"x"_s;
    QTest::addRow("$eval operator twice") << QByteArray("$eval: 1\nis: 1\nis: 2\n") << 3 << 1 << u"is"_s << u"is"_s;
    QTest::addRow("formula key twice") << QByteArray("$var: a\n$var: b\n") << 2 << 1 << u"$var"_s << u""_s;
}

void tst_ExpressionCompiler::duplicateKeys()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(QString, members);

    const Compiled compiled = compile(yaml);
    QVERIFY2(compiled.diagnostics.size() == 1, qPrintable(describeDiagnostics(compiled.diagnostics)));
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::DuplicateKey);
    QCOMPARE(diagnostic.line, line);
    QCOMPARE(diagnostic.column, column);
    QCOMPARE(diagnostic.message, u"duplicate key \"%1\""_s.arg(key));
    QCOMPARE(memberKeys(compiled.expression), members);
}

void tst_ExpressionCompiler::keyNextToFormulaIsAWarning()
{
    const Compiled compiled = compile("$var: a\nextra: 1\n");
    QCOMPARE(compiled.diagnostics.size(), 1);
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::UnknownKey);
    QCOMPARE(diagnostic.severity, Severity::Warning);
    QCOMPARE(diagnostic.toString(), u"mapping.yml:2:1: warning: \"extra\" next to $var is ignored"_s);
    QVERIFY(!hasErrors(compiled.diagnostics));
    QCOMPARE(compiled.expression.formulaType(), Formula::Var);
}

void tst_ExpressionCompiler::nonScalarKeyNextToFormula()
{
    // A list used as a key is a wrong type, not a duplicate of anything.
    const Compiled compiled = compile("$eval: 1\nis: 1\n? [a]\n: 2\n");
    QVERIFY2(compiled.diagnostics.size() == 1, qPrintable(describeDiagnostics(compiled.diagnostics)));
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::WrongType);
    QCOMPARE(diagnostic.line, 3);
    QCOMPARE(diagnostic.column, 3);
    QCOMPARE(diagnostic.message, u"a key must be a plain string, not a list"_s);
    QCOMPARE(memberKeys(compiled.expression), u"is"_s);

    // As the operator of $eval: reported once, as a wrong type.
    const Compiled eval = compile("$eval: 1\n? [a]\n: 2\n");
    QVERIFY2(eval.diagnostics.size() == 1, qPrintable(describeDiagnostics(eval.diagnostics)));
    QCOMPARE(eval.diagnostics.first().kind, DiagnosticKind::WrongType);
    QCOMPARE(eval.diagnostics.first().line, 2);
    QCOMPARE(eval.diagnostics.first().column, 3);

    // The same in a plain object.
    const Compiled plain = compile("a: 1\n? [a]\n: 2\n");
    QCOMPARE(plain.diagnostics.size(), 1);
    QCOMPARE(plain.diagnostics.first().kind, DiagnosticKind::WrongType);
    QCOMPARE(plain.diagnostics.first().line, 2);
    QCOMPARE(plain.diagnostics.first().column, 3);
}

void tst_ExpressionCompiler::positions()
{
    const Compiled compiled = compile("a:\n  $var: x\nb: [1, {c: 2}]\n");
    QVERIFY(compiled.diagnostics.isEmpty());
    const Expression &root = compiled.expression;
    QCOMPARE(root.line(), 1);
    QCOMPARE(root.column(), 1);
    const Expression &formula = *root.member(u"a");
    QCOMPARE(formula.line(), 2);
    QCOMPARE(formula.column(), 3);
    QCOMPARE(formula.argument().line(), 2);
    QCOMPARE(formula.argument().column(), 9);
    const Expression &list = *root.member(u"b");
    QCOMPARE(list.line(), 3);
    QCOMPARE(list.column(), 4);
    QCOMPARE(list.items().at(1).line(), 3);
    QCOMPARE(list.items().at(1).column(), 8);
}

void tst_ExpressionCompiler::toJsonWritesFormulasBack()
{
    const Compiled compiled = compile("x:\n  $eval: {$var: a}\n  is: 1\ny: [{$plain: {$var: b}}]\n");
    QVERIFY(compiled.diagnostics.isEmpty());
    QCOMPARE(compiled.expression.toJson(),
        json(R"({"x": {"$eval": {"$var": "a"}, "is": 1}, "y": [{"$plain": {"$var": "b"}}]})"));
}

void tst_ExpressionCompiler::deepNesting()
{
    const Compiled compiled = compile(nestedLists(200));
    QCOMPARE(compiled.diagnostics.size(), 1);
    const Diagnostic &diagnostic = compiled.diagnostics.first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::InvalidValue);
    QCOMPARE(diagnostic.message, u"nested too deeply (more than 128 levels)"_s);
    QCOMPARE(diagnostic.line, 1);
    QCOMPARE(diagnostic.column, 130);
}

void tst_ExpressionCompiler::yamlDepthGuard()
{
    // yaml-cpp refuses very deep documents itself (its parser recurses); that is a syntax error, not
    // a crash.
    const Compiled compiled = compile(nestedLists(5000));
    QCOMPARE(compiled.diagnostics.size(), 1);
    QCOMPARE(compiled.diagnostics.first().kind, DiagnosticKind::YamlSyntax);
}

void tst_ExpressionCompiler::billionLaughs()
{
    QByteArray yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    const char names[] = "abcdefghi";
    for (int level = 1; level < 9; ++level) {
        yaml += names[level] + QByteArray(": &") + names[level] + " [";
        for (int i = 0; i < 10; ++i)
            yaml += (i ? ", *" : "*") + QByteArray(1, names[level - 1]);
        yaml += "]\n";
    }
    QElapsedTimer timer;
    timer.start();
    const Compiled compiled = compile(yaml);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QCOMPARE(compiled.diagnostics.size(), 1);
    QCOMPARE(compiled.diagnostics.first().kind, DiagnosticKind::InvalidValue);
    QVERIFY(compiled.diagnostics.first().message.contains(u"alias expansion"_s));
}

void tst_ExpressionCompiler::billionLaughsThroughPlain()
{
    // The giant is only reachable through $plain, whose argument is converted rather than compiled;
    // 1111 aliases of that $plain must not each get a budget of their own.
    QByteArray yaml = "p: &p\n"
                      "  $plain:\n"
                      "    - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    const char names[] = "abcdef";
    for (int level = 1; level < 6; ++level) {
        yaml += "    - &" + QByteArray(1, names[level]) + " [";
        for (int i = 0; i < 10; ++i)
            yaml += (i ? ", *" : "*") + QByteArray(1, names[level - 1]);
        yaml += "]\n";
    }
    yaml += "q: &q [*p, *p, *p, *p, *p, *p, *p, *p, *p, *p]\n"
            "r: &r [*q, *q, *q, *q, *q, *q, *q, *q, *q, *q]\n"
            "s: [*r, *r, *r, *r, *r, *r, *r, *r, *r, *r]\n";
    QElapsedTimer timer;
    timer.start();
    const Compiled compiled = compile(yaml);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QVERIFY(hasErrors(compiled.diagnostics));
    QCOMPARE(compiled.diagnostics.first().kind, DiagnosticKind::InvalidValue);
    QVERIFY(compiled.diagnostics.first().message.contains(u"alias expansion"_s));
}

QTEST_GUILESS_MAIN(tst_ExpressionCompiler)
#include "tst_expressioncompiler.moc"
