#!/usr/bin/env bash
# tunnels.sh -- tunnels and the handshake ISN rule end to end (issue 15, points 2 and 3).
# Each case runs tcpflow on a capture of tests/data and checks flow files byte for byte:
#   truth    every direction tshark reassembled completely (tests/data/truth/<capture>) is a
#            flow file with exactly those bytes, and there are exactly N such directions (so an
#            empty or missing truth folder cannot pass);
#   file     one named flow file holds exactly the bytes of a reference: a truth file (also
#            where tshark marks the direction incomplete: it follows the right ISN's bytes
#            but flags them), or a SHA-256;
#   absent   no flow file for a port (what the decoder must refuse);
#   counter  a report value: <packets reason='R'> or <counter name='R'> equals N.
# The captures are real ones (see tests/data/MANIFEST.tsv) or made with scapy by
# tests/data/craft-tunnel-pcaps.py.
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$(cd "$here/../.." && pwd)}
. "$srcdir/tests/faults/lib.sh"
tf_init
compare=$srcdir/tests/e2e/truth-compare.py
T=$data/truth

# capture | check | argument(s)
cases=(
  # Geneve, GTP-U (real captures)
  "geneve-eth-ssh.pcap|truth|2"
  "geneve-ipv4-gre-http.pcap|truth|2"
  "gtpu-seqflag-tls.pcap|truth|2"
  "sll-loopback-gtpu-ipv6-sip-reuse.pcap|truth|8"
  # L2TP, Teredo, VXLAN-GPE, IP in IPv6, 6to4 (generated)
  "crafted-l2tp-ppp-http.pcap|truth|2"
  "crafted-l2tp-ppp-http.pcap|counter|not_ip 1"
  # L2TPv3 over IP: tshark (default preferences) does not decode it; the bytes are the same
  # requests and responses as in crafted-l2tp-ppp-http.pcap, whose truth pins them
  "crafted-l2tpv3-ip-eth-http.pcap|file|010.001.001.010.43101-010.001.001.020.00080 other:crafted-l2tp-ppp-http.pcap/0-10.1.0.10.41000-10.1.0.20.80"
  "crafted-l2tpv3-ip-eth-http.pcap|file|010.001.001.020.00080-010.001.001.010.43101 other:crafted-l2tp-ppp-http.pcap/0-10.1.0.20.80-10.1.0.10.41000"
  "crafted-l2tpv3-ip-eth-http.pcap|file|010.001.001.010.43102-010.001.001.020.00080 other:crafted-l2tp-ppp-http.pcap/0-10.1.0.10.41000-10.1.0.20.80"
  "crafted-l2tpv3-ip-eth-http.pcap|file|010.001.001.020.00080-010.001.001.010.43102 other:crafted-l2tp-ppp-http.pcap/0-10.1.0.20.80-10.1.0.10.41000"
  "crafted-teredo-http.pcap|truth|2"
  "crafted-vxlan-gpe-http.pcap|truth|6"
  "crafted-ip-in-ipv6-http.pcap|truth|4"
  "crafted-sit-6to4-http.pcap|truth|2"
  # tunnel ports whose payload is no tunnel header stay plain UDP (not_tcp), except the
  # DNS-like bytes on 4789: VXLAN is recognised by its I flag alone, as before, and the
  # "inner Ethernet frame" has an unknown ethertype (not_ip)
  "crafted-fake-tunnel-ports.pcap|truth|2"
  "crafted-fake-tunnel-ports.pcap|counter|not_tcp 11"
  "crafted-fake-tunnel-ports.pcap|counter|not_ip 1"
  "crafted-fake-tunnel-ports.pcap|counter|malformed 0"
  # nesting: six tunnels deep is decoded; 20 IP-in-IP headers are refused, counted malformed
  "crafted-tunnel-nesting.pcap|file|2001:0:c000:201:0:63bf:3f8c:fff6.46000-2001:db8::99.00080 truth:0-2001:0:c000:201:0:63bf:3f8c:fff6.46000-2001:db8::99.80"
  "crafted-tunnel-nesting.pcap|file|2001:db8::99.00080-2001:0:c000:201:0:63bf:3f8c:fff6.46000 truth:0-2001:db8::99.80-2001:0:c000:201:0:63bf:3f8c:fff6.46000"
  "crafted-tunnel-nesting.pcap|absent|46001"
  "crafted-tunnel-nesting.pcap|counter|malformed 9"
  # handshake: byte 0 follows the ISN the peer acknowledges
  "tls-multiple-synack-different-isn.pcapng|truth|2"
  "crafted-tfo-synack-isn-change.pcap|file|010.020.000.002.00443-010.020.000.001.48000 truth:0-10.20.0.2.443-10.20.0.1.48000"
  "crafted-tfo-synack-isn-change.pcap|truth|1"
  "crafted-tfo-synack-isn-change.pcap|counter|syn_isn_changes 1"
  "crafted-synack-isn-far.pcap|file|010.021.000.002.00443-010.021.000.001.48001 truth:0-10.21.0.2.443-10.21.0.1.48001"
  "crafted-synack-isn-far.pcap|counter|flows_split_by_jump 0"
  "crafted-synack-isn-first-acked.pcap|truth|1"
  "crafted-synack-isn-first-acked.pcap|file|010.022.000.002.00080-010.022.000.001.48002 other:crafted-l2tp-ppp-http.pcap/0-10.1.0.20.80-10.1.0.10.41000"
  "crafted-syn-isn-change.pcap|truth|2"
  "crafted-syn-isn-change.pcap|counter|syn_isn_changes 1"
  "crafted-syn-isn-change.pcap|counter|flows_split_by_new_syn 0"
  # a second SYN-ACK after data started: the first ISN stays (the bytes 1.6.1 writes)
  "sll-arphrd530-synack-isn-change.pcap|file|173.252.097.002.00443-010.024.082.188.35503 sha256:f602dcaa0bbf08d6584f452f8e6dc2f593b750ca546dc65cb3dcde2e339f3400"
)

declare -A ran=()
run_once() {  # run tcpflow on a capture once; the cases of one capture share the output
  local cap=$1 d=$work/$1
  [ -n "${ran[$cap]:-}" ] && return "${ran[$cap]}"
  mkdir -p "$d/out"
  timeout 60 "$bin" -r "$data/$cap" -o "$d/out" > "$d/stdout" 2> "$d/stderr"
  local rc=$?
  ran[$cap]=$rc
  return $rc
}

report_value() {  # report_value OUT NAME: a <packets reason=NAME> or <counter name=NAME> value
  sed -n "s/.*<packets reason='$2'>\([0-9]*\)<.*/\1/p; s/.*<counter name='$2'>\([0-9]*\)<.*/\1/p" "$1/report.xml" | head -1
}

for c in "${cases[@]}"; do
  IFS='|' read -r cap check arg <<< "$c"
  name="$cap:$check:${arg%% *}"
  [ -f "$data/$cap" ] || { tf_case_fail "$name" "capture tests/data/$cap is missing"; continue; }
  run_once "$cap" || { tf_case_fail "$name" "exit ${ran[$cap]}: $(head -c 300 "$work/$cap/stderr")"; continue; }
  out=$work/$cap/out
  case $check in
    truth)
      res=$(python3 "$compare" "$out" "$T/$cap" -v 2>&1)
      last=$(echo "$res" | tail -1)
      if [ "$last" = "matched $arg of $arg" ]; then tf_case_pass "$name"
      else tf_case_fail "$name" "want 'matched $arg of $arg', got: $(echo "$res" | tail -4 | tr '\n' ' ')"; fi ;;
    file)
      read -r flow ref <<< "$arg"
      f=$out/$flow
      [ -f "$f" ] || { tf_case_fail "$name" "no flow file $flow (have: $(ls "$out" | tr '\n' ' '))"; continue; }
      case $ref in
        truth:*) want=$(sha256sum < "$T/$cap/${ref#truth:}" | cut -d' ' -f1) ;;
        other:*) want=$(sha256sum < "$T/${ref#other:}" | cut -d' ' -f1) ;;
        sha256:*) want=${ref#sha256:} ;;
      esac
      got=$(sha256sum < "$f" | cut -d' ' -f1)
      if [ "$got" = "$want" ]; then tf_case_pass "$name"
      else tf_case_fail "$name" "$flow: $(stat -c %s "$f") bytes, not the expected ones ($ref)"; fi ;;
    absent)
      if ls "$out" | grep -q "\.0*$arg-\|\.0*$arg\$"; then tf_case_fail "$name" "a flow file for port $arg exists"
      else tf_case_pass "$name"; fi ;;
    counter)
      read -r key want <<< "$arg"
      got=$(report_value "$out" "$key")
      if [ "$got" = "$want" ]; then tf_case_pass "$name"
      else tf_case_fail "$name" "report $key is '${got}', want $want"; fi ;;
  esac
done
tf_finish
