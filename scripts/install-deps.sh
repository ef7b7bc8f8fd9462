#!/usr/bin/env bash
# Installs what Authdesk needs on Debian 12 (bookworm) from Debian's own archive.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the test suite needs (keyring, Xvfb, fuzzing, Node.js)
set -euo pipefail

build_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-declarative-dev qt6-networkauth-dev qt6-svg-dev
    qtkeychain-qt6-dev libyaml-cpp-dev libgl-dev
    qt6-qpa-plugins libqt6svg6 qt6-wayland
)
test_packages=(
    chromium # the real browser of the end-to-end GUI test (tests/authserver/chromium-browser.mjs)
    dbus gnome-keyring libsecret-tools xvfb xauth
    clang libclang-rt-14-dev
    nodejs
    dpkg-dev file desktop-file-utils appstream gzip # the packaging test (tests/packaging)
)

packages=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
    packages+=("${test_packages[@]}")
    # npm installs the pinned Node.js packages of the differential tests (tests/script).
    command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: everything is installed"
    exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
