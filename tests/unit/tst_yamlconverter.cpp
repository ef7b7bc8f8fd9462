#include "support/yamlconverter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "jsontext.h"

#include <QTest>

#include "testprinting.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::Test;

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

YAML::Node load(const QByteArray &text)
{
    return YAML::Load(text.toStdString());
}



// "[[[...]]]" nested `levels` deep, on one line.
QByteArray nestedLists(int levels)
{
    return QByteArray(levels, '[') + QByteArray(levels, ']');
}

// Nine levels of nine-fold aliases: 9^9 (387 million) strings once expanded, a few hundred bytes
// of text.
QByteArray billionLaughs()
{
    QByteArray text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
        const char previous = char(level - 1);
        text += level;
        text += ": &";
        text += level;
        text += " [";
        for (int i = 0; i < 9; ++i) {
            text += i ? ", *" : "*";
            text += previous;
        }
        text += "]\n";
    }
    return text;
}

} // namespace

class tst_YamlConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalarTyping_data();
    void scalarTyping();
    void nestedStructures();
    void aliases();
    void scalarKeysAreStrings();
    void duplicateKey();
    void duplicateKeyNested();
    void nonScalarKeys_data();
    void nonScalarKeys();
    void billionLaughs();
    void aliasBudgetCoversTheWholeFile();
    void sharedAliasesWithinTheBudget();
    void deepNesting();
    void nestingAtTheLimit();
    void positions();
    void describe_data();
    void describe();
    void diagnosticToString();
};

void tst_YamlConverter::scalarTyping_data()
{
    QTest::addColumn<QByteArray>("scalar");
    QTest::addColumn<QJsonValue>("expected");

    // YAML 1.2 core schema: only these plain forms are typed; everything else (YAML 1.1 booleans
    // such as yes/on, sexagesimals, timestamps, 0b, underscores) stays a string.
    QTest::addRow("true") << QByteArray("true") << QJsonValue(true);
    QTest::addRow("True") << QByteArray("True") << QJsonValue(true);
    QTest::addRow("TRUE") << QByteArray("TRUE") << QJsonValue(true);
    QTest::addRow("false") << QByteArray("false") << QJsonValue(false);
    QTest::addRow("False") << QByteArray("False") << QJsonValue(false);
    QTest::addRow("FALSE") << QByteArray("FALSE") << QJsonValue(false);
    QTest::addRow("tRUE stays a string") << QByteArray("tRUE") << QJsonValue(u"tRUE"_s);
    QTest::addRow("yes stays a string") << QByteArray("yes") << QJsonValue(u"yes"_s);
    QTest::addRow("no stays a string") << QByteArray("no") << QJsonValue(u"no"_s);
    QTest::addRow("on stays a string") << QByteArray("on") << QJsonValue(u"on"_s);
    QTest::addRow("off stays a string") << QByteArray("off") << QJsonValue(u"off"_s);
    QTest::addRow("y stays a string") << QByteArray("y") << QJsonValue(u"y"_s);
    QTest::addRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
    QTest::addRow("Null") << QByteArray("Null") << QJsonValue(QJsonValue::Null);
    QTest::addRow("NULL") << QByteArray("NULL") << QJsonValue(QJsonValue::Null);
    QTest::addRow("nULL stays a string") << QByteArray("nULL") << QJsonValue(u"nULL"_s);
    QTest::addRow("tilde") << QByteArray("~") << QJsonValue(QJsonValue::Null);
    QTest::addRow("empty value") << QByteArray("") << QJsonValue(QJsonValue::Null);
    QTest::addRow("0") << QByteArray("0") << QJsonValue(0);
    QTest::addRow("12") << QByteArray("12") << QJsonValue(12);
    QTest::addRow("-12") << QByteArray("-12") << QJsonValue(-12);
    QTest::addRow("+12") << QByteArray("+12") << QJsonValue(12);
    QTest::addRow("007 is decimal 7") << QByteArray("007") << QJsonValue(7);
    QTest::addRow("-007") << QByteArray("-007") << QJsonValue(-7);
    QTest::addRow("large integer") << QByteArray("123456789012") << QJsonValue(123456789012.0);
    QTest::addRow("0x1F") << QByteArray("0x1F") << QJsonValue(31);
    QTest::addRow("0x1f") << QByteArray("0x1f") << QJsonValue(31);
    QTest::addRow("0X1F stays a string") << QByteArray("0X1F") << QJsonValue(u"0X1F"_s);
    QTest::addRow("-0x1F stays a string") << QByteArray("-0x1F") << QJsonValue(u"-0x1F"_s);
    QTest::addRow("0x alone stays a string") << QByteArray("0x") << QJsonValue(u"0x"_s);
    QTest::addRow("0xG stays a string") << QByteArray("0xG") << QJsonValue(u"0xG"_s);
    QTest::addRow("0o17") << QByteArray("0o17") << QJsonValue(15);
    QTest::addRow("hex beyond 64 bits") << QByteArray("0x10000000000000000") << QJsonValue(18446744073709551616.0);
    QTest::addRow("octal beyond 64 bits")
        << QByteArray("0o2000000000000000000000") << QJsonValue(18446744073709551616.0);
    QTest::addRow("0o18 stays a string") << QByteArray("0o18") << QJsonValue(u"0o18"_s);
    QTest::addRow("0b101 stays a string") << QByteArray("0b101") << QJsonValue(u"0b101"_s);
    QTest::addRow("1_000 stays a string") << QByteArray("1_000") << QJsonValue(u"1_000"_s);
    QTest::addRow("1.5") << QByteArray("1.5") << QJsonValue(1.5);
    QTest::addRow("-1.5") << QByteArray("-1.5") << QJsonValue(-1.5);
    QTest::addRow("0.1") << QByteArray("0.1") << QJsonValue(0.1);
    QTest::addRow("1e3") << QByteArray("1e3") << QJsonValue(1000);
    QTest::addRow("1E-3") << QByteArray("1E-3") << QJsonValue(0.001);
    QTest::addRow("+1.5e+2") << QByteArray("+1.5e+2") << QJsonValue(150);
    QTest::addRow(".5") << QByteArray(".5") << QJsonValue(0.5);
    QTest::addRow("-.5") << QByteArray("-.5") << QJsonValue(-0.5);
    QTest::addRow("1.") << QByteArray("1.") << QJsonValue(1);
    QTest::addRow("1.e3") << QByteArray("1.e3") << QJsonValue(1000);
    QTest::addRow("1e stays a string") << QByteArray("1e") << QJsonValue(u"1e"_s);
    QTest::addRow("dot stays a string") << QByteArray(".") << QJsonValue(u"."_s);
    QTest::addRow("1.2.3 stays a string") << QByteArray("1.2.3") << QJsonValue(u"1.2.3"_s);
    QTest::addRow(".inf") << QByteArray(".inf") << QJsonValue(inf);
    QTest::addRow(".Inf") << QByteArray(".Inf") << QJsonValue(inf);
    QTest::addRow("+.INF") << QByteArray("+.INF") << QJsonValue(inf);
    QTest::addRow("-.inf") << QByteArray("-.inf") << QJsonValue(-inf);
    QTest::addRow(".nan") << QByteArray(".nan") << QJsonValue(notANumber);
    QTest::addRow(".NaN") << QByteArray(".NaN") << QJsonValue(notANumber);
    QTest::addRow("inf stays a string") << QByteArray("inf") << QJsonValue(u"inf"_s);
    QTest::addRow("nan stays a string") << QByteArray("nan") << QJsonValue(u"nan"_s);
    QTest::addRow("sexagesimal stays a string") << QByteArray("12:30") << QJsonValue(u"12:30"_s);
    QTest::addRow("date stays a string") << QByteArray("2024-01-01") << QJsonValue(u"2024-01-01"_s);
    QTest::addRow("words") << QByteArray("3 apples") << QJsonValue(u"3 apples"_s);
    QTest::addRow("single-quoted true") << QByteArray("'true'") << QJsonValue(u"true"_s);
    QTest::addRow("double-quoted 12") << QByteArray("\"12\"") << QJsonValue(u"12"_s);
    QTest::addRow("quoted tilde") << QByteArray("'~'") << QJsonValue(u"~"_s);
    QTest::addRow("quoted null") << QByteArray("\"null\"") << QJsonValue(u"null"_s);
    QTest::addRow("quoted empty") << QByteArray("''") << QJsonValue(u""_s);
    QTest::addRow("!!str 12") << QByteArray("!!str 12") << QJsonValue(u"12"_s);
    QTest::addRow("!!int quoted") << QByteArray("!!int '12'") << QJsonValue(12);
    QTest::addRow("custom tag stays a string") << QByteArray("!custom 12") << QJsonValue(u"12"_s);
    QTest::addRow("block literal") << QByteArray("|\n  12\n") << QJsonValue(u"12\n"_s);
    QTest::addRow("folded") << QByteArray(">-\n  true\n") << QJsonValue(u"true"_s);
}

void tst_YamlConverter::scalarTyping()
{
    QFETCH(QByteArray, scalar);
    QFETCH(QJsonValue, expected);

    YamlConverter converter(u"scalar.yml"_s);
    const QJsonValue document = converter.toJson(load("v: " + scalar + "\n"));
    QVERIFY(converter.diagnostics().isEmpty());
    QVERIFY(document.isObject());
    const QJsonValue actual = document.toObject().value(u"v"_s);
    QCOMPARE(actual.type(), expected.type());
    if (expected.isDouble() && std::isnan(expected.toDouble()))
        QVERIFY(std::isnan(actual.toDouble()));
    else
        QCOMPARE(actual, expected);
}

void tst_YamlConverter::nestedStructures()
{
    const QByteArray yaml = R"(name: Acme
auth:
  type: oauth2
  scopes: [read, 'write', 12]
  options:
    - key: a
      enabled: true
    - key: b
      values: {x: 1, y: [~, 'z']}
empty-map: {}
empty-list: []
nothing:
)";
    YamlConverter converter(u"nested.yml"_s);
    const QJsonValue actual = converter.toJson(load(yaml));
    QVERIFY(converter.diagnostics().isEmpty());
    const QJsonValue expected = json(R"({"name": "Acme",
        "auth": {"type": "oauth2", "scopes": ["read", "write", 12],
                 "options": [{"key": "a", "enabled": true}, {"key": "b", "values": {"x": 1, "y": [null, "z"]}}]},
        "empty-map": {}, "empty-list": [], "nothing": null})");
    QCOMPARE(compactJson(actual), compactJson(expected));
    QCOMPARE(actual, expected);

    // A document that is a list, a scalar, or empty.
    QCOMPARE(converter.toJson(load("- 1\n- two\n")), json(R"([1, "two"])"));
    QCOMPARE(converter.toJson(load("hello")), json(R"("hello")"));
    QCOMPARE(converter.toJson(load("")), json("null"));
    QVERIFY(converter.diagnostics().isEmpty());
}

void tst_YamlConverter::aliases()
{
    YamlConverter converter(u"alias.yml"_s);
    const QJsonValue actual = converter.toJson(load("base: &b {x: 1, y: [true]}\ncopy: *b\nlist: [*b]\n"));
    QVERIFY(converter.diagnostics().isEmpty());
    QCOMPARE(actual,
        json(R"({"base": {"x": 1, "y": [true]}, "copy": {"x": 1, "y": [true]}, "list": [{"x": 1, "y": [true]}]})"));
}

void tst_YamlConverter::scalarKeysAreStrings()
{
    YamlConverter converter(u"keys.yml"_s);
    const QJsonValue actual = converter.toJson(load("1: a\ntrue: b\n'q': d\n"));
    QVERIFY(converter.diagnostics().isEmpty());
    const QJsonObject object = actual.toObject();
    QCOMPARE(object.value(u"1"_s), json(R"("a")"));
    QCOMPARE(object.value(u"true"_s), json(R"("b")"));
    QCOMPARE(object.value(u"q"_s), json(R"("d")"));
}

void tst_YamlConverter::duplicateKey()
{
    const QByteArray yaml = "clientId: first\n"
                            "tokenUri: https://example.com/token\n"
                            "clientId: second\n";
    YamlConverter converter(u"auth/oauth-config.yml"_s);
    const QJsonValue actual = converter.toJson(load(yaml));

    // The first occurrence wins; the second is reported where it is written.
    QCOMPARE(actual, json("{\"clientId\": \"first\", \"tokenUri\": \"https://example.com/token\"}"));
    QCOMPARE(converter.diagnostics().size(), 1);
    const Diagnostic &diagnostic = converter.diagnostics().first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::DuplicateKey);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QCOMPARE(diagnostic.file, u"auth/oauth-config.yml"_s);
    QCOMPARE(diagnostic.line, 3);
    QCOMPARE(diagnostic.column, 1);
    QCOMPARE(diagnostic.toString(), u"auth/oauth-config.yml:3:1: duplicate key \"clientId\""_s);
}

void tst_YamlConverter::duplicateKeyNested()
{
    const QByteArray yaml = "a: 1\n"
                            "b:\n"
                            "  c: 2\n"
                            "  d: [x, {e: 1, e: 2}]\n"
                            "  c: 3\n";
    YamlConverter converter(u"dup.yml"_s);
    const QJsonValue actual = converter.toJson(load(yaml));
    QCOMPARE(actual, json(R"({"a": 1, "b": {"c": 2, "d": ["x", {"e": 1}]}})"));
    const Diagnostics diagnostics = converter.takeDiagnostics();
    QCOMPARE(diagnostics.size(), 2);
    QCOMPARE(diagnostics.at(0).kind, DiagnosticKind::DuplicateKey);
    QCOMPARE(diagnostics.at(0).toString(), u"dup.yml:4:17: duplicate key \"e\""_s);
    QCOMPARE(diagnostics.at(1).kind, DiagnosticKind::DuplicateKey);
    QCOMPARE(diagnostics.at(1).toString(), u"dup.yml:5:3: duplicate key \"c\""_s);
    QVERIFY(converter.diagnostics().isEmpty()); // taken
}

void tst_YamlConverter::nonScalarKeys_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("described");

    QTest::addRow("list key") << QByteArray("? [a, b]\n: 1\nc: 2\n") << 1 << 3 << u"a list"_s;
    QTest::addRow("map key") << QByteArray("c: 2\n? {x: 1}\n: 1\n") << 2 << 3 << u"a mapping"_s;
    QTest::addRow("flow map key") << QByteArray("{? [z] : 1, c: 2}\n") << 1 << 4 << u"a list"_s;
}

void tst_YamlConverter::nonScalarKeys()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, described);

    YamlConverter converter(u"keys.yml"_s);
    const QJsonValue actual = converter.toJson(load(yaml));
    QCOMPARE(actual, json(R"({"c": 2})"));
    QCOMPARE(converter.diagnostics().size(), 1);
    const Diagnostic &diagnostic = converter.diagnostics().first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::WrongType);
    QCOMPARE(diagnostic.line, line);
    QCOMPARE(diagnostic.column, column);
    QCOMPARE(diagnostic.message, u"a key must be a plain string, not "_s + described);
}

void tst_YamlConverter::billionLaughs()
{
    const YAML::Node root = load(::billionLaughs());
    YamlConverter converter(u"laughs.yml"_s);
    QElapsedTimer timer;
    timer.start();
    const QJsonValue actual = converter.toJson(root);
    // Stopped early, at the converter's limit, not after 387 million values.
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QVERIFY(actual.isObject());
    QCOMPARE(actual.toObject().value(u"a"_s).toArray().size(), 9);

    QCOMPARE(converter.diagnostics().size(), 1);
    const Diagnostic &diagnostic = converter.diagnostics().first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::InvalidValue);
    QCOMPARE(diagnostic.severity, Severity::Error);
    QVERIFY2(diagnostic.message.contains(u"alias expansion"_s), qPrintable(diagnostic.message));
    QVERIFY(diagnostic.line > 0);
}

void tst_YamlConverter::aliasBudgetCoversTheWholeFile()
{
    // Converting pieces of one file one by one (as the connector loader does) must not give each
    // piece a fresh budget: a thousand small conversions of one aliased giant would otherwise be
    // a thousand times the limit.
    const YAML::Node root = load(::billionLaughs());
    YamlConverter converter(u"laughs.yml"_s);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 1000; ++i)
        converter.toJson(root["i"]);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QCOMPARE(converter.diagnostics().size(), 1);
    QCOMPARE(converter.diagnostics().first().kind, DiagnosticKind::InvalidValue);
}

void tst_YamlConverter::sharedAliasesWithinTheBudget()
{
    // Aliases that stay small are expanded normally.
    YamlConverter converter(u"small.yml"_s);
    const QJsonValue actual = converter.toJson(load("a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n"));
    QVERIFY(converter.diagnostics().isEmpty());
    QCOMPARE(actual.toObject().value(u"c"_s), json("[[[1, 2], [1, 2]], [[1, 2], [1, 2]]]"));
}

void tst_YamlConverter::deepNesting()
{
    // 200 nested lists: the converter stops at 128 levels (yaml-cpp itself accepts up to 2000).
    YamlConverter converter(u"deep.yml"_s);
    const QJsonValue actual = converter.toJson(load(nestedLists(200)));
    QCOMPARE(converter.diagnostics().size(), 1);
    const Diagnostic &diagnostic = converter.diagnostics().first();
    QCOMPARE(diagnostic.kind, DiagnosticKind::InvalidValue);
    QCOMPARE(diagnostic.message, u"nested too deeply (more than 128 levels)"_s);
    // The outermost list is level 0 (column 1); the first list past the limit, level 129, starts
    // in column 130.
    QCOMPARE(diagnostic.line, 1);
    QCOMPARE(diagnostic.column, 130);

    // Levels 0..128 are kept; level 129 is replaced by null.
    QJsonValue level = actual;
    int depth = 0;
    while (level.isArray()) {
        QCOMPARE(level.toArray().size(), 1);
        level = level.toArray().at(0);
        ++depth;
    }
    QCOMPARE(depth, 129);
    QVERIFY(level.isNull());
}

void tst_YamlConverter::nestingAtTheLimit()
{
    YamlConverter converter(u"deep.yml"_s);
    const QJsonValue actual = converter.toJson(load(nestedLists(129))); // levels 0..128
    QVERIFY(converter.diagnostics().isEmpty());
    QVERIFY(actual.isArray());
}

void tst_YamlConverter::positions()
{
    const YAML::Node root = load("a: 1\nb:\n  - x\n  - {c: 'y'}\n");
    QCOMPARE(YamlConverter::line(root["a"]), 1);
    QCOMPARE(YamlConverter::column(root["a"]), 4);
    QCOMPARE(YamlConverter::line(root["b"]), 3);
    QCOMPARE(YamlConverter::column(root["b"]), 3);
    QCOMPARE(YamlConverter::line(root["b"][1]["c"]), 4);
    QCOMPARE(YamlConverter::column(root["b"][1]["c"]), 9);
    // A node built in memory has no position.
    const YAML::Node made("text");
    QCOMPARE(YamlConverter::line(made), 0);
    QCOMPARE(YamlConverter::column(made), 0);

    YamlConverter converter(u"f.yml"_s);
    converter.addDiagnosticAt(0, 0, DiagnosticKind::MissingField, u"whole file"_s);
    converter.addDiagnostic(root["b"], DiagnosticKind::WrongType, u"not a list"_s, Severity::Warning);
    QCOMPARE(converter.diagnostics().at(0).toString(), u"f.yml: whole file"_s);
    QCOMPARE(converter.diagnostics().at(1).toString(), u"f.yml:3:3: warning: not a list"_s);
    QCOMPARE(converter.fileName(), u"f.yml"_s);
}

void tst_YamlConverter::describe_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("description");

    QTest::addRow("string") << QByteArray("abc") << u"a string"_s;
    QTest::addRow("quoted number") << QByteArray("'12'") << u"a string"_s;
    QTest::addRow("number") << QByteArray("12") << u"a number"_s;
    QTest::addRow("hex") << QByteArray("0x1F") << u"a number"_s;
    QTest::addRow("boolean") << QByteArray("false") << u"a boolean"_s;
    QTest::addRow("null") << QByteArray("~") << u"nothing (null)"_s;
    QTest::addRow("list") << QByteArray("[1]") << u"a list"_s;
    QTest::addRow("mapping") << QByteArray("{a: 1}") << u"a mapping"_s;
}

void tst_YamlConverter::describe()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, description);
    QCOMPARE(YamlConverter::describe(load(yaml)), description);
}

void tst_YamlConverter::diagnosticToString()
{
    Diagnostic diagnostic {Severity::Error, DiagnosticKind::InvalidValue, u"spec.yml"_s, 7, 0, u"bad"_s};
    QCOMPARE(diagnostic.toString(), u"spec.yml:7: bad"_s);
    diagnostic.column = 2;
    QCOMPARE(diagnostic.toString(), u"spec.yml:7:2: bad"_s);
    QVERIFY(hasErrors({diagnostic}));
    diagnostic.severity = Severity::Warning;
    QVERIFY(!hasErrors({diagnostic}));
    QVERIFY(!hasErrors({}));
}

QTEST_GUILESS_MAIN(tst_YamlConverter)
#include "tst_yamlconverter.moc"
