#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace Authdesk {

// Every formula name the connector platform knows (connector-format.md §7). An object is a formula
// only when its first key is one of these with a leading `$`.
enum class Formula {
    Var,
    Copy,
    Tpl,
    Record,
    Lookup,
    Plain,
    Map,
    Concat,
    FirstName,
    LastName,
    Iterate,
    Case,
    ExtractDate,
    ExtractTime,
    FindExternalRecordId,
    FindAppRecordId,
    Eval,
    And,
    Or,
    MergeObjects,
    FirstNotEmpty,
    DomainFromEmail,
    FormulaOf, // `$formula`
    Jsonata,
    DataSchemaRef,
};

namespace Formulas {
// `$var` -> Formula::Var; nullopt for names the platform does not know.
std::optional<Formula> fromKey(QStringView key);
QString key(Formula formula);
// Platform lookups and JSONata have no meaning (or no engine) in Authdesk; they are reported as
// errors when a connector is loaded rather than evaluated to a silently wrong value.
bool isSupported(Formula formula);
QString unsupportedReason(Formula formula);
// For unknown `$`-keys that look like a typo or a documentation variant ($template, $if, ...).
QString suggestionFor(QStringView key);
} // namespace Formulas

} // namespace Authdesk
