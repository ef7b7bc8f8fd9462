#pragma once

#include "jsast.h"
#include "jslexer.h"

#include <QSet>
#include <QString>
#include <QVarLengthArray>

#include <optional>

namespace Authdesk {

// The first problem in a source text: where (1-based line and UTF-16 column, and the offset) and
// what. `unsupported` marks valid code that Authdesk refuses on purpose (decorators, namespaces).
struct JsSyntaxError
{
    qsizetype offset = 0;
    int line = 0;
    int column = 0;
    QString message;
    bool unsupported = false;

    QString toString() const; // "3:14: unexpected token `)`"
};

// A recursive descent parser for ECMAScript 2023 and the TypeScript that connector code uses
// (annotations, interfaces, type aliases, generics, `as`/`satisfies`/`!`, enums, access modifiers,
// parameter properties, overloads, `declare`, `abstract`, `import type`...). It builds a JsAst and
// records the TypeScript-only text ranges, so that removing them leaves JavaScript. It stops at the
// first error, never crashes or loops on any input, and refuses nesting deeper than maxDepth.
//
//     const JsParser::Result parsed = JsParser::parse(source, {.typeScript = true});
//     if (parsed.error)
//         return parsed.error->toString(); // "3:14: unexpected token `)`"
//     walk(parsed.ast, parsed.ast.root());
//
// Regular expressions and division, and template continuations, are decided by the parser with the
// lexer's rescan APIs; `>>` closing nested type arguments is split with JsLexer::splitPunctuator.
class JsParser
{
public:
    struct Options
    {
        bool typeScript = false;
        int maxDepth = 1000;
    };

    struct Result
    {
        JsAst ast; // complete when there is no error
        std::optional<JsSyntaxError> error;
    };

    static Result parse(const QString &source, const Options &options);

private:
    using Kids = QVarLengthArray<qint32, 8>;

    // Where the parser is, for speculative parsing (TypeScript type arguments, generic arrows and
    // arrow return types): rewind() restores everything, errors included.
    struct Snapshot
    {
        JsLexer::Checkpoint lexer;
        JsToken token;
        qsizetype previousEnd;
        qsizetype lexErrors;
        bool tokenHasError;
        qsizetype nodes;
        qsizetype children;
        qsizetype typeScriptRanges;
        qsizetype coverInitializer;
        bool failed;
    };

    // What the code around the current position allows.
    struct Context
    {
        bool inFunction = false;
        bool inAsync = false;
        bool inGenerator = false;
        bool noIn = false; // `in` is not an operator (the init of a for statement)
        bool noArrowReturnType = false; // `a ? (b) : c => d` is a conditional, not `(b): c => d`
        bool inClassBody = false;
        bool inConstructor = false;
    };

    JsParser(const QString &source, const Options &options);
    Q_DISABLE_COPY_MOVE(JsParser)

    // Tokens.
    void next();
    JsToken peekToken();
    bool at(JsPunctuator punctuator) const { return m_token.is(punctuator); }
    bool at(JsKeyword keyword) const { return m_token.is(keyword); }
    bool atEnd() const { return m_token.kind == JsTokenKind::EndOfInput; }
    bool eat(JsPunctuator punctuator);
    bool eat(JsKeyword keyword);
    bool expect(JsPunctuator punctuator);
    bool expect(JsKeyword keyword);
    bool consumeSemicolon();
    bool atIdentifier() const; // a BindingIdentifier here (not a reserved word)
    bool atIdentifierName() const { return m_token.kind == JsTokenKind::Identifier; }
    bool tokenIsIdentifier(const JsToken &token) const;
    bool canStartExpression(const JsToken &token) const;
    QStringView tokenText(const JsToken &token) const { return token.text(QStringView(m_source)); }
    void rescanOperand(); // a `/` where an operand starts is a regular expression
    void rescanOperator(); // a regular expression where an operator is expected is `/`
    bool splitGreater(); // `>>` and friends: keep the first `>` as the current token

    // Errors: the first one wins and stops the parse.
    bool failed() const { return m_failed; }
    void fail(qsizetype offset, const QString &message, bool unsupported = false);
    void unexpected();
    int failNode();
    int parseSpecifierName(quint32 &flags);

    Snapshot snapshot() const;
    void rewind(const Snapshot &snapshot);

    // Nodes.
    int addNode(JsNodeKind kind, qsizetype start, qsizetype end, const Kids &kids = {}, quint32 flags = 0);
    JsNode &nodeAt(int index) { return m_ast.m_nodes[index]; }
    void stripTypeScript(qsizetype start, qsizetype end);

    // Statements.
    void parseProgram();
    int parseStatementListItem(bool topLevel);
    int parseStatement();
    int parseBlock();
    int parseVariableDeclaration(JsNodeFlag kind, qsizetype start, bool inFor);
    int parseFunction(JsNodeKind kind, qsizetype start, qsizetype asyncOffset, bool nameRequired);
    int parseFunctionBody(bool isAsync, bool isGenerator, bool isConstructor);
    int parseParams(bool isConstructor);
    int parseClass(JsNodeKind kind, qsizetype start, bool nameRequired, bool isAbstract);
    int parseClassMember();
    int parseIf();
    int parseFor();
    int parseWhile();
    int parseDoWhile();
    int parseTry();
    int parseSwitch();
    int parseImport(bool topLevel);
    int parseExport(bool topLevel);
    int parseTypeScriptDeclaration(bool exported, qsizetype exportStart);
    int parseEnum(qsizetype start, bool isConst);
    int typeOnlyStatement(qsizetype start);
    bool atTypeScriptDeclaration();

    // Expressions.
    int parseExpression();
    int parseAssignment(bool mayBePattern = false);
    int parseConditional(bool mayBePattern);
    int parseBinary(int minPrecedence, bool mayBePattern);
    int parseUnary(bool mayBePattern);
    int parseUpdate(bool mayBePattern);
    int parseLeftHandSide(bool mayBePattern);
    int parseCallTail(int callee, qsizetype start, bool allowCalls);
    int parsePrimary(bool mayBePattern);
    int parseArguments();
    int parseParenthesized(qsizetype start, qsizetype asyncOffset);
    int tryGenericArrow(qsizetype start, qsizetype asyncOffset);
    bool atTypedParameter();
    int makeArrowParams(qsizetype parenStart, qsizetype closeEnd, const Kids &elements, qsizetype trailingComma);
    bool tryArrowReturnType(bool inConditional, qsizetype start, qsizetype parenStart, qsizetype closeEnd,
        const Kids &elements, qsizetype trailingComma, qsizetype asyncOffset, qsizetype outerCover, int *completed);
    int parseArrowRest(qsizetype start, int params, qsizetype asyncOffset);
    int parseArray();
    int parseObject();
    int parsePropertyKey(bool *computed);
    int parseMethod(qsizetype start, quint32 flags, int key, qsizetype asyncOffset, bool inClass);
    int parseTemplate(int tag, qsizetype start);
    int parseNew();
    int parseYield();
    bool atArrowAfterAsync();

    // Patterns.
    int parseBindingTarget();
    int parseBindingElement();
    int parseObjectBindingPattern();
    int parseArrayBindingPattern();
    bool toPattern(int node, bool binding);
    bool isSimpleTarget(int node) const;

    // TypeScript types: consumed and recorded as TypeScript-only text, not kept in the tree.
    bool parseTypeAnnotation(); // `: Type` (the colon is current); strips it
    bool parseType();
    bool parseNonConditionalType();
    bool parseUnionType();
    bool parseIntersectionType();
    bool parseTypeOperator();
    bool parsePostfixType();
    bool parsePrimaryType();
    bool parseTypeMembers(); // `{ ... }` of an object type or interface
    bool parseTupleType();
    bool parseFunctionTypeParams(); // `( ... )` of a function type or signature
    bool parseTypeParameters(); // `<T extends U = V, ...>`
    bool parseTypeArguments(); // `<A, B>`
    bool parseReturnType(); // `: Type` or a type predicate; strips it
    bool tryTypeArgumentsInExpression(); // speculative; strips on success
    bool atFunctionType();
    bool parseEntityName();

    const QString m_source;
    const Options m_options;
    const bool m_ts;
    JsLexer m_lexer;
    JsToken m_token;
    qsizetype m_previousEnd = 0;
    qsizetype m_lexErrors = 0;
    bool m_tokenHasError = false;
    bool m_failed = false;
    std::optional<JsSyntaxError> m_error;
    JsAst m_ast;
    Context m_context;
    int m_depth = 0;
    qsizetype m_coverInitializer = -1; // the first `{ a = 1 }` not yet known to be a pattern
    QSet<qsizetype> m_failedSpeculations; // offsets where a speculative parse already failed

    friend class DepthGuard;
    friend class ContextGuard;
};

} // namespace Authdesk
