#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Authdesk {

// The kinds of problem a connector folder can have; tests and tools branch on these, people read
// the message.
enum class DiagnosticKind {
    YamlSyntax,
    DuplicateKey,
    WrongType,
    InvalidValue,
    MissingField,
    UnknownAuthType,
    UnsupportedAuthType,
    MissingMethod,
    MethodNotApplicable,
    ImplementationNotAllowed,
    MissingFile,
    WrongSuffix,
    UnreadableFile,
    UnknownFormula,
    UnsupportedFormula,
    MalformedFormula,
    DuplicateConnectorKey,
    UnknownKey,
    ScriptSyntax,
};

enum class Severity { Error, Warning };

// A problem located in a file: "path:line:column: message". line and column count from 1; 0 means
// the problem concerns the file (or folder) as a whole.
struct Diagnostic
{
    Severity severity = Severity::Error;
    DiagnosticKind kind = DiagnosticKind::InvalidValue;
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    QString toString() const;
    bool isError() const { return severity == Severity::Error; }
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace Authdesk
