#!/bin/bash
# streaming.sh -- input from a pipe or FIFO is processed record by record as it arrives (issue
# 9): `tcpdump -U -w - | tcpflow -r - -c` prints while traffic flows, not after 64 KiB; and a
# stream (plain, gzip, pcapng) gives the same flows, report counts and errors as the file.
. "$(dirname "$0")/lib.sh"
tf_init
feeder=$srcdir/tests/faults/pcap_feeder.py

# -c output appears while the writer is still writing (records 0.3 s apart), and all of it
# equals the output of the same capture read as a file.
case_console_live() {
  local name="-c prints each record as it arrives" cap=$data/http-post.pcap
  "$bin" -r "$cap" -c > "$work/whole.out" 2>/dev/null
  python3 - "$feeder" "$cap" "$bin" "$work" <<'PY'
import os, subprocess, sys, time
feeder, cap, tcpflow, work = sys.argv[1:]
log = os.path.join(work, 'feed.log')
w = subprocess.Popen([sys.executable, feeder, cap, '-', '--slow', '1000', '--gap', '0.3', '--log', log],
                     stdout=subprocess.PIPE)
r = subprocess.Popen([tcpflow, '-r', '-', '-c'], stdin=w.stdout, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
w.stdout.close()
first, out = None, b''
while True:
    b = os.read(r.stdout.fileno(), 65536)
    if not b: break
    if first is None: first = time.monotonic()
    out += b
r.wait(); w.wait()
open(os.path.join(work, 'stream.out'), 'wb').write(out)
times = [float(l.split()[1]) for l in open(log)]
if first is None: sys.exit('no output at all')
if first > times[-1] - 1.0:
    sys.exit('first output %.2fs after the first record, the writer finished at %.2fs'
             % (first - times[0], times[-1] - times[0]))
PY
  local why=$?
  [ $why = 0 ] || { tf_case_fail "$name" "output did not stream"; return; }
  cmp -s "$work/stream.out" "$work/whole.out" || { tf_case_fail "$name" "streamed output differs from the file's"; return; }
  tf_case_pass "$name"
}

# counts REPORT: packets_read and total_flows.
counts() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
c = {e.get('name'): e.text for e in r.iter('counter')}
print(c.get('packets_read'), r.findtext('total_flows'))
PY
}

# The same capture through a pipe and as a file: same flow files, same counts.
case_same_as_file() {
  local name="$1 through a pipe" cap=$2 w=$work/same-$1
  "$bin" -r "$cap" -o "$w/file" 2>/dev/null; local rc1=$?
  cat "$cap" | "$bin" -r - -o "$w/pipe" 2>/dev/null; local rc2=$?
  [ $rc1 = 0 ] && [ $rc2 = 0 ] || { tf_case_fail "$name" "exit $rc1 (file) and $rc2 (pipe)"; return; }
  local d; d=$(python3 "$srcdir/tests/e2e/tree.py" diff "$w/pipe" "$w/file" 2>&1) ||
    { tf_case_fail "$name" "flow files differ: $d"; return; }
  [ "$(counts "$w/pipe/report.xml")" = "$(counts "$w/file/report.xml")" ] ||
    { tf_case_fail "$name" "report counts differ: $(counts "$w/pipe/report.xml") vs $(counts "$w/file/report.xml")"; return; }
  tf_case_pass "$name"
}

# A damaged capture gives the same error through a pipe as from the file (names aside).
case_same_error() {
  local name="$1 through a pipe: same error" w=$work/err-$1
  mkdir -p "$w"
  eval "$2" > "$w/cut"
  "$bin" -r "$w/cut" -o "$w/file" 2>"$w/file.err"; local rc1=$?
  "$bin" -r - -o "$w/pipe" < <(cat "$w/cut") 2>"$w/pipe.err"; local rc2=$?
  local m1 m2
  m1=$(grep '^tcpflow: ' "$w/file.err" | sed "s|$w/cut|INPUT|"); m2=$(grep '^tcpflow: ' "$w/pipe.err" | sed 's|stdin|INPUT|')
  [ $rc1 = 1 ] && [ $rc2 = 1 ] && [ -n "$m1" ] && [ "$m1" = "$m2" ] ||
    { tf_case_fail "$name" "file: $rc1 '$m1'; pipe: $rc2 '$m2'"; return; }
  tf_case_pass "$name"
}

case_console_live
case_same_as_file pcap "$data/http-browser-page-load.pcap"
case_same_as_file gzip "$data/http-keepalive-1000-requests-gap.pcap.gz"
case_same_as_file pcapng "$data/tcp-retransmit-timeout-nosyn.pcapng"
case_same_error "cut pcap" "head -c 10000 $data/http-browser-page-load.pcap"
case_same_error "cut gzip" "head -c 30000 $data/http-keepalive-1000-requests-gap.pcap.gz"
case_same_error "cut pcapng" "head -c 15000 $data/pcapng-126idb-ldap-gap.pcapng"
tf_finish
