#include "localhttpserver.h"

#include "oauth/networkpolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;

namespace {

// A self-signed certificate for 127.0.0.1 that no trust store knows: the client must refuse it.
const char untrustedCertificate[] = "-----BEGIN CERTIFICATE-----\n"
                                    "MIIBkTCCATagAwIBAgIUN1dSoXloI3CBz/wy+NuyyomTpygwCgYIKoZIzj0EAwIw\n"
                                    "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODEwMzcxNloYDzIxMjYxMTA0\n"
                                    "MTAzNzE2WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
                                    "PQMBBwNCAATZNuV67TWbRN56v23fuWTP0by53o59TqwXAKoS0KdN+VqNl+Pq6zXO\n"
                                    "Le08YvtT/YYHhUrc2KX8J0Hsd8d7eNAFo2QwYjAdBgNVHQ4EFgQU03tbQZLvnQnb\n"
                                    "yBiva8t1/8y179owHwYDVR0jBBgwFoAU03tbQZLvnQnbyBiva8t1/8y179owDwYD\n"
                                    "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC\n"
                                    "IQDme4oQu0qU4n6lQLEIjqqJdj5eEWt/FKshOWDK2vYMPAIhAKm6zpUo3eHk0eUR\n"
                                    "D5+S7CpdUULi1O5p54Fpieo2xYg3\n"
                                    "-----END CERTIFICATE-----\n";
const char untrustedKey[] = "-----BEGIN PRIVATE KEY-----\n"
                            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7Msrp17leUH070/N\n"
                            "crYNWAPw/duLMoINMBLpEuMvj4ChRANCAATZNuV67TWbRN56v23fuWTP0by53o59\n"
                            "TqwXAKoS0KdN+VqNl+Pq6zXOLe08YvtT/YYHhUrc2KX8J0Hsd8d7eNAF\n"
                            "-----END PRIVATE KEY-----\n";

// Restores an environment variable when the test ends.
class EnvironmentOverride
{
public:
    EnvironmentOverride(const char *name, const QByteArray &value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~EnvironmentOverride()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

// Every request Authdesk makes goes through this policy: https:// or loopback http:// only, the
// system proxy honoured, TLS verification never off.
class tst_NetworkPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loopbackHosts_data();
    void loopbackHosts();
    void urls_data();
    void urls();
    void refusalNamesUrlAndField();
    void requestDefaults();
    void untrustedCertificateFails();
    void systemProxyIsUsed();
    void loopbackBypassesProxy();
};

void tst_NetworkPolicy::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::addRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::addRow("127.255.0.9") << u"127.255.0.9"_s << true;
    QTest::addRow("::1") << u"::1"_s << true;
    QTest::addRow("localhost") << u"localhost"_s << true;
    QTest::addRow("LocalHost.") << u"LocalHost."_s << true;
    QTest::addRow("128.0.0.1") << u"128.0.0.1"_s << false;
    QTest::addRow("0.0.0.0") << u"0.0.0.0"_s << false;
    QTest::addRow("192.168.1.1") << u"192.168.1.1"_s << false;
    QTest::addRow("localhost.evil.example") << u"localhost.evil.example"_s << false;
    QTest::addRow("127.0.0.1.nip.io") << u"127.0.0.1.nip.io"_s << false;
    QTest::addRow("evil-localhost") << u"evillocalhost"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_NetworkPolicy::loopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(NetworkPolicy::isLoopbackHost(host), loopback);
}

void tst_NetworkPolicy::urls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::addRow("https") << u"https://oauth2.googleapis.com/token"_s << true;
    QTest::addRow("HTTPS upper case") << u"HTTPS://login.example/token"_s << true;
    QTest::addRow("http loopback") << u"http://127.0.0.1:8080/token"_s << true;
    QTest::addRow("http ipv6 loopback") << u"http://[::1]:8080/token"_s << true;
    QTest::addRow("http localhost") << u"http://localhost:3000/token"_s << true;
    QTest::addRow("http remote") << u"http://auth.example/token"_s << false;
    QTest::addRow("http private lan") << u"http://192.168.0.10/token"_s << false;
    QTest::addRow("http localhost suffix") << u"http://localhost.evil.example/token"_s << false;
    QTest::addRow("http userinfo trick") << u"http://127.0.0.1@evil.example/token"_s << false;
    QTest::addRow("ftp") << u"ftp://files.example/token"_s << false;
    QTest::addRow("file") << u"file:///etc/passwd"_s << false;
    QTest::addRow("relative") << u"/token"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_NetworkPolicy::urls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const Result<QUrl> checked = NetworkPolicy::checkUrl(QUrl(url), u"tokenUri"_s);
    QCOMPARE(checked.hasValue(), allowed);
    if (!allowed) {
        QCOMPARE(checked.error().code, ErrorCode::Validation);
        QVERIFY2(checked.error().message.startsWith(u"tokenUri "_s), qPrintable(checked.error().message));
    }
}

void tst_NetworkPolicy::refusalNamesUrlAndField()
{
    const Result<QUrl> checked = NetworkPolicy::checkUrl(QUrl(u"http://auth.example/oauth/token?x=1"_s), u"revokeUri"_s);
    QVERIFY(!checked.hasValue());
    const QString message = checked.error().message;
    QVERIFY2(message.contains(u"revokeUri"_s), qPrintable(message));
    QVERIFY2(message.contains(u"http://auth.example/oauth/token"_s), qPrintable(message));
    QVERIFY2(message.contains(u"https://"_s), qPrintable(message)); // says what to do instead

    // A secret in the URL is not repeated in the message.
    const Result<QUrl> withSecret
        = NetworkPolicy::checkUrl(QUrl(u"http://user:hunter2@auth.example/token?client_secret=s3cr3t"_s), u"tokenUri"_s);
    QVERIFY(!withSecret.hasValue());
    QVERIFY2(!withSecret.error().message.contains(u"hunter2"_s), qPrintable(withSecret.error().message));
    QVERIFY2(!withSecret.error().message.contains(u"s3cr3t"_s), qPrintable(withSecret.error().message));
}

void tst_NetworkPolicy::requestDefaults()
{
    const QNetworkRequest request = NetworkPolicy::request(QUrl(u"https://auth.example/token"_s), 1500ms);
    QCOMPARE(request.transferTimeout(), 1500);
    QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(), int(QNetworkRequest::ManualRedirectPolicy));
    QCOMPARE(request.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyPeer);
}

void tst_NetworkPolicy::untrustedCertificateFails()
{
    QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
    serverTls.setLocalCertificate(QSslCertificate(QByteArray(untrustedCertificate)));
    serverTls.setPrivateKey(QSslKey(QByteArray(untrustedKey), QSsl::Ec));
    QVERIFY(!serverTls.localCertificate().isNull());
    QVERIFY(!serverTls.privateKey().isNull());
    QSslServer server;
    server.setSslConfiguration(serverTls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int encrypted = 0;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server, &encrypted] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            // Never reached when the client refuses the certificate.
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &encrypted] {
                ++encrypted;
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                socket->disconnectFromHost();
            });
        }
    });

    QNetworkAccessManager network;
    NetworkPolicy::configure(&network);
    QNetworkReply *reply = network.get(
        NetworkPolicy::request(QUrl(u"https://127.0.0.1:%1/token"_s.arg(server.serverPort())), 10000ms));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(encrypted, 0);
    delete reply;
}

void tst_NetworkPolicy::systemProxyIsUsed()
{
    // The "proxy" refuses every CONNECT; what matters is that the request went to it.
    Test::LocalHttpServer proxy([](const Test::LocalHttpServer::Request &) {
        Test::LocalHttpServer::Response response;
        response.status = 403;
        return response;
    });
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(proxy.serverPort());
    EnvironmentOverride https("https_proxy", proxyUrl);
    EnvironmentOverride httpsUpper("HTTPS_PROXY", proxyUrl);
    EnvironmentOverride noProxy("no_proxy", "");

    QNetworkAccessManager network;
    NetworkPolicy::configure(&network);
    QNetworkReply *reply = network.get(NetworkPolicy::request(QUrl(u"https://token.authdesk.invalid/token"_s), 10000ms));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().first().method, QByteArray("CONNECT"));
    QCOMPARE(proxy.requests().first().target, QByteArray("token.authdesk.invalid:443"));
    delete reply;
}

void tst_NetworkPolicy::loopbackBypassesProxy()
{
    Test::LocalHttpServer proxy([](const Test::LocalHttpServer::Request &) { return Test::LocalHttpServer::Response{}; });
    Test::LocalHttpServer target([](const Test::LocalHttpServer::Request &) {
        Test::LocalHttpServer::Response response;
        response.body = "direct";
        return response;
    });
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(proxy.serverPort());
    EnvironmentOverride http("http_proxy", proxyUrl);
    EnvironmentOverride httpUpper("HTTP_PROXY", proxyUrl);
    EnvironmentOverride noProxy("no_proxy", "");

    QNetworkAccessManager network;
    NetworkPolicy::configure(&network);
    QNetworkReply *reply = network.get(NetworkPolicy::request(target.url(u"/token"_s), 10000ms));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("direct"));
    QCOMPARE(proxy.requests().size(), 0);
    delete reply;
}

QTEST_GUILESS_MAIN(tst_NetworkPolicy)
#include "tst_networkpolicy.moc"
