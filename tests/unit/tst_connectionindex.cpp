#include "manualclock.h"
#include "store/connectionindex.h"
#include "store/profile.h"
#include "testprinting.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

ConnectionRecord record(const QString &name, const QString &connector = u"github"_s)
{
    ConnectionRecord result;
    result.name = name;
    result.connectorKey = connector;
    result.authOptionKey = u"oauth2"_s;
    result.input = {{u"subdomain"_s, u"acme"_s}, {u"region"_s, u"eu"_s}};
    result.status = u"Ready"_s;
    result.scopesRequested = {u"repo"_s, u"read:user"_s};
    result.scopesGranted = {u"repo"_s};
    result.obtainedAt = QDateTime(QDate(2025, 1, 1), QTime(11, 0), Qt::UTC);
    result.expiresAt = QDateTime(QDate(2025, 1, 1), QTime(13, 0), Qt::UTC);
    return result;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

// The index is what survives between runs: it must come back exactly, never hold a secret, and
// never be destroyed by a crash, a second process or a file it does not understand.
class tst_ConnectionIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void missingFileIsEmpty();
    void addFindAndReload();
    void timesAreUtcIso();
    void namesAreUnique();
    void invalidNames_data();
    void invalidNames();
    void renameKeepsIdAndHistory();
    void removeAndNotFound();
    void updateCannotRenameOrChangeId();
    void recordRefreshAndTest();
    void historyIsCapped();
    void secretLookingInputIsRefused_data();
    void secretLookingInputIsRefused();
    void messagesAreRedacted();
    void writeIsAtomicAndPrivate();
    void twoInstancesDoNotLoseChanges();
    void damagedFile_data();
    void damagedFile();
    void jsonErrorNamesLineColumnAndOffset();
    void newerVersionIsKept();
    void moveDamagedFileAside();
    void moveAsideRefusesAHealthyFile();

private:
    QString indexPath() const { return m_profileDir + u"/connections.json"_s; }
    QTemporaryDir m_root;
    QString m_profileDir;
    Test::ManualClock m_clock;
};

void tst_ConnectionIndex::init()
{
    QVERIFY(m_root.isValid());
    static int counter = 0;
    m_profileDir = m_root.filePath(u"profile-%1"_s.arg(++counter));
    m_clock.setNowUtc(QDateTime(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC));
}

void tst_ConnectionIndex::missingFileIsEmpty()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.load());
    QVERIFY(index.connections().isEmpty());
    QVERIFY(!index.damage());
    QVERIFY(!QFileInfo::exists(indexPath())); // reading creates nothing
}

void tst_ConnectionIndex::addFindAndReload()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.load());
    const auto added = index.add(record(u"github-1"_s));
    QVERIFY2(added, added ? "" : qPrintable(added.error().message));
    QVERIFY(!added->id.isEmpty());
    QCOMPARE(added->createdAt, m_clock.nowUtc());
    QCOMPARE(added->history.size(), 1);
    QCOMPARE(added->history.first().kind, u"created"_s);
    m_clock.advance(std::chrono::minutes(5));
    ConnectionRecord second = record(u"slack"_s, u"slack"_s);
    second.lastTest = {m_clock.nowUtc(), false, u"401 Unauthorized"_s};
    second.expiresAt = {};
    QVERIFY(index.add(second));

    QCOMPARE(index.connections().size(), 2);
    QVERIFY(index.contains(u"slack"_s));
    QCOMPARE(index.find(u"github-1"_s)->connectorKey, u"github"_s);
    QVERIFY(!index.find(u"nope"_s));

    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.connections(), index.connections());
    QCOMPARE(reloaded.connections().at(0).name, u"github-1"_s); // order of creation
    QVERIFY(!reloaded.find(u"slack"_s)->expiresAt.isValid());
    QCOMPARE(reloaded.find(u"slack"_s)->lastTest.message, u"401 Unauthorized"_s);
    QVERIFY(reloaded.find(u"github-1"_s)->lastTest.isNull());
}

void tst_ConnectionIndex::timesAreUtcIso()
{
    ConnectionIndex index(indexPath(), m_clock);
    ConnectionRecord local = record(u"a"_s);
    // An expiry given in another zone is stored as the same instant in UTC.
    local.expiresAt = QDateTime(QDate(2025, 6, 1), QTime(14, 30), QTimeZone(7200));
    QVERIFY(index.add(local));
    const QJsonObject stored
        = QJsonDocument::fromJson(readAll(indexPath())).object().value(u"connections"_s).toArray().at(0).toObject();
    QCOMPARE(stored.value(u"expiresAt"_s).toString(), u"2025-06-01T12:30:00.000Z"_s);
    QCOMPARE(stored.value(u"createdAt"_s).toString(), u"2025-01-01T12:00:00.000Z"_s);
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.find(u"a"_s)->expiresAt, local.expiresAt);
    QCOMPARE(reloaded.find(u"a"_s)->expiresAt.timeSpec(), Qt::UTC);
}

void tst_ConnectionIndex::namesAreUnique()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"github-1"_s)));
    const auto again = index.add(record(u"github-1"_s));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Validation);
    QVERIFY2(again.error().message.contains(u"already exists"_s), qPrintable(again.error().message));
    QCOMPARE(index.connections().size(), 1);
    // Names are case-sensitive, as the keychain keys are.
    QVERIFY(index.add(record(u"GitHub-1"_s)));
}

void tst_ConnectionIndex::invalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("empty") << QString();
    QTest::addRow("leading space") << u" a"_s;
    QTest::addRow("trailing space") << u"a "_s;
    QTest::addRow("newline") << u"a\nb"_s;
    QTest::addRow("tab") << u"a\tb"_s;
    QTest::addRow("too long") << QString(ConnectionIndex::maxNameLength + 1, u'n');
}

void tst_ConnectionIndex::invalidNames()
{
    QFETCH(QString, name);
    ConnectionIndex index(indexPath(), m_clock);
    const auto added = index.add(record(name));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Validation);
    QVERIFY(!QFileInfo::exists(indexPath()));
    // Spaces, slashes and non-ASCII letters inside a name are fine.
    QVERIFY(index.add(record(u"Work GitHub / J\u00FCrgen"_s)));
}

void tst_ConnectionIndex::renameKeepsIdAndHistory()
{
    ConnectionIndex index(indexPath(), m_clock);
    const QString id = index.add(record(u"old"_s))->id;
    QVERIFY(index.add(record(u"taken"_s)));
    const auto clash = index.rename(u"old"_s, u"taken"_s);
    QVERIFY(!clash);
    QCOMPARE(clash.error().code, ErrorCode::Validation);
    QVERIFY(!index.rename(u"old"_s, u""_s));

    const auto renamed = index.rename(u"old"_s, u"new"_s);
    QVERIFY2(renamed, renamed ? "" : qPrintable(renamed.error().message));
    QCOMPARE(renamed->id, id);
    QCOMPARE(renamed->history.last().kind, u"renamed"_s);
    QVERIFY(renamed->history.last().message.contains(u"old"_s));
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QVERIFY(!reloaded.contains(u"old"_s));
    QCOMPARE(reloaded.find(u"new"_s)->id, id);
    QCOMPARE(reloaded.connections().at(0).name, u"new"_s); // keeps its place
}

void tst_ConnectionIndex::removeAndNotFound()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    QVERIFY(index.add(record(u"b"_s)));
    QVERIFY(index.remove(u"a"_s));
    const auto missing = index.remove(u"a"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(index.update(u"a"_s, [](ConnectionRecord &) {}).error().code, ErrorCode::NotFound);
    QCOMPARE(index.rename(u"a"_s, u"c"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(index.appendEvent(u"a"_s, u"x"_s, u"y"_s).error().code, ErrorCode::NotFound);
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.connections().size(), 1);
    QCOMPARE(reloaded.connections().first().name, u"b"_s);
}

void tst_ConnectionIndex::updateCannotRenameOrChangeId()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    QCOMPARE(index.update(u"a"_s, [](ConnectionRecord &r) { r.name = u"b"_s; }).error().code, ErrorCode::Usage);
    QCOMPARE(index.update(u"a"_s, [](ConnectionRecord &r) { r.id = u"other"_s; }).error().code, ErrorCode::Usage);
    const auto updated = index.update(u"a"_s, [](ConnectionRecord &r) {
        r.status = u"NeedsReconnect"_s;
        r.scopesGranted = {u"repo"_s, u"gist"_s};
    });
    QVERIFY(updated);
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.find(u"a"_s)->status, u"NeedsReconnect"_s);
    QCOMPARE(reloaded.find(u"a"_s)->scopesGranted, (QStringList {u"repo"_s, u"gist"_s}));
}

void tst_ConnectionIndex::recordRefreshAndTest()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    m_clock.advance(std::chrono::minutes(1));
    QVERIFY(index.recordRefresh(u"a"_s, true, u"new access token, expires in 3600 s"_s));
    m_clock.advance(std::chrono::minutes(1));
    QVERIFY(index.recordTest(u"a"_s, false, u"HTTP 401"_s));
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    const ConnectionRecord *a = reloaded.find(u"a"_s);
    QCOMPARE(a->lastRefresh.time, QDateTime(QDate(2025, 1, 1), QTime(12, 1), Qt::UTC));
    QVERIFY(a->lastRefresh.succeeded);
    QCOMPARE(a->lastTest.time, QDateTime(QDate(2025, 1, 1), QTime(12, 2), Qt::UTC));
    QVERIFY(!a->lastTest.succeeded);
    QCOMPARE(a->lastTest.message, u"HTTP 401"_s);
    QCOMPARE(a->history.size(), 3);
    QCOMPARE(a->history.at(1).kind, u"refreshed"_s);
    QCOMPARE(a->history.at(2).kind, u"test-failed"_s);
}

void tst_ConnectionIndex::historyIsCapped()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    const int total = ConnectionIndex::historyLimit + 50;
    for (int i = 0; i < total; ++i)
        QVERIFY(index.appendEvent(u"a"_s, u"status"_s, u"event %1"_s.arg(i)));
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    const auto &history = reloaded.find(u"a"_s)->history;
    QCOMPARE(history.size(), ConnectionIndex::historyLimit);
    // The newest are kept, oldest first.
    QCOMPARE(history.last().message, u"event %1"_s.arg(total - 1));
    QCOMPARE(history.first().message, u"event %1"_s.arg(total - ConnectionIndex::historyLimit));
}

void tst_ConnectionIndex::secretLookingInputIsRefused_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    QTest::addRow("apiKey") << QJsonObject {{u"apiKey"_s, u"leak-1"_s}} << u"apiKey"_s;
    QTest::addRow("password") << QJsonObject {{u"user"_s, u"me"_s}, {u"password"_s, u"leak-2"_s}} << u"password"_s;
    QTest::addRow("client_secret") << QJsonObject {{u"client_secret"_s, u"leak-3"_s}} << u"client_secret"_s;
    QTest::addRow("nested token") << QJsonObject {{u"auth"_s, QJsonObject {{u"accessToken"_s, u"leak-4"_s}}}}
                                  << u"auth.accessToken"_s;
    QTest::addRow("in an array") << QJsonObject {{u"accounts"_s,
        QJsonArray {QJsonObject {{u"x-api-key"_s, u"leak-5"_s}}}}}
                                 << u"accounts[0].x-api-key"_s;
}

void tst_ConnectionIndex::secretLookingInputIsRefused()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"existing"_s)));
    const QByteArray before = readAll(indexPath());

    ConnectionRecord leaking = record(u"leaking"_s);
    leaking.input = input;
    const auto added = index.add(leaking);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Validation);
    QVERIFY2(added.error().message.contains(u'"' + field + u'"'), qPrintable(added.error().message));
    QVERIFY2(!added.error().message.contains(u"leak-"_s), qPrintable(added.error().message));
    const auto updated = index.update(u"existing"_s, [&](ConnectionRecord &r) { r.input = input; });
    QVERIFY(!updated);
    QCOMPARE(readAll(indexPath()), before);
    QVERIFY(!readAll(indexPath()).contains("leak-"));
}

void tst_ConnectionIndex::messagesAreRedacted()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    QVERIFY(index.recordRefresh(u"a"_s, false, u"invalid_grant for refresh_token=rt-SECRET-1"_s));
    QVERIFY(index.recordTest(u"a"_s, false, u"sent Authorization: Bearer at-SECRET-2"_s));
    QVERIFY(index.appendEvent(u"a"_s, u"note"_s, u"{\"access_token\":\"at-SECRET-3\"}"_s));
    const QByteArray file = readAll(indexPath());
    QVERIFY(!file.contains("SECRET"));
    QVERIFY(file.contains("invalid_grant"));
    QCOMPARE(index.find(u"a"_s)->lastRefresh.message, u"invalid_grant for refresh_token=[redacted]"_s);
}

void tst_ConnectionIndex::writeIsAtomicAndPrivate()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    const QByteArray first = readAll(indexPath());
#ifndef Q_OS_WIN
    QCOMPARE(QFileInfo(indexPath()).permissions() & 0x0077, QFileDevice::Permissions());
    QVERIFY(QFileInfo(indexPath()).permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(QFileInfo(m_profileDir).permissions() & 0x0077, QFileDevice::Permissions());
    // A hard link to the old file keeps the old content: the new version was written to another file
    // and renamed over the old one, never written into it in place (where a crash would cut it).
    const QString link = m_profileDir + u"/before-change.json"_s;
    QVERIFY(::link(QFile::encodeName(indexPath()).constData(), QFile::encodeName(link).constData()) == 0);
    struct stat before
    {
    };
    QVERIFY(::stat(QFile::encodeName(indexPath()).constData(), &before) == 0);
    QVERIFY(index.add(record(u"b"_s)));
    struct stat after
    {
    };
    QVERIFY(::stat(QFile::encodeName(indexPath()).constData(), &after) == 0);
    QVERIFY(before.st_ino != after.st_ino);
    QCOMPARE(readAll(link), first);
    QVERIFY(readAll(indexPath()) != first);
    QVERIFY(QFile::remove(link));
#endif
    // Nothing else is left behind (no temporary files; the lock file is released).
    QStringList files = QDir(m_profileDir).entryList(QDir::Files | QDir::Hidden);
    files.removeAll(u"connections.json.lock"_s);
    QCOMPARE(files, QStringList {u"connections.json"_s});
}

void tst_ConnectionIndex::twoInstancesDoNotLoseChanges()
{
    // Two processes (the GUI and a CLI command) each with an index loaded at the start.
    ConnectionIndex first(indexPath(), m_clock);
    ConnectionIndex second(indexPath(), m_clock);
    QVERIFY(first.load());
    QVERIFY(second.load());
    QVERIFY(first.add(record(u"from-first"_s)));
    QVERIFY(second.add(record(u"from-second"_s)));
    QVERIFY(first.recordTest(u"from-second"_s, true, u"ok"_s));
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.connections().size(), 2);
    QVERIFY(reloaded.find(u"from-second"_s)->lastTest.succeeded);
    // The same name cannot be taken twice, even by an instance that had not seen it yet.
    ConnectionIndex stale(indexPath(), m_clock);
    QVERIFY(first.remove(u"from-first"_s));
    QVERIFY(stale.add(record(u"from-first"_s)));
    QVERIFY(!second.add(record(u"from-first"_s)));
}

void tst_ConnectionIndex::damagedFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    QTest::addRow("truncated") << QByteArray(
        "{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":[{\"na")
                               << u"not valid JSON"_s;
    QTest::addRow("empty file") << QByteArray() << u"not valid JSON"_s;
    QTest::addRow("array") << QByteArray("[]") << u"not a JSON object"_s;
    QTest::addRow("other format") << QByteArray("{\"format\":\"something-else\",\"version\":1}") << u"\"format\""_s;
    QTest::addRow("no version") << QByteArray("{\"format\":\"authdesk-connection-index\",\"connections\":[]}")
                                << u"\"version\""_s;
    QTest::addRow("connections not an array")
        << QByteArray("{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":{}}")
        << u"\"connections\""_s;
    QTest::addRow("bad time") << QByteArray(
        "{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":["
        "{\"id\":\"1\",\"name\":\"a\",\"connectorKey\":\"g\",\"expiresAt\":\"soon\"}]}")
                              << u"connections[0].expiresAt"_s;
    QTest::addRow("scopes not strings") << QByteArray(
        "{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":["
        "{\"id\":\"1\",\"name\":\"a\",\"connectorKey\":\"g\",\"scopesGranted\":[1]}]}")
                                        << u"connections[0].scopesGranted"_s;
    QTest::addRow("history entry") << QByteArray(
        "{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":["
        "{\"id\":\"1\",\"name\":\"a\",\"connectorKey\":\"g\",\"history\":[{}]}]}")
                                   << u"connections[0].history[0].kind"_s;
    QTest::addRow("duplicate name") << QByteArray(
        "{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":["
        "{\"id\":\"1\",\"name\":\"a\",\"connectorKey\":\"g\"},"
        "{\"id\":\"2\",\"name\":\"a\",\"connectorKey\":\"g\"}]}")
                                    << u"used twice"_s;
    QTest::addRow("no id") << QByteArray("{\"format\":\"authdesk-connection-index\",\"version\":1,\"connections\":["
                                         "{\"name\":\"a\",\"connectorKey\":\"g\"}]}")
                           << u"connections[0].id"_s;
}

void tst_ConnectionIndex::damagedFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    QVERIFY(QDir().mkpath(m_profileDir));
    QVERIFY(writeAll(indexPath(), content));

    ConnectionIndex index(indexPath(), m_clock);
    const auto loaded = index.load();
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, ErrorCode::Validation);
    QVERIFY2(loaded.error().message.contains(indexPath()), qPrintable(loaded.error().message));
    QVERIFY2(loaded.error().message.contains(problem), qPrintable(loaded.error().message));
    QVERIFY(index.damage());
    QVERIFY(index.connections().isEmpty());

    // Every change is refused, and the file stays byte for byte what it was.
    QVERIFY(!index.add(record(u"new"_s)));
    QVERIFY(!index.remove(u"a"_s));
    QVERIFY(!index.appendEvent(u"a"_s, u"x"_s, u"y"_s));
    QCOMPARE(readAll(indexPath()), content);
}

void tst_ConnectionIndex::jsonErrorNamesLineColumnAndOffset()
{
    QVERIFY(QDir().mkpath(m_profileDir));
    const QByteArray content
        = "{\n  \"format\": \"authdesk-connection-index\",\n  \"version\": 1,\n  \"connections\": [,]\n}\n";
    QVERIFY(writeAll(indexPath(), content));
    ConnectionIndex index(indexPath(), m_clock);
    const auto loaded = index.load();
    QVERIFY(!loaded);
    const QString message = loaded.error().message;
    QVERIFY2(message.contains(u"line 4, column"_s), qPrintable(message));
    QVERIFY2(message.contains(u"(offset "_s), qPrintable(message));
    QVERIFY2(message.contains(u"moved aside"_s), qPrintable(message));
}

void tst_ConnectionIndex::newerVersionIsKept()
{
    QVERIFY(QDir().mkpath(m_profileDir));
    // A newer Authdesk's file, with fields this version does not know: it must survive untouched.
    const QByteArray content = "{\"format\":\"authdesk-connection-index\",\"version\":2,\"connections\":"
                               "[{\"id\":\"1\",\"name\":\"a\",\"connectorKey\":\"g\",\"futureField\":{}}]}";
    QVERIFY(writeAll(indexPath(), content));
    ConnectionIndex index(indexPath(), m_clock);
    const auto loaded = index.load();
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(u"newer Authdesk"_s), qPrintable(loaded.error().message));
    QVERIFY2(loaded.error().message.contains(u"version 2"_s), qPrintable(loaded.error().message));
    QVERIFY(!index.add(record(u"b"_s)));
    QVERIFY(!index.rename(u"a"_s, u"b"_s));
    QCOMPARE(readAll(indexPath()), content);
}

void tst_ConnectionIndex::moveDamagedFileAside()
{
    QVERIFY(QDir().mkpath(m_profileDir));
    const QByteArray content = "not json at all";
    QVERIFY(writeAll(indexPath(), content));
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(!index.load());
    const auto aside = index.moveDamagedFileAside();
    QVERIFY2(aside, aside ? "" : qPrintable(aside.error().message));
    QCOMPARE(aside.value(), indexPath() + u".corrupt-20250101T120000Z"_s);
    QCOMPARE(readAll(aside.value()), content);
    QVERIFY(!index.damage());
    QVERIFY(index.add(record(u"fresh"_s)));
    ConnectionIndex reloaded(indexPath(), m_clock);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.connections().size(), 1);
}

void tst_ConnectionIndex::moveAsideRefusesAHealthyFile()
{
    ConnectionIndex index(indexPath(), m_clock);
    QVERIFY(index.add(record(u"a"_s)));
    const auto aside = index.moveDamagedFileAside();
    QVERIFY(!aside);
    QVERIFY(QFileInfo::exists(indexPath()));
    QCOMPARE(index.connections().size(), 1);
}

QTEST_GUILESS_MAIN(tst_ConnectionIndex)
#include "tst_connectionindex.moc"
