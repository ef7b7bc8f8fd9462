#include "logging.h"

Q_LOGGING_CATEGORY(lcSpec, "authdesk.spec", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMapping, "authdesk.mapping", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCatalog, "authdesk.catalog", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "authdesk.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScript, "authdesk.script", QtInfoMsg)
// The protocol and storage layers say what they do at info level, which the command line does not
// print unless asked (QT_LOGGING_RULES="authdesk.*.info=true").
Q_LOGGING_CATEGORY(lcOAuth, "authdesk.oauth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLoopback, "authdesk.oauth.loopback", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "authdesk.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConnection, "authdesk.connection", QtWarningMsg)
// The profile's refresher (RefreshService, RefresherServer, the daemon): info by default, because the
// daemon's stderr is its log (what it served, what it could not store). Per-request chatter is debug.
Q_LOGGING_CATEGORY(lcRefresher, "authdesk.refresher", QtInfoMsg)
