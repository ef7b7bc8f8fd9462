#include "methodbodychecker.h"

#include "mapping/expression.h"
#include "support/logging.h"
#include "support/yamlconverter.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// Reports at the position of a compiled expression.
void addAt(YamlConverter &reporter, const Expression &at, DiagnosticKind kind, const QString &message,
    Severity severity = Severity::Error)
{
    reporter.addDiagnosticAt(std::max(1, at.line()), std::max(1, at.column()), kind, message, severity);
}

QString describeLiteral(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return value.toVariant().toString();
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"a mapping"_s;
    default:
        return u"null"_s;
    }
}

bool isLiteral(const Expression &expression)
{
    return expression.kind() != Expression::Kind::Formula;
}

void checkUrl(YamlConverter &reporter, const QString &field, const Expression &value)
{
    if (value.kind() != Expression::Kind::Literal)
        return;
    const QJsonValue literal = value.literalValue();
    if (!literal.isString()) {
        addAt(reporter, value, DiagnosticKind::WrongType,
            u"%1 must be a URL string (got %2)"_s.arg(field, describeLiteral(literal)));
        return;
    }
    const QUrl url(literal.toString(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https" && scheme != u"http") || url.host().isEmpty())
        addAt(reporter, value, DiagnosticKind::InvalidValue,
            u"%1 must be an absolute http(s) URL (got \"%2\")"_s.arg(field, literal.toString()));
}

void checkBoolean(YamlConverter &reporter, const QString &field, const Expression &value)
{
    if (value.kind() == Expression::Kind::Literal && !value.literalValue().isBool() && !value.literalValue().isNull())
        addAt(reporter, value, DiagnosticKind::WrongType,
            u"%1 must be true or false (got %2)"_s.arg(field, describeLiteral(value.literalValue())));
}

void checkScalarMapping(YamlConverter &reporter, const QString &field, const Expression &value)
{
    if (value.kind() == Expression::Kind::Formula)
        return;
    if (value.kind() == Expression::Kind::Array) {
        addAt(reporter, value, DiagnosticKind::WrongType,
            u"%1 must be a mapping of names to values (got a list)"_s.arg(field));
        return;
    }
    if (value.kind() == Expression::Kind::Literal) {
        if (!value.literalValue().isNull())
            addAt(reporter, value, DiagnosticKind::WrongType,
                u"%1 must be a mapping of names to values (got %2)"_s.arg(
                    field, describeLiteral(value.literalValue())));
        return;
    }
    for (const auto &[name, member] : value.members()) {
        if (member.kind() == Expression::Kind::Array || member.kind() == Expression::Kind::Object)
            addAt(reporter, member, DiagnosticKind::WrongType,
                u"%1.%2 must be a single value (a string, number or formula), not a %3"_s.arg(
                    field, name, member.kind() == Expression::Kind::Array ? u"list"_s : u"mapping"_s));
    }
}

void checkOAuthConfig(const Expression &config, YamlConverter &reporter)
{
    if (config.kind() == Expression::Kind::Formula)
        return; // computed as a whole; nothing to check before it runs
    if (config.kind() != Expression::Kind::Object) {
        addAt(reporter, config, DiagnosticKind::WrongType,
            u"the OAuth config must be a mapping with authorizeUri, tokenUri, ..."_s);
        return;
    }
    static const QSet<QString> notInFormat {
        u"scopeSeparator"_s, u"tokenRequestParameters"_s, u"audience"_s, u"responseType"_s};
    for (const auto &[field, value] : config.members()) {
        if (field == u"authorizeUri" || field == u"tokenUri" || field == u"revokeUri") {
            checkUrl(reporter, field, value);
        } else if (field == u"clientId" || field == u"clientSecret") {
            if (value.kind() == Expression::Kind::Array || value.kind() == Expression::Kind::Object)
                addAt(reporter, value, DiagnosticKind::WrongType, u"%1 must be a string or a formula"_s.arg(field));
        } else if (field == u"clientAuthLocation") {
            if (value.kind() == Expression::Kind::Literal) {
                const QJsonValue literal = value.literalValue();
                if (literal.toString() != u"headers" && literal.toString() != u"body" && !literal.isNull())
                    addAt(reporter, value, DiagnosticKind::InvalidValue,
                        u"clientAuthLocation must be \"headers\" or \"body\" (got %1)"_s.arg(describeLiteral(literal)));
            } else if (isLiteral(value)) {
                addAt(reporter, value, DiagnosticKind::WrongType,
                    u"clientAuthLocation must be \"headers\" or \"body\""_s);
            }
        } else if (field == u"noRefreshToken" || field == u"skipPkce" || field == u"skipClientAuthInBody"
            || field == u"skipClientAuthInHeader") {
            checkBoolean(reporter, field, value);
        } else if (field == u"scopes") {
            if (value.kind() == Expression::Kind::Object) {
                addAt(
                    reporter, value, DiagnosticKind::WrongType, u"scopes must be a list of strings (or one string)"_s);
            } else if (value.kind() == Expression::Kind::Literal && !value.literalValue().isString()
                && !value.literalValue().isNull()) {
                addAt(reporter, value, DiagnosticKind::WrongType,
                    u"scopes must be a list of strings (got %1)"_s.arg(describeLiteral(value.literalValue())));
            }
            for (const Expression &scope : value.items()) {
                if (scope.kind() == Expression::Kind::Literal && !scope.literalValue().isString())
                    addAt(reporter, scope, DiagnosticKind::WrongType,
                        u"each scope must be a string (got %1)"_s.arg(describeLiteral(scope.literalValue())));
                else if (scope.kind() == Expression::Kind::Array || scope.kind() == Expression::Kind::Object)
                    addAt(reporter, scope, DiagnosticKind::WrongType, u"each scope must be a string"_s);
            }
        } else if (field == u"extra") {
            checkScalarMapping(reporter, u"extra"_s, value);
        } else if (field == u"authorizationResponseIssParameterSupported" || field == u"keepRedirectUrlParameters") {
            checkBoolean(reporter, field, value); // Authdesk extensions (README, connector authors)
        } else if (field == u"issuer") {
            checkUrl(reporter, field, value);
        } else if (field == u"redirectPort") {
            if (value.kind() == Expression::Kind::Literal) {
                const QJsonValue literal = value.literalValue();
                const double port = literal.toDouble(-1);
                if (!literal.isDouble() || port < 1 || port > 65535 || port != double(int(port)))
                    addAt(reporter, value, DiagnosticKind::InvalidValue,
                        u"redirectPort must be a port number from 1 to 65535 (got %1)"_s.arg(describeLiteral(literal)));
            } else if (isLiteral(value)) {
                addAt(reporter, value, DiagnosticKind::WrongType, u"redirectPort must be a port number"_s);
            }
        } else if (field == u"redirectPath") {
            if (value.kind() == Expression::Kind::Literal
                && (!value.literalValue().isString() || !value.literalValue().toString().startsWith(u'/')))
                addAt(reporter, value, DiagnosticKind::InvalidValue,
                    u"redirectPath must be a path that starts with \"/\" (got %1)"_s.arg(describeLiteral(value.literalValue())));
        } else if (notInFormat.contains(field)) {
            addAt(reporter, value, DiagnosticKind::UnknownKey,
                u"%1 is not part of the OAuth config format and is ignored; use extra (authorize URL) or a JavaScript "
                "getTokenData/refreshCredentials (token requests)"_s.arg(field),
                Severity::Warning);
        } else {
            qCDebug(lcSpec) << reporter.fileName() << "ignores OAuth config field" << field;
        }
    }
    for (const char16_t *required : {u"clientId", u"authorizeUri", u"tokenUri"}) {
        if (!config.member(QStringView(required)))
            addAt(reporter, config, DiagnosticKind::MissingField,
                u"the OAuth config needs %1"_s.arg(QString::fromUtf16(required)));
    }
}

void checkApiClient(const Expression &root, YamlConverter &reporter)
{
    const Expression *args = root.member(u"args");
    const Expression &config = (args && args->kind() == Expression::Kind::Object) ? *args : root;
    if (config.kind() == Expression::Kind::Formula)
        return;
    if (config.kind() != Expression::Kind::Object) {
        addAt(reporter, config, DiagnosticKind::WrongType,
            u"makeApiClient must be a mapping with baseUri, headers, ..."_s);
        return;
    }
    for (const auto &[field, value] : config.members()) {
        if (field == u"baseUri" || field == u"baseUrl") {
            checkUrl(reporter, field, value);
        } else if (field == u"headers" || field == u"query" || field == u"defaultQueryParameters") {
            checkScalarMapping(reporter, field, value);
        } else if (field == u"auth") {
            if (value.kind() == Expression::Kind::Literal && !value.literalValue().isNull())
                addAt(
                    reporter, value, DiagnosticKind::WrongType, u"auth must be a mapping with username and password"_s);
        } else if (field == u"responseHandlers") {
            if (value.kind() == Expression::Kind::Object
                || (value.kind() == Expression::Kind::Literal && !value.literalValue().isNull()))
                addAt(reporter, value, DiagnosticKind::WrongType, u"responseHandlers must be a list of {match, ...}"_s);
        } else if (field == u"returnFullResponse") {
            checkBoolean(reporter, field, value);
        } else {
            qCDebug(lcSpec) << reporter.fileName() << "ignores makeApiClient field" << field;
        }
    }
}

void checkRestTest(const Expression &config, YamlConverter &reporter)
{
    if (config.kind() != Expression::Kind::Object) {
        addAt(reporter, config, DiagnosticKind::WrongType,
            u"a REST test must be a mapping with path, method and responseMapping"_s);
        return;
    }
    const Expression *path = config.member(u"path");
    if (!path)
        addAt(reporter, config, DiagnosticKind::MissingField, u"the REST test needs a path"_s);
    else if (path->kind() == Expression::Kind::Literal && !path->literalValue().isString())
        addAt(reporter, *path, DiagnosticKind::WrongType, u"path must be a string"_s);
    if (const Expression *method = config.member(u"method"); method && method->kind() == Expression::Kind::Literal) {
        static const QSet<QString> methods {
            u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s};
        if (!methods.contains(method->literalValue().toString().toUpper()))
            addAt(reporter, *method, DiagnosticKind::InvalidValue,
                u"method must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (got %1)"_s.arg(
                    describeLiteral(method->literalValue())));
    }
}

} // namespace

void MethodBodyChecker::check(const MethodImplementation &implementation, YamlConverter &reporter)
{
    switch (implementation.method) {
    case AuthMethod::GetOAuthConfig:
        if (implementation.type == ImplementationType::Mapping)
            checkOAuthConfig(implementation.mapping, reporter);
        break;
    case AuthMethod::MakeApiClient:
        if (implementation.type == ImplementationType::Mapping)
            checkApiClient(implementation.mapping, reporter);
        break;
    case AuthMethod::Test:
        if (implementation.type == ImplementationType::RestApiMapping)
            checkRestTest(implementation.mapping, reporter);
        break;
    default:
        break;
    }
}

} // namespace Authdesk
