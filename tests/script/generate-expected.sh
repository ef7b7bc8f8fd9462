#!/usr/bin/env bash
# Writes tests/script/corpus/*/<case>.expected: what Node prints for each case through
# tests/script/node-runner.mjs. tst_builtinscorpus compares QJSEngine with these files (and with live
# Node when it is there). Run it after adding or changing a case, and commit the .expected files.
#   tests/script/generate-expected.sh            write every .expected
#   tests/script/generate-expected.sh --check    only compare, exit 1 on a difference
#   tests/script/generate-expected.sh case.js…   only these cases
# NODE=/path/to/node picks the Node.js binary. A case must print the same on every Node.js from 18 on
# (Debian 12 has 18), so check a new case with more than one version when it touches an edge.
# Each case is also run with --prelude (Node's built-ins replaced by lib/script/js): a difference
# there is a bug in our JavaScript, reported but not written.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
node=${NODE:-node}
check=false
if [[ "${1:-}" == "--check" ]]; then
    check=true
    shift
fi
if [[ $# -gt 0 ]]; then
    cases=("$@")
else
    cases=("$here"/corpus/*/*.js)
fi

echo "generate-expected: $("$node" --version) ($(command -v "$node"))"
status=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for case in "${cases[@]}"; do
    expected="${case%.js}.expected"
    "$node" "$here/node-runner.mjs" "$case" > "$scratch/native"
    "$node" "$here/node-runner.mjs" --prelude "$case" > "$scratch/prelude"
    if ! cmp -s "$scratch/native" "$scratch/prelude"; then
        echo "generate-expected: $case: Node with the prelude differs from Node:" >&2
        diff "$scratch/native" "$scratch/prelude" >&2 || true
        status=1
    fi
    if [[ ! -s "$scratch/native" ]]; then
        echo "generate-expected: $case reports nothing" >&2
        status=1
    fi
    if $check; then
        if ! cmp -s "$scratch/native" "$expected" 2>/dev/null; then
            echo "generate-expected: $expected is stale" >&2
            diff "$expected" "$scratch/native" >&2 || true
            status=1
        fi
    elif ! cmp -s "$scratch/native" "$expected" 2>/dev/null; then
        cp "$scratch/native" "$expected"
        echo "generate-expected: wrote $expected"
    fi
done
exit $status
