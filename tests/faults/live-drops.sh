#!/usr/bin/env bash
# Live capture never drops silently. Loopback carries 64 KiB frames, so a few concurrent
# downloads fill libpcap's 2 MiB default kernel buffer in a moment and the kernel drops
# (tcpdump -B 32768 dropped 0 of 369 packets where its default dropped 31 of 371). tcpflow
# asks for a 32 MiB buffer (-S capture_buffer) and, at the end of a live run, prints tcpdump's
# three lines on stderr (unless -q) and writes the same counts to the report's <capture_stats>.
# First the setting's validation (no root needed), then, as root, three 3 MB downloads served
# by python3 -m http.server on 127.0.0.1 and fetched at once by curl while tcpflow records
# -i lo: every response flow must hold the whole file and nothing may be dropped.
. "$(dirname "$0")/lib.sh"
tf_init
pcap=$data/http-post.pcap

# Columns: case | -S capture_buffer value | exit status | stderr line (after "tcpflow: "; "-" none)
settings=(
  "buffer-64M|64M|0|-"
  "buffer-0|0|0|-"
  "buffer-1K|1K|2|invalid value '1K' for -S capture_buffer: expected 0 or 64K..1G"
  "buffer-2G|2G|2|invalid value '2G' for -S capture_buffer: expected 0..1073741824"
  "buffer-junk|12X|2|invalid value '12X' for -S capture_buffer"
)
for row in "${settings[@]}"; do
  IFS='|' read -r name value want_rc want_err <<<"$row"
  c=$work/$name
  "$bin" -S capture_buffer="$value" -r "$pcap" -o "$c/out" >/dev/null 2>"$c.err"
  rc=$?
  why=
  [ "$rc" = "$want_rc" ] || why="exited $rc, want $want_rc: $(cat "$c.err")"
  if [ -z "$why" ] && [ "$want_err" != - ]; then
    grep -qF "tcpflow: $want_err" "$c.err" || why="stderr lacks 'tcpflow: $want_err': $(cat "$c.err")"
    [ -e "$c/out" ] && why="a refused run created $c/out"
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done

skip_live() { tf_case_skip live "$1"; tf_finish; }
[ "$(id -u)" -eq 0 ] || skip_live "capturing on lo needs root"
command -v python3 >/dev/null && command -v curl >/dev/null || skip_live "python3 and curl needed"
ip link show lo >/dev/null 2>&1 || skip_live "no loopback interface"

mkdir -p "$work/www"
head -c 3000000 /dev/urandom >"$work/www/blob.bin"
# Port 0: the server picks a free port and says which.
(cd "$work/www" && exec python3 -u -m http.server 0 --bind 127.0.0.1) >"$work/server.log" 2>&1 &
srv=$!
tf_on_exit "kill $srv"
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.* port \([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -1)
  [ -n "$port" ] && curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/" && break
  port=; sleep 0.1
done
[ -n "$port" ] || skip_live "python3 -m http.server did not start: $(cat "$work/server.log")"

# Columns: case | extra options | stats lines on stderr (yes/no) | what must hold:
#   whole  3 of 3 response flows hold the whole file and nothing was dropped
#   told   libpcap's own 2 MiB buffer: drops may happen, but a flow that lacks bytes is
#          always matched by a drop count above 0 (never silent); counts are printed for the log
live=(
  "default-buffer||yes|whole"
  "quiet|-q|no|whole"
  "libpcap-buffer|-S capture_buffer=0|yes|told"
)
for row in "${live[@]}"; do
  IFS='|' read -r name extra want_lines want <<<"$row"
  c=$work/$name
  mkdir -p "$c"
  # shellcheck disable=SC2086
  "$bin" -i lo $extra -o "$c/out" "tcp port $port" 2>"$c/tcpflow.err" &
  tf=$!
  tf_on_exit "kill -9 $tf"
  # The report is created once the capture is open; a little more for the filter.
  for _ in $(seq 100); do [ -s "$c/out/report.xml" ] && break; sleep 0.1; done
  sleep 0.5
  pids=()
  for i in 1 2 3; do
    curl -s --max-time 60 -H 'Connection: close' -o "$c/got$i" "http://127.0.0.1:$port/blob.bin" &
    pids+=($!)
  done
  curl_ok=yes
  for p in "${pids[@]}"; do wait "$p" || curl_ok=no; done
  sleep 1
  kill -INT "$tf"
  for _ in $(seq 300); do kill -0 "$tf" 2>/dev/null || break; sleep 0.1; done
  why=
  if kill -0 "$tf" 2>/dev/null; then
    why="tcpflow did not stop within 30 s of SIGINT"; kill -9 "$tf"
  fi
  wait "$tf"; rc=$?
  [ -z "$why" ] && [ "$rc" != 0 ] && why="tcpflow exited $rc: $(head -3 "$c/tcpflow.err")"
  [ -z "$why" ] && [ "$curl_ok" != yes ] && why="a download failed (curl)"
  if [ -z "$why" ]; then
    # Server -> client flows are 127.000.000.001.PORT-...: a header, then the file.
    why=$(python3 - "$c/out" "$(printf %05d "$port")" "$work/www/blob.bin" "$want" <<'PY'
import os, sys, xml.etree.ElementTree as E
out, port, want, mode = sys.argv[1], sys.argv[2], open(sys.argv[3], 'rb').read(), sys.argv[4]
flows = [f for f in os.listdir(out) if f.startswith('127.000.000.001.%s-' % port)]
whole = 0
for f in flows:
    head, sep, body = open(os.path.join(out, f), 'rb').read().partition(b'\r\n\r\n')
    whole += head.startswith(b'HTTP/1.') and body == want
stats = {s.get('name'): int(s.text) for s in E.parse(os.path.join(out, 'report.xml')).getroot().iter('stat')}
names = ('captured', 'received_by_filter', 'dropped_by_kernel', 'dropped_by_interface')
drops = stats.get('dropped_by_kernel', 0) + stats.get('dropped_by_interface', 0)
said = '%d of %d response flows hold the whole %d-byte file; %r' % (whole, len(flows), len(want), stats)
print(said, file=sys.stderr)  # the measurement, for the log
if any(k not in stats for k in names): print('report lacks a <capture_stats> count: ' + said)
# A whole capture of three 3 MB downloads is hundreds of packets. With libpcap's own small
# buffer ('told') how many arrive depends on the machine's load (with -j N the reader shares
# the cores with the workers): any capture at all, with the losses counted, is what it shows.
elif stats['captured'] < (100 if mode == 'whole' else 1): print('too few packets captured: ' + said)
elif mode == 'whole' and (len(flows) != 3 or whole != 3 or drops): print(said + ' (want 3 of 3, no drops)')
elif mode == 'told' and whole < 3 and not drops: print('bytes lost without a drop counted: ' + said)
PY
)
  fi
  if [ -z "$why" ]; then
    n=$(grep -cE '^[0-9]+ packets (captured|received by filter|dropped by kernel)$' "$c/tcpflow.err")
    if [ "$want_lines" = yes ]; then
      [ "$n" = 3 ] || why="want tcpdump's three lines on stderr, got: $(cat "$c/tcpflow.err")"
      [ "$want" = whole ] && ! grep -qx '0 packets dropped by kernel' "$c/tcpflow.err" &&
        why="stderr does not say 0 dropped: $(cat "$c/tcpflow.err")"
    else
      [ "$n" = 0 ] || why="-q still printed the counts: $(cat "$c/tcpflow.err")"
    fi
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done
tf_finish
