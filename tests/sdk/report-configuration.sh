#!/bin/bash
# report.xml describes the run (issue 14, point 3): the first <configuration>
# lists every loaded scanner once (name, version, ABI, path, enabled) with its
# settings' values, and every core setting given a value other than its
# default; a run without either keeps tcpflow 1.6.1's empty element, and the
# second <configuration> still holds one <fileobject> per flow file.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
srcdir=$(cd "$srcdir" && pwd)  # the runs below cd into the work folder

pcap=$srcdir/examples/http-post.pcap
"$bin" -hh 2>/dev/null | grep -q "^md5 " || { tf_case_skip all "the md5 scanner is not built"; tf_finish; }
md5_path=$("$bin" -hh 2>/dev/null | awk '$1 == "md5" { print $4 }')
printf 'core:\n  frag_timeout: 60\nparameters:\n  md5_algorithms: sha1\n' >"$work/run.yaml"

# name | arguments | expected first <configuration>, one line per element:
#   scanner NAME VERSION ABI PATH ENABLED SETTING=VALUE... ; core NAME VALUE DEFAULT
while IFS='|' read -r name args expect; do
  name=$(echo $name) expect=$(echo $expect)
  [ -z "$name" ] && continue
  out=$work/$name
  rc=0
  (cd "$work" && timeout 60 "$bin" $args -r "$pcap" -o "$out") >/dev/null 2>"$work/$name.err" || rc=$?
  [ $rc = 0 ] || { tf_case_fail "$name" "exit $rc: $(cat "$work/$name.err")"; continue; }
  got=$(python3 - "$out" <<'PY'
import os, sys, xml.etree.ElementTree as E
out = sys.argv[1]
root = E.parse(os.path.join(out, 'report.xml')).getroot()
confs = [c for c in root if c.tag.endswith('configuration')]
if len(confs) != 2: sys.exit('%d <configuration> elements, expected 2' % len(confs))
first, second = confs
# A 1.6.1 reader: the second one holds a <fileobject> per flow file, the first none.
files = sorted(f for f in os.listdir(out) if f != 'report.xml')
names = sorted(os.path.basename(o.find('{*}filename').text) for o in second if o.tag.endswith('fileobject'))
if names != files: sys.exit('fileobjects %s, flow files %s' % (names, files))
if any(e.tag.endswith('fileobject') for e in first.iter()): sys.exit('a fileobject in the first <configuration>')
lines = []
for child in first:
    tag = child.tag.split('}')[-1]
    if tag == 'scanners':
        for s in child:
            a = s.attrib
            lines.append(' '.join(['scanner', a['name'], a['version'], a['abi'], a['path'], a['enabled']] +
                                  ['%s=%s' % (p.get('name'), p.get('value')) for p in s]))
    elif tag == 'core_settings':
        for c in child:
            lines.append('core %s %s %s' % (c.get('name'), c.get('value'), c.get('default')))
    else:
        sys.exit('unexpected <%s>' % tag)
print(' ; '.join(lines))
PY
  ) || { tf_case_fail "$name" "$got"; continue; }
  expect=${expect//@MD5@/$md5_path}
  if [ "$got" = "$expect" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "got '$got', expected '$expect'"; fi
done <<'CASES'
plain        |                                                       |
defaults     | -S tcp_timeout=0 -S enable_report=yes                 |
md5          | -e md5 -S tcp_timeout=30 -S overlap_policy=last       | scanner md5 2.0.0 1.3 @MD5@ 1 md5_algorithms=md5 md5_objects=NO ; core tcp_timeout 30 0 ; core overlap_policy last first
md5-disabled | -e md5 -x md5 -S md5_algorithms=sha256                | scanner md5 2.0.0 1.3 @MD5@ 0 md5_algorithms=sha256 md5_objects=NO
yaml-then-cli| --config run.yaml -e md5 -S frag_timeout=45           | scanner md5 2.0.0 1.3 @MD5@ 1 md5_algorithms=sha1 md5_objects=NO ; core frag_timeout 45 30
CASES

# Text that needs escaping reaches the report escaped, and the report still parses.
rc=0
timeout 60 "$bin" -S "tcp_cmd=/bin/true <&'\">" -r "$pcap" -o "$work/escape" 2>"$work/escape.err" || rc=$?
if [ $rc = 0 ] && tf_xml_ok "$work/escape/report.xml" &&
   python3 -c 'import sys,xml.etree.ElementTree as E
r=E.parse(sys.argv[1]).getroot()
v=[s.get("value") for s in r.iter() if s.tag.endswith("setting") and s.get("name")=="tcp_cmd"]
sys.exit(v != ["/bin/true <&'"'"'\">"])' "$work/escape/report.xml"; then
  tf_case_pass escaped
else tf_case_fail escaped "exit $rc $(cat "$work/escape.err")"; fi
tf_finish
