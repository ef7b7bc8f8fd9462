#include "bundlecommand.h"

#include "connection/profilecontext.h"
#include "connection/supportbundle.h"

#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Authdesk {

BundleCommand::BundleCommand(
    QString name, QString outputFile, Options options, QTextStream &out, QTextStream &err, QObject *parent)
    : ProfileCommand(u"bundle"_s, std::move(options), out, err, parent)
    , m_name(std::move(name))
    , m_outputFile(std::move(outputFile))
{
}

int BundleCommand::start()
{
    if (!openContext())
        return exitCode();
    auto *bundle = new SupportBundle(context(), m_name, this);
    connect(bundle, &SupportBundle::finished, this, &BundleCommand::onFinished);
    bundle->start();
    return -1;
}

void BundleCommand::onFinished(SupportBundle *bundle)
{
    bundle->deleteLater();
    if (bundle->error())
        return finishWith(bundle->error());
    const QByteArray json = bundle->toJson();
    if (m_outputFile.isEmpty() || m_outputFile == u"-") {
        out() << QString::fromUtf8(json);
        return finishWith(std::nullopt);
    }
    QSaveFile file(m_outputFile);
    // Only for the user: it still holds response bodies, e-mail addresses and paths.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(json) != json.size() || !file.commit())
        return finishWith(Error(ErrorCode::Usage, u"cannot write %1: %2"_s.arg(m_outputFile, file.errorString())));
    err() << u"Support bundle of %1 written to %2 (no secrets: tokens and secrets are left out or redacted)."_s.arg(
        m_name, m_outputFile)
          << Qt::endl;
    finishWith(std::nullopt);
}

} // namespace Authdesk
