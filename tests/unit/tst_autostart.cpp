#include "autostart.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// "Start at login": the XDG autostart entry under a temporary XDG_CONFIG_HOME, written with the right
// Exec (quoted as the Desktop Entry Specification asks), accepted by desktop-file-validate, removed.
class tst_Autostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void writesAndRemovesTheEntry();
    void execNamesTheProfile();
    void quotesAnExecutableWithSpaces();
    void anotherProfilesEntryIsNotOurs();
    void hiddenEntryCountsAsDisabled();

private:
    // Runs desktop-file-validate on the entry when the tool exists; its complaints otherwise.
    QString validate(const QString &path);
    QString readEntry();

    std::unique_ptr<QTemporaryDir> m_config;
};

void tst_Autostart::init()
{
    if (!Autostart::isSupported())
        QSKIP("XDG autostart only: elsewhere Autostart is a documented no-op");
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
    qputenv("XDG_CONFIG_HOME", m_config->path().toUtf8());
}

QString tst_Autostart::readEntry()
{
    QFile file(Autostart::entryPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString tst_Autostart::validate(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (tool.isEmpty())
        return {};
    QProcess process;
    process.start(tool, {path});
    if (!process.waitForFinished(30000))
        return u"desktop-file-validate did not finish"_s;
    const QString output
        = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()).trimmed();
    return process.exitCode() == 0 && !output.contains(u"error:") ? QString() : output;
}

void tst_Autostart::writesAndRemovesTheEntry()
{
    const QString binary = u"/usr/bin/authdesk"_s;
    Autostart autostart(u"default"_s, binary);
    QCOMPARE(Autostart::entryPath(), m_config->path() + u"/autostart/app.authdesk.Authdesk.desktop"_s);
    QVERIFY(!autostart.isEnabled());
    QSignalSpy changed(&autostart, &Autostart::enabledChanged);

    const auto enabled = autostart.setEnabled(true);
    QVERIFY2(enabled, qPrintable(enabled ? QString() : enabled.error().message));
    QCOMPARE(*enabled, Autostart::Change::Applied);
    QVERIFY(autostart.isEnabled());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);
    const QString text = readEntry();
    QVERIFY2(text.startsWith(u"[Desktop Entry]\n"_s), qPrintable(text));
    // The default profile needs no option; --minimized starts in the tray.
    QVERIFY2(text.contains(u"\nExec=/usr/bin/authdesk --minimized\n"_s), qPrintable(text));
    QVERIFY(text.contains(u"\nType=Application\n"_s));
    QVERIFY(text.contains(u"\nTryExec=/usr/bin/authdesk\n"_s));
    const QString problems = validate(Autostart::entryPath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Enabling again keeps the entry and signals no change.
    QVERIFY(autostart.setEnabled(true));
    QCOMPARE(changed.count(), 1);

    QVERIFY(autostart.setEnabled(false));
    QVERIFY(!QFile::exists(Autostart::entryPath()));
    QVERIFY(!autostart.isEnabled());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toBool(), false);
}

void tst_Autostart::execNamesTheProfile()
{
    Autostart autostart(u"work"_s, u"/opt/authdesk/bin/authdesk"_s);
    QCOMPARE(autostart.execLine(), u"/opt/authdesk/bin/authdesk --minimized --profile work"_s);
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(readEntry().contains(u"\nExec=/opt/authdesk/bin/authdesk --minimized --profile work\n"_s));
    const QString problems = validate(Autostart::entryPath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void tst_Autostart::quotesAnExecutableWithSpaces()
{
    // Reserved characters put the argument in double quotes, where " ` $ \ are backslash-escaped,
    // and the string value escapes each backslash once more; % is doubled.
    Autostart autostart(u"my $profile"_s, u"/home/a b/100%/authdesk"_s);
    QCOMPARE(autostart.execLine(), u"\"/home/a b/100%%/authdesk\" --minimized --profile \"my \\\\$profile\""_s);
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
    const QString problems = validate(Autostart::entryPath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void tst_Autostart::anotherProfilesEntryIsNotOurs()
{
    Autostart work(u"work"_s, u"/usr/bin/authdesk"_s);
    Autostart home(u"home"_s, u"/usr/bin/authdesk"_s);
    QVERIFY(work.setEnabled(true));
    QVERIFY(work.isEnabled());
    QVERIFY(!home.isEnabled()); // one entry per user: it starts "work"
    QVERIFY(home.setEnabled(false)); // not home's to remove
    QVERIFY(work.isEnabled());
    QVERIFY(home.setEnabled(true)); // replaces it
    QVERIFY(home.isEnabled());
    QVERIFY(!work.isEnabled());
}

void tst_Autostart::hiddenEntryCountsAsDisabled()
{
    Autostart autostart(u"default"_s, u"/usr/bin/authdesk"_s);
    QVERIFY(autostart.setEnabled(true));
    // What a desktop's "startup applications" settings write to switch an entry off.
    QFile file(Autostart::entryPath());
    QVERIFY(file.open(QIODevice::Append));
    file.write("Hidden=true\n");
    file.close();
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true)); // enabling writes a fresh entry
    QVERIFY(autostart.isEnabled());
}

QTEST_GUILESS_MAIN(tst_Autostart)
#include "tst_autostart.moc"
