#pragma once

#include "profilecommand.h"

namespace Authdesk {

// `authdesk test NAME [--json]`: runs the connector's test for the connection (refreshing the
// credentials first when due, and once more after a 401); exit 0 when it passes, 3 when it fails.
class TestCommand : public ProfileCommand
{
    Q_OBJECT

public:
    TestCommand(QString name, Options options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    int start() override;

private:
    QString m_name;
};

} // namespace Authdesk
