#pragma once

#include "catalog/connectorcatalog.h"
#include "store/connectionrecord.h"
#include "support/error.h"
#include "support/httpexchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

namespace Authdesk {

class ProfileContext;

// A redacted JSON document about one connection for a support ticket: which Authdesk, Qt and OS;
// the connector (key, name, folder, source, validation errors); the connection record (status,
// scopes, times, history); the connector parameters that are not secret and the names of those that
// are; the SHAPE of the stored credentials — key names, token type, expiry, the JWT header and claims
// of JWT tokens (signature dropped, secret-looking claims redacted) — never a token, refresh token,
// code or secret; and the connection's HTTP log (HttpLog). Every value passes through
// lib/support/redaction.h; the last step runs the whole document through Redaction::json once more.
//
//     auto *bundle = new SupportBundle(context, u"work"_s, this);
//     connect(bundle, &SupportBundle::finished, this, [](SupportBundle *done) {
//         if (done->error()) show(done->error()->message); else save(done->toJson());
//         done->deleteLater();
//     });
//     bundle->start();                   // reads the keychain (for the shape) asynchronously
class SupportBundle : public QObject
{
    Q_OBJECT

public:
    static constexpr int formatVersion = 1;

    // Everything the document is made of, gathered by start(); compose() is the pure part.
    struct Inputs
    {
        QString profileName;
        ConnectionRecord record;
        std::optional<CatalogEntry> connector; // none: the connector is not installed any more
        QJsonObject nonSecretParameters;
        QStringList secretParameterNames;
        QStringList secretParameterKeys; // schema fields with format: password / x-secret
        std::optional<QJsonObject> credentials; // none: nothing stored or not readable
        QString credentialsProblem;
        QList<HttpExchange> httpLog;
        int damagedLogLines = 0;
        QString httpLogProblem;
        QDateTime generatedAt;
    };

    SupportBundle(ProfileContext *context, QString connectionName, QObject *parent = nullptr);
    ~SupportBundle() override;

    void start();

    // Once finished: the error that stopped the bundle (unknown connection), or the document.
    const std::optional<Error> &error() const { return m_error; }
    const QJsonObject &document() const { return m_document; }
    QByteArray toJson() const;

    static QJsonObject compose(const Inputs &inputs);
    // The shape of a credentials object: per key its type (and for strings the length), the value only
    // for known harmless keys (token_type, expires_in, scope...), the header and claims of JWTs.
    static QJsonObject credentialsShape(const QJsonObject &credentials);
    // "authdesk-support-<connection>-<UTC time>.json", safe as a file name.
    static QString suggestedFileName(const QString &connectionName, const QDateTime &time);

Q_SIGNALS:
    void finished(Authdesk::SupportBundle *bundle);

private:
    void readCredentials(const QString &id);
    void finish();

    ProfileContext *m_context;
    QString m_connectionName;
    Inputs m_inputs;
    std::optional<Error> m_error;
    QJsonObject m_document;
    bool m_started = false;
};

} // namespace Authdesk
