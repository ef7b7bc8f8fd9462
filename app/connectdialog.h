#pragma once

#include "spec/connectorspec.h"
#include "store/connectionrecord.h"

#include <QDeadlineTimer>
#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <chrono>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace Authdesk {

class ConnectJob;
class ConnectionActions;
class ConnectionInputForm;
class ProfileContext;

// Connecting an account, in three pages:
//   1. the connection input form (generated from the connector's input schema), the auth option
//      picker when the connector offers several, and an optional connection name;
//   2. "Waiting for your browser": the authorization URL (read-only, with a copy button), "Open
//      again", Cancel, and the time left;
//   3. the outcome: the new connection's name and the result of the connector's test, or the
//      provider's error in plain words.
// The work is a ConnectJob (browser opened through BrowserLauncher, which honours AUTHDESK_BROWSER)
// followed by ConnectionActions::test(); nothing blocks the GUI thread. Closing the dialog cancels a
// running connect.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    enum Page { FormPage, WaitingPage, ResultPage };
    Q_ENUM(Page)

    ConnectDialog(ProfileContext *context, ConnectionActions *actions, ConnectorSpec spec, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    // Connect again an existing connection: same name, option and (non-secret) input.
    void setReconnect(const ConnectionRecord &record);
    void setTimeout(std::chrono::seconds timeout) { m_timeout = timeout; }

    Page currentPage() const;
    // The form of the chosen auth option (valid once formReady() was emitted).
    ConnectionInputForm *form() const { return m_form; }
    QComboBox *optionPicker() const { return m_optionPicker; }
    bool isFormReady() const { return m_formReady; }
    // Set once connected: the connection's name.
    const QString &connectionName() const { return m_connectionName; }
    bool succeeded() const { return m_succeeded; }
    // The text of the outcome page.
    QString resultText() const;

    // Validates the form and starts the connect (the Connect button).
    void startConnect();

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    // The connector parameters are loaded and the form for the chosen option is shown.
    void formReady();
    // The connection was stored (before its test ran).
    void connected(const QString &connectionName);
    // The outcome page is showing.
    void outcomeShown(bool succeeded);

private:
    QWidget *makeFormPage();
    QWidget *makeWaitingPage();
    QWidget *makeResultPage();
    void onParameters(const QJsonObject &parameters);
    void showOption();
    void onAuthorizationUrl(const QUrl &url);
    void onConnectFinished(ConnectJob *job);
    void showResult(bool succeeded, const QString &title, const QString &text);
    void updateTimeLeft();
    void openBrowser();

    ProfileContext *m_context;
    ConnectionActions *m_actions;
    ConnectorSpec m_spec;
    std::optional<ConnectionRecord> m_reconnect;
    QJsonObject m_parameters;
    std::chrono::seconds m_timeout = std::chrono::minutes(5);

    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_optionPicker = nullptr;
    QLabel *m_optionLabel = nullptr;
    QVBoxLayout *m_formHolder = nullptr;
    ConnectionInputForm *m_form = nullptr;
    QLabel *m_help = nullptr;
    QLabel *m_formErrors = nullptr;
    QPushButton *m_connectButton = nullptr;

    QLabel *m_progress = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_timeLeft = nullptr;
    QTimer *m_countdown = nullptr;
    QDeadlineTimer m_deadline;

    QLabel *m_resultTitle = nullptr;
    QLabel *m_resultText = nullptr;
    QPushButton *m_retryButton = nullptr;

    QPointer<ConnectJob> m_job;
    QString m_connectionName;
    bool m_formReady = false;
    bool m_succeeded = false;
};

} // namespace Authdesk
