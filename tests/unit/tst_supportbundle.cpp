#include "connection/supportbundle.h"

#include "bundlecommand.h"
#include "connection/profilecontext.h"
#include "connectorfixture.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "store/httplog.h"
#include "store/secretjob.h"
#include "store/secretstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

// The support bundle must be safe to attach to a ticket: a connection whose keychain entry, connector
// parameters and HTTP log hold distinctive secrets gives a bundle in which none of them appears — not
// as such, not base64- or percent-encoded — while the facts support needs are there.
class tst_SupportBundle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void noSecretLeaksAndTheFactsAreThere();
    void commandWritesTheSameBundle();
    void unknownConnectionIsNotFound();
    void credentialsShapeOfOpaqueTokens();

private:
    QByteArray makeBundle();
    void verifyNoSecret(const QByteArray &bytes);
    void verifyFacts(const QByteArray &bytes);

    QTemporaryDir m_home;
    ConnectorFixture m_connectors;
    QString m_profileName;
    ProfileContext *m_context = nullptr;
    ConnectionRecord m_record;
    QStringList m_secrets;
    QString m_accessToken;
};

static QString base64Url(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

static QString jwt(const QByteArray &header, const QByteArray &claims, const QByteArray &signature)
{
    return base64Url(header) + u'.' + base64Url(claims) + u'.' + base64Url(signature);
}

void tst_SupportBundle::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_connectors.isValid());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    m_connectors.addConnector(u"acme"_s,
        {{u"spec.yml"_s,
             "key: acme\nname: Acme Cloud\n"
             "parametersSchema:\n  type: object\n  properties:\n"
             "    clientId: {type: string}\n    clientSecret: {type: string, format: password}\n"
             "    passphrase: {type: string, format: password}\n    region: {type: string}\n"
             "auth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n"
             "  makeApiClient:\n    implementationType: mapping\n"},
            {u"auth/get-oauth-config.map.yml"_s,
                "clientId: {$var: connectorParameters.clientId}\nclientSecret: {$var: "
                "connectorParameters.clientSecret}\n"
                "authorizeUri: https://auth.acme.test/authorize\ntokenUri: https://auth.acme.test/token\n"},
            {u"auth/make-api-client.map.yml"_s,
                "baseUri: https://api.acme.test\nheaders:\n  Authorization: {$concat: ['Bearer ', {$var: "
                "credentials.access_token}]}\n"}});

    m_profileName = u"bundle-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto opened = ProfileContext::open(m_profileName, {m_connectors.root()});
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    m_context = *opened;
    QVERIFY(m_context->connector(u"acme"_s));

    // The secrets, each distinctive; some with characters that percent- and base64-encoding change.
    m_accessToken = jwt(R"({"alg":"RS256","typ":"JWT","kid":"key-1"})",
        R"({"sub":"alice@example.com","exp":1893456000,"iat":1893452400,"scope":"read write","session_token":"CLAIM-SECRET-6620"})",
        "SIGNATURE-SECRET-ACCESS-1177");
    const QString idToken = jwt(R"({"alg":"RS256","typ":"JWT"})",
        R"({"sub":"alice@example.com","aud":"acme-client","exp":1893456000,"nonce":"n-1","email":"alice@example.com"})",
        "SIGNATURE-SECRET-ID-2288");
    const QString refreshToken = u"rt/SECRET+refresh=8831"_s;
    const QString clientSecret = u"cs/SECRET+client=4471&x"_s;
    const QString passphrase = u"pw SECRET:pass/9920"_s;
    const QString urlToken = u"URLSECRET5512"_s;
    const QString headerToken = u"HDR.SECRET.7731"_s;
    const QString bodyToken = u"BODY-SECRET-3390"_s;
    m_secrets = {m_accessToken, idToken, refreshToken, clientSecret, passphrase, urlToken, headerToken, bodyToken,
        u"CLAIM-SECRET-6620"_s};

    // Connector parameters: clientSecret and the password-format passphrase go to the keychain.
    ConnectorParametersJob *parameters = m_context->parameters()->set(u"acme"_s,
        {{u"clientId"_s, u"acme-client"_s}, {u"clientSecret"_s, clientSecret}, {u"passphrase"_s, passphrase},
            {u"region"_s, u"eu-west"_s}},
        ProfileContext::secretParameterKeys((*m_context->connector(u"acme"_s))->spec));
    QSignalSpy parametersSet(parameters, &ConnectorParametersJob::finished);
    parameters->start();
    QVERIFY(parametersSet.wait(30000));
    QVERIFY(parameters->outcome());

    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"acme"_s;
    record.status = u"Ready"_s;
    record.scopesRequested = {u"read"_s, u"write"_s};
    record.scopesGranted = {u"read"_s};
    record.obtainedAt = QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    record.expiresAt = QDateTime(QDate(2030, 1, 1), QTime(13, 0), Qt::UTC);
    record.input = QJsonObject {{u"tenant"_s, u"acme-eu"_s}};
    const auto added = m_context->index().add(record);
    QVERIFY(added);
    m_record = *added;
    QVERIFY(m_context->index().recordRefresh(u"work"_s, false, u"refresh failed: refresh_token="_s + refreshToken));
    m_record = *m_context->index().find(u"work"_s);

    SecretJob *write = m_context->secrets()->write(SecretStore::Kind::ConnectionCredentials, m_record.id,
        {{u"access_token"_s, m_accessToken}, {u"refresh_token"_s, refreshToken}, {u"id_token"_s, idToken},
            {u"token_type"_s, u"Bearer"_s}, {u"expires_in"_s, 3600}, {u"scope"_s, u"read"_s},
            {u"instance_key"_s, u"opaque-SECRET-4242"_s}});
    m_secrets.append(u"opaque-SECRET-4242"_s); // a value under a harmless-looking name is not shown either
    QSignalSpy written(write, &SecretJob::finished);
    write->start();
    QVERIFY(written.wait(30000));

    // The HTTP log: one exchange recorded the normal way, and one raw line as an older or foreign
    // writer might have left it (not redacted on the way in): the bundle must redact it itself.
    HttpExchange exchange;
    exchange.startedAt = QDateTime(QDate(2030, 1, 1), QTime(12, 30), Qt::UTC);
    exchange.method = u"GET"_s;
    exchange.url = u"https://api.acme.test/v1/me?access_token="_s + urlToken + u"&page=2"_s;
    exchange.requestHeaders = {{u"Authorization"_s, u"Bearer "_s + headerToken}};
    exchange.status = 200;
    exchange.durationMs = 42;
    exchange.responseHeaders = {{u"Content-Type"_s, u"application/json"_s}};
    exchange.responseBody = R"({"id":"alice","refresh_token":")" + bodyToken.toUtf8() + "\"}";
    HttpLog::record(m_context->profile(), m_record.id, {exchange});
    HttpLog::flush(); // record() writes in the background; the raw line goes after it
    exchange.url = u"https://api.acme.test/v1/raw?code="_s + urlToken;
    exchange.startedAt = exchange.startedAt.addSecs(1);
    QFile log(HttpLog::forConnection(m_context->profile(), m_record.id).filePath());
    QVERIFY(log.open(QIODevice::Append));
    log.write(QJsonDocument(HttpLog::toJson(exchange)).toJson(QJsonDocument::Compact) + '\n');
}

void tst_SupportBundle::cleanupTestCase()
{
    if (!m_context)
        return;
    SecretJob *job = m_context->secrets()->remove(SecretStore::Kind::ConnectionCredentials, m_record.id);
    QSignalSpy removed(job, &SecretJob::finished);
    job->start();
    removed.wait(30000);
    ConnectorParametersJob *parameters = m_context->parameters()->remove(u"acme"_s);
    QSignalSpy parametersRemoved(parameters, &ConnectorParametersJob::finished);
    parameters->start();
    parametersRemoved.wait(30000);
    delete m_context;
}

QByteArray tst_SupportBundle::makeBundle()
{
    SupportBundle bundle(m_context, u"work"_s);
    QSignalSpy finished(&bundle, &SupportBundle::finished);
    bundle.start();
    if (!finished.wait(30000) || bundle.error())
        return {};
    return bundle.toJson();
}

void tst_SupportBundle::verifyNoSecret(const QByteArray &bytes)
{
    QVERIFY(!bytes.isEmpty());
    for (const QString &secret : std::as_const(m_secrets)) {
        const QByteArray utf8 = secret.toUtf8();
        const QList<QByteArray> forms {utf8, utf8.toBase64(),
            utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            QUrl::toPercentEncoding(secret), QByteArray(utf8).replace(' ', '+'), QByteArray(utf8).replace('/', "\\/")};
        for (const QByteArray &form : forms)
            QVERIFY2(
                !bytes.contains(form), qPrintable(u"secret %1 leaked as %2"_s.arg(secret, QString::fromUtf8(form))));
    }
    // The signatures of the JWTs are dropped, their encoded segments too.
    for (const char *signature : {"SIGNATURE-SECRET-ACCESS-1177", "SIGNATURE-SECRET-ID-2288"}) {
        QVERIFY(!bytes.contains(signature));
        QVERIFY(!bytes.contains(base64Url(signature).toUtf8()));
    }
}

void tst_SupportBundle::verifyFacts(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonObject bundle = QJsonDocument::fromJson(bytes, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(bundle.value(u"format"_s).toString(), u"authdesk-support-bundle"_s);
    QVERIFY(!bundle.value(u"qt"_s).toObject().value(u"runtime"_s).toString().isEmpty());
    QVERIFY(!bundle.value(u"os"_s).toObject().value(u"name"_s).toString().isEmpty());

    const QJsonObject connector = bundle.value(u"connector"_s).toObject();
    QCOMPARE(connector.value(u"key"_s).toString(), u"acme"_s);
    QCOMPARE(connector.value(u"name"_s).toString(), u"Acme Cloud"_s);
    QCOMPARE(connector.value(u"source"_s).toString().isEmpty(), false);
    QVERIFY(connector.value(u"folder"_s).toString().endsWith(u"acme"_s));
    QCOMPARE(connector.value(u"parameters"_s).toObject().value(u"clientId"_s).toString(), u"acme-client"_s);
    QCOMPARE(connector.value(u"parameters"_s).toObject().value(u"region"_s).toString(), u"eu-west"_s);
    const QJsonArray secretNames = connector.value(u"secretParametersSet"_s).toArray();
    QVERIFY(secretNames.contains(u"clientSecret"_s) && secretNames.contains(u"passphrase"_s));

    const QJsonObject connection = bundle.value(u"connection"_s).toObject();
    QCOMPARE(connection.value(u"status"_s).toString(), u"Ready"_s);
    QVERIFY2(bytes.contains("2030-01-01T13:00:00.000Z"), "the expiry"); // expiresAt
    QVERIFY(!connection.value(u"history"_s).toArray().isEmpty());

    const QJsonObject shape = bundle.value(u"credentials"_s).toObject().value(u"shape"_s).toObject();
    QVERIFY(bundle.value(u"credentials"_s).toObject().value(u"stored"_s).toBool());
    for (const QString &key :
        {u"access_token"_s, u"refresh_token"_s, u"id_token"_s, u"token_type"_s, u"instance_key"_s})
        QVERIFY2(shape.contains(key), qPrintable(key));
    QCOMPARE(shape.value(u"token_type"_s).toObject().value(u"value"_s).toString(), u"Bearer"_s);
    QCOMPARE(shape.value(u"expires_in"_s).toObject().value(u"value"_s).toInt(), 3600);
    QVERIFY(!shape.value(u"instance_key"_s).toObject().contains(u"value"_s));
    const QJsonObject claims
        = shape.value(u"access_token"_s).toObject().value(u"jwt"_s).toObject().value(u"claims"_s).toObject();
    QCOMPARE(claims.value(u"sub"_s).toString(), u"alice@example.com"_s);
    QCOMPARE(claims.value(u"exp"_s).toInteger(), 1893456000);
    QCOMPARE(claims.value(u"session_token"_s).toString(), u"[redacted]"_s);
    QCOMPARE(shape.value(u"access_token"_s)
                 .toObject()
                 .value(u"jwt"_s)
                 .toObject()
                 .value(u"header"_s)
                 .toObject()
                 .value(u"kid"_s)
                 .toString(),
        u"key-1"_s);
    QVERIFY(shape.value(u"id_token"_s)
                .toObject()
                .value(u"jwt"_s)
                .toObject()
                .value(u"claims"_s)
                .toObject()
                .contains(u"aud"_s));

    const QJsonArray log = bundle.value(u"httpLog"_s).toObject().value(u"entries"_s).toArray();
    QCOMPARE(log.size(), 2);
    QVERIFY2(log.at(0).toObject().value(u"url"_s).toString().startsWith(u"https://api.acme.test/v1/me?"_s),
        qPrintable(log.at(0).toObject().value(u"url"_s).toString()));
    QVERIFY(log.at(0).toObject().value(u"url"_s).toString().contains(u"page=2"_s));
    QCOMPARE(log.at(0).toObject().value(u"status"_s).toInt(), 200);
}

void tst_SupportBundle::noSecretLeaksAndTheFactsAreThere()
{
    const QByteArray bytes = makeBundle();
    verifyNoSecret(bytes);
    verifyFacts(bytes);
}

void tst_SupportBundle::commandWritesTheSameBundle()
{
    const QString output = m_home.filePath(u"bundle.json"_s);
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    BundleCommand command(u"work"_s, output, {m_profileName, {m_connectors.root()}, false}, out, err);
    QSignalSpy finished(&command, &ProfileCommand::finished);
    QCOMPARE(command.start(), -1);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toInt() == 0, qPrintable(errText));
    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // Readable by its owner only: it holds response bodies and account details.
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    const QByteArray bytes = file.readAll();
    verifyNoSecret(bytes);
    verifyFacts(bytes);
    verifyNoSecret(errText.toUtf8() + outText.toUtf8());
}

void tst_SupportBundle::unknownConnectionIsNotFound()
{
    SupportBundle bundle(m_context, u"nobody"_s);
    QSignalSpy finished(&bundle, &SupportBundle::finished);
    bundle.start();
    QVERIFY(finished.wait(10000));
    QVERIFY(bundle.error());
    QCOMPARE(bundle.error()->code, ErrorCode::NotFound);
}

void tst_SupportBundle::credentialsShapeOfOpaqueTokens()
{
    const QJsonObject shape = SupportBundle::credentialsShape({{u"access_token"_s, u"gho_opaque123456"_s},
        {u"extra"_s, QJsonObject {{u"a"_s, 1}}}, {u"list"_s, QJsonArray {1, 2}}});
    QCOMPARE(shape.value(u"access_token"_s).toObject().value(u"type"_s).toString(), u"string"_s);
    QCOMPARE(shape.value(u"access_token"_s).toObject().value(u"length"_s).toInt(), 16);
    QVERIFY(!shape.value(u"access_token"_s).toObject().contains(u"jwt"_s));
    QCOMPARE(shape.value(u"extra"_s).toObject().value(u"keys"_s).toArray(), QJsonArray {u"a"_s});
    QCOMPARE(shape.value(u"list"_s).toObject().value(u"items"_s).toInt(), 2);
    QVERIFY(!QJsonDocument(shape).toJson().contains("gho_opaque123456"));
}

QTEST_GUILESS_MAIN(tst_SupportBundle)
#include "tst_supportbundle.moc"
