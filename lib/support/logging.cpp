#include "logging.h"

Q_LOGGING_CATEGORY(lcSpec, "authdesk.spec", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMapping, "authdesk.mapping", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCatalog, "authdesk.catalog", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "authdesk.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScript, "authdesk.script", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOAuth, "authdesk.oauth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLoopback, "authdesk.oauth.loopback", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "authdesk.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnection, "authdesk.connection", QtInfoMsg)
