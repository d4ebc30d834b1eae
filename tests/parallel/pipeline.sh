#!/bin/bash
# pipeline.sh -- the -j pipeline (issue 12, core part): -j 1 and -j 3 give the same flow files
# (names and bytes), the same derived files, the same report records (compared as a sorted
# set: their order may differ with -j) and the same report totals; -Fk (names from the run-wide
# creation counter) falls back to one worker and still matches; -c prints the same lines; -j 3
# really runs 3 worker threads beside the reader; a bad -j is a usage error (exit 2, one line,
# nothing created). The whole corpus at -j 1/2/7 is tests/parallel's other scripts' job.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
data=$(cd "$data" && pwd)  # the runs below start in their own folders
case $bin in /*) ;; *) bin=$(pwd)/$bin;; esac
feeder="python3 $srcdir/tests/faults/pcap_feeder.py"

# records REPORT: the <fileobject> records sorted, then the totals without the timing
# (<rusage>) and without max_open_flows (with -j N the sum of each worker's peak).
records() {
  python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1], encoding='utf-8').read()
for r in sorted(re.findall(r'<fileobject>.*?</fileobject>\n', t, re.S)): print(r)
m = re.search(r'<summary.*', t, re.S)
s = re.sub(r'<rusage>.*?</rusage>', '', m.group(0) if m else 'NO SUMMARY', flags=re.S)
print(re.sub(r'<max_open_flows>.*?</max_open_flows>', '', s))
PY
}
# listing DIR: every file with its size and checksum (netviz's PDF carries its creation time:
# size only), the report left out (compared by records).
listing() {
  (cd "$1" && find . -type f ! -name report.xml | sort | while read -r f; do
     case $f in *.pdf) echo "$f pdf";; *) echo "$f $(md5sum < "$f" | cut -c1-32)";; esac; done)
}

# same_as_j1 NAME CAPTURE ARGS...: run -j 1 and -j 3 from their own folders (names carry -o).
same_as_j1() {
  local name=$1 cap=$2; shift 2
  local w=$work/$(echo "$name" | tr -c 'a-zA-Z0-9\n' _) j
  for j in 1 3; do
    mkdir -p "$w/j$j"
    (cd "$w/j$j" && timeout 120 "$bin" -j $j -o out -r "$data/$cap" "$@" >stdout 2>stderr; echo $? >rc)
  done
  for j in 1 3; do [ "$(cat "$w/j$j/rc")" = 0 ] || { tf_case_fail "$name" "-j $j exit $(cat "$w/j$j/rc")"; return; }; done
  [ -s "$w/j1/out/report.xml" ] || { tf_case_fail "$name" "no report"; return; }
  local n; n=$(listing "$w/j1/out" | wc -l)
  [ "$n" -ge 2 ] || { tf_case_fail "$name" "only $n files: nothing to compare"; return; }
  [ "$(listing "$w/j1/out")" = "$(listing "$w/j3/out")" ] ||
    { tf_case_fail "$name" "files differ: $(diff <(listing "$w/j1/out") <(listing "$w/j3/out") | head -3 | tr '\n' '|')"; return; }
  records "$w/j1/out/report.xml" > "$w/j1.rec"; records "$w/j3/out/report.xml" > "$w/j3.rec"
  cmp -s "$w/j1.rec" "$w/j3.rec" ||
    { tf_case_fail "$name" "report records differ: $(diff "$w/j1.rec" "$w/j3.rec" | head -4 | tr '\n' '|')"; return; }
  tf_case_pass "$name ($n files)"
}

same_as_j1 "default, 19 flows over IP fragments" http-jpegs-ipfrag-19flows.cap
same_as_j1 "-a (serialised scanners), page load" http-browser-page-load.pcap -a
same_as_j1 "-e md5, 41 flows" http-range-41flows-null.pcap -e md5
same_as_j1 "-e http -I, 797 flows without SYN" many-flows-webattack-797-nosyn.pcap -e http -I
same_as_j1 "-K per-flow pcaps" http-keepalive-pipelined.pcap -K
same_as_j1 "-Fk falls back to one worker" http-browser-page-load.pcap -Fk
same_as_j1 "IPv6 fragments and VLAN" ipv6-frag-vlan-tcp.pcap -a

# A PER_WORKER scanner with merge (the unit tests' fixture) through the whole pipeline: -j 3
# runs 3 instances and merges them, so the summary counts every flow and byte once, as -j 1.
case_per_worker_merge() {
  local name="per-worker scanner instances merged" w=$work/merge j so=$builddir/tests/unit/host/.libs/fix_per_worker.so
  [ -f "$so" ] || { tf_case_skip "$name" "fixture $so not built"; return; }
  mkdir -p "$w/plugins"; chmod 700 "$w/plugins"; cp "$so" "$w/plugins/"
  for j in 1 3; do
    timeout 60 "$bin" -j $j --plugin-dir "$w/plugins" -e perworker -o "$w/out$j" \
      -r "$data/many-flows-webattack-797-nosyn.pcap" >/dev/null 2>"$w/err$j" || { tf_case_fail "$name" "-j $j failed: $(head -2 "$w/err$j")"; return; }
  done
  local one three
  one=$(grep -o "<perworker [^>]*>" "$w/out1/report.xml"); three=$(grep -o "<perworker [^>]*>" "$w/out3/report.xml")
  case $one in *"instances='1'"*) ;; *) tf_case_fail "$name" "-j 1 summary: '$one'"; return;; esac
  case $three in *"instances='3'"*) ;; *) tf_case_fail "$name" "-j 3 summary: '$three' (want 3 instances, one record)"; return;; esac
  [ "${one% instances=*}" = "${three% instances=*}" ] || { tf_case_fail "$name" "-j 1 '$one', -j 3 '$three'"; return; }
  tf_case_pass "$name ($three)"
}
case_per_worker_merge

case_console() {
  local name="-c: the same lines per flow" w=$work/console j
  mkdir -p "$w"
  for j in 1 3; do
    timeout 60 "$bin" -j $j -c -r "$data/http-browser-page-load.pcap" > "$w/j$j.out" 2>/dev/null || { tf_case_fail "$name" "-j $j failed"; return; }
  done
  [ -s "$w/j1.out" ] && [ "$(sort "$w/j1.out" | md5sum)" = "$(sort "$w/j3.out" | md5sum)" ] ||
    { tf_case_fail "$name" "console output differs"; return; }
  tf_case_pass "$name"
}
case_console

# -j 3 on a pipe that stays open: 3 worker threads more than -j 1 (the reader and the signal
# watchdog are there in both).
case_threads() {
  local name="-j N runs N workers" w=$work/threads j got base=
  mkdir -p "$w"
  for j in 1 3; do
    $feeder "$data/http-browser-page-load.pcap" - --count 20 --marker "$w/m$j" --hold 20 |
      "$bin" -j $j -r - -o "$w/out$j" >/dev/null 2>&1 &
    local i; for i in $(seq 100); do [ -e "$w/m$j" ] && break; sleep 0.1; done
    sleep 0.3
    local pid; pid=$(pgrep -n -f "^$bin -j $j -r - -o $w/out$j\$")
    [ -n "$pid" ] || { tf_case_fail "$name" "-j $j: no process"; return; }
    got=$(ls /proc/$pid/task | wc -l)
    kill -INT "$pid"; wait $! 2>/dev/null
    for p in $(pgrep -f "pcap_feeder.py .*--marker $w/m$j"); do kill "$p"; done
    [ -n "$base" ] || { base=$got; continue; }
    [ "$got" = $((base + j)) ] || { tf_case_fail "$name" "-j $j: $got threads, -j 1: $base"; return; }
  done
  tf_case_pass "$name"
}
case_threads

case_bad_jobs() {
  local name="bad -j values" v
  for v in 0 -1 abc 2x 5000; do
    local o=$work/bad-$v
    "$bin" -j "$v" -r "$data/http-post.pcap" -o "$o" >/dev/null 2>"$work/bad.err"; local rc=$?
    [ "$rc" = 2 ] || { tf_case_fail "$name" "-j $v: exit $rc, want 2"; return; }
    [ "$(wc -l < "$work/bad.err")" = 1 ] && grep -q "^tcpflow: invalid value '$v' for -j" "$work/bad.err" ||
      { tf_case_fail "$name" "-j $v: stderr $(tr '\n' '|' < "$work/bad.err")"; return; }
    [ ! -e "$o" ] || { tf_case_fail "$name" "-j $v created $o"; return; }
  done
  "$bin" -S jobs=x -r "$data/http-post.pcap" -o "$work/bad-s" >/dev/null 2>"$work/bad.err"
  [ $? = 2 ] && [ ! -e "$work/bad-s" ] || { tf_case_fail "$name" "-S jobs=x was accepted"; return; }
  tf_case_pass "$name"
}
case_bad_jobs

tf_finish
