#include "connectioninputform.h"

#include "store/connectorparameterstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Authdesk {

namespace {

// A schema value as a person reads it in a field or a placeholder.
QString displayText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(displayText(item));
        return items.join(u'\n');
    }
    if (value.isBool())
        return value.toBool() ? ConnectionInputForm::tr("Yes") : ConnectionInputForm::tr("No");
    return value.toVariant().toString();
}

} // namespace

ConnectionInputForm::ConnectionInputForm(const QJsonObject &schema, QWidget *parent)
    : ConnectionInputForm(schema, Options(), parent)
{
}

ConnectionInputForm::ConnectionInputForm(const QJsonObject &schema, const Options &options, QWidget *parent)
    : QWidget(parent)
    , m_options(options)
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
        field.secret = ConnectorParameterStore::isSecretProperty(property);
        field.widget = makeWidget(key, field);
        const QString description = property.value(u"description"_s).toString();
        field.widget->setToolTip(description);
        field.widget->setAccessibleName(field.title);
        field.widget->setAccessibleDescription(description);
        QWidget *row = withRevealToggle(key, field);

        auto *label = new QLabel(field.required ? tr("%1 *").arg(field.title) : field.title, this);
        label->setBuddy(field.widget);
        if (description.isEmpty()) {
            m_layout->addRow(label, row);
        } else {
            auto *column = new QWidget(this);
            auto *columnLayout = new QVBoxLayout(column);
            columnLayout->setContentsMargins(0, 0, 0, 0);
            columnLayout->addWidget(row);
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
    const bool placeholders = m_options.defaultsAsPlaceholders;
    QWidget *widget = nullptr;
    if (field.schema.contains(u"enum"_s)) {
        auto *combo = new QComboBox(this);
        if (placeholders) // "not set": the default applies
            combo->addItem(hasDefault(field) ? tr("Default (%1)").arg(displayText(defaultValue)) : QString(), QVariant());
        else if (!field.required)
            combo->addItem(QString(), QVariant()); // "not set"
        for (const QJsonValue &choice : field.schema.value(u"enum"_s).toArray())
            combo->addItem(choice.toVariant().toString(), choice.toVariant());
        if (!placeholders && !defaultValue.isUndefined())
            combo->setCurrentIndex(combo->findData(defaultValue.toVariant()));
        widget = combo;
    } else if (field.type == u"boolean" && placeholders) {
        // A check box cannot say "not set".
        auto *combo = new QComboBox(this);
        combo->addItem(hasDefault(field) ? tr("Default (%1)").arg(displayText(defaultValue)) : tr("Not set"), QVariant());
        combo->addItem(tr("Yes"), QVariant(true));
        combo->addItem(tr("No"), QVariant(false));
        widget = combo;
    } else if (field.type == u"boolean") {
        auto *check = new QCheckBox(this);
        check->setChecked(defaultValue.toBool());
        widget = check;
    } else if (field.type == u"array") {
        auto *list = new QPlainTextEdit(this);
        list->setTabChangesFocus(true);
        list->setMaximumHeight(list->fontMetrics().lineSpacing() * 5);
        const QString items = hasDefault(field) ? displayText(defaultValue) : QString();
        if (placeholders)
            list->setPlaceholderText(items.isEmpty() ? tr("One entry per line") : tr("Default:\n%1").arg(items));
        else
            list->setPlainText(items);
        widget = list;
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
        if (placeholders) {
            edit->setClearButtonEnabled(true);
            if (hasDefault(field))
                edit->setPlaceholderText(tr("Default: %1").arg(displayText(defaultValue)));
        } else if (hasDefault(field)) {
            edit->setText(displayText(defaultValue));
        }
        if (const QJsonArray examples = field.schema.value(u"examples"_s).toArray(); !examples.isEmpty() && edit->placeholderText().isEmpty())
            edit->setPlaceholderText(examples.first().toVariant().toString());
        widget = edit;
    }
    widget->setObjectName(u"input_"_s + key);
    return widget;
}

QWidget *ConnectionInputForm::withRevealToggle(const QString &key, const Field &field)
{
    auto *edit = qobject_cast<QLineEdit *>(field.widget);
    if (!m_options.revealToggle || !field.secret || !edit)
        return field.widget;
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit);
    auto *reveal = new QToolButton(row);
    reveal->setObjectName(u"reveal_"_s + key);
    reveal->setText(tr("Show"));
    reveal->setCheckable(true);
    reveal->setAccessibleName(tr("Show %1").arg(field.title));
    reveal->setToolTip(tr("Show or hide the value"));
    connect(reveal, &QToolButton::toggled, edit, [edit, reveal](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setText(shown ? tr("Hide") : tr("Show"));
    });
    layout->addWidget(reveal);
    return row;
}

bool ConnectionInputForm::hasDefault(const Field &field) const
{
    const QJsonValue value = field.schema.value(u"default"_s);
    return !value.isUndefined() && !value.isNull();
}

QWidget *ConnectionInputForm::field(const QString &key) const
{
    const auto it = m_fields.constFind(key);
    return it == m_fields.cend() ? nullptr : it->widget;
}

QStringList ConnectionInputForm::secretKeys() const
{
    QStringList keys;
    for (const QString &key : m_order) {
        if (m_fields[key].secret)
            keys.append(key);
    }
    return keys;
}

QString ConnectionInputForm::title(const QString &key) const
{
    const auto it = m_fields.constFind(key);
    return it == m_fields.cend() ? key : it->title;
}

QString ConnectionInputForm::textOf(const Field &field) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(field.widget))
        return edit->text().trimmed();
    if (auto *combo = qobject_cast<QComboBox *>(field.widget))
        return combo->currentData().isValid() ? combo->currentData().toString() : QString();
    if (qobject_cast<QPlainTextEdit *>(field.widget))
        return itemsOf(field).join(u'\n');
    return {};
}

// The non-empty lines of an array field, trimmed.
QStringList ConnectionInputForm::itemsOf(const Field &field) const
{
    QStringList items;
    if (auto *list = qobject_cast<QPlainTextEdit *>(field.widget)) {
        const QStringList lines = list->toPlainText().split(u'\n');
        for (const QString &line : lines) {
            if (!line.trimmed().isEmpty())
                items.append(line.trimmed());
        }
    }
    return items;
}

void ConnectionInputForm::setValues(const QJsonObject &values)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        const auto found = m_fields.constFind(it.key());
        if (found == m_fields.cend())
            continue;
        if (auto *edit = qobject_cast<QLineEdit *>(found->widget))
            edit->setText(it->isDouble() ? QString::number(it->toDouble(), 'g', 17) : it->toVariant().toString());
        else if (auto *list = qobject_cast<QPlainTextEdit *>(found->widget))
            list->setPlainText(it->isArray() ? displayText(*it) : it->toVariant().toString());
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
        if (qobject_cast<QPlainTextEdit *>(field.widget)) {
            const QStringList items = itemsOf(field);
            if (items.isEmpty())
                continue;
            const QString itemType = field.schema.value(u"items"_s).toObject().value(u"type"_s).toString();
            QJsonArray array;
            for (const QString &item : items) {
                if (itemType == u"integer")
                    array.append(item.toLongLong());
                else if (itemType == u"number")
                    array.append(item.toDouble());
                else
                    array.append(item);
            }
            result.insert(key, array);
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
            // With defaults as placeholders, an unset field takes its default.
            if (field.required && !(m_options.defaultsAsPlaceholders && hasDefault(field)))
                problem = tr("%1 is required.").arg(field.title);
        } else if (field.type == u"array") {
            const QString itemType = field.schema.value(u"items"_s).toObject().value(u"type"_s).toString();
            if (itemType == u"integer" || itemType == u"number") {
                const QStringList items = itemsOf(field);
                const bool allNumbers = std::all_of(items.cbegin(), items.cend(), [&itemType](const QString &item) {
                    bool ok = false;
                    const double value = itemType == u"integer" ? double(item.toLongLong(&ok)) : item.toDouble(&ok);
                    return ok && std::isfinite(value);
                });
                if (!allNumbers)
                    problem = tr("%1 must list numbers, one per line.").arg(field.title);
            }
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
