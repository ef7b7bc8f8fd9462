#include "mapping/jssemantics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "jsontext.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace Authdesk::Test;

namespace {

const QJsonValue undefined {QJsonValue::Undefined};
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();


} // namespace

class tst_JsSemantics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isTruthy_data();
    void isTruthy();
    void nullishAndUndefined();
    void numberToString_data();
    void numberToString();
    void toString_data();
    void toString();
    void toNumber_data();
    void toNumber();
    void parseFloat_data();
    void parseFloat();
    void looseEquals_data();
    void looseEquals();
    void deepEquals_data();
    void deepEquals();
    void isEmpty_data();
    void isEmpty();
};

void tst_JsSemantics::isTruthy_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("truthy");

    QTest::addRow("undefined") << undefined << false;
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << false;
    QTest::addRow("true") << QJsonValue(true) << true;
    QTest::addRow("false") << QJsonValue(false) << false;
    QTest::addRow("zero") << QJsonValue(0) << false;
    QTest::addRow("negative zero") << QJsonValue(-0.0) << false;
    QTest::addRow("NaN") << QJsonValue(notANumber) << false;
    QTest::addRow("one") << QJsonValue(1) << true;
    QTest::addRow("minus one") << QJsonValue(-1) << true;
    QTest::addRow("fraction") << QJsonValue(0.5) << true;
    QTest::addRow("infinity") << QJsonValue(inf) << true;
    QTest::addRow("empty string") << QJsonValue(u""_s) << false;
    QTest::addRow("string 0") << QJsonValue(u"0"_s) << true;
    QTest::addRow("string false") << QJsonValue(u"false"_s) << true;
    QTest::addRow("space") << QJsonValue(u" "_s) << true;
    QTest::addRow("empty array") << QJsonValue(QJsonArray()) << true;
    QTest::addRow("array of 0") << json("[0]") << true;
    QTest::addRow("empty object") << QJsonValue(QJsonObject()) << true;
}

void tst_JsSemantics::isTruthy()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, truthy);
    QCOMPARE(JsSemantics::isTruthy(value), truthy);
}

void tst_JsSemantics::nullishAndUndefined()
{
    QVERIFY(JsSemantics::isUndefined(undefined));
    QVERIFY(!JsSemantics::isUndefined(QJsonValue(QJsonValue::Null)));
    QVERIFY(JsSemantics::isNullish(undefined));
    QVERIFY(JsSemantics::isNullish(QJsonValue(QJsonValue::Null)));
    QVERIFY(!JsSemantics::isNullish(QJsonValue(0)));
    QVERIFY(!JsSemantics::isNullish(QJsonValue(u""_s)));
    QVERIFY(!JsSemantics::isNullish(QJsonValue(false)));
}

void tst_JsSemantics::numberToString_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QString>("text");

    // Expected strings are what JavaScript's String(number) prints (ECMAScript Number::toString).
    QTest::addRow("1") << 1.0 << u"1"_s;
    QTest::addRow("-1") << -1.0 << u"-1"_s;
    QTest::addRow("1.5") << 1.5 << u"1.5"_s;
    QTest::addRow("-1.5") << -1.5 << u"-1.5"_s;
    QTest::addRow("100") << 100.0 << u"100"_s;
    QTest::addRow("123.456") << 123.456 << u"123.456"_s;
    QTest::addRow("0.1+0.2") << 0.1 + 0.2 << u"0.30000000000000004"_s;
    QTest::addRow("123456789012") << 123456789012.0 << u"123456789012"_s;
    QTest::addRow("2^53") << 9007199254740992.0 << u"9007199254740992"_s;
    QTest::addRow("2^60") << 1152921504606846976.0 << u"1152921504606847000"_s;
    QTest::addRow("1.2345678901234568e20") << 1.2345678901234568e20 << u"123456789012345680000"_s;
    QTest::addRow("1e20") << 1e20 << u"100000000000000000000"_s;
    QTest::addRow("1e21") << 1e21 << u"1e+21"_s;
    QTest::addRow("1.5e21") << 1.5e21 << u"1.5e+21"_s;
    QTest::addRow("1e100") << 1e100 << u"1e+100"_s;
    QTest::addRow("max") << 1.7976931348623157e308 << u"1.7976931348623157e+308"_s;
    QTest::addRow("0.000123") << 0.000123 << u"0.000123"_s;
    QTest::addRow("1e-5") << 1e-5 << u"0.00001"_s;
    QTest::addRow("1e-6") << 1e-6 << u"0.000001"_s;
    QTest::addRow("1e-7") << 1e-7 << u"1e-7"_s;
    QTest::addRow("1.5e-7") << 1.5e-7 << u"1.5e-7"_s;
    QTest::addRow("-2.5e-10") << -2.5e-10 << u"-2.5e-10"_s;
    QTest::addRow("denormal") << 5e-324 << u"5e-324"_s;
    QTest::addRow("0") << 0.0 << u"0"_s;
    QTest::addRow("-0") << -0.0 << u"0"_s;
    QTest::addRow("NaN") << notANumber << u"NaN"_s;
    QTest::addRow("Infinity") << inf << u"Infinity"_s;
    QTest::addRow("-Infinity") << -inf << u"-Infinity"_s;
}

void tst_JsSemantics::numberToString()
{
    QFETCH(double, number);
    QFETCH(QString, text);
    QCOMPARE(JsSemantics::numberToString(number), text);
    QCOMPARE(JsSemantics::toString(QJsonValue(number)), text);
}

void tst_JsSemantics::toString_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("text");

    QTest::addRow("undefined") << undefined << u"undefined"_s;
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << u"null"_s;
    QTest::addRow("true") << QJsonValue(true) << u"true"_s;
    QTest::addRow("false") << QJsonValue(false) << u"false"_s;
    QTest::addRow("string") << QJsonValue(u"abc"_s) << u"abc"_s;
    QTest::addRow("integer from JSON") << json("42") << u"42"_s;
    QTest::addRow("empty array") << json("[]") << u""_s;
    QTest::addRow("array") << json(R"([1, "a", true])") << u"1,a,true"_s;
    QTest::addRow("array with null") << json("[null, 1, null]") << u",1,"_s;
    QTest::addRow("nested array") << json("[1, [2, 3], [[4]]]") << u"1,2,3,4"_s;
    QTest::addRow("array of object") << json("[{}]") << u"[object Object]"_s;
    QTest::addRow("object") << json(R"({"a": 1})") << u"[object Object]"_s;
    QTest::addRow("empty object") << json("{}") << u"[object Object]"_s;
}

void tst_JsSemantics::toString()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, text);
    QCOMPARE(JsSemantics::toString(value), text);
}

void tst_JsSemantics::toNumber_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<double>("number");

    // Number(value) in JavaScript.
    QTest::addRow("undefined") << undefined << notANumber;
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << 0.0;
    QTest::addRow("true") << QJsonValue(true) << 1.0;
    QTest::addRow("false") << QJsonValue(false) << 0.0;
    QTest::addRow("number") << QJsonValue(2.5) << 2.5;
    QTest::addRow("empty string") << QJsonValue(u""_s) << 0.0;
    QTest::addRow("blank string") << QJsonValue(u"  \t\n"_s) << 0.0;
    QTest::addRow("padded") << QJsonValue(u" 12 "_s) << 12.0;
    QTest::addRow("decimal") << QJsonValue(u"-1.5e3"_s) << -1500.0;
    QTest::addRow("leading dot") << QJsonValue(u".5"_s) << 0.5;
    QTest::addRow("trailing dot") << QJsonValue(u"5."_s) << 5.0;
    QTest::addRow("plus sign") << QJsonValue(u"+7"_s) << 7.0;
    QTest::addRow("hex") << QJsonValue(u"0x1F"_s) << 31.0;
    QTest::addRow("hex upper case") << QJsonValue(u"0XfF"_s) << 255.0;
    QTest::addRow("bad hex digit") << QJsonValue(u"0x1G"_s) << notANumber;
    QTest::addRow("zero exponent") << QJsonValue(u"0e5"_s) << 0.0;
    QTest::addRow("octal") << QJsonValue(u"0o17"_s) << 15.0;
    QTest::addRow("binary") << QJsonValue(u"0b101"_s) << 5.0;
    QTest::addRow("signed hex") << QJsonValue(u"-0x1F"_s) << notANumber;
    QTest::addRow("trailing garbage") << QJsonValue(u"12px"_s) << notANumber;
    QTest::addRow("Infinity") << QJsonValue(u"Infinity"_s) << inf;
    QTest::addRow("-Infinity") << QJsonValue(u"-Infinity"_s) << -inf;
    QTest::addRow("inf is not a number") << QJsonValue(u"inf"_s) << notANumber;
    QTest::addRow("nan is not a number") << QJsonValue(u"nan"_s) << notANumber;
    QTest::addRow("overflow") << QJsonValue(u"1e400"_s) << inf;
    QTest::addRow("underflow") << QJsonValue(u"1e-400"_s) << 0.0;
    QTest::addRow("two dots") << QJsonValue(u"1.2.3"_s) << notANumber;
    QTest::addRow("comma") << QJsonValue(u"1,5"_s) << notANumber;
    QTest::addRow("empty array") << json("[]") << 0.0;
    QTest::addRow("one-element array") << json(R"(["5"])") << 5.0;
    QTest::addRow("two-element array") << json("[1, 2]") << notANumber;
    QTest::addRow("object") << json("{}") << notANumber;
}

void tst_JsSemantics::toNumber()
{
    QFETCH(QJsonValue, value);
    QFETCH(double, number);
    const double actual = JsSemantics::toNumber(value);
    if (std::isnan(number))
        QVERIFY2(std::isnan(actual), qPrintable(QString::number(actual)));
    else
        QCOMPARE(actual, number);
}

void tst_JsSemantics::parseFloat_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<double>("number");

    // parseFloat(String(value)) in JavaScript.
    QTest::addRow("3.5abc") << QJsonValue(u"3.5abc"_s) << 3.5;
    QTest::addRow("abc") << QJsonValue(u"abc"_s) << notANumber;
    QTest::addRow(" 12 ") << QJsonValue(u" 12 "_s) << 12.0;
    QTest::addRow("1e3x") << QJsonValue(u"1e3x"_s) << 1000.0;
    QTest::addRow("1e") << QJsonValue(u"1e"_s) << 1.0;
    QTest::addRow("1e+") << QJsonValue(u"1e+"_s) << 1.0;
    QTest::addRow("-2.5E-1") << QJsonValue(u"-2.5E-1"_s) << -0.25;
    QTest::addRow(".5") << QJsonValue(u".5"_s) << 0.5;
    QTest::addRow("-.5") << QJsonValue(u"-.5"_s) << -0.5;
    QTest::addRow("5.") << QJsonValue(u"5."_s) << 5.0;
    QTest::addRow("1.2.3") << QJsonValue(u"1.2.3"_s) << 1.2;
    QTest::addRow("0x10 stops at x") << QJsonValue(u"0x10"_s) << 0.0;
    QTest::addRow("dot alone") << QJsonValue(u"."_s) << notANumber;
    QTest::addRow("sign alone") << QJsonValue(u"-"_s) << notANumber;
    QTest::addRow("empty") << QJsonValue(u""_s) << notANumber;
    QTest::addRow("Infinityx") << QJsonValue(u"Infinityx"_s) << inf;
    QTest::addRow("-Infinity") << QJsonValue(u"-Infinity"_s) << -inf;
    QTest::addRow("1e400") << QJsonValue(u"1e400"_s) << inf;
    QTest::addRow("number") << QJsonValue(7.25) << 7.25;
    QTest::addRow("true") << QJsonValue(true) << notANumber;
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << notANumber;
    QTest::addRow("undefined") << undefined << notANumber;
    QTest::addRow("array") << json(R"(["1.5", 2])") << 1.5;
    QTest::addRow("object") << json("{}") << notANumber;
}

void tst_JsSemantics::parseFloat()
{
    QFETCH(QJsonValue, value);
    QFETCH(double, number);
    const double actual = JsSemantics::parseFloat(value);
    if (std::isnan(number))
        QVERIFY2(std::isnan(actual), qPrintable(QString::number(actual)));
    else
        QCOMPARE(actual, number);
}

void tst_JsSemantics::looseEquals_data()
{
    QTest::addColumn<QJsonValue>("left");
    QTest::addColumn<QJsonValue>("right");
    QTest::addColumn<bool>("equal");

    // Abstract equality (==). Two JSON objects or arrays are always distinct objects in JavaScript,
    // so composite == composite is false whatever the content ({} != {}).
    QTest::addRow("null == undefined") << json("null") << undefined << true;
    QTest::addRow("undefined == undefined") << undefined << undefined << true;
    QTest::addRow("null == null") << json("null") << json("null") << true;
    QTest::addRow("null != 0") << json("null") << json("0") << false;
    QTest::addRow("null != false") << json("null") << json("false") << false;
    QTest::addRow("undefined != empty string") << undefined << json(R"("")") << false;
    QTest::addRow("\"1\" == 1") << json(R"("1")") << json("1") << true;
    QTest::addRow("1 == \"1\"") << json("1") << json(R"("1")") << true;
    QTest::addRow("\"1.0\" == 1") << json(R"("1.0")") << json("1") << true;
    QTest::addRow("\"abc\" != 0") << json(R"("abc")") << json("0") << false;
    QTest::addRow("true == 1") << json("true") << json("1") << true;
    QTest::addRow("false == 0") << json("false") << json("0") << true;
    QTest::addRow("true != 2") << json("true") << json("2") << false;
    QTest::addRow("\"\" == 0") << json(R"("")") << json("0") << true;
    QTest::addRow("\" \" == 0") << json(R"(" ")") << json("0") << true;
    QTest::addRow("\"true\" != true") << json(R"("true")") << json("true") << false;
    QTest::addRow("\"1\" == true") << json(R"("1")") << json("true") << true;
    QTest::addRow("\"0x1F\" == 31") << json(R"("0x1F")") << json("31") << true;
    QTest::addRow("strings by value") << json(R"("a")") << json(R"("a")") << true;
    QTest::addRow("strings are case-sensitive") << json(R"("a")") << json(R"("A")") << false;
    QTest::addRow("[1] == \"1\"") << json("[1]") << json(R"("1")") << true;
    QTest::addRow("[1, 2] == \"1,2\"") << json("[1, 2]") << json(R"("1,2")") << true;
    QTest::addRow("[] == 0") << json("[]") << json("0") << true;
    QTest::addRow("[] == false") << json("[]") << json("false") << true;
    QTest::addRow("[0] == false") << json("[0]") << json("false") << true;
    QTest::addRow("{} == \"[object Object]\"") << json("{}") << json(R"("[object Object]")") << true;
    QTest::addRow("{} != {}") << json("{}") << json("{}") << false;
    QTest::addRow("[1] != [1]") << json("[1]") << json("[1]") << false;
    QTest::addRow("[] != {}") << json("[]") << json("{}") << false;
    QTest::addRow("{} != null") << json("{}") << json("null") << false;
    QTest::addRow("NaN != NaN") << QJsonValue(notANumber) << QJsonValue(notANumber) << false;
    QTest::addRow("0 == -0") << QJsonValue(0.0) << QJsonValue(-0.0) << true;
}

void tst_JsSemantics::looseEquals()
{
    QFETCH(QJsonValue, left);
    QFETCH(QJsonValue, right);
    QFETCH(bool, equal);
    QCOMPARE(JsSemantics::looseEquals(left, right), equal);
    QCOMPARE(JsSemantics::looseEquals(right, left), equal); // == is symmetric
}

void tst_JsSemantics::deepEquals_data()
{
    QTest::addColumn<QJsonValue>("left");
    QTest::addColumn<QJsonValue>("right");
    QTest::addColumn<bool>("equal");

    QTest::addRow("undefined") << undefined << undefined << true;
    QTest::addRow("null vs undefined") << json("null") << undefined << false;
    QTest::addRow("1 vs \"1\"") << json("1") << json(R"("1")") << false;
    QTest::addRow("parsed integer vs double") << json("1") << QJsonValue(1.0) << true;
    QTest::addRow("objects by content") << json(R"({"a": [1, {"b": 2}]})") << json(R"({"a": [1, {"b": 2}]})") << true;
    QTest::addRow("objects differ") << json(R"({"a": 1})") << json(R"({"a": 2})") << false;
    QTest::addRow("empty objects") << json("{}") << json("{}") << true;
    QTest::addRow("arrays order matters") << json("[1, 2]") << json("[2, 1]") << false;
    QTest::addRow("true vs 1") << json("true") << json("1") << false;
}

void tst_JsSemantics::deepEquals()
{
    QFETCH(QJsonValue, left);
    QFETCH(QJsonValue, right);
    QFETCH(bool, equal);
    QCOMPARE(JsSemantics::deepEquals(left, right), equal);
    QCOMPARE(JsSemantics::deepEquals(right, left), equal);
}

void tst_JsSemantics::isEmpty_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("empty");

    QTest::addRow("undefined") << undefined << true;
    QTest::addRow("null") << json("null") << true;
    QTest::addRow("empty string") << json(R"("")") << true;
    QTest::addRow("empty array") << json("[]") << true;
    QTest::addRow("empty object") << json("{}") << true;
    QTest::addRow("space") << json(R"(" ")") << false;
    QTest::addRow("zero") << json("0") << false;
    QTest::addRow("false") << json("false") << false;
    QTest::addRow("array of null") << json("[null]") << false;
    QTest::addRow("object") << json(R"({"a": null})") << false;
}

void tst_JsSemantics::isEmpty()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, empty);
    QCOMPARE(JsSemantics::isEmpty(value), empty);
}

QTEST_GUILESS_MAIN(tst_JsSemantics)
#include "tst_jssemantics.moc"
