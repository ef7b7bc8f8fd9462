#include "supportbundle.h"

#include "profilecontext.h"

#include "store/connectorparameterstore.h"
#include "store/httplog.h"
#include "store/secretjob.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/jwt.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(ConnectionRecord::formatTime(time)) : QJsonValue();
}

// Credential fields whose values say what kind of grant it is and when it ends, never how to use it.
bool isHarmlessCredentialKey(const QString &key)
{
    static const QStringList keys {u"token_type"_s, u"expires_in"_s, u"expires_at"_s, u"ext_expires_in"_s,
        u"refresh_token_expires_in"_s, u"scope"_s, u"scopes"_s, u"issued_token_type"_s, u"obtained_at"_s};
    return keys.contains(key) && !Redaction::isSecretName(key);
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"undefined"_s;
}

QJsonObject connectorJson(const CatalogEntry &entry)
{
    const LoadedConnector &loaded = entry.connector;
    QJsonArray errors;
    QJsonArray warnings;
    for (const Diagnostic &diagnostic : loaded.diagnostics)
        (diagnostic.isError() ? errors : warnings).append(Redaction::text(diagnostic.toString()));
    return {{u"key"_s, loaded.spec.key()}, {u"name"_s, loaded.spec.name()}, {u"folder"_s, loaded.spec.folder()},
        {u"specFile"_s, loaded.spec.specFile()}, {u"source"_s, connectorSourceName(entry.source)},
        {u"overrides"_s, QJsonArray::fromStringList(entry.overrides)}, {u"valid"_s, loaded.isValid()},
        {u"errors"_s, errors}, {u"warnings"_s, warnings}};
}

} // namespace

SupportBundle::SupportBundle(ProfileContext *context, QString connectionName, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_connectionName(std::move(connectionName))
{
}

SupportBundle::~SupportBundle() = default;

QString SupportBundle::suggestedFileName(const QString &connectionName, const QDateTime &time)
{
    QString name = connectionName;
    for (QChar &c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_' && c != u'.')
            c = u'_';
    }
    return u"authdesk-support-%1-%2.json"_s.arg(name, time.toUTC().toString(u"yyyyMMdd-HHmmss"_s));
}

QJsonObject SupportBundle::credentialsShape(const QJsonObject &credentials)
{
    QJsonObject shape;
    for (auto it = credentials.begin(); it != credentials.end(); ++it) {
        const QJsonValue value = it.value();
        QJsonObject field {{u"type"_s, typeName(value)}};
        if (value.isString()) {
            field.insert(u"length"_s, value.toString().size());
            if (const auto jwt = JwtParts::decode(value.toString())) {
                // What the token says about itself; the signature (what makes it usable) is dropped.
                QJsonObject decoded {
                    {u"header"_s, Redaction::json(jwt->header)}, {u"claims"_s, Redaction::json(jwt->claims)}};
                if (const QJsonValue exp = jwt->claims.value(u"exp"_s); exp.isDouble())
                    decoded.insert(u"expiresAt"_s,
                        ConnectionRecord::formatTime(QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC)));
                field.insert(u"jwt"_s, decoded);
            }
        }
        if (isHarmlessCredentialKey(it.key()) && (value.isString() || value.isDouble() || value.isBool()))
            field.insert(u"value"_s, Redaction::json(value));
        else if (value.isArray())
            field.insert(u"items"_s, value.toArray().size());
        else if (value.isObject())
            field.insert(u"keys"_s, QJsonArray::fromStringList(value.toObject().keys()));
        shape.insert(it.key(), field);
    }
    return shape;
}

QJsonObject SupportBundle::compose(const Inputs &inputs)
{
    QJsonObject document;
    document.insert(u"format"_s, u"authdesk-support-bundle"_s);
    document.insert(u"version"_s, formatVersion);
    document.insert(u"generatedAt"_s, timeValue(inputs.generatedAt));
    document.insert(u"authdesk"_s,
        QJsonObject {{u"version"_s, QCoreApplication::applicationVersion()}, {u"profile"_s, inputs.profileName}});
    document.insert(u"qt"_s,
        QJsonObject {{u"runtime"_s, QString::fromLatin1(qVersion())}, {u"compiled"_s, QStringLiteral(QT_VERSION_STR)}});
    document.insert(u"os"_s,
        QJsonObject {{u"name"_s, QSysInfo::prettyProductName()},
            {u"kernel"_s, QString(QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion())},
            {u"architecture"_s, QSysInfo::currentCpuArchitecture()}});

    if (inputs.connector) {
        QJsonObject connector = connectorJson(*inputs.connector);
        // Parameters: the non-secret values, except schema fields that are secret; secrets by name only.
        QJsonObject parameters = Redaction::json(inputs.nonSecretParameters).toObject();
        for (const QString &key : inputs.secretParameterKeys)
            parameters.remove(key);
        connector.insert(u"parameters"_s, parameters);
        QStringList secretNames = inputs.secretParameterNames;
        for (const QString &key : inputs.secretParameterKeys) {
            if (inputs.nonSecretParameters.contains(key) && !secretNames.contains(key))
                secretNames.append(key);
        }
        connector.insert(u"secretParametersSet"_s, QJsonArray::fromStringList(secretNames));
        document.insert(u"connector"_s, connector);
    } else {
        document.insert(u"connector"_s, QJsonObject {{u"key"_s, inputs.record.connectorKey}, {u"installed"_s, false}});
    }

    QJsonObject connection = Redaction::json(inputs.record.toJson()).toObject();
    // A record written before secret schema inputs were kept out of the index may still hold them.
    if (inputs.connector) {
        if (const auto auth = inputs.connector->connector.spec.effectiveAuth(inputs.record.authOptionKey)) {
            QJsonObject input = connection.value(u"input"_s).toObject();
            for (const QString &key : ConnectorParameterStore::secretProperties(auth->inputSchema)) {
                if (input.contains(key))
                    input.insert(key, Redaction::placeholder());
            }
            if (connection.contains(u"input"_s))
                connection.insert(u"input"_s, input);
        }
    }
    document.insert(u"connection"_s, connection);

    QJsonObject credentials;
    if (inputs.credentials) {
        credentials.insert(u"stored"_s, true);
        credentials.insert(u"shape"_s, credentialsShape(*inputs.credentials));
    } else {
        credentials.insert(u"stored"_s, false);
        credentials.insert(u"problem"_s, Redaction::text(inputs.credentialsProblem));
    }
    document.insert(u"credentials"_s, credentials);

    QJsonArray exchanges;
    for (const HttpExchange &exchange : inputs.httpLog)
        exchanges.append(HttpLog::toJson(HttpLog::redacted(exchange)));
    QJsonObject httpLog {{u"entries"_s, exchanges}, {u"damagedLines"_s, inputs.damagedLogLines}};
    if (!inputs.httpLogProblem.isEmpty())
        httpLog.insert(u"problem"_s, Redaction::text(inputs.httpLogProblem));
    document.insert(u"httpLog"_s, httpLog);

    // Once more over everything: whatever a field above let through, a secret name or a token-looking
    // string anywhere in the document is caught here.
    return Redaction::json(document).toObject();
}

QByteArray SupportBundle::toJson() const
{
    return QJsonDocument(m_document).toJson(QJsonDocument::Indented);
}

void SupportBundle::start()
{
    if (m_started)
        return;
    m_started = true;
    const auto record = m_context->connection(m_connectionName);
    if (!record) {
        m_error = record.error();
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(this); });
        return;
    }
    m_inputs.profileName = m_context->profile().name();
    m_inputs.record = *record;
    m_inputs.generatedAt = m_context->clock().nowUtc();
    if (const CatalogEntry *entry = m_context->catalog().find(record->connectorKey)) {
        m_inputs.connector = *entry;
        m_inputs.secretParameterKeys = ProfileContext::secretParameterKeys(entry->connector.spec);
        // From the parameters file alone: the keychain's parameters are never read for a bundle.
        if (const auto parameters = m_context->parameters()->nonSecretParameters(record->connectorKey))
            m_inputs.nonSecretParameters = *parameters;
        if (const auto names = m_context->parameters()->secretParameterNames(record->connectorKey))
            m_inputs.secretParameterNames = *names;
    }
    // The HTTP log off this thread (after the records queued before), then the keychain.
    auto *watcher = new QFutureWatcher<Result<HttpLog::Contents>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id = record->id] {
        watcher->deleteLater();
        const Result<HttpLog::Contents> log = watcher->result();
        if (log) {
            m_inputs.httpLog = log->entries;
            m_inputs.damagedLogLines = log->damagedLines;
        } else {
            m_inputs.httpLogProblem = log.error().message;
        }
        readCredentials(id);
    });
    watcher->setFuture(HttpLog::forConnection(m_context->profile(), record->id).readLater());
}

void SupportBundle::readCredentials(const QString &id)
{
    // The credentials are read only for their shape; they stay in this object until finish().
    SecretJob *job = m_context->secrets()->read(SecretStore::Kind::ConnectionCredentials, id);
    connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
        if (outcome)
            m_inputs.credentials = *outcome;
        else
            m_inputs.credentialsProblem = outcome.error().toError().code == ErrorCode::NotFound
                ? u"nothing is stored in the keychain for this connection"_s
                : outcome.error().toError().message;
        finish();
    });
    job->start();
}

void SupportBundle::finish()
{
    m_document = compose(m_inputs);
    m_inputs.credentials.reset(); // secret: not kept longer than needed
    qCInfo(lcConnection) << "support bundle of" << m_connectionName << "made";
    Q_EMIT finished(this);
}

} // namespace Authdesk
