#include "store/httplog.h"

#include "store/profile.h"

#include "connection/profilecontext.h"
#include "disconnectcommand.h"
#include "store/secretjob.h"
#include "store/secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// The persistent HTTP log of a connection: newest N kept, nothing secret written, damaged lines
// skipped, cleared on request and deleted with its connection.
class tst_HttpLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void appendKeepsTheNewestAndNoDuplicates();
    void redactsBeforeWriting();
    void damagedLinesAreSkipped();
    void roundTripOfBodiesAndHeaders();
    void clearEmptiesTheLog();
    void backgroundQueueKeepsTheOrder();
    void deletedWithItsConnection();

private:
    static HttpExchange exchange(int number);
    QByteArray fileBytes(const HttpLog &log) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

HttpExchange tst_HttpLog::exchange(int number)
{
    HttpExchange exchange;
    exchange.startedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, number), Qt::UTC);
    exchange.durationMs = 10 + number;
    exchange.method = u"GET"_s;
    exchange.url = u"https://api.example.com/items/%1"_s.arg(number);
    exchange.status = 200;
    exchange.responseHeaders = {{u"Content-Type"_s, u"application/json"_s}};
    exchange.responseBody = "{\"n\":" + QByteArray::number(number) + "}";
    return exchange;
}

QByteArray tst_HttpLog::fileBytes(const HttpLog &log) const
{
    QFile file(log.filePath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void tst_HttpLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HttpLog::appendKeepsTheNewestAndNoDuplicates()
{
    const HttpLog log(m_dir->filePath(u"logs/c1.jsonl"_s), 8);
    for (int i = 1; i <= 30; ++i) {
        const auto appended = log.append({exchange(i)});
        QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().message));
        QCOMPARE(*appended, 1);
        // Trimmed on append: never more than a quarter above the limit on disk.
        QVERIFY(fileBytes(log).count('\n') <= 10);
    }
    const auto read = log.read();
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 8);
    QCOMPARE(read->damagedLines, 0);
    // Oldest first: the newest 8 are 23..30.
    QCOMPARE(read->entries.first().url, u"https://api.example.com/items/23"_s);
    QCOMPARE(read->entries.last().url, u"https://api.example.com/items/30"_s);
    QCOMPARE(read->entries.last().durationMs, 40);

    // The same exchange on two paths (refresher and session) is kept once.
    QCOMPARE(*log.append({exchange(30), exchange(29)}), 0);
    QCOMPARE(*log.append({exchange(30), exchange(31)}), 1);
    QCOMPARE(log.read()->entries.last().url, u"https://api.example.com/items/31"_s);
    QCOMPARE(log.read()->entries.size(), 8);
    QCOMPARE(QFile(log.filePath()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
        QFileDevice::Permissions());
}

void tst_HttpLog::redactsBeforeWriting()
{
    const HttpLog log(m_dir->filePath(u"c2.jsonl"_s));
    HttpExchange raw = exchange(1);
    raw.method = u"POST"_s;
    raw.url = u"https://api.example.com/cb?access_token=AT-SECRET-1&page=2"_s;
    raw.requestHeaders
        = {{u"Authorization"_s, u"Bearer AT-SECRET-2"_s}, {u"Content-Type"_s, u"application/x-www-form-urlencoded"_s}};
    raw.requestBody = "grant_type=refresh_token&refresh_token=RT-SECRET-3&client_secret=CS-SECRET-4";
    raw.responseBody = R"({"access_token":"AT-SECRET-5","token_type":"Bearer","expires_in":3600})";
    raw.error = u"failed: refresh_token=RT-SECRET-6"_s;
    QVERIFY(log.append({raw}));
    const QByteArray bytes = fileBytes(log);
    for (const char *secret :
        {"AT-SECRET-1", "AT-SECRET-2", "RT-SECRET-3", "CS-SECRET-4", "AT-SECRET-5", "RT-SECRET-6"})
        QVERIFY2(!bytes.contains(secret), secret);
    const HttpExchange stored = log.read()->entries.at(0);
    QVERIFY2(stored.url.contains(u"page=2"_s), qPrintable(stored.url));
    QCOMPARE(stored.requestHeaders.at(0).second, u"Bearer [redacted]"_s);
    QVERIFY(stored.responseBody.contains("\"token_type\":\"Bearer\""));
    // Idempotent: redacting what was stored changes nothing, so the duplicate check still holds.
    QCOMPARE(HttpLog::toJson(HttpLog::redacted(stored)), HttpLog::toJson(stored));
    QCOMPARE(*log.append({raw}), 0);
}

void tst_HttpLog::damagedLinesAreSkipped()
{
    const HttpLog log(m_dir->filePath(u"c3.jsonl"_s));
    QVERIFY(log.append({exchange(1)}));
    {
        QFile file(log.filePath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("this is not json\n{\"method\": 5}\n");
        file.write(QJsonDocument(HttpLog::toJson(exchange(2))).toJson(QJsonDocument::Compact) + '\n');
        file.write("{\"method\":\"GET\",\"url\":\"https://half"); // an append cut short
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    auto read = log.read();
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 2);
    QCOMPARE(read->damagedLines, 3);

    // The next append ends the partial line instead of gluing itself to it.
    QVERIFY(log.append({exchange(3)}));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipping damaged entry"_s));
    read = log.read();
    QCOMPARE(read->entries.size(), 3);
    QCOMPARE(read->entries.last().url, u"https://api.example.com/items/3"_s);
    QCOMPARE(read->damagedLines, 3);
}

void tst_HttpLog::roundTripOfBodiesAndHeaders()
{
    const HttpLog log(m_dir->filePath(u"c4.jsonl"_s));
    HttpExchange binary = exchange(1);
    binary.responseHeaders = {{u"Content-Type"_s, u"application/octet-stream"_s}, {u"X-Request-Id"_s, u"abc"_s}};
    binary.responseBody = QByteArray("\xff\xfe\x00\x01", 4);
    binary.status = 0;
    binary.error = u"connection refused"_s;
    // The line format keeps bytes that are not UTF-8 (as base64)...
    const auto parsed = HttpLog::fromJson(HttpLog::toJson(binary));
    QVERIFY(parsed);
    QCOMPARE(parsed->responseBody, binary.responseBody);
    // ...while the log stores what redaction makes of a body (text), and reads back the same.
    QVERIFY(log.append({binary}));
    const HttpExchange stored = log.read()->entries.at(0);
    QCOMPARE(stored.responseBody, HttpLog::redacted(binary).responseBody);
    QCOMPARE(stored.responseHeaders, binary.responseHeaders);
    QCOMPARE(stored.startedAt, binary.startedAt);
    QCOMPARE(stored.error, binary.error);
    QCOMPARE(stored.status, 0);
}

void tst_HttpLog::clearEmptiesTheLog()
{
    const HttpLog log(m_dir->filePath(u"c5.jsonl"_s));
    QVERIFY(log.append({exchange(1), exchange(2)}));
    QCOMPARE(log.read()->entries.size(), 2);
    QVERIFY(log.clear());
    QVERIFY(QFile::exists(log.filePath()));
    QCOMPARE(log.read()->entries.size(), 0);
    QVERIFY(log.append({exchange(1)})); // what was cleared may come again
    QCOMPARE(log.read()->entries.size(), 1);
    QVERIFY(log.remove());
    QVERIFY(!QFile::exists(log.filePath()));
    QCOMPARE(log.read()->entries.size(), 0);
}

// record(), clearLater(), forget() and readLater() run in the order they were called.
void tst_HttpLog::backgroundQueueKeepsTheOrder()
{
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    const auto profile = Profile::named(u"queue"_s, m_dir->filePath(u"profiles"_s));
    QVERIFY(profile);
    const HttpLog log = HttpLog::forConnection(*profile, u"c-1"_s);
    HttpLog::record(*profile, u"c-1"_s, {exchange(1), exchange(2)});
    QFuture<Result<HttpLog::Contents>> first = log.readLater();
    QFuture<Result<bool>> cleared = log.clearLater();
    HttpLog::record(*profile, u"c-1"_s, {exchange(3)});
    QFuture<Result<HttpLog::Contents>> second = log.readLater();
    HttpLog::forget(*profile, u"c-1"_s);
    QFuture<Result<HttpLog::Contents>> third = log.readLater();
    third.waitForFinished();
    QCOMPARE(first.result()->entries.size(), 2);
    QVERIFY(cleared.result());
    QCOMPARE(second.result()->entries.size(), 1);
    QCOMPARE(second.result()->entries.at(0).url, u"https://api.example.com/items/3"_s);
    QCOMPARE(third.result()->entries.size(), 0);
    QVERIFY(!QFile::exists(log.filePath()));
}

// `authdesk disconnect` (here in-process, --keep-remote) deletes the connection's log and no other.
void tst_HttpLog::deletedWithItsConnection()
{
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    const QString profileName = u"httplog-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto opened = ProfileContext::open(profileName, {});
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    std::unique_ptr<ProfileContext> context(*opened);
    ConnectionRecord record;
    record.connectorKey = u"not-installed"_s;
    record.status = u"Ready"_s;
    record.name = u"gone"_s;
    const auto gone = context->index().add(record);
    QVERIFY(gone);
    record.name = u"stays"_s;
    const auto stays = context->index().add(record);
    QVERIFY(stays);
    const HttpLog goneLog = HttpLog::forConnection(context->profile(), gone->id);
    const HttpLog staysLog = HttpLog::forConnection(context->profile(), stays->id);
    QVERIFY(goneLog.filePath().startsWith(context->profile().dataDir()));
    HttpLog::record(context->profile(), gone->id, {exchange(1)});
    HttpLog::record(context->profile(), stays->id, {exchange(2)});
    HttpLog::flush(); // record() writes in the background
    QVERIFY(QFile::exists(goneLog.filePath()));

    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    DisconnectCommand command(u"gone"_s, true, {profileName, {}, false}, out, err);
    QSignalSpy finished(&command, &ProfileCommand::finished);
    QCOMPARE(command.start(), -1);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toInt() == 0, qPrintable(errText));
    HttpLog::flush();
    QVERIFY(!QFile::exists(goneLog.filePath()));
    QCOMPARE(staysLog.read()->entries.size(), 1);
}

QTEST_GUILESS_MAIN(tst_HttpLog)
#include "tst_httplog.moc"
