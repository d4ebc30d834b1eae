#!/bin/bash
# A scanner that fails must cost no recorded data and be reported truthfully
# (issue 9). The fixture scanner "faulty" (tests/unit/host/fixtures/fix_faulty.cpp)
# fails on its N-th flow_data call as each case says; every case runs the real
# tcpflow on a capture and checks stderr, the exit status, the flow files
# against a run with the scanner behaving, the report, and the fixture's own
# log of the callbacks it got.
#
# Error cases (error status, exception): exit 3, one line naming scanner,
# event and flow, <scanner_faults> in a complete report, every flow file
# byte-identical to the good run, and the disabled scanner got no more data but
# still flow_close for every flow it had seen and end_of_run.
# Fatal-signal cases: one line naming scanner, event, flow and signal; the
# process dies of the signal (exit 128+N); the files of the flows closed before
# the fault are complete on disk. (With the durability work merged, report
# records and the other flows' bytes also reach the disk within 1 s; this
# script then also finds the cut report repairable into valid XML.)
# Setting cases: a setting a scanner rejects is a command-line error (exit 2)
# and creates nothing.
. "$(dirname "$0")/lib.sh"
tf_init

fixture=$builddir/tests/unit/host/.libs/fix_faulty.so
pcap=$data/http-range-41flows-null.pcap  # 82 flow files, many closed by FIN mid-capture
if [ ! -f "$fixture" ]; then
  tf_case_skip all "fixture $fixture not built (make check builds it)"
  tf_finish
fi
mkdir -p "$work/plugins"
cp "$fixture" "$work/plugins/scan_faulty.so"
run_tcpflow() {  # OUTDIR LOG ARGS...: runs tcpflow on the capture, stderr to OUTDIR.err
  local out=$1 log=$2; shift 2
  timeout 60 "$bin" --plugin-dir "$work/plugins" -e faulty -S faulty_log="$log" "$@" -r "$pcap" \
    -o "$out" 2>"$out.err"
}

# The reference: the same run with the scanner behaving.
run_tcpflow "$work/good" "$work/good.log" -S faulty_mode=none
good_rc=$?
if [ $good_rc -ne 0 ] || [ "$(ls "$work/good" | grep -vc report.xml)" -lt 10 ]; then
  tf_case_fail reference "good run exited $good_rc with $(ls "$work/good" | wc -l) files: $(cat "$work/good.err")"
  tf_finish
fi

# stderr must hold exactly one line matching PATTERN; any other line must be the scanner's own log.
one_line() {  # ERRFILE PATTERN
  local n other
  n=$(grep -cE "$2" "$1")
  other=$(grep -vE "$2" "$1" | grep -v "^reportfilename: " | grep -vc "^tcpflow: faulty: ")
  [ "$n" = 1 ] && [ "$other" = 0 ]
}
# Every flow file of the good run is in OUT, byte for byte, and nothing else.
same_flow_files() {  # OUT
  diff -r -x report.xml -x '*.err' "$work/good" "$1" >/dev/null
}
# The fixture got no flow_data after the failing one, flow_close for every flow
# it had opened, then end_of_run and fini.
disabled_but_closed() {  # LOG AFTER
  python3 - "$1" "$2" <<'PY'
import sys
lines = open(sys.argv[1]).read().split('\n')
after = int(sys.argv[2])
datas = [i for i, l in enumerate(lines) if l.startswith('data ')]
if len(datas) != after: sys.exit('got %d data calls, expected %d' % (len(datas), after))
opened = {l.split()[1] for l in lines if l.startswith('open ')}
closed = {l.split()[1] for l in lines if l.startswith('close ')}
if opened != closed: sys.exit('opened but never closed: %s' % sorted(opened - closed))
if lines[-3:] != ['end_of_run', 'fini', '']: sys.exit('ends with %r' % lines[-3:])
PY
}
# The flows the fixture saw closed before the crash have their complete files.
closed_files_complete() {  # OUT LOG
  local id path n=0
  while read -r _ id path; do
    [ -n "$path" ] || continue
    cmp -s "$path" "$work/good/$(basename "$path")" || { echo "flow $id: $path differs"; return 1; }
    n=$((n + 1))
  done < <(grep '^close ' "$2")
  [ $n -gt 0 ] || { echo "no flow was closed before the fault: pick a later faulty_after"; return 1; }
}

flow_re="(flow [0-9]+ [0-9a-f.:]+:[0-9]+ -> [0-9a-f.:]+:[0-9]+|$work/[^ ]+)"
# name  | mode  | after | exit | stderr line (extended regex)
while IFS='|' read -r name mode after want line; do
  name=$(echo $name) mode=$(echo $mode) after=$(echo $after) want=$(echo $want)
  line=${line# }
  [ -z "$name" ] && continue
  out=$work/$name log=$work/$name.log
  run_tcpflow "$out" "$log" -S faulty_mode="$mode" -S faulty_after="$after"
  rc=$?
  why=""
  [ $rc -eq "$want" ] || why="exit $rc, expected $want"
  [ -z "$why" ] && ! one_line "$out.err" "${line//FLOW/$flow_re}" && why="stderr: $(cat "$out.err")"
  if [ -z "$why" ]; then
    case $want in
    3)
      tf_xml_ok "$out/report.xml" || why="report.xml is not complete XML"
      [ -z "$why" ] && ! grep -qE "<fault scanner='faulty' event='flow_data' flow='$out/[^']+'>.*deliberate $mode" \
        "$out/report.xml" && why="no <fault> in <scanner_faults>: $(grep -A2 scanner_faults "$out/report.xml")"
      [ -z "$why" ] && ! same_flow_files "$out" && why="flow files differ from the good run"
      [ -z "$why" ] && { r=$(disabled_but_closed "$log" "$after" 2>&1) || why="fixture log: $r"; } ;;
    2)
      [ -e "$out" ] && why="the output folder was created" ;;
    *)
      r=$(closed_files_complete "$out" "$log") || why=$r
      if [ -z "$why" ] && [ -s "$out/report.xml" ]; then
        rep=$(tf_xml_after_kill "$out/report.xml")
        tf_xml_ok "$rep" || why="the cut report is not a prefix of valid XML"
      fi ;;
    esac
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done <<'TABLE'
error   | error | 5  | 3   | ^tcpflow: scanner 'faulty' failed in flow_data of FLOW \(deliberate error on flow [0-9]+ \(status 1\)\); disabled for the rest of the run$
throw   | throw | 5  | 3   | ^tcpflow: scanner 'faulty' failed in flow_data of FLOW \(exception: deliberate throw on flow [0-9]+ \(status 1\)\); disabled for the rest of the run$
segv    | segv  | 40 | 139 | ^tcpflow: scanner 'faulty' crashed \(SIGSEGV\) in flow_data, FLOW; tcpflow stops, exit status 139$
abort   | abort | 40 | 134 | ^tcpflow: scanner 'faulty' crashed \(SIGABRT\) in flow_data, FLOW; tcpflow stops, exit status 134$
fpe     | fpe   | 40 | 136 | ^tcpflow: scanner 'faulty' crashed \(SIGFPE\) in flow_data, FLOW; tcpflow stops, exit status 136$
stack   | stack | 40 | 139 | ^tcpflow: scanner 'faulty' crashed \(SIGSEGV\) in flow_data, FLOW; tcpflow stops, exit status 139$
init    | init  | 1  | 2   | ^tcpflow: scanner 'faulty' failed to initialise: faulty_mode=init: this scanner refuses to start \(status 1\)$
TABLE

# Settings a shipped scanner rejects at init: exit 2, a line naming the setting, nothing created.
while IFS='|' read -r name scanner args pattern; do
  name=$(echo $name) scanner=$(echo $scanner)
  pattern=${pattern# }
  [ -z "$name" ] && continue
  if ! "$bin" -hh 2>/dev/null | grep -q "^$scanner "; then
    tf_case_skip "$name" "scanner $scanner is not built"
    continue
  fi
  out=$work/$name
  # shellcheck disable=SC2086
  timeout 60 "$bin" -e "$scanner" $args -r "$pcap" -o "$out" >/dev/null 2>"$out.err"
  rc=$?
  why=""
  [ $rc -eq 2 ] || why="exit $rc, expected 2"
  [ -z "$why" ] && [ -e "$out" ] && why="the output folder was created"
  [ -z "$why" ] && ! grep -qE "$pattern" "$out.err" && why="stderr: $(cat "$out.err")"
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done <<'TABLE'
md5-md4          | md5    | -S md5_algorithms=sha256,md4 | ^tcpflow: scanner 'md5' rejects md5_algorithms='sha256,md4': unknown digest 'md4'
md5-unknown      | md5    | -S md5_algorithms=crc99      | ^tcpflow: scanner 'md5' rejects md5_algorithms='crc99': unknown digest 'crc99'
gzip-ratio       | gzip   | -S gzip_max_ratio=-1         | ^tcpflow: scanner 'gzip' failed to initialise: gzip_max_ratio must be 0
exec-alert-fd    | exec   | -S tcp_alert_fd=987          | ^tcpflow: scanner 'exec' failed to initialise: tcp_alert_fd=987 is not an open file descriptor
netviz-format    | netviz | -S netviz_format=jpg         | netviz_format
http-max-body    | http   | -S http_max_body_bytes=-1    | http_max_body_bytes
TABLE
tf_finish
