#pragma once

#include "enginefeatures.h"
#include "jsast.h"
#include "scripterror.h"
#include "sourceeditor.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Authdesk {

// Turns a parsed connector file (JsAst) into edits on its text (SourceEditor) that leave plain
// ES2017 CommonJS for QJSEngine: TypeScript removed, ES modules turned into require()/exports
// (imports hoisted), and the syntax the engine lacks (EngineFeatures) lowered: optional catch
// binding, numeric separators, legacy octal literals, logical assignment, object spread and rest,
// class fields, static blocks and private names (#x), async functions, and the regular expression
// `s` flag and named groups. What cannot be run faithfully is refused with a located error
// (lookbehind, \p{...}, async generators, for await, ...). The runtime helpers the output calls
// (__authdeskAsync, __authdeskSpread, __authdeskClass, __authdeskPrivateGet, __authdeskRegExp,
// __authdeskImportDefault, ...) live in js/lowering.js, which says what each one does.
//
// The edits keep code in place and add no line breaks, so that QJSEngine's line numbers (it gives
// no columns for exceptions) still point at the right line:
//  - `await x` -> `(yield x)` in `return __authdeskAsync(this, arguments, function* () { ... })`;
//    parameters with initializers or patterns move into the generator (their errors reject);
//  - a lowered class gets a record made before it (`let _AClass = __authdeskClass({ "#x": "field" })`);
//    a field `x = f();` becomes a method `__authdeskField_1() { return f(); }` that the
//    constructor runs (`__authdeskDefineField(this, _AClass, "__authdeskField_1", "x")`, defined, not
//    assigned), a computed key is evaluated once where it was, a private method `#m() {}` becomes
//    `"#m"() {}`, and __authdeskClassInstall takes these methods off the class after it;
//  - `o.#x`, `o.#m(a)`, `o.#x = v`, `o.#x += v`, `o.#x ??= v`, `o.#x++`, `#x in o` call the record's
//    helpers (WeakMaps for fields, a WeakSet brand for methods; Node's TypeErrors);
//  - `{ a, ...b, c }` -> __authdeskDefineAll(__authdeskSpread({ a, }, b), { c }): nested, in order;
//  - a regex with `s` or named groups -> __authdeskRegExp(/engine regex/, "source", "flags", [names]);
//  - an import -> `var x = ...require('m')...` hoisted to the start (its own line left blank);
//  - statements that relied on automatic semicolon insertion get their `;`.
//
// SourceFrontEnd is the entry point; this class is its worker.
class JsLowering
{
public:
    struct Options
    {
        EngineFeatures features;
        QStringList knownModules; // what require() provides; any other import is an error
    };

    struct Error
    {
        qsizetype offset = 0;
        QString message;
        ScriptError::Kind kind = ScriptError::Kind::Unsupported;
    };

    struct Result
    {
        std::optional<Error> error;
        bool isModule = false; // the file had import/export syntax
    };

    static Result lower(const JsAst &ast, const Options &options, SourceEditor &editor);

private:
    // Where `var _a, _b;` for the temporaries of a function (or the program) goes.
    struct Scope
    {
        int placeholder = -1; // an insertion in the editor, filled when the scope closes
        QStringList temps;
        QString prefix; // text that opens the placeholder (`{ ` for a wrapped arrow body)
    };

    // What the walk knows about the code around a node.
    struct Context
    {
        bool inAsync = false; // the nearest function is async and lowered
        bool inFunction = false;
        QString superHelper; // async methods: `super.x` -> superHelper('x')
    };

    JsLowering(const JsAst &ast, const Options &options, SourceEditor &editor);

    void fail(qsizetype offset, const QString &message, ScriptError::Kind kind = ScriptError::Kind::Unsupported);
    bool failed() const { return m_error.has_value(); }

    // Names and text.
    QString freshName(const QString &base);
    QString temp();
    QStringView text(int node) const { return m_ast.text(node); }
    QString textOf(int node) const { return m_ast.text(node).toString(); }
    // The node's text without its TypeScript (for copies of code into generated text).
    QString javaScriptText(int node) const;
    // `name` to put in place of the text [start, end): with a space where it would touch a word.
    QString separated(const QString &name, qsizetype start, qsizetype end) const;
    const JsNode &node(int index) const { return m_ast.node(index); }
    int child(int index, int position) const { return m_ast.child(index, position); }
    int childCount(int index) const { return m_ast.childCount(index); }
    qsizetype findPunctuator(qsizetype from, qsizetype to, QStringView punctuator) const;
    qsizetype skipTrivia(qsizetype from, qsizetype to) const;
    QString stringValue(int stringLiteral) const;
    QString keyString(int key) const; // a property key as a JavaScript expression of its name
    int lineBreaks(qsizetype start, qsizetype end) const;
    QString keepLines(const QString &replacement, qsizetype start, qsizetype end) const;
    qsizetype bodyPrologueEnd(int block) const; // after `{` and the directive prologue

    // The walk.
    void visit(int node);
    void visitChildren(int node);
    void visitProgram(int program);
    void visitFunction(int function); // FunctionDeclaration, Function, Arrow, Method
    void visitClass(int klass);
    void visitObject(int object);
    void visitAssign(int assign);
    void visitRegExp(int regexp);
    void lowerLegacyOctalEscapes(int literal);
    void visitEnum(int enumeration);
    void visitImport(int import);
    void visitExport(int exportNode);
    void visitVariableDeclaration(int declaration);
    void visitForInOf(int loop);
    void visitCatch(int catchClause);
    void visitMember(int member);

    // Helpers of the transforms.
    void checkModule(int stringLiteral);
    void collectBindingNames(int pattern, QStringList *names) const;
    bool containsObjectRest(int pattern) const;
    // Where lowerRestPattern puts the extra declarators or assignments: at `at`, on `side`, in the
    // insertion group `sequence` (-1: registration order); `declared` when they become declarators
    // (nested temporaries need no `var`).
    struct RestPlacement
    {
        qsizetype at = 0;
        SourceEditor::Side side = SourceEditor::Side::After;
        int sequence = -1;
        bool declared = true;
    };
    // Lowers the object rest elements of `pattern` (kept in place, minus its rest elements)
    // destructured from `source`: `, rest = __authdeskRest(source, ["a", ...])`, and nested
    // patterns with a rest replaced by a temporary destructured after it.
    void lowerRestPattern(int pattern, const QString &source, const RestPlacement &placement);
    // Private names (#x), lowered to the class record's helpers (lowering.js).
    enum class PrivateUse { Read, Call, Assign, Update };
    struct PrivateScope
    {
        QString record; // the class record's variable
        QMap<QString, QString> names; // "#x" -> "field", "method", "accessor", "static field", ...
    };
    std::optional<QString> privateRecord(int privateName);
    bool isPrivateMember(int n) const; // o.#x, to be lowered
    bool inOptionalChain(int expression) const;
    // Lowers `member` (o.#x) used as `use` inside `parent` (the Call, Assign or Update).
    bool lowerPrivateMember(int member, PrivateUse use, int parent = -1);
    void stripTypeScriptRanges();
    void collectReferences(int node);
    bool usesSuper(int node) const;
    bool usesArguments(int node) const; // `arguments` of the function around (arrows see through)

    const JsAst &m_ast;
    const Options &m_options;
    const EngineFeatures &m_features;
    SourceEditor &m_editor;
    const QString m_source;
    std::optional<Error> m_error;
    QSet<QString> m_allocated;
    QList<Scope> m_scopes;
    Context m_context;
    bool m_isModule = false;
    QStringList m_epilogue; // `exports.x = x;` after the module body
    qsizetype m_importsAt = 0; // where the hoisted imports go: after the directive prologue
    QSet<QString> m_valueReferences; // identifiers used as values (TypeScript import elision)
    QSet<QString> m_topLevelValues; // names declared as values at the top level
    int m_depth = 0;
    int m_fieldMethods = 0; // __authdeskField_<n>: one method per lowered class field
    QList<PrivateScope> m_privateScopes; // the classes around the walk, innermost last
    QHash<int, QString> m_inferredNames; // anonymous class expressions: the name `const X = class {}` gives
};

} // namespace Authdesk
