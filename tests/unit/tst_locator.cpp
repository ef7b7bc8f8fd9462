#include "mapping/locator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "jsontext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::Test;

namespace {


QString describe(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"undefined"_s;
    const QByteArray text = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// The steps as "name|#index|...".
QString describe(const QList<QVariant> &steps)
{
    QStringList parts;
    for (const QVariant &step : steps) {
        if (step.typeId() == QMetaType::QString)
            parts.append(step.toString());
        else
            parts.append(u'#' + QString::number(step.value<qsizetype>()));
    }
    return parts.join(u'|');
}

} // namespace

class tst_Locator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseMalformed_data();
    void parseMalformed();
    void lookup_data();
    void lookup();
    void lookupOnNonObjectRoot();
};

void tst_Locator::parseValid_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("steps");

    QTest::addRow("name") << u"a"_s << u"a"_s;
    QTest::addRow("dollar-dot prefix") << u"$.a"_s << u"a"_s;
    QTest::addRow("root") << u"$"_s << u""_s;
    QTest::addRow("dotted") << u"a.b.c"_s << u"a|b|c"_s;
    QTest::addRow("prefix and index") << u"$.a.b[0].c"_s << u"a|b|#0|c"_s;
    QTest::addRow("same without prefix") << u"a.b[0].c"_s << u"a|b|#0|c"_s;
    QTest::addRow("two indexes") << u"a[0][12]"_s << u"a|#0|#12"_s;
    QTest::addRow("root index") << u"$[2]"_s << u"#2"_s;
    QTest::addRow("root index then name") << u"$[2].x"_s << u"#2|x"_s;
    QTest::addRow("escaped dot") << uR"(a\.b)"_s << u"a.b"_s;
    QTest::addRow("escaped bracket") << uR"(a\[0])"_s << u"a[0]"_s;
    QTest::addRow("escaped backslash") << uR"(a\\b)"_s << uR"(a\b)"_s;
    QTest::addRow("escaped backslash then dot") << uR"(a\\.b)"_s << uR"(a\|b)"_s;
    // The example of D-formulas: `$.dot\.field.bracket\[field[0]`.
    QTest::addRow("documentation example") << uR"($.dot\.field.bracket\[field[0])"_s << u"dot.field|bracket[field|#0"_s;
    QTest::addRow("spaces are part of a name") << u"a b.c d"_s << u"a b|c d"_s;
    QTest::addRow("dollar inside a name") << u"$a"_s << u"$a"_s;
    QTest::addRow("numeric name") << u"a.0"_s << u"a|0"_s;
}

void tst_Locator::parseValid()
{
    QFETCH(QString, path);
    QFETCH(QString, steps);
    const Locator locator = Locator::parse(path);
    QVERIFY(locator.isValid());
    QCOMPARE(describe(locator.steps()), steps);
}

void tst_Locator::parseMalformed_data()
{
    QTest::addColumn<QString>("path");

    QTest::addRow("double dot") << u"a..b"_s;
    QTest::addRow("trailing dot") << u"a."_s;
    QTest::addRow("leading dot") << u".a"_s;
    QTest::addRow("prefix then double dot") << u"$..a"_s;
    QTest::addRow("non-numeric index") << u"a[x]"_s;
    QTest::addRow("empty index") << u"a[]"_s;
    QTest::addRow("negative index") << u"a[-1]"_s;
    QTest::addRow("unclosed index") << u"a[1"_s;
    QTest::addRow("dot before index") << u"a.[0]"_s;
    QTest::addRow("trailing backslash") << uR"(a\)"_s;
}

void tst_Locator::parseMalformed()
{
    QFETCH(QString, path);
    const Locator locator = Locator::parse(path);
    QVERIFY(!locator.isValid());
    // A malformed locator reads as null (not undefined), whatever the variables.
    const QJsonValue value = locator.lookup(json(R"({"a": {"b": 1}})"));
    QCOMPARE(value.type(), QJsonValue::Null);
}

void tst_Locator::lookup_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("root");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("property") << u"a"_s << QByteArray(R"({"a": 1})") << QByteArray("1");
    QTest::addRow("nested property") << u"$.a.b"_s << QByteArray(R"({"a": {"b": "x"}})") << QByteArray(R"("x")");
    QTest::addRow("root") << u"$"_s << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1})");
    QTest::addRow("object value") << u"a"_s << QByteArray(R"({"a": {"b": [1]}})") << QByteArray(R"({"b": [1]})");
    QTest::addRow("missing") << u"missing"_s << QByteArray(R"({"a": 1})") << QByteArray("undefined");
    QTest::addRow("missing deep") << u"a.b.c"_s << QByteArray(R"({"a": {}})") << QByteArray("undefined");
    QTest::addRow("property of a string") << u"a.length"_s << QByteArray(R"({"a": "abc"})") << QByteArray("undefined");
    QTest::addRow("property of null") << u"a.b"_s << QByteArray(R"({"a": null})") << QByteArray("undefined");
    QTest::addRow("index") << u"a[1]"_s << QByteArray(R"({"a": [1, 2]})") << QByteArray("2");
    QTest::addRow("index out of range") << u"a[5]"_s << QByteArray(R"({"a": [1, 2]})") << QByteArray("undefined");
    QTest::addRow("index then property") << u"a[0].b"_s << QByteArray(R"({"a": [{"b": 3}]})") << QByteArray("3");
    QTest::addRow("nested indexes") << u"a[1][0]"_s << QByteArray(R"({"a": [[1], ["x"]]})") << QByteArray(R"("x")");
    QTest::addRow("index on object") << u"a[0]"_s << QByteArray(R"({"a": {"0": 1}})") << QByteArray("undefined");
    QTest::addRow("index on string") << u"a[0]"_s << QByteArray(R"({"a": "abc"})") << QByteArray("undefined");
    QTest::addRow("numeric property of object") << u"a.0"_s << QByteArray(R"({"a": {"0": 1}})") << QByteArray("1");
    QTest::addRow("property on array") << u"a.0"_s << QByteArray(R"({"a": [5]})") << QByteArray("undefined");
    // Quirk: a falsy array element reads as undefined. null is falsy too.
    QTest::addRow("falsy element 0") << u"a[0]"_s << QByteArray(R"({"a": [0, 1]})") << QByteArray("undefined");
    QTest::addRow("falsy element empty string") << u"a[0]"_s << QByteArray(R"({"a": [""]})") << QByteArray("undefined");
    QTest::addRow("falsy element false") << u"a[0]"_s << QByteArray(R"({"a": [false]})") << QByteArray("undefined");
    QTest::addRow("falsy element null") << u"a[0]"_s << QByteArray(R"({"a": [null]})") << QByteArray("undefined");
    QTest::addRow("truthy element true") << u"a[0]"_s << QByteArray(R"({"a": [true]})") << QByteArray("true");
    QTest::addRow("truthy element \"0\"") << u"a[0]"_s << QByteArray(R"({"a": ["0"]})") << QByteArray(R"("0")");
    QTest::addRow("truthy element []") << u"a[0]"_s << QByteArray(R"({"a": [[]]})") << QByteArray("[]");
    QTest::addRow("truthy element {}") << u"a[0]"_s << QByteArray(R"({"a": [{}]})") << QByteArray("{}");
    // The quirk concerns array elements only: falsy property values are returned as they are.
    QTest::addRow("falsy property 0") << u"a"_s << QByteArray(R"({"a": 0})") << QByteArray("0");
    QTest::addRow("falsy property false") << u"a"_s << QByteArray(R"({"a": false})") << QByteArray("false");
    QTest::addRow("falsy property empty string") << u"a"_s << QByteArray(R"({"a": ""})") << QByteArray(R"("")");
    QTest::addRow("falsy property null") << u"a"_s << QByteArray(R"({"a": null})") << QByteArray("null");
    QTest::addRow("escaped dot") << uR"(a.b\.c)"_s << QByteArray(R"({"a": {"b.c": 1, "b": {"c": 2}}})")
                                 << QByteArray("1");
    QTest::addRow("unescaped dot") << u"a.b.c"_s << QByteArray(R"({"a": {"b.c": 1, "b": {"c": 2}}})")
                                   << QByteArray("2");
    QTest::addRow("escaped bracket") << uR"(a\[0])"_s << QByteArray(R"({"a[0]": 2, "a": [3]})") << QByteArray("2");
    QTest::addRow("root array") << u"$[1]"_s << QByteArray("[7, 8]") << QByteArray("8");
    QTest::addRow("malformed") << u"a..b"_s << QByteArray(R"({"a": {"b": 1}})") << QByteArray("null");
}

void tst_Locator::lookup()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, root);
    QFETCH(QByteArray, expected);
    const QJsonValue actual = Locator::parse(path).lookup(json(root));
    const QJsonValue wanted = json(expected);
    QCOMPARE(actual.type(), wanted.type());
    QCOMPARE(describe(actual), describe(wanted));
}

void tst_Locator::lookupOnNonObjectRoot()
{
    QCOMPARE(Locator::parse(u"a"_s).lookup(json("[1]")).type(), QJsonValue::Undefined);
    QCOMPARE(Locator::parse(u"a"_s).lookup(QJsonValue(QJsonValue::Undefined)).type(), QJsonValue::Undefined);
    QCOMPARE(Locator::parse(u"$"_s).lookup(json("5")), json("5"));
}

QTEST_GUILESS_MAIN(tst_Locator)
#include "tst_locator.moc"
