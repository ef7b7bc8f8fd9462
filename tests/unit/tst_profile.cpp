#include "store/profile.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {
constexpr QFileDevice::Permissions groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

// A profile is a folder name, a keychain namespace and a socket name at once: a name that is
// accepted must not be able to escape its folder or collide with another profile.
class tst_Profile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void names_data();
    void names();
    void invalidNameIsAUsageError();
    void resolveOrder();
    void invalidEnvironmentNameSaysWhereItCameFrom();
    void standardRootIsGenericDataLocation();
    void pathsAreInsideTheProfileFolder();
    void profilesDoNotShareAnything();
    void socketNameFitsUnixSocketPaths();
    void ensureDataDirCreatesAPrivateFolder();
    void ensureDataDirTightensAnExistingFolder();
    void ensureDataDirRefusesAFile();

private:
    QTemporaryDir m_root;
    QByteArray m_savedProfileVariable;
    bool m_hadProfileVariable = false;
};

void tst_Profile::init()
{
    QVERIFY(m_root.isValid());
    m_hadProfileVariable = qEnvironmentVariableIsSet("AUTHDESK_PROFILE");
    m_savedProfileVariable = qgetenv("AUTHDESK_PROFILE");
    qunsetenv("AUTHDESK_PROFILE");
}

void tst_Profile::cleanup()
{
    if (m_hadProfileVariable)
        qputenv("AUTHDESK_PROFILE", m_savedProfileVariable);
    else
        qunsetenv("AUTHDESK_PROFILE");
}

void tst_Profile::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addRow("default") << u"default"_s << true;
    QTest::addRow("all classes") << u"Work.eu_2-b"_s << true;
    QTest::addRow("one character") << u"x"_s << true;
    QTest::addRow("64 characters") << QString(64, u'a') << true;
    QTest::addRow("dot dot inside") << u"a..b"_s << true;
    QTest::addRow("leading dot") << u".hidden"_s << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("65 characters") << QString(65, u'a') << false;
    QTest::addRow("dot") << u"."_s << false;
    QTest::addRow("dot dot") << u".."_s << false;
    QTest::addRow("slash") << u"a/b"_s << false;
    QTest::addRow("parent path") << u"../other"_s << false;
    QTest::addRow("backslash") << u"a\\b"_s << false;
    QTest::addRow("space") << u"my profile"_s << false;
    QTest::addRow("colon") << u"c:"_s << false;
    QTest::addRow("non-ASCII letter") << u"prof\u00EFl"_s << false;
    QTest::addRow("newline") << u"a\nb"_s << false;
    QTest::addRow("NUL") << QString(u"a\0b"_s) << false;
}

void tst_Profile::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Profile::isValidName(name), valid);
    QCOMPARE(Profile::named(name, m_root.path()).hasValue(), valid);
}

void tst_Profile::invalidNameIsAUsageError()
{
    const auto profile = Profile::named(u"../etc"_s, m_root.path());
    QVERIFY(!profile);
    QCOMPARE(profile.error().code, ErrorCode::Usage);
    QVERIFY2(profile.error().message.contains(u"../etc"_s), qPrintable(profile.error().message));
    QCOMPARE(exitCodeFor(profile.error().code), 1);
}

void tst_Profile::resolveOrder()
{
    QCOMPARE(Profile::resolve({}, m_root.path())->name(), u"default"_s);
    qputenv("AUTHDESK_PROFILE", "from-env");
    QCOMPARE(Profile::resolve({}, m_root.path())->name(), u"from-env"_s);
    QCOMPARE(Profile::resolve(u"from-cli"_s, m_root.path())->name(), u"from-cli"_s);
    // An empty variable switches the override off.
    qputenv("AUTHDESK_PROFILE", "");
    QCOMPARE(Profile::resolve({}, m_root.path())->name(), u"default"_s);
}

void tst_Profile::invalidEnvironmentNameSaysWhereItCameFrom()
{
    qputenv("AUTHDESK_PROFILE", "no/slashes");
    const auto fromEnvironment = Profile::resolve({}, m_root.path());
    QVERIFY(!fromEnvironment);
    QVERIFY2(
        fromEnvironment.error().message.contains(u"AUTHDESK_PROFILE"_s), qPrintable(fromEnvironment.error().message));
    const auto fromCommandLine = Profile::resolve(u".."_s, m_root.path());
    QVERIFY(!fromCommandLine);
    QVERIFY2(fromCommandLine.error().message.contains(u"--profile"_s), qPrintable(fromCommandLine.error().message));
}

void tst_Profile::standardRootIsGenericDataLocation()
{
    const QString expected
        = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/authdesk/profiles/work"_s;
    QCOMPARE(Profile::named(u"work"_s)->dataDir(), QDir::cleanPath(expected));
}

void tst_Profile::pathsAreInsideTheProfileFolder()
{
    const Profile profile = Profile::named(u"work"_s, m_root.path()).value();
    QCOMPARE(profile.dataDir(), QDir(m_root.path()).filePath(u"work"_s));
    for (const QString &path :
        {profile.connectionIndexPath(), profile.connectorParametersPath(), profile.lockFilePath()})
        QCOMPARE(QFileInfo(path).absolutePath(), profile.dataDir());
    QCOMPARE(profile.keychainNamespace(), u"work"_s);
}

void tst_Profile::profilesDoNotShareAnything()
{
    const Profile a = Profile::named(u"a"_s, m_root.path()).value();
    const Profile b = Profile::named(u"b"_s, m_root.path()).value();
    QTemporaryDir otherRoot;
    const Profile aElsewhere = Profile::named(u"a"_s, otherRoot.path()).value();
    QVERIFY(a.dataDir() != b.dataDir());
    QVERIFY(a.keychainNamespace() != b.keychainNamespace());
    QVERIFY(a.lockFilePath() != b.lockFilePath());
    QVERIFY(a.localSocketName() != b.localSocketName());
    // The same profile name of another user (another home, another root) gets another socket.
    QVERIFY(a.localSocketName() != aElsewhere.localSocketName());
    QCOMPARE(a.localSocketName(), Profile::named(u"a"_s, m_root.path())->localSocketName());
}

void tst_Profile::socketNameFitsUnixSocketPaths()
{
    const Profile longest = Profile::named(QString(64, u'z'), m_root.path()).value();
    const QString name = longest.localSocketName();
    // QLocalServer puts a plain name in the temporary folder; sockaddr_un holds 108 bytes.
    QVERIFY2(name.size() <= 90, qPrintable(name));
    QVERIFY(!name.contains(u'/'));
}

void tst_Profile::ensureDataDirCreatesAPrivateFolder()
{
    const Profile profile = Profile::named(u"fresh"_s, m_root.path() + u"/nested/root"_s).value();
    QVERIFY(!QFileInfo::exists(profile.dataDir()));
    const auto folder = profile.ensureDataDir();
    QVERIFY2(folder, folder ? "" : qPrintable(folder.error().message));
    QCOMPARE(folder.value(), profile.dataDir());
    QVERIFY(QFileInfo(profile.dataDir()).isDir());
#ifndef Q_OS_WIN
    const QFileDevice::Permissions permissions = QFileInfo(profile.dataDir()).permissions();
    QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QCOMPARE(permissions & groupOrOther, QFileDevice::Permissions());
#endif
    // Idempotent.
    QVERIFY(profile.ensureDataDir());
}

void tst_Profile::ensureDataDirTightensAnExistingFolder()
{
#ifdef Q_OS_WIN
    QSKIP("POSIX permissions");
#else
    const Profile profile = Profile::named(u"open"_s, m_root.path()).value();
    QVERIFY(QDir().mkpath(profile.dataDir()));
    QVERIFY(QFile::setPermissions(profile.dataDir(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther));
    QVERIFY(profile.ensureDataDir());
    QCOMPARE(QFileInfo(profile.dataDir()).permissions() & groupOrOther, QFileDevice::Permissions());
#endif
}

void tst_Profile::ensureDataDirRefusesAFile()
{
    const Profile profile = Profile::named(u"file"_s, m_root.path()).value();
    QFile file(profile.dataDir());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const auto folder = profile.ensureDataDir();
    QVERIFY(!folder);
    QVERIFY2(folder.error().message.contains(profile.dataDir()), qPrintable(folder.error().message));
}

QTEST_GUILESS_MAIN(tst_Profile)
#include "tst_profile.moc"
