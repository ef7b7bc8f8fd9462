#pragma once

#include "store/connectionrecord.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace Authdesk {

class ApiConsoleWidget;
class ConnectionActions;
class HttpLogWidget;
class ProfileContext;
class SupportBundle;

// What a support person needs about one connection: the overview (connector, status, scopes
// requested vs granted, obtained and expiry times in local time), the credentials from the keychain
// (secrets masked; Reveal shows them after a confirmation, until another connection is shown), the
// decoded JWT header and claims of the access and id tokens, the history, the persistent HTTP log
// (HttpLogWidget) and an API console (ApiConsoleWidget); "Export support bundle…" writes a redacted
// SupportBundle to a file the user picks. The keychain is read asynchronously; credentialsLoaded()
// says when.
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorWidget(ProfileContext *context, QWidget *parent = nullptr);

    // Shows `record` (re-reads the keychain when it is another connection or new credentials);
    // nullptr clears the inspector.
    void setConnection(const ConnectionRecord *record);
    const QString &connectionName() const { return m_record.name; }
    bool isRevealed() const { return m_revealed; }

    QString credentialsText() const;
    QString tokensText() const;
    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *historyTable() const { return m_history; }
    QPushButton *revealButton() const { return m_reveal; }
    HttpLogWidget *httpLog() const { return m_httpLog; }
    ApiConsoleWidget *apiConsole() const { return m_apiConsole; }
    QPushButton *exportBundleButton() const { return m_exportBundle; }

    // Who opens API sessions for the console (the main window's, so that one refresher serves both);
    // without one the inspector makes its own. Not owned.
    void setActions(ConnectionActions *actions);

    // Asks for a file (a window-modal, non-blocking QFileDialog), then exportBundleTo() it.
    void askToExportBundle();
    // Builds the support bundle of the shown connection and writes it to `filePath` (QSaveFile);
    // bundleExported() follows.
    void exportBundleTo(const QString &filePath);

    // Asks for confirmation (a window-modal message box, not a nested event loop), then shows the
    // secrets.
    void askToReveal();

Q_SIGNALS:
    void credentialsLoaded();
    // `message` says where it went or what failed, in words for the status bar.
    void bundleExported(bool succeeded, const QString &filePath, const QString &message);

private:
    void showOverview();
    void showHistory();
    void readCredentials();
    void showCredentials();
    void setRevealed(bool revealed);
    QLabel *addRow(QFormLayout *form, const QString &label, const QString &objectName);
    ConnectionActions *actions();

    ProfileContext *m_context;
    ConnectionRecord m_record;
    QJsonObject m_credentials; // secret: only in memory, only while this connection is shown
    QString m_credentialsError;
    bool m_revealed = false;
    int m_readGeneration = 0; // a late keychain answer for an earlier connection is dropped

    QTabWidget *m_tabs;
    QLabel *m_placeholder;
    QLabel *m_connector;
    QLabel *m_status;
    QLabel *m_scopesRequested;
    QLabel *m_scopesGranted;
    QLabel *m_created;
    QLabel *m_obtained;
    QLabel *m_expires;
    QPlainTextEdit *m_credentialsView;
    QPushButton *m_reveal;
    QPlainTextEdit *m_tokensView;
    QTableWidget *m_history;
    HttpLogWidget *m_httpLog;
    ApiConsoleWidget *m_apiConsole;
    QPushButton *m_exportBundle;
    QPointer<ConnectionActions> m_actions;
    QPointer<SupportBundle> m_bundle; // the export that runs
};

} // namespace Authdesk
