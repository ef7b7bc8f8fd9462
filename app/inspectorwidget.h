#pragma once

#include "store/connectionrecord.h"

#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace Authdesk {

class ProfileContext;

// What a support person needs about one connection: the overview (connector, status, scopes
// requested vs granted, obtained and expiry times in local time), the credentials from the keychain
// (secrets masked; Reveal shows them after a confirmation, until another connection is shown), the
// decoded JWT header and claims of the access and id tokens, and the history. The keychain is read
// asynchronously; credentialsLoaded() says when.
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

    // Asks for confirmation (a window-modal message box, not a nested event loop), then shows the
    // secrets.
    void askToReveal();

Q_SIGNALS:
    void credentialsLoaded();

private:
    void showOverview();
    void showHistory();
    void readCredentials();
    void showCredentials();
    void setRevealed(bool revealed);
    QLabel *addRow(QFormLayout *form, const QString &label, const QString &objectName);

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
};

} // namespace Authdesk
