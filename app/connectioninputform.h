#pragma once

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QWidget>

class QFormLayout;

namespace Authdesk {

// A form generated from a connector's connection-input schema (a JSON Schema object): one field per
// property — string (a line edit; masked for `format: password` or `x-secret`), number and integer
// (a line edit that takes only numbers), boolean (a check box), `enum` (a combo box) — with the
// property's `title` as label (its key otherwise), `description` under it and as tooltip, `default`
// filled in, and `required` ones marked. validate() checks before the connect begins.
class ConnectionInputForm : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionInputForm(const QJsonObject &schema, QWidget *parent = nullptr);

    bool isEmpty() const { return m_fields.isEmpty(); }
    QStringList keys() const { return m_order; }
    // The widget of a property (QLineEdit, QCheckBox or QComboBox), or nullptr.
    QWidget *field(const QString &key) const;

    // Puts values in (e.g. a reconnect's stored input); unknown keys are ignored.
    void setValues(const QJsonObject &values);
    // What was entered, typed as the schema says; empty optional fields are left out.
    QJsonObject values() const;
    // One plain sentence per problem, in form order; empty when the form can be submitted. The first
    // offending field gets the focus.
    QStringList validate();

private:
    struct Field
    {
        QString type; // string, number, integer, boolean
        QString title;
        bool required = false;
        bool secret = false;
        QJsonObject schema;
        QWidget *widget = nullptr;
    };

    QWidget *makeWidget(const QString &key, Field &field);
    QString textOf(const Field &field) const;

    QFormLayout *m_layout;
    QMap<QString, Field> m_fields;
    QStringList m_order;
};

} // namespace Authdesk
