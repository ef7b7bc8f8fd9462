#pragma once

#include <QJsonObject>
#include <QStringList>

// Helpers for the JSON-Schema-like "Data Schema" objects of the connector format
// (parametersSchema, ui.schema / inputSchema, credentialsSchema).
namespace Authdesk::DataSchema {

// Merges two object schemas: properties of `overlay` win, `required` lists are joined. Used for the
// option merge rule of connector-format.md §3.2.
QJsonObject merge(const QJsonObject &base, const QJsonObject &overlay);
// Fills properties missing from `values` with the schema's `default`s (recursively for objects).
QJsonObject applyDefaults(const QJsonObject &schema, const QJsonObject &values);
// Properties whose values are secrets (`format: password`, or `x-secret: true`).
QStringList secretProperties(const QJsonObject &schema);

} // namespace Authdesk::DataSchema
