#!/usr/bin/env bash
# A full disk (issue 9, "nothing misreported"): a small tmpfs as -o, fed the 1000 flows of
# flowgen.py (about 20 MB of streams). Writing stops at the first ENOSPC (one line on stderr,
# exit 1), and then:
#   report-on-full-disk  the report sits on the full tmpfs too: one more line says it could
#                        not be written, and its bytes on disk end between records, so the
#                        closing tags of its open elements make valid XML;
#   report-elsewhere     -X puts the report on another disk: it is complete, and tells the
#   md5, http            truth about the full one: every file on the tmpfs is listed; a listed
#                        file's size on disk equals <filesize>, or, for a file marked
#                        truncated='1', its stored_bytes; every flow file is a prefix of its
#                        stream; at least one file is marked truncated. Also with -e md5, and
#                        with -e http on HTTP traffic (the bodies' records tell the truth too).
# Needs root to mount a tmpfs; skips otherwise.
. "$(dirname "$0")/lib.sh"
tf_init
[ "$(id -u)" -eq 0 ] || { tf_case_skip all "mounting a tmpfs needs root"; tf_finish; }
gen=$work/gen
timeout 300 python3 "$srcdir/tests/faults/flowgen.py" "$gen" 1000 20 || { tf_case_fail generate "flowgen.py failed"; tf_finish; }
http=$work/http.pcap   # many HTTP bodies: the keep-alive capture, 1000 requests
gzip -dc "$data/http-keepalive-1000-requests-gap.pcap.gz" > "$http"

# The truth about a report kept off the full disk: python3 check REPORT OUTDIR [EXPECTED_DIR]
check_truth() {
  python3 - "$@" <<'PY'
import os, sys, xml.etree.ElementTree as ET
report, outdir = sys.argv[1], sys.argv[2]
expected = sys.argv[3] if len(sys.argv) > 3 else None
NS = ''  # (the report's namespace covers <metadata> only)
root = ET.parse(report).getroot()
listed, truncated = {}, 0
for fo in root.iter(NS + 'fileobject'):
    fn, fs = fo.find(NS + 'filename'), fo.find(NS + 'filesize')
    if fn is None:
        continue
    size, mark = int(fs.text), fo.find(NS + 'reassembly')
    attrs = dict(fo.attrib)                     # derived objects carry the marks themselves
    if mark is not None and mark.get('truncated'):
        attrs = dict(mark.attrib)
    if attrs.get('truncated') == '1':
        truncated += 1
        size = int(attrs['stored_bytes'])
    listed[fn.text] = size
on_disk = []
for d, _, files in os.walk(outdir):
    on_disk += [os.path.join(d, f) for f in files]
for p in on_disk:
    if p not in listed:
        sys.exit('%s is on disk but not in the report (%d listed)' % (p, len(listed)))
    if os.path.getsize(p) != listed[p]:
        sys.exit('%s: %d bytes on disk, the report says %d' % (p, os.path.getsize(p), listed[p]))
    if expected:
        data = open(p, 'rb').read()
        if not open(os.path.join(expected, os.path.basename(p)), 'rb').read().startswith(data):
            sys.exit('%s is not a prefix of its stream' % p)
for p in listed:
    if not os.path.exists(p):
        sys.exit('%s is listed but not on disk' % p)
err = root.find(NS + 'run_error')
if err is None or 'No space left' not in err.text:
    sys.exit('the report does not record the error')
if not truncated:
    sys.exit('no file is marked truncated: did the disk fill?')
print('%d files on disk, all listed with their real size, %d marked truncated' % (len(on_disk), truncated))
PY
}

# lines: error lines wanted on stderr (the flow file's; the report's; the first HTTP body's)
# name                 tmpfs  input  report    lines extra
cases='
report-on-full-disk    2m     flows  inside    2     -
report-at-once         2m     flows  inside    2     -S flush_interval=0
report-elsewhere       2m     flows  elsewhere 1     -
md5                    2m     flows  elsewhere 1     -e md5
http                   512k   http   elsewhere 2     -e http
'
while read -r name size input where lines extra; do
  [ -n "$name" ] || continue
  small=$work/$name
  mkdir -p "$small"
  if ! mount -t tmpfs -o size="$size" tmpfs "$small" 2>/dev/null; then
    tf_case_skip "$name" "cannot mount a tmpfs"; continue
  fi
  tf_on_exit "umount '$small'"
  pcap=$gen/flows.pcap; expected=$gen/expected
  [ "$input" = http ] && { pcap=$http; expected=; }
  [ "$extra" = - ] && extra=
  report=$work/$name-report.xml
  [ "$where" = inside ] && report=$small/out/report.xml
  xarg=(); [ "$where" = elsewhere ] && xarg=(-X "$report")
  # shellcheck disable=SC2086
  timeout 120 "$bin" -r "$pcap" -o "$small/out" "${xarg[@]}" $extra 2> "$work/err"
  rc=$?
  errors=$(grep -vc '^reportfilename:' "$work/err")
  if [ $rc -ne 1 ]; then
    tf_case_fail "$name" "exit status $rc, want 1: $(head -3 "$work/err")"
  elif ! grep -q 'No space left on device' "$work/err"; then
    tf_case_fail "$name" "no ENOSPC line: $(head -3 "$work/err")"
  elif [ "$where" = inside ]; then
    cp "$report" "$work/$name-report.xml"   # (the repair cannot be written on the full disk)
    repaired=$(tf_xml_after_kill "$work/$name-report.xml")
    records=$(grep -c '</fileobject>' "$report")
    # Usually a flow file fills the disk, then the report cannot be finished: two lines.
    # When a report record is what meets the full disk first (worker threads race for
    # the last blocks), the run stops there and that one line is all: also right.
    if ! grep -q "report.xml: No space left" "$work/err" ||
       { [ "$errors" -ne "$lines" ] && [ "$errors" -ne 1 ]; }; then
      tf_case_fail "$name" "want one line for the flow file and one for the report: $(cat "$work/err")"
    elif ! tf_xml_ok "$repaired"; then
      tf_case_fail "$name" "the report on disk ($(stat -c %s "$report") bytes) is not a valid prefix"
    elif [ -n "$extra" ] && [ "$records" -eq 0 ]; then   # written at once: records got there first
      tf_case_fail "$name" "no record reached the disk before it filled"
    else
      tf_case_pass "$name: $(grep -c '</fileobject>' "$report") whole records kept, the report is a valid prefix"
    fi
  elif [ "$errors" -ne "$lines" ]; then
    tf_case_fail "$name" "$errors error lines, want $lines: $(head -5 "$work/err")"
  elif ! tf_xml_ok "$report"; then
    tf_case_fail "$name" "the report on the other disk does not parse"
  elif msg=$(check_truth "$report" "$small/out" $expected 2>&1); then
    tf_case_pass "$name: $msg"
  else
    tf_case_fail "$name" "$msg"
  fi
done <<< "$cases"
tf_finish
