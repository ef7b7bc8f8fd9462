#pragma once

#include <QLoggingCategory>

// One category per subsystem (code-style.md §11). Debug output is opt-in through QT_LOGGING_RULES,
// e.g. QT_LOGGING_RULES="authdesk.spec.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSpec)
Q_DECLARE_LOGGING_CATEGORY(lcMapping)
Q_DECLARE_LOGGING_CATEGORY(lcCatalog)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcScript)
Q_DECLARE_LOGGING_CATEGORY(lcOAuth)
Q_DECLARE_LOGGING_CATEGORY(lcLoopback)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_DECLARE_LOGGING_CATEGORY(lcRefresher)
