#include "windowinstance.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

// One window per profile: the first instance listens, a later one hands "show" over and is told to
// end, a minimized (login) start ends without showing anything, and a socket a crashed window left
// behind does not stop the next one. Real local sockets, as between two processes.
class tst_WindowInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondAsksTheFirstToShow();
    void minimizedSecondShowsNothing();
    void staleSocketIsReplaced();
    void nameDependsOnTheProfileSocket();

private:
    static QString uniqueName() { return u"authdesk-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12); }
    static WindowInstance::Role decide(WindowInstance &instance, bool askToShow = true);
};

WindowInstance::Role tst_WindowInstance::decide(WindowInstance &instance, bool askToShow)
{
    QSignalSpy decided(&instance, &WindowInstance::decided);
    instance.start(askToShow);
    if (decided.isEmpty() && !decided.wait(10000))
        qFatal("no decision");
    return decided.first().first().value<WindowInstance::Role>();
}

void tst_WindowInstance::secondAsksTheFirstToShow()
{
    const QString name = uniqueName();
    WindowInstance first(name);
    QSignalSpy shows(&first, &WindowInstance::showRequested);
    QCOMPARE(decide(first), WindowInstance::Role::Primary);

    WindowInstance second(name);
    QCOMPARE(decide(second), WindowInstance::Role::Secondary);
    QTRY_COMPARE_WITH_TIMEOUT(shows.count(), 1, 10000);

    // Each later start asks again; the first stays the one.
    WindowInstance third(name);
    QCOMPARE(decide(third), WindowInstance::Role::Secondary);
    QTRY_COMPARE_WITH_TIMEOUT(shows.count(), 2, 10000);
}

void tst_WindowInstance::minimizedSecondShowsNothing()
{
    const QString name = uniqueName();
    WindowInstance first(name);
    QSignalSpy shows(&first, &WindowInstance::showRequested);
    QCOMPARE(decide(first), WindowInstance::Role::Primary);
    WindowInstance atLogin(name);
    QCOMPARE(decide(atLogin, false), WindowInstance::Role::Secondary);
    QTest::qWait(300);
    QCOMPARE(shows.count(), 0);
}

void tst_WindowInstance::staleSocketIsReplaced()
{
#ifdef Q_OS_UNIX
    // What a crashed window leaves: the socket's path exists, nobody listens on it.
    const QString name = uniqueName();
    const QString path = QDir::tempPath() + u'/' + name;
    {
        QFile leftover(path);
        QVERIFY(leftover.open(QIODevice::WriteOnly));
    }
    WindowInstance next(name);
    QSignalSpy shows(&next, &WindowInstance::showRequested);
    QCOMPARE(decide(next), WindowInstance::Role::Primary);
    // It really listens now: a later start is the second one.
    WindowInstance later(name);
    QCOMPARE(decide(later), WindowInstance::Role::Secondary);
    QTRY_COMPARE_WITH_TIMEOUT(shows.count(), 1, 10000);
#else
    QSKIP("stale socket files are a Unix matter");
#endif
}

void tst_WindowInstance::nameDependsOnTheProfileSocket()
{
    QCOMPARE(WindowInstance::serverNameFor(u"authdesk-work-0123456789abcdef"_s), u"authdesk-work-0123456789abcdef-window"_s);
    QVERIFY(WindowInstance::serverNameFor(u"a"_s) != WindowInstance::serverNameFor(u"b"_s));
}

QTEST_GUILESS_MAIN(tst_WindowInstance)
#include "tst_windowinstance.moc"
