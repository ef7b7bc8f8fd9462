// Fuzzes the loopback listener's HTTP request-head parser (LoopbackRequestParser), which reads
// whatever any local process sends to the redirect port. Besides "no crash, no hang" it checks:
//  - the verdict (status, problem, request) is the same whether the bytes arrive at once, one at a
//    time, or in pieces whose sizes come from the input itself;
//  - while waiting for more, the parser never holds more than its limits allow;
//  - a complete request has a token method and an origin-form target; an error maps to 400, 414,
//    431 or 505; reset() after a complete request parses the rest (pipelining) and terminates;
//  - the result page's escape() leaves no markup characters.
#include "oauth/loopbackrequestparser.h"
#include "oauth/loopbackresultpage.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Authdesk;

namespace {

using Status = LoopbackRequestParser::Status;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_loopback_request: %s\n", what);
    std::abort();
}

LoopbackRequestParser::Limits smallLimits()
{
    // Small limits, so that the fuzzer reaches them with short inputs.
    LoopbackRequestParser::Limits limits;
    limits.maxRequestLineBytes = 200;
    limits.maxHeadBytes = 600;
    limits.maxHeaderCount = 8;
    return limits;
}

bool sameRequest(const LoopbackRequestParser::Request &a, const LoopbackRequestParser::Request &b)
{
    return a.method == b.method && a.target == b.target && a.minorVersion == b.minorVersion && a.headers == b.headers;
}

bool sameVerdict(const LoopbackRequestParser &a, const LoopbackRequestParser &b)
{
    if (a.status() != b.status())
        return false;
    if (a.status() == Status::Error)
        return a.problem() == b.problem();
    if (a.status() == Status::Complete)
        return sameRequest(a.request(), b.request()) && a.remainder() == b.remainder();
    return true;
}

void checkState(const LoopbackRequestParser &parser)
{
    const auto &limits = parser.limits();
    switch (parser.status()) {
    case Status::NeedMore:
        if (parser.remainder().size() > limits.maxHeadBytes)
            fail("holds more than the head limit");
        break;
    case Status::Error: {
        const int code = parser.errorStatusCode();
        if (code != 400 && code != 414 && code != 431 && code != 505)
            fail("unexpected error status");
        if (parser.problemText().isEmpty())
            fail("error without a text");
        break;
    }
    case Status::Complete: {
        const auto &request = parser.request();
        if (request.method.isEmpty() || !request.target.startsWith('/'))
            fail("complete request without method or origin-form target");
        if (request.minorVersion != 0 && request.minorVersion != 1)
            fail("unexpected HTTP version");
        if (request.headers.size() > limits.maxHeaderCount)
            fail("more headers than the limit");
        for (const auto &[name, value] : request.headers) {
            if (name.isEmpty() || name != name.toLower())
                fail("header name empty or not lower-cased");
            if (value.contains('\r') || value.contains('\n'))
                fail("line break in a header value");
        }
        (void)request.path();
        (void)request.query();
        (void)request.wantsKeepAlive();
        (void)request.hasBody();
        break;
    }
    }
}

void checkInput(const QByteArray &input, const LoopbackRequestParser::Limits &limits)
{
    LoopbackRequestParser whole(limits);
    whole.feed(input);
    checkState(whole);

    LoopbackRequestParser bytewise(limits);
    for (const char c : input)
        bytewise.feed(QByteArrayView(&c, 1));
    if (!sameVerdict(whole, bytewise))
        fail("byte-by-byte verdict differs");

    // Pieces whose sizes are taken from the input's own bytes.
    LoopbackRequestParser pieces(limits);
    qsizetype offset = 0;
    for (qsizetype i = 0; offset < input.size(); ++i) {
        const qsizetype size = 1 + static_cast<unsigned char>(input.at(i % input.size())) % 17;
        pieces.feed(QByteArrayView(input).sliced(offset, std::min(size, input.size() - offset)));
        offset += size;
    }
    if (!sameVerdict(whole, pieces))
        fail("verdict in pieces differs");

    // Pipelining: every reset consumes at least one line, so this ends.
    LoopbackRequestParser pipeline(limits);
    Status status = pipeline.feed(input);
    for (int guard = 0; status == Status::Complete; ++guard) {
        if (guard > input.size())
            fail("reset() does not make progress");
        const qsizetype before = pipeline.remainder().size();
        status = pipeline.reset();
        checkState(pipeline);
        if (status == Status::Complete && pipeline.remainder().size() >= before)
            fail("a pipelined request consumed nothing");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkInput(input, LoopbackRequestParser::Limits());
    checkInput(input, smallLimits());

    const QString escaped = LoopbackResultPage::escape(QString::fromUtf8(input));
    for (const char16_t c : {u'<', u'>', u'"', u'\''}) {
        if (escaped.contains(QChar(c)))
            fail("escape() left a markup character");
    }
    return 0;
}
