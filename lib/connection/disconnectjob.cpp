#include "disconnectjob.h"

#include "methodcall.h"

#include "oauth/metadatadiscoveryjob.h"
#include "oauth/revocationjob.h"
#include "oauth/tokenclient.h"
#include "oauth/tokenerror.h"
#include "store/connectionindex.h"
#include "store/secretstore.h"
#include "support/logging.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

DisconnectJob::DisconnectJob(Settings settings, SecretStore *secrets, ConnectionIndex *index, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_secrets(secrets)
    , m_index(index)
    , m_tokenClient(new TokenClient(this))
{
}

DisconnectJob::~DisconnectJob() = default;

void DisconnectJob::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        const ConnectionRecord *record = m_index->find(m_settings.connectionName);
        if (!record)
            return fail(Error(ErrorCode::NotFound, u"no connection \"%1\""_s.arg(m_settings.connectionName)));
        m_record = *record;
        const auto auth = m_settings.spec.effectiveAuth(m_settings.optionKey);
        if (auth)
            m_auth = *auth;
        else if (!m_settings.keepRemote) // without --keep-remote the connector is needed to revoke
            return fail(auth.error());
        if (!m_secrets)
            return fail(Error(ErrorCode::Internal, u"the secret store went away"_s));
        SecretJob *job = m_secrets->read(SecretStore::Kind::ConnectionCredentials, m_record.id);
        connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
            if (!outcome) {
                // Nothing in the keychain (deleted by hand?): there is nothing to revoke either.
                if (outcome.error().toError().code == ErrorCode::NotFound) {
                    m_notes.append(tr("No credentials were stored for this connection; nothing was revoked."));
                    return deleteLocal();
                }
                return fail(outcome.error().toError());
            }
            m_credentials = *outcome;
            if (m_settings.keepRemote) {
                m_notes.append(tr("The grant was left in place at the provider (--keep-remote)."));
                return deleteLocal();
            }
            revoke();
        });
        job->start();
    });
}

QJsonObject DisconnectJob::methodArguments() const
{
    QJsonObject arguments{{u"connectorParameters"_s, m_settings.connectorParameters}, {u"connectionInput"_s, m_record.input},
        {u"credentials"_s, m_credentials}};
    return MethodCall::completeArguments(m_settings.spec, arguments);
}

void DisconnectJob::revoke()
{
    if (const MethodImplementation *method = m_auth.method(AuthMethod::Disconnect))
        return revokeWithMethod(*method);
    const MethodImplementation *getOAuthConfig = m_auth.method(AuthMethod::GetOAuthConfig);
    if (!getOAuthConfig) {
        m_notes.append(tr("The connector has no way to revoke the grant; it stays valid at the provider until it expires."));
        return deleteLocal();
    }
    QJsonObject arguments = methodArguments();
    arguments.remove(u"credentials"_s);
    auto *call = new MethodCall(*getOAuthConfig, arguments, this);
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        if (!finished->result())
            return fail(finished->result().error());
        const auto config = OAuthConfig::fromJson(finished->result()->toObject(), m_settings.spec.key());
        if (!config)
            return fail(config.error());
        m_config = *config;
        if (!m_config.revokeUri.isEmpty())
            return revokeAt(m_config.revokeUri);
        if (m_config.issuer.isEmpty()) {
            m_notes.append(tr("The provider's OAuth configuration names no revocation endpoint; the grant stays "
                              "valid at the provider until it expires or you revoke it there."));
            return deleteLocal();
        }
        MetadataDiscoveryJob *discovery = m_tokenClient->discoverMetadata(m_config.issuer);
        connect(discovery, &MetadataDiscoveryJob::finished, this, [this](MetadataDiscoveryJob *job) {
            job->deleteLater();
            m_exchanges += job->exchanges();
            if (job->error())
                return fail(job->error()->toError());
            if (job->metadata()->revocationEndpoint.isEmpty()) {
                m_notes.append(tr("The provider (%1) offers no revocation endpoint; the grant stays valid there until it "
                                  "expires.").arg(m_config.issuer));
                return deleteLocal();
            }
            revokeAt(job->metadata()->revocationEndpoint);
        });
        discovery->start();
    });
    call->start();
}

void DisconnectJob::revokeWithMethod(const MethodImplementation &method)
{
    auto *call = new MethodCall(method, methodArguments(), this);
    connect(call, &MethodCall::finished, this, [this](MethodCall *finished) {
        finished->deleteLater();
        m_exchanges += finished->httpExchanges();
        if (!finished->result())
            return fail(Error(ErrorCode::Script, u"%1\nNothing was deleted; retry, or disconnect with --keep-remote."_s.arg(
                                                     finished->result().error().message)));
        m_notes.append(tr("The connector's disconnect method ran."));
        deleteLocal();
    });
    call->start();
}

void DisconnectJob::revokeAt(const QUrl &endpoint)
{
    m_config.revokeUri = endpoint;
    const QString refreshToken = m_credentials.value(u"refresh_token"_s).toString();
    const QString accessToken = m_credentials.value(u"access_token"_s).toString();
    if (!refreshToken.isEmpty())
        m_tokensToRevoke.append({u"refresh_token"_s, refreshToken});
    if (!accessToken.isEmpty())
        m_tokensToRevoke.append({u"access_token"_s, accessToken});
    revokeNext();
}

void DisconnectJob::revokeNext()
{
    if (m_tokensToRevoke.isEmpty())
        return deleteLocal();
    const auto next = m_tokensToRevoke.takeFirst();
    const QString hint = next.first; // not a structured binding: clang 14 cannot capture those
    RevocationGrant grant;
    grant.token = next.second;
    grant.tokenTypeHint = hint;
    RevocationJob *job = m_tokenClient->revoke(m_config, grant);
    connect(job, &RevocationJob::finished, this, [this, hint](RevocationJob *finished) {
        finished->deleteLater();
        if (!finished->exchange().url.isEmpty())
            m_exchanges.append(finished->exchange());
        if (finished->error()) {
            // A server that cannot revoke access tokens (RFC 7009 §2.2.1) has still ended the grant
            // with the refresh token.
            if (finished->error()->kind == TokenError::Kind::Unsupported && hint == u"access_token") {
                m_notes.append(tr("The provider does not revoke access tokens; the current one stays valid until it expires."));
                return revokeNext();
            }
            Error error = finished->error()->toError();
            error.message = tr("revoking the %1 at %2 failed: %3\nNothing was deleted; retry, or disconnect with --keep-remote.")
                                .arg(hint, m_config.revokeUri.toString(QUrl::RemoveQuery), error.message);
            return fail(error);
        }
        m_notes.append(tr("Revoked the %1 at %2.").arg(hint, m_config.revokeUri.toString(QUrl::RemoveQuery)));
        revokeNext();
    });
    job->start();
}

void DisconnectJob::deleteLocal()
{
    if (!m_secrets)
        return fail(Error(ErrorCode::Internal, u"the secret store went away"_s));
    SecretJob *job = m_secrets->remove(SecretStore::Kind::ConnectionCredentials, m_record.id);
    connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
        if (!outcome && outcome.error().toError().code != ErrorCode::NotFound)
            return fail(outcome.error().toError());
        if (const auto removed = m_index->remove(m_record.name); !removed)
            return fail(removed.error());
        finish();
    });
    job->start();
}

void DisconnectJob::fail(Error error)
{
    if (m_finished)
        return;
    m_error = std::move(error);
    if (m_index->find(m_record.name))
        (void)m_index->appendEvent(m_record.name, u"disconnect-failed"_s, m_error->message);
    finish();
}

void DisconnectJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    qCInfo(lcConnection) << "disconnect of" << m_settings.connectionName << (m_error ? u"failed"_s : u"done"_s);
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
