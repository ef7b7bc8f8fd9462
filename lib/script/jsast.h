#pragma once

#include "jstoken.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace Authdesk {

// What a JsNode is. The tree is deliberately light: a node is a kind, a source range and its
// children (in source order), plus a few flags. It holds what the source front end needs to lower
// modern JavaScript and TypeScript, not a full ESTree. Children conventions (`[x]` = optional, an
// Omitted node where a position must be kept):
//
//   Program: statements                       Block: statements
//   ExpressionStatement: expression           VariableDeclaration: VariableDeclarator+ (flags Var/Let/Const)
//   VariableDeclarator: target [init]         FunctionDeclaration / Function: [Identifier] Params Block
//   Arrow: Params (Block | expression)        Params: Identifier | ObjectPattern | ArrayPattern | AssignPattern | Rest
//   ClassDeclaration / Class: [Identifier] [Heritage] ClassBody; Heritage: expression
//   ClassBody: Method | Field | StaticBlock   Method: key Params Block (flags Static Getter Setter Constructor ...)
//   Field: key [value]                        StaticBlock: Block
//   If: test consequent [alternate]           For: init|Omitted test|Omitted update|Omitted body
//   ForIn / ForOf: left right body            While: test body          DoWhile: body test
//   Return: [argument]  Throw: argument       Break / Continue: [Name]
//   Try: Block [Catch] [Finally]              Catch: [param] Block      Finally: Block
//   Switch: discriminant SwitchCase*          SwitchCase: [test] statements (flag Default)
//   Labeled: Name statement                   With: object body
//   Import: ImportSpecifier* StringLiteral    ImportSpecifier: [Name|StringLiteral (imported)] Identifier (local)
//   ImportEquals: Identifier StringLiteral    ExportNamed: ExportSpecifier* [StringLiteral]
//   ExportSpecifier: local exported (Name or StringLiteral each)
//   ExportDefault: expression | FunctionDeclaration | ClassDeclaration
//   ExportDeclaration: declaration            ExportAll: [Name|StringLiteral (exported)] StringLiteral
//   ExportAssignment: expression (`export =`) Enum: Identifier EnumMember*   EnumMember: key [init]
//   TypeOnly: nothing (a TypeScript declaration that produces no code)
//
//   Property: key value (flag Shorthand: value is an Identifier at the key's range, or an Assign for
//             `{ a = 1 }` as a pattern cover; flag Computed: key is a ComputedKey)
//   ComputedKey: expression                  Spread / Rest: argument
//   Template: expression* (the quasis are the text between them)
//   TaggedTemplate: tag Template             Call: callee Arguments (flag Optional for `?.(`)
//   New: callee [Arguments]                  Arguments: expression | Spread
//   Member: object (Name | PrivateName | expression) (flags Computed, Optional)
//   Unary / Update: argument (op, flag Prefix)  Binary: left right (op)   Conditional: test then else
//   Assign: target value (op)                Sequence: expression+     Await / Yield: [argument]
//   Paren: expression                        TsCast: expression (`as`, `satisfies`, `!`, `<T>x`)
//   ImportCall: expression                   MetaProperty: nothing (`new.target`, `import.meta`)
//   ObjectPattern: PatternProperty | Rest    ArrayPattern: element | Omitted | Rest
//   PatternProperty: key value               AssignPattern: target default
//
// A Name is an identifier that is not a variable reference (a property name, a member name after
// `.`, a label); an Identifier is a variable reference or a binding.
enum class JsNodeKind : quint8 {
    Program,
    Block,
    Empty,
    ExpressionStatement,
    VariableDeclaration,
    VariableDeclarator,
    FunctionDeclaration,
    ClassDeclaration,
    If,
    For,
    ForIn,
    ForOf,
    While,
    DoWhile,
    Return,
    Break,
    Continue,
    Throw,
    Try,
    Catch,
    Finally,
    Switch,
    SwitchCase,
    Labeled,
    Debugger,
    With,
    Import,
    ImportSpecifier,
    ImportEquals,
    ExportNamed,
    ExportSpecifier,
    ExportDefault,
    ExportDeclaration,
    ExportAll,
    ExportAssignment,
    Enum,
    EnumMember,
    TypeOnly,

    Identifier,
    Name,
    PrivateName,
    This,
    Super,
    NullLiteral,
    BooleanLiteral,
    NumericLiteral,
    BigIntLiteral,
    StringLiteral,
    RegExp,
    Template,
    TaggedTemplate,
    Array,
    Object,
    Property,
    ComputedKey,
    Spread,
    Function,
    Arrow,
    Class,
    Heritage,
    ClassBody,
    Method,
    Field,
    StaticBlock,
    Params,
    Call,
    Arguments,
    New,
    Member,
    Unary,
    Update,
    Binary,
    Conditional,
    Assign,
    Sequence,
    Await,
    Yield,
    Paren,
    TsCast,
    ImportCall,
    MetaProperty,

    ObjectPattern,
    ArrayPattern,
    AssignPattern,
    Rest,
    PatternProperty,
    Omitted,
};

// Facts about a node (JsNode::flags). Which ones apply depends on the kind.
enum class JsNodeFlag : quint32 {
    Async = 1u << 0, // Function, FunctionDeclaration, Arrow, Method
    Generator = 1u << 1, // Function, FunctionDeclaration, Method; Yield: `yield*`
    Static = 1u << 2, // Method, Field
    Computed = 1u << 3, // Property, PatternProperty, Method, Field (key is a ComputedKey); Member `a[b]`
    Shorthand = 1u << 4, // Property, PatternProperty
    Getter = 1u << 5, // Method
    Setter = 1u << 6, // Method
    Constructor = 1u << 7, // Method
    Var = 1u << 8, // VariableDeclaration
    Let = 1u << 9, // VariableDeclaration
    Const = 1u << 10, // VariableDeclaration, Enum (`const enum`)
    Optional = 1u << 11, // Member, Call: directly after `?.`
    Prefix = 1u << 12, // Update
    ExpressionBody = 1u << 13, // Arrow
    ForAwait = 1u << 14, // ForOf
    Default = 1u << 15, // SwitchCase `default:`; ImportSpecifier `import x from`
    Namespace = 1u << 16, // ImportSpecifier `* as x`
    TypeOnly = 1u << 17, // Import, ImportSpecifier, ExportNamed, ExportSpecifier: TypeScript `type`
    ParameterProperty = 1u << 18, // a constructor parameter with `public`/`private`/`protected`/`readonly`
    Declare = 1u << 19, // Field `declare x: T`
    Abstract = 1u << 20, // Class, ClassDeclaration: `abstract class`
    HasTrailingComma = 1u << 21, // Object, Array, ObjectPattern, ArrayPattern, Arguments, Params
    CoverInitializer = 1u << 22, // Assign inside an object literal `{ a = 1 }` (valid only as a pattern)
    Method = 1u << 23, // Property: `m() {}` (the value is a Method node)
    NonNull = 1u << 24, // TsCast: `x!`
};

// A range of UTF-16 offsets [start, end).
struct JsRange
{
    qsizetype start = 0;
    qsizetype end = 0;
};

struct JsNode
{
    JsNodeKind kind = JsNodeKind::Empty;
    JsPunctuator op
        = JsPunctuator::None; // Unary, Update, Binary, Assign (Binary also: `in`, `instanceof` as keywords below)
    JsKeyword keyword = JsKeyword::None; // Unary `typeof`/`void`/`delete`, Binary `in`/`instanceof`, MetaProperty
    quint32 flags = 0;
    qsizetype start = 0;
    qsizetype end = 0;
    qint32 firstChild = 0; // index into JsAst's child list
    qint32 childCount = 0;
    // Kind-specific offset, -1 when absent: the `async` keyword of a Function,
    // FunctionDeclaration, Arrow or Method; the `static` keyword of a Field.
    qsizetype aux = -1;

    bool has(JsNodeFlag flag) const { return (flags & quint32(flag)) != 0; }
    void set(JsNodeFlag flag) { flags |= quint32(flag); }
    void clear(JsNodeFlag flag) { flags &= ~quint32(flag); }
    JsRange range() const { return {start, end}; }
};

// The tree of one source text, built by JsParser. Nodes are addressed by index; the root is the
// Program. The source is kept (implicitly shared) so that node text can be read.
class JsAst
{
public:
    JsAst() = default;

    const QString &source() const { return m_source; }
    bool isTypeScript() const { return m_typeScript; }
    int root() const { return m_root; }
    qsizetype nodeCount() const { return m_nodes.size(); }

    const JsNode &node(int index) const { return m_nodes.at(index); }
    JsNodeKind kind(int index) const { return m_nodes.at(index).kind; }
    int childCount(int index) const { return m_nodes.at(index).childCount; }
    int child(int index, int position) const { return m_children.at(m_nodes.at(index).firstChild + position); }
    // The child, or -1 when `position` is out of range.
    int childOrNone(int index, int position) const;
    // The children of a node, for range-for: `for (int c : ast.children(n))`.
    struct Children
    {
        const qint32 *first;
        const qint32 *last;
        const qint32 *begin() const { return first; }
        const qint32 *end() const { return last; }
        qsizetype size() const { return last - first; }
        bool isEmpty() const { return first == last; }
    };
    Children children(int index) const;

    QStringView text(int index) const;
    QStringView text(JsRange range) const { return QStringView(m_source).mid(range.start, range.end - range.start); }

    // TypeScript-only text (annotations, type arguments, `!`, modifiers, type-only declarations):
    // removing these ranges leaves JavaScript. Sorted by start; they never overlap.
    const QList<JsRange> &typeScriptRanges() const { return m_typeScriptRanges; }

    // Where the first `import`/`export` declaration starts (-1 when none): such a file is an ES module.
    qsizetype firstModuleSyntax() const { return m_firstModuleSyntax; }

    // An S-expression of the tree for tests and debugging: (Program (ExpressionStatement (Identifier a))).
    QString dump(int index = -1) const;

    static QString kindName(JsNodeKind kind);

private:
    friend class JsParser;

    QString m_source;
    bool m_typeScript = false;
    int m_root = -1;
    QList<JsNode> m_nodes;
    QList<qint32> m_children;
    QList<JsRange> m_typeScriptRanges;
    qsizetype m_firstModuleSyntax = -1;
};

} // namespace Authdesk
