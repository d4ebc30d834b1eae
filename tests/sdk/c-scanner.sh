#!/bin/bash
# The SDK in plain C (issue 14, point 5): examples/c-scanner is compiled with
# $CC from the in-tree headers and the flags tcpflow-sdk.pc gives
# (scanner_cflags, scanner_ldflags with its version script), exports only the
# entry symbol, loads with --plugin-dir, and annotates report.xml with each
# flow's byte count (checked against the flow files on disk). Its
# validate_param refuses bad values before anything is created; it runs with
# -FX (TCPFLOW_SCANNER_NO_FLOW_FILES). Descriptors with a piece missing are
# refused with a message naming the piece.
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
srcdir=$(cd "$srcdir" && pwd)  # the runs below cd into the work folder

CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
pcap=$srcdir/examples/http-post.pcap
pc_dir=$builddir/sdk
command -v "$PKG_CONFIG" >/dev/null || { tf_case_skip all "no pkg-config to read tcpflow-sdk.pc"; tf_finish; }
command -v nm >/dev/null || { tf_case_skip all "no nm (binutils)"; tf_finish; }
# The .pc of this build; its version script is the source tree's (not installed yet).
pc() { PKG_CONFIG_PATH=$pc_dir "$PKG_CONFIG" --define-variable=scanner_version_script="$srcdir/sdk/tcpflow/sdk/scanner.map" "$@" tcpflow-sdk; }
cflags=$(pc --variable=scanner_cflags) && ldflags=$(pc --variable=scanner_ldflags) ||
  { tf_case_fail pc "pkg-config cannot read $pc_dir/tcpflow-sdk.pc"; tf_finish; }
[ -n "$cflags" ] && [ -n "$ldflags" ] || { tf_case_fail pc "scanner_cflags or scanner_ldflags is empty"; tf_finish; }

# --- build: C99, pedantic, no warnings ---
plug=$work/plugins
mkdir -p "$plug"
so=$plug/scan_cexample.so
if $CC -std=c99 -pedantic -Wall -Wextra -Werror $cflags -I"$srcdir/sdk" \
     "$srcdir/examples/c-scanner/scan_cexample.c" -o "$so" $ldflags 2>"$work/cc.err"; then
  tf_case_pass build
else
  tf_case_fail build "$(head -5 "$work/cc.err")"; tf_finish
fi

exported=$(nm -D --defined-only "$so" | awk '{ print $NF }')
if [ "$exported" = tcpflow_scanner_entry ]; then tf_case_pass exports-only-entry
else tf_case_fail exports-only-entry "nm -D --defined-only lists: $(echo $exported)"; fi

if "$bin" --plugin-dir "$plug" -hh 2>"$work/hh.err" | grep -q "^cexample 1.0.0 disabled $so\$" &&
   ! grep -q . "$work/hh.err"; then tf_case_pass listed
else tf_case_fail listed "-hh lacks the cexample line or complained: $(cat "$work/hh.err")"; fi

# check_counts OUT ATTRIBUTE FX: every <fileobject> carries ATTRIBUTE equal to its
# filesize (and, with flow files, to the file's size on disk), and <summary> has
# <cexample flows= bytes=> with their count and sum.
check_counts() {
  python3 - "$@" <<'PY'
import os, sys, xml.etree.ElementTree as E
out, attr, fx = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
root = E.parse(os.path.join(out, 'report.xml')).getroot()
ns = {'d': root.tag[1:].split('}')[0]} if root.tag.startswith('{') else None
objs = [o for o in root.iter() if o.tag.endswith('fileobject')]
if not objs: sys.exit('no <fileobject>')
total = 0
for o in objs:
    size = int(next(c for c in o if c.tag.endswith('filesize')).text)
    tcp = next(c for c in o if c.tag.endswith('tcpflow'))
    if attr not in tcp.attrib: sys.exit('a flow lacks %s' % attr)
    n = int(tcp.attrib[attr])
    if n != size: sys.exit('%s=%d but filesize %d' % (attr, n, size))
    if not fx:
        name = next(c for c in o if c.tag.endswith('filename')).text
        if os.path.getsize(name) != n: sys.exit('%s=%d but %s holds %d bytes' % (attr, n, name, os.path.getsize(name)))
    total += n
if attr != 'cexample_bytes' and any('cexample_bytes' in t.attrib for t in root.iter() if t.tag.endswith('tcpflow')):
    sys.exit('cexample_bytes written although the attribute was renamed')
s = [e for e in root.iter() if e.tag.endswith('cexample')]
if len(s) != 1 or s[0].attrib != {'flows': str(len(objs)), 'bytes': str(total)}:
    sys.exit('summary %s, expected flows=%d bytes=%d' % ([e.attrib for e in s], len(objs), total))
PY
}

# --- runs: name | expected status | attribute checked | extra arguments ---
while IFS='|' read -r name want attr args; do
  name=$(echo $name) want=$(echo $want) attr=$(echo $attr)
  [ -z "$name" ] && continue
  out=$work/$name
  rc=0
  (cd "$work" && timeout 60 "$bin" --plugin-dir "$plug" -e cexample $args -r "$pcap" -o "$out") \
    >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  fx=0; case " $args " in *" -FX "*) fx=1 ;; esac
  if [ "$rc" != "$want" ]; then tf_case_fail "$name" "exit $rc, expected $want: $(cat "$work/$name.err")"; continue; fi
  if ! why=$(check_counts "$out" "$attr" "$fx" 2>&1); then tf_case_fail "$name" "$why"; continue; fi
  if [ $fx = 1 ] && [ "$(ls "$out")" != report.xml ]; then tf_case_fail "$name" "-FX stored: $(ls "$out")"; continue; fi
  tf_case_pass "$name"
done <<'CASES'
run           | 0 | cexample_bytes |
renamed       | 0 | payload_len    | -S cexample_attribute=payload_len
no-flow-files | 0 | cexample_bytes | -FX
CASES

# --- refusals: nothing is created, one line names what is wrong ---
# name | expected line on stderr (grep -F) | arguments
sdk_check_refusals --plugin-dir "$plug" <<'CASES'
attr-digit    | tcpflow: scanner 'cexample' rejects cexample_attribute='9x': an attribute name must start with a letter or '_' | -e cexample -S cexample_attribute=9x
attr-dash     | tcpflow: scanner 'cexample' rejects cexample_attribute='a-b': '-' is not allowed in an attribute name            | -e cexample -S cexample_attribute=a-b
attr-taken    | tcpflow: scanner 'cexample' rejects cexample_attribute='len': 'len' is an attribute tcpflow writes itself       | -e cexample -S cexample_attribute=len
CASES

# --- descriptors with a piece missing: refused at load, -e fails naming the piece ---
# variant | the reason expected in "plugin PATH: REASON"
while IFS='|' read -r variant expect; do
  variant=$(echo $variant) expect=$(echo $expect)
  [ -z "$variant" ] && continue
  d=$work/broken-$variant
  mkdir -p "$d"
  defs=; [ "$variant" = gap ] || defs=-DBROKEN_$(echo "$variant" | tr a-z A-Z)
  if ! $CC $cflags $defs -I"$srcdir/sdk" "$srcdir/tests/sdk/fixtures/scan_broken.c" -o "$d/scan_broken.so" $ldflags 2>"$d/cc.err"; then
    tf_case_fail "broken-$variant" "does not build: $(head -3 "$d/cc.err")"; continue
  fi
  rc=0
  timeout 30 "$bin" --plugin-dir "$d" -e broken -r "$pcap" -o "$d/out" >/dev/null 2>"$d/err" || rc=$?
  if [ "$rc" = 2 ] && grep -qF -- "plugin $d/scan_broken.so: $expect" "$d/err" && grep -qF "scanner 'broken' cannot be used: $expect" "$d/err"; then
    tf_case_pass "broken-$variant"
  else tf_case_fail "broken-$variant" "exit $rc; expected '$expect' in: $(cat "$d/err")"; fi
done <<'CASES'
gap     | events has TCPFLOW_EVENT_FLOW_DATA but the flow_gap callback is NULL
version | descriptor field version is NULL
fini    | the fini callback is NULL
params  | param_count is 2 but params is NULL
size    | descriptor too small for scanner ABI
CASES
tf_finish
