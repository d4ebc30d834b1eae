#!/usr/bin/env bash
# sanitize.sh -- build tcpflow with AddressSanitizer + UBSan (configure --enable-sanitizers) in
# a separate folder and run every capture of tests/data (and of ../shared/pcaps when that
# folder exists beside the repository) through it, with default options and with all
# scanners (-a).  Any sanitizer report, death by signal or timeout is a failure.
# Not part of `make check`; .ci/run calls it.
#
# usage: tests/e2e/sanitize.sh [BUILD_DIR]        (default: <repo>/_build/sanitize; it is
#        emptied, then holds src/ (a clean copy of the sources) and obj/ (the build))
# env:   SANITIZE_MAKE_CHECK=1  also run `make check` in the sanitizer build
#        SANITIZE_RESULTS=DIR   also write one automake-style DIR/<name>.trs per run
#        SANITIZE_NO_BUILD=1    reuse BUILD_DIR as it is       SAN_TIMEOUT=120  JOBS=2
# exit:  0 clean, 1 a report / crash / build failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/_build/sanitize}
shared=$(dirname "$repo")/shared
jobs=${JOBS:-2}
tmo=${SAN_TIMEOUT:-120}
results=${SANITIZE_RESULTS:-}
[ -n "$results" ] && mkdir -p "$results"

trs() {   # name PASS|FAIL
  [ -n "$results" ] || return 0
  printf ':test-result: %s\n:global-test-result: %s\n:recheck: no\n:copy-in-global-log: no\n' "$2" "$2" > "$results/$1.trs"
}

if [ -z "${SANITIZE_NO_BUILD:-}" ]; then
  # A clean copy of the sources: configure refuses a VPATH build from a source tree that is
  # itself configured (the CI builds in-tree first).
  rm -rf "$build"; mkdir -p "$build/src" "$build/obj"
  echo "sanitize: copying the sources, configuring and building in $build"
  "$repo/tests/clean-source-copy.sh" "$repo" "$build/src"
  if ! (cd "$build/src" && autoreconf -fi && cd "$build/obj" && "$build/src/configure" -q --enable-sanitizers && make -j"$jobs") > "$build.build.log" 2>&1; then
    tail -40 "$build.build.log"; echo "sanitize: BUILD FAILED (log: $build.build.log)"; trs sanitize-build FAIL; exit 1
  fi
  trs sanitize-build PASS
fi
bin=$build/obj/tcpflow
[ -x "$bin" ] || { echo "sanitize: no $bin"; trs sanitize-build FAIL; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/e2e/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}

caps=()
while IFS= read -r -d '' f; do caps+=("$f"); done < <(find "$repo/tests/data" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) -print0 | sort -z)
if [ -d "$shared/pcaps" ]; then
  while IFS= read -r -d '' f; do caps+=("$f"); done < <(find "$shared/pcaps" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -print0 | sort -z)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sanitize.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
runs=0 bad=0
for cap in "${caps[@]}"; do
  for mode in default all; do
    args=(); [ $mode = all ] && args=(-a)
    name=$(basename "$(dirname "$cap")")-$(basename "$cap")-$mode
    out=$tmp/out; rm -rf "$out"
    set +e
    timeout -k 5 "$tmo" "$bin" "${args[@]}" -o "$out" -r "$cap" > "$tmp/stdout" 2> "$tmp/stderr" < /dev/null
    rc=$?
    set -e
    runs=$((runs + 1))
    why=
    if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$tmp/stderr"; then why="sanitizer report"
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="timeout after ${tmo}s"
    elif [ $rc -ge 128 ]; then why="killed by signal $((rc - 128))"
    elif [ $rc -eq 86 ] || [ $rc -eq 87 ]; then why="sanitizer exit status $rc"
    fi
    if [ -n "$why" ]; then
      bad=$((bad + 1)); trs "sanitize-$name" FAIL
      echo "FAIL $name: $why (exit $rc)"; head -40 "$tmp/stderr" | sed 's/^/    /'
    else
      trs "sanitize-$name" PASS
    fi
  done
done
echo "sanitize: $runs runs, $bad with sanitizer reports or crashes"
status=0
[ $bad -eq 0 ] || status=1
if [ -n "${SANITIZE_MAKE_CHECK:-}" ]; then
  if (cd "$build/obj" && make -j"$jobs" check) > "$build.check.log" 2>&1; then echo "sanitize: make check passed"
  else grep -E '^(# |FAIL|ERROR)' "$build.check.log" | head -30; echo "sanitize: make check FAILED"; status=1; fi
fi
exit $status
