#pragma once

#include "testprinting.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QTemporaryDir>

namespace Authdesk::Test {

// A temporary folder tree of connector folders for loader and catalog tests:
//
//     ConnectorFixture fixture;
//     const QString folder = fixture.addConnector(u"acme"_s, {{u"spec.yml"_s, "key: acme\n..."},
//                                                             {u"auth/test.js"_s, "..."}});
//     const LoadedConnector loaded = ConnectorLoader::load(folder);
class ConnectorFixture
{
public:
    ConnectorFixture();

    bool isValid() const { return m_directory.isValid(); }
    QString root() const { return m_directory.path(); }

    // Writes `files` (paths relative to the connector folder) under root/<name>/ and returns the
    // folder path.
    QString addConnector(const QString &name, const QMap<QString, QByteArray> &files);
    // Writes one file below root and returns its path.
    QString writeFile(const QString &relativePath, const QByteArray &contents);

    // A minimal valid oauth2 connector (spec.yml, get-oauth-config.map.yml, make-api-client.map.yml).
    static QMap<QString, QByteArray> minimalOAuth2(const QString &key);

private:
    QTemporaryDir m_directory;
};

} // namespace Authdesk::Test
