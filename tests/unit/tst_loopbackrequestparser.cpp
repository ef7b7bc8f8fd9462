#include "oauth/loopbackrequestparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;

using Status = LoopbackRequestParser::Status;
using Problem = LoopbackRequestParser::Problem;

Q_DECLARE_METATYPE(LoopbackRequestParser::Problem)

namespace {

const QByteArray browserRequest = "GET /callback?code=4%2F0Ab&state=xyz HTTP/1.1\r\n"
                                  "Host: 127.0.0.1:5555\r\n"
                                  "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                                  "Accept: text/html,*/*;q=0.8\r\n"
                                  "Connection: keep-alive\r\n"
                                  "\r\n";

// A literal with embedded NULs, without its terminating one.
template <qsizetype N> QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}

} // namespace

// The loopback listener's HTTP head parser: whatever the bytes and however they are cut, it ends
// in NeedMore, Complete or a definite error with the right status code, within its limits.
class tst_LoopbackRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browserRequestAtOnce();
    void byteByByte();
    void bareLineFeedsAndLeadingEmptyLines();
    void keepAliveRules_data();
    void keepAliveRules();
    void bodies();
    void pipelinedRequests();
    void errors_data();
    void errors();
    void limitsApplyBeforeTheLineEnds();
    void errorIsFinal();
};

void tst_LoopbackRequestParser::browserRequestAtOnce()
{
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed(browserRequest), Status::Complete);
    const auto &request = parser.request();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.target, QByteArray("/callback?code=4%2F0Ab&state=xyz"));
    QCOMPARE(request.path(), QByteArray("/callback"));
    QCOMPARE(request.query(), QByteArray("code=4%2F0Ab&state=xyz"));
    QCOMPARE(request.minorVersion, 1);
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.header("host"), QByteArray("127.0.0.1:5555"));
    QCOMPARE(request.header("user-agent"), QByteArray("Mozilla/5.0 (X11; Linux x86_64)"));
    QVERIFY(request.header("cookie").isNull());
    QVERIFY(request.wantsKeepAlive());
    QVERIFY(!request.hasBody());
    QVERIFY(parser.remainder().isEmpty());
}

void tst_LoopbackRequestParser::byteByByte()
{
    LoopbackRequestParser parser;
    for (qsizetype i = 0; i < browserRequest.size() - 1; ++i)
        QCOMPARE(parser.feed(browserRequest.sliced(i, 1)), Status::NeedMore);
    QVERIFY(parser.hasData());
    QCOMPARE(parser.feed(browserRequest.last(1)), Status::Complete);
    QCOMPARE(parser.request().target, QByteArray("/callback?code=4%2F0Ab&state=xyz"));
    QCOMPARE(parser.request().headers.size(), 4);
}

void tst_LoopbackRequestParser::bareLineFeedsAndLeadingEmptyLines()
{
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed("\r\n\nGET / HTTP/1.0\nX-A:   spaced value \t\n\n"), Status::Complete);
    QCOMPARE(parser.request().target, QByteArray("/"));
    QCOMPARE(parser.request().minorVersion, 0);
    QCOMPARE(parser.request().header("x-a"), QByteArray("spaced value"));
}

void tst_LoopbackRequestParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");
    QTest::addRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n") << true;
    QTest::addRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n") << false;
    QTest::addRow("1.1 upgrade, close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade, close\r\n\r\n")
                                        << false;
    QTest::addRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::addRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
}

void tst_LoopbackRequestParser::keepAliveRules()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed(head), Status::Complete);
    QCOMPARE(parser.request().wantsKeepAlive(), keepAlive);
}

void tst_LoopbackRequestParser::bodies()
{
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed("POST /callback HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab"), Status::Complete);
    QVERIFY(parser.request().hasBody());
    QCOMPARE(parser.remainder(), QByteArray("ab"));
    QCOMPARE(parser.feed("cde"), Status::Complete);
    QCOMPARE(parser.remainder(), QByteArray("abcde"));

    LoopbackRequestParser chunked;
    QCOMPARE(chunked.feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"), Status::Complete);
    QVERIFY(chunked.request().hasBody());

    LoopbackRequestParser empty;
    QCOMPARE(empty.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"), Status::Complete);
    QVERIFY(!empty.request().hasBody());
}

void tst_LoopbackRequestParser::pipelinedRequests()
{
    LoopbackRequestParser parser;
    QCOMPARE(
        parser.feed("GET /favicon.ico HTTP/1.1\r\nHost: h\r\n\r\nGET /callback?x=1 HTTP/1.1\r\nHo"), Status::Complete);
    QCOMPARE(parser.request().target, QByteArray("/favicon.ico"));
    QCOMPARE(parser.reset(), Status::NeedMore);
    QCOMPARE(parser.feed("st: h\r\n\r\n"), Status::Complete);
    QCOMPARE(parser.request().target, QByteArray("/callback?x=1"));
    QCOMPARE(parser.request().header("host"), QByteArray("h"));
}

void tst_LoopbackRequestParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<int>("status");
    QTest::addRow("binary garbage") << bytes("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n") << Problem::Malformed
                                    << 400;
    QTest::addRow("TLS to a plain port") << bytes("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n")
                                         << Problem::Malformed << 400;
    QTest::addRow("no version") << QByteArray("GET /callback\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("absolute target") << QByteArray("GET http://127.0.0.1/ HTTP/1.1\r\n\r\n") << Problem::Malformed
                                     << 400;
    QTest::addRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("two spaces") << QByteArray("GET  /callback HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("space in target") << QByteArray("GET /call back HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("utf-8 in target") << QByteArray("GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("NUL in target") << bytes("GET /a\0b HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << Problem::VersionNotSupported << 505;
    QTest::addRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\n\r\n") << Problem::VersionNotSupported << 505;
    QTest::addRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n") << Problem::Malformed
                              << 400;
    QTest::addRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << Problem::Malformed
                                        << 400;
    QTest::addRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost h\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("CR in value") << QByteArray("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("1.1 without Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("bad Content-Length") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n")
                                        << Problem::Malformed << 400;
    QTest::addRow("two Content-Lengths") << QByteArray(
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                         << Problem::Malformed << 400;
    QTest::addRow("Content-Length and chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
        << Problem::Malformed << 400;
    QTest::addRow("many empty lines") << QByteArray("\r\n\r\n\r\n\r\n\r\n\r\n") << Problem::Malformed << 400;
    QTest::addRow("long request line") << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n"
                                       << Problem::UriTooLong << 414;
    QByteArray manyHeaders = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 0; i < 101; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::addRow("too many headers") << manyHeaders + "\r\n" << Problem::HeadersTooLarge << 431;
    QByteArray bigHead = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 0; i < 10; ++i)
        bigHead += "Cookie: " + QByteArray(4000, 'c') + "\r\n";
    QTest::addRow("head too large") << bigHead + "\r\n" << Problem::HeadersTooLarge << 431;
}

void tst_LoopbackRequestParser::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(Problem, problem);
    QFETCH(int, status);
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed(input), Status::Error);
    QCOMPARE(parser.problem(), problem);
    QCOMPARE(parser.errorStatusCode(), status);
    QVERIFY(!parser.problemText().isEmpty());

    // Fed byte by byte the verdict is the same, and it comes no later than the whole input.
    LoopbackRequestParser slow;
    Status last = Status::NeedMore;
    for (qsizetype i = 0; i < input.size() && last == Status::NeedMore; ++i)
        last = slow.feed(input.sliced(i, 1));
    QCOMPARE(last, Status::Error);
    QCOMPARE(slow.problem(), problem);
}

void tst_LoopbackRequestParser::limitsApplyBeforeTheLineEnds()
{
    // A client that never sends a line end cannot make the parser keep more than its limits.
    LoopbackRequestParser::Limits limits;
    limits.maxRequestLineBytes = 100;
    limits.maxHeadBytes = 300;
    LoopbackRequestParser requestLine(limits);
    QCOMPARE(requestLine.feed(QByteArray("GET /" + QByteArray(95, 'a'))), Status::NeedMore);
    QCOMPARE(requestLine.feed("aaaaaaaaaa"), Status::Error);
    QCOMPARE(requestLine.errorStatusCode(), 414);
    QVERIFY(requestLine.remainder().isEmpty());

    LoopbackRequestParser head(limits);
    QCOMPARE(head.feed(QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(250, 'v'))), Status::NeedMore);
    QCOMPARE(head.feed(QByteArray(50, 'v')), Status::Error);
    QCOMPARE(head.errorStatusCode(), 431);
}

void tst_LoopbackRequestParser::errorIsFinal()
{
    LoopbackRequestParser parser;
    QCOMPARE(parser.feed("\x01\x02\n"), Status::Error);
    QCOMPARE(parser.feed(browserRequest), Status::Error);
    QCOMPARE(parser.reset(), Status::NeedMore); // a new request starts clean
    QCOMPARE(parser.feed(browserRequest), Status::Complete);
}

QTEST_GUILESS_MAIN(tst_LoopbackRequestParser)
#include "tst_loopbackrequestparser.moc"
