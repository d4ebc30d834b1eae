#!/usr/bin/env bash
# Live capture on the loopback interface with real traffic: a local HTTP server,
# curl as the client, tcpflow -i lo with a BPF filter. SIGINT must stop tcpflow
# cleanly with every flow written and the report closed; the recorded flows must
# hold exactly what was sent. Skips (77) without root or python3/curl.
set -u
builddir=${builddir:-$(pwd)}
bin=${TCPFLOW_BIN:-$builddir/tcpflow}
[ "$(id -u)" -eq 0 ] || { echo "SKIP: live capture needs root"; exit 77; }
command -v python3 >/dev/null && command -v curl >/dev/null || { echo "SKIP: python3 and curl needed"; exit 77; }
ip link show lo >/dev/null 2>&1 || { echo "SKIP: no loopback interface"; exit 77; }

work=$(mktemp -d /tmp/tcpflow-live.XXXXXX)
cleanup() { [ -n "${srv:-}" ] && kill "$srv" 2>/dev/null; [ -n "${tf:-}" ] && kill -9 "$tf" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Content the server sends: binary, so any byte mangling shows.
mkdir -p "$work/www"
head -c 300000 /dev/urandom > "$work/www/blob.bin"
port=$(( 20000 + RANDOM % 20000 ))
(cd "$work/www" && exec python3 -m http.server "$port" --bind 127.0.0.1) > "$work/server.log" 2>&1 &
srv=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

"$bin" -i lo -o "$work/out" "tcp port $port" 2> "$work/tcpflow.err" &
tf=$!
# tcpflow creates the report as soon as the capture is open.
for _ in $(seq 100); do [ -s "$work/out/report.xml" ] && break; sleep 0.1; done
sleep 0.5
curl -s -H 'Connection: close' -o "$work/got.bin" "http://127.0.0.1:$port/blob.bin" || { echo "FAIL: curl"; exit 1; }
sleep 1
kill -INT "$tf"
for _ in $(seq 100); do kill -0 "$tf" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$tf" 2>/dev/null; then echo "FAIL: tcpflow did not stop on SIGINT"; exit 1; fi
wait "$tf"; rc=$?
tf=
[ $rc -eq 0 ] || { echo "FAIL: tcpflow exited $rc: $(cat "$work/tcpflow.err")"; exit 1; }
cmp -s "$work/got.bin" "$work/www/blob.bin" || { echo "FAIL: curl itself got wrong bytes"; exit 1; }

# Flow files of the connection: client -> server holds the request, server ->
# client the response whose body is the file.
resp=$(ls "$work/out" | grep -E "^127\.000\.000\.001\.$(printf %05d "$port")-" | head -1)
req=$(ls "$work/out" | grep -E "^127\.000\.000\.001\.[0-9]{5}-127\.000\.000\.001\.$(printf %05d "$port")" | head -1)
[ -n "$resp" ] && [ -n "$req" ] || { echo "FAIL: flow files missing: $(ls "$work/out")"; exit 1; }
grep -q "^GET /blob.bin HTTP/1.1" "$work/out/$req" || { echo "FAIL: request not recorded"; exit 1; }
python3 - "$work/out/$resp" "$work/www/blob.bin" <<'PY' || exit 1
import sys
data = open(sys.argv[1], 'rb').read()
want = open(sys.argv[2], 'rb').read()
head, sep, body = data.partition(b'\r\n\r\n')
if not head.startswith(b'HTTP/1.') or body != want:
    print(f'FAIL: response body differs (got {len(body)} bytes, want {len(want)})')
    sys.exit(1)
PY
python3 -c "import xml.etree.ElementTree as E,sys; E.parse(sys.argv[1])" "$work/out/report.xml" \
  || { echo "FAIL: report.xml not well-formed after SIGINT"; exit 1; }
grep -q "<filename>$work/out/$resp</filename>" "$work/out/report.xml" || { echo "FAIL: flow missing from report"; exit 1; }
echo "PASS: live capture on lo recorded the request and the 300000-byte response exactly"
