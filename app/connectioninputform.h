#pragma once

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QWidget>

class QFormLayout;

namespace Authdesk {

// A form generated from a JSON Schema object — a connector's connection-input schema, or (with
// Options::forParameters()) its connector parameters schema: one field per property — string (a
// line edit; masked for `format: password`, `x-secret` or `writeOnly`), number and integer (a line
// edit that takes only numbers), boolean (a check box), `enum` (a combo box), array (one item per
// line) — with the property's `title` as label (its key otherwise), `description` under it and as
// tooltip, `default` filled in, and `required` ones marked. validate() checks before the values are
// used.
class ConnectionInputForm : public QWidget
{
    Q_OBJECT

public:
    struct Options
    {
        // Show a schema default as a placeholder instead of filling it in, and let every field be
        // left unset (booleans become "Default / Yes / No"): connector parameters that are not set
        // take the schema default when a method runs, and a default stored by accident would hide a
        // later change of the connector's default.
        bool defaultsAsPlaceholders = false;
        // A "Show" toggle next to every masked field.
        bool revealToggle = false;

        static Options forParameters() { return {true, true}; }
    };

    explicit ConnectionInputForm(const QJsonObject &schema, QWidget *parent = nullptr);
    ConnectionInputForm(const QJsonObject &schema, const Options &options, QWidget *parent = nullptr);

    bool isEmpty() const { return m_fields.isEmpty(); }
    QStringList keys() const { return m_order; }
    // The widget of a property (QLineEdit, QCheckBox, QComboBox or QPlainTextEdit), or nullptr.
    QWidget *field(const QString &key) const;
    // The properties whose field is masked.
    QStringList secretKeys() const;
    // The label text of a property (its title, else its key).
    QString title(const QString &key) const;

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
        QString type; // string, number, integer, boolean, array
        QString title;
        bool required = false;
        bool secret = false;
        QJsonObject schema;
        QWidget *widget = nullptr;
    };

    QWidget *makeWidget(const QString &key, Field &field);
    QWidget *withRevealToggle(const QString &key, const Field &field);
    QString textOf(const Field &field) const;
    QStringList itemsOf(const Field &field) const;
    bool hasDefault(const Field &field) const;

    Options m_options;
    QFormLayout *m_layout;
    QMap<QString, Field> m_fields;
    QStringList m_order;
};

} // namespace Authdesk
