#include "refreshjob.h"

#include "credentialtimes.h"
#include "methodcall.h"

#include "oauth/idtokenvalidator.h"
#include "oauth/tokenclient.h"
#include "oauth/tokenerror.h"
#include "oauth/tokenrequestjob.h"
#include "oauth/tokenresponse.h"
#include "store/connectionindex.h"
#include "store/secretstore.h"
#include "support/clock.h"
#include "support/logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLockFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// The state a failed refresh leaves: a refused grant needs the user; anything else does not change
// what the connection can do while its access token lasts.
std::optional<ConnectionStatus> statusAfter(const TokenError &error)
{
    switch (error.kind) {
    case TokenError::Kind::ReconnectNeeded:
        return ConnectionStatus::NeedsReconnect;
    case TokenError::Kind::Configuration:
    case TokenError::Kind::Provider:
    case TokenError::Kind::Unsupported:
    case TokenError::Kind::Refused:
        return ConnectionStatus::Error;
    case TokenError::Kind::Transient:
    case TokenError::Kind::Cancelled:
        return std::nullopt;
    }
    return std::nullopt;
}

// Plain words for why the provider refused, for the history and the CLI (issue: refresh, item 3).
QString explanation(const TokenError &error)
{
    switch (error.kind) {
    case TokenError::Kind::ReconnectNeeded:
        // No "refresh token: ..." here: Redaction would take the words after the colon for a token.
        return QObject::tr("The provider no longer accepts this connection's refresh token (it expired or was revoked, "
                           "consent was withdrawn, or the password changed). Reconnect to continue.");
    case TokenError::Kind::Configuration:
        return QObject::tr("The provider rejected the client credentials: check the connector's clientId and "
                           "clientSecret (authdesk configure).");
    case TokenError::Kind::Transient:
        return QObject::tr("A temporary failure: the access token stays in use while it lasts, and Authdesk will retry "
                           "the refresh.");
    default:
        return {};
    }
}

// A transient failure without an HTTP answer where the request may have been sent: a timeout, or a
// connection that broke. (Refused connections and unknown hosts sent nothing.) The messages are
// EndpointCall's, which are not translated.
bool mayHaveReachedProvider(const TokenError &error)
{
    if (error.kind != TokenError::Kind::Transient || error.httpStatus != 0)
        return false;
    return !error.message.contains(u"refused"_s, Qt::CaseInsensitive) && !error.message.contains(u"not found"_s, Qt::CaseInsensitive);
}

// The refresh-unconfirmed event since the credentials were last obtained (connected or refreshed), if any.
std::optional<ConnectionRecord::Event> unconfirmedSinceLastSuccess(const ConnectionRecord &record)
{
    for (auto it = record.history.crbegin(); it != record.history.crend(); ++it) {
        if (it->kind == u"refreshed" || it->kind == u"connected" || it->kind == u"reconnected")
            return std::nullopt;
        if (it->kind == u"refresh-unconfirmed")
            return *it;
    }
    return std::nullopt;
}

// For a refused refresh token: the unconfirmed refresh that most likely spent it.
QString likelyCause(const ConnectionRecord &record)
{
    const auto unconfirmed = unconfirmedSinceLastSuccess(record);
    if (!unconfirmed)
        return {};
    return QObject::tr("Likely cause: the refresh at %1 got no answer or was interrupted, so the refresh token the provider "
                       "issued then was never stored; the provider rotated the old one, and refuses it now.")
        .arg(unconfirmed->time.toString(Qt::ISODate));
}

// The OAuth error the provider answered with during a hook's requests, if any: a refreshCredentials
// that does not throw (the seed document's returns `{access_token: undefined, ...}` whatever the token
// endpoint said) leaves the reason only on the wire. Response bodies are redacted, `error` is not secret.
std::optional<TokenError> providerErrorIn(const QList<HttpExchange> &exchanges)
{
    for (auto it = exchanges.crbegin(); it != exchanges.crend(); ++it) {
        const QJsonObject body = QJsonDocument::fromJson(it->responseBody).object();
        const QString code = body.value(u"error"_s).toString();
        if (code.isEmpty() && it->status < 400)
            continue;
        TokenError error;
        error.kind = TokenError::kindForErrorCode(code).value_or(
            it->status >= 500 || it->status == 429 || it->status == 0 ? TokenError::Kind::Transient : TokenError::Kind::Provider);
        error.error = code;
        error.errorDescription = body.value(u"error_description"_s).toString();
        error.httpStatus = it->status;
        return error;
    }
    return std::nullopt;
}

} // namespace

RefreshJob::RefreshJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_secrets(secrets)
    , m_index(index)
    , m_clock(clock)
    , m_tokenClient(new TokenClient(clock, this))
{
    m_tokenClient->setTimeout(m_settings.tokenTimeout.value_or(environmentTokenTimeout()));
}

std::chrono::milliseconds RefreshJob::environmentTokenTimeout()
{
    bool ok = false;
    const double seconds = qEnvironmentVariable("AUTHDESK_REFRESH_TIMEOUT").toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 24 * 3600)
        return TokenClient::defaultTimeout;
    return std::chrono::milliseconds(qint64(seconds * 1000));
}

RefreshJob::~RefreshJob() = default;

void RefreshJob::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        const auto auth = m_settings.spec.effectiveAuth(m_settings.optionKey);
        if (!auth)
            return fail(auth.error());
        m_auth = *auth;
        if (m_settings.lockFilePath.isEmpty())
            return readCredentials();
        m_lock = std::make_unique<QLockFile>(m_settings.lockFilePath);
        // A refresher that died holding the lock must not block the profile for ever.
        m_lock->setStaleLockTime(std::chrono::minutes(2));
        m_lockStartedMs = QDateTime::currentMSecsSinceEpoch();
        tryLock();
    });
}

// Polls the lock instead of blocking: the thread's event loop (and with it the keychain's jobs and
// the GUI) keeps running while another process refreshes.
void RefreshJob::tryLock()
{
    if (m_lock->tryLock(0))
        return readCredentials();
    if (QDateTime::currentMSecsSinceEpoch() - m_lockStartedMs > m_settings.lockTimeout.count())
        return fail(Error(ErrorCode::Internal,
            u"another Authdesk process has been refreshing this profile's connections for too long (lock %1)"_s.arg(
                m_settings.lockFilePath)));
    QTimer::singleShot(100, this, &RefreshJob::tryLock);
}

QJsonObject RefreshJob::methodArguments() const
{
    QJsonObject arguments{{u"connectorParameters"_s, m_settings.connectorParameters}, {u"connectionInput"_s, m_record.input},
        {u"credentials"_s, m_stored}};
    return MethodCall::completeArguments(m_settings.spec, arguments);
}

void RefreshJob::readCredentials()
{
    // The index as it is now on disk: another process may have refreshed (or removed) the connection.
    if (const auto reloaded = m_index->load(); !reloaded)
        return fail(reloaded.error());
    const ConnectionRecord *record = m_index->find(m_settings.connectionName);
    if (!record)
        return fail(Error(ErrorCode::NotFound, u"no connection \"%1\""_s.arg(m_settings.connectionName)));
    m_record = *record;
    if (m_lock && m_record.status == ConnectionStatuses::toString(ConnectionStatus::Refreshing)) {
        // We hold the lock, so whoever set Refreshing died before it finished: its result may be lost.
        const QString message = tr("a refresh was interrupted (the process ended); the provider may have rotated the "
                                   "refresh token without the new one being stored. If the next refresh fails with "
                                   "invalid_grant, reconnect.");
        const auto updated = m_index->update(m_record.name, [this, &message](ConnectionRecord &changed) {
            changed.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
            changed.history.append({m_clock.nowUtc(), u"refresh-unconfirmed"_s, message});
        });
        if (!updated)
            return fail(updated.error());
        m_record = *updated;
        qCWarning(lcConnection).noquote() << u"connection \"%1\": %2"_s.arg(m_record.name, message);
    }
    if (!m_secrets)
        return fail(Error(ErrorCode::Internal, u"the secret store went away"_s));
    SecretJob *job = m_secrets->read(SecretStore::Kind::ConnectionCredentials, m_record.id);
    m_step = job;
    connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
        if (!outcome)
            return fail(outcome.error().toError());
        m_stored = *outcome;
        m_credentials = m_stored;
        if (m_record.status == ConnectionStatuses::toString(ConnectionStatus::NeedsReconnect))
            return refuseWithoutSending();
        const QDateTime now = m_clock.nowUtc();
        // Fresh enough: valid for longer than minimumValidity, or than half its lifetime for tokens
        // that live less than twice that (a 20-second token would otherwise be refreshed on every use).
        qint64 minimumMs = qint64(m_settings.minimumValidity.count()) * 1000;
        if (m_record.obtainedAt.isValid() && m_record.expiresAt.isValid())
            minimumMs = std::min(minimumMs, m_record.obtainedAt.msecsTo(m_record.expiresAt) / 2);
        if (!m_settings.force && m_record.expiresAt.isValid() && m_record.expiresAt > now.addMSecs(minimumMs)) {
            qCDebug(lcConnection) << "connection" << m_record.name << "is still fresh; no refresh";
            return finish();
        }
        refresh();
    });
    job->start();
}

void RefreshJob::refresh()
{
    const auto status = m_index->update(m_record.name,
        [](ConnectionRecord &record) { record.status = ConnectionStatuses::toString(ConnectionStatus::Refreshing); });
    if (!status)
        return fail(status.error());
    m_record = *status;
    m_obtainedAt = m_clock.nowUtc();
    if (const MethodImplementation *method = m_auth.method(AuthMethod::RefreshCredentials))
        return refreshWithMethod(*method);
    refreshWithConfig();
}

void RefreshJob::refreshWithMethod(const MethodImplementation &method)
{
    auto *call = new MethodCall(method, methodArguments(), this);
    m_step = call;
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return fail(finished->result().error(), ConnectionStatus::Error);
        if (!finished->result()->isObject())
            return fail(Error(ErrorCode::Script, u"%1: refreshCredentials must return an object"_s.arg(
                                                     finished->implementation().filePath)),
                ConnectionStatus::Error);
        const QJsonObject returned = finished->result()->toObject();
        // A refresh is for a new access token. Without one the refresh failed, whatever else the hook
        // returned: merging would keep the old token and report it as fresh.
        if (m_stored.contains(u"access_token"_s) && returned.value(u"access_token"_s).toString().isEmpty()) {
            const QString file = finished->implementation().filePath;
            if (const auto provider = providerErrorIn(finished->httpExchanges())) {
                Error reported(ErrorCode::Provider,
                    u"%1: refreshCredentials returned no access_token; the provider answered %2%3"_s.arg(file,
                        provider->error.isEmpty() ? u"HTTP %1"_s.arg(provider->httpStatus) : provider->error,
                        provider->errorDescription.isEmpty() ? QString() : u" (%1)"_s.arg(provider->errorDescription)));
                reported.providerError = provider->error;
                reported.providerErrorDescription = provider->errorDescription;
                if (const QString why = explanation(*provider); !why.isEmpty())
                    reported.message += u"\n"_s + why;
                if (provider->kind == TokenError::Kind::ReconnectNeeded) {
                    if (const QString cause = likelyCause(m_record); !cause.isEmpty())
                        reported.message += u"\n"_s + cause;
                }
                return fail(reported, statusAfter(*provider));
            }
            return fail(Error(ErrorCode::Script, u"%1: refreshCredentials returned no access_token"_s.arg(file)),
                ConnectionStatus::Error);
        }
        // Merged into the stored credentials: keys it does not return keep their values, except the
        // expiry, which describes the new access token only (seed-oauth2.md).
        store(mergeRefreshedCredentials(m_stored, returned));
    });
    call->start();
}

void RefreshJob::refreshWithConfig()
{
    const MethodImplementation *getOAuthConfig = m_auth.method(AuthMethod::GetOAuthConfig);
    if (!getOAuthConfig)
        return fail(Error(ErrorCode::Validation, u"connector \"%1\" has neither refreshCredentials nor getOAuthConfig"_s.arg(
                                                     m_settings.spec.key())),
            ConnectionStatus::Error);
    QJsonObject arguments = methodArguments();
    // getOAuthConfig's arguments are those of a connect, less what only a connect has: no credentials
    // yet, and no redirectUri (a refresh has no listener, and the refresh request carries none).
    arguments.remove(u"credentials"_s);
    auto *call = new MethodCall(*getOAuthConfig, arguments, this);
    m_step = call;
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return fail(finished->result().error(), ConnectionStatus::Error);
        if (!finished->result()->isObject())
            return fail(Error(ErrorCode::Validation, u"%1: getOAuthConfig must return an object"_s.arg(
                                                         finished->implementation().filePath)),
                ConnectionStatus::Error);
        const auto config = OAuthConfig::fromJson(finished->result()->toObject(), m_settings.spec.key());
        if (!config)
            return fail(config.error(), ConnectionStatus::Error);
        m_config = *config;
        const QString refreshToken = m_stored.value(u"refresh_token"_s).toString();
        if (refreshToken.isEmpty()) {
            const bool expired = m_record.expiresAt.isValid() && m_record.expiresAt <= m_clock.nowUtc();
            return fail(Error(ErrorCode::Provider,
                            m_config.noRefreshToken
                                ? u"connection \"%1\" cannot be refreshed: the provider issues no refresh token; reconnect when it expires"_s.arg(m_record.name)
                                : u"connection \"%1\" has no refresh token; reconnect it"_s.arg(m_record.name)),
                expired ? ConnectionStatus::Expired : ConnectionStatus::NeedsReconnect);
        }
        RefreshGrant grant;
        grant.refreshToken = refreshToken;
        TokenRequestJob *job = m_tokenClient->refresh(m_config, grant);
        m_step = job;
        connect(job, &TokenRequestJob::finished, this, [this](TokenRequestJob *tokenJob) {
            tokenJob->deleteLater();
            if (!tokenJob->exchange().url.isEmpty())
                m_exchanges.append(tokenJob->exchange());
            if (tokenJob->error())
                return failTokenRequest(*tokenJob->error());
            onRefreshResponse(tokenJob->response()->fields);
        });
        job->start();
    });
    call->start();
}

void RefreshJob::onRefreshResponse(QJsonObject response)
{
    const MethodImplementation *hook = m_auth.method(AuthMethod::GetCredentialsFromRefreshTokenResponse);
    if (!hook)
        return store(mergeRefreshedCredentials(m_stored, response));
    QJsonObject arguments = methodArguments();
    arguments.insert(u"tokenResponse"_s, response);
    auto *call = new MethodCall(*hook, arguments, this);
    m_step = call;
    connect(call, &MethodCall::finished, this, [this, response](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return fail(finished->result().error(), ConnectionStatus::Error);
        if (!finished->result()->isObject())
            return fail(Error(ErrorCode::Script, u"%1: the credentials hook must return an object"_s.arg(
                                                     finished->implementation().filePath)),
                ConnectionStatus::Error);
        QJsonObject merged = response;
        const QJsonObject returned = finished->result()->toObject();
        for (auto it = returned.begin(); it != returned.end(); ++it)
            merged.insert(it.key(), it.value());
        store(mergeRefreshedCredentials(m_stored, merged));
    });
    call->start();
}

void RefreshJob::store(QJsonObject credentials)
{
    if (credentials.value(u"access_token"_s).toString().isEmpty())
        return fail(Error(ErrorCode::Provider, u"the refresh of \"%1\" gave no access_token"_s.arg(m_record.name)),
            ConnectionStatus::Error);
    // OIDC Core §12.2: a refreshed id_token must be about the same user, issuer and client.
    const QString oldIdToken = m_stored.value(u"id_token"_s).toString();
    const QString newIdToken = credentials.value(u"id_token"_s).toString();
    if (!oldIdToken.isEmpty() && !newIdToken.isEmpty() && newIdToken != oldIdToken
        && !IdTokenValidator::sameSubject(oldIdToken, newIdToken))
        return fail(Error(ErrorCode::Provider,
                        u"the refresh of \"%1\" returned an id_token for another user or client; the credentials were not replaced"_s.arg(
                            m_record.name)),
            ConnectionStatus::Error);
    if (!m_secrets)
        return fail(Error(ErrorCode::Internal, u"the secret store went away"_s));
    SecretJob *job = m_secrets->write(SecretStore::Kind::ConnectionCredentials, m_record.id, credentials);
    m_step = job;
    connect(job, &SecretJob::finished, this, [this, credentials](const SecretJob::Outcome &outcome) {
        if (!outcome) {
            // The provider may have rotated the refresh token already: the new credentials are all
            // that works now. They stay in this job for the caller; the connection is flagged.
            m_credentials = credentials;
            return fail(Error(ErrorCode::SecureStorage,
                            u"the refreshed credentials of \"%1\" could not be stored: %2"_s.arg(
                                m_record.name, outcome.error().toError().message)),
                ConnectionStatus::Error);
        }
        m_credentials = credentials;
        m_refreshed = true;
        const QDateTime expiresAt = CredentialTimes::expiresAt(credentials, m_obtainedAt);
        const QString message = expiresAt.isValid()
            ? tr("refreshed; the access token expires %1").arg(expiresAt.toString(Qt::ISODate))
            : tr("refreshed; the access token has no known expiry");
        // The new state, the last-refresh check and its history entry in one index write.
        const auto updated = m_index->update(m_record.name, [this, expiresAt, credentials, &message](ConnectionRecord &record) {
            record.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
            record.obtainedAt = m_obtainedAt;
            record.expiresAt = expiresAt;
            const QStringList granted = CredentialTimes::grantedScopes(credentials);
            if (!granted.isEmpty())
                record.scopesGranted = granted;
            recordCheck(record, true, message);
        });
        if (!updated)
            return fail(updated.error());
        m_record = *updated;
        finish();
    });
    job->start();
}

// What ConnectionIndex::recordRefresh() records, done inside an update() of the same write (the
// index redacts the message there as well).
void RefreshJob::recordCheck(ConnectionRecord &record, bool succeeded, const QString &message) const
{
    const QDateTime now = m_clock.nowUtc();
    record.lastRefresh = {now, succeeded, message};
    record.history.append({now, succeeded ? u"refreshed"_s : u"refresh-failed"_s, message});
}

void RefreshJob::failTokenRequest(const TokenError &error)
{
    Error reported = error.toError();
    if (const QString why = explanation(error); !why.isEmpty())
        reported.message += u"\n"_s + why;
    if (error.kind == TokenError::Kind::ReconnectNeeded) {
        if (const QString cause = likelyCause(m_record); !cause.isEmpty())
            reported.message += u"\n"_s + cause;
    }
    if (mayHaveReachedProvider(error)) {
        m_unconfirmed = tr("the token endpoint gave no answer (%1) to a refresh it may have received; if it rotated the "
                           "refresh token then, the new one is lost. If the next refresh fails with invalid_grant, reconnect.")
                            .arg(error.message);
    }
    fail(reported, statusAfter(error));
}

void RefreshJob::refuseWithoutSending()
{
    // Not even the access token is handed out: a provider that refuses the refresh token has usually
    // revoked the grant's access tokens with it (oidc-provider always does), and a token that fails at
    // the API would leave a script with a 401 instead of this explanation.
    const QString last = m_record.lastRefresh.message.isEmpty() ? tr("the provider refused its refresh token") : m_record.lastRefresh.message;
    m_error = Error(ErrorCode::Provider,
        tr("connection \"%1\" needs to be reconnected (authdesk connect --reconnect --name %1); nothing was sent to the "
           "provider. The last refresh failed: %2")
            .arg(m_record.name, last));
    finish(); // no history entry: nothing was attempted
}

void RefreshJob::fail(Error error, std::optional<ConnectionStatus> status)
{
    if (m_finished)
        return;
    m_error = std::move(error);
    if (m_index->find(m_record.name)) {
        const auto updated = m_index->update(m_record.name, [this, status](ConnectionRecord &record) {
            if (status)
                record.status = ConnectionStatuses::toString(*status);
            else if (record.status == ConnectionStatuses::toString(ConnectionStatus::Refreshing))
                record.status = ConnectionStatuses::toString(ConnectionStatus::Ready);
            recordCheck(record, false, m_error->message);
            if (!m_unconfirmed.isEmpty())
                record.history.append({m_clock.nowUtc(), u"refresh-unconfirmed"_s, m_unconfirmed});
        });
        if (updated)
            m_record = *updated;
    }
    finish();
}

void RefreshJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_lock)
        m_lock->unlock();
    if (m_step) {
        m_step->disconnect(this);
        if (auto *call = qobject_cast<MethodCall *>(m_step.data())) {
            call->kill();
            call->deleteLater();
        } else if (auto *tokenJob = qobject_cast<TokenRequestJob *>(m_step.data())) {
            tokenJob->kill();
            tokenJob->deleteLater();
        }
    }
    qCInfo(lcConnection) << "refresh of" << m_settings.connectionName
                         << (m_error ? u"failed: "_s + m_error->message : (m_refreshed ? u"done"_s : u"not needed"_s));
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
