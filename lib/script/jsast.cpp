#include "jsast.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace Authdesk {

int JsAst::childOrNone(int index, int position) const
{
    const JsNode &n = m_nodes.at(index);
    if (position < 0 || position >= n.childCount)
        return -1;
    return m_children.at(n.firstChild + position);
}

JsAst::Children JsAst::children(int index) const
{
    const JsNode &n = m_nodes.at(index);
    const qint32 *first = m_children.constData() + n.firstChild;
    return {first, first + n.childCount};
}

QStringView JsAst::text(int index) const
{
    const JsNode &n = m_nodes.at(index);
    return QStringView(m_source).mid(n.start, n.end - n.start);
}

QString JsAst::kindName(JsNodeKind kind)
{
    switch (kind) {
    case JsNodeKind::Program:
        return u"Program"_s;
    case JsNodeKind::Block:
        return u"Block"_s;
    case JsNodeKind::Empty:
        return u"Empty"_s;
    case JsNodeKind::ExpressionStatement:
        return u"ExpressionStatement"_s;
    case JsNodeKind::VariableDeclaration:
        return u"VariableDeclaration"_s;
    case JsNodeKind::VariableDeclarator:
        return u"VariableDeclarator"_s;
    case JsNodeKind::FunctionDeclaration:
        return u"FunctionDeclaration"_s;
    case JsNodeKind::ClassDeclaration:
        return u"ClassDeclaration"_s;
    case JsNodeKind::If:
        return u"If"_s;
    case JsNodeKind::For:
        return u"For"_s;
    case JsNodeKind::ForIn:
        return u"ForIn"_s;
    case JsNodeKind::ForOf:
        return u"ForOf"_s;
    case JsNodeKind::While:
        return u"While"_s;
    case JsNodeKind::DoWhile:
        return u"DoWhile"_s;
    case JsNodeKind::Return:
        return u"Return"_s;
    case JsNodeKind::Break:
        return u"Break"_s;
    case JsNodeKind::Continue:
        return u"Continue"_s;
    case JsNodeKind::Throw:
        return u"Throw"_s;
    case JsNodeKind::Try:
        return u"Try"_s;
    case JsNodeKind::Catch:
        return u"Catch"_s;
    case JsNodeKind::Finally:
        return u"Finally"_s;
    case JsNodeKind::Switch:
        return u"Switch"_s;
    case JsNodeKind::SwitchCase:
        return u"SwitchCase"_s;
    case JsNodeKind::Labeled:
        return u"Labeled"_s;
    case JsNodeKind::Debugger:
        return u"Debugger"_s;
    case JsNodeKind::With:
        return u"With"_s;
    case JsNodeKind::Import:
        return u"Import"_s;
    case JsNodeKind::ImportSpecifier:
        return u"ImportSpecifier"_s;
    case JsNodeKind::ImportEquals:
        return u"ImportEquals"_s;
    case JsNodeKind::ExportNamed:
        return u"ExportNamed"_s;
    case JsNodeKind::ExportSpecifier:
        return u"ExportSpecifier"_s;
    case JsNodeKind::ExportDefault:
        return u"ExportDefault"_s;
    case JsNodeKind::ExportDeclaration:
        return u"ExportDeclaration"_s;
    case JsNodeKind::ExportAll:
        return u"ExportAll"_s;
    case JsNodeKind::ExportAssignment:
        return u"ExportAssignment"_s;
    case JsNodeKind::Enum:
        return u"Enum"_s;
    case JsNodeKind::EnumMember:
        return u"EnumMember"_s;
    case JsNodeKind::TypeOnly:
        return u"TypeOnly"_s;
    case JsNodeKind::Identifier:
        return u"Identifier"_s;
    case JsNodeKind::Name:
        return u"Name"_s;
    case JsNodeKind::PrivateName:
        return u"PrivateName"_s;
    case JsNodeKind::This:
        return u"This"_s;
    case JsNodeKind::Super:
        return u"Super"_s;
    case JsNodeKind::NullLiteral:
        return u"NullLiteral"_s;
    case JsNodeKind::BooleanLiteral:
        return u"BooleanLiteral"_s;
    case JsNodeKind::NumericLiteral:
        return u"NumericLiteral"_s;
    case JsNodeKind::BigIntLiteral:
        return u"BigIntLiteral"_s;
    case JsNodeKind::StringLiteral:
        return u"StringLiteral"_s;
    case JsNodeKind::RegExp:
        return u"RegExp"_s;
    case JsNodeKind::Template:
        return u"Template"_s;
    case JsNodeKind::TaggedTemplate:
        return u"TaggedTemplate"_s;
    case JsNodeKind::Array:
        return u"Array"_s;
    case JsNodeKind::Object:
        return u"Object"_s;
    case JsNodeKind::Property:
        return u"Property"_s;
    case JsNodeKind::ComputedKey:
        return u"ComputedKey"_s;
    case JsNodeKind::Spread:
        return u"Spread"_s;
    case JsNodeKind::Function:
        return u"Function"_s;
    case JsNodeKind::Arrow:
        return u"Arrow"_s;
    case JsNodeKind::Class:
        return u"Class"_s;
    case JsNodeKind::Heritage:
        return u"Heritage"_s;
    case JsNodeKind::ClassBody:
        return u"ClassBody"_s;
    case JsNodeKind::Method:
        return u"Method"_s;
    case JsNodeKind::Field:
        return u"Field"_s;
    case JsNodeKind::StaticBlock:
        return u"StaticBlock"_s;
    case JsNodeKind::Params:
        return u"Params"_s;
    case JsNodeKind::Call:
        return u"Call"_s;
    case JsNodeKind::Arguments:
        return u"Arguments"_s;
    case JsNodeKind::New:
        return u"New"_s;
    case JsNodeKind::Member:
        return u"Member"_s;
    case JsNodeKind::Unary:
        return u"Unary"_s;
    case JsNodeKind::Update:
        return u"Update"_s;
    case JsNodeKind::Binary:
        return u"Binary"_s;
    case JsNodeKind::Conditional:
        return u"Conditional"_s;
    case JsNodeKind::Assign:
        return u"Assign"_s;
    case JsNodeKind::Sequence:
        return u"Sequence"_s;
    case JsNodeKind::Await:
        return u"Await"_s;
    case JsNodeKind::Yield:
        return u"Yield"_s;
    case JsNodeKind::Paren:
        return u"Paren"_s;
    case JsNodeKind::TsCast:
        return u"TsCast"_s;
    case JsNodeKind::ImportCall:
        return u"ImportCall"_s;
    case JsNodeKind::MetaProperty:
        return u"MetaProperty"_s;
    case JsNodeKind::ObjectPattern:
        return u"ObjectPattern"_s;
    case JsNodeKind::ArrayPattern:
        return u"ArrayPattern"_s;
    case JsNodeKind::AssignPattern:
        return u"AssignPattern"_s;
    case JsNodeKind::Rest:
        return u"Rest"_s;
    case JsNodeKind::PatternProperty:
        return u"PatternProperty"_s;
    case JsNodeKind::Omitted:
        return u"Omitted"_s;
    }
    return {};
}

QString JsAst::dump(int index) const
{
    if (index < 0)
        index = m_root;
    if (index < 0)
        return {};
    const JsNode &n = m_nodes.at(index);
    QString text = u'(' + kindName(n.kind);
    switch (n.kind) {
    case JsNodeKind::Identifier:
    case JsNodeKind::Name:
    case JsNodeKind::PrivateName:
    case JsNodeKind::NumericLiteral:
    case JsNodeKind::BigIntLiteral:
    case JsNodeKind::StringLiteral:
    case JsNodeKind::BooleanLiteral:
    case JsNodeKind::RegExp:
        text += u' ' + this->text(index).toString();
        break;
    default:
        break;
    }
    static constexpr std::pair<JsNodeFlag, const char16_t *> kFlagNames[] = {
        {JsNodeFlag::Async, u":async"},
        {JsNodeFlag::Generator, u":generator"},
        {JsNodeFlag::Static, u":static"},
        {JsNodeFlag::Computed, u":computed"},
        {JsNodeFlag::Shorthand, u":shorthand"},
        {JsNodeFlag::Getter, u":get"},
        {JsNodeFlag::Setter, u":set"},
        {JsNodeFlag::Constructor, u":constructor"},
        {JsNodeFlag::Let, u":let"},
        {JsNodeFlag::Const, u":const"},
        {JsNodeFlag::Optional, u":optional"},
        {JsNodeFlag::ForAwait, u":await"},
        {JsNodeFlag::Default, u":default"},
        {JsNodeFlag::Namespace, u":namespace"},
        {JsNodeFlag::TypeOnly, u":type"},
        {JsNodeFlag::ParameterProperty, u":property"},
        {JsNodeFlag::NonNull, u":nonnull"},
        {JsNodeFlag::ExpressionBody, u":expression"},
    };
    for (const auto &[flag, name] : kFlagNames) {
        if (n.has(flag))
            text += QString::fromUtf16(name);
    }
    if (n.op != JsPunctuator::None)
        text += u' ' + punctuatorText(n.op).toString();
    if (n.keyword != JsKeyword::None)
        text += u' ' + keywordText(n.keyword).toString();
    for (int c : children(index))
        text += u' ' + dump(c);
    return text + u')';
}

} // namespace Authdesk
