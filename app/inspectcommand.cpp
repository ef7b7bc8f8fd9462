#include "inspectcommand.h"

#include "connection/profilecontext.h"
#include "store/secretstore.h"
#include "support/jwt.h"
#include "support/redaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

InspectCommand::InspectCommand(QString name, bool reveal, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"inspect"_s, std::move(options), out, err, parent)
    , m_name(std::move(name))
    , m_reveal(reveal)
{
}

int InspectCommand::start()
{
    if (!openContext())
        return exitCode();
    const auto record = context()->connection(m_name);
    if (!record)
        return fail(record.error());
    SecretJob *job = context()->secrets()->read(SecretStore::Kind::ConnectionCredentials, record->id);
    connect(job, &SecretJob::finished, this, [this](const SecretJob::Outcome &outcome) {
        if (!outcome && outcome.error().toError().code != ErrorCode::NotFound)
            return finishWith(outcome.error().toError());
        print(outcome ? *outcome : QJsonObject());
        finishWith(std::nullopt);
    });
    job->start();
    return -1;
}

void InspectCommand::print(const QJsonObject &credentials)
{
    const auto found = context()->connection(m_name);
    if (!found)
        return; // the index is read once, at start(), where the name was found
    const ConnectionRecord &record = *found;
    const QJsonObject shown = m_reveal ? credentials : Redaction::json(credentials).toObject();
    QJsonObject tokens;
    for (const QString &field : {u"access_token"_s, u"id_token"_s}) {
        if (const auto jwt = JwtParts::decode(credentials.value(field).toString()))
            tokens.insert(field, QJsonObject{{u"header"_s, jwt->header}, {u"claims"_s, jwt->claims}});
    }
    if (options().json) {
        QJsonObject json = record.toJson();
        json.insert(u"credentials"_s, shown);
        json.insert(u"revealed"_s, m_reveal);
        json.insert(u"jwt"_s, tokens);
        out() << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return;
    }
    const auto time = [](const QDateTime &when) {
        return when.isValid() ? when.toLocalTime().toString(Qt::ISODate) : u"unknown"_s;
    };
    out() << u"Connection:      "_s << record.name << Qt::endl
          << u"Connector:       "_s << record.connectorKey << (record.authOptionKey.isEmpty() ? QString() : u" (option "_s + record.authOptionKey + u')') << Qt::endl
          << u"Status:          "_s << record.status << Qt::endl
          << u"Scopes:          requested "_s << (record.scopesRequested.isEmpty() ? u"(none)"_s : record.scopesRequested.join(u' '))
          << u"; granted "_s << (record.scopesGranted.isEmpty() ? u"(none)"_s : record.scopesGranted.join(u' ')) << Qt::endl
          << u"Created:         "_s << time(record.createdAt) << Qt::endl
          << u"Obtained:        "_s << time(record.obtainedAt) << Qt::endl
          << u"Expires:         "_s << time(record.expiresAt) << Qt::endl;
    if (!record.lastRefresh.isNull())
        out() << u"Last refresh:    "_s << time(record.lastRefresh.time) << (record.lastRefresh.succeeded ? u" ok"_s : u" failed: "_s + record.lastRefresh.message) << Qt::endl;
    if (!record.lastTest.isNull())
        out() << u"Last test:       "_s << time(record.lastTest.time) << (record.lastTest.succeeded ? u" ok"_s : u" failed: "_s + record.lastTest.message) << Qt::endl;
    out() << u"Credentials"_s << (m_reveal ? u" (revealed):"_s : u" (secrets masked; --reveal shows them):"_s) << Qt::endl;
    if (shown.isEmpty())
        out() << u"  (nothing in the keychain)"_s << Qt::endl;
    for (auto it = shown.begin(); it != shown.end(); ++it) {
        const QString value = it.value().isString() ? it.value().toString()
                                                    : QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        out() << u"  "_s << it.key() << u": "_s << value << Qt::endl;
    }
    for (auto it = tokens.begin(); it != tokens.end(); ++it) {
        const QJsonObject claims = it.value().toObject().value(u"claims"_s).toObject();
        out() << u"JWT "_s << it.key() << u": "_s << QString::fromUtf8(QJsonDocument(claims).toJson(QJsonDocument::Compact)) << Qt::endl;
        if (claims.value(u"exp"_s).isDouble())
            out() << u"  expires "_s << QDateTime::fromSecsSinceEpoch(qint64(claims.value(u"exp"_s).toDouble())).toLocalTime().toString(Qt::ISODate) << Qt::endl;
    }
    if (!record.history.isEmpty()) {
        out() << u"History:"_s << Qt::endl;
        for (const ConnectionRecord::Event &event : record.history)
            out() << u"  "_s << time(event.time) << u"  "_s << event.kind << u"  "_s << event.message << Qt::endl;
    }
}

} // namespace Authdesk
