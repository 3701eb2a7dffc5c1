#!/usr/bin/env bash
# Runs every fuzz target for the given number of seconds, all at once at low priority, and prints
# each target's executions and coverage. Usage: fuzz/run-all.sh SECONDS
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets its nightly flags run on a
# stable toolchain. Crashes land in fuzz/artifacts/TARGET/; copy each into tests/regressions/.
set -euo pipefail
seconds=${1:?usage: fuzz/run-all.sh SECONDS}
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
targets=(json markdown roundtrip embed png)
cargo fuzz build -s none -O
mkdir -p logs
seeds=(../tests/forms ../tests/fixtures ../examples)
[ -d ../../shared/corpus/postmortems ] && seeds+=(../../shared/corpus/postmortems)
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    # Each target keeps its own corpus; the first directory is where new inputs are written.
    extra=()
    [ "$t" != json ] && for d in "${seeds[@]}"; do [ -d "$d" ] && extra+=("$d"); done
    nice -n 19 cargo fuzz run "$t" -s none -O "corpus/$t" "${extra[@]}" -- \
        -dict=pmchart.dict -max_len=65536 -rss_limit_mb=4096 -timeout=30 \
        -max_total_time="$seconds" -print_final_stats=1 >"logs/$t.log" 2>&1 &
done
status=0
wait || status=$?
for t in "${targets[@]}"; do
    printf '%-10s ' "$t"
    grep -E 'stat::number_of_executed_units|cov: ' "logs/$t.log" | tail -2 | tr '\n' ' '
    echo
    ls "artifacts/$t" 2>/dev/null | sed "s|^|    crash: artifacts/$t/|"
done
exit "$status"
