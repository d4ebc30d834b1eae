#!/usr/bin/env bash
# A full disk while writing flow files: one clear line on stderr, exit status 1,
# and a well-formed report (kept on another file system with -X) that still
# lists the flows recorded. Needs root to mount a tiny tmpfs; skips (77) otherwise.
set -u
builddir=${builddir:-$(pwd)}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${TCPFLOW_BIN:-$builddir/tcpflow}
cap=$srcdir/tests/data/http-post-large.pcap
[ "$(id -u)" -eq 0 ] || { echo "SKIP: mounting a tmpfs needs root"; exit 77; }
work=$(mktemp -d /tmp/tcpflow-full.XXXXXX)
mkdir -p "$work/small"
cleanup() { umount "$work/small" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mount -t tmpfs -o size=64k tmpfs "$work/small" 2>/dev/null || { echo "SKIP: cannot mount tmpfs"; exit 77; }

timeout 60 "$bin" -r "$cap" -o "$work/small/out" -X "$work/report.xml" 2> "$work/err"
rc=$?
lines=$(grep -vc '^reportfilename:' "$work/err")
[ $rc -eq 1 ] || { echo "FAIL: exit status $rc, want 1"; cat "$work/err"; exit 1; }
grep -q "No space left on device" "$work/err" || { echo "FAIL: no ENOSPC message:"; cat "$work/err"; exit 1; }
[ "$lines" -ge 1 ] && [ "$lines" -le 2 ] || { echo "FAIL: $lines error lines:"; cat "$work/err"; exit 1; }
python3 - "$work/report.xml" <<'PY' || exit 1
import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
objs = [e for e in root.iter() if e.tag.endswith('fileobject')]
err = [e for e in root.iter() if e.tag.endswith('run_error')]
if not objs:
    print('FAIL: the report lists no flow'); sys.exit(1)
if not err or 'No space left' not in (err[0].text or ''):
    print('FAIL: the report does not record the error'); sys.exit(1)
PY
echo "PASS: full disk reported once, exit 1, report closed with $(grep -c '<fileobject>' "$work/report.xml") flows"
