#include "requestcommand.h"

#include "connection/apiclient.h"
#include "connection/apirequestjob.h"
#include "connection/connectionsession.h"
#include "connection/profilecontext.h"
#include "support/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

RequestCommand::RequestCommand(RequestOptions request, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"request"_s, std::move(options), out, err, parent)
    , m_request(std::move(request))
{
}

int RequestCommand::start()
{
    static const QStringList methods{u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s};
    ApiRequest request;
    request.method = m_request.method.toUpper();
    if (!methods.contains(request.method))
        return fail(Error(ErrorCode::Usage, u"unknown HTTP method \"%1\" (%2)"_s.arg(m_request.method, methods.join(u", "_s))));
    request.path = m_request.path;
    if (!m_request.data.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[" + m_request.data.toUtf8() + "]"), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(Error(ErrorCode::Usage, u"--data is not JSON: %1"_s.arg(parseError.errorString())));
        request.body = ApiRequestBody::fromJson(document.array().at(0));
    }
    for (const QString &header : std::as_const(m_request.headers)) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return fail(Error(ErrorCode::Usage, u"--header wants NAME:VALUE, got \"%1\""_s.arg(Redaction::text(header))));
        request.headers.insert(header.left(colon).trimmed(), header.mid(colon + 1).trimmed());
    }
    for (const QString &item : std::as_const(m_request.query)) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0)
            return fail(Error(ErrorCode::Usage, u"--query wants KEY=VALUE, got \"%1\""_s.arg(Redaction::text(item))));
        request.query.insert(item.left(equals), item.mid(equals + 1));
    }
    if (!openContext())
        return exitCode();
    openSession(m_request.name, [this, request](const Result<ConnectionSession *> &session) {
        if (!session)
            return finishWith(session.error());
        ApiRequestJob *job = (*session)->apiClient()->request(request);
        connect(job, &ApiRequestJob::finished, this, [this, job] {
            job->deleteLater();
            if (job->error())
                return finishWith(job->error()->toError());
            const ApiResponse &response = *job->response();
            if (options().json) {
                QJsonObject result{{u"status"_s, response.status}, {u"headers"_s, response.headersObject()}};
                if (!response.data.isUndefined())
                    result.insert(u"data"_s, response.data);
                out() << QJsonDocument(result).toJson(QJsonDocument::Indented);
            } else if (response.json.isObject() || response.json.isArray()) {
                out() << (response.json.isObject() ? QJsonDocument(response.json.toObject()) : QJsonDocument(response.json.toArray()))
                             .toJson(QJsonDocument::Indented);
            } else {
                out() << QString::fromUtf8(response.body) << Qt::endl;
            }
            finishWith(std::nullopt);
        });
        job->start();
    });
    return -1;
}

} // namespace Authdesk
