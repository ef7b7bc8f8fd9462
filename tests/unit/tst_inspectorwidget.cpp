#include "inspectorwidget.h"

#include "connection/profilecontext.h"
#include "store/secretjob.h"
#include "store/secretstore.h"

#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// The inspector on a real profile and the real Secret Service of the test session: overview,
// masked credentials revealed only after a confirmation, decoded JWT claims, history.
class tst_InspectorWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void overviewCredentialsTokensHistory();
    void revealNeedsConfirmationAndEndsWithTheConnection();

private:
    QTemporaryDir m_home;
    ProfileContext *m_context = nullptr;
    ConnectionRecord m_record;
    ConnectionRecord m_other;
    QString m_accessToken;
};

static QString base64Url(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void tst_InspectorWidget::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    const auto context = ProfileContext::open(u"insp-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12), {},
        nullptr, m_home.filePath(u"profiles"_s));
    QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
    m_context = *context;

    ConnectionRecord record;
    record.name = u"work"_s;
    record.connectorKey = u"github"_s;
    record.status = u"Ready"_s;
    record.scopesRequested = {u"openid"_s, u"repo"_s};
    record.scopesGranted = {u"openid"_s};
    record.obtainedAt = QDateTime::currentDateTimeUtc();
    record.expiresAt = record.obtainedAt.addSecs(3600);
    const auto added = m_context->index().add(record);
    QVERIFY(added);
    m_record = *added;
    QVERIFY(m_context->index().recordTest(u"work"_s, false, u"401 from /user"_s));
    m_record = *m_context->index().find(u"work"_s);
    record.name = u"other"_s;
    m_other = *m_context->index().add(record);

    m_accessToken = base64Url(R"({"alg":"RS256","typ":"JWT"})") + u'.'
        + base64Url(R"({"sub":"alice","exp":1893456000,"scope":"openid"})") + u".c2lnbmF0dXJl";
    SecretJob *job = m_context->secrets()->write(SecretStore::Kind::ConnectionCredentials, m_record.id,
        {{u"access_token"_s, m_accessToken}, {u"refresh_token"_s, u"rt-very-secret-value"_s}, {u"token_type"_s, u"Bearer"_s}});
    QSignalSpy written(job, &SecretJob::finished);
    job->start();
    QVERIFY(written.wait(30000));
}

void tst_InspectorWidget::cleanupTestCase()
{
    if (m_context) {
        SecretJob *job = m_context->secrets()->remove(SecretStore::Kind::ConnectionCredentials, m_record.id);
        QSignalSpy removed(job, &SecretJob::finished);
        job->start();
        removed.wait(30000);
    }
    delete m_context;
}

void tst_InspectorWidget::overviewCredentialsTokensHistory()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy loaded(&inspector, &InspectorWidget::credentialsLoaded);
    inspector.setConnection(&m_record);
    QCOMPARE(inspector.findChild<QLabel *>(u"connector"_s)->text(), u"github"_s);
    QCOMPARE(inspector.findChild<QLabel *>(u"scopesRequested"_s)->text(), u"openid repo"_s);
    QCOMPARE(inspector.findChild<QLabel *>(u"scopesGranted"_s)->text(), u"openid repo (not granted)"_s);
    QVERIFY(loaded.wait(30000));

    // Masked: the token types show, the secrets do not.
    const QString credentials = inspector.credentialsText();
    QVERIFY2(credentials.contains(u"Bearer"_s), qPrintable(credentials));
    QVERIFY2(!credentials.contains(m_accessToken) && !credentials.contains(u"rt-very-secret-value"_s), qPrintable(credentials));
    QVERIFY(!inspector.isRevealed());

    // The access token's JWT claims, decoded, with the expiry in local time; not its signature.
    const QString tokens = inspector.tokensText();
    QVERIFY2(tokens.contains(u"\"sub\": \"alice\""_s), qPrintable(tokens));
    QVERIFY(tokens.contains(u"\"alg\": \"RS256\""_s));
    QVERIFY(tokens.contains(u"Expires (exp): "_s));
    QVERIFY(!tokens.contains(u"c2lnbmF0dXJl"_s));

    // History, newest first.
    QTableWidget *history = inspector.historyTable();
    QVERIFY(history->rowCount() >= 2);
    QVERIFY2(history->item(0, 2)->text().contains(u"401 from /user"_s), qPrintable(history->item(0, 2)->text()));
}

void tst_InspectorWidget::revealNeedsConfirmationAndEndsWithTheConnection()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QSignalSpy loaded(&inspector, &InspectorWidget::credentialsLoaded);
    inspector.setConnection(&m_record);
    QVERIFY(loaded.wait(30000));

    // Cancel keeps them masked.
    QTest::mouseClick(inspector.revealButton(), Qt::LeftButton);
    auto *box = inspector.findChild<QMessageBox *>(u"revealConfirmation"_s);
    QVERIFY(box && box->isVisible());
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(!inspector.isRevealed());
    QVERIFY(!inspector.credentialsText().contains(m_accessToken));

    QTest::mouseClick(inspector.revealButton(), Qt::LeftButton);
    box = inspector.findChild<QMessageBox *>(u"revealConfirmation"_s);
    QVERIFY(box);
    box->findChild<QPushButton *>(u"confirmReveal"_s)->click();
    QVERIFY(inspector.isRevealed());
    QVERIFY(inspector.credentialsText().contains(m_accessToken));
    QVERIFY(inspector.credentialsText().contains(u"rt-very-secret-value"_s));

    // Another connection: masked again, and its own (missing) credentials.
    inspector.setConnection(&m_other);
    QVERIFY(!inspector.isRevealed());
    QVERIFY(loaded.wait(30000));
    QVERIFY2(inspector.credentialsText().contains(u"Nothing is stored"_s), qPrintable(inspector.credentialsText()));
    inspector.setConnection(nullptr);
    QVERIFY(!inspector.tabs()->isVisible());
}

QTEST_MAIN(tst_InspectorWidget)
#include "tst_inspectorwidget.moc"
