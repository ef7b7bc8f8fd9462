#include "jslowering.h"

#include "jslexer.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

using Side = SourceEditor::Side;

constexpr int kMaxDepth = 4000;

bool isIdentifierPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c.unicode() > 0x7F;
}

bool isLineTerminator(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar(0x2028) || c == QChar(0x2029);
}

// `name` occurs in `text` as a whole word.
bool containsWord(QStringView text, QStringView name)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = text.indexOf(name, from);
        if (at < 0)
            return false;
        const qsizetype end = at + name.size();
        if ((at == 0 || !isIdentifierPart(text.at(at - 1))) && (end >= text.size() || !isIdentifierPart(text.at(end))))
            return true;
        from = at + 1;
    }
}

// A double-quoted JavaScript string literal.
QString quoted(QStringView value)
{
    QString out = u"\""_s;
    for (QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case 0x2028:
            out += u"\\u2028"_s;
            break;
        case 0x2029:
            out += u"\\u2029"_s;
            break;
        default:
            out += c;
        }
    }
    return out + u'"';
}

// An ASCII identifier name (for `object.name`); anything else goes in brackets, which is always
// right (U+FFFD, for one, is no identifier character).
bool isIdentifierName(QStringView name)
{
    if (name.isEmpty() || name.at(0).isDigit())
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'$'))
            return false;
    }
    return true;
}

// `object.name` or `object["name"]`.
QString memberAccess(const QString &object, const QString &name)
{
    if (isIdentifierName(name))
        return object + u'.' + name;
    return object + u'[' + quoted(name) + u']';
}

// The value of a numeric literal, when it is a plain number.
std::optional<double> numericValue(QStringView literal)
{
    QString text = literal.toString().remove(u'_');
    bool ok = false;
    double value = 0;
    if (text.size() > 2 && text.at(0) == u'0' && (text.at(1) == u'x' || text.at(1) == u'X'))
        value = double(text.mid(2).toULongLong(&ok, 16));
    else if (text.size() > 2 && text.at(0) == u'0' && (text.at(1) == u'o' || text.at(1) == u'O'))
        value = double(text.mid(2).toULongLong(&ok, 8));
    else if (text.size() > 2 && text.at(0) == u'0' && (text.at(1) == u'b' || text.at(1) == u'B'))
        value = double(text.mid(2).toULongLong(&ok, 2));
    else
        value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QString numberText(double value)
{
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 17);
}

} // namespace

JsLowering::JsLowering(const JsAst &ast, const Options &options, SourceEditor &editor)
    : m_ast(ast)
    , m_options(options)
    , m_features(options.features)
    , m_editor(editor)
    , m_source(ast.source())
{
}

JsLowering::Result JsLowering::lower(const JsAst &ast, const Options &options, SourceEditor &editor)
{
    JsLowering lowering(ast, options, editor);
    if (ast.root() >= 0)
        lowering.visitProgram(ast.root());
    return {lowering.m_error, lowering.m_isModule};
}

void JsLowering::fail(qsizetype offset, const QString &message, ScriptError::Kind kind)
{
    if (!m_error)
        m_error = Error {offset, message, kind};
}

// --- Names and text ------------------------------------------------------------------------------

QString JsLowering::freshName(const QString &base)
{
    for (int i = 0;; ++i) {
        const QString name = i == 0 ? base : base + QString::number(i);
        if (m_allocated.contains(name) || containsWord(m_source, name))
            continue;
        m_allocated.insert(name);
        return name;
    }
}

QString JsLowering::temp()
{
    QString name;
    for (char16_t letter = u'a'; letter <= u'z' && name.isEmpty(); ++letter) {
        const QString candidate = u"_"_s + QChar(letter);
        if (!m_allocated.contains(candidate) && !containsWord(m_source, candidate)) {
            m_allocated.insert(candidate);
            name = candidate;
        }
    }
    if (name.isEmpty())
        name = freshName(u"_t"_s);
    if (!m_scopes.isEmpty())
        m_scopes.last().temps.append(name);
    return name;
}

qsizetype JsLowering::skipTrivia(qsizetype from, qsizetype to) const
{
    qsizetype i = from;
    while (i < to) {
        const QChar c = m_source.at(i);
        if (c.isSpace() || c == QChar(0xFEFF)) {
            ++i;
        } else if (c == u'/' && i + 1 < to && m_source.at(i + 1) == u'/') {
            while (i < to && !isLineTerminator(m_source.at(i)))
                ++i;
        } else if (c == u'/' && i + 1 < to && m_source.at(i + 1) == u'*') {
            const qsizetype end = m_source.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? to : end + 2;
        } else {
            break;
        }
    }
    return i;
}

qsizetype JsLowering::findPunctuator(qsizetype from, qsizetype to, QStringView punctuator) const
{
    // Skips trivia and TypeScript text (already removed from the output) between two nodes.
    qsizetype i = skipTrivia(from, to);
    for (const JsRange &range : m_ast.typeScriptRanges()) {
        if (range.start <= i && range.end > i)
            i = skipTrivia(range.end, to);
    }
    if (i + punctuator.size() <= to && QStringView(m_source).mid(i, punctuator.size()) == punctuator)
        return i;
    return -1;
}

QString JsLowering::separated(const QString &name, qsizetype start, qsizetype end) const
{
    // `const{a,...r}of` -> `const _t of`, not `const_tof`.
    // The neighbours may also be TypeScript text that is removed (`{...r}!of`): only whitespace
    // and punctuation that always ends a token are safe to touch.
    const auto safe = [](QChar c) {
        return c.isSpace() || c == u',' || c == u'(' || c == u')' || c == u'[' || c == u']' || c == u'{' || c == u'}'
            || c == u';' || c == u'=' || c == u':';
    };
    QString text = name;
    if (start > 0 && !safe(m_source.at(start - 1)))
        text.prepend(u' ');
    if (end < m_source.size() && !safe(m_source.at(end)))
        text.append(u' ');
    return text;
}

QString JsLowering::javaScriptText(int n) const
{
    const JsNode &x = node(n);
    QString out;
    qsizetype position = x.start;
    for (const JsRange &range : m_ast.typeScriptRanges()) {
        if (range.end <= position)
            continue;
        if (range.start >= x.end)
            break;
        out += QStringView(m_source).mid(position, std::max(range.start, position) - position);
        out += u' ';
        position = std::min(range.end, x.end);
    }
    out += QStringView(m_source).mid(position, x.end - position);
    return out;
}

QString JsLowering::stringValue(int stringLiteral) const
{
    JsToken token;
    token.kind = JsTokenKind::StringLiteral;
    token.start = node(stringLiteral).start;
    token.end = node(stringLiteral).end;
    return JsLexer::value(token, m_source);
}

QString JsLowering::keyString(int key) const
{
    switch (node(key).kind) {
    case JsNodeKind::Name:
    case JsNodeKind::Identifier:
        return quoted(text(key));
    case JsNodeKind::StringLiteral:
    case JsNodeKind::NumericLiteral:
        return textOf(key);
    default:
        return {};
    }
}

int JsLowering::lineBreaks(qsizetype start, qsizetype end) const
{
    int count = 0;
    for (qsizetype i = start; i < end && i < m_source.size(); ++i) {
        const QChar c = m_source.at(i);
        if (c == u'\r') {
            if (i + 1 < end && m_source.at(i + 1) == u'\n')
                ++i;
            ++count;
        } else if (c == u'\n' || c == QChar(0x2028) || c == QChar(0x2029)) {
            ++count;
        }
    }
    return count;
}

QString JsLowering::keepLines(const QString &replacement, qsizetype start, qsizetype end) const
{
    const int breaks = lineBreaks(start, end);
    return breaks > 0 ? replacement + QString(breaks, u'\n') : replacement;
}

qsizetype JsLowering::bodyPrologueEnd(int block) const
{
    qsizetype at = node(block).start + 1;
    for (int statement : m_ast.children(block)) {
        const JsNode &n = node(statement);
        if (n.kind != JsNodeKind::ExpressionStatement || node(child(statement, 0)).kind != JsNodeKind::StringLiteral)
            break;
        at = n.end;
    }
    return at;
}

// --- The walk ------------------------------------------------------------------------------------

void JsLowering::stripTypeScriptRanges()
{
    // Removed text between two tokens keeps them apart: `A<T>extends` -> `A extends`,
    // `1!.x` -> `1 .x` (not the number `1.`), `a+<T>+b` -> `a+ +b`.
    const auto separates = [](QChar c) {
        return c.isSpace() || c == u'(' || c == u')' || c == u'[' || c == u']' || c == u'{' || c == u'}' || c == u','
            || c == u';';
    };
    for (const JsRange &range : m_ast.typeScriptRanges()) {
        const bool glue = range.start > 0 && range.end < m_source.size() && !separates(m_source.at(range.start - 1))
            && !separates(m_source.at(range.end));
        // A return type that spans lines before `=>`: its line breaks go after the `=>`, which no
        // line break may precede.
        qsizetype next = range.end;
        while (next < m_source.size() && (m_source.at(next) == u' ' || m_source.at(next) == u'\t'))
            ++next;
        const int breaks = lineBreaks(range.start, range.end);
        if (breaks > 0 && QStringView(m_source).mid(next, 2) == u"=>") {
            m_editor.replace(range.start, range.end, glue ? u" "_s : QString());
            m_editor.insert(next + 2, QString(breaks, u'\n'), Side::After);
            continue;
        }
        m_editor.replace(range.start, range.end, keepLines(glue ? u" "_s : QString(), range.start, range.end));
    }
}

void JsLowering::collectReferences(int root)
{
    // Iterative: identifiers used as values anywhere (TypeScript elides imports used only as types).
    QList<int> stack {root};
    while (!stack.isEmpty()) {
        const int n = stack.takeLast();
        const JsNode &current = node(n);
        switch (current.kind) {
        case JsNodeKind::Import:
        case JsNodeKind::ImportEquals:
            continue;
        case JsNodeKind::Identifier:
            m_valueReferences.insert(textOf(n));
            continue;
        case JsNodeKind::ExportNamed:
            if (childCount(n) > 0 && node(child(n, childCount(n) - 1)).kind == JsNodeKind::StringLiteral)
                continue;
            for (int specifier : m_ast.children(n)) {
                if (!node(specifier).has(JsNodeFlag::TypeOnly))
                    m_valueReferences.insert(textOf(child(specifier, 0)));
            }
            continue;
        case JsNodeKind::ExportDefault:
            if (node(child(n, 0)).kind == JsNodeKind::Identifier)
                m_valueReferences.insert(textOf(child(n, 0)));
            break;
        default:
            break;
        }
        for (int c : m_ast.children(n))
            stack.append(c);
    }
}

void JsLowering::collectBindingNames(int pattern, QStringList *names) const
{
    switch (node(pattern).kind) {
    case JsNodeKind::Identifier:
        names->append(textOf(pattern));
        break;
    case JsNodeKind::ObjectPattern:
        for (int property : m_ast.children(pattern))
            collectBindingNames(
                node(property).kind == JsNodeKind::Rest ? child(property, 0) : child(property, 1), names);
        break;
    case JsNodeKind::ArrayPattern:
        for (int element : m_ast.children(pattern))
            collectBindingNames(element, names);
        break;
    case JsNodeKind::AssignPattern:
    case JsNodeKind::Rest:
        collectBindingNames(child(pattern, 0), names);
        break;
    default:
        break;
    }
}

bool JsLowering::containsObjectRest(int pattern) const
{
    switch (node(pattern).kind) {
    case JsNodeKind::ObjectPattern:
        for (int property : m_ast.children(pattern)) {
            if (node(property).kind == JsNodeKind::Rest || containsObjectRest(child(property, 1)))
                return true;
        }
        return false;
    case JsNodeKind::ArrayPattern:
        for (int element : m_ast.children(pattern)) {
            if (containsObjectRest(element))
                return true;
        }
        return false;
    case JsNodeKind::AssignPattern:
    case JsNodeKind::Rest:
        return containsObjectRest(child(pattern, 0));
    default:
        return false;
    }
}

void JsLowering::visitProgram(int program)
{
    if (m_source.startsWith(u"#!"_s))
        m_editor.replace(0, 2, u"//"_s);
    m_isModule = m_ast.firstModuleSyntax() >= 0;
    stripTypeScriptRanges();
    if (m_ast.isTypeScript())
        collectReferences(program);
    // The names the module declares as values, for `export { x }`.
    for (int statement : m_ast.children(program)) {
        int declaration = statement;
        if (node(statement).kind == JsNodeKind::ExportDeclaration)
            declaration = child(statement, 0);
        switch (node(declaration).kind) {
        case JsNodeKind::VariableDeclaration:
            for (int declarator : m_ast.children(declaration)) {
                QStringList names;
                collectBindingNames(child(declarator, 0), &names);
                for (const QString &name : std::as_const(names))
                    m_topLevelValues.insert(name);
            }
            break;
        case JsNodeKind::FunctionDeclaration:
        case JsNodeKind::ClassDeclaration:
        case JsNodeKind::Enum:
        case JsNodeKind::ImportEquals:
            if (childCount(declaration) > 0 && node(child(declaration, 0)).kind == JsNodeKind::Identifier)
                m_topLevelValues.insert(textOf(child(declaration, 0)));
            break;
        case JsNodeKind::Import:
            for (int specifier : m_ast.children(declaration)) {
                if (node(specifier).kind == JsNodeKind::ImportSpecifier)
                    m_topLevelValues.insert(textOf(child(specifier, childCount(specifier) - 1)));
            }
            break;
        default:
            break;
        }
    }
    if (m_isModule)
        m_editor.insert(0, u"\"use strict\";"_s);
    qsizetype prologue = 0; // after the directives ('use strict')
    for (int statement : m_ast.children(program)) {
        if (node(statement).kind != JsNodeKind::ExpressionStatement
            || node(child(statement, 0)).kind != JsNodeKind::StringLiteral)
            break;
        prologue = node(statement).end;
    }
    Scope scope;
    scope.placeholder = m_editor.insert(prologue, QString());
    m_importsAt = prologue;
    m_scopes.append(scope);
    visit(program);
    const Scope closed = m_scopes.takeLast();
    if (!closed.temps.isEmpty())
        m_editor.setText(closed.placeholder, u"var "_s + closed.temps.join(u", "_s) + u"; "_s);
    if (!m_epilogue.isEmpty())
        m_editor.insert(m_source.size(), u"\n"_s + m_epilogue.join(u' '));
}

void JsLowering::visitChildren(int n)
{
    for (int c : m_ast.children(n)) {
        if (failed())
            return;
        visit(c);
    }
}

void JsLowering::visit(int n)
{
    if (failed())
        return;
    if (++m_depth > kMaxDepth) {
        fail(node(n).start, u"nested too deeply"_s, ScriptError::Kind::Syntax);
        --m_depth;
        return;
    }
    const JsNode &current = node(n);

    // Statements that ended by automatic semicolon insertion get an explicit `;`: the lowering may
    // insert text (`(`) at the start of the next statement that would otherwise continue them.
    const auto terminate = [this](int statement) {
        const JsNode &s = node(statement);
        switch (s.kind) {
        case JsNodeKind::ExpressionStatement:
        case JsNodeKind::VariableDeclaration:
        case JsNodeKind::Return:
        case JsNodeKind::Throw:
        case JsNodeKind::Break:
        case JsNodeKind::Continue:
        case JsNodeKind::Debugger:
        case JsNodeKind::DoWhile:
        case JsNodeKind::ExportDefault:
        case JsNodeKind::ExportAssignment:
            if (s.end > s.start && m_source.at(s.end - 1) != u';'
                && (m_source.at(s.end - 1) != u'}' || s.kind == JsNodeKind::ExportDefault
                    || s.kind == JsNodeKind::ExpressionStatement || s.kind == JsNodeKind::VariableDeclaration
                    || s.kind == JsNodeKind::Return || s.kind == JsNodeKind::Throw))
                m_editor.insert(s.end, u";"_s, Side::After);
            break;
        default:
            break;
        }
    };
    switch (current.kind) {
    case JsNodeKind::Program:
    case JsNodeKind::Block:
        for (int c : m_ast.children(n))
            terminate(c);
        break;
    case JsNodeKind::SwitchCase:
        for (int i = current.has(JsNodeFlag::Default) ? 0 : 1; i < current.childCount; ++i)
            terminate(child(n, i));
        break;
    case JsNodeKind::If:
        for (int i = 1; i < current.childCount; ++i)
            terminate(child(n, i));
        break;
    case JsNodeKind::For:
        terminate(child(n, 3));
        break;
    case JsNodeKind::ForIn:
    case JsNodeKind::ForOf:
        terminate(child(n, 2));
        break;
    case JsNodeKind::While:
    case JsNodeKind::Labeled:
    case JsNodeKind::With:
        terminate(child(n, 1));
        break;
    case JsNodeKind::DoWhile:
        terminate(child(n, 0));
        break;
    default:
        break;
    }

    switch (current.kind) {
    case JsNodeKind::TypeOnly:
        m_editor.insert(current.start, u";"_s);
        break;
    case JsNodeKind::Import:
        visitImport(n);
        break;
    case JsNodeKind::ImportEquals: {
        m_isModule = true;
        const int source = child(n, 1);
        checkModule(source);
        m_editor.replace(current.start, current.end,
            keepLines(u"var "_s + textOf(child(n, 0)) + u" = require("_s + textOf(source) + u");"_s, current.start,
                current.end));
        break;
    }
    case JsNodeKind::ExportNamed:
    case JsNodeKind::ExportDefault:
    case JsNodeKind::ExportDeclaration:
    case JsNodeKind::ExportAll:
    case JsNodeKind::ExportAssignment:
        visitExport(n);
        break;
    case JsNodeKind::Enum:
        visitEnum(n);
        break;
    case JsNodeKind::FunctionDeclaration:
    case JsNodeKind::Function:
    case JsNodeKind::Arrow:
    case JsNodeKind::Method:
        visitFunction(n);
        break;
    case JsNodeKind::ClassDeclaration:
    case JsNodeKind::Class:
        visitClass(n);
        break;
    case JsNodeKind::Object:
        visitObject(n);
        break;
    case JsNodeKind::Assign:
        visitAssign(n);
        break;
    case JsNodeKind::VariableDeclaration:
        visitVariableDeclaration(n);
        break;
    case JsNodeKind::ForIn:
    case JsNodeKind::ForOf:
        visitForInOf(n);
        break;
    case JsNodeKind::Catch:
        visitCatch(n);
        break;
    case JsNodeKind::Await:
        if (!m_context.inFunction) {
            fail(current.start, u"top-level await is not supported; await inside the exported function instead"_s);
            break;
        }
        if (m_context.inAsync) {
            // `yield` is a restricted production: a line break after it ends the expression, where
            // `await` carries on to its operand. An operand on a later line is parenthesised.
            const int operandStart = current.childCount > 0 ? m_ast.node(m_ast.child(n, 0)).start : current.end;
            bool lineBreak = false;
            for (int i = current.start + 5; i < operandStart; ++i) {
                const QChar c = m_source.at(i);
                lineBreak = lineBreak || c == u'\n' || c == u'\r' || c == u'\u2028' || c == u'\u2029';
            }
            m_editor.replace(current.start, current.start + 5, lineBreak ? u"(yield ("_s : u"(yield"_s);
            m_editor.insert(current.end, lineBreak ? u"))"_s : u")"_s, Side::After);
        }
        visitChildren(n);
        break;
    case JsNodeKind::NumericLiteral: {
        QString literal = textOf(n);
        bool changed = false;
        if (!m_features.numericSeparators && literal.contains(u'_')) {
            literal.remove(u'_');
            changed = true;
        }
        // Sloppy-mode 017 (octal) and 08 (decimal): Qt 6.4 rejects both.
        if (!m_features.legacyOctal && literal.size() > 1 && literal.at(0) == u'0' && literal.at(1).isDigit()) {
            bool octal = true;
            for (QChar c : literal) {
                if (c < u'0' || c > u'7')
                    octal = false;
            }
            const std::optional<double> value = octal ? std::optional<double>(double(literal.toULongLong(nullptr, 8)))
                                                      : numericValue(QStringView(literal).mid(1));
            if (value) {
                literal = numberText(*value);
                changed = true;
                // 0300.toString() is a member of 192, but 192.toString() would be the number `192.`.
                if (current.end < m_source.size() && m_source.at(current.end) == u'.' && !literal.contains(u'.')
                    && !literal.contains(u'e'))
                    literal += u' ';
            }
        }
        if (changed)
            m_editor.replace(current.start, current.end, literal);
        break;
    }
    case JsNodeKind::StringLiteral:
        if (!m_features.legacyOctal && text(n).contains(u'\\'))
            lowerLegacyOctalEscapes(n);
        break;
    case JsNodeKind::BigIntLiteral:
        if (!m_features.bigInt)
            fail(current.start, u"BigInt literals are not supported by Qt 6.4's JavaScript engine"_s);
        break;
    case JsNodeKind::RegExp:
        visitRegExp(n);
        break;
    case JsNodeKind::Member:
        if (isPrivateMember(n))
            lowerPrivateMember(n, PrivateUse::Read);
        else
            visitMember(n);
        break;
    case JsNodeKind::Update:
        if (isPrivateMember(child(n, 0)))
            lowerPrivateMember(child(n, 0), PrivateUse::Update, n);
        else
            visitChildren(n);
        break;
    case JsNodeKind::Binary: {
        const int left = child(n, 0);
        if (current.keyword == JsKeyword::In && node(left).kind == JsNodeKind::PrivateName
            && !m_features.privateMembers) {
            // #x in o -> __authdeskPrivateIn(_KClass, "#x", o)
            const std::optional<QString> record = privateRecord(left);
            if (!record)
                break;
            const int right = child(n, 1);
            m_editor.replace(node(left).start, node(right).start,
                u"__authdeskPrivateIn("_s + *record + u", "_s + quoted(text(left)) + u", "_s);
            m_editor.insert(node(right).end, u")"_s, Side::After);
            visit(right);
            break;
        }
        visitChildren(n);
        break;
    }
    case JsNodeKind::TaggedTemplate:
        if (isPrivateMember(child(n, 0))) {
            fail(current.start, u"a private method as a template tag is not supported; call it with the template's parts"_s);
            break;
        }
        visitChildren(n);
        break;
    case JsNodeKind::Call: {
        const int callee = child(n, 0);
        if (isPrivateMember(callee)) {
            lowerPrivateMember(callee, PrivateUse::Call, n);
            break;
        }
        if (!m_context.superHelper.isEmpty() && node(callee).kind == JsNodeKind::Member
            && node(child(callee, 0)).kind == JsNodeKind::Super) {
            // super.m(args) inside a lowered async method: helper('m').call(this, args)
            const int arguments = child(n, 1);
            m_editor.insert(node(arguments).start + 1, childCount(arguments) > 0 ? u"this, "_s : u"this"_s);
            visitMember(callee);
            m_editor.insert(node(callee).end, u".call"_s, Side::After);
            visit(arguments);
            break;
        }
        visitChildren(n);
        break;
    }
    case JsNodeKind::ImportCall: {
        m_editor.replace(current.start, current.start + 6, u"__authdeskImport"_s);
        const int specifier = child(n, 0);
        if (node(specifier).kind == JsNodeKind::StringLiteral)
            checkModule(specifier);
        visitChildren(n);
        break;
    }
    case JsNodeKind::MetaProperty:
        if (current.keyword == JsKeyword::Import)
            fail(current.start, u"import.meta is not supported in connector scripts"_s);
        break;
    case JsNodeKind::PrivateName:
        // The key of a private method or accessor: a string key, taken off the class into its
        // record by __authdeskClassInstall.
        if (!m_features.privateMembers && privateRecord(n))
            m_editor.replace(current.start, current.end, quoted(text(n)));
        break;
    default:
        visitChildren(n);
        break;
    }
    --m_depth;
}

// --- Functions -----------------------------------------------------------------------------------

bool JsLowering::usesSuper(int n) const
{
    QList<int> stack {n};
    while (!stack.isEmpty()) {
        const int current = stack.takeLast();
        switch (node(current).kind) {
        case JsNodeKind::Super:
            return true;
        case JsNodeKind::Function:
        case JsNodeKind::FunctionDeclaration:
        case JsNodeKind::Method:
        case JsNodeKind::Class:
        case JsNodeKind::ClassDeclaration:
            continue; // their own `super`
        default:
            break;
        }
        for (int c : m_ast.children(current))
            stack.append(c);
    }
    return false;
}

bool JsLowering::usesArguments(int n) const
{
    QList<int> stack {n};
    while (!stack.isEmpty()) {
        const int current = stack.takeLast();
        switch (node(current).kind) {
        case JsNodeKind::Identifier:
            if (text(current) == u"arguments")
                return true;
            continue;
        case JsNodeKind::Function:
        case JsNodeKind::FunctionDeclaration:
        case JsNodeKind::Method:
            if (current != n)
                continue; // their own arguments
            break;
        default:
            break;
        }
        for (int c : m_ast.children(current))
            stack.append(c);
    }
    return false;
}

void JsLowering::visitFunction(int function)
{
    const JsNode &fn = node(function);
    const bool isArrow = fn.kind == JsNodeKind::Arrow;
    const bool isMethod = fn.kind == JsNodeKind::Method;
    const bool isAsync = fn.has(JsNodeFlag::Async);
    const int count = fn.childCount;
    const int params = child(function, count - 2);
    const int body = child(function, count - 1);
    const bool expressionBody = fn.has(JsNodeFlag::ExpressionBody);
    const bool lowerAsync = isAsync && !m_features.asyncFunctions;
    if (isAsync && fn.has(JsNodeFlag::Generator) && !m_features.asyncFunctions) {
        fail(fn.start, u"async generator functions are not supported by Qt 6.4's JavaScript engine"_s);
        return;
    }
    if (isMethod) {
        visit(child(function, 0)); // the key (computed keys belong to the outside)
    }
    if (failed())
        return;

    if (lowerAsync && fn.aux >= 0)
        m_editor.replace(fn.aux, fn.aux + 5, QString());
    QString superHelper;
    if (isMethod && lowerAsync && usesSuper(body)) {
        superHelper = freshName(u"_super"_s);
        m_editor.insert(node(body).start + 1, u" var "_s + superHelper + u" = (name) => super[name];"_s);
    }

    // The parameters whose patterns hold an object rest become temporaries, destructured in the body.
    QList<int> restParams;
    if (!m_features.objectRest) {
        for (int param : m_ast.children(params)) {
            int pattern = param;
            if (node(param).kind == JsNodeKind::AssignPattern || node(param).kind == JsNodeKind::Rest)
                pattern = child(param, 0);
            if ((node(pattern).kind == JsNodeKind::ObjectPattern || node(pattern).kind == JsNodeKind::ArrayPattern)
                && containsObjectRest(pattern))
                restParams.append(pattern);
        }
    }

    // Parameters with initializers or patterns can throw; in an async function that rejects the
    // promise. So they move to the generator, which gets the arguments: `arguments` of a function,
    // the rest parameter that replaces an arrow's parameters (unless the arrow uses the `arguments`
    // around it). What stays keeps the function's length.
    QString argumentsText = u"arguments"_s;
    const auto moveParams = [&](qsizetype destination) {
        const JsAst::Children list = m_ast.children(params);
        const qsizetype first = node(*list.begin()).start;
        const qsizetype last = node(*(list.end() - 1)).end;
        QStringList kept;
        for (int param : list) {
            const JsNodeKind kind = node(param).kind;
            if (kind == JsNodeKind::AssignPattern || kind == JsNodeKind::Rest)
                break;
            kept.append(freshName(u"_p"_s));
        }
        if (isArrow) {
            // (_p, ..._args) => ...([_p].concat(_args)): the arrow's own arguments, and its length.
            const QString rest = freshName(u"_args"_s);
            argumentsText = kept.isEmpty() ? rest : u"["_s + kept.join(u", "_s) + u"].concat("_s + rest + u')';
            kept.append(u"..."_s + rest);
        }
        const qsizetype close = findPunctuator(last, node(params).end, u",");
        if (close >= 0)
            m_editor.remove(close, close + 1); // `(...args,)` would not parse
        m_editor.insert(first, kept.join(u", "_s)); // before the move: stays in place
        m_editor.insert(destination, u"function* ("_s);
        m_editor.move(first, last, destination);
    };
    bool simpleParams = true;
    for (int param : m_ast.children(params)) {
        const JsNodeKind kind = node(param).kind;
        if (kind != JsNodeKind::Identifier && !(kind == JsNodeKind::Rest && node(child(param, 0)).kind == JsNodeKind::Identifier))
            simpleParams = false;
    }
    const bool movesParams = lowerAsync && !simpleParams && (!isArrow || !usesArguments(function));

    int open = -1; // expression bodies: the text before the expression (and the temporaries)
    int returnAt = -1;
    int close = -1;
    qsizetype prologue = -1;
    Scope scope;
    if (expressionBody) {
        if (movesParams) {
            const int head = m_editor.insert(node(body).start, QString());
            moveParams(node(body).start);
            m_editor.setText(head, u"__authdeskAsync(this, "_s + argumentsText + u", "_s);
        }
        open = m_editor.insert(node(body).start, QString());
        close = m_editor.insert(node(body).end, QString(), Side::After);
        scope.placeholder = open;
        prologue = node(body).start;
    } else {
        if (lowerAsync && movesParams) {
            const int head = m_editor.insert(node(body).start + 1, QString());
            moveParams(node(body).start + 1);
            m_editor.setText(head, u" return __authdeskAsync(this, "_s + argumentsText + u", "_s);
            m_editor.insert(node(body).start + 1, u") {"_s);
            m_editor.insert(node(body).end - 1, u"});"_s);
        } else if (lowerAsync) {
            m_editor.insert(node(body).start + 1, u" return __authdeskAsync(this, arguments, function* () {"_s);
            m_editor.insert(node(body).end - 1, u"});"_s);
        }
        prologue = bodyPrologueEnd(body);
        scope.placeholder = m_editor.insert(prologue, QString());
    }
    for (int pattern : std::as_const(restParams)) {
        const QString name = freshName(u"_p"_s);
        m_editor.insert(node(pattern).start, separated(name, node(pattern).start, node(pattern).end));
        m_editor.insert(prologue, u"var "_s);
        m_editor.move(node(pattern).start, node(pattern).end, prologue);
        m_editor.insert(prologue, u" = "_s + name);
        lowerRestPattern(pattern, name, {prologue, Side::Before, -1, true});
        m_editor.insert(prologue, u"; "_s);
    }
    if (expressionBody)
        returnAt = m_editor.insert(node(body).start, QString());

    const Context outer = m_context;
    m_context.inFunction = true;
    m_context.inAsync = lowerAsync;
    if (!isArrow) {
        m_context.superHelper = superHelper;
    }
    visit(params);
    m_scopes.append(scope);
    visit(body);
    const Scope closed = m_scopes.takeLast();
    m_context = outer;

    const QString temps = closed.temps.isEmpty() ? QString() : u"var "_s + closed.temps.join(u", "_s) + u"; "_s;
    if (expressionBody) {
        if (lowerAsync && movesParams) {
            m_editor.setText(open, u") { "_s + temps);
            m_editor.setText(returnAt, u"return "_s);
            m_editor.setText(close, u"; })"_s);
        } else if (lowerAsync) {
            m_editor.setText(open, u"__authdeskAsync(this, arguments, function* () { "_s + temps);
            m_editor.setText(returnAt, u"return "_s);
            m_editor.setText(close, u"; })"_s);
        } else if (!restParams.isEmpty() || !temps.isEmpty()) {
            m_editor.setText(open, u"{ "_s + temps);
            m_editor.setText(returnAt, u"return "_s);
            m_editor.setText(close, u"; }"_s);
        }
    } else {
        m_editor.setText(closed.placeholder, temps);
    }
}

void JsLowering::visitMember(int member)
{
    const int object = child(member, 0);
    if (m_context.superHelper.isEmpty() || node(object).kind != JsNodeKind::Super) {
        visitChildren(member);
        return;
    }
    const JsNode &m = node(member);
    const int property = child(member, 1);
    if (m.has(JsNodeFlag::Computed)) {
        m_editor.replace(node(object).start, node(property).start, m_context.superHelper + u'(');
        m_editor.replace(node(property).end, m.end, u")"_s);
        visit(property);
    } else {
        m_editor.replace(node(object).start, m.end, m_context.superHelper + u'(' + quoted(text(property)) + u')');
    }
}

// --- Classes -------------------------------------------------------------------------------------

void JsLowering::visitClass(int klass)
{
    const JsNode &cls = node(klass);
    int name = -1;
    int heritage = -1;
    int body = -1;
    for (int c : m_ast.children(klass)) {
        switch (node(c).kind) {
        case JsNodeKind::Identifier:
            name = c;
            break;
        case JsNodeKind::Heritage:
            heritage = c;
            break;
        case JsNodeKind::ClassBody:
            body = c;
            break;
        default:
            break;
        }
    }
    if (heritage >= 0)
        visit(heritage);
    if (failed() || body < 0)
        return;

    // The private names the class declares: "#x" -> field, method, accessor (static ...).
    QMap<QString, QString> privateNames;
    QStringList privateOrder;
    bool instancePrivateMethods = false;
    for (int member : m_ast.children(body)) {
        const JsNode &m = node(member);
        if ((m.kind != JsNodeKind::Field && m.kind != JsNodeKind::Method) || node(child(member, 0)).kind != JsNodeKind::PrivateName)
            continue;
        const QString description = textOf(child(member, 0));
        const QString kind = m.kind == JsNodeKind::Field ? u"field"_s
            : m.has(JsNodeFlag::Getter) || m.has(JsNodeFlag::Setter) ? u"accessor"_s
                                                                        : u"method"_s;
        if (!privateNames.contains(description))
            privateOrder.append(description);
        privateNames.insert(description, (m.has(JsNodeFlag::Static) ? u"static "_s : QString()) + kind);
        if (m.kind == JsNodeKind::Method && !m.has(JsNodeFlag::Static))
            instancePrivateMethods = true;
    }
    const bool lowerPrivate = !privateNames.isEmpty() && !m_features.privateMembers;
    const bool lowerFields = !m_features.classFields || lowerPrivate;
    const bool lowerBlocks = !m_features.classStaticBlocks || lowerPrivate;

    int constructor = -1;
    QList<int> instanceFields;
    QList<int> staticMembers; // static fields and static blocks that are lowered
    for (int member : m_ast.children(body)) {
        const JsNode &m = node(member);
        if (m.kind == JsNodeKind::Method && m.has(JsNodeFlag::Constructor))
            constructor = member;
        else if (m.kind == JsNodeKind::Field && lowerFields)
            (m.has(JsNodeFlag::Static) ? staticMembers : instanceFields).append(member);
        else if (m.kind == JsNodeKind::StaticBlock && lowerBlocks)
            staticMembers.append(member);
    }
    QList<int> parameterProperties;
    if (constructor >= 0) {
        for (int param : m_ast.children(child(constructor, 1))) {
            if (node(param).has(JsNodeFlag::ParameterProperty))
                parameterProperties.append(node(param).kind == JsNodeKind::AssignPattern ? child(param, 0) : param);
        }
    }

    // A lowered class has a record (lowering.js) made before it: its private names, and the methods
    // the initializers become, taken off the class once it exists.
    const bool useRecord = lowerPrivate || !instanceFields.isEmpty() || !staticMembers.isEmpty();
    const bool isExpression = cls.kind == JsNodeKind::Class || name < 0;
    QString record;
    if (useRecord) {
        const QString className = name >= 0 ? textOf(name) : m_inferredNames.value(klass);
        record = freshName(u"_"_s + (className.isEmpty() ? u"class"_s : className + u"Class"_s));
        // A declaration's record is a `let` before it: each evaluation of the class (in a loop) has
        // its own private names. An expression's is a temporary of the function around it.
        if (isExpression && !m_scopes.isEmpty())
            m_scopes.last().temps.append(record);
    }
    QStringList spec;
    for (const QString &description : std::as_const(privateOrder))
        spec.append(quoted(description) + u": "_s + quoted(privateNames.value(description)));
    const QString makeRecord = record + u" = __authdeskClass("_s + (spec.isEmpty() ? QString() : u"{ "_s + spec.join(u", "_s) + u" }"_s) + u')';

    // Instance fields, the private brand and parameter properties: at the start of the constructor.
    const bool instanceWork = !instanceFields.isEmpty() || !parameterProperties.isEmpty() || (lowerPrivate && instancePrivateMethods);
    qsizetype at = -1;
    QString initializer; // derived classes: `var _init = function () { ... }`, called after each super()
    if (instanceWork) {
        if (constructor >= 0) {
            const int ctorBody = child(constructor, 2);
            at = bodyPrologueEnd(ctorBody);
            int statementCall = -1; // the usual case: one `super(...);` statement at the top level
            if (heritage >= 0) {
                for (int statement : m_ast.children(ctorBody)) {
                    if (node(statement).kind == JsNodeKind::ExpressionStatement) {
                        const int expression = child(statement, 0);
                        if (node(expression).kind == JsNodeKind::Call
                            && node(child(expression, 0)).kind == JsNodeKind::Super) {
                            statementCall = statement;
                            break;
                        }
                    }
                }
            }
            if (statementCall >= 0) {
                at = node(statementCall).end;
                m_editor.insert(at, u" "_s);
            } else if (heritage >= 0) {
                // `super(...)` -> `(super(...), _init.call(this), this)` wherever it is. A function,
                // not an arrow: QJSEngine 6.4 rejects an arrow using `this` created before super().
                initializer = freshName(u"_init"_s);
                QList<int> calls;
                QList<int> stack {ctorBody};
                while (!stack.isEmpty()) {
                    const int n = stack.takeLast();
                    const JsNodeKind kind = node(n).kind;
                    if (kind == JsNodeKind::Function || kind == JsNodeKind::FunctionDeclaration
                        || kind == JsNodeKind::Method || kind == JsNodeKind::Class
                        || kind == JsNodeKind::ClassDeclaration)
                        continue;
                    if (kind == JsNodeKind::Call && node(child(n, 0)).kind == JsNodeKind::Super)
                        calls.append(n);
                    for (int c : m_ast.children(n))
                        stack.append(c);
                }
                if (calls.isEmpty()) {
                    fail(
                        node(constructor).start, u"the constructor of a derived class with fields must call super()"_s);
                    return;
                }
                for (int call : std::as_const(calls)) {
                    m_editor.insert(node(call).start, u"("_s);
                    m_editor.insert(node(call).end, u", "_s + initializer + u".call(this), this)"_s, Side::After);
                }
                m_editor.insert(at, u" var "_s + initializer + u" = function () { "_s);
            } else {
                m_editor.insert(at, u" "_s);
            }
        } else {
            at = node(body).start + 1;
            m_editor.insert(at, heritage >= 0 ? u" constructor(...args) { super(...args); "_s : u" constructor() { "_s);
        }
        if (lowerPrivate && instancePrivateMethods)
            m_editor.insert(at, u"__authdeskPrivateBrand(this, "_s + record + u"); "_s);
        for (int param : std::as_const(parameterProperties)) {
            const QString property = textOf(param);
            m_editor.insert(at, memberAccess(u"this"_s, property) + u" = "_s + property + u"; "_s);
        }
    }

    // Static members: after a class declaration (`__authdeskDefineField(A, _AClass, ...);`), or
    // inside a comma expression around a class expression (`(_AClass = ..., _a = class {}, ..., _a)`).
    QString reference;
    int staticSequence = -1;
    if (useRecord) {
        staticSequence = m_editor.reserveSequence();
        if (isExpression) {
            reference = temp();
            m_editor.insert(cls.start, u"("_s + makeRecord + u", "_s + reference + u" = "_s);
        } else {
            reference = textOf(name);
            m_editor.insert(cls.start, u"let "_s + makeRecord + u"; "_s);
        }
    }
    const Side staticSide = isExpression ? Side::After : Side::Before;
    const QString staticSeparator = isExpression ? u", "_s : u" "_s;
    const QString staticTerminator = isExpression ? QString() : u";"_s;
    const auto addStatic = [&](const QString &code) {
        m_editor.insert(cls.end, staticSeparator + code + staticTerminator, staticSide, staticSequence);
    };
    if (useRecord) {
        QString install = u"__authdeskClassInstall("_s + record + u", "_s + reference;
        if (isExpression && name < 0)
            install += u", "_s + quoted(m_inferredNames.value(klass));
        addStatic(install + u')');
    }

    m_privateScopes.append({record, lowerPrivate ? privateNames : QMap<QString, QString>()});

    // Each initializer stays where it is, as the body of a method (`x = f();` becomes
    // `__authdeskField_1() { return f(); }`): `this`, `super` and arrows mean what they meant in the
    // initializer, and the code keeps its lines. The constructor (or, for static members, the code
    // after the class) runs the methods in order, through the record.
    for (int member : m_ast.children(body)) {
        if (failed())
            break;
        const JsNode &m = node(member);
        const bool instance = instanceFields.contains(member);
        const bool isStatic = staticMembers.contains(member);
        if (!instance && !isStatic) {
            visit(member);
            continue;
        }
        const QString method = freshName(u"__authdeskField_"_s + QString::number(++m_fieldMethods));
        const QString target = instance ? u"this"_s : reference;
        if (m.kind == JsNodeKind::StaticBlock) {
            const int block = child(member, 0);
            m_editor.replace(m.start, node(block).start, u"static "_s + method + u"() "_s);
            addStatic(u"__authdeskStaticBlock("_s + record + u", "_s + reference + u", \""_s + method + u"\")"_s);
            const Context outer = m_context;
            m_context.inFunction = true;
            m_context.inAsync = false;
            m_context.superHelper.clear();
            Scope scope;
            scope.placeholder = m_editor.insert(bodyPrologueEnd(block), QString());
            m_scopes.append(scope);
            visit(block);
            const Scope closed = m_scopes.takeLast();
            if (!closed.temps.isEmpty())
                m_editor.setText(closed.placeholder, u"var "_s + closed.temps.join(u", "_s) + u"; "_s);
            m_context = outer;
            continue;
        }
        const int key = child(member, 0);
        const int value = m.childCount > 1 ? child(member, 1) : -1;
        const QString staticPrefix = isStatic ? u"static "_s : QString();
        // The key: a name, or a computed key evaluated once, where it was, as the method's name.
        QString keyCode;
        bool isPrivate = false;
        switch (node(key).kind) {
        case JsNodeKind::Name:
            keyCode = quoted(text(key));
            break;
        case JsNodeKind::StringLiteral:
        case JsNodeKind::NumericLiteral:
            keyCode = textOf(key);
            break;
        case JsNodeKind::PrivateName:
            keyCode = quoted(text(key));
            isPrivate = true;
            break;
        case JsNodeKind::ComputedKey: {
            keyCode = temp();
            const int expression = child(key, 0);
            const qsizetype end = value >= 0 ? node(value).start : m.end;
            m_editor.replace(m.start, node(expression).start,
                keepLines(staticPrefix + u"[("_s + keyCode + u" = __authdeskPropertyKey("_s, m.start, node(expression).start));
            m_editor.replace(node(expression).end, end,
                keepLines(u"), \""_s + method + (value >= 0 ? u"\")]() { "_s : u"\")]() {}"_s), node(expression).end, end));
            visit(expression);
            break;
        }
        default:
            fail(node(key).start, u"unsupported class field name"_s);
            break;
        }
        if (failed())
            break;
        const bool computed = node(key).kind == JsNodeKind::ComputedKey;
        const QString define = (isPrivate ? u"__authdeskPrivateField("_s : u"__authdeskDefineField("_s) + target
            + u", "_s + record + u", "_s + (value >= 0 || computed ? quoted(method) : u"null"_s) + u", "_s + keyCode + u')';
        if (instance)
            m_editor.insert(at, define + u"; "_s);
        else
            addStatic(define);
        if (value < 0) {
            if (!computed)
                m_editor.replace(m.start, m.end, keepLines(QString(), m.start, m.end));
            continue;
        }
        const JsNode &v = node(value);
        if (!computed)
            m_editor.replace(m.start, v.start, keepLines(staticPrefix + method + u"() { "_s, m.start, v.start));
        Scope scope;
        scope.placeholder = m_editor.insert(v.start, QString());
        m_editor.insert(v.start, u"return "_s);
        // The field's `;` (if it has one) closes the method. What else lies between the value and
        // the end (TypeScript `<T>` of an instantiation expression, comments) keeps its own edits.
        const qsizetype semicolon = findPunctuator(v.end, m.end, u";");
        if (semicolon >= 0 && semicolon + 1 == m.end)
            m_editor.replace(semicolon, m.end, u"; }"_s);
        else
            m_editor.insert(m.end, u"; }"_s, Side::After);
        const Context outer = m_context;
        m_context.inFunction = true;
        m_context.inAsync = false;
        m_context.superHelper.clear();
        m_scopes.append(scope);
        visit(value);
        const Scope closed = m_scopes.takeLast();
        if (!closed.temps.isEmpty())
            m_editor.setText(closed.placeholder, u"var "_s + closed.temps.join(u", "_s) + u"; "_s);
        m_context = outer;
    }
    m_privateScopes.removeLast();
    if (failed())
        return;
    if (instanceWork && (constructor < 0 || !initializer.isEmpty()))
        m_editor.insert(at, initializer.isEmpty() ? u"}"_s : u"};"_s);
    if (useRecord && isExpression)
        m_editor.insert(cls.end, u", "_s + reference + u')', staticSide, staticSequence);
}

std::optional<QString> JsLowering::privateRecord(int privateName)
{
    const QString description = textOf(privateName);
    for (qsizetype i = m_privateScopes.size() - 1; i >= 0; --i) {
        const PrivateScope &scope = m_privateScopes.at(i);
        if (scope.names.contains(description))
            return scope.record;
    }
    fail(node(privateName).start, u"Private field '%1' must be declared in an enclosing class"_s.arg(description),
        ScriptError::Kind::Syntax);
    return std::nullopt;
}

bool JsLowering::isPrivateMember(int n) const
{
    return !m_features.privateMembers && node(n).kind == JsNodeKind::Member && childCount(n) > 1
        && node(child(n, 1)).kind == JsNodeKind::PrivateName;
}

bool JsLowering::inOptionalChain(int expression) const
{
    int n = expression;
    for (;;) {
        const JsNode &current = node(n);
        if (current.has(JsNodeFlag::Optional))
            return true;
        if (current.kind == JsNodeKind::Member || current.kind == JsNodeKind::Call
            || (current.kind == JsNodeKind::TsCast && current.has(JsNodeFlag::NonNull)))
            n = child(n, 0);
        else
            return false;
    }
}

// o.#x -> __authdeskPrivateGet(o, _KClass, "#x"); the other uses of a private member (calls,
// assignments, ++, `#x in o`) are lowered where they are, with the helpers of lowering.js.
bool JsLowering::lowerPrivateMember(int member, PrivateUse use, int parent)
{
    const JsNode &m = node(member);
    const int object = child(member, 0);
    const int property = child(member, 1);
    if (m.has(JsNodeFlag::Optional) || inOptionalChain(object)) {
        fail(node(property).start, u"optional chaining with a private member (`?.` before %1) is not supported; test the object first"_s.arg(textOf(property)));
        return false;
    }
    const std::optional<QString> record = privateRecord(property);
    if (!record)
        return false;
    const QString name = quoted(text(property));
    const QString slot = u", "_s + *record + u", "_s + name;
    switch (use) {
    case PrivateUse::Read:
        m_editor.insert(m.start, u"__authdeskPrivateGet("_s);
        m_editor.replace(node(object).end, m.end, slot + u')');
        break;
    case PrivateUse::Call: {
        const int arguments = child(parent, 1);
        if (node(parent).has(JsNodeFlag::Optional)) {
            fail(node(arguments).start, u"an optional call of a private method (`%1?.()`) is not supported"_s.arg(textOf(property)));
            return false;
        }
        m_editor.insert(m.start, u"__authdeskPrivateCall("_s);
        m_editor.replace(node(object).end, node(arguments).start + 1, slot + (childCount(arguments) > 0 ? u", "_s : QString()));
        visit(object);
        visit(arguments);
        return true;
    }
    case PrivateUse::Assign: {
        const JsNode &a = node(parent);
        const int value = child(parent, 1);
        const QString opText = punctuatorText(a.op).toString();
        if (a.op == JsPunctuator::Assign) {
            m_editor.insert(a.start, u"__authdeskPrivateSet("_s);
            m_editor.replace(node(object).end, node(value).start, slot + u", "_s);
            m_editor.insert(a.end, u")"_s, Side::After);
            visit(object);
            visit(value);
            return true;
        }
        // The object once: `this`, or a temporary.
        QString objectRef = u"this"_s;
        QString capture;
        if (node(object).kind != JsNodeKind::This) {
            objectRef = temp();
            capture = objectRef + u" = "_s;
        }
        const QString again = u", "_s + *record + u", "_s + name;
        if (a.op == JsPunctuator::QuestionQuestionAssign || a.op == JsPunctuator::BarBarAssign
            || a.op == JsPunctuator::AmpersandAmpersandAssign) {
            // Short-circuits: the setter (or the field) is not written when the value is kept.
            m_editor.insert(a.start, u"(__authdeskPrivateGet("_s + capture);
            m_editor.replace(node(object).end, node(value).start,
                again + u") "_s + opText.left(2) + u" __authdeskPrivateSet("_s + objectRef + again + u", "_s);
            m_editor.insert(a.end, u"))"_s, Side::After);
        } else {
            m_editor.insert(a.start, u"__authdeskPrivateSet("_s + capture);
            m_editor.replace(node(object).end, node(value).start,
                again + u", __authdeskPrivateGet("_s + objectRef + again + u") "_s + opText.chopped(1) + u" ("_s);
            m_editor.insert(a.end, u"))"_s, Side::After);
        }
        visit(object);
        visit(value);
        return true;
    }
    case PrivateUse::Update: {
        const JsNode &u = node(parent);
        const QString delta = u.op == JsPunctuator::PlusPlus ? u"1"_s : u"-1"_s;
        if (u.has(JsNodeFlag::Prefix)) {
            m_editor.replace(u.start, m.start, u"__authdeskPrivateUpdate("_s);
            m_editor.replace(node(object).end, m.end, slot + u", "_s + delta + u", true)"_s);
        } else {
            m_editor.insert(u.start, u"__authdeskPrivateUpdate("_s);
            m_editor.replace(node(object).end, u.end, slot + u", "_s + delta + u", false)"_s);
        }
        break;
    }
    }
    visit(object);
    return true;
}

// --- Objects, assignments, patterns --------------------------------------------------------------

void JsLowering::visitObject(int object)
{
    const JsNode &obj = node(object);
    bool hasSpread = false;
    for (int c : m_ast.children(object)) {
        hasSpread = hasSpread || node(c).kind == JsNodeKind::Spread;
        // { Name: class {} }: the class is named Name.
        if (node(c).kind == JsNodeKind::Property && !node(c).has(JsNodeFlag::Computed) && childCount(c) > 1
            && node(child(c, 1)).kind == JsNodeKind::Class) {
            const int key = child(c, 0);
            if (node(key).kind == JsNodeKind::Name || node(key).kind == JsNodeKind::Identifier)
                m_inferredNames.insert(child(c, 1), textOf(key));
            else if (node(key).kind == JsNodeKind::StringLiteral)
                m_inferredNames.insert(child(c, 1), stringValue(key));
        }
    }
    if (!hasSpread || m_features.objectSpread) {
        visitChildren(object);
        return;
    }
    // { a, ...b, c, ...d } -> __authdeskSpread(__authdeskDefineAll(__authdeskSpread({ a, }, b), { c, }), d):
    // each spread source, and each run of literal properties after one, is a call on the result of
    // the parts before it, so that they are evaluated in their order (a source's getters run before
    // the properties after it are evaluated). The first run of properties is the result object.
    const int count = obj.childCount;
    QStringList calls; // the helper of each part after the first, in order
    bool inChunk = true; // the properties before the first spread: the target
    bool targetChunk = true;
    for (int i = 0; i < count; ++i) {
        const int element = child(object, i);
        const JsNode &e = node(element);
        const bool spread = e.kind == JsNodeKind::Spread;
        if (spread) {
            // Close what comes before: the target, a run of properties, or another source.
            QString opening;
            if (inChunk)
                opening = targetChunk ? u"}, "_s : u"}), "_s;
            else
                opening = u", "_s;
            m_editor.replace(e.start, e.start + 3, opening);
            calls.append(u"__authdeskSpread("_s);
            inChunk = false;
            targetChunk = false;
            const qsizetype limit = i + 1 < count ? node(child(object, i + 1)).start : obj.end - 1;
            const qsizetype comma = findPunctuator(e.end, limit, u",");
            const bool nextIsProperty = i + 1 < count && node(child(object, i + 1)).kind != JsNodeKind::Spread;
            if (comma >= 0) {
                m_editor.replace(comma, comma + 1, nextIsProperty ? u"), {"_s : u")"_s);
                if (i + 1 == count)
                    m_editor.replace(obj.end - 1, obj.end, QString()); // `, }` after the last source
            } else {
                m_editor.replace(obj.end - 1, obj.end, u")"_s); // the last element
            }
            if (nextIsProperty) {
                calls.append(u"__authdeskDefineAll("_s);
                inChunk = true;
            }
        }
    }
    if (inChunk && !targetChunk)
        m_editor.insert(obj.end, u")"_s, Side::After); // the run of properties after the last source
    QString prefix;
    for (qsizetype i = calls.size() - 1; i >= 0; --i)
        prefix += calls.at(i);
    m_editor.insert(obj.start, prefix);
    visitChildren(object);
}

void JsLowering::lowerRestPattern(int pattern, const QString &source, const RestPlacement &placement)
{
    const qsizetype at = placement.at;
    const Side side = placement.side;
    const int sequence = placement.sequence;
    const QString separator = u", "_s;
    QList<std::pair<int, QString>> nested; // patterns replaced by a temporary
    const auto nestedPattern = [&](int target) {
        const JsNodeKind kind = node(target).kind;
        if ((kind == JsNodeKind::ObjectPattern || kind == JsNodeKind::ArrayPattern) && containsObjectRest(target)) {
            const QString name = placement.declared ? freshName(u"_u"_s) : temp();
            m_editor.insert(node(target).start, separated(name, node(target).start, node(target).end));
            nested.append({target, name});
        }
    };
    if (node(pattern).kind == JsNodeKind::ObjectPattern) {
        QStringList keys;
        int rest = -1;
        qsizetype previousEnd = node(pattern).start + 1;
        for (int property : m_ast.children(pattern)) {
            if (node(property).kind == JsNodeKind::Rest) {
                rest = property;
                break;
            }
            const int key = child(property, 0);
            if (node(key).kind == JsNodeKind::ComputedKey) {
                const int expression = child(key, 0);
                const JsNodeKind kind = node(expression).kind;
                if (kind != JsNodeKind::Identifier && kind != JsNodeKind::StringLiteral
                    && kind != JsNodeKind::NumericLiteral && kind != JsNodeKind::Member) {
                    fail(node(key).start,
                        u"a computed key before an object rest element must be a simple reference or literal"_s);
                    return;
                }
                keys.append(javaScriptText(expression));
            } else {
                keys.append(keyString(key));
            }
            const int value = child(property, 1);
            nestedPattern(node(value).kind == JsNodeKind::AssignPattern ? child(value, 0) : value);
            previousEnd = node(property).end;
        }
        if (rest >= 0) {
            m_editor.replace(previousEnd, node(rest).end, keepLines(QString(), previousEnd, node(rest).end));
            // The binding and the helper call map back to the rest element.
            m_editor.insert(at, separator, side, sequence);
            m_editor.insert(at,
                javaScriptText(child(rest, 0)) + u" = __authdeskRest("_s + source + u", ["_s + keys.join(u", "_s)
                    + u"])"_s,
                side, sequence, node(child(rest, 0)).start);
        }
    } else if (node(pattern).kind == JsNodeKind::ArrayPattern) {
        for (int element : m_ast.children(pattern)) {
            int target = element;
            if (node(element).kind == JsNodeKind::AssignPattern || node(element).kind == JsNodeKind::Rest)
                target = child(element, 0);
            nestedPattern(target);
        }
    }
    for (const auto &[target, name] : std::as_const(nested)) {
        m_editor.insert(at, separator, side, sequence);
        m_editor.move(node(target).start, node(target).end, at, side, sequence);
        m_editor.insert(at, u" = "_s + name, side, sequence);
        lowerRestPattern(target, name, placement);
    }
}

void JsLowering::visitAssign(int assign)
{
    const JsNode &a = node(assign);
    const int target = child(assign, 0);
    const int value = child(assign, 1);
    const JsPunctuator op = a.op;
    if (isPrivateMember(target)) {
        lowerPrivateMember(target, PrivateUse::Assign, assign);
        return;
    }
    if (node(target).kind == JsNodeKind::Identifier && node(value).kind == JsNodeKind::Class && op == JsPunctuator::Assign)
        m_inferredNames.insert(value, textOf(target)); // x = class {}: the class is named x
    if ((op == JsPunctuator::QuestionQuestionAssign || op == JsPunctuator::BarBarAssign
            || op == JsPunctuator::AmpersandAmpersandAssign)
        && !m_features.logicalAssignment) {
        const QString opText = punctuatorText(op).toString();
        const QString binary = opText.left(2);
        const qsizetype opAt = findPunctuator(node(target).end, node(value).start, opText);
        int inner = target;
        while (node(inner).kind == JsNodeKind::Paren || node(inner).kind == JsNodeKind::TsCast)
            inner = child(inner, 0);
        if (opAt < 0) {
            fail(a.start, u"cannot lower this logical assignment"_s);
            return;
        }
        const auto reference = [this](int n) -> QString {
            switch (node(n).kind) {
            case JsNodeKind::Identifier:
                return textOf(n);
            case JsNodeKind::This:
                return u"this"_s;
            default:
                return {};
            }
        };
        QString targetText;
        if (node(inner).kind == JsNodeKind::Identifier) {
            targetText = textOf(inner);
            m_editor.insert(a.start, u"("_s);
        } else if (node(inner).kind == JsNodeKind::Member) {
            const int object = child(inner, 0);
            const int property = child(inner, 1);
            if (node(object).kind == JsNodeKind::Super) {
                fail(a.start, u"logical assignment to a `super` property is not supported"_s);
                return;
            }
            m_editor.insert(a.start, u"("_s);
            QString objectText = reference(object);
            if (objectText.isEmpty()) {
                objectText = temp();
                m_editor.insert(node(object).start, u"("_s + objectText + u" = "_s);
                m_editor.insert(node(object).end, u")"_s, Side::After);
            }
            if (node(inner).has(JsNodeFlag::Computed)) {
                QString keyText;
                const JsNodeKind keyKind = node(property).kind;
                if (keyKind == JsNodeKind::StringLiteral || keyKind == JsNodeKind::NumericLiteral) {
                    keyText = textOf(property);
                } else {
                    keyText = temp();
                    m_editor.insert(node(property).start, u"("_s + keyText + u" = "_s);
                    m_editor.insert(node(property).end, u")"_s, Side::After);
                }
                targetText = objectText + u'[' + keyText + u']';
            } else {
                targetText = objectText + u'.' + textOf(property);
            }
        } else {
            fail(a.start, u"invalid logical assignment target"_s);
            return;
        }
        m_editor.replace(opAt, opAt + opText.size(), binary + u" ("_s + targetText + u" ="_s);
        m_editor.insert(a.end, u"))"_s, Side::After);
        visitChildren(assign);
        return;
    }
    const JsNodeKind targetKind = node(target).kind;
    if (op == JsPunctuator::Assign
        && (targetKind == JsNodeKind::ObjectPattern || targetKind == JsNodeKind::ArrayPattern) && !m_features.objectRest
        && containsObjectRest(target)) {
        // ({ a, ...r } = v) -> ({ a } = _t = v, r = __authdeskRest(_t, ["a"]), _t)
        const QString name = temp();
        const int sequence = m_editor.reserveSequence();
        m_editor.insert(a.start, u"("_s);
        m_editor.insert(node(value).start, name + u" = "_s);
        lowerRestPattern(target, name, {a.end, Side::After, sequence, false});
        m_editor.insert(a.end, u", "_s + name + u')', Side::After, sequence);
        visitChildren(assign);
        return;
    }
    if (targetKind == JsNodeKind::Member && !m_context.superHelper.isEmpty()
        && node(child(target, 0)).kind == JsNodeKind::Super) {
        fail(a.start, u"assigning to a `super` property in an async method is not supported"_s);
        return;
    }
    visitChildren(assign);
}

void JsLowering::visitVariableDeclaration(int declaration)
{
    for (int declarator : m_ast.children(declaration)) {
        // const X = class {}: the class is named X (what a temporary around it would change).
        if (childCount(declarator) > 1 && node(child(declarator, 0)).kind == JsNodeKind::Identifier
            && node(child(declarator, 1)).kind == JsNodeKind::Class)
            m_inferredNames.insert(child(declarator, 1), textOf(child(declarator, 0)));
    }
    if (!m_features.objectRest) {
        for (int declarator : m_ast.children(declaration)) {
            const int target = child(declarator, 0);
            if (childCount(declarator) < 2 || !containsObjectRest(target))
                continue;
            const int init = child(declarator, 1);
            // { a, ...r } = init -> { a } = (_t = init), r = __authdeskRest(_t, ["a"]): the code
            // keeps its place (and its lines). The group is reserved before the `)` after init.
            const int sequence = m_editor.reserveSequence();
            QString source;
            if (node(init).kind == JsNodeKind::Identifier) {
                source = textOf(init);
            } else {
                source = temp();
                m_editor.insert(node(init).start, u"("_s + source + u" = "_s);
                m_editor.insert(node(init).end, u")"_s, Side::After);
            }
            lowerRestPattern(target, source, {node(declarator).end, Side::After, sequence, true});
        }
    }
    visitChildren(declaration);
}

void JsLowering::visitForInOf(int loop)
{
    const JsNode &l = node(loop);
    if (l.has(JsNodeFlag::ForAwait)) {
        fail(l.start,
            u"`for await` is not supported by Qt 6.4's JavaScript engine; await the promises in a plain loop"_s);
        return;
    }
    const int left = child(loop, 0);
    const int body = child(loop, 2);
    int pattern = left;
    QString keyword;
    if (node(left).kind == JsNodeKind::VariableDeclaration) {
        pattern = child(child(left, 0), 0);
        keyword = node(left).has(JsNodeFlag::Const) ? u"const "_s
            : node(left).has(JsNodeFlag::Let)       ? u"let "_s
                                                    : u"var "_s;
    }
    if (!m_features.objectRest && containsObjectRest(pattern)) {
        const QString name = keyword.isEmpty() ? temp() : freshName(u"_t"_s);
        qsizetype at = node(body).start + 1;
        if (node(body).kind != JsNodeKind::Block) {
            at = node(body).start;
            m_editor.insert(at, u"{ "_s);
            m_editor.insert(node(body).end, u" }"_s, Side::After);
        }
        m_editor.insert(node(pattern).start, separated(name, node(pattern).start, node(pattern).end));
        m_editor.insert(at, keyword.isEmpty() ? u"("_s : keyword);
        m_editor.move(node(pattern).start, node(pattern).end, at);
        m_editor.insert(at, u" = "_s + name);
        lowerRestPattern(pattern, name, {at, Side::Before, -1, !keyword.isEmpty()});
        m_editor.insert(at, keyword.isEmpty() ? u"); "_s : u"; "_s);
    }
    visitChildren(loop);
}

void JsLowering::visitCatch(int catchClause)
{
    const JsNode &c = node(catchClause);
    if (c.childCount == 1) {
        if (!m_features.optionalCatchBinding)
            m_editor.insert(c.start + 5, u" ("_s + freshName(u"_e"_s) + u')');
    } else if (!m_features.objectRest && containsObjectRest(child(catchClause, 0))) {
        const int pattern = child(catchClause, 0);
        const int block = child(catchClause, 1);
        const QString name = freshName(u"_e"_s);
        const qsizetype at = node(block).start + 1;
        m_editor.insert(node(pattern).start, separated(name, node(pattern).start, node(pattern).end));
        m_editor.insert(at, u" let "_s);
        m_editor.move(node(pattern).start, node(pattern).end, at);
        m_editor.insert(at, u" = "_s + name);
        lowerRestPattern(pattern, name, {at, Side::Before, -1, true});
        m_editor.insert(at, u";"_s);
    }
    visitChildren(catchClause);
}

// '\033' -> '\x1b', '\8' -> '8': the legacy escapes sloppy-mode code may use.
void JsLowering::lowerLegacyOctalEscapes(int literal)
{
    const QStringView raw = text(literal);
    QString out;
    bool changed = false;
    const auto isOctal = [](QChar c) { return c >= u'0' && c <= u'7'; };
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c != u'\\' || i + 1 >= raw.size()) {
            out += c;
            continue;
        }
        const QChar n = raw.at(i + 1);
        if (n == u'8' || n == u'9') {
            out += n;
            changed = true;
            ++i;
            continue;
        }
        if (!isOctal(n) || (n == u'0' && (i + 2 >= raw.size() || !raw.at(i + 2).isDigit()))) {
            out += c;
            out += n; // any other escape, and \0 alone, stay as they are
            ++i;
            continue;
        }
        // \0 before 8 or 9 is a NUL; otherwise up to three octal digits (the value at most 0377).
        int value = 0;
        qsizetype end = i + 1;
        const int maxDigits = n <= u'3' ? 3 : 2;
        while (end < raw.size() && end - (i + 1) < maxDigits && isOctal(raw.at(end)))
            value = value * 8 + (raw.at(end++).unicode() - u'0');
        out += u"\\x"_s + QString::number(value, 16).rightJustified(2, u'0');
        changed = true;
        i = end - 1;
    }
    if (changed)
        m_editor.replace(node(literal).start, node(literal).end, out);
}

// --- Regular expressions -------------------------------------------------------------------------

void JsLowering::visitRegExp(int regexp)
{
    const JsNode &r = node(regexp);
    const QStringView whole = text(regexp);
    const qsizetype slash = whole.lastIndexOf(u'/');
    if (slash <= 0)
        return;
    const QStringView body = whole.mid(1, slash - 1);
    const QStringView flags = whole.mid(slash + 1);
    const bool unicode = flags.contains(u'u') || flags.contains(u'v');
    if (flags.contains(u'v')) {
        fail(r.start + 1 + slash, u"the regular expression flag `v` is not supported by Qt 6.4's JavaScript engine"_s);
        return;
    }
    if (flags.contains(u'd') && !m_features.regexIndices) {
        fail(r.start + 1 + slash,
            u"the regular expression flag `d` (match indices) is not supported by Qt 6.4's JavaScript engine"_s);
        return;
    }
    const bool lowerDotAll = flags.contains(u's') && !m_features.regexDotAll;
    QString out;
    bool inClass = false;
    QStringList groups; // each capturing group in order: its name, or empty
    bool named = false;
    qsizetype backreference = -1; // the first \k<name>
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        const qsizetype offset = r.start + 1 + i;
        if (c == u'\\' && i + 1 < body.size()) {
            const QChar n = body.at(i + 1);
            if ((n == u'p' || n == u'P') && unicode && i + 2 < body.size() && body.at(i + 2) == u'{'
                && !m_features.regexUnicodeProperties) {
                fail(offset,
                    u"Unicode property escapes (\\p{...}) in regular expressions are not supported by Qt 6.4's JavaScript engine"_s);
                return;
            }
            if (n == u'k' && i + 2 < body.size() && body.at(i + 2) == u'<' && backreference < 0)
                backreference = offset;
            out += c;
            out += n;
            ++i;
            continue;
        }
        if (inClass) {
            if (c == u']')
                inClass = false;
            out += c;
            continue;
        }
        if (c == u'[') {
            inClass = true;
        } else if (c == u'(' && i + 1 < body.size() && body.at(i + 1) == u'?') {
            const QChar kind = i + 2 < body.size() ? body.at(i + 2) : QChar();
            const QChar after = i + 3 < body.size() ? body.at(i + 3) : QChar();
            if (kind == u'<' && (after == u'=' || after == u'!')) {
                if (!m_features.regexLookbehind) {
                    fail(offset, u"lookbehind in regular expressions is not supported by Qt 6.4's JavaScript engine"_s);
                    return;
                }
            } else if (kind == u'<') {
                const qsizetype close = body.indexOf(u'>', i + 3);
                groups.append(close < 0 ? QString() : body.mid(i + 3, close - i - 3).toString());
                named = true;
            }
        } else if (c == u'(') {
            groups.append(QString());
        } else if (c == u'.' && lowerDotAll) {
            out += u"[\\s\\S]"_s;
            continue;
        }
        out += c;
    }
    const bool lowerNames = named && !m_features.regexNamedGroups;
    if (backreference >= 0 && !named && !m_features.regexNamedGroups) {
        // Without named groups, Node reads `\k<name>` as the text "k<name>"; Qt 6.4 does not.
        fail(backreference, u"`\\k<...>` without a named group is not supported by Qt 6.4's JavaScript engine"_s);
        return;
    }
    if (!lowerDotAll && !lowerNames)
        return;
    // The engine gets what it can run (no `s`, `.` as [\s\S]); __authdeskRegExp (lowering.js) makes
    // it report what was written and gives its matches `groups`.
    QString engineFlags = flags.toString();
    if (lowerDotAll)
        engineFlags.remove(u's');
    QStringList names;
    if (lowerNames) {
        for (const QString &name : std::as_const(groups))
            names.append(quoted(name));
    }
    m_editor.replace(r.start, r.end,
        u"__authdeskRegExp(/"_s + out + u'/' + engineFlags + u", "_s + quoted(body) + u", "_s + quoted(flags) + u", ["_s
            + names.join(u", "_s) + u"])"_s);
}

// --- TypeScript enums ----------------------------------------------------------------------------

void JsLowering::visitEnum(int enumeration)
{
    const JsNode &e = node(enumeration);
    const QString name = textOf(child(enumeration, 0));
    const int count = e.childCount;
    const qsizetype firstStart = count > 1 ? node(child(enumeration, 1)).start : e.end - 1;
    m_editor.replace(
        e.start, firstStart, keepLines(u"var "_s + name + u"; (function ("_s + name + u") {"_s, e.start, firstStart));
    QSet<QString> members;
    std::optional<double> previousValue = -1;
    QString previousKey;
    bool previousIsString = false;
    for (int i = 1; i < count && !failed(); ++i) {
        const int member = child(enumeration, i);
        const JsNode &m = node(member);
        const int key = child(member, 0);
        const QString keyText
            = node(key).kind == JsNodeKind::StringLiteral ? quoted(stringValue(key)) : quoted(text(key));
        const QString slot = name + u'[' + keyText + u']';
        if (m.childCount > 1) {
            const int init = child(member, 1);
            const JsNodeKind kind = node(init).kind;
            const bool isString
                = kind == JsNodeKind::StringLiteral || (kind == JsNodeKind::Template && childCount(init) == 0);
            m_editor.replace(m.start, node(init).start,
                keepLines(isString ? QString(slot + u" = "_s) : QString(name + u'[' + slot + u" = "_s), m.start,
                    node(init).start));
            m_editor.insert(node(init).end, isString ? u";"_s : u"] = "_s + keyText + u';', Side::After);
            // Earlier members by their bare name: E.A
            QList<int> stack {init};
            while (!stack.isEmpty()) {
                const int n = stack.takeLast();
                if (node(n).kind == JsNodeKind::Identifier && members.contains(textOf(n))) {
                    m_editor.replace(node(n).start, node(n).end, memberAccess(name, textOf(n)));
                    continue;
                }
                if (node(n).kind == JsNodeKind::Function || node(n).kind == JsNodeKind::Arrow)
                    continue;
                for (int c : m_ast.children(n))
                    stack.append(c);
            }
            visit(init);
            previousIsString = isString;
            previousValue = kind == JsNodeKind::NumericLiteral ? numericValue(text(init)) : std::nullopt;
        } else {
            if (previousIsString) {
                fail(m.start, u"an enum member after a string member needs an initializer"_s);
                return;
            }
            const QString value
                = previousValue ? numberText(*previousValue + 1) : name + u'[' + previousKey + u"] + 1"_s;
            m_editor.replace(m.start, m.end, name + u'[' + slot + u" = "_s + value + u"] = "_s + keyText + u';');
            if (previousValue)
                previousValue = *previousValue + 1;
        }
        previousKey = keyText;
        members.insert(node(key).kind == JsNodeKind::StringLiteral ? stringValue(key) : textOf(key));
        const qsizetype limit = i + 1 < count ? node(child(enumeration, i + 1)).start : e.end - 1;
        const qsizetype comma = findPunctuator(m.end, limit, u",");
        if (comma >= 0)
            m_editor.remove(comma, comma + 1);
    }
    m_editor.replace(e.end - 1, e.end, u"})("_s + name + u" || ("_s + name + u" = {}));"_s);
}

// --- Modules -------------------------------------------------------------------------------------

void JsLowering::checkModule(int stringLiteral)
{
    const QString name = stringValue(stringLiteral);
    if (m_options.knownModules.contains(name))
        return;
    QStringList known = m_options.knownModules;
    known.erase(std::remove_if(known.begin(), known.end(), [](const QString &m) { return m.startsWith(u"node:"_s); }),
        known.end());
    fail(node(stringLiteral).start,
        u"cannot import '%1': connector scripts can only import %2"_s.arg(name, known.join(u", "_s)),
        ScriptError::Kind::Import);
}

void JsLowering::visitImport(int import)
{
    m_isModule = true;
    const JsNode &imp = node(import);
    const int count = imp.childCount;
    const int source = child(import, count - 1);
    QList<int> kept;
    for (int i = 0; i + 1 < count; ++i) {
        const int specifier = child(import, i);
        if (node(specifier).has(JsNodeFlag::TypeOnly))
            continue;
        const QString local = textOf(child(specifier, childCount(specifier) - 1));
        if (m_ast.isTypeScript() && !m_valueReferences.contains(local))
            continue; // only used as a type: TypeScript elides it
        kept.append(specifier);
    }
    if (count > 1 && kept.isEmpty()) {
        m_editor.replace(imp.start, imp.end, keepLines(QString(), imp.start, imp.end));
        return;
    }
    checkModule(source);
    const QString require = u"require("_s + textOf(source) + u')';
    QString code;
    const auto specifierValue = [&](int specifier, const QString &module) -> QString {
        if (node(specifier).has(JsNodeFlag::Default))
            return u"__authdeskImportDefault("_s + module + u')';
        if (node(specifier).has(JsNodeFlag::Namespace))
            return u"__authdeskImportStar("_s + module + u')';
        const int imported = child(specifier, 0);
        const QString name
            = node(imported).kind == JsNodeKind::StringLiteral ? stringValue(imported) : textOf(imported);
        if (name == u"default")
            return u"__authdeskImportDefault("_s + module + u')';
        return memberAccess(module, name);
    };
    if (kept.isEmpty()) {
        code = require + u';';
    } else if (kept.size() == 1
        && (node(kept.first()).has(JsNodeFlag::Default) || node(kept.first()).has(JsNodeFlag::Namespace))) {
        code = u"var "_s + textOf(child(kept.first(), childCount(kept.first()) - 1)) + u" = "_s
            + specifierValue(kept.first(), require) + u';';
    } else {
        QString base = u"_"_s;
        for (QChar c : stringValue(source))
            base += isIdentifierPart(c) && c.unicode() < 0x80 ? c : u'_';
        const QString module = freshName(base);
        code = u"var "_s + module + u" = "_s + require;
        for (int specifier : std::as_const(kept))
            code += u", "_s + textOf(child(specifier, childCount(specifier) - 1)) + u" = "_s
                + specifierValue(specifier, module);
        code += u';';
    }
    // Imports are hoisted, as in an ES module: the bindings exist before any of the module's code
    // runs (a function declared above the import, or called above it, uses them). The code maps
    // back to the import.
    m_editor.replace(imp.start, imp.end, keepLines(QString(), imp.start, imp.end));
    m_editor.insert(m_importsAt, code, Side::Before, -1, imp.start);
}

void JsLowering::visitExport(int exportNode)
{
    m_isModule = true;
    const JsNode &exp = node(exportNode);
    const auto exportsOf = [](const QString &name) { return memberAccess(u"exports"_s, name); };
    switch (exp.kind) {
    case JsNodeKind::ExportNamed: {
        const int count = exp.childCount;
        const bool reexport = count > 0 && node(child(exportNode, count - 1)).kind == JsNodeKind::StringLiteral;
        const auto nameOf
            = [this](int n) { return node(n).kind == JsNodeKind::StringLiteral ? stringValue(n) : textOf(n); };
        if (reexport) {
            const int source = child(exportNode, count - 1);
            checkModule(source);
            const QString module = freshName(u"_reexport"_s);
            QString code = u"var "_s + module + u" = require("_s + textOf(source) + u");"_s;
            for (int i = 0; i + 1 < count; ++i) {
                const int specifier = child(exportNode, i);
                if (node(specifier).has(JsNodeFlag::TypeOnly))
                    continue;
                const QString local = nameOf(child(specifier, 0));
                const QString value
                    = local == u"default" ? u"__authdeskImportDefault("_s + module + u')' : memberAccess(module, local);
                code += u' ' + exportsOf(nameOf(child(specifier, 1))) + u" = "_s + value + u';';
            }
            m_editor.replace(exp.start, exp.end, keepLines(code, exp.start, exp.end));
            return;
        }
        for (int specifier : m_ast.children(exportNode)) {
            if (node(specifier).has(JsNodeFlag::TypeOnly))
                continue;
            const QString local = nameOf(child(specifier, 0));
            if (!m_topLevelValues.contains(local)) {
                if (m_ast.isTypeScript())
                    continue; // a type
                fail(node(specifier).start, u"`%1` is exported but not declared in this file"_s.arg(local),
                    ScriptError::Kind::Export);
                return;
            }
            m_epilogue.append(exportsOf(nameOf(child(specifier, 1))) + u" = "_s + local + u';');
        }
        m_editor.replace(exp.start, exp.end, keepLines(QString(), exp.start, exp.end));
        return;
    }
    case JsNodeKind::ExportDefault: {
        const int declaration = child(exportNode, 0);
        const JsNodeKind kind = node(declaration).kind;
        const bool named = (kind == JsNodeKind::FunctionDeclaration || kind == JsNodeKind::ClassDeclaration)
            && node(child(declaration, 0)).kind == JsNodeKind::Identifier;
        if (named) {
            m_editor.remove(exp.start, node(declaration).start);
            m_epilogue.append(u"exports.default = "_s + textOf(child(declaration, 0)) + u';');
        } else {
            m_editor.replace(exp.start, node(declaration).start, u"exports.default = "_s);
            if (kind == JsNodeKind::ClassDeclaration || kind == JsNodeKind::Class)
                m_inferredNames.insert(declaration, u"default"_s); // export default class {}
        }
        visit(declaration);
        return;
    }
    case JsNodeKind::ExportDeclaration: {
        const int declaration = child(exportNode, 0);
        m_editor.remove(exp.start, node(declaration).start);
        QStringList names;
        if (node(declaration).kind == JsNodeKind::VariableDeclaration) {
            for (int declarator : m_ast.children(declaration))
                collectBindingNames(child(declarator, 0), &names);
        } else if (childCount(declaration) > 0 && node(child(declaration, 0)).kind == JsNodeKind::Identifier) {
            names.append(textOf(child(declaration, 0)));
        }
        for (const QString &name : std::as_const(names))
            m_epilogue.append(exportsOf(name) + u" = "_s + name + u';');
        visit(declaration);
        return;
    }
    case JsNodeKind::ExportAll: {
        const int source = child(exportNode, exp.childCount - 1);
        checkModule(source);
        const QString require = u"require("_s + textOf(source) + u')';
        QString code;
        if (exp.childCount > 1) {
            const int exported = child(exportNode, 0);
            const QString name
                = node(exported).kind == JsNodeKind::StringLiteral ? stringValue(exported) : textOf(exported);
            code = exportsOf(name) + u" = __authdeskImportStar("_s + require + u");"_s;
        } else {
            code = u"__authdeskExportStar("_s + require + u", exports);"_s;
        }
        m_editor.replace(exp.start, exp.end, keepLines(code, exp.start, exp.end));
        return;
    }
    case JsNodeKind::ExportAssignment: {
        const int value = child(exportNode, 0);
        m_editor.replace(exp.start, node(value).start, u"module.exports = "_s);
        visit(value);
        return;
    }
    default:
        visitChildren(exportNode);
        return;
    }
}

} // namespace Authdesk
