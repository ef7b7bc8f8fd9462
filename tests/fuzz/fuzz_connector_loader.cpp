// Fuzzes the connector loader with whole connector folders. The input is split at lines that read
// "---8<---" into spec.yml, auth/get-oauth-config.map.yml, auth/make-api-client.map.yml and
// auth/test.rest.yml; the loaded spec is then exercised the way the catalog and the OAuth flow use it.
#include "mapping/mappingevaluator.h"
#include "spec/connectorloader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using namespace Authdesk;

namespace {

const QStringList fileNames {
    u"spec.yml"_s, u"auth/get-oauth-config.map.yml"_s, u"auth/make-api-client.map.yml"_s, u"auth/test.rest.yml"_s};

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (contents.isNull()) {
        file.remove();
        return;
    }
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(contents);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir directory;
    static const bool prepared = [] {
        QLoggingCategory::setFilterRules(u"authdesk.*=false"_s);
        return QDir(directory.path()).mkpath(u"acme/auth"_s);
    }();
    if (!prepared)
        return 0;

    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> parts = input.split('\n');
    QList<QByteArray> files(fileNames.size());
    qsizetype current = 0;
    for (const QByteArray &line : parts) {
        if (line == "---8<---") {
            if (++current >= fileNames.size())
                break;
            files[current] = QByteArray("");
            continue;
        }
        if (files[current].isNull())
            files[current] = QByteArray("");
        files[current].append(line).append('\n');
    }
    const QString folder = directory.path() + u"/acme"_s;
    for (qsizetype i = 0; i < fileNames.size(); ++i)
        writeFile(folder + u'/' + fileNames.at(i), files.at(i));

    const LoadedConnector loaded = ConnectorLoader::load(folder);
    for (const Diagnostic &diagnostic : loaded.diagnostics)
        (void)diagnostic.toString();

    const ConnectorSpec &spec = loaded.spec;
    const QJsonObject parameters = spec.connectorParametersWithDefaults({{u"clientId"_s, u"id"_s}});
    (void)spec.availableOptionKeys(parameters);
    QStringList optionKeys {QString()};
    for (const AuthOption &option : spec.options())
        optionKeys.append(option.key);
    for (const QString &key : optionKeys) {
        const auto auth = spec.effectiveAuth(key);
        if (!auth)
            continue;
        for (const MethodImplementation &method : auth->methods) {
            const QJsonObject variables {{u"connectorParameters"_s, parameters}, {u"connectionInput"_s, QJsonObject()},
                {u"credentials"_s, QJsonObject {{u"access_token"_s, u"t"_s}}},
                {u"redirectUri"_s, u"http://127.0.0.1/cb"_s}};
            (void)MappingEvaluator(variables).evaluate(method.mapping);
        }
    }
    return 0;
}
