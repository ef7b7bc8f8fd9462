#pragma once

#include "profilecommand.h"

namespace Authdesk {

class SupportBundle;

// `authdesk bundle NAME [--output FILE]`: the redacted support bundle of a connection (SupportBundle:
// versions, connector, connection record, the shape of the credentials, the HTTP log — no secret) as
// JSON on standard output, or written atomically to FILE.
class BundleCommand : public ProfileCommand
{
    Q_OBJECT

public:
    BundleCommand(QString name, QString outputFile, Options options, QTextStream &out, QTextStream &err,
        QObject *parent = nullptr);

    int start() override;

private:
    void onFinished(SupportBundle *bundle);

    QString m_name;
    QString m_outputFile;
};

} // namespace Authdesk
