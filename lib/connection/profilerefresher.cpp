#include "profilerefresher.h"

#include "profilecontext.h"
#include "support/logging.h"
#include "refreshrequest.h"
#include "refreshservice.h"

#include "store/secretstore.h"

using namespace Qt::StringLiterals;

namespace Authdesk {

using namespace RefresherProtocol;

ProfileRefresher::ProfileRefresher(ProfileContext *context, QObject *parent)
    : Refresher(parent)
    , m_context(context)
{
}

ProfileRefresher::~ProfileRefresher() = default;

RefreshService *ProfileRefresher::localService()
{
    if (!m_local) {
        RefreshService::Settings settings;
        settings.lockFilePath = m_context->profile().lockFilePath();
        m_local = new RefreshService(m_context, settings, this);
    }
    return m_local;
}

RefreshRequest *ProfileRefresher::refresh(const QString &name, bool force, Want want)
{
    auto *request = new RefreshRequest(name, force);
    request->setAutoDelete(true);
    auto *client = new RefresherClient(m_context->profile().localSocketName(), this);
    client->setTimeout(m_daemonTimeout);
    const QPointer<RefreshRequest> pending(request);
    connect(client, &RefresherClient::finished, this, [this, pending, want](RefresherClient *done) {
        done->deleteLater();
        if (!pending)
            return;
        const RefresherClient::Outcome &outcome = done->outcome();
        if (!outcome) {
            switch (outcome.error().failure) {
            case RefresherClient::Failure::NotRunning:
                qCDebug(lcRefresher) << "no refresher daemon:" << outcome.error().message;
                return refreshLocally(pending, want);
            case RefresherClient::Failure::Disconnected:
                qCWarning(lcRefresher).noquote()
                    << u"the refresher daemon went away before answering (%1); refreshing in this process under the profile lock"_s.arg(
                           outcome.error().message);
                return refreshLocally(pending, want);
            case RefresherClient::Failure::Timeout:
            case RefresherClient::Failure::Protocol: {
                RefreshOutcome failed;
                failed.error = Error(ErrorCode::Internal, outcome.error().message);
                failed.servedBy = u"the refresher daemon"_s;
                return pending->finish(failed);
            }
            }
        }
        const Reply &reply = *outcome;
        if (reply.error
            && (reply.error->code == QLatin1StringView(Codes::shuttingDown) || reply.error->code == QLatin1StringView(Codes::busy)
                || reply.error->code == QLatin1StringView(Codes::unsupportedVersion))) {
            qCDebug(lcRefresher) << "the refresher daemon declined:" << reply.error->message;
            return refreshLocally(pending, want);
        }
        onReply(pending, want, reply);
    });
    Request message;
    message.op = want == Want::Status ? Op::Refresh : Op::Token;
    message.name = name;
    message.force = force;
    client->send(message);
    return request;
}

void ProfileRefresher::refreshLocally(RefreshRequest *request, Want want)
{
    RefreshRequest *local = localService()->refresh(request->connectionName(), request->force(), want);
    const QPointer<RefreshRequest> pending(request);
    connect(local, &RefreshRequest::finished, this, [pending](RefreshRequest *done) {
        if (pending)
            pending->finish(done->outcome());
    });
}

void ProfileRefresher::onReply(RefreshRequest *request, Want want, const Reply &reply)
{
    RefreshOutcome outcome;
    if (reply.error)
        outcome.error = reply.error->toError();
    outcome.refreshed = reply.refreshed;
    outcome.unsaved = reply.unsaved;
    outcome.warning = reply.warning;
    outcome.accessToken = reply.accessToken;
    outcome.expiresAt = reply.expiresAt;
    const qint64 pid = reply.details.value(u"pid"_s).toInteger();
    outcome.servedBy = pid > 0 ? u"the refresher daemon (pid %1)"_s.arg(pid) : u"the refresher daemon"_s;
    // The daemon wrote the index; read what it wrote.
    if (const auto loaded = m_context->index().load(); !loaded && !outcome.error)
        outcome.error = loaded.error();
    if (const ConnectionRecord *record = m_context->index().find(request->connectionName()))
        outcome.record = *record;
    if (outcome.unsaved)
        outcome.record.expiresAt = outcome.expiresAt; // the index still describes the stored ones
    if (want != Want::Credentials || outcome.record.id.isEmpty())
        return request->finish(outcome);

    // An API session needs every field (makeApiClient may read instance_url, ...): the stored ones,
    // with the access token the daemon handed out when it holds newer, unsaved credentials.
    SecretJob *read = m_context->secrets()->read(SecretStore::Kind::ConnectionCredentials, outcome.record.id);
    const QPointer<RefreshRequest> pending(request);
    connect(read, &SecretJob::finished, this, [pending, outcome](const SecretJob::Outcome &stored) mutable {
        if (!pending)
            return;
        if (!stored) {
            if (!outcome.error)
                outcome.error = stored.error().toError();
            return pending->finish(outcome);
        }
        outcome.credentials = *stored;
        if (!outcome.accessToken.isEmpty() && outcome.credentials.value(u"access_token"_s).toString() != outcome.accessToken) {
            outcome.credentials.insert(u"access_token"_s, outcome.accessToken);
        }
        if (outcome.accessToken.isEmpty())
            outcome.accessToken = outcome.credentials.value(u"access_token"_s).toString();
        pending->finish(outcome);
    });
    read->start();
}

} // namespace Authdesk
