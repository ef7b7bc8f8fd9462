// Fuzzes the source front end: JsParser, JsLowering and SourceEditor, as SourceFrontEnd::prepare
// chains them (without its cache), for JavaScript and TypeScript, with everything lowered (Qt 6.4)
// and with nothing lowered (a modern engine). Besides "no crash, no hang" it checks:
//  - a parsed tree is well formed: ranges inside their parents, children in order, and every
//    error is located inside the input;
//  - the position map of the output is contiguous, its copied segments are the original text,
//    and every output position maps inside the input;
//  - what was lowered without an error is JavaScript that parses again (as a script, no
//    TypeScript), so the engine never sees text the front end produced by mistake, and with
//    everything lowered it holds none of the syntax Qt 6.4 lacks (async functions, object spread
//    and rest, class fields, static blocks, private names, optional catch bindings, logical
//    assignment).
#include "script/enginefeatures.h"
#include "script/jslowering.h"
#include "script/jsparser.h"
#include "script/sourceeditor.h"
#include "script/sourcefrontend.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

[[noreturn]] void fail(const char *what, const QString &source, const QString &detail = QString())
{
    // Written as bytes: the input may hold NUL characters.
    const QByteArray input = source.left(2000).toUtf8();
    const QByteArray more = detail.left(4000).toUtf8();
    std::fprintf(stderr, "fuzz_source_front_end: %s\n--- input:\n", what);
    std::fwrite(input.constData(), 1, size_t(input.size()), stderr);
    std::fprintf(stderr, "\n--- detail:\n");
    std::fwrite(more.constData(), 1, size_t(more.size()), stderr);
    std::fprintf(stderr, "\n");
    std::abort();
}

bool wellFormed(const JsAst &ast, int node, int depth)
{
    if (depth > 20000)
        return false;
    const JsNode &n = ast.node(node);
    if (n.start < 0 || n.end < n.start || n.end > ast.source().size())
        return false;
    for (int c : ast.children(node)) {
        const JsNode &child = ast.node(c);
        if (child.start < n.start || child.end > n.end || !wellFormed(ast, c, depth + 1))
            return false;
    }
    return true;
}

void checkMap(const QString &source, const SourceEditor::Output &output)
{
    qsizetype expected = 0;
    for (const SourcePositionMap::Segment &segment : output.map.segments()) {
        if (segment.outputStart != expected || segment.length < 0 || segment.originalStart < 0
            || segment.originalStart > source.size())
            fail("map segments are not contiguous", source, output.text);
        if (segment.copied
            && QStringView(source).mid(segment.originalStart, segment.length)
                != QStringView(output.text).mid(segment.outputStart, segment.length))
            fail("a copied segment differs from the original", source, output.text);
        expected += segment.length;
    }
    if (expected != output.text.size())
        fail("map segments do not cover the output", source, output.text);
    for (qsizetype offset = 0; offset <= output.text.size(); offset += 7) {
        const qsizetype original = output.map.originalOffset(offset);
        if (original < 0 || original > source.size())
            fail("an output offset maps outside the input", source, output.text);
        const SourceLocation location = output.map.originalLocation(output.map.outputLocationOfOffset(offset));
        if (location.line < 1 || location.column < 1)
            fail("an output location does not map", source, output.text);
    }
}

// The first construct in the tree that Qt 6.4 cannot parse, or an empty string.
QString unlowered(const JsAst &ast)
{
    QList<int> stack {ast.root()};
    while (!stack.isEmpty()) {
        const int n = stack.takeLast();
        const JsNode &current = ast.node(n);
        switch (current.kind) {
        case JsNodeKind::PrivateName:
        case JsNodeKind::Field:
        case JsNodeKind::StaticBlock:
            return JsAst::kindName(current.kind);
        case JsNodeKind::Function:
        case JsNodeKind::FunctionDeclaration:
        case JsNodeKind::Arrow:
        case JsNodeKind::Method:
            if (current.has(JsNodeFlag::Async))
                return u"async "_s + JsAst::kindName(current.kind);
            break;
        case JsNodeKind::Object:
        case JsNodeKind::ObjectPattern:
            for (int c : ast.children(n)) {
                if (ast.node(c).kind == JsNodeKind::Spread || ast.node(c).kind == JsNodeKind::Rest)
                    return u"object spread or rest"_s;
            }
            break;
        case JsNodeKind::Catch:
            if (current.childCount == 1)
                return u"catch without a binding"_s;
            break;
        case JsNodeKind::Assign:
            if (current.op == JsPunctuator::QuestionQuestionAssign || current.op == JsPunctuator::BarBarAssign
                || current.op == JsPunctuator::AmpersandAmpersandAssign)
                return u"logical assignment"_s;
            break;
        default:
            break;
        }
        for (int c : ast.children(n))
            stack.append(c);
    }
    return {};
}

void checkSource(const QString &source, bool typeScript)
{
    JsParser::Options options;
    options.typeScript = typeScript;
    const JsParser::Result parsed = JsParser::parse(source, options);
    if (parsed.error) {
        const JsSyntaxError &error = *parsed.error;
        if (error.offset < 0 || error.offset > source.size() || error.line < 1 || error.column < 1
            || error.message.isEmpty())
            fail("a syntax error is not located in the input", source, error.toString());
        return;
    }
    if (!wellFormed(parsed.ast, parsed.ast.root(), 0))
        fail("the tree is not well formed", source, parsed.ast.dump());
    for (const EngineFeatures &features : {EngineFeatures::none(), EngineFeatures::all()}) {
        SourceEditor editor(source);
        const JsLowering::Result lowered
            = JsLowering::lower(parsed.ast, {features, SourceFrontEnd::defaultKnownModules()}, editor);
        if (lowered.error) {
            if (lowered.error->offset < 0 || lowered.error->offset > source.size() || lowered.error->message.isEmpty())
                fail("a lowering error is not located in the input", source, lowered.error->message);
            continue;
        }
        const SourceEditor::Output output = editor.apply();
        checkMap(source, output);
        if (features == EngineFeatures::none()) {
            const JsParser::Result again = JsParser::parse(output.text, {});
            if (again.error)
                fail("the lowered output does not parse", source, output.text + u"\n--- "_s + again.error->toString());
            if (const QString left = unlowered(again.ast); !left.isEmpty())
                fail("the lowered output still holds syntax Qt 6.4 lacks", source, output.text + u"\n--- "_s + left);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString source = QString::fromUtf8(bytes);
    checkSource(source, false);
    checkSource(source, true);
    return 0;
}
