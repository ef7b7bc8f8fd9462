#include "catalog/connectorcatalog.h"
#include "connectorfixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Authdesk;
using Authdesk::Test::ConnectorFixture;

class tst_ConnectorCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryConnectorOfARoot();
    void brokenConnectorIsListedWithItsErrors();
    void laterSourcesOverrideEarlierOnes();
    void extraDirectoriesOverrideInOrder();
    void duplicateKeyInOneRootIsReported();
    void rootThatIsItselfAConnector();
    void missingRootsAreSkipped();
    void environmentPathIsSplit();
    void standardPathOrder();
    void folderNamedTwiceCountsOnce();
};

void tst_ConnectorCatalog::loadsEveryConnectorOfARoot()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"beta"_s, ConnectorFixture::minimalOAuth2(u"beta"_s));
    fixture.addConnector(u"alpha"_s, ConnectorFixture::minimalOAuth2(u"alpha"_s));
    fixture.writeFile(u"README.md"_s, "not a connector"); // files next to connector folders are ignored
    ConnectorSearchPath path;
    path.append(fixture.root(), ConnectorSource::Bundled);

    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 2);
    QCOMPARE(catalog.entries().at(0).key(), u"alpha"_s); // sorted by key
    QCOMPARE(catalog.entries().at(1).key(), u"beta"_s);
    QVERIFY(catalog.find(u"alpha"_s));
    QVERIFY(catalog.find(u"alpha"_s)->isValid());
    QCOMPARE(catalog.find(u"alpha"_s)->source, ConnectorSource::Bundled);
    QVERIFY(!catalog.find(u"gamma"_s));
    QCOMPARE(catalog.invalidCount(), 0);
}

void tst_ConnectorCatalog::brokenConnectorIsListedWithItsErrors()
{
    ConnectorFixture fixture;
    fixture.addConnector(u"good"_s, ConnectorFixture::minimalOAuth2(u"good"_s));
    fixture.addConnector(u"broken"_s, {{u"spec.yml"_s, "key: broken\nauth: type: oauth2\n"}});
    fixture.addConnector(u"empty"_s, {{u"notes.txt"_s, "no spec here"}});
    ConnectorSearchPath path;
    path.append(fixture.root(), ConnectorSource::User);

    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 3);
    QCOMPARE(catalog.invalidCount(), 2);
    QVERIFY(catalog.find(u"good"_s)->isValid());

    const CatalogEntry *broken = catalog.find(u"broken"_s);
    QVERIFY(broken);
    QVERIFY(!broken->isValid());
    QCOMPARE(broken->connector.diagnostics.first().kind, DiagnosticKind::YamlSyntax);
    QCOMPARE(broken->connector.diagnostics.first().file, fixture.root() + u"/broken/spec.yml"_s);
    QCOMPARE(broken->connector.diagnostics.first().line, 2);

    const CatalogEntry *empty = catalog.find(u"empty"_s); // key falls back to the folder name
    QVERIFY(empty);
    QCOMPARE(empty->connector.diagnostics.first().kind, DiagnosticKind::MissingFile);
    QCOMPARE(empty->connector.diagnostics.first().toString(),
        fixture.root() + u"/empty/spec.yml: no spec.yml in the connector folder"_s);
}

void tst_ConnectorCatalog::laterSourcesOverrideEarlierOnes()
{
    ConnectorFixture bundled;
    ConnectorFixture user;
    const QString bundledGithub = bundled.addConnector(u"github"_s, ConnectorFixture::minimalOAuth2(u"github"_s));
    bundled.addConnector(u"slack"_s, ConnectorFixture::minimalOAuth2(u"slack"_s));
    auto custom = ConnectorFixture::minimalOAuth2(u"github"_s);
    custom[u"spec.yml"_s].replace("name: github test", "name: My GitHub");
    const QString userGithub = user.addConnector(u"my-github"_s, custom); // folder name differs, key wins

    ConnectorSearchPath path;
    path.append(bundled.root(), ConnectorSource::Bundled);
    path.append(user.root(), ConnectorSource::User);
    const ConnectorCatalog catalog = ConnectorCatalog::load(path);

    QCOMPARE(catalog.size(), 2);
    const CatalogEntry *github = catalog.find(u"github"_s);
    QVERIFY(github);
    QCOMPARE(github->source, ConnectorSource::User);
    QCOMPARE(github->connector.spec.name(), u"My GitHub"_s);
    QCOMPARE(github->connector.spec.folder(), userGithub);
    QCOMPARE(github->overrides, QStringList {bundledGithub});
    QCOMPARE(catalog.find(u"slack"_s)->source, ConnectorSource::Bundled);
    QVERIFY(catalog.find(u"slack"_s)->overrides.isEmpty());
}

void tst_ConnectorCatalog::extraDirectoriesOverrideInOrder()
{
    ConnectorFixture bundled;
    ConnectorFixture first;
    ConnectorFixture second;
    const QString a = bundled.addConnector(u"acme"_s, ConnectorFixture::minimalOAuth2(u"acme"_s));
    const QString b = first.addConnector(u"acme"_s, ConnectorFixture::minimalOAuth2(u"acme"_s));
    const QString c = second.addConnector(u"acme"_s, ConnectorFixture::minimalOAuth2(u"acme"_s));
    ConnectorSearchPath path;
    path.append(bundled.root(), ConnectorSource::Bundled);
    path.append(first.root(), ConnectorSource::Extra);
    path.append(second.root(), ConnectorSource::Extra);

    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 1);
    QCOMPARE(catalog.find(u"acme"_s)->connector.spec.folder(), c);
    QCOMPARE(catalog.find(u"acme"_s)->source, ConnectorSource::Extra);
    QCOMPARE(catalog.find(u"acme"_s)->overrides, (QStringList {b, a}));
}

void tst_ConnectorCatalog::duplicateKeyInOneRootIsReported()
{
    ConnectorFixture fixture;
    const QString first = fixture.addConnector(u"a-folder"_s, ConnectorFixture::minimalOAuth2(u"same"_s));
    const QString second = fixture.addConnector(u"b-folder"_s, ConnectorFixture::minimalOAuth2(u"same"_s));
    ConnectorSearchPath path;
    path.append(fixture.root(), ConnectorSource::User);

    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 1);
    const CatalogEntry *entry = catalog.find(u"same"_s);
    QCOMPARE(entry->connector.spec.folder(), first);
    QVERIFY(!entry->isValid());
    QCOMPARE(entry->connector.diagnostics.last().kind, DiagnosticKind::DuplicateConnectorKey);
    QVERIFY2(entry->connector.diagnostics.last().message.contains(first),
        qPrintable(entry->connector.diagnostics.last().message));
    QCOMPARE(entry->connector.diagnostics.last().file, second + u"/spec.yml"_s);
}

void tst_ConnectorCatalog::rootThatIsItselfAConnector()
{
    ConnectorFixture fixture;
    const QString folder = fixture.addConnector(u"solo"_s, ConnectorFixture::minimalOAuth2(u"solo"_s));
    QCOMPARE(ConnectorCatalog::connectorFolders(folder), QStringList {folder});
    ConnectorSearchPath path;
    path.append(folder, ConnectorSource::Extra);
    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 1);
    QVERIFY(catalog.find(u"solo"_s)->isValid());
}

void tst_ConnectorCatalog::missingRootsAreSkipped()
{
    ConnectorSearchPath path;
    path.append(u"/nonexistent/authdesk/connectors"_s, ConnectorSource::User);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"does not exist"_s));
    path.append(u"/nonexistent/extra"_s, ConnectorSource::Extra);
    const ConnectorCatalog catalog = ConnectorCatalog::load(path);
    QCOMPARE(catalog.size(), 0);
}

void tst_ConnectorCatalog::folderNamedTwiceCountsOnce()
{
    QTemporaryDir folder;
    qputenv("AUTHDESK_CONNECTORS_PATH", folder.path().toLocal8Bit());
    const ConnectorSearchPath path = ConnectorSearchPath::standard({folder.path() + u"/."_s});
    qunsetenv("AUTHDESK_CONNECTORS_PATH");
    const auto matching = std::count_if(path.roots().cbegin(), path.roots().cend(), [&folder](const auto &root) {
        return QFileInfo(root.path).canonicalFilePath() == QFileInfo(folder.path()).canonicalFilePath();
    });
    QCOMPARE(matching, 1);
    QCOMPARE(path.roots().constLast().path, folder.path() + u"/."_s); // at its last place
}

void tst_ConnectorCatalog::environmentPathIsSplit()
{
    const QString list = u"/one"_s + QDir::listSeparator() + u"/two"_s + QDir::listSeparator();
    qputenv("AUTHDESK_CONNECTORS_PATH", list.toLocal8Bit());
    QCOMPARE(ConnectorSearchPath::environmentDirectories(), (QStringList {u"/one"_s, u"/two"_s}));
    qunsetenv("AUTHDESK_CONNECTORS_PATH");
    QVERIFY(ConnectorSearchPath::environmentDirectories().isEmpty());
}

void tst_ConnectorCatalog::standardPathOrder()
{
    qputenv("AUTHDESK_CONNECTORS_PATH", "/from/env");
    const ConnectorSearchPath path = ConnectorSearchPath::standard({u"/from/cli"_s});
    qunsetenv("AUTHDESK_CONNECTORS_PATH");
    const auto &roots = path.roots();
    QVERIFY(roots.size() >= 3);
    // From a build tree the bundled connectors are the source tree's.
    QCOMPARE(roots.first().source, ConnectorSource::Bundled);
    QCOMPARE(roots.first().path, QDir::cleanPath(QStringLiteral(AUTHDESK_TEST_SOURCE_DIR "/connectors")));
    QCOMPARE(roots.at(roots.size() - 3).source, ConnectorSource::User);
    QVERIFY(roots.at(roots.size() - 3).path.endsWith(u"/authdesk/connectors"_s));
    QCOMPARE(roots.at(roots.size() - 2).path, u"/from/env"_s);
    QCOMPARE(roots.last().path, u"/from/cli"_s);
    QCOMPARE(roots.last().source, ConnectorSource::Extra);
}

QTEST_GUILESS_MAIN(tst_ConnectorCatalog)
#include "tst_connectorcatalog.moc"
