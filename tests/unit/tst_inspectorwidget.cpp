#include "inspectorwidget.h"

#include "apiconsolewidget.h"
#include "httplogwidget.h"

#include "connection/profilecontext.h"
#include "store/httplog.h"
#include "store/secretjob.h"
#include "store/secretstore.h"

#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
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
    void httpLogAndApiConsoleTabsFollowTheConnection();
    void exportsARedactedSupportBundle();

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

void tst_InspectorWidget::httpLogAndApiConsoleTabsFollowTheConnection()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QStringList tabNames;
    for (int i = 0; i < inspector.tabs()->count(); ++i)
        tabNames.append(inspector.tabs()->tabText(i));
    QVERIFY2(
        tabNames.contains(u"HTTP log"_s) && tabNames.contains(u"API console"_s), qPrintable(tabNames.join(u", "_s)));
    // Every control of the new tabs that takes focus has an accessible name (Qt's own helpers, a
    // table's corner button or a line edit's clear button, take none).
    QList<QWidget *> controls
        = inspector.httpLog()->findChildren<QWidget *>() + inspector.apiConsole()->findChildren<QWidget *>();
    controls.append(inspector.exportBundleButton());
    for (QWidget *widget : std::as_const(controls)) {
        if (widget->focusPolicy() == Qt::NoFocus)
            continue;
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget)
            || qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget)
            || qobject_cast<QPlainTextEdit *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty() || widget->objectName().startsWith(u"qt_"_s),
                qPrintable(widget->objectName() + u' ' + QString::fromLatin1(widget->metaObject()->className())));
    }

    HttpExchange exchange;
    exchange.startedAt = QDateTime::currentDateTimeUtc();
    exchange.method = u"GET"_s;
    exchange.url = u"https://api.github.com/user"_s;
    exchange.status = 200;
    exchange.requestHeaders = {{u"Authorization"_s, u"Bearer "_s + m_accessToken}};
    HttpLog::record(m_context->profile(), m_record.id, {exchange});

    inspector.setConnection(&m_record);
    QTRY_COMPARE_WITH_TIMEOUT(inspector.httpLog()->entries().size(), qsizetype(1), 20000); // read off the GUI thread
    QCOMPARE(inspector.apiConsole()->connectionName(), u"work"_s);
    QVERIFY(inspector.apiConsole()->sendButton()->isEnabled());
    inspector.httpLog()->selectEntry(0);
    QVERIFY(inspector.httpLog()->detailsText().contains(u"Bearer [redacted]"_s));
    QVERIFY(!inspector.httpLog()->detailsText().contains(m_accessToken));

    // Appended by anyone (here: another writer of the same file) shows up by itself.
    exchange.startedAt = exchange.startedAt.addSecs(1);
    exchange.status = 401;
    HttpLog::record(m_context->profile(), m_record.id, {exchange});
    QTRY_COMPARE_WITH_TIMEOUT(inspector.httpLog()->entries().size(), qsizetype(2), 20000);
    QCOMPARE(inspector.httpLog()->table()->model()->index(0, HttpLogWidget::StatusColumn).data().toString(), u"401"_s);

    // Another connection: its own (empty) log and the console aims at it.
    inspector.setConnection(&m_other);
    QTRY_COMPARE_WITH_TIMEOUT(inspector.httpLog()->entries().size(), qsizetype(0), 20000);
    QCOMPARE(inspector.apiConsole()->connectionName(), u"other"_s);
    inspector.setConnection(nullptr);
    QVERIFY(inspector.apiConsole()->connectionName().isEmpty());
    QVERIFY(!inspector.apiConsole()->sendButton()->isEnabled());
    HttpLog::flush();
    QVERIFY(HttpLog::forConnection(m_context->profile(), m_record.id).remove());
}

void tst_InspectorWidget::exportsARedactedSupportBundle()
{
    InspectorWidget inspector(m_context);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setConnection(&m_record);

    // A window-modal file dialog, opened without a nested event loop.
    QTest::mouseClick(inspector.exportBundleButton(), Qt::LeftButton);
    auto *dialog = inspector.findChild<QFileDialog *>(u"bundleFileDialog"_s);
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    QVERIFY2(dialog->selectedFiles().value(0).contains(u"authdesk-support-work-"_s),
        qPrintable(dialog->selectedFiles().value(0)));

    const QString target = m_home.filePath(u"bundle-from-gui.json"_s);
    QSignalSpy exported(&inspector, &InspectorWidget::bundleExported);
    dialog->selectFile(target);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected; QDialog's is the slot
    QVERIFY(exported.wait(30000));
    QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(exported.at(0).at(2).toString()));
    QCOMPARE(exported.at(0).at(1).toString(), target);
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(m_accessToken.toUtf8()));
    QVERIFY(!bytes.contains("rt-very-secret-value"));
    QVERIFY(!bytes.contains("c2lnbmF0dXJl"));
    const QJsonObject bundle = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(bundle.value(u"connection"_s).toObject().value(u"name"_s).toString(), u"work"_s);
    const QJsonObject accessToken
        = bundle.value(u"credentials"_s).toObject().value(u"shape"_s).toObject().value(u"access_token"_s).toObject();
    QCOMPARE(
        accessToken.value(u"jwt"_s).toObject().value(u"claims"_s).toObject().value(u"sub"_s).toString(), u"alice"_s);
}

QTEST_MAIN(tst_InspectorWidget)
#include "tst_inspectorwidget.moc"
