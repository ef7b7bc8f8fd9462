#include "connection/refreshpolicy.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

const QDateTime obtained(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC);

milliseconds between(const QDateTime &from, const QDateTime &to)
{
    return milliseconds(from.msecsTo(to));
}

std::vector<milliseconds> backoffSequence(const RefreshPolicy &policy, quint32 seed, int length)
{
    QRandomGenerator random(seed);
    std::vector<milliseconds> delays;
    for (int failures = 1; failures <= length; ++failures)
        delays.push_back(policy.backoff(failures, random.generateDouble()));
    return delays;
}

} // namespace

class tst_RefreshPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lead_data();
    void lead();
    void refreshTimeWithoutJitter_data();
    void refreshTimeWithoutJitter();
    void jitterStaysInItsBand_data();
    void jitterStaysInItsBand();
    void jitterSpreadsConnections();
    void unknownExpiryIsNotScheduled();
    void unknownObtainedAtUsesMinimumLead();
    void expiredTokenIsDueAtOnce();
    void localTimesAreUtcDeadlines();
    void backoffCeilingDoublesToCap();
    void backoffIsFullJitter();
    void backoffSequenceIsReproducible();
    void retryAfterWinsWhenLonger();
    void retryAfterIsBounded();
};

void tst_RefreshPolicy::lead_data()
{
    QTest::addColumn<qint64>("lifetimeMs");
    QTest::addColumn<qint64>("expectedMs");
    // max(60 s, 10 %), at most half the lifetime.
    QTest::addRow("10s_half") << qint64(10'000) << qint64(5'000);
    QTest::addRow("60s_half") << qint64(60'000) << qint64(30'000);
    QTest::addRow("119s_half") << qint64(119'000) << qint64(59'500);
    QTest::addRow("120s_minimum") << qint64(120'000) << qint64(60'000);
    QTest::addRow("10min_minimum") << qint64(600'000) << qint64(60'000);
    QTest::addRow("1h_10percent") << qint64(3'600'000) << qint64(360'000);
    QTest::addRow("24h_10percent") << qint64(86'400'000) << qint64(8'640'000);
    QTest::addRow("zero") << qint64(0) << qint64(0);
}

void tst_RefreshPolicy::lead()
{
    QFETCH(qint64, lifetimeMs);
    QFETCH(qint64, expectedMs);
    const RefreshPolicy policy;
    QCOMPARE(policy.lead(milliseconds(lifetimeMs)).count(), expectedMs);
}

void tst_RefreshPolicy::refreshTimeWithoutJitter_data()
{
    QTest::addColumn<qint64>("lifetimeMs");
    QTest::addColumn<qint64>("refreshAfterMs"); // from obtainedAt
    QTest::addRow("1h") << qint64(3'600'000) << qint64(3'240'000); // 54 min
    QTest::addRow("5min") << qint64(300'000) << qint64(240'000); // 4 min
    QTest::addRow("90s") << qint64(90'000) << qint64(45'000); // half-life, not 30 s
    QTest::addRow("30days") << qint64(2'592'000'000) << qint64(2'332'800'000); // 27 days
}

void tst_RefreshPolicy::refreshTimeWithoutJitter()
{
    QFETCH(qint64, lifetimeMs);
    QFETCH(qint64, refreshAfterMs);
    const RefreshPolicy policy;
    const QDateTime expires = obtained.addMSecs(lifetimeMs);
    QCOMPARE(policy.refreshTime(obtained, expires, 0.0), obtained.addMSecs(refreshAfterMs));
    QCOMPARE(policy.latestRefreshTime(obtained, expires), obtained.addMSecs(refreshAfterMs));
}

void tst_RefreshPolicy::jitterStaysInItsBand_data()
{
    QTest::addColumn<qint64>("lifetimeMs");
    QTest::addColumn<qint64>("maximumJitterMs");
    QTest::addRow("60s_none_below_half_life") << qint64(60'000) << qint64(1'500);
    QTest::addRow("5min_5percent_of_60s") << qint64(300'000) << qint64(3'000);
    QTest::addRow("1h_5percent_of_6min") << qint64(3'600'000) << qint64(18'000);
    QTest::addRow("8h_capped_30s") << qint64(28'800'000) << qint64(30'000);
    QTest::addRow("30days_capped_30s") << qint64(2'592'000'000) << qint64(30'000);
}

void tst_RefreshPolicy::jitterStaysInItsBand()
{
    QFETCH(qint64, lifetimeMs);
    QFETCH(qint64, maximumJitterMs);
    const RefreshPolicy policy;
    const milliseconds lifetime(lifetimeMs);
    QCOMPARE(policy.maximumJitterFor(lifetime).count(), maximumJitterMs);

    const QDateTime expires = obtained.addMSecs(lifetimeMs);
    const QDateTime latest = expires.addMSecs(-policy.lead(lifetime).count());
    const QDateTime halfLife = obtained.addMSecs(lifetimeMs / 2);
    const QDateTime earliest = std::max(latest.addMSecs(-maximumJitterMs), halfLife);
    QCOMPARE(policy.earliestRefreshTime(obtained, expires), earliest);

    QRandomGenerator random(12345);
    for (int i = 0; i < 2000; ++i) {
        const QDateTime time = policy.refreshTime(obtained, expires, random.generateDouble());
        // Always earlier than (or at) the unjittered time, by at most the jitter, never before half-life.
        QVERIFY2(time <= latest, qPrintable(time.toString(Qt::ISODateWithMs)));
        QVERIFY2(time >= earliest, qPrintable(time.toString(Qt::ISODateWithMs)));
        QVERIFY(time >= halfLife);
        QVERIFY(between(time, latest) <= 30s);
    }
}

void tst_RefreshPolicy::jitterSpreadsConnections()
{
    // 1,000 connections with the same one-hour token obtained in the same second must not all refresh
    // in the same second.
    const RefreshPolicy policy;
    const QDateTime expires = obtained.addSecs(3600);
    QRandomGenerator random(99);
    QSet<qint64> seconds;
    for (int i = 0; i < 1000; ++i)
        seconds.insert(policy.refreshTime(obtained, expires, random.generateDouble()).toSecsSinceEpoch());
    QVERIFY2(seconds.size() >= 18, qPrintable(QString::number(seconds.size()))); // the whole 18 s band
}

void tst_RefreshPolicy::unknownExpiryIsNotScheduled()
{
    const RefreshPolicy policy;
    QVERIFY(!policy.refreshTime(obtained, QDateTime(), 0.5).isValid());
    QVERIFY(!policy.refreshTime(QDateTime(), QDateTime(), 0.5).isValid());
}

void tst_RefreshPolicy::unknownObtainedAtUsesMinimumLead()
{
    const RefreshPolicy policy;
    const QDateTime expires = obtained.addSecs(7200);
    QCOMPARE(policy.lead(std::nullopt), 60s);
    QCOMPARE(policy.refreshTime(QDateTime(), expires, 0.0), expires.addSecs(-60));
    QCOMPARE(policy.refreshTime(QDateTime(), expires, 1.0), expires.addSecs(-63)); // 5 % of 60 s
}

void tst_RefreshPolicy::expiredTokenIsDueAtOnce()
{
    // Obtained already expired (expires_in 0, or a clock set wrong): refresh at obtainedAt, which a
    // scheduler treats as overdue.
    const RefreshPolicy policy;
    QCOMPARE(policy.refreshTime(obtained, obtained, 0.7), obtained);
    QCOMPARE(policy.refreshTime(obtained, obtained.addSecs(-60), 0.7), obtained);
}

void tst_RefreshPolicy::localTimesAreUtcDeadlines()
{
    const RefreshPolicy policy;
    const QDateTime expires = obtained.addSecs(3600);
    const QDateTime local = policy.refreshTime(obtained.toOffsetFromUtc(5 * 3600), expires.toOffsetFromUtc(-3600), 0.0);
    QCOMPARE(local.timeSpec(), Qt::UTC);
    QCOMPARE(local, policy.refreshTime(obtained, expires, 0.0));
}

void tst_RefreshPolicy::backoffCeilingDoublesToCap()
{
    const RefreshPolicy policy;
    const std::vector<milliseconds> expected = {30s, 60s, 120s, 240s, 480s, 960s, 1800s, 1800s, 1800s};
    for (int failures = 1; failures <= int(expected.size()); ++failures)
        QCOMPARE(policy.backoffCeiling(failures), expected.at(size_t(failures - 1)));
    QCOMPARE(policy.backoffCeiling(1000), 1800s); // no overflow far down the sequence
    QCOMPARE(policy.backoffCeiling(0), 30s);
}

void tst_RefreshPolicy::backoffIsFullJitter()
{
    const RefreshPolicy policy;
    QCOMPARE(policy.backoff(1, 0.5), 15s);
    QCOMPARE(policy.backoff(3, 0.25), 30s);
    QCOMPARE(policy.backoff(10, 0.5), 900s);
    QCOMPARE(policy.backoff(2, 0.0), policy.minimumBackoff); // never a zero-delay retry loop
    QVERIFY(policy.backoff(7, 0.999999) < 1800s);
    QVERIFY(policy.backoff(7, 0.999999) > 1799s);
}

void tst_RefreshPolicy::backoffSequenceIsReproducible()
{
    const RefreshPolicy policy;
    const std::vector<milliseconds> first = backoffSequence(policy, 2025, 12);
    QCOMPARE(backoffSequence(policy, 2025, 12), first);
    QVERIFY(backoffSequence(policy, 2026, 12) != first);
    milliseconds largest {0};
    for (size_t i = 0; i < first.size(); ++i) {
        QVERIFY(first.at(i) >= policy.minimumBackoff);
        QVERIFY(first.at(i) <= policy.backoffCeiling(int(i) + 1));
        largest = std::max(largest, first.at(i));
    }
    QVERIFY(largest <= 30min);
    // Full jitter spreads the capped tail over the whole range, not just near the cap.
    QVERIFY(largest > 60s);
}

void tst_RefreshPolicy::retryAfterWinsWhenLonger()
{
    const RefreshPolicy policy;
    QCOMPARE(policy.backoff(1, 0.5, 600s), 600s); // longer than the 15 s backoff
    QCOMPARE(policy.backoff(1, 0.5, 5s), 15s); // shorter: the backoff stands
    QCOMPARE(policy.backoff(8, 0.5, 3600s), 3600s); // longer than the cap too
}

void tst_RefreshPolicy::retryAfterIsBounded()
{
    const RefreshPolicy policy;
    QCOMPARE(policy.backoff(1, 0.5, std::chrono::seconds(10 * 24 * 3600)), 24h);
}

QTEST_GUILESS_MAIN(tst_RefreshPolicy)
#include "tst_refreshpolicy.moc"
