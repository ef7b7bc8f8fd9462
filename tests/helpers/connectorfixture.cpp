#include "connectorfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Authdesk::Test {

ConnectorFixture::ConnectorFixture() = default;

QString ConnectorFixture::writeFile(const QString &relativePath, const QByteArray &contents)
{
    const QString path = m_directory.filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write fixture file %s", qPrintable(path));
    file.write(contents);
    return path;
}

QString ConnectorFixture::addConnector(const QString &name, const QMap<QString, QByteArray> &files)
{
    const QString folder = m_directory.filePath(name);
    QDir().mkpath(folder);
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        writeFile(name + u'/' + it.key(), it.value());
    return folder;
}

QMap<QString, QByteArray> ConnectorFixture::minimalOAuth2(const QString &key)
{
    return {
        {u"spec.yml"_s,
            "key: " + key.toUtf8()
                + "\n"
                  "name: "
                + key.toUtf8()
                + " test\n"
                  "parametersSchema:\n"
                  "  type: object\n"
                  "  properties:\n"
                  "    clientId: {type: string}\n"
                  "    clientSecret: {type: string, format: password}\n"
                  "auth:\n"
                  "  type: oauth2\n"
                  "  getOAuthConfig:\n"
                  "    implementationType: mapping\n"
                  "  makeApiClient:\n"
                  "    implementationType: mapping\n"},
        {u"auth/get-oauth-config.map.yml"_s,
            "clientId:\n"
            "  $var: connectorParameters.clientId\n"
            "clientSecret:\n"
            "  $var: connectorParameters.clientSecret\n"
            "authorizeUri: https://auth.example.com/oauth2/authorize\n"
            "tokenUri: https://auth.example.com/oauth2/token\n"
            "scopes: [read, write]\n"},
        {u"auth/make-api-client.map.yml"_s,
            "baseUri: https://api.example.com\n"
            "headers:\n"
            "  Authorization:\n"
            "    $concat: ['Bearer ', {$var: credentials.access_token}]\n"},
    };
}

} // namespace Authdesk::Test
