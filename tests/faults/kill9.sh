#!/usr/bin/env bash
# kill -9 in the middle of a run on many flows (issue 9, "nothing lost"): flowgen.py makes
# 1000 interleaved connections with distinct payloads plus 20 slow ones that stay open, a
# feeder paces the capture into `tcpflow -r -` over several seconds, and kill -9 comes at the
# time the table says. Then:
#   - every flow file on disk is a prefix of its true stream (never garbage);
#   - the report, with the closing tags of its open elements appended, parses;
#   - every flow whose last packet went into the pipe more than the flush bound (+1.5 s of
#     slack) before the kill has its whole file and its record (filename, filesize);
#   - every flow, open ones included, has on disk at least the bytes it sent that long before.
# (Written for tcpflow's streaming stdin reader; the 64 KiB reads of the current one are
# covered by 256 KiB chunks.)
. "$(dirname "$0")/lib.sh"
tf_init
gen=$work/gen
timeout 300 python3 "$srcdir/tests/faults/flowgen.py" "$gen" 1000 20 || { tf_case_fail generate "flowgen.py failed"; tf_finish; }

# The bound is a validated setting: a bad value is a command-line error and creates nothing.
for bad in -1 abc 3601 nan 1s; do
  timeout 30 "$bin" -r "$data/http-post.pcap" -o "$work/bad" -S flush_interval=$bad 2> "$work/err"
  rc=$?
  if [ $rc -eq 2 ] && [ ! -e "$work/bad" ] && grep -q "flush_interval" "$work/err"; then
    tf_case_pass "flush_interval=$bad refused"
  else
    tf_case_fail "flush_interval=$bad" "exit $rc, want 2 with a message and no output folder: $(head -2 "$work/err")"
  fi
done

# name        kill_at(s) feed_over(s) bound(s) settings
cases='
early         0.8        7            1        -
middle        3.5        7            1        -
late          6          7            1        -
short-bound   3.5        7            0.2      -S flush_interval=0.2
at-once       3.5        7            0        -S flush_interval=0
'
while read -r name kill_at over bound settings; do
  [ -n "$name" ] || continue
  out=$work/$name
  [ "$settings" = - ] && settings=
  # shellcheck disable=SC2086
  if ! msg=$(timeout 120 python3 "$srcdir/tests/faults/kill9_run.py" run "$gen" "$out" "$kill_at" "$over" "$bound" \
               "$bin" $settings 2>&1); then
    tf_case_fail "$name" "the feeder failed: $msg"; continue
  fi
  if [ ! -s "$out/report.xml" ]; then tf_case_fail "$name" "no report header on disk ($msg)"; continue; fi
  repaired=$(tf_xml_after_kill "$out/report.xml")
  if verdict=$(python3 "$srcdir/tests/faults/kill9_run.py" check "$gen" "$out" "$repaired" 2>&1); then
    tf_case_pass "$name: $msg; $verdict"
  else
    tf_case_fail "$name" "$msg; $verdict"
  fi
  rm -rf "$out"
done <<< "$cases"
tf_finish
