#include "formula.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Authdesk::Formulas {

namespace {

constexpr std::array<std::pair<Formula, const char16_t *>, 25> formulaKeys {{
    {Formula::Var, u"$var"},
    {Formula::Copy, u"$copy"},
    {Formula::Tpl, u"$tpl"},
    {Formula::Record, u"$record"},
    {Formula::Lookup, u"$lookup"},
    {Formula::Plain, u"$plain"},
    {Formula::Map, u"$map"},
    {Formula::Concat, u"$concat"},
    {Formula::FirstName, u"$firstName"},
    {Formula::LastName, u"$lastName"},
    {Formula::Iterate, u"$iterate"},
    {Formula::Case, u"$case"},
    {Formula::ExtractDate, u"$extractDate"},
    {Formula::ExtractTime, u"$extractTime"},
    {Formula::FindExternalRecordId, u"$findExternalRecordId"},
    {Formula::FindAppRecordId, u"$findAppRecordId"},
    {Formula::Eval, u"$eval"},
    {Formula::And, u"$and"},
    {Formula::Or, u"$or"},
    {Formula::MergeObjects, u"$mergeObjects"},
    {Formula::FirstNotEmpty, u"$firstNotEmpty"},
    {Formula::DomainFromEmail, u"$domainFromEmail"},
    {Formula::FormulaOf, u"$formula"},
    {Formula::Jsonata, u"$jsonata"},
    {Formula::DataSchemaRef, u"$dataSchemaRef"},
}};

} // namespace

std::optional<Formula> fromKey(QStringView key)
{
    if (key.size() < 2 || key.front() != u'$')
        return std::nullopt;
    for (const auto &[formula, name] : formulaKeys) {
        if (key == QStringView(name))
            return formula;
    }
    return std::nullopt;
}

QString key(Formula formula)
{
    for (const auto &[candidate, name] : formulaKeys) {
        if (candidate == formula)
            return QString::fromUtf16(name);
    }
    return {};
}

bool isSupported(Formula formula)
{
    switch (formula) {
    case Formula::Lookup:
    case Formula::FindExternalRecordId:
    case Formula::FindAppRecordId:
    case Formula::DataSchemaRef:
    case Formula::Jsonata:
        return false;
    default:
        return true;
    }
}

QString unsupportedReason(Formula formula)
{
    if (formula == Formula::Jsonata)
        return u"$jsonata is not supported in Authdesk (no JSONata engine); use $case/$eval/$concat or a "
               "JavaScript method instead"_s;
    return u"%1 is not supported in Authdesk: it looks up records in the connector platform's data, which "
           "does not exist on the desktop"_s.arg(key(formula));
}

QString suggestionFor(QStringView unknownKey)
{
    if (unknownKey == u"$template")
        return u"; did you mean $tpl (with {name} placeholders)?"_s;
    if (unknownKey == u"$if" || unknownKey == u"$switch")
        return u"; did you mean $case?"_s;
    if (unknownKey == u"$join")
        return u"; did you mean $concat?"_s;
    if (unknownKey == u"$merge")
        return u"; did you mean $mergeObjects?"_s;
    if (unknownKey == u"$literal" || unknownKey == u"$raw")
        return u"; did you mean $plain?"_s;
    // Case slips: $Var, $firstnotempty, ...
    for (const auto &[formula, name] : formulaKeys) {
        if (unknownKey.compare(QStringView(name), Qt::CaseInsensitive) == 0)
            return u"; did you mean %1?"_s.arg(QString::fromUtf16(name));
    }
    return {};
}

} // namespace Authdesk::Formulas
