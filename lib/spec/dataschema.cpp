#include "dataschema.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Authdesk::DataSchema {

QJsonObject merge(const QJsonObject &base, const QJsonObject &overlay)
{
    if (base.isEmpty())
        return overlay;
    if (overlay.isEmpty())
        return base;
    QJsonObject merged = base;
    for (auto it = overlay.begin(); it != overlay.end(); ++it) {
        if (it.key() == u"properties") {
            QJsonObject properties = base.value(u"properties"_s).toObject();
            const QJsonObject extra = it.value().toObject();
            for (auto property = extra.begin(); property != extra.end(); ++property)
                properties.insert(property.key(), property.value());
            merged.insert(u"properties"_s, properties);
        } else if (it.key() == u"required") {
            QJsonArray required = base.value(u"required"_s).toArray();
            for (const QJsonValue &name : it.value().toArray()) {
                if (!required.contains(name))
                    required.append(name);
            }
            merged.insert(u"required"_s, required);
        } else {
            merged.insert(it.key(), it.value());
        }
    }
    return merged;
}

QJsonObject applyDefaults(const QJsonObject &schema, const QJsonObject &values)
{
    QJsonObject result = values;
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (!result.contains(it.key())) {
            if (property.contains(u"default"_s))
                result.insert(it.key(), property.value(u"default"_s));
            else if (property.contains(u"properties"_s)) {
                const QJsonObject nested = applyDefaults(property, {});
                if (!nested.isEmpty())
                    result.insert(it.key(), nested);
            }
        } else if (result.value(it.key()).isObject() && property.contains(u"properties"_s)) {
            result.insert(it.key(), applyDefaults(property, result.value(it.key()).toObject()));
        }
    }
    return result;
}

QStringList secretProperties(const QJsonObject &schema)
{
    QStringList names;
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (property.value(u"format"_s).toString() == u"password" || property.value(u"x-secret"_s).toBool())
            names.append(it.key());
    }
    return names;
}

} // namespace Authdesk::DataSchema
