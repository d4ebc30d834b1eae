#!/bin/sh
# Live check: nginx on 127.0.0.1 serves generated files (plain, gzip on the
# fly = chunked + gzip, gzip_static, binary, HEAD, 304), curl fetches them on
# one keep-alive connection while tcpdump records loopback, then our
# `tcpflow -e http` must give back every served file byte for byte, each
# paired with the request that asked for it. Skips (77) unless root with
# nginx, tcpdump, curl and python3.
set -u
OURS=${TCPFLOW:-../../tcpflow}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
for tool in "$NGINX" tcpdump curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "no $tool: skipped"; exit 77; }
done
work=$(mktemp -d) || exit 1
nginx_pid=; dump_pid=
cleanup() {
    [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
port=$((20000 + $$ % 20000))
chmod 755 "$work"  # nginx workers run unprivileged
mkdir -p "$work/www" "$work/out" "$work/logs"
python3 - "$work/www" <<'PY'
import gzip, os, random, sys
www = sys.argv[1]
rnd = random.Random(7)
words = ['alpha', 'beta', 'gamma', 'delta', 'kappa', 'omega', '<p>', '</p>', '\n']
def text(n): return ''.join(rnd.choice(words) + ' ' for _ in range(n)).encode()
open(os.path.join(www, 'plain.txt'), 'wb').write(text(3000))
open(os.path.join(www, 'page.html'), 'wb').write(b'<html>' + text(20000) + b'</html>')
open(os.path.join(www, 'data.json'), 'wb').write(b'{"k": "' + text(5000).replace(b'"', b'') + b'"}')
open(os.path.join(www, 'blob.bin'), 'wb').write(bytes(rnd.getrandbits(8) for _ in range(300000)))
style = text(4000)
open(os.path.join(www, 'style.css'), 'wb').write(style)
open(os.path.join(www, 'style.css.gz'), 'wb').write(gzip.compress(style))
PY
cat >"$work/nginx.conf" <<CONF
daemon on;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 64; }
http {
    access_log off;
    types { text/html html; text/plain txt; application/json json; text/css css; }
    default_type application/octet-stream;
    client_body_temp_path $work/logs; proxy_temp_path $work/logs; fastcgi_temp_path $work/logs;
    uwsgi_temp_path $work/logs; scgi_temp_path $work/logs;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
        gzip on; gzip_min_length 1; gzip_types text/plain application/json;
        location /style.css { gzip off; gzip_static on; }
    }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work" 2>"$work/logs/start.err" || { cat "$work/logs/start.err"; echo "nginx did not start: skipped"; exit 77; }
tcpdump -i lo -s 0 -U -w "$work/cap.pcap" "tcp port $port" 2>"$work/logs/tcpdump.err" &
dump_pid=$!
sleep 1
base="http://127.0.0.1:$port"
lm=$(date -u -r "$work/www/plain.txt" '+%a, %d %b %Y %H:%M:%S GMT')
# one keep-alive connection: gzip (chunked), plain, gzip_static, binary
curl -s -H 'Accept-Encoding: gzip' "$base/page.html" "$base/plain.txt" "$base/style.css" \
    "$base/blob.bin" "$base/data.json" >/dev/null || { echo "curl failed"; exit 1; }
curl -s -I "$base/page.html" >/dev/null                                      # HEAD: no body
curl -s -H "If-Modified-Since: $lm" "$base/plain.txt" >/dev/null              # 304
curl -s -H 'Accept-Encoding: identity' "$base/page.html" >/dev/null           # unencoded, Content-Length
sleep 1
kill "$dump_pid"; wait "$dump_pid" 2>/dev/null; dump_pid=
"$OURS" -e http -r "$work/cap.pcap" -o "$work/out" >/dev/null || { echo "tcpflow failed"; exit 1; }
python3 - "$work/out/report.xml" "$work/www" <<'PY'
import os, sys, xml.etree.ElementTree as ET
report, www = sys.argv[1], sys.argv[2]
bad = 0
seen = {}
for r in ET.parse(report).iter('http_response'):
    uri, status, path = r.get('request_uri'), r.get('status'), r.get('body_file')
    if status == '304' or r.get('request_method') == 'HEAD':
        if path:
            print(f'FAIL {uri} {status}: a body-less response wrote {path}'); bad += 1
        continue
    want = open(os.path.join(www, uri.lstrip('/')), 'rb').read()
    got = open(path, 'rb').read() if path else b''
    enc = r.get('content_encoding', '') + '/' + r.get('framing')
    ok = got == want
    print(f"{'ok  ' if ok else 'FAIL'} {uri} {enc} {len(got)} bytes -> {os.path.basename(path or '-')}")
    bad += not ok
    seen[uri] = seen.get(uri, 0) + 1
expected = {'/page.html': 2, '/plain.txt': 1, '/style.css': 1, '/blob.bin': 1, '/data.json': 1}
if seen != expected:
    print(f'FAIL bodies per URI {seen}, expected {expected}'); bad += 1
sys.exit(1 if bad else 0)
PY
