#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a while (default 20 s).
#   scripts/run-fuzzers.sh [SECONDS]
# Seeds come from the bundled connectors and tests/fuzz/seeds; findings land in build-fuzz/findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
build=build-fuzz

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_connector_loader fuzz_mapping_evaluator

corpus="$build/corpus"
rm -rf "$corpus"
mkdir -p "$corpus/mapping" "$corpus/connector_loader" "$build/findings"
cp tests/fuzz/seeds/mapping_evaluator/* "$corpus/mapping/"
cp tests/fuzz/seeds/connector_loader/* "$corpus/connector_loader/"
# Earlier findings stay in the corpus so that the fuzzer keeps checking them.
cp tests/fuzz/regressions/connector_loader/* "$corpus/connector_loader/" 2>/dev/null || true
cp tests/fuzz/regressions/mapping_evaluator/* "$corpus/mapping/" 2>/dev/null || true
for folder in connectors/*/; do
    name=$(basename "$folder")
    for file in "$folder"auth/*.yml; do
        cp "$file" "$corpus/mapping/$name-$(basename "$file")"
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
for target in fuzz_connector_loader fuzz_mapping_evaluator; do
    case "$target" in
        fuzz_connector_loader) seeds="$corpus/connector_loader" ;;
        fuzz_mapping_evaluator) seeds="$corpus/mapping" ;;
    esac
    echo "== $target for ${seconds}s"
    if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$build/findings/$target-" -print_final_stats=1 "$seeds" 2>"$build/$target.log"; then
        status=1
        echo "$target found a problem; see $build/$target.log and $build/findings/"
        tail -40 "$build/$target.log"
    else
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' "$build/$target.log" || true
    fi
done
exit $status
