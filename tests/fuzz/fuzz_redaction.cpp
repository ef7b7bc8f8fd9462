// Fuzzes the redaction helper, which every log line, HTTP log entry, history event and support bundle
// passes through, on any text (token responses, form bodies, headers, script console output). Input
// layout: the first byte picks the entry point (text, body with a JSON or form content type, header
// value, URL); the rest is the input. Besides "no crash, no hang" (the patterns once took quadratic
// time on long runs) it checks:
//  - redacting again changes nothing (stored history is redacted once more when it is read);
//  - a marked secret never survives: the input is also fed with "&access_token=<marker>" appended
//    (text and form bodies) and the marker must be gone from the output.
#include "support/redaction.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

[[noreturn]] void fail(const char *what, const QString &input, const QString &output)
{
    const QByteArray in = input.left(2000).toUtf8();
    const QByteArray out = output.left(2000).toUtf8();
    std::fprintf(stderr, "fuzz_redaction: %s\n--- input:\n", what);
    std::fwrite(in.constData(), 1, size_t(in.size()), stderr);
    std::fprintf(stderr, "\n--- output:\n");
    std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
    std::fprintf(stderr, "\n");
    std::abort();
}

const QString kMarker = u"Zq7SECRETMARKER9x"_s;

void checkText(const QString &input)
{
    const QString once = Redaction::text(input);
    if (Redaction::text(once) != once)
        fail("text: redacting twice differs from once", input, once);
    const QString marked = Redaction::text(input + u"&access_token="_s + kMarker);
    if (marked.contains(kMarker))
        fail("text: a marked secret survived", input, marked);
}

void checkBody(const QByteArray &input, const QString &contentType)
{
    const QByteArray once = Redaction::body(input, contentType);
    // A JSON body comes back compact: the second pass must agree with the first.
    if (Redaction::body(once, contentType) != once)
        fail("body: redacting twice differs from once", QString::fromUtf8(input), QString::fromUtf8(once));
    if (contentType.contains(u"form"_s)) {
        const QByteArray marked = Redaction::body(input + "&access_token=" + kMarker.toUtf8(), contentType);
        if (marked.contains(kMarker.toUtf8()))
            fail("form body: a marked secret survived", QString::fromUtf8(input), QString::fromUtf8(marked));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 256 * 1024)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString text = QString::fromUtf8(bytes);
    switch (selector % 5) {
    case 0:
        checkText(text);
        break;
    case 1:
        checkBody(bytes, u"application/json"_s);
        break;
    case 2:
        checkBody(bytes, u"application/x-www-form-urlencoded"_s);
        break;
    case 3: {
        const QString value = Redaction::headerValue(u"Authorization"_s, text);
        if (value.contains(kMarker) || (text.size() > 20 && value == text))
            fail("header: an Authorization value was kept", text, value);
        (void)Redaction::headerValue(text.left(64), text);
        break;
    }
    default: {
        const QUrl url(text);
        const QUrl redacted = Redaction::url(url);
        if (Redaction::url(redacted) != redacted)
            fail("url: redacting twice differs from once", text, redacted.toString());
        break;
    }
    }
    return 0;
}
