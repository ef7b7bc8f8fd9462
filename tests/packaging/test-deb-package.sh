#!/usr/bin/env bash
# Packaging test (ctest: packaging_deb). Builds the .deb from the build tree under test with CPack and
# checks it the way a user meets it:
#  1. metadata (dpkg-deb -f): name, the project version, dependencies found by dpkg-shlibdeps
#     (Qt 6, yaml-cpp, QtKeychain) plus the ones it cannot see;
#  2. file list (dpkg-deb -c): binary, bundled connectors, desktop entry, AppStream metadata, icons,
#     man page, copyright, systemd user unit, autostart template; nothing outside /usr;
#  3. unpacks it into a temporary root and runs <root>/usr/bin/authdesk --version and
#     `connectors --json`, which must list every bundled connector from <root>/usr/share/authdesk/
#     connectors (the `folder` of each one is checked, so the binary's fallback to the source tree
#     cannot hide a broken lookup), also after moving the root elsewhere (relocation);
#  4. desktop-file-validate, appstreamcli validate --no-net, the icons' sizes, the man page;
#  5. with AUTHDESK_TEST_APT_INSTALL=1 (scripts/test.sh sets it for root with apt, i.e. in CI):
#     apt-get install ./authdesk_*.deb, `authdesk --version`, `authdesk connectors`, apt-get remove.
#   test-deb-package.sh BUILD_DIR SOURCE_DIR VERSION CPACK
set -euo pipefail

if [[ $# -ne 4 ]]; then
    echo "usage: $0 BUILD_DIR SOURCE_DIR VERSION CPACK" >&2
    exit 2
fi
build_dir=$1
source_dir=$2
version=$3
cpack=$4

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok - $*"; }
die() { echo "FAIL: $*" >&2; exit 1; }

for tool in dpkg-deb dpkg-shlibdeps file desktop-file-validate appstreamcli node gzip; do
    command -v "$tool" >/dev/null 2>&1 \
        || die "$tool is missing (scripts/install-deps.sh --test installs dpkg-dev, file, desktop-file-utils, appstream, nodejs)"
done

work=$(mktemp -d -t authdesk-packaging.XXXXXX)
apt_installed=0
cleanup() {
    if [[ $apt_installed == 1 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq authdesk >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- 1. Build the package ----------------------------------------------------------------------
# -B keeps CPack's staging and output out of the build tree.
if ! "$cpack" --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    die "cpack -G DEB failed"
fi
shopt -s nullglob
debs=("$work/out"/authdesk_*.deb)
shopt -u nullglob
[[ ${#debs[@]} -eq 1 ]] || die "expected one authdesk_*.deb, got: ${debs[*]:-none} ($(ls "$work/out"))"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[[ $(basename "$deb") == "authdesk_${version}_${arch}.deb" ]] \
    && ok "package file $(basename "$deb") ($(du -h "$deb" | cut -f1))" \
    || fail "package file is $(basename "$deb"), expected authdesk_${version}_${arch}.deb"

# --- 2. Metadata -------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == authdesk ]] && ok "Package: authdesk" || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] && ok "Version: $version (the project version)" \
    || fail "Version is '$(field Version)', the project version is $version"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture is '$(field Architecture)', expected $arch"
[[ $(field Section) == utils ]] || fail "Section is '$(field Section)'"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ -n $(field Homepage) ]] || fail "no Homepage"
[[ $(field Description) == *"OAuth"* ]] || fail "Description does not describe Authdesk: $(field Description)"

depends=$(field Depends)
# has_dependency DEPENDS PATTERN: DEPENDS (a control field) has an entry, or an alternative of one,
# whose package name matches the glob PATTERN.
has_dependency() {
    local entry name entries
    IFS=',|' read -ra entries <<<"$1"
    for entry in "${entries[@]}"; do
        name=${entry%%(*}
        name=${name// /}
        # shellcheck disable=SC2053 # the pattern is a glob on purpose
        [[ $name == $2 ]] && return 0
    done
    return 1
}
# Found by dpkg-shlibdeps in the binary; qt6-qpa-plugins is the one it cannot see (loaded at run time).
for package in libc6 'libstdc++6' libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6qml6 \
    libqt6keychain1 'libyaml-cpp*' qt6-qpa-plugins; do
    has_dependency "$depends" "$package" && ok "Depends on $package" || fail "Depends lacks $package: $depends"
done
# shlibdeps gives versioned dependencies; a hand-written list would not.
[[ $depends =~ libqt6core6\ \(\>=\ [0-9] ]] || fail "libqt6core6 has no minimum version (was dpkg-shlibdeps run?): $depends"
recommends=$(field Recommends)
[[ $recommends == *gnome-keyring* ]] && ok "Recommends a Secret Service provider: $recommends" \
    || fail "Recommends has no Secret Service provider: $recommends"

# --- 3. File list ------------------------------------------------------------------------------
dpkg-deb -c "$deb" >"$work/contents"
# Paths only ("./usr/bin/authdesk"), directories without their trailing slash.
awk '{ print $6 }' "$work/contents" | sed 's#/$##' >"$work/paths"
expect_path() {
    grep -qxF "./$1" "$work/paths" && ok "contains /$1" || fail "package lacks /$1"
}
expect_path usr/bin/authdesk
expect_path usr/share/applications/app.authdesk.Authdesk.desktop
expect_path usr/share/metainfo/app.authdesk.Authdesk.metainfo.xml
expect_path usr/share/icons/hicolor/scalable/apps/app.authdesk.Authdesk.svg
icon_sizes=(16 22 24 32 48 64 128 256 512)
for size in "${icon_sizes[@]}"; do
    expect_path "usr/share/icons/hicolor/${size}x${size}/apps/app.authdesk.Authdesk.png"
done
expect_path usr/share/man/man1/authdesk.1.gz
expect_path usr/share/doc/authdesk/copyright
expect_path usr/share/doc/authdesk/changelog.gz
expect_path usr/lib/systemd/user/authdesk-daemon.service
expect_path usr/share/authdesk/autostart/app.authdesk.Authdesk.Daemon.desktop
bundled=()
for spec in "$source_dir"/connectors/*/spec.yml; do
    bundled+=("$(basename "$(dirname "$spec")")")
done
[[ ${#bundled[@]} -gt 0 ]] || die "no connectors in $source_dir/connectors"
for key in "${bundled[@]}"; do
    expect_path "usr/share/authdesk/connectors/$key/spec.yml"
done
# Every file of every bundled connector, not just spec.yml.
expected_connector_files=$(cd "$source_dir/connectors" && find . -mindepth 2 -type f | sed 's#^\./##' | sort)
packaged_connector_files=$(awk '$1 !~ /^d/ { print $6 }' "$work/contents" | grep '^\./usr/share/authdesk/connectors/' \
    | sed 's#^\./usr/share/authdesk/connectors/##' | sort)
[[ "$expected_connector_files" == "$packaged_connector_files" ]] \
    && ok "all $(wc -l <<<"$expected_connector_files") files of the ${#bundled[@]} bundled connectors" \
    || fail "connector files differ from the source tree: $(diff <(echo "$expected_connector_files") <(echo "$packaged_connector_files") | head -20)"
outside=$(grep -v -e '^\.$' -e '^\./usr$' -e '^\./usr/' "$work/paths" || true)
[[ -z $outside ]] && ok "nothing outside /usr (no /etc/xdg/autostart)" || fail "files outside /usr: $outside"
grep -qx '\./usr/share/authdesk/connectors/README\.md' "$work/paths" && fail "connectors/README.md is packaged" || true
# Owned by root, and the binary is executable by everyone.
awk '$2 != "root/root" { print }' "$work/contents" | grep -q . && fail "files not owned by root/root: $(awk '$2 != "root/root"' "$work/contents" | head -3)"
grep -E ' \./usr/bin/authdesk$' "$work/contents" | grep -q '^-rwxr-xr-x' && ok "/usr/bin/authdesk is -rwxr-xr-x" \
    || fail "/usr/bin/authdesk mode: $(grep ' \./usr/bin/authdesk$' "$work/contents")"

# --- 4. Unpack and run -------------------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"
file "$root/usr/bin/authdesk" | grep -q 'ELF.*executable' || fail "/usr/bin/authdesk is not an ELF executable: $(file "$root/usr/bin/authdesk")"
file "$root/usr/bin/authdesk" | grep -q 'not stripped' && fail "/usr/bin/authdesk is not stripped"

# A home of its own: no user connectors, no AUTHDESK_CONNECTORS_PATH, nothing of the developer's.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
unset AUTHDESK_CONNECTORS_PATH AUTHDESK_PROFILE

version_output=$("$root/usr/bin/authdesk" --version 2>&1) || fail "authdesk --version failed: $version_output"
[[ $version_output == "authdesk $version" ]] && ok "unpacked authdesk --version: $version_output" \
    || fail "authdesk --version printed '$version_output', expected 'authdesk $version'"

# check_connectors BINARY EXPECTED_DIR: `BINARY connectors --json` lists every bundled connector,
# valid, from EXPECTED_DIR/<key> (compared after resolving symlinks).
check_connectors() {
    local binary=$1 expected_dir=$2 json
    json=$("$binary" connectors --json 2>"$work/connectors.err") || {
        cat "$work/connectors.err" >&2
        return 1
    }
    node -e '
        const fs = require("fs");
        const [expectedDir, ...keys] = process.argv.slice(1);
        const list = JSON.parse(fs.readFileSync(0, "utf8"));
        const problems = [];
        for (const key of keys) {
            const entry = list.find((c) => c.key === key);
            if (!entry) { problems.push(`${key}: not listed`); continue; }
            if (entry.source !== "bundled") problems.push(`${key}: source is ${entry.source}`);
            let folder = entry.folder;
            try { folder = fs.realpathSync(folder); } catch (e) { problems.push(`${key}: folder ${folder} does not exist`); }
            if (folder !== `${expectedDir}/${key}`) problems.push(`${key}: folder is ${entry.folder}, expected ${expectedDir}/${key}`);
            if (entry.valid === false || (entry.errors || []).length) problems.push(`${key}: invalid: ${JSON.stringify(entry.errors)}`);
        }
        if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
    ' "$(realpath "$expected_dir")" "${bundled[@]}" <<<"$json"
}

if check_connectors "$root/usr/bin/authdesk" "$root/usr/share/authdesk/connectors"; then
    ok "unpacked authdesk connectors --json lists the ${#bundled[@]} bundled connectors from <root>/usr/share/authdesk/connectors"
else
    fail "the unpacked binary does not find its bundled connectors"
fi
# Relocated: the same tree somewhere else (/opt/authdesk instead of /usr) finds its own connectors.
mkdir -p "$work/elsewhere/opt"
mv "$root/usr" "$work/elsewhere/opt/authdesk"
if check_connectors "$work/elsewhere/opt/authdesk/bin/authdesk" "$work/elsewhere/opt/authdesk/share/authdesk/connectors"; then
    ok "relocated to <elsewhere>/opt/authdesk, it finds its connectors there"
else
    fail "relocated, the binary does not find the connectors next to itself"
fi
mv "$work/elsewhere/opt/authdesk" "$root/usr"

# The check above must be able to fail: without the packaged connectors the binary falls back to
# the source tree (or finds none), and the folder check has to notice.
mv "$root/usr/share/authdesk/connectors" "$work/connectors.moved"
if check_connectors "$root/usr/bin/authdesk" "$work/connectors.moved" 2>/dev/null; then
    fail "the connector check passes even without the packaged connectors: it proves nothing"
else
    ok "the connector check fails when the packaged connectors are missing (no source-tree masking)"
fi
mv "$work/connectors.moved" "$root/usr/share/authdesk/connectors"

# --- 5. Desktop integration files ----------------------------------------------------------------
for desktop in "$root/usr/share/applications/app.authdesk.Authdesk.desktop" \
    "$root/usr/share/authdesk/autostart/app.authdesk.Authdesk.Daemon.desktop"; do
    if output=$(desktop-file-validate "$desktop" 2>&1) && [[ $output != *error* ]]; then
        ok "desktop-file-validate $(basename "$desktop")"
    else
        fail "desktop-file-validate $(basename "$desktop"): $output"
    fi
done
grep -q '^Exec=authdesk$' "$root/usr/share/applications/app.authdesk.Authdesk.desktop" || fail "desktop entry Exec is not 'authdesk'"
grep -qi '^MimeType=.*x-scheme-handler' "$root/usr/share/applications/app.authdesk.Authdesk.desktop" \
    && fail "desktop entry declares a URL scheme handler, but Authdesk uses a loopback redirect"
metainfo="$root/usr/share/metainfo/app.authdesk.Authdesk.metainfo.xml"
if output=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
    ok "appstreamcli validate --no-net app.authdesk.Authdesk.metainfo.xml"
else
    fail "appstreamcli validate: $output"
fi
grep -q "<release version=\"$version\" date=\"[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}\"" "$metainfo" \
    && ok "metainfo release $version" || fail "metainfo has no release $version"
for size in "${icon_sizes[@]}"; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/app.authdesk.Authdesk.png"
    file "$png" | grep -q "PNG image data, $size x $size," || fail "icon ${size}x${size}: $(file "$png")"
done
ok "icons are PNG at their nominal sizes"
man_page=$(gzip -dc "$root/usr/share/man/man1/authdesk.1.gz") || fail "the man page is not gzip"
[[ $man_page =~ \.TH\ AUTHDESK\ 1\ \"[0-9-]+\"\ \"Authdesk\ $version\" ]] && ok "man page authdesk.1 for $version" \
    || fail "the man page's .TH does not name version $version"
# The man page is written by hand: every command and option that `authdesk --help` lists must be
# in it, so a new command or option cannot ship undocumented.
help_text=$("$root/usr/bin/authdesk" --help 2>&1) || fail "authdesk --help failed: $help_text"
help_commands=$(sed -n '/^Arguments:/,$p' <<<"$help_text" | sed -nE 's/^ +(command +)?([a-z]+) {2,}[A-Z].*/\2/p')
help_options=$(grep -oE '^ +(-[a-z], )?--[a-z][a-z-]*' <<<"$help_text" | grep -oE -- '--[a-z-]+')
[[ $(wc -w <<<"$help_commands") -ge 10 ]] || fail "could not read the commands from authdesk --help: $help_commands"
man_text=${man_page//\\-/-}
undocumented=()
for command in $help_commands; do
    grep -qE "^\.B[IR]? $command( |$)" <<<"$man_text" || undocumented+=("$command")
done
for option in $help_options; do
    grep -qF -- "$option" <<<"$man_text" || undocumented+=("$option")
done
[[ ${#undocumented[@]} -eq 0 ]] && ok "the man page documents the $(wc -w <<<"$help_commands") commands and $(wc -w <<<"$help_options") options of --help" \
    || fail "the man page lacks what authdesk --help lists: ${undocumented[*]}"
grep -q '^License: MIT' "$root/usr/share/doc/authdesk/copyright" \
    && grep -q 'Permission is hereby granted' "$root/usr/share/doc/authdesk/copyright" \
    && ok "copyright (DEP-5, MIT)" || fail "copyright file is not the MIT licence in DEP-5 form"
grep -q '^ExecStart=authdesk daemon$' "$root/usr/lib/systemd/user/authdesk-daemon.service" \
    || fail "the systemd user unit does not run 'authdesk daemon'"

# --- 6. Install for real (CI only) ------------------------------------------------------------------
if [[ ${AUTHDESK_TEST_APT_INSTALL:-0} == 1 ]]; then
    if dpkg-query -W -f='${Status}' authdesk 2>/dev/null | grep -q 'install ok installed'; then
        # Someone's own installation: not this test's to replace or remove.
        echo "skip - apt-get install: a package named authdesk is already installed on this machine"
    else
        (cd "$work/out" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "./$(basename "$deb")") >"$work/apt.log" 2>&1 && apt_installed=1 || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
        if [[ $apt_installed == 1 ]]; then
            [[ $(command -v authdesk) == /usr/bin/authdesk ]] || fail "authdesk is not /usr/bin/authdesk after installing: $(command -v authdesk)"
            installed_version=$(authdesk --version 2>&1) && [[ $installed_version == "authdesk $version" ]] \
                && ok "installed: authdesk --version: $installed_version" || fail "installed authdesk --version: $installed_version"
            listing=$(authdesk connectors 2>&1) || fail "installed authdesk connectors failed: $listing"
            missing=()
            for key in "${bundled[@]}"; do
                grep -q "/usr/share/authdesk/connectors/$key" <<<"$listing" || missing+=("$key")
            done
            [[ ${#missing[@]} -eq 0 ]] && ok "installed: authdesk connectors lists the bundled connectors from /usr/share/authdesk/connectors" \
                || fail "installed: authdesk connectors misses ${missing[*]}: $listing"
            # The refresher's unit as systemd reads it, with `authdesk` where systemd looks for it.
            if command -v systemd-analyze >/dev/null 2>&1; then
                mkdir -p "$work/runtime" && chmod 700 "$work/runtime"
                if output=$(XDG_RUNTIME_DIR="$work/runtime" systemd-analyze --user verify \
                    /usr/lib/systemd/user/authdesk-daemon.service 2>&1) && [[ -z $output ]]; then
                    ok "installed: systemd-analyze --user verify authdesk-daemon.service"
                else
                    fail "systemd-analyze --user verify authdesk-daemon.service: $output"
                fi
            fi
            DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq authdesk >"$work/apt.log" 2>&1 \
                && apt_installed=0 || { cat "$work/apt.log" >&2; fail "apt-get remove failed"; }
            [[ ! -e /usr/bin/authdesk && ! -e /usr/share/authdesk/connectors ]] && ok "apt-get remove authdesk removed it" \
                || fail "files left after apt-get remove"
        fi
    fi
else
    echo "skip - apt-get install (set AUTHDESK_TEST_APT_INSTALL=1 where the test may install packages)"
fi

if [[ $failures -ne 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "packaging: all checks passed"
