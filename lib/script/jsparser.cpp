#include "jsparser.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Authdesk {

// Counts nesting (statements, expressions, patterns, types) and stops the parse beyond maxDepth,
// so that hostile input cannot exhaust the stack.
class DepthGuard
{
public:
    explicit DepthGuard(JsParser &parser)
        : m_parser(parser)
    {
        if (++m_parser.m_depth > m_parser.m_options.maxDepth)
            m_parser.fail(m_parser.m_token.start, u"nested too deeply"_s);
    }
    ~DepthGuard() { --m_parser.m_depth; }
    Q_DISABLE_COPY_MOVE(DepthGuard)

private:
    JsParser &m_parser;
};

// Restores the parser's Context when it goes out of scope.
class ContextGuard
{
public:
    explicit ContextGuard(JsParser &parser)
        : m_parser(parser)
        , m_saved(parser.m_context)
    {
    }
    ~ContextGuard() { m_parser.m_context = m_saved; }
    Q_DISABLE_COPY_MOVE(ContextGuard)

private:
    JsParser &m_parser;
    JsParser::Context m_saved;
};

namespace {

enum Speculation : qsizetype {
    GenericArrow = 0,
    TypeArguments = 1,
    ArrowReturnType = 2,
    FunctionType = 3,
    IndexSignature = 4,
};

qsizetype memoKey(qsizetype offset, Speculation kind)
{
    return offset * 8 + kind;
}

bool isLineTerminator(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar(0x2028) || c == QChar(0x2029);
}

bool isAssignmentOperator(JsPunctuator p)
{
    switch (p) {
    case JsPunctuator::Assign:
    case JsPunctuator::PlusAssign:
    case JsPunctuator::MinusAssign:
    case JsPunctuator::StarAssign:
    case JsPunctuator::SlashAssign:
    case JsPunctuator::PercentAssign:
    case JsPunctuator::StarStarAssign:
    case JsPunctuator::ShiftLeftAssign:
    case JsPunctuator::ShiftRightAssign:
    case JsPunctuator::UnsignedShiftRightAssign:
    case JsPunctuator::AmpersandAssign:
    case JsPunctuator::BarAssign:
    case JsPunctuator::CaretAssign:
    case JsPunctuator::AmpersandAmpersandAssign:
    case JsPunctuator::BarBarAssign:
    case JsPunctuator::QuestionQuestionAssign:
        return true;
    default:
        return false;
    }
}

int punctuatorPrecedence(JsPunctuator p)
{
    switch (p) {
    case JsPunctuator::QuestionQuestion:
        return 1;
    case JsPunctuator::BarBar:
        return 2;
    case JsPunctuator::AmpersandAmpersand:
        return 3;
    case JsPunctuator::Bar:
        return 4;
    case JsPunctuator::Caret:
        return 5;
    case JsPunctuator::Ampersand:
        return 6;
    case JsPunctuator::Equal:
    case JsPunctuator::NotEqual:
    case JsPunctuator::StrictEqual:
    case JsPunctuator::StrictNotEqual:
        return 7;
    case JsPunctuator::Less:
    case JsPunctuator::Greater:
    case JsPunctuator::LessEqual:
    case JsPunctuator::GreaterEqual:
        return 8;
    case JsPunctuator::ShiftLeft:
    case JsPunctuator::ShiftRight:
    case JsPunctuator::UnsignedShiftRight:
        return 9;
    case JsPunctuator::Plus:
    case JsPunctuator::Minus:
        return 10;
    case JsPunctuator::Star:
    case JsPunctuator::Slash:
    case JsPunctuator::Percent:
        return 11;
    case JsPunctuator::StarStar:
        return 12;
    default:
        return 0;
    }
}

constexpr int kRelationalPrecedence = 8;

// A TypeScript modifier of class members and constructor parameters.
bool isModifierKeyword(JsKeyword k)
{
    switch (k) {
    case JsKeyword::Public:
    case JsKeyword::Private:
    case JsKeyword::Protected:
    case JsKeyword::Readonly:
    case JsKeyword::Abstract:
    case JsKeyword::Override:
    case JsKeyword::Declare:
        return true;
    default:
        return false;
    }
}

} // namespace

QString JsSyntaxError::toString() const
{
    return QString::number(line) + u':' + QString::number(column) + u": "_s + message;
}

JsParser::JsParser(const QString &source, const Options &options)
    : m_source(source)
    , m_options(options)
    , m_ts(options.typeScript)
    , m_lexer(source)
{
    m_ast.m_source = source;
    m_ast.m_typeScript = options.typeScript;
}

JsParser::Result JsParser::parse(const QString &source, const Options &options)
{
    JsParser parser(source, options);
    parser.parseProgram();
    Result result;
    if (parser.m_failed) {
        result.error = parser.m_error;
        result.ast.m_source = source;
        result.ast.m_typeScript = options.typeScript;
        return result;
    }
    // Sort the TypeScript ranges and fold the ones inside a larger one (a type-only statement
    // contains the annotations recorded while parsing it).
    QList<JsRange> &ranges = parser.m_ast.m_typeScriptRanges;
    std::sort(ranges.begin(), ranges.end(),
        [](const JsRange &a, const JsRange &b) { return a.start != b.start ? a.start < b.start : a.end > b.end; });
    QList<JsRange> merged;
    for (const JsRange &range : std::as_const(ranges)) {
        if (range.end <= range.start)
            continue;
        if (!merged.isEmpty() && range.start < merged.constLast().end) {
            merged.last().end = std::max(merged.constLast().end, range.end);
            continue;
        }
        merged.append(range);
    }
    ranges = merged;
    result.ast = std::move(parser.m_ast);
    return result;
}

// --- Tokens --------------------------------------------------------------------------------------

void JsParser::next()
{
    if (m_failed)
        return;
    if (m_tokenHasError) {
        const JsLexError &error = m_lexer.errors().at(m_lexErrors);
        fail(error.offset, error.message);
        return;
    }
    m_previousEnd = m_token.end;
    m_lexErrors = m_lexer.errors().size();
    m_token = m_lexer.next();
    m_tokenHasError = m_lexer.errors().size() > m_lexErrors;
}

JsToken JsParser::peekToken()
{
    const JsLexer::Checkpoint mark = m_lexer.checkpoint();
    const JsToken token = m_lexer.next();
    m_lexer.rewind(mark);
    return token;
}

bool JsParser::eat(JsPunctuator punctuator)
{
    if (!at(punctuator))
        return false;
    next();
    return true;
}

bool JsParser::eat(JsKeyword keyword)
{
    if (!at(keyword))
        return false;
    next();
    return true;
}

bool JsParser::expect(JsPunctuator punctuator)
{
    if (failed())
        return false;
    if (!at(punctuator)) {
        unexpected();
        return false;
    }
    next();
    return !failed();
}

bool JsParser::expect(JsKeyword keyword)
{
    if (failed())
        return false;
    if (!at(keyword)) {
        unexpected();
        return false;
    }
    next();
    return !failed();
}

bool JsParser::consumeSemicolon()
{
    if (failed())
        return false;
    if (eat(JsPunctuator::Semicolon))
        return !failed();
    if (at(JsPunctuator::RightBrace) || atEnd() || m_token.newlineBefore)
        return true;
    unexpected();
    return false;
}

bool JsParser::tokenIsIdentifier(const JsToken &token) const
{
    if (token.kind != JsTokenKind::Identifier || token.isKeyword())
        return false;
    if (token.keyword == JsKeyword::Await && m_context.inAsync)
        return false;
    if (token.keyword == JsKeyword::Yield && m_context.inGenerator)
        return false;
    return true;
}

bool JsParser::atIdentifier() const
{
    return tokenIsIdentifier(m_token);
}

bool JsParser::canStartExpression(const JsToken &token) const
{
    switch (token.kind) {
    case JsTokenKind::EndOfInput:
    case JsTokenKind::Invalid:
    case JsTokenKind::TemplateMiddle:
    case JsTokenKind::TemplateTail:
        return false;
    case JsTokenKind::Punctuator:
        switch (token.punctuator) {
        case JsPunctuator::LeftBrace:
        case JsPunctuator::LeftParen:
        case JsPunctuator::LeftBracket:
        case JsPunctuator::Plus:
        case JsPunctuator::Minus:
        case JsPunctuator::PlusPlus:
        case JsPunctuator::MinusMinus:
        case JsPunctuator::Exclamation:
        case JsPunctuator::Tilde:
        case JsPunctuator::Slash:
        case JsPunctuator::SlashAssign:
        case JsPunctuator::Less: // TypeScript `<T>x` and generic arrows
        case JsPunctuator::Ellipsis:
            return true;
        default:
            return false;
        }
    case JsTokenKind::Identifier:
        switch (token.keyword) {
        case JsKeyword::In:
        case JsKeyword::Instanceof:
            return false;
        default:
            return true;
        }
    default:
        return true;
    }
}

void JsParser::rescanOperand()
{
    if (m_failed)
        return;
    if (m_token.is(JsPunctuator::Slash) || m_token.is(JsPunctuator::SlashAssign)) {
        const qsizetype before = m_lexErrors;
        m_token = m_lexer.rescanAsRegex(m_token);
        m_tokenHasError = m_lexer.errors().size() > before;
    }
}

void JsParser::rescanOperator()
{
    if (m_failed)
        return;
    if (m_token.kind == JsTokenKind::RegularExpression
        || (m_token.kind == JsTokenKind::Invalid && m_token.start < m_source.size()
            && m_source.at(m_token.start) == u'/')) {
        const qsizetype before = m_lexErrors;
        m_token = m_lexer.rescanAsPunctuator(m_token);
        m_tokenHasError = m_lexer.errors().size() > before;
    }
}

bool JsParser::splitGreater()
{
    if (failed())
        return false;
    if (at(JsPunctuator::Greater)) {
        next();
        return !failed();
    }
    if (m_token.kind != JsTokenKind::Punctuator || m_tokenHasError)
        return false;
    switch (m_token.punctuator) {
    case JsPunctuator::ShiftRight:
    case JsPunctuator::UnsignedShiftRight:
    case JsPunctuator::GreaterEqual:
    case JsPunctuator::ShiftRightAssign:
    case JsPunctuator::UnsignedShiftRightAssign:
        break;
    default:
        return false;
    }
    const auto parts = JsLexer::splitPunctuator(m_token, 1);
    if (!parts)
        return false;
    m_previousEnd = parts->first.end;
    m_token = parts->second;
    return true;
}

// --- Errors and speculation ----------------------------------------------------------------------

void JsParser::fail(qsizetype offset, const QString &message, bool unsupported)
{
    if (m_failed)
        return;
    m_failed = true;
    offset = std::clamp<qsizetype>(offset, 0, m_source.size());
    JsSyntaxError error;
    error.offset = offset;
    error.message = message;
    error.unsupported = unsupported;
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        const QChar c = m_source.at(i);
        if (!isLineTerminator(c))
            continue;
        if (c == u'\r' && i + 1 < m_source.size() && m_source.at(i + 1) == u'\n') {
            if (i + 1 >= offset)
                break; // inside CR LF: still this line
            ++i;
        }
        ++line;
        lineStart = i + 1;
    }
    error.line = line;
    error.column = int(offset - lineStart + 1);
    m_error = error;
    JsToken end;
    end.kind = JsTokenKind::EndOfInput;
    end.start = end.end = m_source.size();
    m_token = end;
    m_tokenHasError = false;
}

void JsParser::unexpected()
{
    if (m_failed)
        return;
    if (m_tokenHasError) {
        const JsLexError &error = m_lexer.errors().at(m_lexErrors);
        fail(error.offset, error.message);
        return;
    }
    if (atEnd()) {
        fail(m_token.start, u"unexpected end of input"_s);
        return;
    }
    QString text = tokenText(m_token).left(40).toString();
    if (m_token.kind == JsTokenKind::Invalid && m_lexErrors < m_lexer.errors().size()) {
        const JsLexError &error = m_lexer.errors().at(m_lexErrors);
        fail(error.offset, error.message);
        return;
    }
    fail(m_token.start, u"unexpected token `%1`"_s.arg(text));
}

int JsParser::failNode()
{
    unexpected();
    return -1;
}

// The leading name of an import or export specifier: an optional TypeScript `type` modifier (which
// sets TypeOnly in `flags`), then an identifier name or a string literal. The name's token is not
// consumed: the caller may still need it.
int JsParser::parseSpecifierName(quint32 &flags)
{
    if (m_ts && at(JsKeyword::Type) && !m_token.isEscaped()) {
        const JsToken after = peekToken();
        if ((after.kind == JsTokenKind::Identifier && !after.is(JsKeyword::As)) || after.kind == JsTokenKind::StringLiteral) {
            flags |= quint32(JsNodeFlag::TypeOnly);
            next();
        }
    }
    if (m_token.kind == JsTokenKind::StringLiteral)
        return addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end);
    if (atIdentifierName())
        return addNode(JsNodeKind::Name, m_token.start, m_token.end);
    return failNode();
}

JsParser::Snapshot JsParser::snapshot() const
{
    return {m_lexer.checkpoint(), m_token, m_previousEnd, m_lexErrors, m_tokenHasError, m_ast.m_nodes.size(),
        m_ast.m_children.size(), m_ast.m_typeScriptRanges.size(), m_coverInitializer, m_failed};
}

void JsParser::rewind(const Snapshot &snapshot)
{
    m_lexer.rewind(snapshot.lexer);
    m_token = snapshot.token;
    m_previousEnd = snapshot.previousEnd;
    m_lexErrors = snapshot.lexErrors;
    m_tokenHasError = snapshot.tokenHasError;
    m_ast.m_nodes.resize(snapshot.nodes);
    m_ast.m_children.resize(snapshot.children);
    m_ast.m_typeScriptRanges.resize(snapshot.typeScriptRanges);
    m_coverInitializer = snapshot.coverInitializer;
    m_failed = snapshot.failed;
    if (!m_failed)
        m_error.reset();
}

// --- Nodes ---------------------------------------------------------------------------------------

int JsParser::addNode(JsNodeKind kind, qsizetype start, qsizetype end, const Kids &kids, quint32 flags)
{
    JsNode node;
    node.kind = kind;
    node.start = start;
    node.end = std::max(start, end);
    node.flags = flags;
    node.firstChild = qint32(m_ast.m_children.size());
    node.childCount = qint32(kids.size());
    for (qint32 kid : kids)
        m_ast.m_children.append(kid);
    m_ast.m_nodes.append(node);
    return int(m_ast.m_nodes.size() - 1);
}

void JsParser::stripTypeScript(qsizetype start, qsizetype end)
{
    if (end > start)
        m_ast.m_typeScriptRanges.append({start, end});
}

// --- Statements ----------------------------------------------------------------------------------

void JsParser::parseProgram()
{
    m_lexErrors = 0;
    m_token = m_lexer.next();
    m_tokenHasError = !m_lexer.errors().isEmpty();
    Kids kids;
    while (!atEnd() && !failed()) {
        const int statement = parseStatementListItem(true);
        if (statement < 0)
            break;
        kids.append(statement);
    }
    if (failed())
        return;
    if (m_tokenHasError) { // an unterminated template reported at the end
        unexpected();
        return;
    }
    m_ast.m_root = addNode(JsNodeKind::Program, 0, m_source.size(), kids);
}

bool JsParser::atTypeScriptDeclaration()
{
    if (!m_ts || m_token.kind != JsTokenKind::Identifier || m_token.isEscaped())
        return false;
    const JsToken after = peekToken();
    const bool sameLine = !after.newlineBefore;
    switch (m_token.keyword) {
    case JsKeyword::Interface:
    case JsKeyword::Type:
        return sameLine && after.kind == JsTokenKind::Identifier;
    case JsKeyword::Enum:
        return after.kind == JsTokenKind::Identifier;
    case JsKeyword::Abstract:
        return sameLine && after.is(JsKeyword::Class);
    case JsKeyword::Declare:
        return sameLine && (after.kind == JsTokenKind::Identifier);
    case JsKeyword::Namespace:
    case JsKeyword::Module:
        return sameLine && (after.kind == JsTokenKind::Identifier || after.kind == JsTokenKind::StringLiteral);
    case JsKeyword::Global:
        return sameLine && after.is(JsPunctuator::LeftBrace);
    default:
        return false;
    }
}

int JsParser::typeOnlyStatement(qsizetype start)
{
    if (failed())
        return -1;
    stripTypeScript(start, m_previousEnd);
    return addNode(JsNodeKind::TypeOnly, start, m_previousEnd);
}

int JsParser::parseStatementListItem(bool topLevel)
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    if (at(JsKeyword::Function))
        return parseFunction(JsNodeKind::FunctionDeclaration, start, -1, true);
    if (at(JsKeyword::Async) && !m_token.isEscaped()) {
        const JsToken after = peekToken();
        if (after.is(JsKeyword::Function) && !after.newlineBefore) {
            next();
            return parseFunction(JsNodeKind::FunctionDeclaration, start, start, true);
        }
    }
    if (at(JsKeyword::Class))
        return parseClass(JsNodeKind::ClassDeclaration, start, true, false);
    if (at(JsKeyword::Const)) {
        if (m_ts && peekToken().is(JsKeyword::Enum)) {
            next();
            return parseEnum(start, true);
        }
        next();
        const int declaration = parseVariableDeclaration(JsNodeFlag::Const, start, false);
        if (declaration < 0 || !consumeSemicolon())
            return -1;
        nodeAt(declaration).end = m_previousEnd;
        return declaration;
    }
    if (at(JsKeyword::Let) && !m_token.isEscaped()) {
        const JsToken after = peekToken();
        if (after.is(JsPunctuator::LeftBracket) || after.is(JsPunctuator::LeftBrace)
            || (after.kind == JsTokenKind::Identifier && !after.isKeyword() && !after.is(JsKeyword::In)
                && !after.is(JsKeyword::Instanceof))) {
            next();
            const int declaration = parseVariableDeclaration(JsNodeFlag::Let, start, false);
            if (declaration < 0 || !consumeSemicolon())
                return -1;
            nodeAt(declaration).end = m_previousEnd;
            return declaration;
        }
    }
    if (at(JsKeyword::Import)) {
        const JsToken after = peekToken();
        if (!after.is(JsPunctuator::LeftParen) && !after.is(JsPunctuator::Dot))
            return parseImport(topLevel);
    }
    if (at(JsKeyword::Export))
        return parseExport(topLevel);
    if (at(JsPunctuator::At)) {
        fail(m_token.start, u"decorators are not supported"_s, true);
        return -1;
    }
    if (atTypeScriptDeclaration())
        return parseTypeScriptDeclaration(false, -1);
    return parseStatement();
}

int JsParser::parseStatement()
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    if (m_token.kind == JsTokenKind::Punctuator) {
        if (at(JsPunctuator::LeftBrace))
            return parseBlock();
        if (at(JsPunctuator::Semicolon)) {
            next();
            return addNode(JsNodeKind::Empty, start, m_previousEnd);
        }
    } else if (m_token.kind == JsTokenKind::Identifier && !m_token.isEscaped()) {
        switch (m_token.keyword) {
        case JsKeyword::Var: {
            next();
            const int declaration = parseVariableDeclaration(JsNodeFlag::Var, start, false);
            if (declaration < 0 || !consumeSemicolon())
                return -1;
            nodeAt(declaration).end = m_previousEnd;
            return declaration;
        }
        case JsKeyword::If:
            return parseIf();
        case JsKeyword::For:
            return parseFor();
        case JsKeyword::While:
            return parseWhile();
        case JsKeyword::Do:
            return parseDoWhile();
        case JsKeyword::Try:
            return parseTry();
        case JsKeyword::Switch:
            return parseSwitch();
        case JsKeyword::Function: // sloppy-mode `if (x) function f() {}`
            return parseFunction(JsNodeKind::FunctionDeclaration, start, -1, true);
        case JsKeyword::Return: {
            next();
            Kids kids;
            if (!at(JsPunctuator::Semicolon) && !at(JsPunctuator::RightBrace) && !atEnd() && !m_token.newlineBefore) {
                const int argument = parseExpression();
                if (argument < 0)
                    return -1;
                kids.append(argument);
            }
            if (!consumeSemicolon())
                return -1;
            return addNode(JsNodeKind::Return, start, m_previousEnd, kids);
        }
        case JsKeyword::Break:
        case JsKeyword::Continue: {
            const JsNodeKind kind = at(JsKeyword::Break) ? JsNodeKind::Break : JsNodeKind::Continue;
            next();
            Kids kids;
            if (atIdentifierName() && !m_token.newlineBefore && !m_token.isKeyword()) {
                kids.append(addNode(JsNodeKind::Name, m_token.start, m_token.end));
                next();
            }
            if (!consumeSemicolon())
                return -1;
            return addNode(kind, start, m_previousEnd, kids);
        }
        case JsKeyword::Throw: {
            next();
            if (m_token.newlineBefore) {
                fail(m_token.start, u"a line break is not allowed after `throw`"_s);
                return -1;
            }
            const int argument = parseExpression();
            if (argument < 0 || !consumeSemicolon())
                return -1;
            return addNode(JsNodeKind::Throw, start, m_previousEnd, {argument});
        }
        case JsKeyword::Debugger:
            next();
            if (!consumeSemicolon())
                return -1;
            return addNode(JsNodeKind::Debugger, start, m_previousEnd);
        case JsKeyword::With: {
            next();
            if (!expect(JsPunctuator::LeftParen))
                return -1;
            const int object = parseExpression();
            if (object < 0 || !expect(JsPunctuator::RightParen))
                return -1;
            const int body = parseStatement();
            if (body < 0)
                return -1;
            return addNode(JsNodeKind::With, start, m_previousEnd, {object, body});
        }
        default:
            break;
        }
        // A label.
        if (atIdentifier() && peekToken().is(JsPunctuator::Colon)) {
            const int label = addNode(JsNodeKind::Name, m_token.start, m_token.end);
            next();
            next(); // ':'
            const int body = at(JsKeyword::Function)
                ? parseFunction(JsNodeKind::FunctionDeclaration, m_token.start, -1, true)
                : parseStatement();
            if (body < 0)
                return -1;
            return addNode(JsNodeKind::Labeled, start, m_previousEnd, {label, body});
        }
    }
    const int expression = parseExpression();
    if (expression < 0 || !consumeSemicolon())
        return -1;
    return addNode(JsNodeKind::ExpressionStatement, start, m_previousEnd, {expression});
}

int JsParser::parseBlock()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::LeftBrace))
        return -1;
    Kids kids;
    while (!at(JsPunctuator::RightBrace)) {
        if (atEnd() || failed())
            return failNode();
        const int statement = parseStatementListItem(false);
        if (statement < 0)
            return -1;
        kids.append(statement);
    }
    next();
    return addNode(JsNodeKind::Block, start, m_previousEnd, kids);
}

int JsParser::parseVariableDeclaration(JsNodeFlag kind, qsizetype start, bool inFor)
{
    Kids declarators;
    for (;;) {
        const qsizetype declaratorStart = m_token.start;
        const int target = parseBindingTarget();
        if (target < 0)
            return -1;
        if (m_ts && at(JsPunctuator::Exclamation)) { // definite assignment `let x!: T`
            stripTypeScript(m_token.start, m_token.end);
            next();
        }
        if (m_ts && at(JsPunctuator::Colon) && !parseTypeAnnotation())
            return -1;
        Kids kids {target};
        if (eat(JsPunctuator::Assign)) {
            ContextGuard context(*this);
            m_context.noIn = inFor;
            const int init = parseAssignment();
            if (init < 0)
                return -1;
            kids.append(init);
        } else if (!inFor
            && (nodeAt(target).kind == JsNodeKind::ObjectPattern || nodeAt(target).kind == JsNodeKind::ArrayPattern)) {
            // `const { a } ;` (a for-in/of head is the only place a pattern goes without one).
            fail(m_previousEnd, u"missing initializer in destructuring declaration"_s);
            return -1;
        }
        declarators.append(addNode(JsNodeKind::VariableDeclarator, declaratorStart, m_previousEnd, kids));
        if (!eat(JsPunctuator::Comma))
            break;
    }
    if (failed())
        return -1;
    return addNode(JsNodeKind::VariableDeclaration, start, m_previousEnd, declarators, quint32(kind));
}

int JsParser::parseFunction(JsNodeKind kind, qsizetype start, qsizetype asyncOffset, bool nameRequired)
{
    if (!expect(JsKeyword::Function))
        return -1;
    const bool isAsync = asyncOffset >= 0;
    const bool isGenerator = eat(JsPunctuator::Star);
    Kids kids;
    if (m_token.kind == JsTokenKind::Identifier && !m_token.isKeyword()) {
        kids.append(addNode(JsNodeKind::Identifier, m_token.start, m_token.end));
        next();
    } else if (nameRequired) {
        return failNode();
    }
    ContextGuard context(*this);
    m_context = Context();
    m_context.inFunction = true;
    m_context.inAsync = isAsync;
    m_context.inGenerator = isGenerator;
    if (m_ts && at(JsPunctuator::Less) && !parseTypeParameters())
        return -1;
    const int params = parseParams(false);
    if (params < 0)
        return -1;
    kids.append(params);
    if (m_ts && at(JsPunctuator::Colon) && !parseReturnType())
        return -1;
    if (!at(JsPunctuator::LeftBrace)) {
        if (m_ts && kind == JsNodeKind::FunctionDeclaration) { // an overload or `declare function`
            if (!consumeSemicolon())
                return -1;
            return typeOnlyStatement(start);
        }
        return failNode();
    }
    const int body = parseFunctionBody(isAsync, isGenerator, false);
    if (body < 0)
        return -1;
    kids.append(body);
    quint32 flags = 0;
    if (isAsync)
        flags |= quint32(JsNodeFlag::Async);
    if (isGenerator)
        flags |= quint32(JsNodeFlag::Generator);
    const int function = addNode(kind, start, m_previousEnd, kids, flags);
    nodeAt(function).aux = asyncOffset;
    return function;
}

int JsParser::parseFunctionBody(bool isAsync, bool isGenerator, bool isConstructor)
{
    ContextGuard context(*this);
    m_context.inFunction = true;
    m_context.inAsync = isAsync;
    m_context.inGenerator = isGenerator;
    m_context.noIn = false;
    m_context.noArrowReturnType = false;
    m_context.inClassBody = false;
    m_context.inConstructor = isConstructor;
    return parseBlock();
}

int JsParser::parseParams(bool isConstructor)
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    Kids kids;
    quint32 flags = 0;
    while (!at(JsPunctuator::RightParen)) {
        if (failed())
            return -1;
        const qsizetype elementStart = m_token.start;
        bool parameterProperty = false;
        if (m_ts) {
            while (
                m_token.kind == JsTokenKind::Identifier && isModifierKeyword(m_token.keyword) && !m_token.isEscaped()) {
                const JsToken after = peekToken();
                if (after.is(JsPunctuator::Comma) || after.is(JsPunctuator::RightParen) || after.is(JsPunctuator::Colon)
                    || after.is(JsPunctuator::Assign) || after.is(JsPunctuator::Question))
                    break;
                stripTypeScript(m_token.start, m_token.end);
                parameterProperty = true;
                next();
            }
            if (at(JsKeyword::This)) { // `this: T`, a TypeScript-only parameter
                next();
                if (at(JsPunctuator::Colon) && !parseTypeAnnotation())
                    return -1;
                if (at(JsPunctuator::Comma))
                    next();
                stripTypeScript(elementStart, at(JsPunctuator::RightParen) ? m_previousEnd : m_token.start);
                continue;
            }
        }
        if (parameterProperty && !isConstructor) {
            fail(elementStart, u"a parameter property is only allowed in a constructor"_s);
            return -1;
        }
        int element = -1;
        if (at(JsPunctuator::Ellipsis)) {
            next();
            const int target = parseBindingTarget();
            if (target < 0)
                return -1;
            if (m_ts && at(JsPunctuator::Question)) {
                stripTypeScript(m_token.start, m_token.end);
                next();
            }
            if (m_ts && at(JsPunctuator::Colon) && !parseTypeAnnotation())
                return -1;
            element = addNode(JsNodeKind::Rest, elementStart, m_previousEnd, {target});
        } else {
            const int target = parseBindingTarget();
            if (target < 0)
                return -1;
            if (m_ts && at(JsPunctuator::Question)) {
                stripTypeScript(m_token.start, m_token.end);
                next();
            }
            if (m_ts && at(JsPunctuator::Colon) && !parseTypeAnnotation())
                return -1;
            element = target;
            if (eat(JsPunctuator::Assign)) {
                const int init = parseAssignment();
                if (init < 0)
                    return -1;
                element = addNode(JsNodeKind::AssignPattern, nodeAt(target).start, m_previousEnd, {target, init});
            }
        }
        if (parameterProperty)
            nodeAt(element).set(JsNodeFlag::ParameterProperty);
        kids.append(element);
        if (!eat(JsPunctuator::Comma))
            break;
        if (at(JsPunctuator::RightParen))
            flags |= quint32(JsNodeFlag::HasTrailingComma);
    }
    if (!expect(JsPunctuator::RightParen))
        return -1;
    return addNode(JsNodeKind::Params, start, m_previousEnd, kids, flags);
}

int JsParser::parseIf()
{
    const qsizetype start = m_token.start;
    next();
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    const int test = parseExpression();
    if (test < 0 || !expect(JsPunctuator::RightParen))
        return -1;
    const int consequent = parseStatement();
    if (consequent < 0)
        return -1;
    Kids kids {test, consequent};
    if (eat(JsKeyword::Else)) {
        const int alternate = parseStatement();
        if (alternate < 0)
            return -1;
        kids.append(alternate);
    }
    return addNode(JsNodeKind::If, start, m_previousEnd, kids);
}

int JsParser::parseFor()
{
    const qsizetype start = m_token.start;
    next();
    const bool isAwait = at(JsKeyword::Await) && !m_token.isEscaped();
    if (isAwait)
        next();
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    int init = -1;
    bool declaration = false;
    {
        ContextGuard context(*this);
        m_context.noIn = true;
        const qsizetype initStart = m_token.start;
        const bool isLet = at(JsKeyword::Let) && !m_token.isEscaped() && [this] {
            const JsToken after = peekToken();
            return after.is(JsPunctuator::LeftBracket) || after.is(JsPunctuator::LeftBrace)
                || (after.kind == JsTokenKind::Identifier && !after.isKeyword() && !after.is(JsKeyword::Of));
        }();
        if (at(JsKeyword::Var) || at(JsKeyword::Const) || isLet) {
            const JsNodeFlag kind = at(JsKeyword::Var) ? JsNodeFlag::Var
                : at(JsKeyword::Const)                 ? JsNodeFlag::Const
                                                       : JsNodeFlag::Let;
            next();
            init = parseVariableDeclaration(kind, initStart, true);
            declaration = true;
        } else if (!at(JsPunctuator::Semicolon)) {
            init = parseExpression();
        }
        if (failed())
            return -1;
    }
    if (init >= 0 && (at(JsKeyword::Of) || at(JsKeyword::In)) && !m_token.isEscaped()) {
        const bool isOf = at(JsKeyword::Of);
        if (declaration) {
            if (m_ast.childCount(init) != 1) {
                fail(nodeAt(init).start,
                    u"only one variable may be declared in the head of a for-%1 loop"_s.arg(isOf ? u"of"_s : u"in"_s));
                return -1;
            }
        } else if (!toPattern(init, false)) {
            return -1;
        }
        next();
        const int right = isOf ? parseAssignment() : parseExpression();
        if (right < 0 || !expect(JsPunctuator::RightParen))
            return -1;
        const int body = parseStatement();
        if (body < 0)
            return -1;
        const int loop
            = addNode(isOf ? JsNodeKind::ForOf : JsNodeKind::ForIn, start, m_previousEnd, {init, right, body});
        if (isAwait)
            nodeAt(loop).set(JsNodeFlag::ForAwait);
        return loop;
    }
    if (isAwait)
        return failNode();
    if (init < 0)
        init = addNode(JsNodeKind::Omitted, m_token.start, m_token.start);
    else if (m_coverInitializer >= 0) {
        fail(m_coverInitializer, u"invalid shorthand property initializer"_s);
        return -1;
    }
    if (!expect(JsPunctuator::Semicolon))
        return -1;
    int test = -1;
    if (at(JsPunctuator::Semicolon))
        test = addNode(JsNodeKind::Omitted, m_token.start, m_token.start);
    else
        test = parseExpression();
    if (test < 0 || !expect(JsPunctuator::Semicolon))
        return -1;
    int update = -1;
    if (at(JsPunctuator::RightParen))
        update = addNode(JsNodeKind::Omitted, m_token.start, m_token.start);
    else
        update = parseExpression();
    if (update < 0 || !expect(JsPunctuator::RightParen))
        return -1;
    const int body = parseStatement();
    if (body < 0)
        return -1;
    return addNode(JsNodeKind::For, start, m_previousEnd, {init, test, update, body});
}

int JsParser::parseWhile()
{
    const qsizetype start = m_token.start;
    next();
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    const int test = parseExpression();
    if (test < 0 || !expect(JsPunctuator::RightParen))
        return -1;
    const int body = parseStatement();
    if (body < 0)
        return -1;
    return addNode(JsNodeKind::While, start, m_previousEnd, {test, body});
}

int JsParser::parseDoWhile()
{
    const qsizetype start = m_token.start;
    next();
    const int body = parseStatement();
    if (body < 0 || !expect(JsKeyword::While) || !expect(JsPunctuator::LeftParen))
        return -1;
    const int test = parseExpression();
    if (test < 0 || !expect(JsPunctuator::RightParen))
        return -1;
    eat(JsPunctuator::Semicolon); // always optional after do-while
    return addNode(JsNodeKind::DoWhile, start, m_previousEnd, {body, test});
}

int JsParser::parseTry()
{
    const qsizetype start = m_token.start;
    next();
    const int block = parseBlock();
    if (block < 0)
        return -1;
    Kids kids {block};
    if (at(JsKeyword::Catch)) {
        const qsizetype catchStart = m_token.start;
        next();
        Kids catchKids;
        if (eat(JsPunctuator::LeftParen)) {
            const int param = parseBindingTarget();
            if (param < 0)
                return -1;
            if (m_ts && at(JsPunctuator::Colon) && !parseTypeAnnotation())
                return -1;
            if (!expect(JsPunctuator::RightParen))
                return -1;
            catchKids.append(param);
        }
        const int body = parseBlock();
        if (body < 0)
            return -1;
        catchKids.append(body);
        kids.append(addNode(JsNodeKind::Catch, catchStart, m_previousEnd, catchKids));
    }
    if (at(JsKeyword::Finally)) {
        const qsizetype finallyStart = m_token.start;
        next();
        const int body = parseBlock();
        if (body < 0)
            return -1;
        kids.append(addNode(JsNodeKind::Finally, finallyStart, m_previousEnd, {body}));
    }
    if (kids.size() == 1)
        return failNode();
    return addNode(JsNodeKind::Try, start, m_previousEnd, kids);
}

int JsParser::parseSwitch()
{
    const qsizetype start = m_token.start;
    next();
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    const int discriminant = parseExpression();
    if (discriminant < 0 || !expect(JsPunctuator::RightParen) || !expect(JsPunctuator::LeftBrace))
        return -1;
    Kids kids {discriminant};
    bool seenDefault = false;
    while (!at(JsPunctuator::RightBrace)) {
        if (failed())
            return -1;
        const qsizetype caseStart = m_token.start;
        Kids caseKids;
        quint32 flags = 0;
        if (eat(JsKeyword::Case)) {
            const int test = parseExpression();
            if (test < 0)
                return -1;
            caseKids.append(test);
        } else if (at(JsKeyword::Default)) {
            if (seenDefault) {
                fail(m_token.start, u"more than one default clause in a switch statement"_s);
                return -1;
            }
            seenDefault = true;
            next();
            flags = quint32(JsNodeFlag::Default);
        } else {
            return failNode();
        }
        if (!expect(JsPunctuator::Colon))
            return -1;
        while (!at(JsPunctuator::RightBrace) && !at(JsKeyword::Case) && !at(JsKeyword::Default)) {
            if (atEnd() || failed())
                return failNode();
            const int statement = parseStatementListItem(false);
            if (statement < 0)
                return -1;
            caseKids.append(statement);
        }
        kids.append(addNode(JsNodeKind::SwitchCase, caseStart, m_previousEnd, caseKids, flags));
    }
    next();
    return addNode(JsNodeKind::Switch, start, m_previousEnd, kids);
}

// --- Modules -------------------------------------------------------------------------------------

int JsParser::parseImport(bool topLevel)
{
    const qsizetype start = m_token.start;
    if (!topLevel) {
        fail(start, u"an import declaration may only appear at the top level of a module"_s);
        return -1;
    }
    if (m_ast.m_firstModuleSyntax < 0)
        m_ast.m_firstModuleSyntax = start;
    next();
    bool typeOnly = false;
    if (m_ts && at(JsKeyword::Type) && !m_token.isEscaped()) {
        const Snapshot mark = snapshot();
        next();
        if (at(JsPunctuator::LeftBrace) || at(JsPunctuator::Star)) {
            typeOnly = true;
        } else if (atIdentifierName() && !at(JsKeyword::From)) {
            typeOnly = true;
        } else if (at(JsKeyword::From)) {
            // `import type from 'm'` imports a default named `type`; `import type from from 'm'` is type-only.
            typeOnly = peekToken().is(JsKeyword::From);
        }
        if (!typeOnly)
            rewind(mark);
    }
    Kids kids;
    if (m_token.kind == JsTokenKind::StringLiteral) { // import 'side-effect'
        kids.append(addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end));
        next();
    } else {
        bool needBraces = true;
        if (atIdentifier()) {
            const qsizetype localStart = m_token.start;
            const int local = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
            next();
            if (m_ts && at(JsPunctuator::Assign)) { // import x = require('m')
                next();
                if (!(m_token.kind == JsTokenKind::Identifier && tokenText(m_token) == u"require"
                        && peekToken().is(JsPunctuator::LeftParen))) {
                    fail(m_token.start, u"TypeScript import aliases (`import x = A.B`) are not supported"_s, true);
                    return -1;
                }
                next();
                next();
                if (m_token.kind != JsTokenKind::StringLiteral)
                    return failNode();
                const int source = addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end);
                next();
                if (!expect(JsPunctuator::RightParen) || !consumeSemicolon())
                    return -1;
                if (typeOnly)
                    return typeOnlyStatement(start);
                return addNode(JsNodeKind::ImportEquals, start, m_previousEnd, {local, source});
            }
            kids.append(
                addNode(JsNodeKind::ImportSpecifier, localStart, m_previousEnd, {local}, quint32(JsNodeFlag::Default)));
            needBraces = eat(JsPunctuator::Comma);
        }
        if (needBraces) {
            if (at(JsPunctuator::Star)) {
                const qsizetype specifierStart = m_token.start;
                next();
                if (!expect(JsKeyword::As))
                    return -1;
                if (!atIdentifier())
                    return failNode();
                const int local = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
                next();
                kids.append(addNode(JsNodeKind::ImportSpecifier, specifierStart, m_previousEnd, {local},
                    quint32(JsNodeFlag::Namespace)));
            } else if (eat(JsPunctuator::LeftBrace)) {
                while (!at(JsPunctuator::RightBrace)) {
                    if (failed())
                        return -1;
                    const qsizetype specifierStart = m_token.start;
                    quint32 flags = 0;
                    const int imported = parseSpecifierName(flags);
                    if (imported < 0)
                        return -1;
                    const JsToken importedToken = m_token;
                    next();
                    int local = -1;
                    if (eat(JsKeyword::As)) {
                        if (!atIdentifier())
                            return failNode();
                        local = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
                        next();
                    } else {
                        if (!tokenIsIdentifier(importedToken)) {
                            fail(importedToken.start,
                                u"unexpected token `%1`"_s.arg(tokenText(importedToken).toString()));
                            return -1;
                        }
                        local = addNode(JsNodeKind::Identifier, importedToken.start, importedToken.end);
                    }
                    kids.append(
                        addNode(JsNodeKind::ImportSpecifier, specifierStart, m_previousEnd, {imported, local}, flags));
                    if (!eat(JsPunctuator::Comma))
                        break;
                }
                if (!expect(JsPunctuator::RightBrace))
                    return -1;
            } else {
                return failNode();
            }
        }
        if (!expect(JsKeyword::From))
            return -1;
        if (m_token.kind != JsTokenKind::StringLiteral)
            return failNode();
        kids.append(addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end));
        next();
    }
    if ((at(JsKeyword::With) || (tokenText(m_token) == u"assert" && !m_token.newlineBefore))
        && peekToken().is(JsPunctuator::LeftBrace)) {
        fail(m_token.start, u"import attributes are not supported"_s, true);
        return -1;
    }
    if (!consumeSemicolon())
        return -1;
    if (typeOnly)
        return typeOnlyStatement(start);
    return addNode(JsNodeKind::Import, start, m_previousEnd, kids);
}

int JsParser::parseExport(bool topLevel)
{
    const qsizetype start = m_token.start;
    if (!topLevel) {
        fail(start, u"an export declaration may only appear at the top level of a module"_s);
        return -1;
    }
    if (m_ast.m_firstModuleSyntax < 0)
        m_ast.m_firstModuleSyntax = start;
    next();
    if (at(JsPunctuator::Star)) {
        next();
        Kids kids;
        if (eat(JsKeyword::As)) {
            if (m_token.kind == JsTokenKind::StringLiteral)
                kids.append(addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end));
            else if (atIdentifierName())
                kids.append(addNode(JsNodeKind::Name, m_token.start, m_token.end));
            else
                return failNode();
            next();
        }
        if (!expect(JsKeyword::From))
            return -1;
        if (m_token.kind != JsTokenKind::StringLiteral)
            return failNode();
        kids.append(addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end));
        next();
        if (!consumeSemicolon())
            return -1;
        return addNode(JsNodeKind::ExportAll, start, m_previousEnd, kids);
    }
    if (at(JsKeyword::Default)) {
        next();
        const qsizetype declarationStart = m_token.start;
        int declaration = -1;
        bool isExpression = false;
        if (at(JsKeyword::Function)) {
            declaration = parseFunction(JsNodeKind::FunctionDeclaration, declarationStart, -1, false);
        } else if (at(JsKeyword::Async) && !m_token.isEscaped() && peekToken().is(JsKeyword::Function)
            && !peekToken().newlineBefore) {
            next();
            declaration = parseFunction(JsNodeKind::FunctionDeclaration, declarationStart, declarationStart, false);
        } else if (at(JsKeyword::Class)) {
            declaration = parseClass(JsNodeKind::ClassDeclaration, declarationStart, false, false);
        } else if (m_ts && at(JsKeyword::Abstract) && peekToken().is(JsKeyword::Class)) {
            stripTypeScript(m_token.start, m_token.end);
            next();
            declaration = parseClass(JsNodeKind::ClassDeclaration, declarationStart, false, true);
        } else if (m_ts && at(JsKeyword::Interface) && peekToken().kind == JsTokenKind::Identifier) {
            declaration = parseTypeScriptDeclaration(true, start);
            if (declaration < 0)
                return -1;
            return typeOnlyStatement(start);
        } else {
            declaration = parseAssignment();
            isExpression = true;
        }
        if (declaration < 0)
            return -1;
        if (nodeAt(declaration).kind == JsNodeKind::TypeOnly)
            return typeOnlyStatement(start);
        if (isExpression && !consumeSemicolon())
            return -1;
        return addNode(JsNodeKind::ExportDefault, start, m_previousEnd, {declaration});
    }
    if (at(JsPunctuator::LeftBrace) || (m_ts && at(JsKeyword::Type) && peekToken().is(JsPunctuator::LeftBrace))) {
        const bool typeOnly = !at(JsPunctuator::LeftBrace);
        if (typeOnly)
            next();
        next();
        Kids kids;
        while (!at(JsPunctuator::RightBrace)) {
            if (failed())
                return -1;
            const qsizetype specifierStart = m_token.start;
            quint32 flags = 0;
            const int local = parseSpecifierName(flags);
            if (local < 0)
                return -1;
            next();
            int exported = local;
            if (eat(JsKeyword::As)) {
                if (m_token.kind == JsTokenKind::StringLiteral)
                    exported = addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end);
                else if (atIdentifierName())
                    exported = addNode(JsNodeKind::Name, m_token.start, m_token.end);
                else
                    return failNode();
                next();
            }
            kids.append(addNode(JsNodeKind::ExportSpecifier, specifierStart, m_previousEnd, {local, exported}, flags));
            if (!eat(JsPunctuator::Comma))
                break;
        }
        if (!expect(JsPunctuator::RightBrace))
            return -1;
        if (eat(JsKeyword::From)) {
            if (m_token.kind != JsTokenKind::StringLiteral)
                return failNode();
            kids.append(addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end));
            next();
        }
        if (!consumeSemicolon())
            return -1;
        if (typeOnly)
            return typeOnlyStatement(start);
        return addNode(JsNodeKind::ExportNamed, start, m_previousEnd, kids);
    }
    if (m_ts && at(JsPunctuator::Assign)) { // export = value
        next();
        const int value = parseAssignment();
        if (value < 0 || !consumeSemicolon())
            return -1;
        return addNode(JsNodeKind::ExportAssignment, start, m_previousEnd, {value});
    }
    if (m_ts && at(JsKeyword::As) && peekToken().is(JsKeyword::Namespace)) { // export as namespace X;
        next();
        next();
        if (!atIdentifierName())
            return failNode();
        next();
        if (!consumeSemicolon())
            return -1;
        return typeOnlyStatement(start);
    }
    if (m_ts && at(JsKeyword::Import)) {
        fail(m_token.start, u"TypeScript import aliases (`export import x = A.B`) are not supported"_s, true);
        return -1;
    }
    const bool declarationFollows = at(JsKeyword::Var) || at(JsKeyword::Let) || at(JsKeyword::Const)
        || at(JsKeyword::Function) || at(JsKeyword::Class) || at(JsKeyword::Async) || at(JsPunctuator::At)
        || atTypeScriptDeclaration();
    if (!declarationFollows)
        return failNode();
    int declaration = -1;
    if (atTypeScriptDeclaration())
        declaration = parseTypeScriptDeclaration(true, start);
    else if (at(JsKeyword::Var)) {
        const qsizetype declarationStart = m_token.start;
        next();
        declaration = parseVariableDeclaration(JsNodeFlag::Var, declarationStart, false);
        if (declaration < 0 || !consumeSemicolon())
            return -1;
        nodeAt(declaration).end = m_previousEnd;
    } else {
        declaration = parseStatementListItem(false);
    }
    if (declaration < 0)
        return -1;
    switch (nodeAt(declaration).kind) {
    case JsNodeKind::TypeOnly:
        return typeOnlyStatement(start);
    case JsNodeKind::VariableDeclaration:
    case JsNodeKind::FunctionDeclaration:
    case JsNodeKind::ClassDeclaration:
    case JsNodeKind::Enum:
        break;
    default:
        fail(nodeAt(declaration).start, u"unexpected token after `export`"_s);
        return -1;
    }
    return addNode(JsNodeKind::ExportDeclaration, start, m_previousEnd, {declaration});
}

// --- TypeScript declarations ---------------------------------------------------------------------

int JsParser::parseTypeScriptDeclaration(bool exported, qsizetype exportStart)
{
    const qsizetype start = exported ? exportStart : m_token.start;
    const qsizetype declarationStart = m_token.start;
    switch (m_token.keyword) {
    case JsKeyword::Interface: {
        next();
        next(); // the name
        if (at(JsPunctuator::Less) && !parseTypeParameters())
            return -1;
        if (eat(JsKeyword::Extends)) {
            do {
                if (!parseType())
                    return -1;
            } while (eat(JsPunctuator::Comma));
        }
        if (!at(JsPunctuator::LeftBrace))
            return failNode();
        if (!parseTypeMembers())
            return -1;
        return typeOnlyStatement(start);
    }
    case JsKeyword::Type: {
        next();
        next(); // the name
        if (at(JsPunctuator::Less) && !parseTypeParameters())
            return -1;
        if (!expect(JsPunctuator::Assign) || !parseType() || !consumeSemicolon())
            return -1;
        return typeOnlyStatement(start);
    }
    case JsKeyword::Enum:
        return parseEnum(declarationStart, false);
    case JsKeyword::Abstract: {
        stripTypeScript(m_token.start, m_token.end);
        next();
        return parseClass(JsNodeKind::ClassDeclaration, declarationStart, true, true);
    }
    case JsKeyword::Declare: {
        next();
        if (at(JsKeyword::Module) || at(JsKeyword::Namespace) || at(JsKeyword::Global)) {
            next();
            while (m_token.kind == JsTokenKind::Identifier || m_token.kind == JsTokenKind::StringLiteral
                || at(JsPunctuator::Dot))
                next();
            if (at(JsPunctuator::LeftBrace)) {
                int depth = 0;
                do {
                    if (atEnd() || failed())
                        return failNode();
                    if (at(JsPunctuator::LeftBrace))
                        ++depth;
                    else if (at(JsPunctuator::RightBrace))
                        --depth;
                    next();
                } while (depth > 0);
            } else if (!consumeSemicolon()) {
                return -1;
            }
            return typeOnlyStatement(start);
        }
        const int declaration
            = atTypeScriptDeclaration() ? parseTypeScriptDeclaration(false, -1) : parseStatementListItem(false);
        if (declaration < 0)
            return -1;
        return typeOnlyStatement(start);
    }
    case JsKeyword::Namespace:
    case JsKeyword::Module:
    case JsKeyword::Global:
        fail(m_token.start, u"TypeScript namespaces are not supported; use plain objects or module exports"_s, true);
        return -1;
    default:
        return failNode();
    }
}

int JsParser::parseEnum(qsizetype start, bool isConst)
{
    if (!expect(JsKeyword::Enum))
        return -1;
    if (!atIdentifier())
        return failNode();
    Kids kids {addNode(JsNodeKind::Identifier, m_token.start, m_token.end)};
    next();
    if (!expect(JsPunctuator::LeftBrace))
        return -1;
    while (!at(JsPunctuator::RightBrace)) {
        if (failed())
            return -1;
        const qsizetype memberStart = m_token.start;
        int key = -1;
        if (m_token.kind == JsTokenKind::StringLiteral)
            key = addNode(JsNodeKind::StringLiteral, m_token.start, m_token.end);
        else if (atIdentifierName())
            key = addNode(JsNodeKind::Name, m_token.start, m_token.end);
        else
            return failNode();
        next();
        Kids memberKids {key};
        if (eat(JsPunctuator::Assign)) {
            const int init = parseAssignment();
            if (init < 0)
                return -1;
            memberKids.append(init);
        }
        kids.append(addNode(JsNodeKind::EnumMember, memberStart, m_previousEnd, memberKids));
        if (!eat(JsPunctuator::Comma))
            break;
    }
    if (!expect(JsPunctuator::RightBrace))
        return -1;
    return addNode(JsNodeKind::Enum, start, m_previousEnd, kids, isConst ? quint32(JsNodeFlag::Const) : 0);
}

// --- Classes -------------------------------------------------------------------------------------

int JsParser::parseClass(JsNodeKind kind, qsizetype start, bool nameRequired, bool isAbstract)
{
    if (!expect(JsKeyword::Class))
        return -1;
    Kids kids;
    if (atIdentifier() && !(m_ts && at(JsKeyword::Implements))) {
        kids.append(addNode(JsNodeKind::Identifier, m_token.start, m_token.end));
        next();
    } else if (nameRequired) {
        return failNode();
    }
    if (m_ts && at(JsPunctuator::Less) && !parseTypeParameters())
        return -1;
    if (at(JsKeyword::Extends)) {
        const qsizetype heritageStart = m_token.start;
        next();
        const int base = parseLeftHandSide(false);
        if (base < 0)
            return -1;
        if (m_ts && at(JsPunctuator::Less)) {
            const qsizetype argumentsStart = m_token.start;
            if (!parseTypeArguments())
                return -1;
            stripTypeScript(argumentsStart, m_previousEnd);
        }
        kids.append(addNode(JsNodeKind::Heritage, heritageStart, m_previousEnd, {base}));
    }
    if (m_ts && at(JsKeyword::Implements)) {
        const qsizetype implementsStart = m_token.start;
        next();
        do {
            if (!parseType())
                return -1;
        } while (eat(JsPunctuator::Comma));
        stripTypeScript(implementsStart, m_previousEnd);
    }
    const qsizetype bodyStart = m_token.start;
    if (!expect(JsPunctuator::LeftBrace))
        return -1;
    Kids members;
    {
        ContextGuard context(*this);
        m_context.inClassBody = true;
        m_context.noIn = false;
        m_context.noArrowReturnType = false;
        while (!at(JsPunctuator::RightBrace)) {
            if (atEnd() || failed())
                return failNode();
            const int member = parseClassMember();
            if (member == -1)
                return -1;
            if (member >= 0)
                members.append(member);
        }
    }
    next();
    kids.append(addNode(JsNodeKind::ClassBody, bodyStart, m_previousEnd, members));
    return addNode(kind, start, m_previousEnd, kids, isAbstract ? quint32(JsNodeFlag::Abstract) : 0);
}

// A class member node, -2 for nothing (`;` or TypeScript-only), -1 on an error.
int JsParser::parseClassMember()
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    if (eat(JsPunctuator::Semicolon))
        return -2;
    if (at(JsPunctuator::At)) {
        fail(m_token.start, u"decorators are not supported"_s, true);
        return -1;
    }
    // Whether the token after a modifier word makes it a modifier (`static x`) rather than the
    // member's name (`static() {}`, `get = 1`).
    const auto modifierApplies = [this](bool sameLineOnly) {
        const JsToken after = peekToken();
        if (sameLineOnly && after.newlineBefore)
            return false;
        if (after.kind == JsTokenKind::Identifier || after.kind == JsTokenKind::StringLiteral
            || after.kind == JsTokenKind::NumericLiteral || after.kind == JsTokenKind::BigIntLiteral
            || after.kind == JsTokenKind::PrivateName)
            return true;
        return after.is(JsPunctuator::LeftBracket) || after.is(JsPunctuator::Star) || after.is(JsPunctuator::LeftBrace);
    };
    quint32 flags = 0;
    qsizetype staticOffset = -1;
    qsizetype asyncOffset = -1;
    bool typeOnlyMember = false;
    for (;;) {
        if (m_token.kind != JsTokenKind::Identifier || m_token.isEscaped())
            break;
        const JsKeyword keyword = m_token.keyword;
        if (m_ts && isModifierKeyword(keyword) && modifierApplies(false) && !peekToken().is(JsPunctuator::LeftBrace)) {
            if (keyword == JsKeyword::Declare || keyword == JsKeyword::Abstract)
                typeOnlyMember = true;
            if (keyword == JsKeyword::Declare)
                flags |= quint32(JsNodeFlag::Declare);
            stripTypeScript(m_token.start, m_token.end);
            next();
            continue;
        }
        if (keyword == JsKeyword::Static && staticOffset < 0 && modifierApplies(false)) {
            if (peekToken().is(JsPunctuator::LeftBrace)) { // static { ... }
                next();
                ContextGuard context(*this);
                m_context = Context();
                m_context.inFunction = true;
                const int block = parseBlock();
                if (block < 0)
                    return -1;
                return addNode(JsNodeKind::StaticBlock, start, m_previousEnd, {block});
            }
            staticOffset = m_token.start;
            flags |= quint32(JsNodeFlag::Static);
            next();
            continue;
        }
        if (keyword == JsKeyword::Accessor && modifierApplies(true)) {
            fail(m_token.start, u"auto-accessors (`accessor x`) are not supported"_s, true);
            return -1;
        }
        break;
    }
    if (at(JsKeyword::Async) && !m_token.isEscaped() && modifierApplies(true)) {
        asyncOffset = m_token.start;
        flags |= quint32(JsNodeFlag::Async);
        next();
    }
    if (eat(JsPunctuator::Star))
        flags |= quint32(JsNodeFlag::Generator);
    if ((at(JsKeyword::Get) || at(JsKeyword::Set)) && !m_token.isEscaped() && !(flags & quint32(JsNodeFlag::Async))
        && !(flags & quint32(JsNodeFlag::Generator)) && modifierApplies(false)) {
        flags |= quint32(at(JsKeyword::Get) ? JsNodeFlag::Getter : JsNodeFlag::Setter);
        next();
    }
    // TypeScript index signature `[key: string]: T;`
    if (m_ts && at(JsPunctuator::LeftBracket)) {
        const Snapshot mark = snapshot();
        next();
        if (atIdentifierName() && peekToken().is(JsPunctuator::Colon)) {
            next();
            if (!parseTypeAnnotation() || !expect(JsPunctuator::RightBracket))
                return -1;
            if (at(JsPunctuator::Colon) && !parseTypeAnnotation())
                return -1;
            if (!consumeSemicolon())
                return -1;
            stripTypeScript(start, m_previousEnd);
            return -2;
        }
        rewind(mark);
    }
    bool computed = false;
    const int key = parsePropertyKey(&computed);
    if (key < 0)
        return -1;
    if (computed)
        flags |= quint32(JsNodeFlag::Computed);
    if (m_ts && (at(JsPunctuator::Question) || at(JsPunctuator::Exclamation))) {
        stripTypeScript(m_token.start, m_token.end);
        next();
    }
    const QStringView keyText = m_ast.text(key);
    const bool namedConstructor = !computed && !(flags & quint32(JsNodeFlag::Static))
        && ((nodeAt(key).kind == JsNodeKind::Name && keyText == u"constructor")
            || (nodeAt(key).kind == JsNodeKind::StringLiteral && keyText.mid(1, keyText.size() - 2) == u"constructor"));
    if (at(JsPunctuator::LeftParen) || at(JsPunctuator::Less)) {
        if (namedConstructor)
            flags |= quint32(JsNodeFlag::Constructor);
        const int method = parseMethod(start, flags, key, asyncOffset, true);
        if (method >= 0 && typeOnlyMember) {
            stripTypeScript(start, m_previousEnd);
            return -2;
        }
        return method;
    }
    if (flags & quint32(JsNodeFlag::Async) || flags & quint32(JsNodeFlag::Generator)
        || flags & quint32(JsNodeFlag::Getter) || flags & quint32(JsNodeFlag::Setter))
        return failNode();
    // A field.
    if (m_ts && at(JsPunctuator::Colon) && !parseTypeAnnotation())
        return -1;
    Kids kids {key};
    if (eat(JsPunctuator::Assign)) {
        ContextGuard context(*this);
        m_context = Context();
        m_context.inFunction = true;
        const int value = parseAssignment();
        if (value < 0)
            return -1;
        kids.append(value);
    }
    if (!consumeSemicolon())
        return -1;
    if (typeOnlyMember) {
        stripTypeScript(start, m_previousEnd);
        return -2;
    }
    const int field = addNode(JsNodeKind::Field, start, m_previousEnd, kids, flags);
    nodeAt(field).aux = staticOffset;
    return field;
}

int JsParser::parseMethod(qsizetype start, quint32 flags, int key, qsizetype asyncOffset, bool inClass)
{
    const bool isAsync = flags & quint32(JsNodeFlag::Async);
    const bool isGenerator = flags & quint32(JsNodeFlag::Generator);
    const bool isConstructor = flags & quint32(JsNodeFlag::Constructor);
    ContextGuard context(*this);
    m_context = Context();
    m_context.inFunction = true;
    m_context.inAsync = isAsync;
    m_context.inGenerator = isGenerator;
    if (m_ts && at(JsPunctuator::Less) && !parseTypeParameters())
        return -1;
    const int params = parseParams(isConstructor);
    if (params < 0)
        return -1;
    if (m_ts && at(JsPunctuator::Colon) && !parseReturnType())
        return -1;
    if (!at(JsPunctuator::LeftBrace)) {
        if (m_ts && inClass) { // an overload, an abstract method or a declared signature
            if (!consumeSemicolon())
                return -1;
            stripTypeScript(start, m_previousEnd);
            return -2;
        }
        return failNode();
    }
    const int body = parseFunctionBody(isAsync, isGenerator, isConstructor);
    if (body < 0)
        return -1;
    const int method = addNode(JsNodeKind::Method, start, m_previousEnd, {key, params, body}, flags);
    nodeAt(method).aux = asyncOffset;
    return method;
}

// --- Expressions ---------------------------------------------------------------------------------

int JsParser::parseExpression()
{
    const qsizetype start = m_token.start;
    const int first = parseAssignment();
    if (first < 0 || !at(JsPunctuator::Comma))
        return first;
    Kids kids {first};
    while (eat(JsPunctuator::Comma)) {
        const int item = parseAssignment();
        if (item < 0)
            return -1;
        kids.append(item);
    }
    return addNode(JsNodeKind::Sequence, start, m_previousEnd, kids);
}

bool JsParser::atArrowAfterAsync()
{
    // `async x =>` with the current token `async`: needs two tokens of lookahead.
    const Snapshot mark = snapshot();
    next();
    bool arrow = false;
    if (!m_token.newlineBefore && atIdentifier()) {
        const JsToken after = peekToken();
        arrow = after.is(JsPunctuator::Arrow) && !after.newlineBefore;
    }
    rewind(mark);
    return arrow;
}

int JsParser::parseAssignment(bool mayBePattern)
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    if (m_token.kind == JsTokenKind::Identifier) {
        if (atIdentifier()) {
            const JsToken after = peekToken();
            if (after.is(JsPunctuator::Arrow) && !after.newlineBefore) { // x => ...
                const int param = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
                next();
                const int params = addNode(JsNodeKind::Params, start, m_previousEnd, {param});
                return parseArrowRest(start, params, -1);
            }
            if (at(JsKeyword::Async) && !m_token.isEscaped() && after.kind == JsTokenKind::Identifier
                && !after.newlineBefore && atArrowAfterAsync()) { // async x => ...
                next();
                const int param = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
                const qsizetype paramStart = m_token.start;
                next();
                const int params = addNode(JsNodeKind::Params, paramStart, m_previousEnd, {param});
                return parseArrowRest(start, params, start);
            }
        }
        if (at(JsKeyword::Yield) && m_context.inGenerator && !m_token.isEscaped())
            return parseYield();
    }
    const qsizetype outerCover = m_coverInitializer;
    m_coverInitializer = -1;
    int left = parseConditional(mayBePattern);
    if (left < 0)
        return -1;
    rescanOperator();
    if (m_token.kind == JsTokenKind::Punctuator && isAssignmentOperator(m_token.punctuator)) {
        const JsPunctuator op = m_token.punctuator;
        const JsNodeKind leftKind = nodeAt(left).kind;
        if (op == JsPunctuator::Assign && (leftKind == JsNodeKind::Object || leftKind == JsNodeKind::Array)) {
            if (!toPattern(left, false))
                return -1;
            m_coverInitializer = -1;
        } else if (!isSimpleTarget(left)) {
            fail(nodeAt(left).start, u"invalid assignment target"_s);
            return -1;
        }
        next();
        const int right = parseAssignment();
        if (right < 0)
            return -1;
        left = addNode(JsNodeKind::Assign, start, m_previousEnd, {left, right});
        nodeAt(left).op = op;
    }
    const qsizetype inner = m_coverInitializer;
    if (inner >= 0 && !mayBePattern) {
        fail(inner, u"invalid shorthand property initializer"_s);
        return -1;
    }
    m_coverInitializer = outerCover >= 0 ? outerCover : inner;
    return left;
}

int JsParser::parseYield()
{
    const qsizetype start = m_token.start;
    next();
    Kids kids;
    quint32 flags = 0;
    if (!m_token.newlineBefore) {
        if (eat(JsPunctuator::Star)) {
            flags |= quint32(JsNodeFlag::Generator);
            const int argument = parseAssignment();
            if (argument < 0)
                return -1;
            kids.append(argument);
        } else {
            rescanOperand();
            if (canStartExpression(m_token) && !at(JsPunctuator::Less)) {
                const int argument = parseAssignment();
                if (argument < 0)
                    return -1;
                kids.append(argument);
            }
        }
    }
    return addNode(JsNodeKind::Yield, start, m_previousEnd, kids, flags);
}

int JsParser::parseConditional(bool mayBePattern)
{
    const qsizetype start = m_token.start;
    const int test = parseBinary(1, mayBePattern);
    if (test < 0)
        return -1;
    if (!at(JsPunctuator::Question))
        return test;
    next();
    int consequent = -1;
    {
        ContextGuard context(*this);
        m_context.noIn = false;
        m_context.noArrowReturnType = true;
        consequent = parseAssignment();
    }
    if (consequent < 0 || !expect(JsPunctuator::Colon))
        return -1;
    const int alternate = parseAssignment();
    if (alternate < 0)
        return -1;
    return addNode(JsNodeKind::Conditional, start, m_previousEnd, {test, consequent, alternate});
}

int JsParser::parseBinary(int minPrecedence, bool mayBePattern)
{
    const qsizetype start = m_token.start;
    int left = parseUnary(mayBePattern);
    if (left < 0)
        return -1;
    if (nodeAt(left).kind == JsNodeKind::Arrow) // `() => {}\n/re/.test(s)`: no operator can follow
        return left;
    for (;;) {
        rescanOperator();
        if (failed())
            return -1;
        int precedence = 0;
        JsKeyword keyword = JsKeyword::None;
        if (m_token.kind == JsTokenKind::Punctuator) {
            precedence = punctuatorPrecedence(m_token.punctuator);
        } else if (m_token.kind == JsTokenKind::Identifier && !m_token.isEscaped()) {
            if (at(JsKeyword::Instanceof) || (at(JsKeyword::In) && !m_context.noIn)) {
                precedence = kRelationalPrecedence;
                keyword = m_token.keyword;
            } else if (m_ts && (at(JsKeyword::As) || at(JsKeyword::Satisfies)) && !m_token.newlineBefore) {
                precedence = kRelationalPrecedence;
                keyword = m_token.keyword;
            }
        }
        if (precedence == 0 || precedence < minPrecedence)
            break;
        if (keyword == JsKeyword::As || keyword == JsKeyword::Satisfies) {
            const qsizetype castStart = m_token.start;
            next();
            if (keyword == JsKeyword::As && at(JsKeyword::Const)) {
                next();
            } else if (!parseType()) {
                return -1;
            }
            stripTypeScript(castStart, m_previousEnd);
            left = addNode(JsNodeKind::TsCast, start, m_previousEnd, {left});
            continue;
        }
        const JsPunctuator op = m_token.punctuator;
        if (op == JsPunctuator::StarStar
            && (nodeAt(left).kind == JsNodeKind::Unary || nodeAt(left).kind == JsNodeKind::Await)) {
            fail(nodeAt(left).start, u"a unary expression before `**` needs parentheses"_s);
            return -1;
        }
        const auto mixesNullish = [this, op](int operand) {
            const JsNode &n = m_ast.m_nodes.at(operand);
            if (n.kind != JsNodeKind::Binary)
                return false;
            if (op == JsPunctuator::QuestionQuestion)
                return n.op == JsPunctuator::BarBar || n.op == JsPunctuator::AmpersandAmpersand;
            return (op == JsPunctuator::BarBar || op == JsPunctuator::AmpersandAmpersand)
                && n.op == JsPunctuator::QuestionQuestion;
        };
        if (mixesNullish(left)) {
            fail(m_token.start, u"`??` cannot be mixed with `||` or `&&` without parentheses"_s);
            return -1;
        }
        next();
        const int right = parseBinary(op == JsPunctuator::StarStar ? precedence : precedence + 1, false);
        if (right < 0)
            return -1;
        if (mixesNullish(right)) {
            fail(nodeAt(right).start, u"`??` cannot be mixed with `||` or `&&` without parentheses"_s);
            return -1;
        }
        left = addNode(JsNodeKind::Binary, start, m_previousEnd, {left, right});
        nodeAt(left).op = keyword == JsKeyword::None ? op : JsPunctuator::None;
        nodeAt(left).keyword = keyword;
    }
    return left;
}

int JsParser::parseUnary(bool mayBePattern)
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    rescanOperand();
    const qsizetype start = m_token.start;
    if (m_token.kind == JsTokenKind::Punctuator) {
        switch (m_token.punctuator) {
        case JsPunctuator::Plus:
        case JsPunctuator::Minus:
        case JsPunctuator::Tilde:
        case JsPunctuator::Exclamation: {
            const JsPunctuator op = m_token.punctuator;
            next();
            const int argument = parseUnary(false);
            if (argument < 0)
                return -1;
            const int node = addNode(JsNodeKind::Unary, start, m_previousEnd, {argument}, quint32(JsNodeFlag::Prefix));
            nodeAt(node).op = op;
            return node;
        }
        case JsPunctuator::PlusPlus:
        case JsPunctuator::MinusMinus: {
            const JsPunctuator op = m_token.punctuator;
            next();
            const int argument = parseUnary(false);
            if (argument < 0)
                return -1;
            if (!isSimpleTarget(argument)) {
                fail(nodeAt(argument).start, u"invalid operand of `%1`"_s.arg(punctuatorText(op).toString()));
                return -1;
            }
            const int node = addNode(JsNodeKind::Update, start, m_previousEnd, {argument}, quint32(JsNodeFlag::Prefix));
            nodeAt(node).op = op;
            return node;
        }
        case JsPunctuator::Less:
            if (!m_ts)
                return failNode();
            {
                // A generic arrow `<T>(x: T) => x`, else a type assertion `<T>x`.
                const int arrow = tryGenericArrow(start, -1);
                if (arrow >= 0 || failed())
                    return arrow;
                next();
                if (!parseType() || !splitGreater())
                    return failed() ? -1 : failNode();
                stripTypeScript(start, m_previousEnd);
                const int argument = parseUnary(false);
                if (argument < 0)
                    return -1;
                return addNode(JsNodeKind::TsCast, start, m_previousEnd, {argument});
            }
        default:
            break;
        }
    } else if (m_token.kind == JsTokenKind::Identifier && !m_token.isEscaped()) {
        switch (m_token.keyword) {
        case JsKeyword::Typeof:
        case JsKeyword::Void:
        case JsKeyword::Delete: {
            const JsKeyword keyword = m_token.keyword;
            next();
            const int argument = parseUnary(false);
            if (argument < 0)
                return -1;
            const int node = addNode(JsNodeKind::Unary, start, m_previousEnd, {argument}, quint32(JsNodeFlag::Prefix));
            nodeAt(node).keyword = keyword;
            return node;
        }
        case JsKeyword::Await:
            if (m_context.inAsync || (!m_context.inFunction && [this] {
                    const JsToken after = peekToken();
                    return !after.newlineBefore && canStartExpression(after) && after.kind != JsTokenKind::Punctuator
                        && !after.is(JsKeyword::Of);
                }())) {
                next();
                const int argument = parseUnary(false);
                if (argument < 0)
                    return -1;
                return addNode(JsNodeKind::Await, start, m_previousEnd, {argument});
            }
            break;
        default:
            break;
        }
    }
    return parseUpdate(mayBePattern);
}

int JsParser::parseUpdate(bool mayBePattern)
{
    const qsizetype start = m_token.start;
    const int argument = parseLeftHandSide(mayBePattern);
    if (argument < 0)
        return -1;
    if ((at(JsPunctuator::PlusPlus) || at(JsPunctuator::MinusMinus)) && !m_token.newlineBefore) {
        if (!isSimpleTarget(argument)) {
            fail(nodeAt(argument).start, u"invalid operand of `%1`"_s.arg(tokenText(m_token).toString()));
            return -1;
        }
        const JsPunctuator op = m_token.punctuator;
        next();
        const int node = addNode(JsNodeKind::Update, start, m_previousEnd, {argument});
        nodeAt(node).op = op;
        return node;
    }
    return argument;
}

int JsParser::parseLeftHandSide(bool mayBePattern)
{
    const qsizetype start = m_token.start;
    if (at(JsKeyword::New) && !m_token.isEscaped()) {
        const int created = parseNew();
        if (created < 0)
            return -1;
        return parseCallTail(created, start, true);
    }
    if (at(JsKeyword::Super) && !m_token.isEscaped()) {
        const int super = addNode(JsNodeKind::Super, m_token.start, m_token.end);
        next();
        if (!at(JsPunctuator::LeftParen) && !at(JsPunctuator::Dot) && !at(JsPunctuator::LeftBracket))
            return failNode();
        return parseCallTail(super, start, true);
    }
    if (at(JsKeyword::Import) && !m_token.isEscaped()) {
        next();
        if (eat(JsPunctuator::Dot)) {
            if (tokenText(m_token) != u"meta")
                return failNode();
            next();
            const int meta = addNode(JsNodeKind::MetaProperty, start, m_previousEnd);
            nodeAt(meta).keyword = JsKeyword::Import;
            return parseCallTail(meta, start, true);
        }
        if (!expect(JsPunctuator::LeftParen))
            return -1;
        const int specifier = parseAssignment();
        if (specifier < 0)
            return -1;
        eat(JsPunctuator::Comma);
        if (!expect(JsPunctuator::RightParen))
            return -1;
        const int call = addNode(JsNodeKind::ImportCall, start, m_previousEnd, {specifier});
        return parseCallTail(call, start, true);
    }
    const int primary = parsePrimary(mayBePattern);
    if (primary < 0)
        return -1;
    if (nodeAt(primary).kind == JsNodeKind::Arrow) // `() => {}\n[a]` is two statements
        return primary;
    return parseCallTail(primary, start, true);
}

int JsParser::parseNew()
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    next();
    if (eat(JsPunctuator::Dot)) {
        if (tokenText(m_token) != u"target")
            return failNode();
        next();
        const int meta = addNode(JsNodeKind::MetaProperty, start, m_previousEnd);
        nodeAt(meta).keyword = JsKeyword::New;
        return meta;
    }
    int callee = -1;
    const qsizetype calleeStart = m_token.start;
    if (at(JsKeyword::New)) {
        callee = parseNew();
    } else if (at(JsKeyword::Import)) {
        return failNode();
    } else {
        callee = parsePrimary(false);
        if (callee >= 0 && nodeAt(callee).kind == JsNodeKind::Arrow) {
            fail(nodeAt(callee).start, u"an arrow function cannot be called with new"_s);
            return -1;
        }
    }
    if (callee < 0)
        return -1;
    callee = parseCallTail(callee, calleeStart, false);
    if (callee < 0)
        return -1;
    Kids kids {callee};
    if (at(JsPunctuator::LeftParen)) {
        const int arguments = parseArguments();
        if (arguments < 0)
            return -1;
        kids.append(arguments);
    }
    return addNode(JsNodeKind::New, start, m_previousEnd, kids);
}

int JsParser::parseArguments()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    ContextGuard context(*this);
    m_context.noIn = false;
    m_context.noArrowReturnType = false;
    Kids kids;
    quint32 flags = 0;
    while (!at(JsPunctuator::RightParen)) {
        if (failed())
            return -1;
        const qsizetype argumentStart = m_token.start;
        int argument = -1;
        if (eat(JsPunctuator::Ellipsis)) {
            const int spread = parseAssignment();
            if (spread < 0)
                return -1;
            argument = addNode(JsNodeKind::Spread, argumentStart, m_previousEnd, {spread});
        } else {
            argument = parseAssignment();
        }
        if (argument < 0)
            return -1;
        kids.append(argument);
        if (!eat(JsPunctuator::Comma))
            break;
        if (at(JsPunctuator::RightParen))
            flags |= quint32(JsNodeFlag::HasTrailingComma);
    }
    if (!expect(JsPunctuator::RightParen))
        return -1;
    return addNode(JsNodeKind::Arguments, start, m_previousEnd, kids, flags);
}

int JsParser::parseCallTail(int callee, qsizetype start, bool allowCalls)
{
    int left = callee;
    bool optionalChain = false;
    for (;;) {
        if (failed())
            return -1;
        if (at(JsPunctuator::QuestionDot))
            optionalChain = true;
        if (at(JsPunctuator::Dot)) {
            next();
            int property = -1;
            if (m_token.kind == JsTokenKind::PrivateName)
                property = addNode(JsNodeKind::PrivateName, m_token.start, m_token.end);
            else if (atIdentifierName())
                property = addNode(JsNodeKind::Name, m_token.start, m_token.end);
            else
                return failNode();
            next();
            left = addNode(JsNodeKind::Member, start, m_previousEnd, {left, property});
        } else if (at(JsPunctuator::QuestionDot)) {
            if (!allowCalls)
                return failNode();
            next();
            if (at(JsPunctuator::LeftParen)) {
                const int arguments = parseArguments();
                if (arguments < 0)
                    return -1;
                left
                    = addNode(JsNodeKind::Call, start, m_previousEnd, {left, arguments}, quint32(JsNodeFlag::Optional));
            } else if (eat(JsPunctuator::LeftBracket)) {
                ContextGuard context(*this);
                m_context.noIn = false;
                m_context.noArrowReturnType = false;
                const int property = parseExpression();
                if (property < 0 || !expect(JsPunctuator::RightBracket))
                    return -1;
                left = addNode(JsNodeKind::Member, start, m_previousEnd, {left, property},
                    quint32(JsNodeFlag::Computed) | quint32(JsNodeFlag::Optional));
            } else if (m_token.kind == JsTokenKind::PrivateName || atIdentifierName()) {
                const int property
                    = addNode(m_token.kind == JsTokenKind::PrivateName ? JsNodeKind::PrivateName : JsNodeKind::Name,
                        m_token.start, m_token.end);
                next();
                left = addNode(
                    JsNodeKind::Member, start, m_previousEnd, {left, property}, quint32(JsNodeFlag::Optional));
            } else if (m_ts && at(JsPunctuator::Less)) {
                if (!tryTypeArgumentsInExpression() || !at(JsPunctuator::LeftParen))
                    return failed() ? -1 : failNode();
                const int arguments = parseArguments();
                if (arguments < 0)
                    return -1;
                left
                    = addNode(JsNodeKind::Call, start, m_previousEnd, {left, arguments}, quint32(JsNodeFlag::Optional));
            } else {
                return failNode();
            }
        } else if (at(JsPunctuator::LeftBracket)) {
            next();
            ContextGuard context(*this);
            m_context.noIn = false;
            m_context.noArrowReturnType = false;
            const int property = parseExpression();
            if (property < 0 || !expect(JsPunctuator::RightBracket))
                return -1;
            left = addNode(JsNodeKind::Member, start, m_previousEnd, {left, property}, quint32(JsNodeFlag::Computed));
        } else if (at(JsPunctuator::LeftParen) && allowCalls) {
            const int arguments = parseArguments();
            if (arguments < 0)
                return -1;
            left = addNode(JsNodeKind::Call, start, m_previousEnd, {left, arguments});
        } else if (m_token.kind == JsTokenKind::TemplateNoSubstitution || m_token.kind == JsTokenKind::TemplateHead) {
            if (optionalChain) {
                fail(m_token.start, u"a tagged template cannot be part of an optional chain"_s);
                return -1;
            }
            left = parseTemplate(left, start);
            if (left < 0)
                return -1;
        } else if (m_ts && at(JsPunctuator::Exclamation) && !m_token.newlineBefore) {
            stripTypeScript(m_token.start, m_token.end);
            next();
            left = addNode(JsNodeKind::TsCast, start, m_previousEnd, {left}, quint32(JsNodeFlag::NonNull));
        } else if (m_ts && at(JsPunctuator::Less) && !m_token.newlineBefore) {
            if (!tryTypeArgumentsInExpression())
                break;
            if (!allowCalls && at(JsPunctuator::LeftParen))
                break;
        } else {
            break;
        }
    }
    return left;
}

int JsParser::parseTemplate(int tag, qsizetype start)
{
    const qsizetype templateStart = m_token.start;
    Kids kids;
    if (m_token.kind == JsTokenKind::TemplateNoSubstitution) {
        next();
    } else {
        next();
        ContextGuard context(*this);
        m_context.noIn = false;
        m_context.noArrowReturnType = false;
        for (;;) {
            const int expression = parseExpression();
            if (expression < 0)
                return -1;
            kids.append(expression);
            if (at(JsPunctuator::RightBrace)) {
                const qsizetype before = m_lexErrors;
                m_token = m_lexer.rescanTemplateContinuation(m_token);
                m_tokenHasError = m_lexer.errors().size() > before;
            }
            if (m_token.kind == JsTokenKind::TemplateMiddle) {
                next();
                continue;
            }
            if (m_token.kind == JsTokenKind::TemplateTail) {
                next();
                break;
            }
            return failNode();
        }
    }
    if (failed())
        return -1;
    const int templ = addNode(JsNodeKind::Template, templateStart, m_previousEnd, kids);
    if (tag < 0)
        return templ;
    return addNode(JsNodeKind::TaggedTemplate, start, m_previousEnd, {tag, templ});
}

int JsParser::parsePrimary(bool mayBePattern)
{
    rescanOperand();
    if (failed())
        return -1;
    const qsizetype start = m_token.start;
    switch (m_token.kind) {
    case JsTokenKind::Identifier: {
        if (!m_token.isEscaped()) {
            switch (m_token.keyword) {
            case JsKeyword::This:
                next();
                return addNode(JsNodeKind::This, start, m_previousEnd);
            case JsKeyword::Null:
                next();
                return addNode(JsNodeKind::NullLiteral, start, m_previousEnd);
            case JsKeyword::True:
            case JsKeyword::False:
                next();
                return addNode(JsNodeKind::BooleanLiteral, start, m_previousEnd);
            case JsKeyword::Function:
                return parseFunction(JsNodeKind::Function, start, -1, false);
            case JsKeyword::Class:
                return parseClass(JsNodeKind::Class, start, false, false);
            case JsKeyword::Async: {
                const JsToken after = peekToken();
                if (after.is(JsKeyword::Function) && !after.newlineBefore) {
                    next();
                    return parseFunction(JsNodeKind::Function, start, start, false);
                }
                if (after.is(JsPunctuator::LeftParen)) {
                    next();
                    return parseParenthesized(start, start);
                }
                if (m_ts && after.is(JsPunctuator::Less) && !after.newlineBefore) { // async <T>(x) => ...
                    const int arrow = tryGenericArrow(start, start);
                    if (arrow >= 0 || failed())
                        return arrow;
                }
                break;
            }
            default:
                break;
            }
        }
        if (!atIdentifier())
            return failNode();
        next();
        return addNode(JsNodeKind::Identifier, start, m_previousEnd);
    }
    case JsTokenKind::NumericLiteral:
        next();
        return addNode(JsNodeKind::NumericLiteral, start, m_previousEnd);
    case JsTokenKind::BigIntLiteral:
        next();
        return addNode(JsNodeKind::BigIntLiteral, start, m_previousEnd);
    case JsTokenKind::StringLiteral:
        next();
        return addNode(JsNodeKind::StringLiteral, start, m_previousEnd);
    case JsTokenKind::RegularExpression:
        next();
        return addNode(JsNodeKind::RegExp, start, m_previousEnd);
    case JsTokenKind::TemplateNoSubstitution:
    case JsTokenKind::TemplateHead:
        return parseTemplate(-1, start);
    case JsTokenKind::PrivateName: // `#x in obj`
        if (peekToken().is(JsKeyword::In)) {
            next();
            return addNode(JsNodeKind::PrivateName, start, m_previousEnd);
        }
        return failNode();
    case JsTokenKind::Punctuator:
        switch (m_token.punctuator) {
        case JsPunctuator::LeftParen:
            return parseParenthesized(start, -1);
        case JsPunctuator::LeftBracket:
            return parseArray();
        case JsPunctuator::LeftBrace:
            return parseObject();
        default:
            break;
        }
        break;
    default:
        break;
    }
    Q_UNUSED(mayBePattern);
    return failNode();
}

// A speculative generic arrow at `<` (`async <` with asyncOffset >= 0): the arrow, or -1 with
// nothing consumed. Kept out of the recursive functions so that their frames stay small.
Q_NEVER_INLINE int JsParser::tryGenericArrow(qsizetype start, qsizetype asyncOffset)
{
    const qsizetype key = memoKey(start, GenericArrow);
    if (m_failedSpeculations.contains(key))
        return -1;
    const Snapshot mark = snapshot();
    if (asyncOffset >= 0)
        next(); // async
    const qsizetype typeParamsStart = m_token.start;
    if (parseTypeParameters() && at(JsPunctuator::LeftParen)) {
        stripTypeScript(typeParamsStart, m_previousEnd);
        const int arrow = parseParenthesized(start, asyncOffset);
        if (arrow >= 0 && nodeAt(arrow).kind == JsNodeKind::Arrow)
            return arrow;
    }
    rewind(mark);
    m_failedSpeculations.insert(key);
    return -1;
}

// `( ... )`: a parenthesized expression, the parameters of an arrow function, or with
// asyncOffset >= 0 the arguments of a call of `async` or the parameters of an async arrow.
int JsParser::parseParenthesized(qsizetype start, qsizetype asyncOffset)
{
    const qsizetype parenStart = m_token.start;
    const bool outerNoArrowReturnType = m_context.noArrowReturnType;
    const qsizetype outerCover = m_coverInitializer;
    m_coverInitializer = -1;
    if (!expect(JsPunctuator::LeftParen))
        return -1;
    Kids elements;
    qsizetype arrowOnly = -1; // the first thing only arrow parameters may contain
    qsizetype trailingComma = -1;
    {
        ContextGuard context(*this);
        m_context.noIn = false;
        m_context.noArrowReturnType = false;
        while (!at(JsPunctuator::RightParen)) {
            if (failed())
                return -1;
            const qsizetype elementStart = m_token.start;
            int element = -1;
            if (at(JsPunctuator::Ellipsis)) {
                next();
                if (asyncOffset < 0 && arrowOnly < 0)
                    arrowOnly = elementStart;
                const int argument = parseAssignment(true);
                if (argument < 0)
                    return -1;
                if (m_ts && at(JsPunctuator::Colon)) {
                    if (!parseTypeAnnotation())
                        return -1;
                    if (arrowOnly < 0)
                        arrowOnly = elementStart;
                }
                element = addNode(JsNodeKind::Spread, elementStart, m_previousEnd, {argument});
            } else if (m_ts && atIdentifier() && atTypedParameter()) {
                // A typed or optional parameter `x: T`, `x?: T`, `x?`.
                if (arrowOnly < 0)
                    arrowOnly = elementStart;
                const int name = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
                next();
                if (at(JsPunctuator::Question)) {
                    stripTypeScript(m_token.start, m_token.end);
                    next();
                }
                if (at(JsPunctuator::Colon) && !parseTypeAnnotation())
                    return -1;
                element = name;
                if (eat(JsPunctuator::Assign)) {
                    const int init = parseAssignment();
                    if (init < 0)
                        return -1;
                    element = addNode(JsNodeKind::AssignPattern, elementStart, m_previousEnd, {name, init});
                }
            } else if (m_ts && at(JsKeyword::This) && peekToken().is(JsPunctuator::Colon)) {
                return failNode();
            } else {
                element = parseAssignment(true);
                if (element < 0)
                    return -1;
                if (m_ts && (at(JsPunctuator::Colon) || at(JsPunctuator::Question))) {
                    const JsNodeKind kind = nodeAt(element).kind;
                    if (kind != JsNodeKind::Object && kind != JsNodeKind::Array && kind != JsNodeKind::Assign)
                        return failNode();
                    if (arrowOnly < 0)
                        arrowOnly = m_token.start;
                    if (at(JsPunctuator::Question)) {
                        stripTypeScript(m_token.start, m_token.end);
                        next();
                    }
                    if (at(JsPunctuator::Colon) && !parseTypeAnnotation())
                        return -1;
                    if (kind != JsNodeKind::Assign && eat(JsPunctuator::Assign)) {
                        const int init = parseAssignment();
                        if (init < 0)
                            return -1;
                        if (!toPattern(element, true))
                            return -1;
                        element = addNode(JsNodeKind::AssignPattern, elementStart, m_previousEnd, {element, init});
                    }
                }
            }
            elements.append(element);
            if (!at(JsPunctuator::Comma))
                break;
            next();
            if (at(JsPunctuator::RightParen))
                trailingComma = m_previousEnd - 1;
        }
    }
    const qsizetype closeStart = m_token.start;
    if (!expect(JsPunctuator::RightParen))
        return -1;
    const qsizetype closeEnd = m_previousEnd;
    bool arrow = at(JsPunctuator::Arrow) && !m_token.newlineBefore;
    if (!arrow && m_ts && at(JsPunctuator::Colon)) {
        int completed = -1;
        arrow = tryArrowReturnType(outerNoArrowReturnType, start, parenStart, closeEnd, elements, trailingComma,
            asyncOffset, outerCover, &completed);
        if (completed >= 0 || failed())
            return completed;
    }
    const qsizetype inner = m_coverInitializer;
    if (arrow) {
        const int params = makeArrowParams(parenStart, closeEnd, elements, trailingComma);
        if (params < 0)
            return -1;
        m_coverInitializer = outerCover;
        return parseArrowRest(start, params, asyncOffset);
    }
    if (arrowOnly >= 0) {
        fail(arrowOnly, u"unexpected token `%1`"_s.arg(m_source.mid(arrowOnly, 1)));
        return -1;
    }
    if (inner >= 0) {
        fail(inner, u"invalid shorthand property initializer"_s);
        return -1;
    }
    m_coverInitializer = outerCover;
    if (asyncOffset >= 0) { // a call of a function named async
        const int callee = addNode(JsNodeKind::Identifier, asyncOffset, asyncOffset + 5);
        const int arguments = addNode(JsNodeKind::Arguments, parenStart, closeEnd, elements,
            trailingComma >= 0 ? quint32(JsNodeFlag::HasTrailingComma) : 0);
        return addNode(JsNodeKind::Call, start, closeEnd, {callee, arguments});
    }
    if (elements.isEmpty()) {
        fail(closeStart, u"unexpected token `)`"_s);
        return -1;
    }
    if (trailingComma >= 0) {
        fail(trailingComma, u"unexpected token `,`"_s);
        return -1;
    }
    int expression = elements.first();
    if (elements.size() > 1)
        expression
            = addNode(JsNodeKind::Sequence, nodeAt(elements.first()).start, nodeAt(elements.last()).end, elements);
    return addNode(JsNodeKind::Paren, parenStart, closeEnd, {expression});
}

// `x: T` or `x?` inside `( ... )`: only an arrow function's parameter can look like this.
Q_NEVER_INLINE bool JsParser::atTypedParameter()
{
    const JsToken after = peekToken();
    if (after.is(JsPunctuator::Colon))
        return true;
    if (!after.is(JsPunctuator::Question))
        return false;
    const Snapshot mark = snapshot();
    next();
    next();
    const bool optional = at(JsPunctuator::Colon) || at(JsPunctuator::Comma) || at(JsPunctuator::RightParen)
        || at(JsPunctuator::Assign);
    rewind(mark);
    return optional;
}

// The parameters of an arrow function from the elements of `( ... )`.
int JsParser::makeArrowParams(qsizetype parenStart, qsizetype closeEnd, const Kids &elements, qsizetype trailingComma)
{
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const int element = elements[i];
        if (nodeAt(element).kind == JsNodeKind::Spread) {
            if (i + 1 != elements.size() || trailingComma >= 0) {
                fail(nodeAt(element).start, u"a rest parameter must be the last parameter"_s);
                return -1;
            }
            nodeAt(element).kind = JsNodeKind::Rest;
            if (!toPattern(m_ast.child(element, 0), true))
                return -1;
        } else if (!toPattern(element, true)) {
            return -1;
        }
    }
    return addNode(JsNodeKind::Params, parenStart, closeEnd, elements,
        trailingComma >= 0 ? quint32(JsNodeFlag::HasTrailingComma) : 0);
}

// At the `:` after `( ... )`: true when `: Type =>` follows (the return type is then consumed).
// In the true branch of a conditional the arrow counts only when a `:` follows it, as in
// TypeScript (`x ? (a): T => b : c`; `x ? (a) : b => c` stays a conditional): the whole arrow is
// parsed here and returned in `completed`. Out of line to keep parseParenthesized's frame small.
Q_NEVER_INLINE bool JsParser::tryArrowReturnType(bool inConditional, qsizetype start, qsizetype parenStart,
    qsizetype closeEnd, const Kids &elements, qsizetype trailingComma, qsizetype asyncOffset, qsizetype outerCover,
    int *completed)
{
    const qsizetype key = memoKey(m_token.start, ArrowReturnType);
    if (m_failedSpeculations.contains(key))
        return false;
    const Snapshot mark = snapshot();
    if (!parseReturnType() || !at(JsPunctuator::Arrow) || m_token.newlineBefore) {
        rewind(mark);
        m_failedSpeculations.insert(key);
        return false;
    }
    if (!inConditional)
        return true;
    const QList<JsNode> nodesBefore = m_ast.m_nodes; // the conversion to parameters changes node kinds
    const qsizetype cover = m_coverInitializer;
    const int params = makeArrowParams(parenStart, closeEnd, elements, trailingComma);
    if (params >= 0) {
        m_coverInitializer = outerCover;
        const int function = parseArrowRest(start, params, asyncOffset);
        if (function >= 0 && at(JsPunctuator::Colon)) {
            *completed = function;
            return true;
        }
    }
    m_ast.m_nodes = nodesBefore;
    rewind(mark);
    m_coverInitializer = cover;
    m_failedSpeculations.insert(key);
    return false;
}

int JsParser::parseArrowRest(qsizetype start, int params, qsizetype asyncOffset)
{
    if (!expect(JsPunctuator::Arrow))
        return -1;
    const bool isAsync = asyncOffset >= 0;
    ContextGuard context(*this);
    m_context.inAsync = isAsync;
    m_context.inGenerator = false;
    m_context.noArrowReturnType = false;
    m_context.inFunction = true;
    int body = -1;
    quint32 flags = isAsync ? quint32(JsNodeFlag::Async) : 0;
    if (at(JsPunctuator::LeftBrace)) {
        m_context.noIn = false;
        body = parseBlock();
    } else {
        body = parseAssignment();
        flags |= quint32(JsNodeFlag::ExpressionBody);
    }
    if (body < 0)
        return -1;
    const int arrow = addNode(JsNodeKind::Arrow, start, m_previousEnd, {params, body}, flags);
    nodeAt(arrow).aux = asyncOffset;
    return arrow;
}

int JsParser::parseArray()
{
    const qsizetype start = m_token.start;
    next();
    ContextGuard context(*this);
    m_context.noIn = false;
    m_context.noArrowReturnType = false;
    Kids kids;
    quint32 flags = 0;
    while (!at(JsPunctuator::RightBracket)) {
        if (failed())
            return -1;
        if (at(JsPunctuator::Comma)) {
            kids.append(addNode(JsNodeKind::Omitted, m_token.start, m_token.start));
            next();
            continue;
        }
        const qsizetype elementStart = m_token.start;
        int element = -1;
        if (eat(JsPunctuator::Ellipsis)) {
            const int argument = parseAssignment(true);
            if (argument < 0)
                return -1;
            element = addNode(JsNodeKind::Spread, elementStart, m_previousEnd, {argument});
        } else {
            element = parseAssignment(true);
        }
        if (element < 0)
            return -1;
        kids.append(element);
        if (!at(JsPunctuator::RightBracket)) {
            if (!expect(JsPunctuator::Comma))
                return -1;
            if (at(JsPunctuator::RightBracket))
                flags |= quint32(JsNodeFlag::HasTrailingComma);
        }
    }
    next();
    return addNode(JsNodeKind::Array, start, m_previousEnd, kids, flags);
}

int JsParser::parsePropertyKey(bool *computed)
{
    *computed = false;
    const qsizetype start = m_token.start;
    switch (m_token.kind) {
    case JsTokenKind::Identifier:
        next();
        return addNode(JsNodeKind::Name, start, m_previousEnd);
    case JsTokenKind::StringLiteral:
        next();
        return addNode(JsNodeKind::StringLiteral, start, m_previousEnd);
    case JsTokenKind::NumericLiteral:
        next();
        return addNode(JsNodeKind::NumericLiteral, start, m_previousEnd);
    case JsTokenKind::BigIntLiteral:
        next();
        return addNode(JsNodeKind::BigIntLiteral, start, m_previousEnd);
    case JsTokenKind::PrivateName:
        if (!m_context.inClassBody)
            return failNode();
        next();
        return addNode(JsNodeKind::PrivateName, start, m_previousEnd);
    case JsTokenKind::Punctuator:
        if (at(JsPunctuator::LeftBracket)) {
            next();
            ContextGuard context(*this);
            m_context.noIn = false;
            m_context.noArrowReturnType = false;
            const int expression = parseAssignment();
            if (expression < 0 || !expect(JsPunctuator::RightBracket))
                return -1;
            *computed = true;
            return addNode(JsNodeKind::ComputedKey, start, m_previousEnd, {expression});
        }
        break;
    default:
        break;
    }
    return failNode();
}

int JsParser::parseObject()
{
    const qsizetype start = m_token.start;
    next();
    ContextGuard context(*this);
    m_context.noIn = false;
    m_context.noArrowReturnType = false;
    m_context.inClassBody = false;
    Kids kids;
    quint32 objectFlags = 0;
    while (!at(JsPunctuator::RightBrace)) {
        if (failed())
            return -1;
        DepthGuard guard(*this);
        const qsizetype propertyStart = m_token.start;
        if (eat(JsPunctuator::Ellipsis)) {
            const int argument = parseAssignment(true);
            if (argument < 0)
                return -1;
            kids.append(addNode(JsNodeKind::Spread, propertyStart, m_previousEnd, {argument}));
        } else {
            quint32 flags = 0;
            qsizetype asyncOffset = -1;
            const auto modifierApplies = [this](bool sameLine) {
                const JsToken after = peekToken();
                if (sameLine && after.newlineBefore)
                    return false;
                return !(after.is(JsPunctuator::Comma) || after.is(JsPunctuator::Colon)
                    || after.is(JsPunctuator::LeftParen) || after.is(JsPunctuator::RightBrace)
                    || after.is(JsPunctuator::Assign) || after.is(JsPunctuator::Less));
            };
            if (at(JsKeyword::Async) && !m_token.isEscaped() && modifierApplies(true)) {
                asyncOffset = m_token.start;
                flags |= quint32(JsNodeFlag::Async);
                next();
            }
            if (eat(JsPunctuator::Star))
                flags |= quint32(JsNodeFlag::Generator);
            if ((at(JsKeyword::Get) || at(JsKeyword::Set)) && !m_token.isEscaped() && flags == 0
                && modifierApplies(false)) {
                flags |= quint32(at(JsKeyword::Get) ? JsNodeFlag::Getter : JsNodeFlag::Setter);
                next();
            }
            const JsToken keyToken = m_token;
            bool computed = false;
            const int key = parsePropertyKey(&computed);
            if (key < 0)
                return -1;
            if (computed)
                flags |= quint32(JsNodeFlag::Computed);
            if (at(JsPunctuator::LeftParen) || (m_ts && at(JsPunctuator::Less))) {
                const int method = parseMethod(propertyStart, flags, key, asyncOffset, false);
                if (method < 0)
                    return -1;
                kids.append(addNode(JsNodeKind::Property, propertyStart, m_previousEnd, {key, method},
                    flags | quint32(JsNodeFlag::Method)));
            } else if (flags != 0 && flags != quint32(JsNodeFlag::Computed)) {
                return failNode();
            } else if (eat(JsPunctuator::Colon)) {
                const int value = parseAssignment(true);
                if (value < 0)
                    return -1;
                kids.append(addNode(JsNodeKind::Property, propertyStart, m_previousEnd, {key, value}, flags));
            } else if (!computed && tokenIsIdentifier(keyToken)) {
                int value = addNode(JsNodeKind::Identifier, keyToken.start, keyToken.end);
                if (at(JsPunctuator::Assign)) { // `{ a = 1 }`: only valid as a pattern
                    next();
                    const int init = parseAssignment();
                    if (init < 0)
                        return -1;
                    value = addNode(JsNodeKind::Assign, keyToken.start, m_previousEnd, {value, init},
                        quint32(JsNodeFlag::CoverInitializer));
                    nodeAt(value).op = JsPunctuator::Assign;
                    if (m_coverInitializer < 0)
                        m_coverInitializer = keyToken.start;
                }
                kids.append(addNode(
                    JsNodeKind::Property, propertyStart, m_previousEnd, {key, value}, quint32(JsNodeFlag::Shorthand)));
            } else {
                if (!computed && keyToken.kind == JsTokenKind::Identifier) {
                    fail(keyToken.start, u"unexpected token `%1`"_s.arg(tokenText(keyToken).toString()));
                    return -1;
                }
                return failNode();
            }
        }
        if (!at(JsPunctuator::RightBrace)) {
            if (!expect(JsPunctuator::Comma))
                return -1;
            if (at(JsPunctuator::RightBrace))
                objectFlags |= quint32(JsNodeFlag::HasTrailingComma);
        }
    }
    next();
    return addNode(JsNodeKind::Object, start, m_previousEnd, kids, objectFlags);
}

// --- Patterns ------------------------------------------------------------------------------------

int JsParser::parseBindingTarget()
{
    DepthGuard guard(*this);
    if (failed())
        return -1;
    if (at(JsPunctuator::LeftBrace))
        return parseObjectBindingPattern();
    if (at(JsPunctuator::LeftBracket))
        return parseArrayBindingPattern();
    if (!atIdentifier())
        return failNode();
    const qsizetype start = m_token.start;
    next();
    return addNode(JsNodeKind::Identifier, start, m_previousEnd);
}

int JsParser::parseBindingElement()
{
    const qsizetype start = m_token.start;
    const int target = parseBindingTarget();
    if (target < 0)
        return -1;
    if (!eat(JsPunctuator::Assign))
        return target;
    const int init = parseAssignment();
    if (init < 0)
        return -1;
    return addNode(JsNodeKind::AssignPattern, start, m_previousEnd, {target, init});
}

int JsParser::parseObjectBindingPattern()
{
    const qsizetype start = m_token.start;
    next();
    Kids kids;
    quint32 flags = 0;
    while (!at(JsPunctuator::RightBrace)) {
        if (failed())
            return -1;
        const qsizetype propertyStart = m_token.start;
        if (eat(JsPunctuator::Ellipsis)) {
            if (!atIdentifier())
                return failNode();
            const int target = addNode(JsNodeKind::Identifier, m_token.start, m_token.end);
            next();
            kids.append(addNode(JsNodeKind::Rest, propertyStart, m_previousEnd, {target}));
            if (!at(JsPunctuator::RightBrace))
                return failNode();
            break;
        }
        const JsToken keyToken = m_token;
        bool computed = false;
        const int key = parsePropertyKey(&computed);
        if (key < 0)
            return -1;
        int value = -1;
        quint32 propertyFlags = computed ? quint32(JsNodeFlag::Computed) : 0;
        if (eat(JsPunctuator::Colon)) {
            value = parseBindingElement();
        } else if (!computed && tokenIsIdentifier(keyToken)) {
            propertyFlags |= quint32(JsNodeFlag::Shorthand);
            value = addNode(JsNodeKind::Identifier, keyToken.start, keyToken.end);
            if (eat(JsPunctuator::Assign)) {
                const int init = parseAssignment();
                if (init < 0)
                    return -1;
                value = addNode(JsNodeKind::AssignPattern, keyToken.start, m_previousEnd, {value, init});
            }
        } else {
            fail(keyToken.start, u"unexpected token `%1`"_s.arg(tokenText(keyToken).toString()));
            return -1;
        }
        if (value < 0)
            return -1;
        kids.append(addNode(JsNodeKind::PatternProperty, propertyStart, m_previousEnd, {key, value}, propertyFlags));
        if (!at(JsPunctuator::RightBrace)) {
            if (!expect(JsPunctuator::Comma))
                return -1;
            if (at(JsPunctuator::RightBrace))
                flags |= quint32(JsNodeFlag::HasTrailingComma);
        }
    }
    if (!expect(JsPunctuator::RightBrace))
        return -1;
    return addNode(JsNodeKind::ObjectPattern, start, m_previousEnd, kids, flags);
}

int JsParser::parseArrayBindingPattern()
{
    const qsizetype start = m_token.start;
    next();
    Kids kids;
    while (!at(JsPunctuator::RightBracket)) {
        if (failed())
            return -1;
        if (at(JsPunctuator::Comma)) {
            kids.append(addNode(JsNodeKind::Omitted, m_token.start, m_token.start));
            next();
            continue;
        }
        const qsizetype elementStart = m_token.start;
        if (eat(JsPunctuator::Ellipsis)) {
            const int target = parseBindingTarget();
            if (target < 0)
                return -1;
            kids.append(addNode(JsNodeKind::Rest, elementStart, m_previousEnd, {target}));
            if (!at(JsPunctuator::RightBracket))
                return failNode();
            break;
        }
        const int element = parseBindingElement();
        if (element < 0)
            return -1;
        kids.append(element);
        if (!at(JsPunctuator::RightBracket) && !expect(JsPunctuator::Comma))
            return -1;
    }
    if (!expect(JsPunctuator::RightBracket))
        return -1;
    return addNode(JsNodeKind::ArrayPattern, start, m_previousEnd, kids);
}

bool JsParser::isSimpleTarget(int node) const
{
    const JsNode &n = m_ast.m_nodes.at(node);
    switch (n.kind) {
    case JsNodeKind::Identifier:
        return true;
    case JsNodeKind::Member:
        return !n.has(JsNodeFlag::Optional);
    case JsNodeKind::Paren:
    case JsNodeKind::TsCast:
        return isSimpleTarget(m_ast.child(node, 0));
    default:
        return false;
    }
}

bool JsParser::toPattern(int node, bool binding)
{
    DepthGuard guard(*this);
    if (failed())
        return false;
    JsNode &n = nodeAt(node);
    const auto invalid = [this, node, binding] {
        fail(m_ast.m_nodes.at(node).start, binding ? u"invalid binding pattern"_s : u"invalid assignment target"_s);
        return false;
    };
    switch (n.kind) {
    case JsNodeKind::Identifier:
    case JsNodeKind::ObjectPattern:
    case JsNodeKind::ArrayPattern:
    case JsNodeKind::Omitted:
        return true;
    case JsNodeKind::AssignPattern:
        return true;
    case JsNodeKind::Member:
    case JsNodeKind::Paren:
    case JsNodeKind::TsCast:
        if (binding || !isSimpleTarget(node))
            return invalid();
        return true;
    case JsNodeKind::Assign:
        if (n.op != JsPunctuator::Assign)
            return invalid();
        n.kind = JsNodeKind::AssignPattern;
        n.op = JsPunctuator::None;
        n.clear(JsNodeFlag::CoverInitializer);
        return toPattern(m_ast.child(node, 0), binding);
    case JsNodeKind::Object: {
        n.kind = JsNodeKind::ObjectPattern;
        const int count = n.childCount;
        for (int i = 0; i < count; ++i) {
            const int property = m_ast.child(node, i);
            JsNode &p = nodeAt(property);
            if (p.kind == JsNodeKind::Spread) {
                if (i + 1 != count || m_ast.m_nodes.at(node).has(JsNodeFlag::HasTrailingComma)) {
                    fail(p.start, u"a rest element must be last"_s);
                    return false;
                }
                p.kind = JsNodeKind::Rest;
                const int argument = m_ast.child(property, 0);
                const JsNodeKind argumentKind = m_ast.m_nodes.at(argument).kind;
                if (binding ? argumentKind != JsNodeKind::Identifier : !isSimpleTarget(argument)) {
                    fail(m_ast.m_nodes.at(argument).start, u"invalid rest element"_s);
                    return false;
                }
                continue;
            }
            if (p.has(JsNodeFlag::Method)) {
                fail(p.start, binding ? u"invalid binding pattern"_s : u"invalid assignment target"_s);
                return false;
            }
            p.kind = JsNodeKind::PatternProperty;
            if (!toPattern(m_ast.child(property, 1), binding))
                return false;
        }
        return true;
    }
    case JsNodeKind::Array: {
        n.kind = JsNodeKind::ArrayPattern;
        const int count = n.childCount;
        for (int i = 0; i < count; ++i) {
            const int element = m_ast.child(node, i);
            JsNode &e = nodeAt(element);
            if (e.kind == JsNodeKind::Spread) {
                if (i + 1 != count || m_ast.m_nodes.at(node).has(JsNodeFlag::HasTrailingComma)) {
                    fail(e.start, u"a rest element must be last"_s);
                    return false;
                }
                e.kind = JsNodeKind::Rest;
                const int argument = m_ast.child(element, 0);
                if (m_ast.m_nodes.at(argument).kind == JsNodeKind::Assign) {
                    fail(m_ast.m_nodes.at(argument).start, u"invalid rest element"_s);
                    return false;
                }
                if (!toPattern(argument, binding))
                    return false;
                continue;
            }
            if (!toPattern(element, binding))
                return false;
        }
        return true;
    }
    default:
        return invalid();
    }
}

// --- TypeScript types ----------------------------------------------------------------------------

bool JsParser::parseTypeAnnotation()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::Colon) || !parseType())
        return false;
    stripTypeScript(start, m_previousEnd);
    return true;
}

bool JsParser::parseReturnType()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::Colon))
        return false;
    // Type predicates: `x is T`, `asserts x`, `asserts x is T`, `this is T`.
    if (at(JsKeyword::Asserts) && !m_token.isEscaped()) {
        const JsToken after = peekToken();
        if (!after.newlineBefore && (after.kind == JsTokenKind::Identifier) && !after.is(JsKeyword::Is)) {
            next();
            next();
            if (at(JsKeyword::Is) && !m_token.newlineBefore) {
                next();
                if (!parseType())
                    return false;
            }
            stripTypeScript(start, m_previousEnd);
            return !failed();
        }
    }
    if (m_token.kind == JsTokenKind::Identifier) {
        const JsToken after = peekToken();
        if (after.is(JsKeyword::Is) && !after.newlineBefore) {
            next();
            next();
            if (!parseType())
                return false;
            stripTypeScript(start, m_previousEnd);
            return true;
        }
    }
    if (!parseType())
        return false;
    stripTypeScript(start, m_previousEnd);
    return true;
}

bool JsParser::parseType()
{
    DepthGuard guard(*this);
    if (failed())
        return false;
    if (atFunctionType())
        return !failed();
    if (failed())
        return false;
    if (at(JsKeyword::New) || (at(JsKeyword::Abstract) && peekToken().is(JsKeyword::New))) { // constructor type
        if (at(JsKeyword::Abstract))
            next();
        next();
        if (at(JsPunctuator::Less) && !parseTypeParameters())
            return false;
        if (!parseFunctionTypeParams() || !expect(JsPunctuator::Arrow))
            return false;
        return parseType();
    }
    if (!parseUnionType())
        return false;
    if (at(JsKeyword::Extends) && !m_token.newlineBefore) { // a conditional type
        next();
        if (!parseNonConditionalType())
            return false;
        if (!expect(JsPunctuator::Question) || !parseType() || !expect(JsPunctuator::Colon))
            return false;
        return parseType();
    }
    return true;
}

bool JsParser::parseNonConditionalType()
{
    if (atFunctionType())
        return !failed();
    if (failed())
        return false;
    return parseUnionType();
}

// A function type `(a: A) => R` or `<T>(a: T) => R`: parsed when it is one; false without
// consuming anything otherwise.
bool JsParser::atFunctionType()
{
    if (!at(JsPunctuator::Less) && !at(JsPunctuator::LeftParen))
        return false;
    const qsizetype key = memoKey(m_token.start, FunctionType);
    if (m_failedSpeculations.contains(key))
        return false;
    const Snapshot mark = snapshot();
    if (at(JsPunctuator::Less) && !parseTypeParameters()) {
        rewind(mark);
        m_failedSpeculations.insert(key);
        return false;
    }
    if (parseFunctionTypeParams() && at(JsPunctuator::Arrow)) {
        next();
        const qsizetype returnStart = m_token.start;
        Q_UNUSED(returnStart);
        // The return type may be a predicate.
        if ((at(JsKeyword::Asserts) || m_token.kind == JsTokenKind::Identifier) && !failed()) {
            const JsToken after = peekToken();
            if (at(JsKeyword::Asserts) && after.kind == JsTokenKind::Identifier && !after.newlineBefore
                && !after.is(JsKeyword::Is)) {
                next();
                next();
                if (at(JsKeyword::Is)) {
                    next();
                    parseType();
                }
                return true;
            }
            if (after.is(JsKeyword::Is) && !after.newlineBefore) {
                next();
                next();
                parseType();
                return true;
            }
        }
        parseType();
        return true;
    }
    rewind(mark);
    m_failedSpeculations.insert(key);
    return false;
}

bool JsParser::parseFunctionTypeParams()
{
    if (!expect(JsPunctuator::LeftParen))
        return false;
    while (!at(JsPunctuator::RightParen)) {
        if (failed())
            return false;
        while (m_ts && m_token.kind == JsTokenKind::Identifier && isModifierKeyword(m_token.keyword)
            && peekToken().kind == JsTokenKind::Identifier)
            next();
        eat(JsPunctuator::Ellipsis);
        if (at(JsKeyword::This)) {
            next();
        } else if (parseBindingTarget() < 0) {
            return false;
        }
        eat(JsPunctuator::Question);
        if (eat(JsPunctuator::Colon) && !parseType())
            return false;
        if (eat(JsPunctuator::Assign) && parseAssignment() < 0)
            return false;
        if (!eat(JsPunctuator::Comma))
            break;
    }
    return expect(JsPunctuator::RightParen);
}

bool JsParser::parseUnionType()
{
    eat(JsPunctuator::Bar);
    if (!parseIntersectionType())
        return false;
    while (eat(JsPunctuator::Bar)) {
        if (!parseIntersectionType())
            return false;
    }
    return !failed();
}

bool JsParser::parseIntersectionType()
{
    eat(JsPunctuator::Ampersand);
    if (!parseTypeOperator())
        return false;
    while (eat(JsPunctuator::Ampersand)) {
        if (!parseTypeOperator())
            return false;
    }
    return !failed();
}

bool JsParser::parseTypeOperator()
{
    DepthGuard guard(*this);
    if (failed())
        return false;
    if ((at(JsKeyword::Keyof) || at(JsKeyword::Unique) || at(JsKeyword::Readonly)) && !m_token.isEscaped()) {
        const JsToken after = peekToken();
        if (after.kind == JsTokenKind::Identifier || after.is(JsPunctuator::LeftParen)
            || after.is(JsPunctuator::LeftBracket) || after.is(JsPunctuator::LeftBrace)
            || after.kind == JsTokenKind::StringLiteral) {
            next();
            return parseTypeOperator();
        }
    }
    if (at(JsKeyword::Infer) && !m_token.isEscaped() && peekToken().kind == JsTokenKind::Identifier) {
        next();
        next();
        return !failed();
    }
    return parsePostfixType();
}

bool JsParser::parsePostfixType()
{
    if (!parsePrimaryType())
        return false;
    while (at(JsPunctuator::LeftBracket) && !m_token.newlineBefore) {
        next();
        if (eat(JsPunctuator::RightBracket))
            continue;
        if (!parseType() || !expect(JsPunctuator::RightBracket))
            return false;
    }
    return !failed();
}

bool JsParser::parseEntityName()
{
    if (!atIdentifierName()) {
        unexpected();
        return false;
    }
    next();
    while (at(JsPunctuator::Dot)) {
        next();
        if (!atIdentifierName()) {
            unexpected();
            return false;
        }
        next();
    }
    return !failed();
}

bool JsParser::parsePrimaryType()
{
    DepthGuard guard(*this);
    if (failed())
        return false;
    switch (m_token.kind) {
    case JsTokenKind::StringLiteral:
    case JsTokenKind::NumericLiteral:
    case JsTokenKind::BigIntLiteral:
    case JsTokenKind::TemplateNoSubstitution:
        next();
        return !failed();
    case JsTokenKind::TemplateHead: // a template literal type
        next();
        for (;;) {
            if (!parseType())
                return false;
            if (at(JsPunctuator::RightBrace)) {
                const qsizetype before = m_lexErrors;
                m_token = m_lexer.rescanTemplateContinuation(m_token);
                m_tokenHasError = m_lexer.errors().size() > before;
            }
            if (m_token.kind == JsTokenKind::TemplateMiddle) {
                next();
                continue;
            }
            if (m_token.kind == JsTokenKind::TemplateTail) {
                next();
                return !failed();
            }
            unexpected();
            return false;
        }
    case JsTokenKind::Punctuator:
        switch (m_token.punctuator) {
        case JsPunctuator::LeftParen:
            next();
            if (!parseType())
                return false;
            return expect(JsPunctuator::RightParen);
        case JsPunctuator::LeftBrace:
            return parseTypeMembers();
        case JsPunctuator::LeftBracket:
            return parseTupleType();
        case JsPunctuator::Minus:
            next();
            if (m_token.kind != JsTokenKind::NumericLiteral && m_token.kind != JsTokenKind::BigIntLiteral) {
                unexpected();
                return false;
            }
            next();
            return !failed();
        case JsPunctuator::Star: // JSDoc `*`
        case JsPunctuator::Question:
            next();
            return !failed();
        default:
            unexpected();
            return false;
        }
    case JsTokenKind::Identifier:
        if (at(JsKeyword::Typeof) && !m_token.isEscaped()) {
            next();
            if (at(JsKeyword::Import)) {
                next();
                if (!expect(JsPunctuator::LeftParen))
                    return false;
                next();
                if (!expect(JsPunctuator::RightParen))
                    return false;
                if (eat(JsPunctuator::Dot) && !parseEntityName())
                    return false;
            } else if (!parseEntityName()) {
                return false;
            }
            if (at(JsPunctuator::Less) && !m_token.newlineBefore)
                return parseTypeArguments();
            return true;
        }
        if (at(JsKeyword::Import) && !m_token.isEscaped()) {
            next();
            if (!expect(JsPunctuator::LeftParen))
                return false;
            next();
            if (!expect(JsPunctuator::RightParen))
                return false;
            if (eat(JsPunctuator::Dot) && !parseEntityName())
                return false;
            if (at(JsPunctuator::Less) && !m_token.newlineBefore)
                return parseTypeArguments();
            return true;
        }
        if (at(JsKeyword::This) && !m_token.isEscaped()) {
            next();
            return !failed();
        }
        if (!parseEntityName())
            return false;
        if (at(JsPunctuator::Less) && !m_token.newlineBefore)
            return parseTypeArguments();
        return true;
    default:
        unexpected();
        return false;
    }
}

bool JsParser::parseTupleType()
{
    next(); // [
    while (!at(JsPunctuator::RightBracket)) {
        if (failed())
            return false;
        eat(JsPunctuator::Ellipsis);
        // A named member `name: T` or `name?: T`.
        if (atIdentifierName()) {
            const JsToken after = peekToken();
            if (after.is(JsPunctuator::Colon)) {
                next();
                next();
            } else if (after.is(JsPunctuator::Question)) {
                const Snapshot mark = snapshot();
                next();
                next();
                if (!eat(JsPunctuator::Colon))
                    rewind(mark);
            }
        }
        if (!parseType())
            return false;
        eat(JsPunctuator::Question);
        if (!eat(JsPunctuator::Comma))
            break;
    }
    return expect(JsPunctuator::RightBracket);
}

bool JsParser::parseTypeMembers()
{
    if (!expect(JsPunctuator::LeftBrace))
        return false;
    while (!at(JsPunctuator::RightBrace)) {
        if (failed() || atEnd()) {
            unexpected();
            return false;
        }
        DepthGuard guard(*this);
        if (failed())
            return false;
        // Modifiers.
        if ((at(JsPunctuator::Plus) || at(JsPunctuator::Minus)) && peekToken().is(JsKeyword::Readonly))
            next();
        if (at(JsKeyword::Readonly) && !m_token.isEscaped()) {
            const JsToken after = peekToken();
            if (after.kind == JsTokenKind::Identifier || after.kind == JsTokenKind::StringLiteral
                || after.kind == JsTokenKind::NumericLiteral || after.is(JsPunctuator::LeftBracket))
                next();
        }
        if ((at(JsKeyword::Get) || at(JsKeyword::Set)) && !m_token.isEscaped()) {
            const JsToken after = peekToken();
            if (after.kind == JsTokenKind::Identifier || after.kind == JsTokenKind::StringLiteral
                || after.kind == JsTokenKind::NumericLiteral || after.is(JsPunctuator::LeftBracket))
                next();
        }
        bool signature = false;
        if (at(JsPunctuator::LeftParen) || at(JsPunctuator::Less)) {
            signature = true; // call signature
        } else if (at(JsKeyword::New)
            && (peekToken().is(JsPunctuator::LeftParen) || peekToken().is(JsPunctuator::Less))) {
            next();
            signature = true; // construct signature
        } else if (at(JsPunctuator::LeftBracket)) {
            next();
            if (atIdentifierName() && peekToken().is(JsKeyword::In)) { // mapped type
                next();
                next();
                if (!parseType())
                    return false;
                if (eat(JsKeyword::As) && !parseType())
                    return false;
                if (!expect(JsPunctuator::RightBracket))
                    return false;
                if (at(JsPunctuator::Plus) || at(JsPunctuator::Minus))
                    next();
                eat(JsPunctuator::Question);
                if (eat(JsPunctuator::Colon) && !parseType())
                    return false;
            } else if (atIdentifierName() && peekToken().is(JsPunctuator::Colon)) { // index signature
                next();
                next();
                if (!parseType() || !expect(JsPunctuator::RightBracket))
                    return false;
                if (eat(JsPunctuator::Colon) && !parseType())
                    return false;
            } else { // computed name `[Symbol.iterator]`
                if (!parseEntityName() || !expect(JsPunctuator::RightBracket))
                    return false;
                eat(JsPunctuator::Question);
                if (at(JsPunctuator::LeftParen) || at(JsPunctuator::Less))
                    signature = true;
                else if (eat(JsPunctuator::Colon) && !parseType())
                    return false;
            }
        } else {
            if (m_token.kind != JsTokenKind::Identifier && m_token.kind != JsTokenKind::StringLiteral
                && m_token.kind != JsTokenKind::NumericLiteral) {
                unexpected();
                return false;
            }
            next();
            eat(JsPunctuator::Question);
            if (at(JsPunctuator::LeftParen) || at(JsPunctuator::Less))
                signature = true;
            else if (eat(JsPunctuator::Colon) && !parseType())
                return false;
        }
        if (signature) {
            if (at(JsPunctuator::Less) && !parseTypeParameters())
                return false;
            if (!parseFunctionTypeParams())
                return false;
            if (at(JsPunctuator::Colon)) {
                const qsizetype ranges = m_ast.m_typeScriptRanges.size();
                if (!parseReturnType())
                    return false;
                m_ast.m_typeScriptRanges.resize(ranges);
            }
        }
        if (!eat(JsPunctuator::Semicolon) && !eat(JsPunctuator::Comma) && !at(JsPunctuator::RightBrace)
            && !m_token.newlineBefore) {
            unexpected();
            return false;
        }
    }
    next();
    return !failed();
}

bool JsParser::parseTypeParameters()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::Less))
        return false;
    while (!at(JsPunctuator::Greater)) {
        if (failed())
            return false;
        while ((at(JsKeyword::Const) || at(JsKeyword::In) || tokenText(m_token) == u"out")
            && peekToken().kind == JsTokenKind::Identifier)
            next();
        if (!atIdentifierName() || m_token.isKeyword()) {
            unexpected();
            return false;
        }
        next();
        if (eat(JsKeyword::Extends) && !parseType())
            return false;
        if (eat(JsPunctuator::Assign) && !parseType())
            return false;
        if (!eat(JsPunctuator::Comma))
            break;
    }
    if (!splitGreater()) {
        unexpected();
        return false;
    }
    stripTypeScript(start, m_previousEnd);
    return true;
}

bool JsParser::parseTypeArguments()
{
    const qsizetype start = m_token.start;
    if (!expect(JsPunctuator::Less))
        return false;
    while (!at(JsPunctuator::Greater)) {
        if (failed())
            return false;
        if (!parseType())
            return false;
        if (!eat(JsPunctuator::Comma))
            break;
    }
    if (!splitGreater()) {
        unexpected();
        return false;
    }
    stripTypeScript(start, m_previousEnd);
    return true;
}

bool JsParser::tryTypeArgumentsInExpression()
{
    const qsizetype start = m_token.start;
    const qsizetype key = memoKey(start, TypeArguments);
    if (m_failedSpeculations.contains(key))
        return false;
    const Snapshot mark = snapshot();
    bool ok = parseTypeArguments();
    if (ok) {
        // `a < b >= c` is a comparison: the closing `>` must not be glued to `=` or `>`.
        const bool glued = m_token.start == m_previousEnd && m_token.kind == JsTokenKind::Punctuator
            && (tokenText(m_token).startsWith(u'=') || tokenText(m_token).startsWith(u'>'));
        if (glued) {
            ok = false;
        } else if (at(JsPunctuator::LeftParen) || m_token.kind == JsTokenKind::TemplateNoSubstitution
            || m_token.kind == JsTokenKind::TemplateHead) {
            ok = true;
        } else if (at(JsPunctuator::Less) || at(JsPunctuator::Greater) || at(JsPunctuator::Plus)
            || at(JsPunctuator::Minus)) {
            ok = false;
        } else {
            ok = m_token.newlineBefore || !canStartExpression(m_token)
                || (m_token.kind == JsTokenKind::Punctuator && punctuatorPrecedence(m_token.punctuator) > 0)
                || at(JsKeyword::In) || at(JsKeyword::Instanceof) || at(JsKeyword::As) || at(JsKeyword::Satisfies);
        }
    }
    if (!ok) {
        rewind(mark);
        m_failedSpeculations.insert(key);
        return false;
    }
    stripTypeScript(start, m_previousEnd);
    return true;
}

} // namespace Authdesk
