#pragma once

#include "catalog/connectorcatalog.h"
#include "support/error.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <optional>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace Authdesk {

class ConnectionInputForm;
class MethodCall;
class ProfileContext;

// The settings of one connector of the catalog, for the profile:
//
// - its connector parameters (clientId, clientSecret and every property of its parameters schema,
//   those of its auth options included), in a form generated from the schema: secrets masked with a
//   "Show" toggle, schema defaults shown as placeholders (an unset parameter takes the default),
//   validated (required, types) before saving. Loaded and saved through ConnectorParameterStore
//   jobs, as `authdesk configure` does: secret parameters go to the keychain, the others to the
//   profile's settings file. Emptying a field removes the parameter; "Forget all…" removes them all.
//   A keychain that cannot be reached is explained in plain words, and nothing stored is lost: the
//   store changes nothing unless the keychain accepted the secrets, and the entries stay in the form.
// - read-only: the redirect URI to register with the provider (what ConnectJob and the loopback
//   handler will send, from the connector's getOAuthConfig: a pinned redirectPort/redirectPath, or
//   an ephemeral port), with a copy button; the connector's folder ("Open folder"), its source
//   (bundled, user, extra) and the folders it overrides, and its validation errors.
//
// Nothing blocks the GUI thread: the keychain and getOAuthConfig run as jobs. Open it with open().
//
//     auto *dialog = new ConnectorSettingsDialog(context, u"github"_s, this);
//     dialog->setAttribute(Qt::WA_DeleteOnClose);
//     connect(dialog, &ConnectorSettingsDialog::saved, this, &MainWindow::reloadSomething);
//     dialog->open();
class ConnectorSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // One redirect URI per way to connect (auth option) that has its own.
    struct RedirectUri
    {
        QString optionKey; // "" for the connector's top-level auth
        QString optionTitle;
        QString uri; // what to register: http://127.0.0.1:PORT/PATH, or http://127.0.0.1/PATH (any port)
        std::optional<quint16> pinnedPort; // set when the connector fixes the port
        QString problem; // getOAuthConfig could not be evaluated (the URI is then the default one)
    };

    // The connector `connectorKey` of the profile's catalog.
    ConnectorSettingsDialog(ProfileContext *context, const QString &connectorKey, QWidget *parent = nullptr);
    // A connector of another catalog, e.g. the main window's after File > Reload connectors, which the
    // profile's catalog (loaded when the profile was opened) may not have.
    ConnectorSettingsDialog(ProfileContext *context, const CatalogEntry &entry, QWidget *parent = nullptr);
    ~ConnectorSettingsDialog() override;

    const QString &connectorKey() const { return m_connectorKey; }
    // The parameters form (nullptr when the connector is unknown).
    ConnectionInputForm *form() const { return m_form; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    const QList<RedirectUri> &redirectUris() const { return m_redirectUris; }
    // The message line under the form: what happened last (saved, an error, a validation problem).
    QString statusText() const;

    // Validates and stores the form's values: changed ones are set, emptied ones removed. With
    // `closeWhenSaved` (the Save button), the dialog closes once they are stored.
    void save(bool closeWhenSaved = false);
    // Forgets every parameter of the connector, in the settings file and in the keychain (asks first).
    void forgetAll();

Q_SIGNALS:
    // The stored parameters were loaded into the form (or could not be: see statusText()).
    void loadFinished(bool succeeded);
    // The connector's parameters were stored (or forgotten).
    void saved(const QString &connectorKey);
    // A save or forget failed; statusText() says why.
    void saveFailed(const Authdesk::Error &error);
    // The redirect URIs were worked out from the connector's getOAuthConfig.
    void redirectUrisReady();

private:
    ConnectorSettingsDialog(ProfileContext *context, QString connectorKey, std::optional<CatalogEntry> entry, QWidget *parent);
    QWidget *makeRedirectSection();
    QWidget *makeParametersSection();
    QWidget *makeConnectorSection();
    // The parameters schema of the connector and all its auth options, with clientId and
    // clientSecret, and any stored parameter the schema does not know.
    QJsonObject parametersSchema(const QStringList &storedKeys) const;
    void load();
    void onLoaded(const Result<QJsonObject> &parameters);
    void buildForm(const QJsonObject &values, const QStringList &storedKeys);
    void forgetConfirmed();
    void onStored(const Result<QJsonObject> &parameters, bool closeWhenSaved, bool forgotten);
    void setBusy(bool busy, const QString &message = {});
    void showStatus(const QString &text, bool problem);
    void evaluateRedirectUris();
    void onRedirectConfig(MethodCall *call, const QString &optionKey, const QString &optionTitle);
    void showRedirectUris();
    // A user-facing explanation of a store error: the keychain's in plain words.
    QString describe(const Error &error, bool saving) const;

    ProfileContext *m_context;
    QString m_connectorKey;
    std::optional<CatalogEntry> m_entry;
    QStringList m_secretKeys; // secret by schema or name; always kept in the keychain

    QJsonObject m_stored; // what the store holds, as last loaded or saved
    bool m_loaded = false;
    bool m_busy = false;

    QVBoxLayout *m_formHolder = nullptr;
    ConnectionInputForm *m_form = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_forgetButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    QVBoxLayout *m_redirectRows = nullptr;
    QLabel *m_redirectNote = nullptr;
    QList<RedirectUri> m_redirectUris;
    QList<QPointer<MethodCall>> m_redirectCalls;
    int m_redirectPending = 0;
};

} // namespace Authdesk
