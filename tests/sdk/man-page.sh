#!/bin/bash
# The man page documents what users reach for (issue 14, point 4): every YAML
# key the configuration reader accepts (asked from tcpflow itself through its
# "valid keys" message), every exit status of core/app/exit_status.h, every
# environment variable the program reads, the FILES; its example
# configuration is examples/tcpflow.yaml, byte for byte, and tcpflow runs with
# it and reports what it set. The page renders without groff warnings.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
srcdir=$(cd "$srcdir" && pwd)  # the runs below cd into the work folder

man=$srcdir/doc/tcpflow.1
pcap=$srcdir/examples/http-post.pcap
# section NAME: the roff source of one .SH section.
section() { awk -v want=".SH $1" '$0 == want { on = 1; next } /^\.SH / { on = 0 } on' "$man"; }

for s in "CONFIGURATION FILE" "EXIT STATUS" "ENVIRONMENT" "FILES"; do
  if [ -n "$(section "$s")" ]; then tf_case_pass "section $s"; else tf_case_fail "section $s" "missing or empty"; fi
done

# Keys: what the reader says is valid, at the top level and under scanners.
config_section=$(section "CONFIGURATION FILE")
missing=
for yaml in 'nosuch: 1' $'scanners:\n  nosuch: 1'; do
  printf '%s\n' "$yaml" >"$work/keys.yaml"
  keys=$("$bin" --config "$work/keys.yaml" -r "$pcap" -o "$work/keys" 2>&1 | sed -n 's/.*valid keys: //p' | tr -d ',')
  [ -n "$keys" ] || { missing="$missing (no 'valid keys' message)"; continue; }
  for k in $keys; do
    grep -q "^\.B $k\$\|\\\\fB$k\\\\fR" <<<"$config_section" || missing="$missing $k"
  done
done
if [ -z "$missing" ]; then tf_case_pass yaml-keys; else tf_case_fail yaml-keys "undocumented:$missing"; fi

# Exit statuses: each constant of exit_status.h is an entry of EXIT STATUS.
exit_section=$(section "EXIT STATUS")
missing=
for n in $(sed -n 's/^constexpr int kExit[A-Za-z]* = \([0-9]*\);.*/\1/p' "$srcdir/core/app/exit_status.h"); do
  case $n in 128) pat='^\.B 128+' ;; *) pat="^\\.B $n\$" ;; esac
  grep -q "$pat" <<<"$exit_section" || missing="$missing $n"
done
if [ -z "$missing" ]; then tf_case_pass exit-statuses; else tf_case_fail exit-statuses "undocumented:$missing"; fi

# Environment: every getenv("NAME") of the program and its scanners.
env_section=$(section "ENVIRONMENT")
missing=
for v in $(grep -rhoE 'getenv\("[A-Za-z0-9_]+"\)' "$srcdir/core" "$srcdir/plugins" --include='*.cpp' --include='*.h' | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
  grep -q "^\.B $v\$" <<<"$env_section" || missing="$missing $v"
done
if [ -z "$missing" ]; then tf_case_pass environment; else tf_case_fail environment "undocumented:$missing"; fi

files_section=$(section "FILES")
missing=
for f in 'scanners\\-1' 'report.xml' '.tcpflow.lock' 'examples/tcpflow.yaml' 'examples/c\\-scanner'; do
  grep -q "$f" <<<"$files_section" || missing="$missing $f"
done
if [ -z "$missing" ]; then tf_case_pass files; else tf_case_fail files "not listed:$missing"; fi

# The example block, roff escapes undone, is examples/tcpflow.yaml.
awk '/^\.\\" example-config-begin/ { on = 1; next } /^\.\\" example-config-end/ { on = 0 } on' "$man" |
  sed -e '/^\.nf$/d' -e '/^\.fi$/d' -e '/^\.\\"/d' -e 's/\\-/-/g' -e 's/\\\\/\\/g' >"$work/example.yaml"
if [ -s "$work/example.yaml" ] && diff -u "$srcdir/examples/tcpflow.yaml" "$work/example.yaml" >"$work/example.diff"; then
  tf_case_pass example-is-shipped-file
else tf_case_fail example-is-shipped-file "$(head -20 "$work/example.diff")"; fi

# tcpflow runs with the documented example and the report shows what it set.
if "$bin" -hh 2>/dev/null | grep -q "^md5 " && "$bin" -hh 2>/dev/null | grep -q "^http "; then
  rc=0
  (cd "$work" && timeout 60 "$bin" --config "$work/example.yaml" -r "$pcap" -o "$work/ex") 2>"$work/ex.err" || rc=$?
  r=$work/ex/report.xml
  if [ $rc = 0 ] && grep -q "<setting name='md5_algorithms' value='md5,sha256'/>" "$r" &&
     grep -q "<scanner name='http' [^>]* enabled='1'>" "$r" &&
     grep -q "<setting name='tcp_timeout' value='300' default='0'/>" "$r" &&
     grep -q "<hashdigest type='SHA256'>" "$r"; then
    tf_case_pass example-runs
  else tf_case_fail example-runs "exit $rc: $(cat "$work/ex.err")"; fi
else
  tf_case_skip example-runs "the md5 or http scanner is not built"
fi

if command -v groff >/dev/null; then
  if groff -man -ww -z "$man" 2>"$work/groff.err" && ! grep -q . "$work/groff.err"; then tf_case_pass renders
  else tf_case_fail renders "$(head -5 "$work/groff.err")"; fi
else
  tf_case_skip renders "groff is not installed"
fi
tf_finish
