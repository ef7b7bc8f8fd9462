#include "scriptprelude.h"

#include <QFile>
#include <QJSEngine>
#include <QJSValue>

using namespace Qt::StringLiterals;

namespace Authdesk {

QStringList ScriptPrelude::scriptPaths()
{
    // web.js builds on what polyfills.js installs.
    return {u":/authdesk/script/js/polyfills.js"_s, u":/authdesk/script/js/web.js"_s};
}

Result<bool> ScriptPrelude::install(QJSEngine &engine)
{
    for (const QString &path : scriptPaths()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Internal, u"The script prelude %1 is missing from the build"_s.arg(path));
        const Result<bool> installed = installSource(engine, QString::fromUtf8(file.readAll()), u"qrc"_s + path);
        if (!installed)
            return installed;
    }
    return true;
}

Result<bool> ScriptPrelude::installSource(QJSEngine &engine, const QString &source, const QString &fileName)
{
    // An exception is told apart from a completion value by its stack trace: evaluate() returns a
    // thrown value as it is (`throw 5` gives 5), and a returned Error object is no exception.
    QStringList stackTrace;
    const QJSValue result = engine.evaluate(source, fileName, 1, &stackTrace);
    if (stackTrace.isEmpty())
        return true;

    // A frame reads "function:line:column:file"; the file may contain colons itself.
    QString location = fileName;
    const QStringList frame = stackTrace.constFirst().split(u':');
    bool lineOk = false;
    const int line = frame.value(1).toInt(&lineOk);
    if (lineOk && line > 0) {
        location += u':' + QString::number(line);
        const int column = frame.value(2).toInt();
        if (column > 0)
            location += u':' + QString::number(column);
    }
    return Error(ErrorCode::Internal, u"%1: %2"_s.arg(location, result.toString()));
}

} // namespace Authdesk
