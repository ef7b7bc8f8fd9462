#pragma once

#include "authspec.h"

#include "support/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace Authdesk {

// Everything the loader read from one connector folder.
struct ConnectorSpecData
{
    QString key;
    QString name;
    QString logoUri;
    QString folder; // as given to the loader (relative or absolute), used in messages
    QString specFile; // folder + "/spec.yml"
    bool isInlineFormat = false;
    QJsonObject parametersSchema; // top level and auth-level schemas merged
    AuthSpec auth; // the top-level auth block
    QList<AuthOption> options; // auth.options, in file order
};

// An immutable, cheap-to-copy connector specification.
class ConnectorSpec
{
public:
    ConnectorSpec();
    explicit ConnectorSpec(ConnectorSpecData data);

    const QString &key() const { return m_data->key; }
    const QString &name() const { return m_data->name; }
    const QString &logoUri() const { return m_data->logoUri; }
    const QString &folder() const { return m_data->folder; }
    const QString &specFile() const { return m_data->specFile; }
    bool isInlineFormat() const { return m_data->isInlineFormat; }
    const QJsonObject &parametersSchema() const { return m_data->parametersSchema; }
    const AuthSpec &auth() const { return m_data->auth; }
    const QList<AuthOption> &options() const { return m_data->options; }

    // Option keys a person may choose from; "" stands for the top-level auth. Options whose
    // `enabled` formula is falsy for these connector parameters are left out.
    Result<QStringList> availableOptionKeys(const QJsonObject &connectorParameters) const;

    // The auth to use for an option, with the merge rules of connector-format.md §3.2: option
    // fields win, the schemas are merged, and makeApiClient, test and disconnect fall back to the
    // top-level ones.
    Result<AuthSpec> effectiveAuth(const QString &optionKey) const;

    // Connector parameters with the defaults of the parameters schema filled in.
    QJsonObject connectorParametersWithDefaults(const QJsonObject &connectorParameters) const;

private:
    std::shared_ptr<const ConnectorSpecData> m_data;
};

} // namespace Authdesk
