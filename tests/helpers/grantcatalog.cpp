#include "grantcatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Authdesk::Test {

namespace {

const QString placeholder = u"[subdomain]"_s;

// A YAML double-quoted scalar (JSON string syntax is valid YAML).
QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// `url` as a YAML value at `indent`: a plain string, or a $tpl formula when it has [subdomain].
QByteArray urlValue(const QString &url, int indent)
{
    if (!url.contains(placeholder))
        return ' ' + quoted(url) + '\n';
    const QByteArray pad(indent, ' ');
    QString pattern = url;
    pattern.replace(placeholder, u"{subdomain}"_s);
    return '\n' + pad + "$tpl:\n" //
        + pad + "  template: " + quoted(pattern) + '\n' //
        + pad + "  values:\n" //
        + pad + "    subdomain:\n" //
        + pad + "      $var: connectionInput.subdomain\n";
}

// Grant sends client credentials with HTTP Basic only for these (lib/flow/oauth2.js).
bool usesBasicAuthentication(const QString &key)
{
    static const QRegularExpression basic(u"^(autodesk|ebay|fitbit|homeaway|hootsuite|notion|reddit|trustpilot)$"_s);
    return basic.match(key).hasMatch();
}

QByteArray specYml(const QString &key, const QString &authorizeUrl, const QString &accessUrl)
{
    QByteArray yml = "key: " + quoted(key)
        + "\n"
          "name: "
        + quoted(key)
        + "\n"
          "parametersSchema:\n"
          "  type: object\n"
          "  properties:\n"
          "    clientId:\n"
          "      type: string\n"
          "      title: Client ID\n"
          "    clientSecret:\n"
          "      type: string\n"
          "      title: Client secret\n"
          "      format: password\n"
          "    scopes:\n"
          "      type: array\n"
          "      title: Scopes\n"
          "      items: {type: string}\n"
          "  required: [clientId, clientSecret]\n"
          "auth:\n"
          "  type: oauth2\n";
    if (authorizeUrl.contains(placeholder) || accessUrl.contains(placeholder)) {
        const QString example = authorizeUrl.contains(placeholder) ? authorizeUrl : accessUrl;
        yml += "  ui:\n"
               "    schema:\n"
               "      type: object\n"
               "      properties:\n"
               "        subdomain:\n"
               "          type: string\n"
               "          title: Subdomain\n"
               "          description: "
            + quoted(u"Replaces [subdomain] in "_s + example)
            + "\n"
              "      required: [subdomain]\n";
    }
    yml += "  getOAuthConfig:\n"
           "    implementationType: mapping\n"
           "  makeApiClient:\n"
           "    implementationType: mapping\n";
    return yml;
}

QByteArray oauthConfigYml(const QString &key, const QJsonObject &provider)
{
    QByteArray yml = "clientId:\n"
                     "  $var: connectorParameters.clientId\n"
                     "clientSecret:\n"
                     "  $var: connectorParameters.clientSecret\n"
                     "authorizeUri:"
        + urlValue(provider.value(u"authorize_url"_s).toString(), 2)
        + "tokenUri:" + urlValue(provider.value(u"access_url"_s).toString(), 2)
        + "clientAuthLocation: " + (usesBasicAuthentication(key) ? "headers" : "body") + '\n';
    // Grant joins scopes with "," unless the provider says otherwise.
    const QString delimiter = provider.value(u"scope_delimiter"_s).toString(u","_s);
    if (delimiter == u" ") {
        yml += "scopes:\n"
               "  $var: connectorParameters.scopes\n";
    } else {
        yml += "extra:\n"
               "  scope:\n"
               "    $concat:\n"
               "      values:\n"
               "        $var: connectorParameters.scopes\n"
               "      delimiter: "
            + quoted(delimiter) + "\n";
    }
    return yml;
}

QByteArray apiClientYml(const QString &accessUrl)
{
    static const QRegularExpression origin(u"^https?://[^/?#]+"_s);
    const QString baseUri = origin.match(accessUrl).captured();
    return "baseUri:" + urlValue(baseUri, 2)
        + "headers:\n"
          "  Authorization:\n"
          "    $concat:\n"
          "      - 'Bearer '\n"
          "      - $var: credentials.access_token\n";
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

} // namespace

GrantImport writeGrantConnectors(const QString &grantJsonPath, const QString &targetRoot)
{
    GrantImport import;
    QFile file(grantJsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(grantJsonPath));
        import.skipped = -1;
        return import;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        qWarning("%s is not a JSON object: %s", qPrintable(grantJsonPath), qPrintable(error.errorString()));
        import.skipped = -1;
        return import;
    }

    const QJsonObject providers = document.object();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        const QString key = it.key();
        const QJsonObject provider = it.value().toObject();
        const QString authorizeUrl = provider.value(u"authorize_url"_s).toString();
        const QString accessUrl = provider.value(u"access_url"_s).toString();
        if (provider.value(u"oauth"_s).toInt() != 2 || authorizeUrl.isEmpty() || accessUrl.isEmpty()) {
            ++import.skipped;
            continue;
        }
        const QString folder = QDir(targetRoot).filePath(key);
        const bool written = writeFile(folder + u"/spec.yml"_s, specYml(key, authorizeUrl, accessUrl))
            && writeFile(folder + u"/auth/get-oauth-config.map.yml"_s, oauthConfigYml(key, provider))
            && writeFile(folder + u"/auth/make-api-client.map.yml"_s, apiClientYml(accessUrl));
        if (!written) {
            qWarning("cannot write the connector folder %s", qPrintable(folder));
            ++import.skipped;
            continue;
        }
        import.folders.append(folder);
    }
    return import;
}

} // namespace Authdesk::Test
