// Refresh scheduler benchmark (issue 5, "Benchmark"). Figures only, no pass/fail:
//   1. memory: heap taken by a RefreshScheduler holding N connections (default 10,000) with spread
//      deadlines (glibc mallinfo2 before and after; the names are shared with the caller and counted
//      apart), and the time to add them;
//   2. timer wake-ups while idle: the same connections on a simulated clock and a counting timer,
//      run for H simulated hours (default 24), every due refresh succeeding at once: wake-ups per
//      hour against refreshes per hour, and wake-ups with nothing due (goal: none); then connections
//      whose next refresh is weeks away (goal: no wake-up at all);
//   3. a storm of M refreshes (default 1,000) due at once, with the concurrency limit (default 4),
//      each one a real TokenClient::refresh against a local fake token endpoint (its own thread):
//      completion time, refreshes per second, and the event-loop latency of the scheduler's thread,
//      measured with a 5 ms probe timer (p50 / p99 / max of the lateness; goal p99 < 50 ms), next to
//      the same probe on the idle loop.
//
//   cmake --build build --target bench_refresh_scheduler
//   build/tests/bench/bench_refresh_scheduler [--connections N] [--hours H] [--storm M] [--concurrency C]
#include "localhttpserver.h"
#include "manualclock.h"

#include "connection/refreshscheduler.h"
#include "connection/schedulertimer.h"
#include "oauth/oauthconfig.h"
#include "oauth/tokenclient.h"
#include "oauth/tokenrequestjob.h"
#include "support/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using namespace std::chrono_literals;

namespace {

// A timer that never waits: the simulation moves the clock to its shot and fires it.
class CountingTimer final : public SchedulerTimer
{
public:
    void start(std::chrono::milliseconds interval) override
    {
        m_interval = clampInterval(interval);
        m_active = true;
        ++starts;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    std::chrono::milliseconds interval() const override { return m_interval; }
    void fire()
    {
        m_active = false;
        ++fires;
        Q_EMIT timeout();
    }

    qint64 starts = 0;
    qint64 fires = 0;

private:
    std::chrono::milliseconds m_interval {0};
    bool m_active = false;
};

size_t heapInUse()
{
    return mallinfo2().uordblks;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size())));
    return values.at(index);
}

int intOption(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

// Lifetimes as they come: 1 h (Google, Microsoft), 8 h (GitHub apps), 24 h, 30 days (long-lived).
const std::array<qint64, 4> lifetimes = {3600, 8 * 3600, 24 * 3600, 30 * 24 * 3600};

// Lets simulated time pass until `end`, firing the timer at each of its shots. Returns the wake-ups and
// how many of them found nothing due (`refreshes` is counted by the caller's due() slot).
std::pair<qint64, qint64> simulate(
    Test::ManualClock &clock, CountingTimer &timer, const QDateTime &end, const qint64 &refreshes)
{
    qint64 wakeUps = 0;
    qint64 idleWakeUps = 0;
    while (timer.isActive() && clock.nowUtc().addMSecs(timer.interval().count()) <= end) {
        const qint64 refreshesBefore = refreshes;
        clock.advance(timer.interval());
        timer.fire();
        ++wakeUps;
        if (refreshes == refreshesBefore)
            ++idleWakeUps;
    }
    clock.setNowUtc(end);
    return {wakeUps, idleWakeUps};
}

// Adds `names` with lifetimes from the list above, each obtained a random part of its lifetime ago.
void addSpread(RefreshScheduler &scheduler, const QStringList &names, const QDateTime &now, QRandomGenerator &random)
{
    for (const QString &name : names) {
        const qint64 lifetime = lifetimes.at(random.bounded(quint32(lifetimes.size())));
        const QDateTime obtained = now.addMSecs(-qint64(random.bounded(double(lifetime) * 500.0)));
        scheduler.setCredentialTimes(name, obtained, obtained.addSecs(lifetime));
    }
}

void benchMemoryAndWakeUps(int connections, int hours)
{
    QStringList names;
    names.reserve(connections);
    const size_t beforeNames = heapInUse();
    for (int i = 0; i < connections; ++i)
        names.append(u"connection-%1"_s.arg(i));
    const size_t namesHeap = heapInUse() - beforeNames;

    Test::ManualClock clock;
    QRandomGenerator random(20250105);
    const size_t before = heapInUse();
    auto *timer = new CountingTimer;
    auto *scheduler = new RefreshScheduler(clock, timer);
    scheduler->setRandomSource([&random] { return random.generateDouble(); });
    QElapsedTimer elapsed;
    elapsed.start();
    addSpread(*scheduler, names, clock.nowUtc(), random);
    const qint64 addNs = elapsed.nsecsElapsed();
    const size_t schedulerHeap = heapInUse() - before;
    std::printf("memory: %d connections: scheduler %.2f MiB (%.0f bytes per connection), names %.2f MiB apart; "
                "adding took %.1f ms (%.2f us each)\n",
        connections, double(schedulerHeap) / 1048576.0, double(schedulerHeap) / connections,
        double(namesHeap) / 1048576.0, double(addNs) / 1e6, double(addNs) / 1e3 / connections);

    // Every due refresh succeeds at once with a new token of the same lifetime.
    qint64 refreshes = 0;
    QObject::connect(scheduler, &RefreshScheduler::due, scheduler, [&](const QString &name) {
        ++refreshes;
        const RefreshScheduler::EntryInfo info = scheduler->entry(name).value();
        const qint64 lifetime = info.obtainedAt.secsTo(info.expiresAt);
        scheduler->finished(
            name, RefreshScheduler::Outcome::succeeded(clock.nowUtc(), clock.nowUtc().addSecs(lifetime)));
    });
    elapsed.restart();
    const auto [wakeUps, idleWakeUps]
        = simulate(clock, *timer, clock.nowUtc().addSecs(qint64(hours) * 3600), refreshes);
    std::printf("wake-ups: %d simulated hours, mixed lifetimes (1 h, 8 h, 24 h, 30 d): %.1f wake-ups/h for "
                "%.1f refreshes/h (%.2f refreshes per wake-up), %lld wake-ups with nothing due; "
                "simulated in %.1f ms\n",
        hours, double(wakeUps) / hours, double(refreshes) / hours, wakeUps ? double(refreshes) / double(wakeUps) : 0.0,
        static_cast<long long>(idleWakeUps), double(elapsed.nsecsElapsed()) / 1e6);
    delete scheduler;

    // Truly idle: every next refresh weeks away. The timer is armed once (clamped to ~24.8 days).
    Test::ManualClock idleClock;
    auto *idleTimer = new CountingTimer;
    RefreshScheduler idle(idleClock, idleTimer);
    for (const QString &name : std::as_const(names))
        idle.setCredentialTimes(name, idleClock.nowUtc(), idleClock.nowUtc().addDays(90));
    const qint64 armed = idleTimer->starts;
    qint64 idleRefreshes = 0;
    QObject::connect(&idle, &RefreshScheduler::due, &idle, [&idleRefreshes] { ++idleRefreshes; });
    const std::chrono::milliseconds armedFor = idleTimer->interval();
    const auto [idleFires, nothingDue]
        = simulate(idleClock, *idleTimer, idleClock.nowUtc().addSecs(qint64(hours) * 3600), idleRefreshes);
    Q_UNUSED(nothingDue)
    std::printf("wake-ups: %d connections all refreshed weeks ahead: %lld timer arm(s) while adding, %lld wake-ups "
                "in %d hours (armed for %.1f days)\n",
        connections, static_cast<long long>(armed), static_cast<long long>(idleFires), hours,
        double(armedFor.count()) / 86400000.0);
}

// The fake token endpoint, in a thread of its own like a real provider would be elsewhere.
class EndpointThread final : public QThread
{
public:
    QUrl tokenUrl;
    QSemaphore ready;

protected:
    void run() override
    {
        Test::LocalHttpServer server([](const Test::LocalHttpServer::Request &) {
            return Test::LocalHttpServer::Response {200, {{"Content-Type", "application/json"}},
                R"({"access_token":"bench-access","token_type":"Bearer","expires_in":3600,"refresh_token":"bench-rotated"})"};
        });
        tokenUrl = server.url(u"/token"_s);
        ready.release();
        exec();
    }
};

// Lateness of a 5 ms probe timer while `work` runs to its end (it calls done()).
class LatencyProbe
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateness.push_back(std::max(0.0, double(now - m_last) / 1e6 - 5.0));
            m_last = now;
        });
    }
    void start()
    {
        m_lateness.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    const std::vector<double> &lateness() const { return m_lateness; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
};

void printLatency(const char *what, const std::vector<double> &lateness)
{
    std::printf("latency: %s: %zu probes, lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", what, lateness.size(),
        percentile(lateness, 0.50), percentile(lateness, 0.99), percentile(lateness, 1.0));
}

void benchStorm(int storm, int concurrency)
{
    EndpointThread endpoint;
    endpoint.start();
    endpoint.ready.acquire();

    OAuthConfig config;
    config.authorizeUri = QUrl(u"http://127.0.0.1/authorize"_s);
    config.tokenUri = endpoint.tokenUrl;
    config.clientId = u"bench-client"_s;
    config.clientSecret = u"bench-secret"_s;

    TokenClient client(Clock::system());
    RefreshScheduler scheduler(Clock::system());
    scheduler.setMaximumConcurrent(concurrency);
    LatencyProbe probe;

    // The idle loop first, as the baseline of the probe itself.
    probe.start();
    QTimer::singleShot(1000, &scheduler, [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    probe.stop();
    printLatency("idle event loop, 1 s", probe.lateness());

    int done = 0;
    int failed = 0;
    int maximumInFlight = 0;
    QElapsedTimer elapsed;
    QObject::connect(&scheduler, &RefreshScheduler::due, &scheduler, [&](const QString &name) {
        maximumInFlight = std::max(maximumInFlight, int(scheduler.inFlight().size()));
        TokenRequestJob *job = client.refresh(config, RefreshGrant {u"refresh-"_s + name, false, {}});
        QObject::connect(job, &TokenRequestJob::finished, &scheduler, [&, name](TokenRequestJob *finishedJob) {
            if (finishedJob->response()) {
                scheduler.finished(name,
                    RefreshScheduler::Outcome::succeeded(
                        finishedJob->response()->receivedAt, finishedJob->response()->expiresAt()));
            } else {
                ++failed;
                scheduler.finished(name, RefreshScheduler::Outcome::transientFailure(std::nullopt));
            }
            finishedJob->deleteLater();
            if (++done == storm)
                QCoreApplication::exit(0);
        });
        job->start();
    });

    QTimer::singleShot(0, &scheduler, [&] {
        elapsed.start();
        probe.start();
        // All overdue at once, as after a long suspend.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < storm; ++i)
            scheduler.setCredentialTimes(u"storm-%1"_s.arg(i), now.addSecs(-7200), now.addSecs(-3600));
    });
    QCoreApplication::exec();
    const qint64 ns = elapsed.nsecsElapsed();
    probe.stop();
    std::printf("storm: %d refreshes due at once, concurrency %d (at most %d in flight): done in %.0f ms "
                "(%.0f refreshes/s), %d failed\n",
        storm, concurrency, maximumInFlight, double(ns) / 1e6, storm / (double(ns) / 1e9), failed);
    printLatency("during the storm (scheduler + TokenClient thread)", probe.lateness());

    endpoint.quit();
    endpoint.wait();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The scheduler logs each retry at info level; figures only here.
    QLoggingCategory::setFilterRules(u"authdesk.*=false"_s);
    const QStringList arguments = QCoreApplication::arguments();
    const int connections = intOption(arguments, u"--connections"_s, 10000);
    const int hours = intOption(arguments, u"--hours"_s, 24);
    const int storm = intOption(arguments, u"--storm"_s, 1000);
    const int concurrency = intOption(arguments, u"--concurrency"_s, RefreshScheduler::defaultMaximumConcurrent);

    benchMemoryAndWakeUps(connections, std::max(1, hours));
    benchStorm(storm, concurrency);
    return 0;
}
