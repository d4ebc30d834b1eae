#!/bin/bash
# End-to-end test of the netviz scanner: runs the built tcpflow with -e netviz
# on real captures and checks the report against ground truth computed
# independently by pcap_truth.py (a standard-library pcap reader): packet
# count, byte total, busiest source/destination address and destination port.
# Also: the page renders to PNG with pdftoppm, other formats and paper sizes
# work, the dump goes to stdout, and empty / one-packet captures give a page.
# Exit 77 (skip) without pdftotext/pdftoppm or python3.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tcpflow=${TCPFLOW_BIN:-$here/../../../tcpflow}
data=${NETVIZ_DATA:-$here/../../../tests/data}
for tool in pdftotext pdftoppm python3; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
[ -x "$tcpflow" ] || { echo "FAIL: no tcpflow at $tcpflow"; exit 1; }

work=$(mktemp -d /tmp/netviz-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run NAME PCAP [tcpflow options...]: output in $work/NAME, stdout in $work/NAME.out
run() {
    local name=$1 pcap=$2
    shift 2
    mkdir -p "$work/$name"
    if ! "$tcpflow" -e netviz "$@" -r "$pcap" -o "$work/$name" >"$work/$name.out" 2>"$work/$name.err"; then
        fail "$name: tcpflow exited non-zero: $(head -3 "$work/$name.err")"
        return 1
    fi
    if grep -q "tcpflow: netviz" "$work/$name.err"; then fail "$name: netviz complained: $(grep "tcpflow: netviz" "$work/$name.err")"; fi
}

# page_text NAME: the report's text, with runs of blanks squeezed
page_text() { pdftotext "$work/$1/report.pdf" - 2>/dev/null | tr -s ' '; }

expect_text() {  # NAME REGEX WHAT
    page_text "$1" | grep -Eq -- "$2" || fail "$1: report lacks $3 (/$2/)"
}

renders() {  # NAME: one page that pdftoppm turns into a non-empty PNG
    local pdf=$work/$1/report.pdf
    [ -s "$pdf" ] || { fail "$1: no report.pdf"; return; }
    pdftoppm -png -r 40 "$pdf" "$work/$1/page" 2>"$work/$1.ppm.err" || fail "$1: pdftoppm failed: $(cat "$work/$1.ppm.err")"
    local pages
    pages=$(ls "$work/$1"/page*.png 2>/dev/null | wc -l)
    [ "$pages" -eq 1 ] || fail "$1: expected one page, pdftoppm made $pages"
}

regex_quote() { printf '%s' "$1" | sed 's/[.[\*^$()+?{|]/\\&/g'; }

check_capture() {  # NAME PCAP
    local name=$1 pcap=$2
    run "$name" "$pcap" || return
    renders "$name"
    local truth packets bytes
    truth=$(python3 "$here/pcap_truth.py" "$pcap") || { fail "$name: pcap_truth.py failed"; return; }
    packets=$(awk '$1 == "packets" {print $2}' <<<"$truth")
    bytes=$(awk '$1 == "bytes" {print $2}' <<<"$truth")
    expect_text "$name" "Packets analysed: $packets \(.*, $bytes bytes\)" "$packets packets / $bytes bytes"
    local key what addr
    for key in src_top dst_top dport_top; do
        read -r _ addr _ tie <<<"$(grep "^$key " <<<"$truth")"
        [ "$addr" = none ] && continue
        case $key in
            src_top) what="Top source addresses" ;;
            dst_top) what="Top destination addresses" ;;
            dport_top) what="Top destination ports" ;;
        esac
        # A shared first place may be listed second; a unique one must be first.
        if [ -n "${tie:-}" ]; then
            expect_text "$name" "^[123]\) $(regex_quote "$addr")( \([A-Za-z0-9]+\))? .*\([<0-9.]+%\)" "$what: $addr"
        else
            expect_text "$name" "^1\) $(regex_quote "$addr")( \([A-Za-z0-9]+\))? .*\([<0-9.]+%\)" "$what: $addr first"
        fi
        tie=
    done
}

# --- real captures: Ethernet, many flows, Linux cooked, BSD loopback IPv6, raw IP, VLAN ---
check_capture browser "$data/http-browser-page-load.pcap"
check_capture webattack "$data/many-flows-webattack-797-nosyn.pcap"
check_capture sll "$data/nsec-sll-handshake.pcap"
check_capture null6 "$data/ipv6-http-null.pcap"
check_capture rawip "$data/rawip-http-6flows-chunked.pcap"
check_capture vlan "$data/ipv6-frag-vlan-tcp.pcap"
expect_text browser "Transports \(share of bytes\): IPv4 100% IPv6 0% ARP 0% VLAN 0% Other 0%" "the transports line"
expect_text browser "First packet: 2013-05-15 14:21:07" "the first packet time"
expect_text browser "Top source ports" "the source port chart"
expect_text browser "port 80 \(HTTP\)" "the HTTP port in the histogram legend"
expect_text browser "bytes per [0-9]+ (ms|s)" "the histogram's y axis title"
expect_text browser "time since the first packet" "the histogram's x axis title"
expect_text vlan "VLAN 100%" "all bytes counted as VLAN"

# --- the run as the host tells it (SDK 1.1 run_info): input names and tcpflow's version ---
version=$("$tcpflow" -V | awk '{print $2}')
expect_text browser "Input: http-browser-page-load\.pcap \(Ethernet capture\)" "the input file name"
expect_text browser "Program: tcpflow $(regex_quote "$version") \(netviz [0-9.]+, scanner ABI 1\.[0-9]+\)" "the host's version $version"
run multi "$data/http-post.pcap" -r "$data/http-browser-page-load.pcap" -r "$data/ipv6-http-null.pcap"
expect_text multi "Input: http-browser-page-load\.pcap \+ 2 more \(" "the first input and the count of the others"

# --- empty and one-packet captures: a page, no crash ---
python3 "$here/pcap_truth.py" --write-empty "$work/empty.pcap"
python3 "$here/pcap_truth.py" --write-first "$data/http-browser-page-load.pcap" "$work/one.pcap"
run empty "$work/empty.pcap" && renders empty
expect_text empty "Packets analysed: 0" "a zero packet count"
expect_text empty "no packets" "the empty-capture notice"
run one "$work/one.pcap" && renders one
expect_text one "Packets analysed: 1 \(" "a one packet count"
expect_text one "1 bar of 1 ms" "a single bar"

# --- parameters ---
run png "$data/http-browser-page-load.pcap" -S netviz_format=png
head -c 8 "$work/png/report.png" 2>/dev/null | grep -q PNG || fail "png: no report.png"
[ -e "$work/png/report.pdf" ] && fail "png: report.pdf written too"
run svg "$data/http-browser-page-load.pcap" -S netviz_format=svg -S netviz_page_size=a4
grep -q '<svg' "$work/svg/report.svg" 2>/dev/null || fail "svg: no report.svg"
grep -Eq 'width="595(\.[0-9]+)?(pt)?"' "$work/svg/report.svg" || fail "svg: page is not A4 wide"
run dump "$data/http-browser-page-load.pcap" -S netviz_histogram_dump=1
grep -q '^netviz: 22 packets, 14717 bytes' "$work/dump.out" || fail "dump: no totals on stdout"
grep -q $'^  205.134.188.162\t13431' "$work/dump.out" || fail "dump: top source address missing"
run small "$data/many-flows-webattack-797-nosyn.pcap" -S netviz_histogram_size=2
renders small
if "$tcpflow" -e netviz -S netviz_format=gif -r "$data/http-post.pcap" -o "$work/bad" >/dev/null 2>&1; then
    fail "an unknown netviz_format was accepted"
fi

# --- enabling: -a includes netviz; without it no report is drawn ---
mkdir -p "$work/all" "$work/none"
"$tcpflow" -a -r "$data/http-post.pcap" -o "$work/all" >/dev/null 2>&1 || fail "-a run failed"
[ -s "$work/all/report.pdf" ] || fail "-a did not write report.pdf"
"$tcpflow" -r "$data/http-post.pcap" -o "$work/none" >/dev/null 2>&1 || fail "plain run failed"
[ -e "$work/none/report.pdf" ] && fail "report.pdf written without -e netviz"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed; work folder kept in $work"
    trap - EXIT
    exit 1
fi
echo "PASS: netviz end-to-end"
