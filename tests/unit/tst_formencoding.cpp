#include "oauth/formencoding.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// The token, refresh and revocation bodies are only as good as this encoding: a '+' left alone is a
// space to the server (oauth-standards-and-qt.md check 8), and Basic credentials are form-encoded
// before base64 (RFC 6749 §2.3.1, vectors from §A.4 of the reference).
class tst_FormEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeComponent_data();
    void encodeComponent();
    void encodeFields();
    void decode_data();
    void decode();
    void roundTrip_data();
    void roundTrip();
    void basicAuthorization_data();
    void basicAuthorization();
};

void tst_FormEncoding::encodeComponent_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("check 8 refresh token") << u"r+t/1=="_s << QByteArray("r%2Bt%2F1%3D%3D");
    QTest::addRow("secret") << u"s+cr&t="_s << QByteArray("s%2Bcr%26t%3D");
    QTest::addRow("percent") << u"100%"_s << QByteArray("100%25");
    QTest::addRow("space") << u"my id"_s << QByteArray("my%20id");
    QTest::addRow("google code") << u"4/0AbCd-E_f.g~h"_s << QByteArray("4%2F0AbCd-E_f.g~h");
    QTest::addRow("already encoded stays literal") << u"4%2F0Ab"_s << QByteArray("4%252F0Ab");
    QTest::addRow("reserved") << u":?#[]@!$'()*,;"_s << QByteArray("%3A%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B");
    QTest::addRow("utf-8") << u"é€"_s << QByteArray("%C3%A9%E2%82%AC");
    QTest::addRow("control") << u"a\nb\tc"_s << QByteArray("a%0Ab%09c");
    QTest::addRow("empty") << QString() << QByteArray();
}

void tst_FormEncoding::encodeComponent()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(FormEncoding::encodeComponent(value), expected);
}

void tst_FormEncoding::encodeFields()
{
    const FormEncoding::Fields fields{{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, u"r+t/1=="_s},
        {u"client_id"_s, u"my id+1"_s}, {u"empty"_s, QString()}};
    QCOMPARE(FormEncoding::encode(fields),
        QByteArray("grant_type=refresh_token&refresh_token=r%2Bt%2F1%3D%3D&client_id=my%20id%2B1&empty="));
    QCOMPARE(FormEncoding::encode({}), QByteArray());
}

void tst_FormEncoding::decode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected"); // name, value, name, value ...
    QTest::addRow("plus is space") << QByteArray("a=b+c&d=e%2Bf") << QStringList{u"a"_s, u"b c"_s, u"d"_s, u"e+f"_s};
    QTest::addRow("github") << QByteArray("access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer")
                            << QStringList{u"access_token"_s, u"gho_16C7e42F292c6912E7710c838347Ae178B4a"_s, u"scope"_s,
                                   u"repo,gist"_s, u"token_type"_s, u"bearer"_s};
    QTest::addRow("empty segments") << QByteArray("&a=1&&b=&") << QStringList{u"a"_s, u"1"_s, u"b"_s, QString()};
    QTest::addRow("no equals") << QByteArray("flag&x=1") << QStringList{u"flag"_s, QString(), u"x"_s, u"1"_s};
    QTest::addRow("equals in value") << QByteArray("x=a=b") << QStringList{u"x"_s, u"a=b"_s};
    QTest::addRow("bad escapes kept") << QByteArray("x=%zz%4&y=%") << QStringList{u"x"_s, u"%zz%4"_s, u"y"_s, u"%"_s};
    QTest::addRow("utf-8") << QByteArray("n=%C3%A9") << QStringList{u"n"_s, u"é"_s};
    QTest::addRow("empty") << QByteArray() << QStringList();
}

void tst_FormEncoding::decode()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const auto &[name, value] : FormEncoding::decode(body))
        actual << name << value;
    QCOMPARE(actual, expected);
}

void tst_FormEncoding::roundTrip_data()
{
    QTest::addColumn<QString>("value");
    for (const QString &value : {u"r+t/1=="_s, u"s+cr&t= %"_s, u"a b+c%20d"_s, u"é & ü"_s, u"=&=&"_s, u"~-._"_s})
        QTest::addRow("%s", qPrintable(value)) << value;
}

void tst_FormEncoding::roundTrip()
{
    QFETCH(QString, value);
    const auto decoded = FormEncoding::decode(FormEncoding::encode({{u"k e+y"_s, value}}));
    QCOMPARE(decoded.size(), 1);
    QCOMPARE(decoded.first().first, u"k e+y"_s);
    QCOMPARE(decoded.first().second, value);
}

void tst_FormEncoding::basicAuthorization_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("expected");
    // §A.4, the %20 spelling: base64("my%20id%2B1:s%2Bcr%26t%3D").
    QTest::addRow("A.4 vector") << u"my id+1"_s << u"s+cr&t="_s << QByteArray("Basic bXklMjBpZCUyQjE6cyUyQmNyJTI2dCUzRA==");
    // A ':' in the id is encoded, so the server splits at the right colon.
    QTest::addRow("colon in id") << u"a:b"_s << u"c"_s << QByteArray("Basic " + QByteArray("a%3Ab:c").toBase64());
    QTest::addRow("plain") << u"client"_s << u"secret"_s << QByteArray("Basic Y2xpZW50OnNlY3JldA==");
}

void tst_FormEncoding::basicAuthorization()
{
    QFETCH(QString, id);
    QFETCH(QString, secret);
    QFETCH(QByteArray, expected);
    QCOMPARE(FormEncoding::basicAuthorization(id, secret), expected);
}

QTEST_GUILESS_MAIN(tst_FormEncoding)
#include "tst_formencoding.moc"
