#!/bin/bash
# The progress line (issue 14 point 1): with stderr on a pseudo-terminal, a capture read
# slowly from a pipe shows "tcpflow: ... packets ... open, ... closed flows" redrawn in place
# ('\r', erase to end of line), at most 4 times a second, and erased at the end; a line the
# recorder prints (an error) starts on a clean line. Absent when stderr is a pipe, with -q,
# and with -S progress=off; -S progress=on forces it onto a pipe.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
harness=$srcdir/tests/features/progress-pty.py
pcap=$data/http-jpegs-ipfrag-19flows.cap
export PAUSE=1.2

# expect NAME WANT(shown|absent) MODE ARGS...: WANT checked on the harness's repr of stderr.
expect() {
  local name=$1 want=$2 mode=$3 cap=$pcap
  shift 3
  [ "${1:-}" = --capture ] && { cap=$2; shift 2; }
  timeout 60 python3 "$harness" "$bin" "$cap" "$work/$name.out" "$mode" "$@" >"$work/$name.txt" 2>"$work/$name.py"
  local rc=$?
  python3 - "$work/$name.txt" "$want" <<'PY'
import ast, re, sys
err = ast.literal_eval(open(sys.argv[1]).read().strip())
want = sys.argv[2]
draws = re.findall(rb'\rtcpflow: [^\r\n]*packets  [0-9.kMG]+ open, [0-9.kMG]+ closed flows\x1b\[K', err)
if want == 'absent':
    sys.exit(0 if not draws and b'\x1b[K' not in err else 'drawn: %r' % err[:300])
if not draws:
    sys.exit('never drawn: %r' % err[:300])
# PAUSE=1.2 s of waiting: 4 redraws a second at most (one more for a draw right at the edges).
if len(draws) > 1.2 * 4 + 2:
    sys.exit('%d redraws in 1.2 s' % len(draws))
last = err.rfind(b'\r\x1b[K')
if last < err.rfind(draws[-1]):
    sys.exit('not erased at the end: %r' % err[-200:])
# Whatever follows the erase starts at column 0 and holds no part of the line.
if b'packets ' in err[last:]:
    sys.exit('line left after the erase: %r' % err[last:])
if want == 'shown+error' and not re.search(rb'\r\x1b\[Ktcpflow: stdin: record', err):
    sys.exit('the error line is not on a clean line: %r' % err[-300:])
PY
  local verdict=$?
  if [ $verdict = 0 ] && { [ $rc = 0 ] || [ "$want" = shown+error ]; }; then tf_case_pass "$name"
  else tf_case_fail "$name" "rc $rc: $(cat "$work/$name.py" "$work/$name.txt" | head -c 400)"; fi
}

expect pty-shown shown pty
expect pipe-absent absent pipe
expect quiet-absent absent pty -q
expect off-absent absent pty -S progress=off
expect on-forced-pipe shown pipe -S progress=on
# A capture that ends in a broken record: the error line follows an erased progress line.
trail=$work/trail.pcap
{ cat "$pcap"; printf '\377%.0s' $(seq 16); } >"$trail"
expect error-clean-line shown+error pty --capture "$trail"
# Bad value: exit 2, one line naming the setting.
timeout 30 "$bin" -r "$pcap" -o "$work/bad" -S progress=sometimes >/dev/null 2>"$work/bad.err"
rc=$?
if [ $rc = 2 ] && grep -q "progress" "$work/bad.err" && [ ! -e "$work/bad" ]; then tf_case_pass bad-value
else tf_case_fail bad-value "rc $rc: $(head -c 300 "$work/bad.err")"; fi
tf_finish
