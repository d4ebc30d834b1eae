#!/usr/bin/env bash
# sanitize.sh -- build tcpflow with AddressSanitizer + UBSan (configure --enable-sanitizers) in
# a separate folder and run every capture of tests/data (and of ../shared/pcaps when that
# folder exists beside the repository) through it, with default options and with all
# scanners (-a).  Any sanitizer report, death by signal or timeout is a failure.
# SANITIZE_KIND=thread: ThreadSanitizer instead (--enable-sanitizers=thread), every capture
# with -j 4 -a (the worker threads, per-worker scanners and their merge; issue 12).
# Not part of `make check`; .ci/run calls it.
#
# usage: tests/e2e/sanitize.sh [BUILD_DIR]        (default: <repo>/_build/sanitize, or
#        _build/tsan for thread; it is emptied, then holds src/ (a clean copy of the sources)
#        and obj/ (the build))
# env:   SANITIZE_UNIT=1        also build and run every CppUnit program (tests/unit/test_*)
#                               in the sanitizer build: the code paths no capture reaches
#                               (an SDK helper read an exception's text after it was freed)
#        SANITIZE_MAKE_CHECK=1  also run `make check` in the sanitizer build
#        SANITIZE_RESULTS=DIR   also write one automake-style DIR/<name>.trs per run
#        SANITIZE_NO_BUILD=1    reuse BUILD_DIR as it is       SAN_TIMEOUT=120  JOBS=2
#        SANITIZE_SHARED_MAX=N  only the first N captures of ../shared/pcaps (default: all)
# exit:  0 clean, 1 a report / crash / build failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
kind=${SANITIZE_KIND:-address}
case $kind in
  address) configure_arg=--enable-sanitizers; modes="default all"; tag=sanitize ;;
  thread)  configure_arg=--enable-sanitizers=thread; modes="j4-all"; tag=tsan ;;
  *) echo "sanitize: SANITIZE_KIND is address or thread, not '$kind'" >&2; exit 2 ;;
esac
build=${1:-$repo/_build/$tag}
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
  if ! (cd "$build/src" && autoreconf -fi && cd "$build/obj" && "$build/src/configure" -q $configure_arg && make -j"$jobs") > "$build.build.log" 2>&1; then
    tail -40 "$build.build.log"; echo "sanitize: BUILD FAILED (log: $build.build.log)"; trs $tag-build FAIL; exit 1
  fi
  trs $tag-build PASS
fi
bin=$build/obj/tcpflow
[ -x "$bin" ] || { echo "sanitize: no $bin"; trs $tag-build FAIL; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/e2e/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:exitcode=88:second_deadlock_stack=1}
# TSan's fixed memory layout fails under the high mmap randomisation of newer kernels
# ("unexpected memory mapping"): run its binary without address randomisation.
norandom=()
if [ $kind = thread ] && setarch "$(uname -m)" -R true 2> /dev/null; then norandom=(setarch "$(uname -m)" -R); fi
# Every run below passes -j 4: a build without it would only print its usage error.
if [ $kind = thread ] && ! "${norandom[@]+"${norandom[@]}"}" "$bin" -j 4 -V > /dev/null 2>&1; then
  echo "sanitize: $bin does not run with -j 4"; trs $tag-build FAIL; exit 1
fi

caps=()
while IFS= read -r -d '' f; do caps+=("$f"); done < <(find "$repo/tests/data" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) -print0 | sort -z)
if [ -d "$shared/pcaps" ]; then
  n=0
  while IFS= read -r -d '' f; do
    [ -n "${SANITIZE_SHARED_MAX:-}" ] && [ $n -ge "$SANITIZE_SHARED_MAX" ] && break
    caps+=("$f"); n=$((n + 1))
  done < <(find "$shared/pcaps" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -print0 | sort -z)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sanitize.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
runs=0 bad=0
for cap in "${caps[@]}"; do
  for mode in $modes; do
    case $mode in default) args=() ;; all) args=(-a) ;; j4-all) args=(-j 4 -a) ;; esac
    name=$(basename "$(dirname "$cap")")-$(basename "$cap")-$mode
    out=$tmp/out; rm -rf "$out"
    set +e
    timeout -k 5 "$tmo" "${norandom[@]+"${norandom[@]}"}" "$bin" "${args[@]}" -o "$out" -r "$cap" > "$tmp/stdout" 2> "$tmp/stderr" < /dev/null
    rc=$?
    set -e
    runs=$((runs + 1))
    why=
    if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:' "$tmp/stderr"; then why="sanitizer report"
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="timeout after ${tmo}s"
    elif [ $rc -ge 128 ]; then why="killed by signal $((rc - 128))"
    elif [ $rc -eq 86 ] || [ $rc -eq 87 ] || [ $rc -eq 88 ]; then why="sanitizer exit status $rc"
    fi
    if [ -n "$why" ]; then
      bad=$((bad + 1)); trs "$tag-$name" FAIL
      echo "FAIL $name: $why (exit $rc)"; head -40 "$tmp/stderr" | sed 's/^/    /'
    else
      trs "$tag-$name" PASS
    fi
  done
done
echo "sanitize: $runs runs, $bad with sanitizer reports or crashes"
status=0
[ $bad -eq 0 ] || status=1
if [ -n "${SANITIZE_UNIT:-}" ]; then
  units=$(sed -n 's|^TESTS += \(tests/unit/test_[a-z_]*\)$|\1|p' "$build/src"/core/*/local.mk "$build/src"/tests/*/local.mk 2> /dev/null | sort -u)
  if [ -z "$units" ] || ! (cd "$build/obj" && make -j"$jobs" $units) > "$build.unit.log" 2>&1; then
    tail -20 "$build.unit.log" 2> /dev/null; echo "sanitize: unit tests did not build"; trs $tag-unit-build FAIL; status=1
  else
    for u in $units; do
      set +e
      (cd "$build/obj" && timeout -k 5 600 "${norandom[@]+"${norandom[@]}"}" "./$u") > "$tmp/unit.log" 2>&1 < /dev/null
      rc=$?
      set -e
      if [ $rc -ne 0 ] || grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:' "$tmp/unit.log"; then
        trs "$tag-unit-${u##*/}" FAIL; status=1
        echo "FAIL unit ${u##*/} (exit $rc)"; grep -E -m1 -A25 'Sanitizer|runtime error:|^Failures|^!!!' "$tmp/unit.log" | sed 's/^/    /'
      else
        trs "$tag-unit-${u##*/}" PASS; echo "sanitize: unit ${u##*/} clean"
      fi
    done
  fi
fi
if [ -n "${SANITIZE_MAKE_CHECK:-}" ]; then
  if (cd "$build/obj" && make -j"$jobs" check) > "$build.check.log" 2>&1; then echo "sanitize: make check passed"
  else grep -E '^(# |FAIL|ERROR)' "$build.check.log" | head -30; echo "sanitize: make check FAILED"; status=1; fi
fi
exit $status
