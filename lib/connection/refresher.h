#pragma once

#include <QObject>
#include <QString>

namespace Authdesk {

class RefreshRequest;

// Who refreshes a profile's connections for this process (design.md decision 4: one refresher per
// profile). Implementations:
// - RefreshService: in this process, one RefreshJob per connection at a time under the profile lock
//   (the daemon's, and a command's when no daemon runs);
// - ProfileRefresher: the profile's refresher daemon over its local socket when one answers, else a
//   RefreshService of its own.
// ConnectionSession and the token/refresh commands ask through this interface, so they do not care
// which one answers.
class Refresher : public QObject
{
    Q_OBJECT

public:
    // What the caller needs back besides the outcome's status and expiry.
    enum class Want {
        Status, // `authdesk refresh`: whether it worked and the new expiry
        AccessToken, // `authdesk token`
        Credentials, // an API session: the whole credentials (makeApiClient reads any field)
    };
    Q_ENUM(Want)

    using QObject::QObject;
    ~Refresher() override;

    // Refreshes `name` when `force` is set or its access token expires within a minute; otherwise
    // answers with the stored credentials. The request finishes later (see RefreshRequest).
    virtual RefreshRequest *refresh(const QString &name, bool force, Want want) = 0;
};

} // namespace Authdesk
