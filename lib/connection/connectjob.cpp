#include "connectjob.h"

#include "credentialtimes.h"
#include "methodcall.h"

#include "oauth/idtokenvalidator.h"
#include "oauth/loopbackreplyhandler.h"
#include "oauth/tokenclient.h"
#include "oauth/tokenerror.h"
#include "oauth/tokenrequestjob.h"
#include "store/connectionindex.h"
#include "store/connectorparameterstore.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/logging.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectJob::ConnectJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_secrets(secrets)
    , m_index(index)
    , m_clock(clock)
    , m_tokenClient(new TokenClient(clock, this))
{
}

ConnectJob::~ConnectJob() = default;

void ConnectJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // Everything below may fail at once; finished() must still come later than start().
    QTimer::singleShot(0, this, [this] {
        if (m_finished)
            return; // cancelled before it began: no listener, no authorization URL
        const auto auth = m_settings.spec.effectiveAuth(m_settings.optionKey);
        if (!auth)
            return fail(auth.error());
        m_auth = *auth;
        if (m_auth.type != AuthType::OAuth2)
            return fail(Error(ErrorCode::Validation,
                u"connector \"%1\" does not use OAuth 2 (auth type %2); only OAuth 2 connections can be made"_s.arg(
                    m_settings.spec.key(), m_auth.type ? AuthTypes::toString(*m_auth.type) : u"none"_s)));
        if (!m_auth.method(AuthMethod::GetOAuthConfig))
            return fail(Error(ErrorCode::Validation, u"connector \"%1\" has no getOAuthConfig"_s.arg(m_settings.spec.key())));
        if (m_settings.reconnect) {
            if (!m_index->find(m_settings.connectionName))
                return fail(Error(ErrorCode::NotFound, u"no connection \"%1\" to reconnect"_s.arg(m_settings.connectionName)));
        } else if (!m_settings.connectionName.isEmpty() && m_index->contains(m_settings.connectionName)) {
            return fail(Error(ErrorCode::Validation,
                u"a connection named \"%1\" exists already (reconnect it, or choose another name)"_s.arg(m_settings.connectionName)));
        }
        if (!listen(nullptr))
            return;
        evaluateConfig();
    });
}

void ConnectJob::cancel()
{
    if (m_finished)
        return;
    // A keychain write cannot be taken back halfway: once the credentials are being stored, the
    // attempt ends as the write does (it is a matter of milliseconds).
    if (m_storing) {
        qCDebug(lcConnection) << "cancel ignored: the credentials of" << m_settings.spec.key() << "are being stored";
        return;
    }
    if (m_handler && !m_handler->isFinished()) {
        m_handler->cancel(); // authorizationFailed(Cancelled) follows
        return;
    }
    fail(Error(ErrorCode::Denied, u"the connection attempt was cancelled"_s));
}

// Opens the loopback listener: first with the defaults (or --port), then, once the connector's
// OAuth config is known, again if it pins a port or path of its own.
bool ConnectJob::listen(const OAuthConfig *config)
{
    if (m_handler) {
        m_handler->disconnect(this);
        m_handler->cancel();
        m_handler->deleteLater();
    }
    m_handler = new LoopbackReplyHandler(this);
    if (config)
        m_handler->configure(*config);
    if (m_settings.port)
        m_handler->setPort(*m_settings.port);
    m_handler->setTimeout(m_settings.timeout);
    const auto listening = m_handler->listen();
    if (!listening) {
        fail(listening.error().toError());
        return false;
    }
    m_redirectUri = *listening;
    connect(m_handler, &LoopbackReplyHandler::authorizationReceived, this, &ConnectJob::onAuthorized);
    connect(m_handler, &LoopbackReplyHandler::authorizationFailed, this,
        [this](const AuthorizationError &error) { fail(error.toError()); });
    return true;
}

QJsonObject ConnectJob::methodArguments() const
{
    QJsonObject arguments{{u"connectorParameters"_s, m_settings.connectorParameters},
        {u"connectionInput"_s, m_settings.connectionInput}, {u"redirectUri"_s, m_redirectUri}};
    return MethodCall::completeArguments(m_settings.spec, arguments);
}

// The hooks that run after the redirect get its query under both names in use (connector-format.md
// §4.3): `queryParameters` (the documentation) and `request.query` (real connectors, e.g. QuickBooks'
// realmId).
QJsonObject ConnectJob::callbackArguments() const
{
    QJsonObject arguments = methodArguments();
    const QJsonObject query = m_response.parametersObject();
    arguments.insert(u"queryParameters"_s, query);
    arguments.insert(u"request"_s, QJsonObject{{u"query"_s, query}});
    return arguments;
}

void ConnectJob::evaluateConfig()
{
    if (!announce(tr("Reading the connector's OAuth configuration")))
        return;
    ++m_configEvaluations;
    auto *call = new MethodCall(*m_auth.method(AuthMethod::GetOAuthConfig), methodArguments(), this);
    m_step = call;
    connect(call, &MethodCall::finished, this, &ConnectJob::onConfig);
    call->start();
}

void ConnectJob::onConfig(MethodCall *call)
{
    call->deleteLater();
    m_exchanges += call->httpExchanges();
    if (!call->result())
        return fail(call->result().error());
    const QJsonValue value = *call->result();
    if (!value.isObject())
        return fail(Error(ErrorCode::Validation,
            u"%1: getOAuthConfig must return an object"_s.arg(call->implementation().filePath)));
    const auto config = OAuthConfig::fromJson(value.toObject(), m_settings.spec.key());
    if (!config)
        return fail(config.error());
    m_config = *config;

    // A connector that pins the redirect URI needs the listener there; the config is evaluated once
    // more with that URI, because getOAuthConfig may use it.
    const bool pinned = (m_config.redirectPort && !m_settings.port && *m_config.redirectPort != m_handler->port())
        || m_config.redirectPath != m_handler->path();
    if (pinned && m_configEvaluations == 1) {
        if (!listen(&m_config))
            return;
        return evaluateConfig();
    }
    authorize();
}

void ConnectJob::authorize()
{
    m_request = AuthorizationRequest::create(m_config, m_redirectUri);
    for (const QString &dropped : m_request->droppedExtraParameters()) {
        if (!announce(tr("Ignored the connector's extra parameter \"%1\": Authdesk sets it itself").arg(dropped)))
            return;
    }
    m_handler->setExpectedIssuer(m_config.issuer, m_config.authorizationResponseIssParameterSupported);
    m_handler->expect(m_request->state());
    qCInfo(lcConnection) << "authorizing" << m_settings.spec.key() << "with redirect" << m_redirectUri;
    if (!announce(tr("Waiting for the browser")))
        return;
    Q_EMIT authorizationUrlReady(m_request->url());
}

void ConnectJob::onAuthorized(const AuthorizationResponse &response)
{
    m_response = response;
    m_obtainedAt = m_clock.nowUtc();
    if (!announce(tr("Exchanging the authorization code")))
        return;
    exchangeCode();
}

void ConnectJob::exchangeCode()
{
    if (const MethodImplementation *getTokenData = m_auth.method(AuthMethod::GetTokenData)) {
        QJsonObject arguments = callbackArguments();
        arguments.insert(u"codeVerifier"_s, m_request->codeVerifier());
        auto *call = new MethodCall(*getTokenData, arguments, this);
        m_step = call;
        connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
            finished->deleteLater();
            m_exchanges += finished->httpExchanges();
            if (!finished->result())
                return fail(finished->result().error());
            const QJsonObject tokenResponse = finished->result()->toObject();
            // A hook that hands the provider's error on (the seed's getTokenData returns the JSON as it is).
            if (tokenResponse.value(u"error"_s).isString()) {
                TokenError error;
                error.kind = TokenError::kindForErrorCode(tokenResponse.value(u"error"_s).toString()).value_or(TokenError::Kind::Provider);
                error.error = tokenResponse.value(u"error"_s).toString();
                error.errorDescription = tokenResponse.value(u"error_description"_s).toString();
                error.message = u"%1: getTokenData returned the provider's error"_s.arg(finished->implementation().filePath);
                return fail(error.toError());
            }
            onTokenResponse(tokenResponse);
        });
        call->start();
        return;
    }
    AuthorizationCodeGrant grant;
    grant.code = m_response.code;
    grant.redirectUri = m_redirectUri;
    grant.codeVerifier = m_request->codeVerifier();
    TokenRequestJob *job = m_tokenClient->exchangeCode(m_config, grant);
    m_step = job;
    connect(job, &TokenRequestJob::finished, this, [this](TokenRequestJob *finished) {
        finished->deleteLater();
        if (!finished->exchange().url.isEmpty())
            m_exchanges.append(finished->exchange());
        if (finished->error())
            return fail(finished->error()->toError());
        onTokenResponse(finished->response()->fields);
    });
    job->start();
}

void ConnectJob::onTokenResponse(QJsonObject tokenResponse)
{
    if (tokenResponse.value(u"access_token"_s).toString().isEmpty())
        return fail(Error(ErrorCode::Provider,
            u"the token response of connector \"%1\" has no access_token"_s.arg(m_settings.spec.key())));
    m_tokenResponse = tokenResponse;

    // OpenID Connect: the id_token must be for this client, from the expected issuer, fresh, and carry
    // the nonce this authorization sent (oauth-standards-and-qt.md check 20).
    const QString idToken = tokenResponse.value(u"id_token"_s).toString();
    if (!idToken.isEmpty() && m_config.scopes.contains(u"openid"_s)) {
        const auto valid = IdTokenValidator::validate(idToken,
            {m_config.issuer, m_config.clientId, m_request ? m_request->nonce() : QString(), m_clock.nowUtc(), 300});
        if (!valid)
            return fail(valid.error());
    }

    // Either name of the hook (getCredentialsFromTokenResponse is an alias the loader folds in).
    const MethodImplementation *hook = m_auth.method(AuthMethod::GetCredentialsFromAccessTokenResponse);
    if (!hook)
        return store(tokenResponse);

    QJsonObject arguments = callbackArguments();
    arguments.insert(u"tokenResponse"_s, tokenResponse);
    auto *call = new MethodCall(*hook, arguments, this);
    m_step = call;
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return fail(finished->result().error());
        if (!finished->result()->isObject())
            return fail(Error(ErrorCode::Script, u"%1: the credentials hook must return an object"_s.arg(
                                                     finished->implementation().filePath)));
        // The hook's result is merged onto the token response: its keys win.
        QJsonObject credentials = m_tokenResponse;
        const QJsonObject returned = finished->result()->toObject();
        for (auto it = returned.begin(); it != returned.end(); ++it)
            credentials.insert(it.key(), it.value());
        store(credentials);
    });
    call->start();
}

void ConnectJob::store(QJsonObject credentials)
{
    if (!m_secrets)
        return fail(Error(ErrorCode::Internal, u"the secret store went away"_s));
    if (!announce(tr("Storing the credentials in the keychain")))
        return;

    ConnectionRecord record;
    if (m_settings.reconnect) {
        // Another process may have removed it while the browser was open.
        if (const auto reloaded = m_index->load(); !reloaded)
            return fail(reloaded.error());
        const ConnectionRecord *existing = m_index->find(m_settings.connectionName);
        if (!existing)
            return fail(Error(ErrorCode::NotFound,
                u"connection \"%1\" was removed while it was being reconnected"_s.arg(m_settings.connectionName)));
        record = *existing;
    } else {
        record.name = chooseName();
    }
    record.connectorKey = m_settings.spec.key();
    record.authOptionKey = m_settings.optionKey;
    // Only the non-secret input goes to the index (not secret-looking names, not what the input
    // schema marks secret, as the form masks it); the rest is in the credentials' keychain entry.
    const auto auth = m_settings.spec.effectiveAuth(m_settings.optionKey);
    const QStringList secretInputs = auth ? ConnectorParameterStore::secretProperties(auth->inputSchema) : QStringList();
    QJsonObject publicInput;
    for (auto it = m_settings.connectionInput.begin(); it != m_settings.connectionInput.end(); ++it) {
        if (!secretInputs.contains(it.key()) && ConnectionIndex::checkNoSecrets(QJsonObject{{it.key(), it.value()}}))
            publicInput.insert(it.key(), it.value());
    }
    record.input = publicInput;
    record.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
    record.scopesRequested = m_config.scopes;
    record.scopesGranted = CredentialTimes::grantedScopes(credentials);
    if (record.scopesGranted.isEmpty())
        record.scopesGranted = m_config.scopes; // RFC 6749 §5.1: scope omitted = as requested
    record.obtainedAt = m_obtainedAt;
    record.expiresAt = CredentialTimes::expiresAt(credentials, m_obtainedAt);

    // The record's id keys the keychain entry; a new connection gets its id from the index first.
    if (!m_settings.reconnect) {
        ConnectionRecord pending = record;
        pending.status = ConnectionStatuses::toString(ConnectionStatus::Connecting);
        const auto added = m_index->add(pending);
        if (!added)
            return fail(added.error());
        record.id = added->id;
        record.createdAt = added->createdAt;
        record.history = added->history;
        m_pendingAdded = true;
    }
    m_record = record;

    SecretJob *job = m_secrets->write(SecretStore::Kind::ConnectionCredentials, record.id, credentials);
    m_step = job;
    m_storing = true;
    connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
        m_storing = false;
        if (!outcome) {
            // Nothing stored: a new connection is removed again (fail()), a reconnected one keeps what it had.
            m_secretWritten = false;
            return fail(outcome.error().toError());
        }
        m_secretWritten = true;
        // One index write for the new state and its history entry (each write is a locked, synced
        // file replacement: they are most of the flow's own time after the keychain's).
        const ConnectionRecord::Event event{m_clock.nowUtc(), m_settings.reconnect ? u"reconnected"_s : u"connected"_s,
            tr("Connected to %1; the access token %2").arg(m_settings.spec.name(),
                m_record.expiresAt.isValid() ? tr("expires %1").arg(m_record.expiresAt.toString(Qt::ISODate))
                                             : tr("has no known expiry"))};
        const auto updated = m_index->update(m_record.name, [this, &event](ConnectionRecord &stored) {
            stored.connectorKey = m_record.connectorKey;
            stored.authOptionKey = m_record.authOptionKey;
            stored.input = m_record.input;
            stored.status = m_record.status;
            stored.scopesRequested = m_record.scopesRequested;
            stored.scopesGranted = m_record.scopesGranted;
            stored.obtainedAt = m_record.obtainedAt;
            stored.expiresAt = m_record.expiresAt;
            stored.history.append(event);
        });
        if (!updated)
            return fail(updated.error());
        m_record = *updated;
        m_pendingAdded = false; // it is a connection now
        finish();
    });
    job->start();
}

bool ConnectJob::announce(const QString &message)
{
    Q_EMIT progress(message);
    // A slot may have cancelled the job (a dialog's Cancel on the status line): then nothing more runs.
    return !m_finished;
}

QString ConnectJob::chooseName() const
{
    if (!m_settings.connectionName.isEmpty())
        return m_settings.connectionName;
    const QString base = m_settings.spec.key();
    QString name = base;
    for (int number = 2; m_index->contains(name); ++number)
        name = base + u'-' + QString::number(number);
    return name;
}

void ConnectJob::fail(Error error)
{
    if (m_finished)
        return;
    m_error = std::move(error);
    if (m_settings.reconnect && m_index->find(m_settings.connectionName))
        (void)m_index->appendEvent(m_settings.connectionName, u"reconnect-failed"_s, m_error->message);
    if (m_pendingAdded) {
        // A new connection that failed after its index entry was made (keychain, index): nothing of
        // it may stay behind, neither the "Connecting" entry nor credentials stored under its id.
        (void)m_index->remove(m_record.name);
        if (m_secretWritten && m_secrets)
            m_secrets->remove(SecretStore::Kind::ConnectionCredentials, m_record.id)->start();
        m_pendingAdded = false;
    }
    finish();
}

void ConnectJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_handler) {
        m_handler->disconnect(this);
        if (!m_handler->isFinished())
            m_handler->cancel();
    }
    if (m_step) {
        m_step->disconnect(this);
        // A method call or token request still running is stopped; a keychain job is never deleted
        // while it runs (it deletes itself when done, oauth-standards-and-qt.md check 16).
        if (auto *call = qobject_cast<MethodCall *>(m_step.data())) {
            call->kill();
            call->deleteLater();
        } else if (auto *tokenJob = qobject_cast<TokenRequestJob *>(m_step.data())) {
            tokenJob->kill();
            tokenJob->deleteLater();
        }
    }
    qCInfo(lcConnection) << "connect" << m_settings.spec.key() << (m_error ? u"failed: "_s + m_error->message : u"done"_s);
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
