#include "configurecommand.h"

#include "connection/profilecontext.h"
#include "store/connectorparametersjob.h"
#include "store/connectorparameterstore.h"
#include "support/redaction.h"

#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// A value typed as the connector's parameter schema says (a number, a boolean), else the text.
QJsonValue typedValue(const QJsonObject &schema, const QString &key, const QString &text)
{
    const QString type = schema.value(u"properties"_s).toObject().value(key).toObject().value(u"type"_s).toString();
    if (type == u"boolean" && (text == u"true" || text == u"false"))
        return text == u"true";
    if (type == u"number" || type == u"integer") {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
    }
    return text;
}

} // namespace

ConfigureCommand::ConfigureCommand(QString connectorKey, QStringList assignments, QStringList removals, Options options,
    QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"configure"_s, std::move(options), out, err, parent)
    , m_connectorKey(std::move(connectorKey))
    , m_assignments(std::move(assignments))
    , m_removals(std::move(removals))
{
}

int ConfigureCommand::start()
{
    if (!openContext())
        return exitCode();
    const auto connector = context()->connector(m_connectorKey);
    if (!connector)
        return fail(connector.error());
    const ConnectorSpec &spec = (*connector)->spec;
    const QStringList secretKeys = ProfileContext::secretParameterKeys(spec);

    QJsonObject changes;
    for (const QString &assignment : std::as_const(m_assignments)) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0)
            return fail(Error(ErrorCode::Usage, u"--set wants KEY=VALUE, got \"%1\""_s.arg(Redaction::text(assignment))));
        const QString key = assignment.left(equals);
        changes.insert(key, typedValue(spec.parametersSchema(), key, assignment.mid(equals + 1)));
    }
    for (const QString &key : std::as_const(m_removals))
        changes.insert(key, QJsonValue::Null);

    if (changes.isEmpty()) {
        loadConnectorParameters(spec, [this, secretKeys](const Result<QJsonObject> &parameters) {
            if (!parameters)
                return finishWith(parameters.error());
            print(*parameters, secretKeys);
            finishWith(std::nullopt);
        });
        return -1;
    }
    ConnectorParametersJob *job = context()->parameters()->set(spec.key(), changes, secretKeys);
    connect(job, &ConnectorParametersJob::finished, this, [this, secretKeys](const ConnectorParametersJob::Outcome &outcome) {
        if (!outcome)
            return finishWith(outcome.error());
        print(*outcome, secretKeys);
        finishWith(std::nullopt);
    });
    job->start();
    return -1;
}

void ConfigureCommand::print(const QJsonObject &parameters, const QStringList &secretKeys)
{
    const auto isSecret = [&secretKeys](const QString &key) {
        return secretKeys.contains(key) || ConnectorParameterStore::isSecretByName(key);
    };
    QJsonObject shown;
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        shown.insert(it.key(), isSecret(it.key()) ? QJsonValue(Redaction::placeholder()) : it.value());
    if (options().json) {
        out() << QJsonDocument(shown).toJson(QJsonDocument::Indented);
        return;
    }
    if (shown.isEmpty()) {
        out() << u"%1 has no parameters set in profile \"%2\"."_s.arg(m_connectorKey, context()->profile().name()) << Qt::endl;
        return;
    }
    out() << u"Parameters of %1 in profile \"%2\":"_s.arg(m_connectorKey, context()->profile().name()) << Qt::endl;
    for (auto it = shown.begin(); it != shown.end(); ++it) {
        const QString value = it.value().isString() ? it.value().toString()
                                                    : QString::fromUtf8(QJsonDocument(QJsonObject{{u"v"_s, it.value()}}).toJson(QJsonDocument::Compact)).mid(5).chopped(1);
        out() << u"  "_s << it.key() << u" = "_s << value << (isSecret(it.key()) ? u"  (in the keychain)"_s : QString()) << Qt::endl;
    }
}

} // namespace Authdesk
