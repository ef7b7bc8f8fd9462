#pragma once

#include "connectorspec.h"

#include "support/diagnostic.h"

#include <QString>

namespace Authdesk {

// A connector folder as loaded: the spec (as complete as the folder allowed) and every problem
// found, each located by file, line and column. A folder with errors still yields a spec with its
// key and name so that catalogs can list it with its errors.
struct LoadedConnector
{
    ConnectorSpec spec;
    Diagnostics diagnostics;

    bool isValid() const { return !hasErrors(diagnostics); }
};

// Reads a connector folder: `spec.yml` plus method files under `auth/`, in both generations of
// the format (the folder format with `auth:` and `implementationType`, and the inline format with
// the auth fields at the top level and `type`). See connector-format.md §1-§8.
class ConnectorLoader
{
public:
    // `folder` is used as given in every message ("connectors/x/auth/test.js:3:1: ...").
    static LoadedConnector load(const QString &folder);
};

} // namespace Authdesk
