#include "store/profile.h"
#include "store/secretmanifest.h"
#include "store/secretstore.h"

#include <qt6keychain/keychain.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace Authdesk {
inline char *toString(const SecretStoreError::Kind &kind)
{
    return qstrdup(QByteArray("SecretStoreError::Kind(" + QByteArray::number(int(kind)) + ')').constData());
}
} // namespace Authdesk

namespace {

constexpr auto credentials = SecretStore::Kind::ConnectionCredentials;

// Runs a job to its end (tests only: the wait spins the event loop) and checks that finished()
// came exactly once.
SecretJob::Outcome run(SecretJob *job)
{
    std::optional<SecretJob::Outcome> outcome;
    int emissions = 0;
    QObject context;
    QObject::connect(job, &SecretJob::finished, &context, [&](const SecretJob::Outcome &result) {
        outcome = result;
        ++emissions;
    });
    job->start();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        return SecretStoreError {SecretStoreError::Kind::Failed, u"the job did not finish"_s, 0};
    if (emissions != 1)
        return SecretStoreError {SecretStoreError::Kind::Failed, u"finished() was emitted more than once"_s, 0};
    return *outcome;
}

QString describe(const SecretJob::Outcome &outcome)
{
    return outcome ? u"ok"_s : u"kind %1: %2"_s.arg(int(outcome.error().kind)).arg(outcome.error().message);
}

QString uniqueNamespace(const char *prefix)
{
    return QString::fromLatin1(prefix) + u'-' + QString::number(QRandomGenerator::global()->generate(), 36);
}

// The `user` attributes (QtKeychain's keys) of every item of service authdesk in the Secret Service.
QStringList keychainKeys(const QString &prefix)
{
    // Other tests add and delete items meanwhile, and a search that meets an item deleted under it
    // fails part-way: such a search is repeated.
    QProcess process;
    for (int attempt = 0; attempt < 5; ++attempt) {
        process.start(u"secret-tool"_s, {u"search"_s, u"--all"_s, u"server"_s, SecretStore::serviceName()});
        if (process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
            break;
        QThread::msleep(100);
    }
    QStringList keys;
    const QStringList lines
        = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()).split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u"attribute.user = "_s)) {
            const QString key = line.mid(17);
            if (key.startsWith(prefix))
                keys.append(key);
        }
    }
    keys.sort();
    return keys;
}

// Stores raw text under a key the way QtKeychain does (same schema and attributes, so it replaces
// what the store wrote; an item written by secret-tool would sit beside it instead).
bool keychainStore(const QString &key, const QByteArray &data)
{
    auto *job = new QKeychain::WritePasswordJob(SecretStore::serviceName());
    job->setKey(key);
    job->setTextData(QString::fromUtf8(data));
    bool done = false;
    bool ok = false;
    QObject context;
    QObject::connect(job, &QKeychain::Job::finished, &context, [&](QKeychain::Job *finished) {
        ok = finished->error() == QKeychain::NoError;
        done = true;
    });
    job->start();
    return QTest::qWaitFor([&] { return done; }, 30000) && ok;
}

bool keychainClear(const QString &key)
{
    QProcess process;
    process.start(u"secret-tool"_s, {u"clear"_s, u"user"_s, key, u"server"_s, SecretStore::serviceName()});
    return process.waitForFinished(30000) && process.exitCode() == 0;
}

QJsonObject largeCredentials(const QString &secret)
{
    // About 10 KB: a long JWT-like access token, as Entra ID issues, and a refresh token.
    QString token;
    while (token.size() < 9000)
        token += secret;
    return {{u"access_token"_s, token}, {u"refresh_token"_s, QString(secret + u"-refresh"_s)},
        {u"token_type"_s, u"Bearer"_s}, {u"expires_in"_s, 3600}};
}

// --- child process mode: one store operation, its outcome as a JSON line on stdout ------------------

int runChild(const QString &operation)
{
    SecretStore store(u"child"_s);
    SecretJob *job = nullptr;
    if (operation == u"read"_s)
        job = store.read(credentials, u"absent"_s);
    else if (operation == u"read-present"_s)
        job = store.read(credentials, u"present"_s);
    else if (operation == u"write"_s)
        job = store.write(credentials, u"present"_s, {{u"access_token"_s, u"child-secret"_s}});
    else if (operation == u"remove"_s)
        job = store.remove(credentials, u"present"_s);
    else
        job = store.checkAvailability();
    QObject::connect(job, &SecretJob::finished, &store, [](const SecretJob::Outcome &outcome) {
        QJsonObject line {{u"ok"_s, outcome.hasValue()}};
        if (!outcome) {
            line.insert(u"kind"_s, int(outcome.error().kind));
            line.insert(u"message"_s, outcome.error().message);
            line.insert(u"exitCode"_s, exitCodeFor(outcome.error().toError().code));
        }
        std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
    // A hang must end the child, so that the test fails instead of waiting for ever.
    QTimer::singleShot(90000, &store, [] {
        std::fputs("{\"ok\":false,\"kind\":-1,\"message\":\"no answer from the keychain\"}\n", stdout);
        QCoreApplication::exit(3);
    });
    job->start();
    return QCoreApplication::exec();
}

} // namespace

// The store against the real Secret Service (gnome-keyring in the private D-Bus session of
// scripts/test-session.sh), plus the cases where there is none.
class tst_SecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // The layout, without a keychain.
    void splitKeepsCharactersWhole();
    void manifestRoundTrip();
    void damagedManifests_data();
    void damagedManifests();
    void assembleChecksSizeAndHash();
    void keysAreNamespacedAndEscaped();

    // The real Secret Service.
    void roundTrip_data();
    void roundTrip();
    void largeValueIsChunkedBelow2KB();
    void overwriteLeavesNoStaleChunks();
    void removeDeletesEveryChunk();
    void missingIsNotFound();
    void missingChunkIsCorruptedNotNotFound();
    void damagedManifestIsCorruptedAndCanBeOverwritten();
    void profilesAreIsolated();
    void jobsRunInTheOrderStarted();
    void finishedIsEmittedOnceAndNeverInsideStart();
    void destroyingTheStoreCancelsItsJobs();
    void emptyNameIsInvalid();
    void secretsAppearInNoFile();
    void availabilityProbeLeavesNothingBehind();

    // No usable Secret Service: always Unavailable (exit code 5), never NotFound.
    void deadSessionBus_data();
    void deadSessionBus();
    void noSecretServiceOnTheBus();
    void lockedKeyring();
    void eventLoopWithoutGlib();

private:
    QList<QJsonObject> runChildren(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment, int expectedLines);
    QProcessEnvironment childEnvironment() const;
    bool m_haveSecretService = false;
};

void tst_SecretStore::initTestCase()
{
    // Never touch the developer's own keyring: the keychain tests run only in the test session.
    m_haveSecretService = qEnvironmentVariableIsSet("AUTHDESK_TEST_SESSION")
        && !QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty();
}

#define REQUIRE_SECRET_SERVICE()                                                                                       \
    if (!m_haveSecretService)                                                                                          \
    QSKIP("needs the private Secret Service of scripts/test-session.sh")

void tst_SecretStore::splitKeepsCharactersWhole()
{
    // Two-, three- and four-byte characters, placed so that plain 2000-byte cuts would split them.
    QString text = u"x"_s;
    while (text.toUtf8().size() < 10000)
        text += u"\u00E9\u20AC\U0001F511a"_s;
    const QByteArray payload = text.toUtf8();
    const QList<QByteArray> chunks = SecretManifest::split(payload);
    QVERIFY(chunks.size() >= 5);
    QByteArray joined;
    for (const QByteArray &chunk : chunks) {
        QVERIFY(chunk.size() <= SecretManifest::maxChunkBytes);
        QVERIFY(!chunk.isEmpty());
        QCOMPARE(QString::fromUtf8(chunk).toUtf8(), chunk); // whole characters only
        joined += chunk;
    }
    QCOMPARE(joined, payload);
    QCOMPARE(SecretManifest::split({}).size(), 1);
}

void tst_SecretStore::manifestRoundTrip()
{
    const QByteArray payload(4500, 'p');
    const SecretManifest manifest = SecretManifest::describe(payload, SecretManifest::newGeneration());
    QCOMPARE(manifest.chunkCount, 3);
    QCOMPARE(manifest.size, 4500);
    const auto parsed = SecretManifest::parse(manifest.toJson());
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->generation, manifest.generation);
    QCOMPARE(parsed->chunkCount, 3);
    QCOMPARE(parsed->sha256, manifest.sha256);
    QVERIFY(SecretManifest::newGeneration(manifest.generation) != manifest.generation);
    QCOMPARE(manifest.chunkKey(u"p/connection/x"_s, 2), u"p/connection/x#%1/2"_s.arg(manifest.generation));
}

void tst_SecretStore::damagedManifests_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray digest(64, 'a');
    auto manifest = [&](const QByteArray &fields) -> QByteArray {
        return "{\"authdesk\":\"secret\",\"version\":1," + fields + '}';
    };
    QTest::addRow("not JSON") << QByteArray("a plain old password");
    QTest::addRow("array") << QByteArray("[1,2]");
    QTest::addRow("foreign object") << QByteArray("{\"access_token\":\"x\"}");
    QTest::addRow("newer version") << QByteArray("{\"authdesk\":\"secret\",\"version\":2,\"generation\":\"0000abcd\","
                                                 "\"chunks\":1,\"bytes\":1,\"sha256\":\""
        + digest + "\"}");
    QTest::addRow("no generation") << manifest("\"chunks\":1,\"bytes\":1,\"sha256\":\"" + digest + '"');
    QTest::addRow("generation with a slash")
        << manifest("\"generation\":\"../x/abc\",\"chunks\":1,\"bytes\":1,\"sha256\":\"" + digest + '"');
    QTest::addRow("zero chunks") << manifest(
        "\"generation\":\"0000abcd\",\"chunks\":0,\"bytes\":0,\"sha256\":\"" + digest + '"');
    QTest::addRow("a million chunks") << manifest(
        "\"generation\":\"0000abcd\",\"chunks\":1000000,\"bytes\":1,\"sha256\":\"" + digest + '"');
    QTest::addRow("size beyond the chunks")
        << manifest("\"generation\":\"0000abcd\",\"chunks\":1,\"bytes\":2001,\"sha256\":\"" + digest + '"');
    QTest::addRow("negative size") << manifest(
        "\"generation\":\"0000abcd\",\"chunks\":1,\"bytes\":-1,\"sha256\":\"" + digest + '"');
    QTest::addRow("short hash") << manifest("\"generation\":\"0000abcd\",\"chunks\":1,\"bytes\":1,\"sha256\":\"abc\"");
}

void tst_SecretStore::damagedManifests()
{
    QFETCH(QByteArray, json);
    const auto parsed = SecretManifest::parse(json);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.startsWith(u"damaged keychain entry"_s), qPrintable(parsed.error().message));
}

void tst_SecretStore::assembleChecksSizeAndHash()
{
    const QByteArray payload = QByteArray(3000, 'a') + "tail";
    const SecretManifest manifest = SecretManifest::describe(payload, u"0000abcd"_s);
    QList<QByteArray> chunks = SecretManifest::split(payload);
    QCOMPARE(manifest.assemble(chunks).value(), payload);
    QList<QByteArray> changed = chunks;
    changed[1][0] = 'b';
    QVERIFY(!manifest.assemble(changed)); // same size, other content
    QVERIFY(!manifest.assemble(chunks.mid(0, 1)));
    QList<QByteArray> longer = chunks;
    longer[1].append('x');
    QVERIFY(!manifest.assemble(longer));
}

void tst_SecretStore::keysAreNamespacedAndEscaped()
{
    SecretStore store(u"work"_s);
    QCOMPARE(store.key(SecretStore::Kind::ConnectionCredentials, u"github-1"_s), u"work/connection/github-1"_s);
    QCOMPARE(store.key(SecretStore::Kind::ConnectorParameters, u"github"_s), u"work/connector/github"_s);
    // A name cannot reach into another key, nor into chunk keys (`#generation/index`).
    QCOMPARE(store.key(credentials, u"a/connection/b"_s), u"work/connection/a%2Fconnection%2Fb"_s);
    QCOMPARE(store.key(credentials, u"x#0000abcd/0"_s), u"work/connection/x%230000abcd%2F0"_s);
    QCOMPARE(store.key(credentials, u"100%"_s), u"work/connection/100%25"_s);
    QVERIFY(store.key(credentials, u"a"_s) != SecretStore(u"play"_s).key(credentials, u"a"_s));
    QCOMPARE(SecretStore(Profile::named(u"p1"_s, u"/tmp"_s).value()).keyNamespace(), u"p1"_s);
}

void tst_SecretStore::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("value");
    QTest::addRow("small") << QJsonObject {{u"access_token"_s, u"gho_small"_s}, {u"expires_in"_s, 3600}};
    QTest::addRow("empty object") << QJsonObject();
    QTest::addRow("unicode") << QJsonObject {{u"access_token"_s, u"t\u00F6k\u00E9n-\u20AC-\U0001F511-\u4E2D\u6587"_s},
        {u"user"_s, u"J\u00FCrgen \u00D8stergaard"_s}, {u"quote"_s, u"a\"b\\c\n"_s}};
    QTest::addRow("nested") << QJsonObject {{u"raw"_s, QJsonObject {{u"scope"_s, QJsonArray {u"a"_s, u"b"_s}}}},
        {u"flag"_s, true}, {u"none"_s, QJsonValue()}};
    QTest::addRow("10 KB") << largeCredentials(u"eyJhbGciOiJSUzI1NiJ9.large"_s);
    QTest::addRow("10 KB unicode") << largeCredentials(u"\u00E9\u20AC\U0001F511"_s);
}

void tst_SecretStore::roundTrip()
{
    REQUIRE_SECRET_SERVICE();
    QFETCH(QJsonObject, value);
    SecretStore store(uniqueNamespace("roundtrip"));
    const auto written = run(store.write(credentials, u"conn"_s, value));
    QVERIFY2(written, qPrintable(describe(written)));
    QCOMPARE(written.value(), value);
    const auto read = run(store.read(credentials, u"conn"_s));
    QVERIFY2(read, qPrintable(describe(read)));
    QCOMPARE(read.value(), value);
    // A fresh store (a new process would be the same) reads it too.
    SecretStore again(store.keyNamespace());
    QCOMPARE(run(again.read(credentials, u"conn"_s)).value(), value);
    QVERIFY(run(store.remove(credentials, u"conn"_s)));
}

void tst_SecretStore::largeValueIsChunkedBelow2KB()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("chunks"));
    const QJsonObject value = largeCredentials(u"chunked-token-value"_s);
    QVERIFY(run(store.write(credentials, u"big"_s, value)));
    const QString base = store.key(credentials, u"big"_s);
    const QStringList keys = keychainKeys(store.keyNamespace());
    const qsizetype size = QJsonDocument(value).toJson(QJsonDocument::Compact).size();
    const qsizetype expectedChunks = (size + SecretManifest::maxChunkBytes - 1) / SecretManifest::maxChunkBytes;
    QCOMPARE(keys.size(), 1 + expectedChunks);
    QVERIFY(keys.contains(base));
    for (const QString &key : keys) {
        if (key == base)
            continue;
        QVERIFY2(key.startsWith(base + u'#'), qPrintable(key));
        QProcess lookup;
        lookup.start(u"secret-tool"_s, {u"lookup"_s, u"user"_s, key, u"server"_s, SecretStore::serviceName()});
        QVERIFY(lookup.waitForFinished(30000));
        QVERIFY(lookup.readAllStandardOutput().size() < 2048);
    }
    QVERIFY(run(store.remove(credentials, u"big"_s)));
}

void tst_SecretStore::overwriteLeavesNoStaleChunks()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("overwrite"));
    QVERIFY(run(store.write(credentials, u"c"_s, largeCredentials(u"first-generation"_s))));
    const QStringList before = keychainKeys(store.keyNamespace());
    QVERIFY(before.size() > 2);

    const QJsonObject small {{u"access_token"_s, u"second"_s}};
    QVERIFY(run(store.write(credentials, u"c"_s, small)));
    const QStringList after = keychainKeys(store.keyNamespace());
    QCOMPARE(after.size(), 2); // the manifest and one chunk
    for (const QString &key : after)
        QVERIFY2(!before.contains(key) || key == store.key(credentials, u"c"_s), qPrintable(key));
    QCOMPARE(run(store.read(credentials, u"c"_s)).value(), small);

    // And back to a large value: again only the new generation remains.
    QVERIFY(run(store.write(credentials, u"c"_s, largeCredentials(u"third-generation"_s))));
    const QStringList third = keychainKeys(store.keyNamespace());
    QCOMPARE(third.size(), before.size());
    for (const QString &key : after) {
        if (key != store.key(credentials, u"c"_s))
            QVERIFY2(!third.contains(key), qPrintable(key));
    }
    QVERIFY(run(store.remove(credentials, u"c"_s)));
}

void tst_SecretStore::removeDeletesEveryChunk()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("remove"));
    QVERIFY(run(store.write(credentials, u"gone"_s, largeCredentials(u"to-be-removed"_s))));
    QVERIFY(run(store.write(credentials, u"kept"_s, {{u"access_token"_s, u"stays"_s}})));
    const auto removed = run(store.remove(credentials, u"gone"_s));
    QVERIFY2(removed, qPrintable(describe(removed)));
    for (const QString &key : keychainKeys(store.keyNamespace()))
        QVERIFY2(key.startsWith(store.key(credentials, u"kept"_s)), qPrintable(key));
    const auto read = run(store.read(credentials, u"gone"_s));
    QVERIFY(!read);
    QCOMPARE(read.error().kind, SecretStoreError::Kind::NotFound);
    const auto again = run(store.remove(credentials, u"gone"_s));
    QVERIFY(!again);
    QCOMPARE(again.error().kind, SecretStoreError::Kind::NotFound);
    QCOMPARE(run(store.read(credentials, u"kept"_s)).value().value(u"access_token"_s).toString(), u"stays"_s);
    QVERIFY(run(store.remove(credentials, u"kept"_s)));
}

void tst_SecretStore::missingIsNotFound()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("missing"));
    const auto read = run(store.read(credentials, u"never-written"_s));
    QVERIFY(!read);
    QCOMPARE(read.error().kind, SecretStoreError::Kind::NotFound);
    QCOMPARE(read.error().toError().code, ErrorCode::NotFound);
    QCOMPARE(exitCodeFor(read.error().toError().code), 2);
    QVERIFY2(read.error().message.contains(u"never-written"_s), qPrintable(read.error().message));
    QVERIFY(keychainKeys(store.keyNamespace()).isEmpty()); // the availability probe cleaned up
}

void tst_SecretStore::missingChunkIsCorruptedNotNotFound()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("chunkloss"));
    QVERIFY(run(store.write(credentials, u"c"_s, largeCredentials(u"losing-a-chunk"_s))));
    const QString base = store.key(credentials, u"c"_s);
    const QStringList keys = keychainKeys(store.keyNamespace());
    const auto chunk
        = std::find_if(keys.begin(), keys.end(), [&](const QString &key) { return key.endsWith(u"/1"_s); });
    QVERIFY(chunk != keys.end());
    QVERIFY(keychainClear(*chunk));
    const auto read = run(store.read(credentials, u"c"_s));
    QVERIFY(!read);
    QCOMPARE(read.error().kind, SecretStoreError::Kind::Corrupted);
    QVERIFY2(read.error().message.contains(u"chunk 2 of"_s), qPrintable(read.error().message));
    // A changed chunk is caught by the hash.
    QVERIFY(run(store.write(credentials, u"c"_s, largeCredentials(u"changing-a-chunk"_s))));
    const QStringList newKeys = keychainKeys(store.keyNamespace());
    const auto first
        = std::find_if(newKeys.begin(), newKeys.end(), [](const QString &key) { return key.endsWith(u"/0"_s); });
    QVERIFY(first != newKeys.end());
    QVERIFY(keychainStore(*first, QByteArray(SecretManifest::maxChunkBytes, 'x')));
    const auto tampered = run(store.read(credentials, u"c"_s));
    QVERIFY(!tampered);
    QCOMPARE(tampered.error().kind, SecretStoreError::Kind::Corrupted);
    QVERIFY(run(store.remove(credentials, u"c"_s)));
    QVERIFY(keychainKeys(store.keyNamespace()).isEmpty());
}

void tst_SecretStore::damagedManifestIsCorruptedAndCanBeOverwritten()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("manifest"));
    const QString base = store.key(credentials, u"c"_s);
    // What an older or foreign program might have left under the key.
    QVERIFY(keychainStore(base, "plain-old-password"));
    const auto read = run(store.read(credentials, u"c"_s));
    QVERIFY(!read);
    QCOMPARE(read.error().kind, SecretStoreError::Kind::Corrupted);
    QVERIFY2(!read.error().message.contains(u"plain-old-password"_s), qPrintable(read.error().message));
    const QJsonObject value {{u"access_token"_s, u"replacement"_s}};
    const auto written = run(store.write(credentials, u"c"_s, value));
    QVERIFY2(written, qPrintable(describe(written)));
    QCOMPARE(run(store.read(credentials, u"c"_s)).value(), value);
    QVERIFY(run(store.remove(credentials, u"c"_s)));
    // A damaged manifest can be removed, too.
    QVERIFY(keychainStore(base, "{}"));
    QVERIFY(run(store.remove(credentials, u"c"_s)));
    QVERIFY(keychainKeys(store.keyNamespace()).isEmpty());
}

void tst_SecretStore::profilesAreIsolated()
{
    REQUIRE_SECRET_SERVICE();
    QTemporaryDir root;
    const QString suffix = uniqueNamespace("iso");
    SecretStore work(Profile::named(u"work-"_s + suffix, root.path()).value());
    SecretStore play(Profile::named(u"play-"_s + suffix, root.path()).value());
    QVERIFY(run(work.write(credentials, u"github"_s, {{u"access_token"_s, u"work-token"_s}})));
    QVERIFY(run(play.write(credentials, u"github"_s, {{u"access_token"_s, u"play-token"_s}})));
    QCOMPARE(run(work.read(credentials, u"github"_s)).value().value(u"access_token"_s).toString(), u"work-token"_s);
    QCOMPARE(run(play.read(credentials, u"github"_s)).value().value(u"access_token"_s).toString(), u"play-token"_s);
    QVERIFY(run(play.remove(credentials, u"github"_s)));
    QCOMPARE(run(work.read(credentials, u"github"_s)).value().value(u"access_token"_s).toString(), u"work-token"_s);
    QCOMPARE(run(play.read(credentials, u"github"_s)).error().kind, SecretStoreError::Kind::NotFound);
    // The two kinds of one profile are separate as well.
    QCOMPARE(run(work.read(SecretStore::Kind::ConnectorParameters, u"github"_s)).error().kind,
        SecretStoreError::Kind::NotFound);
    QVERIFY(run(work.remove(credentials, u"github"_s)));
}

void tst_SecretStore::jobsRunInTheOrderStarted()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("order"));
    // Started together, without waiting: each job sees the effect of the ones before it.
    QList<SecretJob *> jobs {store.write(credentials, u"c"_s, largeCredentials(u"one"_s)),
        store.read(credentials, u"c"_s), store.write(credentials, u"c"_s, {{u"v"_s, 2}}),
        store.read(credentials, u"c"_s), store.remove(credentials, u"c"_s), store.read(credentials, u"c"_s)};
    QList<int> finishOrder;
    QList<SecretJob::Outcome> outcomes(jobs.size(), SecretStoreError {});
    for (int i = 0; i < jobs.size(); ++i) {
        connect(jobs[i], &SecretJob::finished, this, [&, i](const SecretJob::Outcome &outcome) {
            finishOrder.append(i);
            outcomes[i] = outcome;
        });
    }
    for (SecretJob *job : jobs)
        job->start();
    QTRY_COMPARE_WITH_TIMEOUT(finishOrder.size(), jobs.size(), 120000);
    QCOMPARE(finishOrder, (QList<int> {0, 1, 2, 3, 4, 5}));
    QCOMPARE(outcomes[1].value(), largeCredentials(u"one"_s));
    QCOMPARE(outcomes[3].value(), (QJsonObject {{u"v"_s, 2}}));
    QVERIFY(outcomes[4]);
    QCOMPARE(outcomes[5].error().kind, SecretStoreError::Kind::NotFound);
}

void tst_SecretStore::finishedIsEmittedOnceAndNeverInsideStart()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("once"));
    SecretJob *job = store.write(credentials, u"c"_s, {{u"a"_s, 1}});
    QPointer<SecretJob> guard(job);
    QSignalSpy spy(job, &SecretJob::finished);
    job->start();
    job->start(); // a second start is ignored
    QCOMPARE(spy.size(), 0);
    QVERIFY(spy.wait(60000));
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
    // Auto-deleted afterwards.
    QTRY_VERIFY(guard.isNull());

    SecretJob *kept = store.read(credentials, u"c"_s);
    kept->setAutoDelete(false);
    QVERIFY(run(kept));
    QVERIFY(kept->isFinished());
    QCOMPARE(kept->outcome().value(), (QJsonObject {{u"a"_s, 1}}));
    delete kept;
    QVERIFY(run(store.remove(credentials, u"c"_s)));
}

void tst_SecretStore::destroyingTheStoreCancelsItsJobs()
{
    REQUIRE_SECRET_SERVICE();
    auto *store = new SecretStore(uniqueNamespace("cancel"));
    const QString keyNamespace = store->keyNamespace();
    SecretJob *first = store->write(credentials, u"c"_s, {{u"a"_s, 1}});
    SecretJob *second = store->read(credentials, u"c"_s);
    SecretJob *neverStarted = store->read(credentials, u"c"_s);
    QList<SecretStoreError::Kind> firstKinds, secondKinds, neverKinds;
    auto record = [this](SecretJob *job, QList<SecretStoreError::Kind> &kinds) {
        connect(job, &SecretJob::finished, this, [&kinds](const SecretJob::Outcome &outcome) {
            kinds.append(outcome ? SecretStoreError::Kind::Failed : outcome.error().kind);
        });
    };
    record(first, firstKinds);
    record(second, secondKinds);
    record(neverStarted, neverKinds);
    first->start();
    second->start();
    delete store;
    QCOMPARE(firstKinds, QList<SecretStoreError::Kind> {SecretStoreError::Kind::Cancelled});
    QCOMPARE(secondKinds, QList<SecretStoreError::Kind> {SecretStoreError::Kind::Cancelled});
    QVERIFY(neverKinds.isEmpty());
    // The keychain work of the cancelled job may still finish; let it, then clean up.
    QTest::qWait(500);
    SecretStore cleanup(keyNamespace);
    run(cleanup.remove(credentials, u"c"_s));
}

void tst_SecretStore::emptyNameIsInvalid()
{
    SecretStore store(u"x"_s);
    const auto outcome = run(store.write(credentials, QString(), {{u"a"_s, 1}}));
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().kind, SecretStoreError::Kind::Invalid);
}

void tst_SecretStore::secretsAppearInNoFile()
{
    REQUIRE_SECRET_SERVICE();
    QTemporaryDir root;
    const Profile profile = Profile::named(uniqueNamespace("files"), root.path()).value();
    QVERIFY(profile.ensureDataDir());
    SecretStore store(profile);
    const QString secret = u"s3cr3t-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
    QVERIFY(run(store.write(
        credentials, u"c"_s, {{u"access_token"_s, secret}, {u"refresh_token"_s, QString(secret + u"r"_s)}})));
    QVERIFY(run(store.write(credentials, u"big"_s, largeCredentials(secret))));
    QCOMPARE(run(store.read(credentials, u"c"_s)).value().value(u"access_token"_s).toString(), secret);

    // Everything under the (throwaway) home folder of the test session, and the profile folder.
    const QByteArray needle = secret.toUtf8();
    const QByteArray needleBase64 = needle.toBase64(); // QtKeychain stores binary data base64-encoded
    int scanned = 0;
    for (const QString &folder : QStringList {QDir::homePath(), profile.dataDir()}) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            ++scanned;
            QVERIFY2(!content.contains(needle), qPrintable(file.fileName()));
            QVERIFY2(!content.contains(needleBase64.left(16)), qPrintable(file.fileName()));
        }
    }
    QVERIFY(scanned > 0); // at least the keyring file itself was looked at
    QVERIFY(run(store.remove(credentials, u"c"_s)));
    QVERIFY(run(store.remove(credentials, u"big"_s)));
}

void tst_SecretStore::availabilityProbeLeavesNothingBehind()
{
    REQUIRE_SECRET_SERVICE();
    SecretStore store(uniqueNamespace("probe"));
    const auto available = run(store.checkAvailability());
    QVERIFY2(available, qPrintable(describe(available)));
    QVERIFY(keychainKeys(store.keyNamespace()).isEmpty());
}

// --- no usable Secret Service -------------------------------------------------------------------------

QProcessEnvironment tst_SecretStore::childEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display: neither D-Bus autolaunch nor an unlock prompt can happen, so nothing hangs.
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false"_s);
    return environment;
}

QList<QJsonObject> tst_SecretStore::runChildren(
    const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int expectedLines)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
    }
    const QByteArray errors = process.readAllStandardError();
    QList<QJsonObject> lines;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.startsWith('{'))
            lines.append(QJsonDocument::fromJson(line).object());
    }
    if (lines.size() != expectedLines)
        qWarning().noquote() << "child stderr:" << QString::fromUtf8(errors);
    return lines;
}

void tst_SecretStore::deadSessionBus_data()
{
    QTest::addColumn<QString>("operation");
    for (const char *operation : {"read", "write", "remove", "check"})
        QTest::addRow("%s", operation) << QString::fromLatin1(operation);
}

void tst_SecretStore::deadSessionBus()
{
    QFETCH(QString, operation);
    QTemporaryDir home;
    QProcessEnvironment environment = childEnvironment();
    // libsecret reads the address at first use, hence a child process.
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus-here"_s.arg(home.path()));
    environment.insert(u"HOME"_s, home.path());
    const auto lines
        = runChildren(QCoreApplication::applicationFilePath(), {u"--store-child"_s, operation}, environment, 1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject outcome = lines.first();
    QCOMPARE(outcome.value(u"ok"_s).toBool(), false);
    QCOMPARE(outcome.value(u"kind"_s).toInt(), int(SecretStoreError::Kind::Unavailable));
    QCOMPARE(outcome.value(u"exitCode"_s).toInt(), 5);
    const QString message = outcome.value(u"message"_s).toString();
    QVERIFY2(message.contains(u"secure storage is unavailable"_s), qPrintable(message));
    QVERIFY2(message.contains(u"gnome-keyring"_s) && message.contains(u"dbus-run-session"_s), qPrintable(message));
}

void tst_SecretStore::noSecretServiceOnTheBus()
{
    if (QStandardPaths::findExecutable(u"dbus-run-session"_s).isEmpty())
        QSKIP("needs dbus-run-session (package dbus-bin)");
    // A session bus that can activate no services at all: org.freedesktop.secrets is not provided.
    QTemporaryDir home;
    QFile config(home.filePath(u"no-services.conf"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("<busconfig>\n"
                 "  <type>session</type>\n"
                 "  <listen>unix:tmpdir=/tmp</listen>\n"
                 "  <auth>EXTERNAL</auth>\n"
                 "  <policy context=\"default\">\n"
                 "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                 "    <allow eavesdrop=\"true\"/>\n"
                 "    <allow own=\"*\"/>\n"
                 "  </policy>\n"
                 "</busconfig>\n");
    config.close();
    QProcessEnvironment environment = childEnvironment();
    environment.insert(u"HOME"_s, home.path());
    const QString self = QCoreApplication::applicationFilePath();
    const auto lines = runChildren(u"dbus-run-session"_s,
        {u"--config-file=%1"_s.arg(config.fileName()), u"--"_s, u"sh"_s, u"-c"_s,
            u"\"$0\" --store-child read; \"$0\" --store-child write"_s, self},
        environment, 2);
    QCOMPARE(lines.size(), 2);
    for (const QJsonObject &outcome : lines) {
        QCOMPARE(outcome.value(u"kind"_s).toInt(), int(SecretStoreError::Kind::Unavailable));
        QCOMPARE(outcome.value(u"exitCode"_s).toInt(), 5);
    }
}

void tst_SecretStore::lockedKeyring()
{
    for (const char *tool : {"dbus-run-session", "gnome-keyring-daemon", "gdbus"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP("needs dbus-run-session, gnome-keyring-daemon and gdbus");
    }
    // A keyring of its own in a session of its own (locking the shared one would disturb the other
    // tests): store a value, lock the login collection, then read and write again.
    QTemporaryDir home;
    QProcessEnvironment environment = childEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_DATA_HOME"_s, home.path() + u"/.local/share"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.path());
    const QString script = uR"(
printf %s locked-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$0" --store-child write
gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null
"$0" --store-child read-present
"$0" --store-child read
"$0" --store-child write
)"_s;
    const auto lines = runChildren(u"dbus-run-session"_s,
        {u"--"_s, u"sh"_s, u"-c"_s, script, QCoreApplication::applicationFilePath()}, environment, 4);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].value(u"ok"_s).toBool(), qPrintable(lines[0].value(u"message"_s).toString()));
    // The Secret Service answers reads of a locked keyring with "not found": that must not pass.
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(lines[i].value(u"ok"_s).toBool(), false);
        QCOMPARE(lines[i].value(u"kind"_s).toInt(), int(SecretStoreError::Kind::Unavailable));
        QCOMPARE(lines[i].value(u"exitCode"_s).toInt(), 5);
    }
}

void tst_SecretStore::eventLoopWithoutGlib()
{
    // libsecret answers through GLib: without Qt's GLib event dispatcher a job would never finish.
    QProcessEnvironment environment = childEnvironment();
    environment.insert(u"QT_NO_GLIB"_s, u"1"_s);
    environment.remove(u"XDG_CURRENT_DESKTOP"_s);
    environment.remove(u"DESKTOP_SESSION"_s);
    const auto lines
        = runChildren(QCoreApplication::applicationFilePath(), {u"--store-child"_s, u"read"_s}, environment, 1);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().value(u"kind"_s).toInt(), int(SecretStoreError::Kind::Unavailable));
    QVERIFY2(lines.first().value(u"message"_s).toString().contains(u"QT_NO_GLIB"_s),
        qPrintable(lines.first().value(u"message"_s).toString()));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--store-child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]));
    tst_SecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
