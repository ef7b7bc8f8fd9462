#include "connection/methodcall.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// MethodCall runs mapping and JavaScript auth methods alike; what a failing hook says reaches logs,
// stderr and the history, so it must come out redacted but still located.
class tst_MethodCall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptErrorsAreRedactedAndLocated();
    void javascriptResult();
};

namespace {

Result<QJsonValue> call(MethodImplementation implementation, const QJsonObject &arguments)
{
    MethodCall call(std::move(implementation), arguments);
    QSignalSpy finished(&call, &MethodCall::finished);
    call.start();
    if (!finished.wait(60000))
        return Error(ErrorCode::Internal, u"the method did not finish"_s);
    return call.result();
}

} // namespace

void tst_MethodCall::scriptErrorsAreRedactedAndLocated()
{
    MethodImplementation implementation;
    implementation.method = AuthMethod::GetTokenData;
    implementation.type = ImplementationType::Javascript;
    implementation.filePath = u"/connectors/acme/auth/get-token-data.js"_s;
    implementation.code = uR"(exports.getTokenData = async function ({ queryParameters }) {
  const body = { access_token: 'at-secret-123', refresh_token: 'rt-secret-456' };
  throw new Error('exchange failed for code=' + queryParameters.code + ': ' + JSON.stringify(body));
};)"_s;
    const Result<QJsonValue> result = call(implementation, {{u"queryParameters"_s, QJsonObject{{u"code"_s, u"c0de-secret"_s}}}});
    QVERIFY(!result);
    const QString message = result.error().message;
    QCOMPARE(result.error().code, ErrorCode::Script);
    QVERIFY2(message.startsWith(u"/connectors/acme/auth/get-token-data.js:3"_s), qPrintable(message));
    QVERIFY2(message.contains(u"exchange failed"_s), qPrintable(message));
    for (const QString &secret : {u"at-secret-123"_s, u"rt-secret-456"_s, u"c0de-secret"_s})
        QVERIFY2(!message.contains(secret), qPrintable(message));
}

void tst_MethodCall::javascriptResult()
{
    MethodImplementation implementation;
    implementation.method = AuthMethod::GetOAuthConfig;
    implementation.type = ImplementationType::Javascript;
    implementation.filePath = u"/connectors/acme/auth/get-oauth-config.js"_s;
    implementation.code = u"module.exports = ({ connectorParameters }) => ({ clientId: connectorParameters.clientId });"_s;
    const Result<QJsonValue> result = call(implementation, {{u"connectorParameters"_s, QJsonObject{{u"clientId"_s, u"id-1"_s}}}});
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->toObject().value(u"clientId"_s).toString(), u"id-1"_s);
}

QTEST_GUILESS_MAIN(tst_MethodCall)
#include "tst_methodcall.moc"
