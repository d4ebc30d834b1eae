# lib.sh -- shared helpers for the fault-injection scripts in tests/faults/ (sourced, bash).
# A script sets up with tf_init, runs its table of cases, calls tf_case_pass/tf_case_fail for
# each, and ends with tf_finish (exit 0 all passed, 1 any failed, 77 all skipped).
#   TCPFLOW_BIN   the tcpflow under test (default: $builddir/tcpflow)
#   TF_KEEP=1     keep the work folder
#   TCPFLOW_TEST_JOBS=N  every run of "$bin" gets -j N (tests/parallel/faults-j2.sh)
set -u
tf_init() {
  builddir=${builddir:-$(pwd)}
  srcdir=${srcdir:-$(cd "$(dirname "${BASH_SOURCE[1]}")/../.." && pwd)}
  bin=${TCPFLOW_BIN:-$builddir/tcpflow}
  data=$srcdir/tests/data
  shared=$srcdir/../shared
  work=$(mktemp -d /tmp/tcpflow-fault.XXXXXX)
  tf_passed=0 tf_failed=0 tf_skipped=0
  tf_cleanups=()
  trap tf_cleanup EXIT
  [ -n "${TCPFLOW_TEST_JOBS:-}" ] && tf_bin_with_jobs "$TCPFLOW_TEST_JOBS"
  return 0
}
# The same cases with -j N: "$bin" becomes a wrapper that runs the real binary
# with -j N appended, under the wrapper's own name (exec -a), so the scripts'
# pgrep/pkill patterns ("^$bin -r ...") and $! still find the tcpflow process.
tf_bin_with_jobs() {
  local real=$bin
  mkdir -p "$work/jobs-bin"
  bin=$work/jobs-bin/tcpflow
  printf '#!/bin/bash\nexec -a "$0" %q "$@" -j %q\n' "$real" "$1" > "$bin"
  chmod +x "$bin"
}
tf_cleanup() {
  local c
  for c in "${tf_cleanups[@]+"${tf_cleanups[@]}"}"; do eval "$c" 2>/dev/null || true; done
  [ "${TF_KEEP:-}" = 1 ] && { echo "kept $work"; return; }
  rm -rf "$work"
}
tf_on_exit() { tf_cleanups+=("$1"); }          # a command run at exit (umount, kill, ...)
tf_case_pass() { tf_passed=$((tf_passed + 1)); echo "PASS: $1"; }
tf_case_fail() { tf_failed=$((tf_failed + 1)); echo "FAIL: $1: $2"; }
tf_case_skip() { tf_skipped=$((tf_skipped + 1)); echo "SKIP: $1: $2"; }
tf_finish() {
  echo "$tf_passed passed, $tf_failed failed, $tf_skipped skipped (cases)"
  [ $tf_failed -gt 0 ] && exit 1
  [ $tf_passed -eq 0 ] && [ $tf_skipped -gt 0 ] && exit 77
  exit 0
}
# tf_xml_ok REPORT: the report parses as complete XML.
tf_xml_ok() { python3 -c 'import sys,xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1" 2>/dev/null; }
# tf_xml_after_kill REPORT: a report cut by kill -9 becomes valid XML once the closing tags of
# the elements still open are appended; prints the repaired document's path.
tf_xml_after_kill() {
  python3 - "$1" "$1.repaired" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
stack = []
for m in re.finditer(r'<(/?)([A-Za-z_][\w:.-]*)([^<>]*?)(/?)>', text):
    if m.group(0).startswith('<?'): continue
    close, name, selfclose = m.group(1), m.group(2), m.group(4)
    if selfclose: continue
    if close:
        if stack and stack[-1] == name: stack.pop()
    else: stack.append(name)
open(sys.argv[2], 'w', encoding='utf-8').write(text + ''.join('</%s>\n' % n for n in reversed(stack)))
print(sys.argv[2])
PY
}
# tf_is_prefix FILE WHOLE: FILE's bytes are a prefix of WHOLE's.
tf_is_prefix() {
  local n; n=$(stat -c %s "$1")
  [ "$n" -le "$(stat -c %s "$2")" ] && cmp -s -n "$n" "$1" "$2"
}
