#pragma once

#include "support/error.h"
#include "support/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Authdesk {

// The line protocol between `authdesk` commands and the profile's refresher daemon
// (RefresherClient <-> RefresherServer), over a QLocalSocket that only the user can open
// (QLocalServer::UserAccessOption: socket file mode 0700 in a private folder on Unix, the user's
// SID on Windows). One JSON object per line, UTF-8, at most maxLineLength bytes.
//
//   request  {"v": 1, "op": "ping" | "status" | "refresh" | "token" | "reload", "name": "work",
//             "force": true, "id": <any, echoed>}
//   reply    {"v": 1, "id": ..., "ok": true, "refreshed": true, "expiresAt": "2025-...Z",
//             "accessToken": "..." (op token only), "unsaved": false, "warning": "...",
//             "status": "Ready", "daemon": {"pid": 123, "profile": "default"}}
//   failure  {"v": 1, "ok": false, "error": {"code": "provider", "message": "...",
//             "providerError": "invalid_grant", "providerErrorDescription": "..."}, ...}
//
// - ping: is anyone there (daemon: pid, profile, protocol version).
// - status: the daemon (no name: refreshes in flight, unsaved credentials) or one connection.
// - refresh: refresh now (force defaults to true); the reply has the new expiry, never a token.
// - token: a valid access token, refreshed first when due (force defaults to false). The token
//   crosses the socket because the socket is the user's alone; it is never logged.
// - reload: the index (or one connection) changed on disk (a connect): forget what is cached.
//
// Error codes: the ErrorCode names (usage, validation, not-found, script, provider, denied,
// secure-storage, internal) plus bad-request (unparseable line), line-too-long (then the daemon
// closes the connection), unsupported-version, busy (too many clients) and shutting-down. A client
// that gets shutting-down or unsupported-version does the work itself under the profile lock.
namespace RefresherProtocol {

constexpr int version = 1;
constexpr qsizetype maxLineLength = 64 * 1024;

enum class Op { Ping, Status, Refresh, Token, Reload };

QString opName(Op op);
std::optional<Op> opFromName(const QString &name);

struct Request
{
    Op op = Op::Ping;
    QString name; // the connection (refresh, token; optional for status and reload)
    bool force = false;
    QJsonValue id; // echoed in the reply
};

// A failure the protocol itself reports (not an ErrorCode of the work).
namespace Codes {
inline constexpr char badRequest[] = "bad-request";
inline constexpr char lineTooLong[] = "line-too-long";
inline constexpr char unsupportedVersion[] = "unsupported-version";
inline constexpr char busy[] = "busy";
inline constexpr char shuttingDown[] = "shutting-down";
} // namespace Codes

struct ReplyError
{
    QString code; // an ErrorCode name or one of Codes
    QString message;
    QString providerError;
    QString providerErrorDescription;

    // The Error a command reports: the ErrorCode of `code` (Internal for protocol codes).
    Error toError() const;
    static ReplyError fromError(const Error &error);
};

struct Reply
{
    int version = RefresherProtocol::version;
    QJsonValue id;
    bool ok = true;
    std::optional<ReplyError> error;
    bool refreshed = false;
    bool unsaved = false;
    QString warning;
    QDateTime expiresAt;
    QString accessToken;
    QString status;
    QJsonObject details; // status: connection or daemon details; ping: the daemon

    static Reply failure(const QString &code, const QString &message, const QJsonValue &id = {});
};

// One request line (without the newline) -> Request; the error names what is wrong (bad-request, or
// unsupported-version for a newer major version), with the id when there was one.
Result<Request, Reply> parseRequest(const QByteArray &line);
QByteArray encodeRequest(const Request &request);
// Both end with '\n'.
QByteArray encodeReply(const Reply &reply);
// A reply line from the daemon; an error message when it is not one.
Result<Reply, QString> parseReply(const QByteArray &line);

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);

} // namespace RefresherProtocol

} // namespace Authdesk
