#include "support/redaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// The redaction helper is the only thing between a token and a log file: every row names a secret
// that must disappear and, where it matters, what must stay readable.
class tst_Redaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretNames_data();
    void secretNames();
    void text_data();
    void text();
    void headerValues_data();
    void headerValues();
    void urls();
    void jsonValues();
    void bodies_data();
    void bodies();
    void bodyExcerpts();
};

void tst_Redaction::secretNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"access_token", "refresh_token", "id_token", "code", "code_verifier", "client_secret",
             "password", "Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Api-Key", "accessToken",
             "refreshToken", "clientSecret", "bot_access_token", "x-auth-token", "client_assertion", "device_code"})
        QTest::addRow("%s", name) << QString::fromLatin1(name) << true;
    for (const char *name : {"token_type", "expires_in", "scope", "state", "error", "error_description", "client_id",
             "grant_type", "redirect_uri", "content-type", "code_challenge_method", "realmId"})
        QTest::addRow("%s", name) << QString::fromLatin1(name) << false;
}

void tst_Redaction::secretNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(Redaction::isSecretName(name), secret);
}

void tst_Redaction::text_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("form body") << u"grant_type=refresh_token&refresh_token=r%2Bt%2F1%3D%3D&client_id=abc"_s
                               << u"grant_type=refresh_token&refresh_token=[redacted]&client_id=abc"_s;
    QTest::addRow("query") << u"GET /cb?code=4/0AbcDEF&state=xyz"_s << u"GET /cb?code=[redacted]&state=xyz"_s;
    QTest::addRow("json") << u"{\"access_token\":\"ya29.a0Af\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"_s
                          << u"{\"access_token\":\"[redacted]\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"_s;
    QTest::addRow("json spaced") << u"{ \"client_secret\" : \"s3cr3t\" }"_s << u"{ \"client_secret\" : \"[redacted]\" }"_s;
    QTest::addRow("escaped quote") << uR"({"password":"a\"b","user":"u"})"_s << uR"({"password":"[redacted]","user":"u"})"_s;
    QTest::addRow("numeric code stays") << u"{\"code\": 401, \"message\": \"Unauthorized\"}"_s
                                        << u"{\"code\": 401, \"message\": \"Unauthorized\"}"_s;
    QTest::addRow("bearer") << u"Authorization: Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a"_s
                            << u"Authorization: Bearer [redacted]"_s;
    QTest::addRow("basic") << u"sent Basic bXktaWQ6bXktc2VjcmV0 to the token endpoint"_s
                           << u"sent Basic [redacted] to the token endpoint"_s;
    QTest::addRow("jwt") << u"id token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl expired"_s
                         << u"id token [redacted] expired"_s;
    QTest::addRow("log line") << u"refresh failed: refresh_token=abc123 invalid_grant"_s
                              << u"refresh failed: refresh_token=[redacted] invalid_grant"_s;
    QTest::addRow("nothing secret") << u"error=invalid_grant&error_description=Bad+Request"_s
                                    << u"error=invalid_grant&error_description=Bad+Request"_s;
    QTest::addRow("name directly after a quote") << u"x\"token\": \"abc9\""_s << u"x\"token\": \"[redacted]\""_s;
    // Long unbroken runs (a base64 image in a JSON body): the pairs after them are still found (the
    // pattern engine once gave up on such input, leaving the secret behind).
    const QString blob(300 * 1024, u'A');
    QTest::addRow("secret after a long JSON string")
        << uR"({"image":")"_s + blob + uR"(","access_token":"SECRET123"})"_s
        << uR"({"image":")"_s + blob + uR"(","access_token":"[redacted]"})"_s;
    QTest::addRow("secret after a long run of name characters")
        << blob + u"&refresh_token=SECRET123"_s << blob + u"&refresh_token=[redacted]"_s;
    QTest::addRow("run of name characters ending in a secret name")
        << QString(1000, u'x') + u" client_secret=SECRET123"_s << QString(1000, u'x') + u" client_secret=[redacted]"_s;
    QTest::addRow("quoted value open at the end") << u"{\"id\":1,\"access_token\":\"ya29.a0AfH6SM"_s
                                                  << u"{\"id\":1,\"access_token\":\"[redacted]\""_s;
    // A lone surrogate (invalid UTF-16) becomes U+FFFD; the rest is redacted as usual.
    QTest::addRow("lone surrogate") << u"a"_s + QChar(0xd800) + u" token=SECRET123"_s
                                    << u"a"_s + QChar(QChar::ReplacementCharacter) + u" token=[redacted]"_s;
}

void tst_Redaction::text()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::text(input), expected);
    // Redacting again changes nothing (the connection index redacts what may have been redacted).
    QCOMPARE(Redaction::text(expected), expected);
}

void tst_Redaction::headerValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::addRow("bearer") << u"Authorization"_s << u"Bearer abc.def"_s << u"Bearer [redacted]"_s;
    QTest::addRow("basic") << u"authorization"_s << u"Basic bXk6c2VjcmV0"_s << u"Basic [redacted]"_s;
    QTest::addRow("api key") << u"X-Api-Key"_s << u"k-123"_s << u"[redacted]"_s;
    QTest::addRow("cookie") << u"Cookie"_s << u"session=abc"_s << u"[redacted]"_s;
    QTest::addRow("plain") << u"Accept"_s << u"application/json"_s << u"application/json"_s;
}

void tst_Redaction::headerValues()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::headerValue(name, value), expected);
}

void tst_Redaction::urls()
{
    const QUrl redacted = Redaction::url(
        QUrl(u"http://user:pw@127.0.0.1:5000/cb?code=4%2F0Ab%2Bc&state=s1&iss=https%3A%2F%2Fas#access_token=t&x=1"_s));
    const QString text = redacted.toString(QUrl::FullyEncoded);
    QVERIFY2(!text.contains(u"4%2F0Ab"_s) && !text.contains(u":pw@"_s) && !text.contains(u"access_token=t"_s), qPrintable(text));
    QVERIFY2(text.contains(u"state=s1"_s) && text.contains(u"iss=https%3A%2F%2Fas"_s) && text.contains(u"x=1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"code=%5Bredacted%5D"_s) || text.contains(u"code=[redacted]"_s), qPrintable(text));
    QCOMPARE(Redaction::url(redacted), redacted); // again: nothing changes

    // Only secret values change: empty pairs, order and '+' stay as they were (QUrl itself decodes
    // unreserved characters such as %7E).
    const QUrl odd(u"https://api.example.com/x?b=2&&a=1+2&flag&refresh%5Ftoken=r1&b=%7E#frag"_s);
    QCOMPARE(Redaction::url(odd).toString(QUrl::FullyEncoded),
        u"https://api.example.com/x?b=2&&a=1+2&flag&refresh_token=%5Bredacted%5D&b=~#frag"_s);
    QCOMPARE(Redaction::url(QUrl(u"https://api.example.com/x"_s)), QUrl(u"https://api.example.com/x"_s));
}

void tst_Redaction::jsonValues()
{
    const QJsonObject input = QJsonDocument::fromJson(R"({"access_token":"at","refresh_token":"rt","expires_in":3600,
        "authed_user":{"id":"U1","access_token":"xoxp-1"},"list":[{"client_secret":"s"}],"note":"Bearer abc123defg"})")
                                  .object();
    const QJsonObject output = Redaction::json(input).toObject();
    const QByteArray text = QJsonDocument(output).toJson(QJsonDocument::Compact);
    for (const char *secret : {"\"at\"", "\"rt\"", "xoxp-1", "\"s\"", "abc123defg"})
        QVERIFY2(!text.contains(secret), text.constData());
    QCOMPARE(output.value(u"expires_in"_s).toInt(), 3600);
    QCOMPARE(output.value(u"authed_user"_s).toObject().value(u"id"_s).toString(), u"U1"_s);
}

void tst_Redaction::bodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("mustVanish");
    QTest::addColumn<QByteArray>("mustStay");
    QTest::addRow("form") << QByteArray("grant_type=authorization_code&code=abc%2Bdef&code_verifier=v123&client_id=cid")
                          << u"application/x-www-form-urlencoded"_s << QByteArray("abc%2Bdef") << QByteArray("client_id=cid");
    QTest::addRow("form verifier") << QByteArray("code_verifier=v123secret&redirect_uri=http%3A%2F%2F127.0.0.1")
                                   << u"application/x-www-form-urlencoded; charset=utf-8"_s << QByteArray("v123secret")
                                   << QByteArray("redirect_uri=http%3A%2F%2F127.0.0.1");
    QTest::addRow("json") << QByteArray(R"({"access_token":"tok-1","scope":"read"})") << u"application/json"_s
                          << QByteArray("tok-1") << QByteArray("\"scope\":\"read\"");
    QTest::addRow("json without type") << QByteArray(R"({"refresh_token":"rt-2"})") << QString() << QByteArray("rt-2")
                                       << QByteArray("refresh_token");
    QTest::addRow("text") << QByteArray("access_token=zzz999&token_type=bearer") << u"text/plain"_s
                          << QByteArray("zzz999") << QByteArray("token_type=bearer");
}

void tst_Redaction::bodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    QFETCH(QByteArray, mustVanish);
    QFETCH(QByteArray, mustStay);
    const QByteArray redacted = Redaction::body(body, contentType);
    QVERIFY2(!redacted.contains(mustVanish), redacted.constData());
    QVERIFY2(redacted.contains(mustStay), redacted.constData());
    QVERIFY2(redacted.contains("[redacted]"), redacted.constData());
}

QTEST_GUILESS_MAIN(tst_Redaction)
void tst_Redaction::bodyExcerpts()
{
    // A token response whose access token straddles the limit: redacted whole, then cut, so no part
    // of the token is kept (cutting first left damaged JSON with the token's start in it).
    const QByteArray padding(100, 'p');
    const QByteArray response = "{\"padding\":\"" + padding + "\",\"access_token\":\"ya29.SECRETSTARTabcdefghijklmnopqrstuvwxyz\"}";
    const qsizetype limit = response.indexOf("SECRETSTART") + 8;
    const QByteArray excerpt = Redaction::bodyExcerpt(response, u"application/json", limit);
    QVERIFY2(!excerpt.contains("SECRET"), excerpt.constData());
    QVERIFY(excerpt.startsWith("{\"access_token\":\"[redacted]\""));
    // Longer than the limit after redaction: cut, with a note of what was left out.
    const QByteArray cut = Redaction::bodyExcerpt(response, u"application/json", 40);
    QVERIFY2(!cut.contains("SECRET") && cut.endsWith("more bytes]") && cut.size() < 70, cut.constData());
    // Short bodies are kept whole.
    QCOMPARE(Redaction::bodyExcerpt("a=1&code=xyz", u"application/x-www-form-urlencoded", 1024), QByteArray("a=1&code=[redacted]"));
}

#include "tst_redaction.moc"
