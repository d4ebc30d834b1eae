#!/usr/bin/env bash
# kill -9 while a derived file is still being written (issue 9, crash consistency): the http
# scanner's body of a POST that is half received sits partly in a stdio buffer; the durability
# tick must write it out within the bound, like flow bytes. pcap_feeder.py writes the first N
# records of http-post-large.pcap into `tcpflow -e http -r -` and keeps the pipe open; after
# the bound (+ slack) tcpflow is killed, and the body file on disk must equal the body that a
# run over exactly those N records writes. With a bound longer than the test (flush_interval=60)
# the tail still in memory is lost: that case shows the check can fail.
. "$(dirname "$0")/lib.sh"
tf_init
if ! "$bin" -hh 2>/dev/null | grep -q "^http "; then tf_case_skip all "the http scanner is not built"; tf_finish; fi
cap=$data/http-post-large.pcap
feeder=$srcdir/tests/faults/pcap_feeder.py
body=127.000.000.001.37526-127.000.000.001.00080-HTTPBODY-001

# name          records  kill after(s)  body must be   settings
# (kill after: the bound + 1.5 s of slack for a loaded machine; the long bound's case is killed
# well before its bound)
cases='
half-body       6        2.5            equal          -
half-body-fast  6        1.7            equal          -S flush_interval=0.2
long-bound      6        2.5            shorter        -S flush_interval=60
'
while read -r name n kill_after want settings; do
  [ -n "$name" ] || continue
  [ "$settings" = - ] && settings=
  w=$work/$name; mkdir -p "$w"
  python3 "$feeder" "$cap" "$w/first.pcap" --count "$n" >/dev/null
  timeout 30 "$bin" -e http -r "$w/first.pcap" -o "$w/ref" 2>/dev/null
  [ -s "$w/ref/$body" ] || { tf_case_fail "$name" "the reference run wrote no body"; continue; }
  # shellcheck disable=SC2086
  python3 "$feeder" "$cap" - --count "$n" --marker "$w/marker" --hold 20 |
    "$bin" -e http -r - -o "$w/out" $settings 2>/dev/null &
  for _ in $(seq 100); do [ -s "$w/marker" ] && break; sleep 0.1; done
  sleep "$kill_after"
  pkill -KILL -f "^$bin -e http -r - -o $w/out"
  pkill -f "pcap_feeder.py $cap - --count $n --marker $w/marker"
  wait 2>/dev/null
  [ -f "$w/out/$body" ] || { tf_case_fail "$name" "no body file on disk"; continue; }
  got=$(stat -c %s "$w/out/$body") ref=$(stat -c %s "$w/ref/$body")
  tf_is_prefix "$w/out/$body" "$w/ref/$body" || { tf_case_fail "$name" "the body on disk is not a prefix of the body"; continue; }
  case $want in
    equal) if [ "$got" = "$ref" ]; then tf_case_pass "$name: $got of $ref body bytes on disk"
           else tf_case_fail "$name" "$got of $ref body bytes on disk after the bound"; fi ;;
    shorter) if [ "$got" -lt "$ref" ]; then tf_case_pass "$name: $got of $ref bytes (the tail waited in memory)"
             else tf_case_fail "$name" "all $ref bytes on disk: the check cannot tell a flushed body from a lost tail"; fi ;;
  esac
done <<< "$cases"
tf_finish
