#!/bin/sh
# Our HTTP bodies against Debian tcpflow 1.6.1's on every capture with HTTP:
# each body 1.6.1 writes must be ours byte for byte (bodies.py lists the
# accepted differences, where 1.6.1 is wrong). Skips (77) without /usr/bin/tcpflow.
set -u
REF=${REF_TCPFLOW:-/usr/bin/tcpflow}
OURS=${TCPFLOW:-../../tcpflow}
DATA=${TOP_SRCDIR:-$(dirname "$0")/../../..}/tests/data
HERE=$(cd "$(dirname "$0")" && pwd)
[ -x "$REF" ] || { echo "no $REF: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
status=0
for pcap in "$DATA"/http-*.pcap "$DATA"/http-*.cap "$DATA"/rawip-http-*.pcap "$DATA"/tcp-handshake-reorder.pcap \
            "$DATA"/vlan-mpls-mixed.pcap "$DATA"/out-of-order-http-rst.pcap "$DATA"/midstream-no-handshake.pcap; do
    [ -f "$pcap" ] || continue
    name=$(basename "$pcap")
    mkdir -p "$work/$name/ref" "$work/$name/ours"
    "$REF" -e http -r "$pcap" -o "$work/$name/ref" >/dev/null 2>&1
    if ! "$OURS" -e http -r "$pcap" -o "$work/$name/ours" >/dev/null 2>"$work/$name/err"; then
        echo "FAIL $name: tcpflow exited non-zero"; cat "$work/$name/err"; status=1; continue
    fi
    if python3 "$HERE/bodies.py" "$work/$name/ref" "$work/$name/ours" >"$work/$name/cmp"; then
        echo "ok   $name: $(cut -c1-7 "$work/$name/cmp" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
    else
        echo "FAIL $name"; grep -v '^same\|^extra\|^better' "$work/$name/cmp"; status=1
    fi
done
exit $status
