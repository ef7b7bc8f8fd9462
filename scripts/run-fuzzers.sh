#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a while (default 20 s).
#   scripts/run-fuzzers.sh [SECONDS]
# Every folder tests/fuzz/seeds/NAME belongs to the target fuzz_NAME. The corpus each run starts
# from is a scratch copy of those seeds, of the regressions (earlier findings) and, for the
# connector and mapping targets, of the bundled connectors. Findings land in build-fuzz/findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
build=build-fuzz

names=()
for seeds in tests/fuzz/seeds/*/; do
    names+=("$(basename "$seeds")")
done
targets=("${names[@]/#/fuzz_}")

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}"

corpus="$build/corpus"
rm -rf "$corpus"
mkdir -p "$build/findings"
for name in "${names[@]}"; do
    mkdir -p "$corpus/$name"
    cp tests/fuzz/seeds/"$name"/* "$corpus/$name/"
    if [[ -d tests/fuzz/regressions/$name ]]; then
        cp tests/fuzz/regressions/"$name"/* "$corpus/$name/"
    fi
done
for folder in connectors/*/; do
    name=$(basename "$folder")
    for file in "$folder"auth/*.yml; do
        cp "$file" "$corpus/mapping_evaluator/$name-$(basename "$file")"
    done
    {
        cat "$folder/spec.yml"
        for method in get-oauth-config.map.yml make-api-client.map.yml test.rest.yml; do
            echo '---8<---'
            [[ -f "$folder/auth/$method" ]] && cat "$folder/auth/$method"
        done
    } > "$corpus/connector_loader/$name.txt"
done

status=0
for name in "${names[@]}"; do
    target="fuzz_$name"
    echo "== $target for ${seconds}s"
    if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$build/findings/$target-" -print_final_stats=1 "$corpus/$name" 2>"$build/$target.log"; then
        status=1
        echo "$target found a problem; see $build/$target.log and $build/findings/"
        tail -40 "$build/$target.log"
    else
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$build/$target.log" || true
    fi
done
exit $status
