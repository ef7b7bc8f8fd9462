#pragma once

#include "scriptinvocation.h"

#include "support/httpexchange.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJSValue>
#include <QList>
#include <QObject>
#include <QPointer>

class QJSEngine;
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Authdesk {

// A console line of a connector script, already redacted.
struct ScriptLogLine
{
    QDateTime time;
    QString level; // log, info, warn, error, debug
    QString text;
};

// The native side of the host APIs in js/host.js, installed in a script's engine as `__authdesk`:
// HTTP for fetch (QNetworkAccessManager, system proxy, TLS verification, loopback-only http://),
// timers, console, hashes and randomness. It lives in the script's worker thread; callbacks run
// there too. Every request is recorded (redacted) for the inspector.
class ScriptHost : public QObject
{
    Q_OBJECT

public:
    ScriptHost(QJSEngine *engine, const ScriptInvocation &invocation, QObject *parent = nullptr);
    ~ScriptHost() override;

    Q_INVOKABLE int fetch(const QJSValue &request, const QJSValue &callback);
    Q_INVOKABLE void abortFetch(int id);
    // apiClient calls (js/host.js): `request` is {method, path, query, data, headers, options}; the
    // callback gets {status, headers: [[name, value]...], body: base64} or {failure: {key, message, data}}.
    Q_INVOKABLE void apiRequest(const QJSValue &request, const QJSValue &callback);
    Q_INVOKABLE bool hasApiClient() const { return bool(m_invocation.apiGateway); }
    Q_INVOKABLE int setTimer(int milliseconds, bool repeat, const QJSValue &callback);
    Q_INVOKABLE void clearTimer(int id);
    Q_INVOKABLE void log(const QString &level, const QString &text);
    Q_INVOKABLE QString digest(const QString &algorithm, const QString &dataBase64);
    Q_INVOKABLE QString hmac(const QString &algorithm, const QString &keyBase64, const QString &dataBase64);
    Q_INVOKABLE QString randomBytes(int size);
    Q_INVOKABLE QString randomUUID();
    // Called by the runner's promise callbacks with the method's outcome.
    Q_INVOKABLE void settle(bool fulfilled, const QJSValue &value);

    // Stops every timer and request (the method finished or was stopped).
    void shutdown();

    QList<ScriptLogLine> takeLog() { return std::exchange(m_log, {}); }
    QList<HttpExchange> takeExchanges() { return std::exchange(m_exchanges, {}); }

Q_SIGNALS:
    void settled(bool fulfilled, const QJSValue &value);
    // A callback (timer, fetch) threw: like Node's uncaught exception, the method fails.
    void uncaughtException(const QJSValue &error);

private:
    struct PendingFetch
    {
        QPointer<QNetworkReply> reply;
        QJSValue callback;
        qsizetype exchange = -1;
        QByteArray body;
        QElapsedTimer timer;
        QString redirectMode;
    };

    void call(QJSValue callback, const QJSValueList &arguments);
    void deliverApiReply(const QJSValue &callback, const ScriptApiReply &reply);
    void finishFetch(int id, const QString &error);
    void failFetchLater(const QJSValue &callback, const QString &error, qsizetype exchange);
    int nextId() { return ++m_lastId; }

    QJSEngine *m_engine;
    ScriptInvocation m_invocation;
    QNetworkAccessManager *m_network = nullptr;
    QHash<int, PendingFetch> m_fetches;
    QHash<int, QTimer *> m_timers;
    QHash<int, QJSValue> m_timerCallbacks;
    QList<ScriptLogLine> m_log;
    qint64 m_logBytes = 0;
    bool m_logTruncated = false;
    QList<HttpExchange> m_exchanges;
    int m_lastId = 0;
    bool m_shutDown = false;
};

} // namespace Authdesk
