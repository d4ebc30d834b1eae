#!/bin/bash
# signals.sh -- SIGINT, SIGTERM and SIGHUP stop every kind of input in order (issue 9): every
# packet already received (read buffer, pipe buffer, capture ring) is processed, the flows are
# written, the report is closed with <interrupted>, one line on stderr says so, and the exit
# status is 128+signo (file, pipe, FIFO) or 0 (live capture).  A second signal, or a shutdown
# past -S shutdown_timeout, ends the run at once with the report closed (forced='1').
#
# How each case knows what "already received" was:
#   pipe, fifo  pcap_feeder.py writes N records (the last ones in one burst, so they sit in the
#               pipe buffer) and half of record N+1, says so in a marker file and keeps the pipe
#               open; the signal comes right after: exactly N packets, the offset of record N's
#               end, and the flow files of a run over those N records.
#   file        a 3 MiB capture whose flows close during reading, each close held up by a slow
#               -e exec command, is stopped after its first read buffer: the report's N and
#               offset must match the records' sizes and the flow files a run over N records.
#   live        curl-like fetches on lo through a local HTTP server: the response bytes are in
#               the flow file, the run ends with 0.
. "$(dirname "$0")/lib.sh"
tf_init
feeder="python3 $srcdir/tests/faults/pcap_feeder.py"
capture=$data/http-browser-page-load.pcap   # 22 records, 4 connections

# interruption REPORT: prints "signal forced packets_read input input_offset" of <interrupted>.
interruption() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as E
e = E.parse(sys.argv[1]).getroot().find('interrupted')
print('none' if e is None else ' '.join(e.get(k, '?') for k in ('signal', 'forced', 'packets_read', 'input', 'input_offset')))
PY
}
# stop_lines ERRFILE: the stderr lines other than tcpflow's usual "reportfilename:".
# The lines about the stop: not -d's report name, nor a live capture's tcpdump-style counts.
stop_lines() { grep -Ev '^reportfilename:|^[0-9]+ packets (captured|received by filter|dropped by)' "$1"; }
signo() { case $1 in INT) echo 2;; TERM) echo 15;; HUP) echo 1;; esac; }
# reference DIR SRC N: flow files of an uninterrupted run over SRC's first N records in DIR;
# prints the byte offset of record N's end.
reference() {
  $feeder "$2" "$work/ref-$3.pcap" --count "$3" --marker "$work/ref-$3.marker" >/dev/null
  "$bin" -r "$work/ref-$3.pcap" -o "$1" 2>/dev/null
  cut -d' ' -f2 "$work/ref-$3.marker"
}
# stop_feeder MARKER: ends the feeder of one case (it holds its pipe open) and reaps the jobs.
stop_feeder() {
  local p; for p in $(pgrep -f "pcap_feeder.py .*--marker $1"); do kill "$p"; done
  wait 2>/dev/null
}
# wait_for FILE: up to 10 s.
# poll CMD...: runs CMD every 0.1 s until it succeeds, 10 s at most.
poll() { local i; for i in $(seq 100); do "$@" && return 0; sleep 0.1; done; return 1; }
wait_for() { poll test -e "$1"; }
# catches_int PID: the process has its stop handlers in place (SIGINT is caught).
catches_int() {
  local mask; mask=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
  [ -n "$mask" ] && [ $((0x$mask & 2)) != 0 ]
}
# wait_caught PID: waits (10 s at most) for catches_int. Under load a signal sent after a
# fixed sleep could reach tcpflow before its handlers, and kill it outright.
wait_caught() { poll catches_int "$1"; }
# tcpflow_pid PATTERN: the tcpflow process whose command line matches, once it catches SIGINT.
# Under load the feeder's marker can come before tcpflow has even started (the pipe holds the
# records): a signal then found no process, and the case waited for the feeder's end. The
# oldest match (-o): an exec child between its fork and its exec still has tcpflow's command
# line, and the newest (-n) once picked it.
found_catching() { local p; p=$(pgrep -o -f "$1") && catches_int "$p" && echo "$p"; }
tcpflow_pid() { poll found_catching "$1"; }

# check NAME SIG RC_WANT ERR OUT INPUT_WANT N_WANT OFFSET_WANT REFDIR LINE_REGEX
check() {
  local name=$1 sig=$2 rc_want=$3 err=$4 out=$5 input=$6 n=$7 off=$8 ref=$9 line=${10} got
  [ "$rc" = "$rc_want" ] || { tf_case_fail "$name" "exit $rc, want $rc_want ($(tr '\n' ' ' < "$err"))"; return; }
  tf_xml_ok "$out/report.xml" || { tf_case_fail "$name" "report.xml is not complete XML"; return; }
  got=$(interruption "$out/report.xml")
  [ "$got" = "SIG$sig 0 $n $input $off" ] ||
    { tf_case_fail "$name" "<interrupted> is '$got', want 'SIG$sig 0 $n $input $off'"; return; }
  [ "$(stop_lines "$err" | wc -l)" = 1 ] && stop_lines "$err" | grep -Eq "$line" ||
    { tf_case_fail "$name" "stderr is not the one line /$line/: $(tr '\n' '|' < "$err")"; return; }
  if [ -n "$ref" ]; then
    local d; d=$(python3 "$srcdir/tests/e2e/tree.py" diff "$out" "$ref" 2>&1) ||
      { tf_case_fail "$name" "flow files differ from a run over the first $n records: $d"; return; }
    [ -n "$(python3 "$srcdir/tests/e2e/tree.py" files "$out")" ] || { tf_case_fail "$name" "no flow file"; return; }
  fi
  [ ! -e "$out/.tcpflow.lock" ] || { tf_case_fail "$name" "the output lock was left behind"; return; }
  tf_case_pass "$name"
}

# A streamed input (pipe or FIFO) interrupted right after N records and half of the next.
case_stream() {
  local kind=$1 sig=$2 name="$1 SIG$2" w=$work/$1-$2 n=14
  mkdir -p "$w"
  local ref_off; ref_off=$(reference "$w/ref" "$capture" $n)
  local feed=(--count $n --slow 6 --gap 0.05 --partial --marker "$w/marker" --hold 20)
  if [ "$kind" = pipe ]; then
    $feeder "$capture" - "${feed[@]}" | { "$bin" -r - -o "$w/out" 2>"$w/err"; echo $? > "$w/rc"; } &
    input=stdin
  else
    mkfifo "$w/fifo"
    $feeder "$capture" "$w/fifo" "${feed[@]}" &
    { "$bin" -r "$w/fifo" -o "$w/out" 2>"$w/err"; echo $? > "$w/rc"; } &
    input=$w/fifo
  fi
  wait_for "$w/marker" || { tf_case_fail "$name" "the feeder never wrote its records"; return; }
  local pid; pid=$(tcpflow_pid "^$bin -r .* -o $w/out")
  kill -"$sig" "$pid"
  # the feeder still holds the pipe open: the stop must not wait for its end
  wait_for "$w/rc"; rc=$(cat "$w/rc" 2>/dev/null)
  stop_feeder "$w/marker"
  [ -n "$rc" ] || { tf_case_fail "$name" "the stop waited for the writer"; return; }
  check "$name" "$sig" $((128 + $(signo "$sig"))) "$w/err" "$w/out" "$input" $n "$ref_off" "$w/ref" \
    "^tcpflow: SIG$sig: stopped reading $input at byte $ref_off after $n packets"
}

# A regular file stopped long before its end (held up by a slow exec per flow close). The
# capture (12 flows of 3.5 MB, 42 MB) is several times what the -j queues can hold (16 MiB in
# all), so the reader is still waiting on them when the signal comes.
case_file() {
  local sig=$1 name="file SIG$1" w=$work/file-$1
  mkdir -p "$w"
  [ -f "$work/big.pcap" ] || python3 "$srcdir/tests/faults/gen_slow_flows.py" "$work/big.pcap" 12 4000000
  # the capture's record count: the feeder's marker after copying every record
  [ -f "$work/big.count" ] || $feeder "$work/big.pcap" /dev/null --marker "$work/big.count" >/dev/null
  local records; records=$(cut -d' ' -f1 "$work/big.count")
  printf '#!/bin/sh\nsleep 0.3\n' > "$work/slow.sh"; chmod +x "$work/slow.sh"
  "$bin" -r "$work/big.pcap" -o "$w/out" -e exec -S tcp_cmd="$work/slow.sh" -S exec_max_children=1 \
    -S shutdown_timeout=30 2>"$w/err" &
  local pid=$!
  sleep 0.5; wait_caught $pid
  kill -"$sig" $pid
  wait $pid; rc=$?
  local got n off
  got=$(interruption "$w/out/report.xml" 2>/dev/null)
  n=$(echo "$got" | cut -d' ' -f3); off=$(echo "$got" | cut -d' ' -f5)
  case $n in ''|*[!0-9]*) tf_case_fail "$name" "no <interrupted> packets_read ($got)"; return;; esac
  [ "$n" -lt "$records" ] || { tf_case_fail "$name" "the whole file was read ($n records)"; return; }
  local ref_off; ref_off=$(reference "$w/ref" "$work/big.pcap" "$n")
  [ "$off" = "$ref_off" ] || { tf_case_fail "$name" "input_offset $off is not the end of record $n ($ref_off)"; return; }
  # the reference run has no exec: compare the flow files only
  check "$name" "$sig" $((128 + $(signo "$sig"))) "$w/err" "$w/out" "$work/big.pcap" "$n" "$ref_off" "$w/ref" \
    "^tcpflow: SIG$sig: stopped reading $work/big.pcap at byte $ref_off after $n packets"
}

# Live capture on lo: fetches through a local HTTP server, then the signal.
case_live() {
  local sig=$1 name="live SIG$1" w=$work/live-$1
  [ "$(id -u)" = 0 ] || { tf_case_skip "$name" "live capture needs root"; return; }
  ip link show lo >/dev/null 2>&1 || { tf_case_skip "$name" "no lo interface"; return; }
  mkdir -p "$w/www"
  head -c 150000 /dev/urandom > "$w/www/body.bin"
  local port=$((20000 + RANDOM % 20000))
  (cd "$w/www" && exec timeout 60 python3 -m http.server $port --bind 127.0.0.1 >/dev/null 2>&1) &
  local server=$!
  "$bin" -i lo -o "$w/out" "tcp port $port" 2>"$w/err" &
  local pid=$!
  sleep 1
  if ! kill -0 $pid 2>/dev/null; then
    kill $server; wait $server 2>/dev/null
    tf_case_skip "$name" "cannot capture on lo: $(tr '\n' ' ' < "$w/err")"; return
  fi
  python3 - $port <<'PY' || true
import sys, time, urllib.request
for _ in range(50):
    try:
        urllib.request.urlopen('http://127.0.0.1:%s/body.bin' % sys.argv[1], timeout=5).read(); break
    except OSError: time.sleep(0.1)
PY
  kill -"$sig" $pid
  wait $pid; rc=$?
  kill $server 2>/dev/null; wait $server 2>/dev/null
  local got; got=$(interruption "$w/out/report.xml" 2>/dev/null)
  local n; n=$(echo "$got" | cut -d' ' -f3)
  # The response (headers + body) is in a flow file from the server's port.
  local resp; resp=$(ls "$w/out"/*".$(printf %05d $port)-"* 2>/dev/null | head -1)
  if [ -z "$resp" ] || ! python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); b=open(sys.argv[2],"rb").read(); sys.exit(0 if d.endswith(b) else 1)' "$resp" "$w/www/body.bin"; then
    tf_case_fail "$name" "the response body is not in the server's flow file ($(ls "$w/out" | tr '\n' ' '))"; return
  fi
  [ "${n:-0}" -gt 0 ] 2>/dev/null || { tf_case_fail "$name" "<interrupted> is '$got'"; return; }
  check "$name" "$sig" 0 "$w/err" "$w/out" "interface lo" "$n" 0 "" \
    "^tcpflow: SIG$sig: stopped capturing on interface lo after $n packets"
}

# The shutdown held up by an exec command that never ends: forced by the deadline or a second
# signal; the report is still closed, with forced='1'.
case_forced() {
  local how=$1 name="forced by $1" w=$work/forced-$1
  mkdir -p "$w"
  printf '#!/bin/sh\necho $$ >> %s\nexec sleep 60\n' "$work/hang.pids" > "$work/hang.sh"; chmod +x "$work/hang.sh"
  local timeout=1; [ "$how" = second-signal ] && timeout=0
  $feeder "$capture" - --marker "$w/marker" --hold 20 |
    { "$bin" -r - -o "$w/out" -e exec -S tcp_cmd="$work/hang.sh" -S exec_max_children=1 \
        -S shutdown_timeout=$timeout 2>"$w/err"; echo $? > "$w/rc"; } &
  wait_for "$w/marker"; sleep 0.5
  local pid; pid=$(tcpflow_pid "^$bin -r - -o $w/out")
  local t0=$SECONDS
  kill -INT "$pid"
  if [ "$how" = second-signal ]; then sleep 1; kill -TERM "$pid"; fi
  wait_for "$w/rc"; rc=$(cat "$w/rc" 2>/dev/null)
  local took=$((SECONDS - t0))
  stop_feeder "$w/marker"
  [ "$rc" = 130 ] || { tf_case_fail "$name" "exit '$rc', want 130"; return; }
  [ "$took" -le 6 ] || { tf_case_fail "$name" "the run took ${took}s to end"; return; }
  tf_xml_ok "$w/out/report.xml" || { tf_case_fail "$name" "report.xml is not complete XML"; return; }
  local got; got=$(interruption "$w/out/report.xml")
  case $got in "SIGINT 1 "*" stdin "*) ;; *) tf_case_fail "$name" "<interrupted> is '$got'"; return;; esac
  local why='the shutdown took too long'; [ "$how" = second-signal ] && why='a second stop signal arrived'
  stop_lines "$w/err" | grep -q "^tcpflow: SIGINT: $why; stopped at once .*report closed (forced)" ||
    { tf_case_fail "$name" "stderr: $(tr '\n' '|' < "$w/err")"; return; }
  [ -n "$(python3 "$srcdir/tests/e2e/tree.py" files "$w/out")" ] || { tf_case_fail "$name" "no flow file"; return; }
  tf_case_pass "$name"
}
tf_on_exit 'for p in $(cat "$work/hang.pids" 2>/dev/null); do kill $p; done'
# One stop delivered twice at once (timeout(1) signals its child and then its process group; a
# terminal's Ctrl-C reaches a whole pipeline) is one stop, not a forced one: the exec command is
# ended after its grace and the run finishes its shutdown normally.
case_same_stop_twice() {
  local name="same stop twice" w=$work/twice
  mkdir -p "$w"
  printf '#!/bin/sh\necho $$ >> %s\nexec sleep 60\n' "$work/hang.pids" > "$work/hang.sh"; chmod +x "$work/hang.sh"
  $feeder "$capture" - --marker "$w/marker" --hold 20 |
    { "$bin" -r - -o "$w/out" -e exec -S tcp_cmd="$work/hang.sh" -S exec_max_children=1 \
        -S shutdown_timeout=0 2>"$w/err"; echo $? > "$w/rc"; } &
  wait_for "$w/marker"; sleep 0.5
  local pid; pid=$(tcpflow_pid "^$bin -r - -o $w/out")
  kill -INT "$pid"; kill -INT "$pid"
  wait_for "$w/rc"; rc=$(cat "$w/rc" 2>/dev/null)
  stop_feeder "$w/marker"
  [ "$rc" = 130 ] || { tf_case_fail "$name" "exit '$rc', want 130"; return; }
  tf_xml_ok "$w/out/report.xml" || { tf_case_fail "$name" "report.xml is not complete XML"; return; }
  local got; got=$(interruption "$w/out/report.xml")
  case $got in "SIGINT 0 "*" stdin "*) ;; *) tf_case_fail "$name" "<interrupted> is '$got', want forced 0"; return;; esac
  tf_case_pass "$name"
}

while read -r kind sig; do
  [[ "$kind $sig" == *"${TF_ONLY:-}"* ]] || continue   # TF_ONLY=pipe: a subset while debugging
  case $kind in
    pipe|fifo) case_stream "$kind" "$sig" ;;
    file) case_file "$sig" ;;
    live) case_live "$sig" ;;
    forced) case_forced "$sig" ;;
    twice) case_same_stop_twice ;;
  esac
done <<'TABLE'
pipe   INT
pipe   TERM
pipe   HUP
fifo   INT
fifo   TERM
fifo   HUP
file   INT
file   TERM
file   HUP
live   INT
live   TERM
live   HUP
forced deadline
forced second-signal
twice  INT
TABLE
tf_finish
