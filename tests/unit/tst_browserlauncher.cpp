#include "browserlauncher.h"

#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// Authorization opens in the system browser (RFC 8252 §8.12; oauth-standards-and-qt.md check 19):
// through QDesktopServices in the GUI — caught here with setUrlHandler, so no browser starts — or the
// AUTHDESK_BROWSER command, which gets the URL, byte for byte, as its last argument.
class tst_BrowserLauncher : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void handle(const QUrl &url) { m_opened.append(url); }

private Q_SLOTS:
    void init();
    void systemBrowserThroughDesktopServices();
    void browserCommandGetsTheUrlLast();
    void missingBrowserCommandIsReported();

private:
    QList<QUrl> m_opened;
};

namespace {

const QUrl authorizeUrl(u"https://as.example/authorize?response_type=code&client_id=a%2Bb&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback&state=x_y-z"_s);

} // namespace

void tst_BrowserLauncher::init()
{
    m_opened.clear();
    qunsetenv("AUTHDESK_BROWSER");
}

void tst_BrowserLauncher::systemBrowserThroughDesktopServices()
{
    QDesktopServices::setUrlHandler(u"https"_s, this, "handle");
    QString error;
    QVERIFY2(BrowserLauncher::open(authorizeUrl, &error), qPrintable(error));
    QDesktopServices::unsetUrlHandler(u"https"_s);
    QCOMPARE(m_opened, QList<QUrl>{authorizeUrl});
}

void tst_BrowserLauncher::browserCommandGetsTheUrlLast()
{
    QTemporaryDir folder;
    const QString script = folder.filePath(u"browser.sh"_s);
    const QString received = folder.filePath(u"received.txt"_s);
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > \"$0.tmp\" && mv \"$0.tmp\" \"" + received.toUtf8() + "\"\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    qputenv("AUTHDESK_BROWSER", (script + u" --new-window"_s).toUtf8());
    QDesktopServices::setUrlHandler(u"https"_s, this, "handle"); // must not be used
    QString error;
    QVERIFY2(BrowserLauncher::open(authorizeUrl, &error), qPrintable(error));
    QDesktopServices::unsetUrlHandler(u"https"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(received), 10000);
    QFile result(received);
    QVERIFY(result.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(result.readAll()), u"--new-window|"_s + authorizeUrl.toString(QUrl::FullyEncoded));
    QVERIFY(m_opened.isEmpty());
}

void tst_BrowserLauncher::missingBrowserCommandIsReported()
{
    qputenv("AUTHDESK_BROWSER", "/nonexistent/authdesk-test-browser");
    QString error;
    QVERIFY(!BrowserLauncher::open(authorizeUrl, &error));
    QVERIFY2(error.contains(u"AUTHDESK_BROWSER"_s), qPrintable(error));
}

QTEST_MAIN(tst_BrowserLauncher)
#include "tst_browserlauncher.moc"
