#include "oauth/idtokenvalidator.h"
#include "support/jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// OIDC Core §3.1.3.7 checks of an id_token (oauth-standards-and-qt.md check 20), and the JWT
// decoding the inspector shows.
class tst_IdTokenValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesJwtParts();
    void validate_data();
    void validate();
    void sameSubject();
};

namespace {

const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

QString jwt(const QJsonObject &claims)
{
    const auto part = [](const QJsonObject &object) {
        return QString::fromLatin1(QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part({{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"k1"_s}}) + u'.' + part(claims) + u".c2lnbmF0dXJl"_s;
}

QJsonObject goodClaims()
{
    return {{u"iss"_s, u"https://as.example"_s}, {u"sub"_s, u"alice"_s}, {u"aud"_s, u"client-1"_s},
        {u"exp"_s, double(now.toSecsSinceEpoch() + 3600)}, {u"iat"_s, double(now.toSecsSinceEpoch())},
        {u"nonce"_s, u"n-123"_s}};
}

IdTokenValidator::Expectations expectations()
{
    return {u"https://as.example"_s, u"client-1"_s, u"n-123"_s, now, 300};
}

} // namespace

void tst_IdTokenValidator::decodesJwtParts()
{
    const auto parts = JwtParts::decode(jwt(goodClaims()));
    QVERIFY(parts);
    QCOMPARE(parts->header.value(u"kid"_s).toString(), u"k1"_s);
    QCOMPARE(parts->claims.value(u"sub"_s).toString(), u"alice"_s);
    QVERIFY(!JwtParts::decode(u"opaque-access-token"_s));
    QVERIFY(!JwtParts::decode(u"a.b.c"_s)); // not base64url JSON
    QVERIFY(!JwtParts::decode(QString()));
}

void tst_IdTokenValidator::validate_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("failure"); // empty: valid

    QTest::newRow("valid") << goodClaims() << QString();
    QJsonObject claims = goodClaims();
    claims.insert(u"iss"_s, u"https://evil.example"_s);
    QTest::newRow("other issuer") << claims << u"issuer"_s;
    claims = goodClaims();
    claims.insert(u"aud"_s, u"client-2"_s);
    QTest::newRow("other audience") << claims << u"client client-1"_s;
    claims = goodClaims();
    claims.insert(u"aud"_s, QJsonArray{u"client-1"_s, u"api"_s});
    QTest::newRow("several audiences, no azp") << claims << u"azp"_s;
    claims.insert(u"azp"_s, u"client-1"_s);
    QTest::newRow("several audiences, azp is us") << claims << QString();
    claims.insert(u"azp"_s, u"client-2"_s);
    QTest::newRow("several audiences, azp is another") << claims << u"authorized party"_s;
    claims = goodClaims();
    claims.insert(u"exp"_s, double(now.toSecsSinceEpoch() - 301));
    QTest::newRow("expired") << claims << u"expired"_s;
    claims.insert(u"exp"_s, double(now.toSecsSinceEpoch() - 200));
    QTest::newRow("expired within the allowed skew") << claims << QString();
    claims = goodClaims();
    claims.remove(u"exp"_s);
    QTest::newRow("no exp") << claims << u"exp"_s;
    claims = goodClaims();
    claims.insert(u"iat"_s, double(now.toSecsSinceEpoch() + 3600));
    QTest::newRow("issued in the future") << claims << u"future"_s;
    claims = goodClaims();
    claims.insert(u"nonce"_s, u"n-999"_s);
    QTest::newRow("other nonce") << claims << u"nonce"_s;
    claims.remove(u"nonce"_s);
    QTest::newRow("no nonce") << claims << u"nonce"_s;
    claims = goodClaims();
    claims.remove(u"sub"_s);
    QTest::newRow("no subject") << claims << u"subject"_s;
}

void tst_IdTokenValidator::validate()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, failure);
    const Result<bool> result = IdTokenValidator::validate(jwt(claims), expectations());
    if (failure.isEmpty()) {
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Provider);
    QVERIFY2(result.error().message.contains(failure), qPrintable(result.error().message));
    QVERIFY(!result.error().message.contains(u"n-123"_s)); // nothing of the token's content
}

void tst_IdTokenValidator::sameSubject()
{
    QJsonObject refreshed = goodClaims();
    refreshed.remove(u"nonce"_s);
    refreshed.insert(u"iat"_s, double(now.toSecsSinceEpoch() + 100));
    QVERIFY(IdTokenValidator::sameSubject(jwt(goodClaims()), jwt(refreshed)));
    refreshed.insert(u"sub"_s, u"mallory"_s);
    QVERIFY(!IdTokenValidator::sameSubject(jwt(goodClaims()), jwt(refreshed)));
    QVERIFY(!IdTokenValidator::sameSubject(jwt(goodClaims()), u"opaque"_s));
}

QTEST_GUILESS_MAIN(tst_IdTokenValidator)
#include "tst_idtokenvalidator.moc"
