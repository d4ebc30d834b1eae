#!/bin/sh
# Content-Encoding decoding belongs to the gzip scanner: the http scanner
# decodes bodies only while gzip is enabled (SDK 1.1 scanner_enabled). So
# "-e http -x gzip" must write exactly what -Z writes: the same files, the
# bodies as sent (gzip), under the same names. -e http and -E http (which
# bring gzip through works_with) decode; -S http_decompress=NO still works alone.
set -u
OURS=${TCPFLOW:-../../tcpflow}
DATA=${TOP_SRCDIR:-$(dirname "$0")/../../..}/tests/data
PCAP=$DATA/http-get-gzip.pcap
[ -f "$PCAP" ] || { echo "no $PCAP: skipped"; exit 77; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

run() {  # NAME ARGS...: output in $work/NAME
    name=$1
    shift
    mkdir -p "$work/$name"
    "$OURS" "$@" -r "$PCAP" -o "$work/$name" >/dev/null 2>"$work/$name.err" || fail "$name: tcpflow exited non-zero: $(cat "$work/$name.err")"
}
body() { ls "$work/$1"/*-HTTPBODY-* 2>/dev/null | head -n 1; }
listing() { (cd "$work/$1" && ls | grep -v '^report\.xml$'); }
is_gzip() { [ "$(od -An -tx1 -N2 "$1" | tr -d ' \n')" = 1f8b ]; }

run z -e http -Z
run nogzip -e http -x gzip
run decoded -e http
run only -E http
run switch -e http -S http_decompress=NO

zb=$(body z)
[ -n "$zb" ] || { echo "FAIL: -Z wrote no body"; exit 1; }
is_gzip "$zb" || fail "-Z body is not the gzip stream as sent"

# -e http -x gzip: same file names, same bytes as -Z
[ "$(listing z)" = "$(listing nogzip)" ] || fail "-x gzip files differ from -Z: $(listing nogzip | tr '\n' ' ')"
nb=$(body nogzip)
if [ -z "$nb" ]; then
    fail "-x gzip wrote no body"
else
    cmp -s "$zb" "$nb" || fail "-x gzip body differs from the -Z body"
    [ "$(basename "$zb")" = "$(basename "$nb")" ] || fail "-x gzip body name $(basename "$nb") is not $(basename "$zb")"
fi
grep -q "<decode" "$work/nogzip/report.xml" && fail "-x gzip report still has a <decode> record"

# gzip enabled (-e http brings it; so does -E http): decoded in place, same name
for name in decoded only; do
    b=$(body "$name")
    [ -n "$b" ] || { fail "$name: no body"; continue; }
    [ "$(basename "$b")" = "$(basename "$zb")" ] || fail "$name: body name $(basename "$b") is not $(basename "$zb")"
    is_gzip "$b" && fail "$name: body was not decoded"
    grep -q '"' "$b" || fail "$name: decoded body is not the JSON text"
done

# the explicit switch alone: the body as sent (gzip stays on and adds a .decoded sibling)
sb=$(body switch)
cmp -s "$zb" "$sb" || fail "http_decompress=NO body differs from the -Z body"

[ $status -eq 0 ] && echo "ok: -e http -x gzip writes the -Z bodies; -e http and -E http decode"
exit $status
