#pragma once

#include "profilecommand.h"

namespace Authdesk {

// `authdesk request NAME METHOD PATH [--data JSON] [--header K:V]... [--query K=V]... [--json]`:
// calls the connection's API through its makeApiClient (base URI, headers, auth), with the live token,
// refreshing and retrying once after a 401. Prints the response body (pretty JSON when it is JSON);
// with --json, {status, headers, data}. Exit 0 for a 2xx answer, 3 otherwise.
class RequestCommand : public ProfileCommand
{
    Q_OBJECT

public:
    struct RequestOptions
    {
        QString name;
        QString method;
        QString path;
        QString data; // JSON
        QStringList headers; // K:V
        QStringList query; // K=V
    };

    RequestCommand(RequestOptions request, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    RequestOptions m_request;
};

} // namespace Authdesk
