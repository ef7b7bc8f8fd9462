#!/usr/bin/env bash
# Runs a command with the services Authdesk's tests use, all private to this run:
#  - a fresh HOME (so the real user's keyring, settings and connectors are never touched);
#  - a D-Bus session bus with gnome-keyring-daemon's Secret Service, unlocked with a throwaway
#    password *before* any client asks for it (see oauth-standards-and-qt.md §E.1);
#  - an X server (Xvfb) for tests that need a real display; widget tests use offscreen anyway.
#   scripts/test-session.sh COMMAND [ARGS...]
set -euo pipefail

if [[ -z "${AUTHDESK_TEST_SESSION:-}" ]]; then
    home=$(mktemp -d -t authdesk-test-home.XXXXXX)
    trap 'rm -rf "$home"' EXIT
    export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
        XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/runtime" AUTHDESK_TEST_SESSION=1
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    unset AUTHDESK_CONNECTORS_PATH AUTHDESK_PROFILE
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

# Inside the session: unlock the keyring first, then check that a client can use it.
printf %s "authdesk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf probe | secret-tool store --label="authdesk probe" service authdesk-test-probe
secret-tool lookup service authdesk-test-probe >/dev/null
secret-tool clear service authdesk-test-probe
exec "$@"
