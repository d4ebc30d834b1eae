#!/usr/bin/env bash
# run-fuzzers.sh -- build the libFuzzer targets (clang, ASan+UBSan) out of tree and
# fuzz each for a bounded time from its seed corpus. Run by .ci/run; not part of
# make check (make check only replays the seeds). Fails on any crash or sanitizer report.
# env: FUZZ_SECONDS per target (default 60), FUZZ_BUILD folder (default /tmp/tcpflow-fuzz.$$)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-/tmp/tcpflow-fuzz.$$}
command -v clang++ >/dev/null || { echo "run-fuzzers: clang++ is not installed"; exit 1; }
rm -rf "$build"
"$src/tests/clean-source-copy.sh" "$src" "$build/src"
(cd "$build/src" && autoreconf -fi) > /dev/null
mkdir -p "$build/obj"
seeds=$src/tests/fuzz/corpus
src=$build/src
cd "$build/obj"
"$src/configure" -q --enable-fuzzing CXX=clang++ \
  CXXFLAGS='-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined'
make -j2 libtcpflowcore.la
status=0
for t in decode http gzip; do
  make -j2 "tests/fuzz/fuzz_$t"
  work=$build/work-$t
  mkdir -p "$work"
  echo "=== fuzz_$t for ${secs}s"
  # New inputs go to the first folder; the seed folder stays read-only.
  if ! "tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1 \
        "$work" "$seeds/$t" > "$build/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t FAILED:"; tail -40 "$build/fuzz_$t.log"; status=1
  else
    grep -E "stat::number_of_executed_units" "$build/fuzz_$t.log" || true
  fi
done
exit $status
