#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

class QProcess;

namespace Authdesk::Test {

// A throwaway home for a test that runs the authdesk binary or opens profiles: HOME and the XDG data,
// config and cache folders all live in one temporary folder, so nothing touches the developer's own
// profiles, settings or caches (the keychain is the test session's; see scripts/test-session.sh).
//
//     m_home = std::make_unique<TestHome>();
//     process.setProcessEnvironment(m_home->processEnvironment(m_connectors.path()));
class TestHome
{
public:
    TestHome() = default;

    bool isValid() const { return m_folder.isValid(); }
    QString path() const { return m_folder.path(); }
    QString filePath(const QString &relative) const { return m_folder.filePath(relative); }
    // Where the authdesk processes of this home keep their profiles.
    QString profilesRoot() const;

    // What an authdesk process in this home runs with: the system environment with this home's
    // folders, `connectorsPath` as AUTHDESK_CONNECTORS_PATH, and neither AUTHDESK_PROFILE nor
    // QT_MESSAGE_PATTERN from the developer's shell (tests read the default profile and plain output).
    QProcessEnvironment processEnvironment(const QString &connectorsPath) const;

private:
    QTemporaryDir m_folder;
};

// Ends the processes a test started: kills what still runs, waits for it, deletes every process and
// empties the list.
void killAndDelete(QList<QProcess *> &processes);

} // namespace Authdesk::Test
