#include "tokencommand.h"

#include "connection/profilecontext.h"
#include "connection/refresher.h"
#include "connection/refreshrequest.h"

#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

TokenCommand::TokenCommand(Mode mode, QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(mode == Mode::PrintToken ? u"token"_s : u"refresh"_s, std::move(options), out, err, parent)
    , m_mode(mode)
    , m_name(std::move(name))
{
}

int TokenCommand::start()
{
    if (!openContext())
        return exitCode();
    // Unknown names and connectors are reported here, without asking the refresher.
    const auto record = context()->connection(m_name);
    if (!record)
        return fail(record.error());
    if (const auto connector = context()->connector(record->connectorKey); !connector)
        return fail(connector.error());
    RefreshRequest *request = refresher()->refresh(m_name, m_mode == Mode::Refresh,
        m_mode == Mode::PrintToken ? Refresher::Want::AccessToken : Refresher::Want::Status);
    connect(request, &RefreshRequest::finished, this, &TokenCommand::onFinished);
    return -1;
}

void TokenCommand::onFinished(RefreshRequest *request)
{
    const RefreshOutcome &outcome = request->outcome();
    const QString &accessToken = outcome.accessToken;
    if (!outcome.warning.isEmpty())
        err() << u"authdesk %1: %2"_s.arg(m_mode == Mode::PrintToken ? u"token"_s : u"refresh"_s, outcome.warning) << Qt::endl;
    if (outcome.error) {
        // `token` still answers while the stored access token lasts: a transient refresh failure
        // (network down) must not break a script that only needs the current token.
        const ConnectionRecord &record = outcome.record;
        const bool stillValid = record.expiresAt.isValid() && record.expiresAt > context()->clock().nowUtc();
        if (m_mode == Mode::PrintToken && stillValid && !accessToken.isEmpty() && record.status == u"Ready"
            && outcome.error->code != ErrorCode::NotFound) {
            err() << u"authdesk token: refreshing failed (%1); the current token is still valid"_s.arg(outcome.error->message) << Qt::endl;
            out() << accessToken << Qt::endl;
            return finishWith(std::nullopt);
        }
        return finishWith(outcome.error);
    }
    if (m_mode == Mode::PrintToken) {
        if (accessToken.isEmpty())
            return finishWith(Error(ErrorCode::Provider, u"connection \"%1\" has no access token"_s.arg(m_name)));
        out() << accessToken << Qt::endl;
        return finishWith(std::nullopt);
    }
    const ConnectionRecord &record = outcome.record;
    const QDateTime expiresAt = outcome.expiresAt.isValid() ? outcome.expiresAt : record.expiresAt;
    if (options().json) {
        out() << QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented);
    } else {
        out() << u"Refreshed %1; the access token "_s.arg(m_name)
              << (expiresAt.isValid() ? u"expires "_s + expiresAt.toLocalTime().toString(Qt::ISODate) : u"has no known expiry"_s)
              << Qt::endl;
    }
    finishWith(std::nullopt);
}

} // namespace Authdesk
