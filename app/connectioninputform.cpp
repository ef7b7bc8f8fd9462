#include "connectioninputform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include <algorithm>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Authdesk {

ConnectionInputForm::ConnectionInputForm(const QJsonObject &schema, QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    QStringList required;
    for (const QJsonValue &name : schema.value(u"required"_s).toArray())
        required.append(name.toString());

    // JSON objects forget the file's order; required fields first reads naturally, then by key.
    QStringList keys = properties.keys();
    std::stable_sort(keys.begin(), keys.end(), [&required](const QString &a, const QString &b) {
        return required.contains(a) && !required.contains(b);
    });

    for (const QString &key : std::as_const(keys)) {
        const QJsonObject property = properties.value(key).toObject();
        Field field;
        field.schema = property;
        field.type = property.value(u"type"_s).toString(u"string"_s);
        field.title = property.value(u"title"_s).toString(key);
        field.required = required.contains(key);
        field.secret = property.value(u"format"_s).toString() == u"password" || property.value(u"x-secret"_s).toBool()
            || property.value(u"writeOnly"_s).toBool();
        field.widget = makeWidget(key, field);
        const QString description = property.value(u"description"_s).toString();
        field.widget->setToolTip(description);
        field.widget->setAccessibleName(field.title);
        field.widget->setAccessibleDescription(description);

        auto *label = new QLabel(field.required ? tr("%1 *").arg(field.title) : field.title, this);
        label->setBuddy(field.widget);
        if (description.isEmpty()) {
            m_layout->addRow(label, field.widget);
        } else {
            auto *column = new QWidget(this);
            auto *columnLayout = new QVBoxLayout(column);
            columnLayout->setContentsMargins(0, 0, 0, 0);
            columnLayout->addWidget(field.widget);
            auto *help = new QLabel(description, column);
            help->setObjectName(u"description_"_s + key);
            help->setWordWrap(true);
            help->setForegroundRole(QPalette::PlaceholderText);
            columnLayout->addWidget(help);
            m_layout->addRow(label, column);
        }
        m_fields.insert(key, field);
        m_order.append(key);
    }
}

QWidget *ConnectionInputForm::makeWidget(const QString &key, Field &field)
{
    const QJsonValue defaultValue = field.schema.value(u"default"_s);
    QWidget *widget = nullptr;
    if (field.schema.contains(u"enum"_s)) {
        auto *combo = new QComboBox(this);
        if (!field.required)
            combo->addItem(QString(), QVariant()); // "not set"
        for (const QJsonValue &choice : field.schema.value(u"enum"_s).toArray())
            combo->addItem(choice.toVariant().toString(), choice.toVariant());
        if (!defaultValue.isUndefined())
            combo->setCurrentIndex(combo->findData(defaultValue.toVariant()));
        widget = combo;
    } else if (field.type == u"boolean") {
        auto *check = new QCheckBox(this);
        check->setChecked(defaultValue.toBool());
        widget = check;
    } else {
        auto *edit = new QLineEdit(this);
        if (field.secret) {
            edit->setEchoMode(QLineEdit::Password);
            edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
        }
        if (field.type == u"integer")
            edit->setValidator(new QRegularExpressionValidator(QRegularExpression(u"-?[0-9]*"_s), edit));
        else if (field.type == u"number")
            edit->setValidator(new QRegularExpressionValidator(QRegularExpression(u"-?[0-9]*([.][0-9]*)?([eE][-+]?[0-9]*)?"_s), edit));
        if (!defaultValue.isUndefined() && !defaultValue.isNull())
            edit->setText(defaultValue.isDouble() ? QString::number(defaultValue.toDouble(), 'g', 17) : defaultValue.toString());
        if (const QJsonArray examples = field.schema.value(u"examples"_s).toArray(); !examples.isEmpty())
            edit->setPlaceholderText(examples.first().toVariant().toString());
        widget = edit;
    }
    widget->setObjectName(u"input_"_s + key);
    return widget;
}

QWidget *ConnectionInputForm::field(const QString &key) const
{
    const auto it = m_fields.constFind(key);
    return it == m_fields.cend() ? nullptr : it->widget;
}

QString ConnectionInputForm::textOf(const Field &field) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(field.widget))
        return edit->text().trimmed();
    if (auto *combo = qobject_cast<QComboBox *>(field.widget))
        return combo->currentData().isValid() ? combo->currentData().toString() : QString();
    return {};
}

void ConnectionInputForm::setValues(const QJsonObject &values)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        const auto found = m_fields.constFind(it.key());
        if (found == m_fields.cend())
            continue;
        if (auto *edit = qobject_cast<QLineEdit *>(found->widget))
            edit->setText(it->isDouble() ? QString::number(it->toDouble(), 'g', 17) : it->toVariant().toString());
        else if (auto *check = qobject_cast<QCheckBox *>(found->widget))
            check->setChecked(it->toBool());
        else if (auto *combo = qobject_cast<QComboBox *>(found->widget))
            combo->setCurrentIndex(combo->findData(it->toVariant()));
    }
}

QJsonObject ConnectionInputForm::values() const
{
    QJsonObject result;
    for (const QString &key : m_order) {
        const Field &field = m_fields[key];
        if (auto *check = qobject_cast<QCheckBox *>(field.widget)) {
            result.insert(key, check->isChecked());
            continue;
        }
        if (auto *combo = qobject_cast<QComboBox *>(field.widget)) {
            if (combo->currentData().isValid())
                result.insert(key, QJsonValue::fromVariant(combo->currentData()));
            continue;
        }
        const QString text = textOf(field);
        if (text.isEmpty())
            continue;
        if (field.type == u"integer")
            result.insert(key, text.toLongLong());
        else if (field.type == u"number")
            result.insert(key, text.toDouble());
        else
            result.insert(key, text);
    }
    return result;
}

QStringList ConnectionInputForm::validate()
{
    QStringList problems;
    QWidget *first = nullptr;
    for (const QString &key : std::as_const(m_order)) {
        const Field &field = m_fields[key];
        QString problem;
        const QString text = textOf(field);
        if (qobject_cast<QCheckBox *>(field.widget)) {
            // A check box always has a value.
        } else if (text.isEmpty()) {
            if (field.required)
                problem = tr("%1 is required.").arg(field.title);
        } else if (field.type == u"integer" || field.type == u"number") {
            bool ok = false;
            const double value = field.type == u"integer" ? double(text.toLongLong(&ok)) : text.toDouble(&ok);
            if (!ok || !std::isfinite(value))
                problem = field.type == u"integer" ? tr("%1 must be a whole number.").arg(field.title)
                                                    : tr("%1 must be a number.").arg(field.title);
            else if (field.schema.contains(u"minimum"_s) && value < field.schema.value(u"minimum"_s).toDouble())
                problem = tr("%1 must be at least %2.").arg(field.title).arg(field.schema.value(u"minimum"_s).toDouble());
            else if (field.schema.contains(u"maximum"_s) && value > field.schema.value(u"maximum"_s).toDouble())
                problem = tr("%1 must be at most %2.").arg(field.title).arg(field.schema.value(u"maximum"_s).toDouble());
        } else if (field.schema.contains(u"pattern"_s)) {
            const QRegularExpression pattern(field.schema.value(u"pattern"_s).toString());
            if (pattern.isValid() && !pattern.match(text).hasMatch())
                problem = tr("%1 does not have the expected form.").arg(field.title);
        }
        if (!problem.isEmpty()) {
            problems.append(problem);
            if (!first)
                first = field.widget;
        }
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
    return problems;
}

} // namespace Authdesk
