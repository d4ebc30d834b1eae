#!/bin/bash
# lock.sh -- one output folder, one run (issue 9): a run that writes into -o holds an flock on
# <outdir>/.tcpflow.lock with its pid inside.  A second run into the same folder fails at once
# (exit 1, one line naming the holder's pid, nothing created); the first run is unharmed; a
# killed holder's lock dies with it; console-only runs (-c) take no lock.
. "$(dirname "$0")/lib.sh"
tf_init
feeder="python3 $srcdir/tests/faults/pcap_feeder.py"
capture=$data/http-browser-page-load.pcap
wait_for() { local i; for i in $(seq 100); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }
listing() { (cd "$1" && find . -printf '%p %s\n' | sort); }
# The holder's folder once it stops changing: its packets reach their files (with -j N through a
# worker's batch) and the report within the durability bound (1 s), so a second run is judged
# against a folder the holder itself no longer changes.
settled_listing() {
  local a b i; a=$(listing "$1")
  for i in $(seq 20); do sleep 1.2; b=$(listing "$1"); [ "$a" = "$b" ] && break; a=$b; done
  printf '%s\n' "$b"
}

# A holder: tcpflow reading a pipe that stays open; sets $holder to its pid once it has the lock.
start_holder() {
  $feeder "$capture" - --count 10 --marker "$1.marker" --hold 30 |
    { "$bin" -r - -o "$1" >/dev/null 2>"$1.err"; echo $? > "$1.rc"; } &
  wait_for "$1.marker" && wait_for "$1/.tcpflow.lock" || return 1
  local i; for i in $(seq 50); do [ -s "$1/.tcpflow.lock" ] && break; sleep 0.1; done
  holder=$(pgrep -n -f "^$bin -r - -o $1\$")
}
stop_feeder() { local p; for p in $(pgrep -f "pcap_feeder.py .*--marker $1.marker"); do kill "$p"; done; wait 2>/dev/null; }

case_second_run_fails() {
  local name="second run into a busy folder" o=$work/busy holder
  start_holder "$o" || { tf_case_fail "$name" "the first run did not start"; return; }
  local before; before=$(settled_listing "$o")
  local t0=$SECONDS
  "$bin" -r "$capture" -o "$o" >"$work/second.out" 2>"$work/second.err"; local rc=$?
  [ "$rc" = 1 ] || { tf_case_fail "$name" "exit $rc, want 1"; stop_feeder "$o"; return; }
  [ $((SECONDS - t0)) -le 2 ] || { tf_case_fail "$name" "the second run did not fail at once"; stop_feeder "$o"; return; }
  grep -v '^reportfilename:' "$work/second.err" > "$work/second.lines"
  [ "$(wc -l < "$work/second.lines")" = 1 ] &&
    grep -q "^tcpflow: output directory $o is in use by another tcpflow (pid $holder)" "$work/second.lines" ||
    { tf_case_fail "$name" "stderr: $(tr '\n' '|' < "$work/second.err")"; stop_feeder "$o"; return; }
  [ "$(listing "$o")" = "$before" ] || { tf_case_fail "$name" "the second run changed the folder"; stop_feeder "$o"; return; }
  kill -INT "$holder"; wait_for "$o.rc"; stop_feeder "$o"
  [ "$(cat "$o.rc")" = 130 ] || { tf_case_fail "$name" "the first run exited $(cat "$o.rc")"; return; }
  tf_xml_ok "$o/report.xml" || { tf_case_fail "$name" "the first run's report is not complete XML"; return; }
  local objs files
  objs=$(grep -c '<fileobject>' "$o/report.xml")
  files=$(python3 "$srcdir/tests/e2e/tree.py" files "$o" | wc -l)
  [ "$objs" -gt 0 ] && [ "$objs" = "$files" ] ||
    { tf_case_fail "$name" "first run's report has $objs fileobjects for $files flow files"; return; }
  [ ! -e "$o/.tcpflow.lock" ] || { tf_case_fail "$name" "the lock file was left after a clean end"; return; }
  tf_case_pass "$name"
}

case_after_kill9() {
  local name="a run after the holder was killed with -9" o=$work/killed holder
  start_holder "$o" || { tf_case_fail "$name" "the first run did not start"; return; }
  kill -9 "$holder"; wait_for "$o.rc"; stop_feeder "$o" 2>/dev/null
  [ -e "$o/.tcpflow.lock" ] || { tf_case_fail "$name" "no lock file after kill -9 (test premise)"; return; }
  "$bin" -r "$capture" -o "$o" 2>"$work/after.err"; local rc=$?
  [ "$rc" = 0 ] || { tf_case_fail "$name" "exit $rc: $(tr '\n' ' ' < "$work/after.err")"; return; }
  tf_xml_ok "$o/report.xml" || { tf_case_fail "$name" "report.xml is not complete XML"; return; }
  "$bin" -r "$capture" -o "$work/clean" 2>/dev/null
  # The killed run's files stay, so the new run names a clashing flow with a c1 suffix, as
  # tcpflow does: every file its report names holds what a run into an empty folder writes.
  local d; d=$(python3 - "$o" "$work/clean" <<'PY'
import os, re, sys, xml.etree.ElementTree as E
def named(d):
    return [f.text for f in E.parse(os.path.join(d, 'report.xml')).getroot().iter('filename')]
ours, clean = named(sys.argv[1]), named(sys.argv[2])
bad = [] if len(ours) == len(clean) else ['%d files, want %d' % (len(ours), len(clean))]
for f in ours:
    ref = os.path.join(sys.argv[2], re.sub(r'c1$', '', os.path.basename(f)))
    if not os.path.exists(ref) or open(f, 'rb').read() != open(ref, 'rb').read(): bad.append(f)
print(' '.join(bad)); sys.exit(1 if bad else 0)
PY
) || { tf_case_fail "$name" "flow files differ from a run into an empty folder: $d"; return; }
  [ ! -e "$o/.tcpflow.lock" ] || { tf_case_fail "$name" "the lock file was left after a clean end"; return; }
  tf_case_pass "$name"
}

case_console_no_lock() {
  local name="-c writes nothing and takes no lock" o=$work/console holder
  start_holder "$o" || { tf_case_fail "$name" "the first run did not start"; return; }
  "$bin" -r "$capture" -o "$o" -c >"$work/console.out" 2>"$work/console.err"; local rc=$?
  kill -INT "$holder"; wait_for "$o.rc"; stop_feeder "$o"
  [ "$rc" = 0 ] && [ -s "$work/console.out" ] ||
    { tf_case_fail "$name" "exit $rc, $(wc -c < "$work/console.out") bytes on stdout: $(tr '\n' ' ' < "$work/console.err")"; return; }
  tf_case_pass "$name"
}

case_symlink_lock() {
  local name="a symlink as the lock file is refused" o=$work/symlink
  mkdir -p "$o"; ln -s "$work/elsewhere" "$o/.tcpflow.lock"
  "$bin" -r "$capture" -o "$o" 2>"$work/symlink.err"; local rc=$?
  [ "$rc" = 1 ] && [ ! -e "$work/elsewhere" ] && [ ! -e "$o/report.xml" ] &&
    grep -q "^tcpflow: output directory $o: cannot create the lock file .tcpflow.lock" "$work/symlink.err" ||
    { tf_case_fail "$name" "exit $rc, $(ls "$work" | tr '\n' ' '): $(tr '\n' ' ' < "$work/symlink.err")"; return; }
  tf_case_pass "$name"
}

for c in second_run_fails after_kill9 console_no_lock symlink_lock; do "case_$c"; done
tf_finish
