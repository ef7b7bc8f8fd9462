#pragma once

#include "catalog/connectorcatalog.h"
#include "store/connectionindex.h"
#include "store/profile.h"
#include "support/result.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Authdesk {

class Clock;
class ConnectionSession;
class ConnectorSpec;
class Refresher;
class ConnectorParameterStore;
class SecretStore;

// Everything a command (or the GUI) works with for one profile: the connector catalog, the
// connection index, the keychain and the connector parameters. Keychain jobs run on the thread that
// owns the context, which must run an event loop.
class ProfileContext : public QObject
{
    Q_OBJECT

public:
    // Resolves the profile (`profileName`, else AUTHDESK_PROFILE, else "default"), loads the catalog
    // from `connectorDirectories` plus the bundled and user folders, and reads the connection index.
    static Result<ProfileContext *> open(const QString &profileName, const QStringList &connectorDirectories,
        QObject *parent = nullptr, const QString &profilesRoot = {});
    ~ProfileContext() override;

    const Profile &profile() const { return m_profile; }
    const ConnectorCatalog &catalog() const { return m_catalog; }
    ConnectionIndex &index() { return *m_index; }
    SecretStore *secrets() const { return m_secrets; }
    ConnectorParameterStore *parameters() const { return m_parameters; }
    const Clock &clock() const;

    // The connector with this key; NotFound, or Validation (with its errors) when it does not load.
    Result<const LoadedConnector *> connector(const QString &key) const;
    // The connection with this name, NotFound naming the known ones otherwise.
    Result<ConnectionRecord> connection(const QString &name) const;

    // The connector parameters that are secrets besides the ones secret by name: schema properties with
    // `format: password`, `x-secret: true` or `writeOnly: true`, of the connector and all its auth options.
    static QStringList secretParameterKeys(const ConnectorSpec &spec);

    // All parameters of a connector (the keychain's included), as a job; `then` runs in `receiver`'s
    // thread and not at all once `receiver` is gone.
    void loadConnectorParameters(
        const ConnectorSpec &spec, QObject *receiver, std::function<void(const Result<QJsonObject> &)> then);
    // Opens a ConnectionSession for the named connection (the CLI commands and the GUI share this):
    // record, connector and its parameters, then the session, refreshing through `refresher` when it
    // is due. The session, a child of `owner`, records what it sent and every later API exchange in the
    // connection's HTTP log. On failure `then` gets the error and no session is left behind.
    void openSession(const QString &name, Refresher *refresher, QObject *owner,
        std::function<void(const Result<ConnectionSession *> &)> then);

private:
    ProfileContext(Profile profile, QObject *parent);

    Profile m_profile;
    ConnectorCatalog m_catalog;
    std::unique_ptr<ConnectionIndex> m_index;
    SecretStore *m_secrets = nullptr;
    ConnectorParameterStore *m_parameters = nullptr;
};

} // namespace Authdesk
