#!/usr/bin/env bash
# Installs what Authdesk needs (Debian 12), builds it in release mode and starts it.
#   scripts/run.sh [authdesk arguments...]     e.g. scripts/run.sh connectors
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec build-release/bin/authdesk "$@"
