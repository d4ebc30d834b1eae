#!/bin/bash
# settings.sh -- every core -S setting is validated like a scanner setting (issue 9): a bad
# value is exit 2 with one line naming the setting and what is valid, and nothing is created;
# the same through the YAML file's core: section.  Good values still run.
. "$(dirname "$0")/lib.sh"
tf_init
capture=$data/http-post.pcap

# how | setting=value | exit | stderr regex (first line)
while IFS='|' read -r how setting want regex; do
  how=$(echo $how); setting=$(echo $setting); want=$(echo $want); regex=$(echo "$regex" | sed 's/^ *//; s/ *$//')
  [ -n "$how" ] || continue
  name="$how $setting"
  out=$work/out-$RANDOM
  case $how in
    -S) "$bin" -r "$capture" -o "$out" -S "$setting" >/dev/null 2>"$work/err"; rc=$? ;;
    yaml) printf 'core:\n  %s: "%s"\n' "${setting%%=*}" "${setting#*=}" > "$work/c.yaml"
          "$bin" -r "$capture" -o "$out" --config "$work/c.yaml" >/dev/null 2>"$work/err"; rc=$? ;;
  esac
  if [ "$rc" != "$want" ]; then tf_case_fail "$name" "exit $rc, want $want: $(head -1 "$work/err")"; continue; fi
  if [ "$want" = 2 ]; then
    head -1 "$work/err" | grep -Eq -- "$regex" || { tf_case_fail "$name" "stderr: $(head -1 "$work/err")"; continue; }
    [ ! -e "$out" ] || { tf_case_fail "$name" "the output folder was created"; continue; }
  else
    if [ "${setting,,}" = enable_report=no ]; then
      [ ! -e "$out/report.xml" ] || { tf_case_fail "$name" "a report was written"; continue; }
    else
      tf_xml_ok "$out/report.xml" || { tf_case_fail "$name" "no complete report"; continue; }
    fi
  fi
  tf_case_pass "$name"
done <<'TABLE'
-S   | enable_report=maybe       | 2 | ^tcpflow: invalid value 'maybe' for -S enable_report: expected YES or NO \(also TRUE/FALSE, ON/OFF, Y/N, T/F, 1/0\)$
-S   | enable_report=           | 2 | ^tcpflow: invalid value '' for -S enable_report: expected YES or NO
-S   | enable_report=yess       | 2 | ^tcpflow: invalid value 'yess' for -S enable_report
-S   | enable_report=no         | 0 |
-S   | enable_report=True       | 0 |
-S   | tdelta=1.5               | 2 | ^tcpflow: invalid value '1.5' for -S tdelta: expected an integer$
-S   | packet-buffer-timeout=-1 | 2 | -S packet-buffer-timeout
-S   | packet-buffer-timeout=60001 | 2 | ^tcpflow: invalid value '60001' for -S packet-buffer-timeout: expected 0..60000$
-S   | tcp_timeout=abc          | 2 | -S tcp_timeout
-S   | overlap_policy=middle    | 2 | ^tcpflow: invalid value 'middle' for -S overlap_policy: expected first or last$
-S   | max_flows=0              | 2 | ^tcpflow: invalid value '0' for -S max_flows: expected 1\.\.
-S   | max_pending_bytes=12Q    | 2 | -S max_pending_bytes
-S   | max_pending_total=2000G  | 2 | ^tcpflow: invalid value '2000G' for -S max_pending_total: expected 0\.\.
-S   | midstream_hold=-5        | 2 | -S midstream_hold
-S   | max_buffered_bytes=x     | 2 | -S max_buffered_bytes
-S   | frag_max_bytes=1.5M      | 2 | ^tcpflow: invalid value '1.5M' for -S frag_max_bytes: expected a number in 0\.\.[0-9]+ \(k, M or G suffix allowed\)$
-S   | frag_timeout=0           | 2 | ^tcpflow: invalid value '0' for -S frag_timeout: expected 1\.\.86400$
-S   | frag_overlap=both        | 2 | ^tcpflow: invalid value 'both' for -S frag_overlap: expected first or last$
-S   | shutdown_timeout=3601    | 2 | ^tcpflow: invalid value '3601' for -S shutdown_timeout: expected 0\.\.3600$
-S   | shutdown_timeout=soon    | 2 | -S shutdown_timeout
-S   | shutdown_timeout=0       | 0 |
yaml | enable_report=maybe      | 2 | ^tcpflow: config .*c\.yaml: invalid value 'maybe' for -S enable_report: expected YES or NO
yaml | max_flows=0              | 2 | ^tcpflow: config .*c\.yaml: invalid value '0' for -S max_flows
yaml | enable_report=NO         | 0 |
TABLE
tf_finish
