#include "resttestrunner.h"

#include "apiclient.h"
#include "apirequestjob.h"
#include "apiresponsehandler.h"

#include "mapping/jssemantics.h"
#include "mapping/mappingevaluator.h"
#include "support/logging.h"
#include "support/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// A short, redacted rendering of what responseMapping gave, for the failure message.
QString shown(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"undefined"_s;
    const QJsonValue redacted = Redaction::json(value);
    QString text = redacted.isObject()
        ? QString::fromUtf8(QJsonDocument(redacted.toObject()).toJson(QJsonDocument::Compact))
        : redacted.isArray()  ? QString::fromUtf8(QJsonDocument(redacted.toArray()).toJson(QJsonDocument::Compact))
        : redacted.isString() ? u"\"%1\""_s.arg(redacted.toString())
                              : JsSemantics::toString(redacted);
    if (text.size() > 200)
        text = text.left(200) + u"..."_s;
    return text;
}

} // namespace

RestTestRunner::RestTestRunner(ApiClient *client, Expression test, QJsonObject variables, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_test(std::move(test))
    , m_variables(std::move(variables))
{
}

RestTestRunner::~RestTestRunner()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->kill();
        m_job->deleteLater();
    }
}

void RestTestRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            run();
    });
}

void RestTestRunner::kill()
{
    if (m_finished)
        return;
    if (m_job) {
        m_job->disconnect(this);
        m_job->kill();
        m_job->deleteLater();
    }
    finishWith(false, Error(ErrorCode::Denied, prefix() + u"the test was cancelled"_s));
}

QString RestTestRunner::prefix() const
{
    const QString connector = m_client ? ApiClientConfig::connectorPrefix(m_client->config().connector()) : QString();
    return m_description.isEmpty() ? connector : connector + u"test "_s + m_description + u": "_s;
}

void RestTestRunner::run()
{
    if (!m_client) {
        finishWith(false, Error(ErrorCode::Internal, u"the test has no API client"_s));
        return;
    }
    if (m_test.kind() != Expression::Kind::Object) {
        finishWith(false,
            Error(ErrorCode::Validation,
                prefix() + u"a REST test must be a mapping with path, method and responseMapping"_s));
        return;
    }
    std::vector<Expression::Member> requestMembers;
    for (const auto &member : m_test.members()) {
        if (member.first != u"responseMapping")
            requestMembers.push_back(member);
    }
    const Result<QJsonValue> evaluated
        = MappingEvaluator(m_variables).evaluate(Expression::object(std::move(requestMembers)));
    if (!evaluated) {
        finishWith(
            false, Error(ErrorCode::Validation, prefix() + u"the test's request: "_s + evaluated.error().message));
        return;
    }
    const QJsonObject spec = evaluated->toObject();
    const QJsonValue path = spec.value(u"path"_s);
    if (!path.isString()) {
        finishWith(false, Error(ErrorCode::Validation, prefix() + u"the test needs a path (a string)"_s));
        return;
    }
    ApiRequest request;
    request.path = path.toString();
    const QJsonValue method = spec.value(u"method"_s);
    request.method = JsSemantics::isNullish(method) ? u"GET"_s : JsSemantics::toString(method).toUpper();
    request.query = spec.value(u"query"_s).toObject();
    request.headers = spec.value(u"headers"_s).toObject();
    const QJsonValue data = spec.value(u"data"_s);
    if (!JsSemantics::isNullish(data))
        request.body = ApiRequestBody::fromJson(data);
    QString shownPath = request.path;
    if (const qsizetype question = shownPath.indexOf(u'?'); question >= 0)
        shownPath.truncate(question);
    m_description = request.method + u' ' + Redaction::text(shownPath);

    m_job = m_client->request(std::move(request));
    connect(m_job, &ApiRequestJob::finished, this, &RestTestRunner::onRequestFinished);
    m_job->start();
}

void RestTestRunner::onRequestFinished()
{
    ApiRequestJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    if (job->error()) {
        m_apiError = job->error();
        finishWith(false, m_apiError->toError());
        return;
    }
    const ApiResponse &response = *job->response();
    const Expression *responseMapping = m_test.member(u"responseMapping");
    if (!responseMapping) {
        m_value = true;
        finishWith(true, std::nullopt);
        return;
    }
    const Result<QJsonValue> value
        = MappingEvaluator(ApiResponseHandler::variablesFor(response, m_variables)).evaluate(*responseMapping);
    if (!value) {
        finishWith(false, Error(ErrorCode::Validation, prefix() + u"responseMapping: "_s + value.error().message));
        return;
    }
    m_value = *value;
    if (JsSemantics::isTruthy(m_value)) {
        finishWith(true, std::nullopt);
        return;
    }
    finishWith(false,
        Error(ErrorCode::Provider,
            prefix()
                + u"the API answered HTTP %1, but responseMapping gave %2, which is not truthy"_s.arg(response.status)
                      .arg(shown(m_value))));
}

void RestTestRunner::finishWith(bool passed, std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_passed = passed;
    m_error = std::move(error);
    if (m_error)
        qCInfo(lcConnection).noquote() << "REST test did not pass:" << m_error->message;
    Q_EMIT finished(this, QPrivateSignal());
}

} // namespace Authdesk
