#!/bin/bash
# SDK 1.3 in the shipped scanners (issue 14, point 5): md5 validates
# md5_algorithms (validate_param) before anything is created, from -S and from
# the YAML file; with -FX (no flow files) netviz, which declares
# TCPFLOW_SCANNER_NO_FLOW_FILES, runs, a scanner asked for by name that needs
# flow files is refused naming the flag, and -a leaves those off quietly.
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
srcdir=$(cd "$srcdir" && pwd)  # the runs below cd into the work folder

pcap=$srcdir/examples/http-post.pcap
have() { "$bin" -hh 2>/dev/null | grep -q "^$1 "; }
have md5 || { tf_case_skip all "the md5 scanner is not built"; tf_finish; }
printf 'parameters:\n  md5_algorithms: sha256,bogus\nscanners:\n  enable: [md5]\n' >"$work/bad.yaml"

# --- refusals: exit 2, one line, nothing created ---
# name | expected line on stderr (grep -F) | arguments
sdk_check_refusals <<'CASES'
md5-bad-digest  | tcpflow: scanner 'md5' rejects md5_algorithms='nosuch': unknown digest 'nosuch' in md5_algorithms | -e md5 -S md5_algorithms=nosuch
md5-no-digest   | tcpflow: scanner 'md5' rejects md5_algorithms=',': md5_algorithms names no digest                 | -e md5 -S md5_algorithms=,
md5-bad-yaml    | tcpflow: scanner 'md5' rejects md5_algorithms='sha256,bogus': unknown digest 'bogus'           | --config bad.yaml
fx-md5          | tcpflow: scanner 'md5' needs stored flow files and cannot run with -FX (its descriptor lacks TCPFLOW_SCANNER_NO_FLOW_FILES) | -FX -e md5
fx-md5-flag     | tcpflow: scanner 'md5' needs stored flow files and cannot run with -FX                            | -FXM
fx-http         | tcpflow: scanner 'http' needs stored flow files and cannot run with -FX                           | -FX -e http
fx-exec-cmd     | tcpflow: scanner 'exec' needs stored flow files and cannot run with -FX                           | -FX -S tcp_cmd=/bin/true
CASES

# A good value still runs, and the digest is the requested one.
rc=0
timeout 60 "$bin" -e md5 -S md5_algorithms=sha256 -r "$pcap" -o "$work/good" 2>"$work/good.err" || rc=$?
if [ $rc = 0 ] && grep -q "<hashdigest type='SHA256'>" "$work/good/report.xml"; then tf_case_pass md5-good-value
else tf_case_fail md5-good-value "exit $rc, $(cat "$work/good.err")"; fi

# -FX -a: scanners that need flow files are left off without a word; netviz runs.
rc=0
timeout 60 "$bin" -FX -a -r "$pcap" -o "$work/fx-all" 2>"$work/fx-all.err" || rc=$?
if [ $rc != 0 ]; then tf_case_fail fx-all "exit $rc: $(cat "$work/fx-all.err")"
elif grep -q "hashdigest\|HTTPBODY" "$work/fx-all/report.xml" || ls "$work/fx-all" | grep -q HTTPBODY; then
  tf_case_fail fx-all "a scanner needing flow files ran"
elif grep -q "scanner '" "$work/fx-all.err"; then tf_case_fail fx-all "complained: $(cat "$work/fx-all.err")"
elif have netviz && [ ! -s "$work/fx-all/report.pdf" ]; then tf_case_fail fx-all "netviz wrote no report.pdf"
else tf_case_pass fx-all; fi

if have netviz; then
  if "$bin" -H 2>/dev/null | sed -n '/^Scanner: netviz$/,/^$/p' | grep -q '^  flags: .*no-flow-files'; then
    tf_case_pass netviz-H-flag
  else tf_case_fail netviz-H-flag "-H does not show netviz's no-flow-files flag"; fi
  rc=0
  timeout 60 "$bin" -FX -e netviz -r "$pcap" -o "$work/fx-netviz" 2>"$work/fx-netviz.err" || rc=$?
  files=$(ls "$work/fx-netviz" 2>/dev/null | tr '\n' ' ')
  if [ $rc = 0 ] && [ "$files" = "report.pdf report.xml " ] && head -c 5 "$work/fx-netviz/report.pdf" | grep -q '%PDF-'; then
    tf_case_pass fx-netviz
  else tf_case_fail fx-netviz "exit $rc, files: $files $(cat "$work/fx-netviz.err")"; fi
else
  tf_case_skip fx-netviz "netviz is not built (no cairo)"
fi
tf_finish
