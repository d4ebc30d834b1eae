#!/usr/bin/env bash
# linklayers.sh -- every link type decoded, end to end: tcpflow on a capture of that link type
# (tests/data, real or made by tests/data/craft-linklayers.py) writes exactly the stream bytes
# tshark reassembled (tests/data/truth/<capture>/), and the report counts what is not processed.
# Also: a link type not decoded is counted (unsupported_link) and warned about, exit status 0.
. "$(dirname "$0")/../faults/lib.sh"
tf_init

# capture | report counters that must hold (reason=value, space separated; '-' none)
cases='
crafted-link-ieee80211-105.pcap|not_ip=3
crafted-link-radiotap-qos-127.pcap|-
crafted-link-prism-119.pcap|-
crafted-link-avs-163.pcap|-
crafted-link-ppi-192.pcap|-
crafted-link-ethernet-llc-snap.pcap|not_ip=0
crafted-link-pflog-117.pcap|-
crafted-link-token-ring-6.pcap|-
crafted-link-ppp-hdlc-50.pcap|-
crafted-link-gprs-llc-169.pcap|-
crafted-link-ipnet-226.pcap|-
crafted-link-pktap-258.pcap|-
crafted-link-erf-197.pcap|-
aruba-gre-80211-qos-http.pcap.gz|unsupported_link=0
capwap-80211-qinq-tls.pcapng|-
fddi-llc-snap-dns-tcp.pcap|-
chdlc-http.pcap|-
ppp-linktype9-chdlc-bgp.pcap|-
nflog-ipv4-http.pcap|-
arcnet-linux-http.pcap|-
ipoib-ssh.pcap|-
'

# report_count REPORT REASON: the report's count of packets not processed for REASON.
report_count() { sed -n "s/.*<packets reason='$2'>\([0-9]*\)<.*/\1/p" "$1"; }

while IFS='|' read -r cap counters; do
  [ -n "$cap" ] || continue
  out=$work/${cap%.gz}
  truth=$data/truth/${cap%.gz}
  if [ ! -d "$truth" ]; then tf_case_fail "$cap" "no truth folder $truth"; continue; fi
  timeout 60 "$bin" -r "$data/$cap" -o "$out" >"$out.stdout" 2>"$out.stderr"
  rc=$?
  if [ $rc -ne 0 ]; then tf_case_fail "$cap" "exit $rc: $(head -c 300 "$out.stderr")"; continue; fi
  if ! res=$(python3 "$srcdir/tests/e2e/truth-compare.py" "$out" "$truth"); then
    tf_case_fail "$cap" "against tshark: $(echo "$res" | tail -1)"; continue
  fi
  # A capture whose truth is empty would pass without decoding anything.
  case $(echo "$res" | tail -1) in "matched 0 of 0") tf_case_fail "$cap" "truth has no stream"; continue;; esac
  bad=
  for kv in $counters; do
    [ "$kv" = - ] && continue
    got=$(report_count "$out/report.xml" "${kv%%=*}")
    [ "$got" = "${kv#*=}" ] || bad="$bad ${kv%%=*}=$got (want ${kv#*=})"
  done
  if [ -n "$bad" ]; then tf_case_fail "$cap" "report:$bad"; continue; fi
  tf_case_pass "$cap: $(echo "$res" | tail -1)"
done <<<"$cases"

# A link type nothing decodes (147, LINKTYPE_USER0): one packet, counted and warned, exit 0.
unk=$work/user0.pcap
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x93\x00\x00\x00' >"$unk"
printf '\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x04\x00\x00\x00abcd' >>"$unk"
timeout 20 "$bin" -r "$unk" -o "$work/user0" >/dev/null 2>"$work/user0.stderr"
rc=$?
n=$(report_count "$work/user0/report.xml" unsupported_link 2>/dev/null)
if [ $rc -eq 0 ] && [ "$n" = 1 ] && grep -q 'warning: .*link type 147 .*not decoded' "$work/user0.stderr"; then
  tf_case_pass "unknown link type: exit 0, unsupported_link=1, one warning"
else
  tf_case_fail "unknown link type" "exit $rc, unsupported_link=$n, stderr: $(head -c 200 "$work/user0.stderr")"
fi
# -q silences the warning, not the count.
timeout 20 "$bin" -q -r "$unk" -o "$work/user0q" >/dev/null 2>"$work/user0q.stderr"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$work/user0q.stderr" ] && [ "$(report_count "$work/user0q/report.xml" unsupported_link)" = 1 ]; then
  tf_case_pass "unknown link type with -q: silent, still counted"
else
  tf_case_fail "unknown link type with -q" "exit $rc, stderr: $(head -c 200 "$work/user0q.stderr")"
fi
tf_finish
