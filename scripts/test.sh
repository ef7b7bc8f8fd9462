#!/usr/bin/env bash
# Installs everything the tests need (Debian 12), builds Authdesk with warnings as errors, runs the
# whole test suite inside a private D-Bus session with a real, unlocked Secret Service
# (gnome-keyring) and an X server (Xvfb), replays and runs the fuzz targets briefly, and prints
# the benchmark figures.
#   scripts/test.sh                 everything
#   FUZZ_SECONDS=0 scripts/test.sh  skip the libFuzzer runs (the replay tests still run)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
# The Node.js side of the differential tests: pinned packages from tests/script/package-lock.json.
npm ci --prefix tests/script --no-audit --no-fund --loglevel=error
npm ci --prefix tests/authserver --no-audit --no-fund --loglevel=error

jobs=$(nproc)
cmake --preset dev
cmake --build --preset dev -j "$jobs"

# The packaging test also installs the .deb with apt-get and removes it again, but only where that
# is allowed: as root with apt (CI, a throwaway machine).
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    export AUTHDESK_TEST_APT_INSTALL=1
fi
# Tests run in a throwaway home so that nothing touches the developer's own keyring or settings.
scripts/test-session.sh ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600

build/tests/bench/bench_catalog_load --count 1000

fuzz_seconds="${FUZZ_SECONDS:-20}"
if [[ "$fuzz_seconds" != 0 ]]; then
    scripts/run-fuzzers.sh "$fuzz_seconds"
fi
echo "test.sh: all green"
