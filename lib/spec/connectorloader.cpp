#include "connectorloader.h"

#include "dataschema.h"
#include "methodbodychecker.h"

#include "mapping/expressioncompiler.h"
#include "script/jslexer.h"
#include "support/logging.h"
#include "support/yamlconverter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// Connector files are small; anything bigger is a mistake (or an attack on the parser).
constexpr qint64 maximumFileSize = 4 * 1024 * 1024;

const QSet<QString> &ignoredTopLevelKeys()
{
    // Known fields of spec.yml that do not concern authentication (connector-format.md §2).
    static const QSet<QString> keys {u"appUuid"_s, u"externalAppId"_s, u"api"_s, u"udm"_s, u"udms"_s, u"operations"_s,
        u"data"_s, u"hasReadme"_s, u"knowledgeBaseUuid"_s, u"workspaceId"_s, u"connectionMode"_s, u"appUri"_s,
        u"apiDocsUri"_s, u"categories"_s, u"status"_s, u"version"_s, u"baseUri"_s, u"description"_s,
        u"globalWebhooks"_s, u"events"_s, u"docs"_s, u"uuid"_s, u"id"_s};
    return keys;
}

// The lexical errors of a JavaScript/TypeScript file (unterminated strings, comments, templates,
// regular expressions, bad numbers): enough to catch a broken file when the connector loads. The
// first few only; one mistake often causes the next.
QList<JsLexError> lexicalErrors(const QString &code)
{
    QList<JsLexError> errors;
    JsLexer::tokenize(code, &errors);
    return errors.mid(0, 3);
}

QString scalarText(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

// What the loader saw of one auth block (the top-level one or an option), for the checks that run
// once the whole block is read.
struct AuthDeclaration
{
    YAML::Node anchor; // the `auth` key, the option key, or the first key of an inline spec
    QString where; // "auth", "option \"x\"", or empty for the inline format
    bool hasType = false; // `type` is written (even with a wrong value, which is reported)
    QMap<AuthMethod, YAML::Node> methods; // every declared method and its key, whether or not it loaded
};

// Loads one folder; collects diagnostics as it goes so that one problem never hides the next.
class FolderLoader
{
public:
    explicit FolderLoader(const QString &folder)
        : m_folder(folder)
        , m_specFile(QDir::cleanPath(folder + u"/spec.yml"_s))
        , m_spec(m_specFile)
    {
    }

    LoadedConnector load();

private:
    // `referencedBy`/`context` locate problems at the spec.yml entry that names the file.
    std::optional<QByteArray> readFile(
        const QString &path, const YAML::Node *referencedBy = nullptr, const QString &context = QString());
    std::optional<YAML::Node> parseYaml(const QByteArray &text, const QString &path);
    void parseTopLevel(const YAML::Node &root);
    void parseAuth(
        const YAML::Node &node, AuthSpec &auth, AuthDeclaration &declaration, bool topLevel, bool inlineFormat);
    void parseUi(const YAML::Node &node, AuthSpec &auth);
    void parseMethod(AuthMethod method, const YAML::Node &keyNode, const YAML::Node &entry, AuthSpec &auth);
    bool isRepeatedKey(QSet<QString> &seen, const YAML::Node &keyNode, bool reportIt = true);
    bool loadMethodBody(MethodImplementation &implementation, const YAML::Node &anchor, const QString &context);
    void checkMethodsForType(const AuthSpec &auth, const AuthDeclaration &declaration, const AuthDeclaration *fallback);
    void loadCredentialsSchemaFile();

    std::optional<QString> expectString(const YAML::Node &node, const QString &key);
    QJsonObject expectMapping(const YAML::Node &node, const QString &key);

    const QSet<QString> &authFiles();
    QString relativeToFolder(const QString &relative) const { return QDir::cleanPath(m_folder + u'/' + relative); }
    void report(const QString &file, int line, int column, DiagnosticKind kind, const QString &message,
        Severity severity = Severity::Error)
    {
        m_diagnostics.append(Diagnostic {severity, kind, file, line, column, message});
    }

    QString m_folder;
    QString m_specFile;
    YamlConverter m_spec; // converter (and diagnostics) of spec.yml
    Diagnostics m_diagnostics;
    ConnectorSpecData m_data;
    std::optional<QSet<QString>> m_authFiles;
    std::optional<AuthDeclaration> m_authDeclaration; // unset when there is no usable auth block
    QList<AuthDeclaration> m_optionDeclarations; // parallel to m_data.options
};

const QSet<QString> &FolderLoader::authFiles()
{
    if (!m_authFiles) {
        m_authFiles.emplace();
        const QDir authDir(m_folder + u"/auth"_s);
        const QStringList files = authDir.entryList(QDir::Files | QDir::Hidden);
        for (const QString &file : files)
            m_authFiles->insert(file);
    }
    return *m_authFiles;
}

std::optional<QByteArray> FolderLoader::readFile(
    const QString &path, const YAML::Node *referencedBy, const QString &context)
{
    QFile file(path);
    auto fail = [&](DiagnosticKind kind, const QString &message) {
        if (referencedBy)
            m_spec.addDiagnostic(*referencedBy, kind, u"%1: %2 %3"_s.arg(context, path, message));
        else
            report(path, 0, 0, kind, message);
        return std::nullopt;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(DiagnosticKind::MissingFile, u"does not exist"_s);
    if (info.isDir())
        return fail(DiagnosticKind::UnreadableFile, u"is a folder, not a file"_s);
    if (info.size() > maximumFileSize)
        return fail(DiagnosticKind::UnreadableFile, u"is larger than %1 MiB"_s.arg(maximumFileSize / 1024 / 1024));
    if (!file.open(QIODevice::ReadOnly))
        return fail(DiagnosticKind::UnreadableFile, u"cannot be read: %1"_s.arg(file.errorString()));
    QByteArray contents = file.readAll();
    // A UTF-8 byte order mark is legal in YAML and JavaScript files written on Windows.
    if (contents.startsWith("\xEF\xBB\xBF"))
        contents.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder.decode(contents);
    if (decoder.hasError()) {
        qsizetype line = 1;
        qsizetype column = 1;
        for (const QChar c : decoded) {
            if (c == QChar::ReplacementCharacter)
                break;
            if (c == u'\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        report(path, int(line), int(column), DiagnosticKind::UnreadableFile,
            u"not valid UTF-8 text (save the file as UTF-8)"_s);
        return std::nullopt;
    }
    return contents;
}

std::optional<YAML::Node> FolderLoader::parseYaml(const QByteArray &text, const QString &path)
{
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        report(path, line, column, DiagnosticKind::YamlSyntax,
            u"YAML syntax error: %1"_s.arg(QString::fromStdString(e.msg)));
    }
    return std::nullopt;
}

std::optional<QString> FolderLoader::expectString(const YAML::Node &node, const QString &key)
{
    if (node.IsNull())
        return std::nullopt;
    if (!node.IsScalar()) {
        m_spec.addDiagnostic(
            node, DiagnosticKind::WrongType, u"%1 must be a string, got %2"_s.arg(key, YamlConverter::describe(node)));
        return std::nullopt;
    }
    return scalarText(node);
}

// yaml-cpp keeps repeated keys; the mappings the loader walks itself must reject them like
// YamlConverter does. The first occurrence wins.
bool FolderLoader::isRepeatedKey(QSet<QString> &seen, const YAML::Node &keyNode, bool reportIt)
{
    const QString key = scalarText(keyNode);
    if (!seen.contains(key)) {
        seen.insert(key);
        return false;
    }
    if (reportIt)
        m_spec.addDiagnostic(keyNode, DiagnosticKind::DuplicateKey, u"duplicate key \"%1\""_s.arg(key));
    return true;
}

QJsonObject FolderLoader::expectMapping(const YAML::Node &node, const QString &key)
{
    if (node.IsNull())
        return {};
    if (!node.IsMap()) {
        m_spec.addDiagnostic(
            node, DiagnosticKind::WrongType, u"%1 must be a mapping, got %2"_s.arg(key, YamlConverter::describe(node)));
        return {};
    }
    return m_spec.toJson(node).toObject();
}

LoadedConnector FolderLoader::load()
{
    // Absolute first, so that "." or "../x/" still give the folder's real name.
    const QString folderName = QFileInfo(QDir(m_folder).absolutePath()).fileName();
    m_data.key = folderName;
    m_data.folder = m_folder;
    m_data.specFile = m_specFile;

    try {
        const QFileInfo folderInfo(m_folder);
        if (!folderInfo.isDir()) {
            report(m_folder, 0, 0, DiagnosticKind::MissingFile,
                folderInfo.exists() ? u"is not a folder"_s : u"folder does not exist"_s);
        } else if (!QFileInfo::exists(m_specFile)) {
            report(m_specFile, 0, 0, DiagnosticKind::MissingFile, u"no spec.yml in the connector folder"_s);
        } else if (const auto text = readFile(m_specFile)) {
            if (const auto root = parseYaml(*text, m_specFile)) {
                if (root->IsMap())
                    parseTopLevel(*root);
                else
                    report(m_specFile, std::max(1, YamlConverter::line(*root)),
                        std::max(1, YamlConverter::column(*root)), DiagnosticKind::WrongType,
                        u"spec.yml must be a mapping of fields (name, key, auth, ...), got %1"_s.arg(
                            YamlConverter::describe(*root)));
            }
        }
    } catch (const std::exception &e) {
        // yaml-cpp reports some problems only by throwing; none may take the catalog down.
        report(m_specFile, 0, 0, DiagnosticKind::YamlSyntax,
            u"could not be read: %1"_s.arg(QString::fromLocal8Bit(e.what())));
    }

    if (m_data.name.isEmpty())
        m_data.name = m_data.key;
    Diagnostics all = m_spec.takeDiagnostics();
    all += m_diagnostics;
    std::stable_sort(all.begin(), all.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    for (const Diagnostic &diagnostic : std::as_const(all))
        qCDebug(lcSpec) << diagnostic.toString();
    return LoadedConnector {ConnectorSpec(std::move(m_data)), std::move(all)};
}

void FolderLoader::parseTopLevel(const YAML::Node &root)
{
    const bool hasAuthBlock = bool(root["auth"]);
    // The inline format puts the auth fields at the top level and says `type: oauth2`.
    bool inlineFormat = false;
    if (!hasAuthBlock) {
        for (const auto &entry : root) {
            const QString key = scalarText(entry.first);
            if (key == u"type" || key == u"options" || (AuthMethods::fromSpecKey(key) && key != u"test")) {
                inlineFormat = true;
                break;
            }
        }
    }
    m_data.isInlineFormat = inlineFormat;

    std::optional<YAML::Node> topUiSchemaNode;
    QSet<QString> seenKeys;
    for (const auto &entry : root) {
        if (!entry.first.IsScalar() || isRepeatedKey(seenKeys, entry.first))
            continue;
        const QString key = scalarText(entry.first);
        const YAML::Node &value = entry.second;
        if (key == u"key") {
            if (const auto text = expectString(value, key)) {
                static const QRegularExpression validKey(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
                if (validKey.match(*text).hasMatch())
                    m_data.key = *text;
                else
                    m_spec.addDiagnostic(value, DiagnosticKind::InvalidValue,
                        u"key must be letters, digits, '-', '_' or '.' (got \"%1\")"_s.arg(*text));
            }
        } else if (key == u"name") {
            if (const auto text = expectString(value, key))
                m_data.name = *text;
        } else if (key == u"logoUri" || key == u"iconUri") {
            if (const auto text = expectString(value, key); text && m_data.logoUri.isEmpty())
                m_data.logoUri = *text;
        } else if (key == u"parametersSchema") {
            m_data.parametersSchema = DataSchema::merge(m_data.parametersSchema, expectMapping(value, key));
        } else if (key == u"auth") {
            if (value.IsMap()) {
                m_authDeclaration.emplace(AuthDeclaration {entry.first, u"auth"_s, false, {}});
                parseAuth(value, m_data.auth, *m_authDeclaration, true, false);
            } else {
                m_spec.addDiagnostic(value.IsNull() ? entry.first : value, DiagnosticKind::WrongType,
                    u"auth must be a mapping with type and methods, got %1"_s.arg(YamlConverter::describe(value)));
            }
        } else if (key == u"ui" && !inlineFormat) {
            // Deprecated top-level connection-input schema: used when auth has none.
            if (value.IsMap()) {
                if (value["schema"])
                    topUiSchemaNode = value["schema"];
            } else if (!value.IsNull()) {
                m_spec.addDiagnostic(value, DiagnosticKind::WrongType,
                    u"ui must be a mapping, got %1"_s.arg(YamlConverter::describe(value)));
            }
        } else if (key == u"inputSchema" && !inlineFormat) {
            if (value.IsMap())
                topUiSchemaNode = value;
            else
                expectMapping(value, key);
        } else if (key == u"test" && !inlineFormat && hasAuthBlock) {
            // A connector-level `test` (not the auth method) exists in the platform; nothing to do.
        } else if (!inlineFormat && !ignoredTopLevelKeys().contains(key)) {
            qCDebug(lcSpec) << m_specFile << "ignores unknown top-level key" << key;
        }
    }

    if (inlineFormat) {
        m_authDeclaration.emplace(AuthDeclaration {root.begin()->first, QString(), false, {}});
        parseAuth(root, m_data.auth, *m_authDeclaration, true, true);
    }

    if (m_data.auth.inputSchema.isEmpty() && topUiSchemaNode)
        m_data.auth.inputSchema = expectMapping(*topUiSchemaNode, u"ui.schema"_s);
    m_data.parametersSchema = DataSchema::merge(m_data.parametersSchema, m_data.auth.parametersSchema);

    if (!hasAuthBlock && !inlineFormat) {
        report(m_specFile, 1, 1, DiagnosticKind::MissingField,
            u"no auth block: add `auth:` with `type: oauth2` and its methods"_s);
        return;
    }
    if (!m_authDeclaration)
        return; // `auth:` was not a mapping; that error is already reported
    loadCredentialsSchemaFile();

    if (m_data.options.isEmpty() || m_data.auth.type)
        checkMethodsForType(m_data.auth, *m_authDeclaration, nullptr);
    for (qsizetype i = 0; i < m_data.options.size(); ++i) {
        const AuthDeclaration &declaration = m_optionDeclarations.at(i);
        AuthSpec effective = m_data.options.at(i).auth;
        if (!effective.type && !declaration.hasType)
            effective.type = m_data.auth.type;
        checkMethodsForType(effective, declaration, &*m_authDeclaration);
    }
}

// auth/credentials-schema.yml adds to the inline credentialsSchema (QuickBooks ships both, the file
// with the fields its credentials hook adds); spec.yml wins where both describe a property.
void FolderLoader::loadCredentialsSchemaFile()
{
    if (!authFiles().contains(u"credentials-schema.yml"_s))
        return;
    const QString path = relativeToFolder(u"auth/credentials-schema.yml"_s);
    YamlConverter converter(path);
    if (const auto text = readFile(path)) {
        if (const auto node = parseYaml(*text, path)) {
            const QJsonValue schema = converter.toJson(*node);
            if (schema.isObject())
                m_data.auth.credentialsSchema = DataSchema::merge(schema.toObject(), m_data.auth.credentialsSchema);
            else
                report(path, 1, 1, DiagnosticKind::WrongType, u"a credentials schema must be a mapping"_s);
        }
    }
    m_diagnostics += converter.takeDiagnostics();
}

void FolderLoader::parseUi(const YAML::Node &node, AuthSpec &auth)
{
    if (!node.IsMap()) {
        if (!node.IsNull())
            m_spec.addDiagnostic(
                node, DiagnosticKind::WrongType, u"ui must be a mapping, got %1"_s.arg(YamlConverter::describe(node)));
        return;
    }
    QSet<QString> seenKeys;
    for (const auto &entry : node) {
        if (!entry.first.IsScalar() || isRepeatedKey(seenKeys, entry.first))
            continue;
        const QString key = scalarText(entry.first);
        if (key == u"schema")
            auth.inputSchema = DataSchema::merge(auth.inputSchema, expectMapping(entry.second, u"ui.schema"_s));
        else if (key == u"helpUri")
            auth.helpUri = expectString(entry.second, u"ui.helpUri"_s).value_or(QString());
        else if (key == u"description")
            auth.description = expectString(entry.second, u"ui.description"_s).value_or(auth.description);
    }
}

void FolderLoader::parseAuth(
    const YAML::Node &node, AuthSpec &auth, AuthDeclaration &declaration, bool topLevel, bool inlineFormat)
{
    QSet<QString> seenKeys;
    for (const auto &entry : node) {
        // In the inline format parseTopLevel has already reported repeated keys of this mapping.
        if (!entry.first.IsScalar() || isRepeatedKey(seenKeys, entry.first, !inlineFormat))
            continue;
        const QString key = scalarText(entry.first);
        const YAML::Node &value = entry.second;
        if (key == u"type") {
            declaration.hasType = !value.IsNull();
            const auto text = expectString(value, u"type"_s);
            if (!text)
                continue;
            const auto type = AuthTypes::fromString(*text);
            if (!type) {
                m_spec.addDiagnostic(value, DiagnosticKind::UnknownAuthType,
                    u"auth type must be one of %1 (got \"%2\")"_s.arg(AuthTypes::allNames().join(u", "_s), *text));
            } else if (!AuthTypes::isSupported(*type)) {
                m_spec.addDiagnostic(value, DiagnosticKind::UnsupportedAuthType,
                    u"auth type \"%1\" is not supported by Authdesk (it supports oauth2 and client-credentials)"_s.arg(
                        *text));
                auth.type = type;
            } else {
                auth.type = type;
            }
        } else if (key == u"title") {
            auth.title = expectString(value, key).value_or(QString());
        } else if (key == u"description") {
            auth.description = expectString(value, key).value_or(QString());
        } else if (key == u"ui") {
            parseUi(value, auth);
        } else if (key == u"inputSchema") {
            auth.inputSchema = DataSchema::merge(auth.inputSchema, expectMapping(value, key));
        } else if (key == u"parametersSchema") {
            // In the inline format this is the top-level parametersSchema, which parseTopLevel reads.
            if (!inlineFormat)
                auth.parametersSchema = expectMapping(value, key);
        } else if (key == u"credentialsSchema") {
            auth.credentialsSchema = expectMapping(value, key);
        } else if (key == u"customCredentialsSchema") {
            auth.customCredentialsSchema = expectMapping(value, key);
        } else if (key == u"enabled") {
            ExpressionCompiler compiler(m_spec);
            auth.enabled = compiler.compile(value);
        } else if (key == u"options" && topLevel) {
            if (!value.IsMap()) {
                m_spec.addDiagnostic(value.IsNull() ? entry.first : value, DiagnosticKind::WrongType,
                    u"options must be a mapping of option key to auth option, got %1"_s.arg(
                        YamlConverter::describe(value)));
                continue;
            }
            QSet<QString> seenOptions;
            for (const auto &optionEntry : value) {
                if (!optionEntry.first.IsScalar() || isRepeatedKey(seenOptions, optionEntry.first))
                    continue;
                AuthOption option;
                option.key = scalarText(optionEntry.first);
                if (!optionEntry.second.IsMap()) {
                    m_spec.addDiagnostic(optionEntry.second.IsNull() ? optionEntry.first : optionEntry.second,
                        DiagnosticKind::WrongType,
                        u"auth option \"%1\" must be a mapping, got %2"_s.arg(
                            option.key, YamlConverter::describe(optionEntry.second)));
                    continue;
                }
                AuthDeclaration optionDeclaration {optionEntry.first, u"option \"%1\""_s.arg(option.key), false, {}};
                parseAuth(optionEntry.second, option.auth, optionDeclaration, false, false);
                m_data.options.append(option);
                m_optionDeclarations.append(optionDeclaration);
            }
        } else if (const auto method = AuthMethods::fromSpecKey(key)) {
            // Repeated keys are caught above, so this is the other spelling of the credentials hook.
            if (const auto first = declaration.methods.constFind(*method); first != declaration.methods.constEnd()) {
                m_spec.addDiagnostic(entry.first, DiagnosticKind::DuplicateKey,
                    u"%1 is the same method as %2 (line %3); declare it once"_s.arg(
                        key, scalarText(*first), QString::number(YamlConverter::line(*first))));
                continue;
            }
            declaration.methods.insert(*method, entry.first);
            parseMethod(*method, entry.first, value, auth);
        } else if (key == u"oAuthConfig" || key == u"proxyKey") {
            qCDebug(lcSpec) << m_specFile << "ignores" << key << "(used only by the connector platform)";
        } else if (!(inlineFormat
                       && (key == u"name" || key == u"key" || key == u"logoUri" || key == u"iconUri"
                           || ignoredTopLevelKeys().contains(key)))) {
            qCDebug(lcSpec) << m_specFile << "ignores unknown auth key" << key;
        }
    }
}

void FolderLoader::parseMethod(AuthMethod method, const YAML::Node &keyNode, const YAML::Node &entry, AuthSpec &auth)
{
    const QString methodName = AuthMethods::specKey(method);
    MethodImplementation implementation;
    implementation.method = method;
    implementation.declarationLine = YamlConverter::line(keyNode);
    implementation.declarationColumn = YamlConverter::column(keyNode);

    if (!entry.IsNull() && !entry.IsMap()) {
        m_spec.addDiagnostic(entry, DiagnosticKind::WrongType,
            u"%1 must be a mapping such as {implementationType: mapping}, got %2"_s.arg(
                methodName, YamlConverter::describe(entry)));
        return;
    }

    std::optional<ImplementationType> declaredType;
    // Default-constructed yaml-cpp nodes are null but "defined"; optional says "absent" plainly.
    std::optional<YAML::Node> typeNode;
    std::optional<YAML::Node> filePathNode;
    std::optional<YAML::Node> inlineMapping;
    std::optional<YAML::Node> inlineCode;
    if (entry.IsMap()) {
        QSet<QString> seenFields;
        for (const auto &field : entry) {
            if (!field.first.IsScalar() || isRepeatedKey(seenFields, field.first))
                continue;
            const QString fieldKey = scalarText(field.first);
            if (fieldKey == u"implementationType" || fieldKey == u"type") {
                typeNode = field.second;
                const auto text = expectString(field.second, methodName + u'.' + fieldKey);
                if (!text)
                    continue;
                declaredType = ImplementationTypes::fromString(*text);
                if (!declaredType) {
                    m_spec.addDiagnostic(field.second, DiagnosticKind::InvalidValue,
                        u"%1.%2 must be one of mapping, rest-api-mapping, operation-mapping, graphql-api-mapping, "
                        "javascript, not-supported (got \"%3\")"_s.arg(methodName, fieldKey, *text));
                    return;
                }
            } else if (fieldKey == u"filePath") {
                filePathNode = field.second;
            } else if (fieldKey == u"mapping") {
                inlineMapping = field.second;
            } else if (fieldKey == u"code") {
                inlineCode = field.second;
            } else if (fieldKey != u"parametersSchema" && fieldKey != u"inheritedFromPath"
                && fieldKey != u"isIncomplete") {
                qCDebug(lcSpec) << m_specFile << "ignores" << methodName << "key" << fieldKey;
            }
        }
    }
    const YAML::Node anchor = typeNode ? *typeNode : keyNode;

    auto isAllowed = [&](ImplementationType type, const YAML::Node &at) {
        if (AuthMethods::allowedImplementations(method).contains(type))
            return true;
        QStringList allowed;
        for (const ImplementationType candidate : AuthMethods::allowedImplementations(method))
            allowed.append(ImplementationTypes::toString(candidate));
        m_spec.addDiagnostic(at, DiagnosticKind::ImplementationNotAllowed,
            u"%1 cannot be implemented as %2 (allowed: %3)"_s.arg(
                methodName, ImplementationTypes::toString(type), allowed.join(u", "_s)));
        return false;
    };
    if (declaredType && !isAllowed(*declaredType, anchor))
        return;
    if (declaredType == ImplementationType::NotSupported) {
        implementation.type = ImplementationType::NotSupported;
        auth.methods.insert(method, implementation);
        return;
    }

    // 1. Inline body.
    if (inlineMapping || inlineCode) {
        const bool isCode = inlineCode.has_value();
        const ImplementationType inferred = isCode ? ImplementationType::Javascript : ImplementationType::Mapping;
        implementation.type = declaredType.value_or(inferred);
        implementation.isInline = true;
        implementation.filePath = m_specFile;
        const YAML::Node &body = isCode ? *inlineCode : *inlineMapping;
        if (isCode != (implementation.type == ImplementationType::Javascript)) {
            m_spec.addDiagnostic(body, DiagnosticKind::WrongType,
                u"%1 is %2 but has an inline %3"_s.arg(methodName, ImplementationTypes::toString(implementation.type),
                    isCode ? u"code:"_s : u"mapping:"_s));
            return;
        }
        if (!declaredType && !isAllowed(implementation.type, body))
            return;
        if (isCode) {
            if (!inlineCode->IsScalar()) {
                m_spec.addDiagnostic(*inlineCode, DiagnosticKind::WrongType,
                    u"%1.code must be a string of JavaScript"_s.arg(methodName));
                return;
            }
            implementation.code = scalarText(*inlineCode);
            if (implementation.code.trimmed().isEmpty()) {
                m_spec.addDiagnostic(*inlineCode, DiagnosticKind::InvalidValue,
                    u"%1 is empty; it must export a function"_s.arg(methodName));
                return;
            }
            // Positions inside a YAML string are the code's own; say so next to where it starts.
            for (const JsLexError &error : lexicalErrors(implementation.code))
                m_spec.addDiagnostic(*inlineCode, DiagnosticKind::ScriptSyntax,
                    u"%1.code, line %2:%3: %4"_s.arg(methodName).arg(error.line).arg(error.column).arg(error.message));
        } else {
            ExpressionCompiler compiler(m_spec);
            implementation.mapping = compiler.compile(*inlineMapping);
            MethodBodyChecker::check(implementation, m_spec);
        }
        auth.methods.insert(method, implementation);
        return;
    }

    // 2. Explicit filePath.
    if (filePathNode) {
        const YAML::Node &pathNode = *filePathNode;
        const auto relative = expectString(pathNode, methodName + u".filePath"_s);
        if (!relative)
            return;
        implementation.filePath = relativeToFolder(*relative);
        // Clean first: "auth/../../x.js" leaves the folder as surely as "../x.js" does.
        const QString cleaned = QDir::cleanPath(*relative);
        if (QDir::isAbsolutePath(*relative) || cleaned == u".."_s || cleaned.startsWith(u"../"_s)) {
            m_spec.addDiagnostic(pathNode, DiagnosticKind::InvalidValue,
                u"%1.filePath must be relative to the connector folder (got \"%2\")"_s.arg(methodName, *relative));
            return;
        }
        // The longest matching suffix decides: "x.rest.yml" is a REST mapping, not a plain mapping.
        const QString fileName = QFileInfo(*relative).fileName();
        const std::optional<ImplementationType> typeFromName = ImplementationTypes::fromSuffixOf(fileName);
        if (declaredType) {
            if (typeFromName != declaredType) {
                m_spec.addDiagnostic(pathNode, DiagnosticKind::WrongSuffix,
                    u"%1 is declared as %2, so %3 must end in %4"_s.arg(methodName,
                        ImplementationTypes::toString(*declaredType), *relative,
                        ImplementationTypes::suffixes(*declaredType).join(u" or "_s)));
                return;
            }
            implementation.type = *declaredType;
        } else if (typeFromName) {
            if (!AuthMethods::allowedImplementations(method).contains(*typeFromName)) {
                m_spec.addDiagnostic(pathNode, DiagnosticKind::ImplementationNotAllowed,
                    u"%1 cannot be implemented as %2 (%3)"_s.arg(
                        methodName, ImplementationTypes::toString(*typeFromName), *relative));
                return;
            }
            implementation.type = *typeFromName;
        } else {
            m_spec.addDiagnostic(pathNode, DiagnosticKind::WrongSuffix,
                u"%1: cannot tell the implementation type of %2 from its name; add implementationType"_s.arg(
                    methodName, *relative));
            return;
        }
        if (!QFileInfo::exists(implementation.filePath)) {
            m_spec.addDiagnostic(pathNode, DiagnosticKind::MissingFile,
                u"%1.filePath: %2 does not exist"_s.arg(methodName, implementation.filePath));
            return;
        }
        if (loadMethodBody(implementation, pathNode, methodName + u".filePath"_s))
            auth.methods.insert(method, implementation);
        return;
    }

    // 3. auth/<kebab-name><suffix>, for the declared type or, without one, whatever file exists.
    const QStringList fileKeys = AuthMethods::fileKeys(method);
    const QSet<QString> &files = authFiles();
    QStringList expected;
    for (const QString &fileKey : fileKeys) {
        const QList<ImplementationType> candidates
            = declaredType ? QList<ImplementationType> {*declaredType} : AuthMethods::allowedImplementations(method);
        for (const ImplementationType candidate : candidates) {
            for (const QString &suffix : ImplementationTypes::suffixes(candidate)) {
                const QString fileName = fileKey + suffix;
                expected.append(u"auth/"_s + fileName);
                if (files.contains(fileName)) {
                    implementation.type = candidate;
                    implementation.filePath = relativeToFolder(u"auth/"_s + fileName);
                    if (loadMethodBody(implementation, anchor, methodName))
                        auth.methods.insert(method, implementation);
                    return;
                }
            }
        }
    }
    // Nothing fits. Say whether a file exists with the wrong suffix for the declared type (sorted, so
    // that the same folder always gives the same message).
    if (declaredType) {
        QStringList sortedFiles = files.values();
        sortedFiles.sort();
        for (const QString &file : std::as_const(sortedFiles)) {
            for (const QString &fileKey : fileKeys) {
                const auto other = ImplementationTypes::fromFileName(file, fileKey);
                if (other && *other != *declaredType) {
                    m_spec.addDiagnostic(anchor, DiagnosticKind::WrongSuffix,
                        u"%1 is declared as %2, but auth/%3 is a %4 file (expected %5)"_s.arg(methodName,
                            ImplementationTypes::toString(*declaredType), file, ImplementationTypes::toString(*other),
                            ImplementationTypes::suffixes(*declaredType).join(u" or "_s)));
                    return;
                }
            }
        }
    }
    expected.removeDuplicates();
    m_spec.addDiagnostic(anchor, DiagnosticKind::MissingFile,
        u"%1: no implementation file found (looked for %2)"_s.arg(
            methodName, expected.size() > 4 ? expected.mid(0, 4).join(u", "_s) + u", ..."_s : expected.join(u", "_s)));
}

bool FolderLoader::loadMethodBody(
    MethodImplementation &implementation, const YAML::Node &anchor, const QString &context)
{
    const auto text = readFile(implementation.filePath, &anchor, context);
    if (!text)
        return false;
    if (implementation.type == ImplementationType::Javascript) {
        implementation.code = QString::fromUtf8(*text);
        if (implementation.code.trimmed().isEmpty()) {
            report(implementation.filePath, 1, 1, DiagnosticKind::InvalidValue,
                u"%1 is empty; it must export a function"_s.arg(AuthMethods::specKey(implementation.method)));
            return false;
        }
        const QList<JsLexError> errors = lexicalErrors(implementation.code);
        for (const JsLexError &error : errors)
            report(implementation.filePath, error.line, error.column, DiagnosticKind::ScriptSyntax, error.message);
        return errors.isEmpty();
    }
    const auto node = parseYaml(*text, implementation.filePath);
    if (!node)
        return false;
    YamlConverter converter(implementation.filePath);
    ExpressionCompiler compiler(converter);
    implementation.mapping = compiler.compile(*node);
    MethodBodyChecker::check(implementation, converter);
    m_diagnostics += converter.takeDiagnostics();
    return true;
}

// `declaration` lists the methods as written, so a method whose file is broken (already reported)
// does not also count as missing.
void FolderLoader::checkMethodsForType(
    const AuthSpec &auth, const AuthDeclaration &declaration, const AuthDeclaration *fallback)
{
    const QString prefix = declaration.where.isEmpty() ? QString() : declaration.where + u": "_s;
    if (!auth.type) {
        // A type that is written but wrong has its own diagnostic; the methods cannot be checked.
        if (!declaration.hasType && !(fallback && fallback->hasType))
            m_spec.addDiagnostic(declaration.anchor, DiagnosticKind::MissingField,
                u"%1type is missing (one of %2)"_s.arg(prefix, AuthTypes::allNames().join(u", "_s)));
        return;
    }
    for (auto it = declaration.methods.cbegin(); it != declaration.methods.cend(); ++it) {
        if (!AuthMethods::appliesTo(it.key(), *auth.type))
            m_spec.addDiagnostic(it.value(), DiagnosticKind::MethodNotApplicable,
                u"%1%2 does not apply to auth type %3"_s.arg(
                    prefix, scalarText(it.value()), AuthTypes::toString(*auth.type)));
    }
    for (const AuthMethod method : AuthMethods::all()) {
        if (!AuthMethods::isRequired(method, *auth.type))
            continue;
        const bool inherited = fallback && (method == AuthMethod::MakeApiClient) && fallback->methods.contains(method);
        if (!declaration.methods.contains(method) && !inherited) {
            m_spec.addDiagnostic(declaration.anchor, DiagnosticKind::MissingMethod,
                u"%1%2 is required for auth type %3"_s.arg(
                    prefix, AuthMethods::specKey(method), AuthTypes::toString(*auth.type)));
        } else if (declaration.methods.contains(method) && auth.methods.contains(method)
            && !auth.methods.value(method).isSupported()) {
            m_spec.addDiagnostic(declaration.methods.value(method), DiagnosticKind::MissingMethod,
                u"%1%2 is required for auth type %3 and cannot be not-supported"_s.arg(
                    prefix, AuthMethods::specKey(method), AuthTypes::toString(*auth.type)));
        }
    }
}

} // namespace

LoadedConnector ConnectorLoader::load(const QString &folder)
{
    return FolderLoader(folder).load();
}

} // namespace Authdesk
