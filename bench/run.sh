#!/usr/bin/env bash
# bench/run.sh -- time our tcpflow against Debian's tcpflow 1.6.1 (a benchmark, not a test).
#
# usage: bench/run.sh [--quick] [-n RUNS] [--modes 'default|-Fk|-e md5|-a'] [--scaling N] [CAPTURE...]
#   Full mode (default): the three benchmark captures of ../shared/bench/make-data.sh
#   (real-http, many-flows, few-big-flows) in $DATA, made first when missing (needs root,
#   nginx, curl, tcpdump, gcc; takes a while).  If they cannot be made, falls back to quick.
#   --quick: only ../shared/pcaps/many-flows-echo-500.pcap (500 connections, 6.8 MB).
#   --hostile: add the two out-of-order memory shapes of issue 10 (made by
#   tests/faults/gen-reorder.py into $DATA): 3,000 flows x 120 segments of 1,400 B behind a
#   1-byte hole that never fills (530 MB), and 100,000 flows holding 1,400 B each (154 MB).
#   --scaling N: time ours with -j N against ours with -j 1 instead of against 1.6.1 (the
#   1.6.1 columns then hold -j 1's figures); the speedup column is -j 1's time over -j N's.
#   CAPTURE...: time these captures instead.
#   Each capture x mode (default, -Fk, -e md5, -a) is timed by ../shared/bench/lib/timeit.py,
#   ours and 1.6.1 in alternating runs (one warm-up pair, then RUNS pairs, the side that goes
#   first alternating), each run writing into a fresh folder under $OUTBASE (tmpfs) made by
#   ../shared/bench/lib/fresh-out.sh. The output is deleted after each run, outside the timed
#   region, as fresh-out.sh asks: kept, 8 runs of real-http -a pile up 10 GB in tmpfs, and on
#   a VM every new page of that costs a hypervisor fault, which is then most of what both
#   sides are timed on (and kept within a pair, it slowed whichever side ran second).
# env:   OURS=path of our tcpflow (default: <repo>/tcpflow, else the first of
#          <repo>/_build/*/tcpflow)   REF=/usr/bin/tcpflow   DATA=/tmp/tcpflow-bench
#        SHARED=<repo>/../shared   OUTBASE=/dev/shm/tcpflow-bench.$$   RUNS (default 5, quick 3)
# prints one row per case: medians of wall time and peak RSS, and the median of the paired
# wall-time ratios ours/1.6.1 (below 1 = we are faster). Memory parity: a case whose median
# peak RSS is more than 1.6.1's + 20 MiB is marked "RSS>1.6.1+20MiB" and the script exits 1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(dirname "$repo")/shared}
DATA=${DATA:-/tmp/tcpflow-bench}
REF=${REF:-/usr/bin/tcpflow}
OUTBASE=${OUTBASE:-/dev/shm/tcpflow-bench.$$}
quick=no hostile=no runs=${RUNS:-} modes=${MODES:-'default|-Fk|-e md5|-a'} scaling=
caps=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=yes; shift;;
    --hostile) hostile=yes; shift;;
    -n) runs=$2; shift 2;;
    --modes) modes=$2; shift 2;;
    --scaling) scaling=$2; shift 2;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
    -*) echo "bench/run.sh: unknown option $1" >&2; exit 2;;
    *) caps+=("$1"); shift;;
  esac
done
if [ -z "${OURS:-}" ]; then
  OURS=$repo/tcpflow
  [ -x "$OURS" ] || OURS=$(ls "$repo"/_build/*/tcpflow 2>/dev/null | head -1 || true)
fi
[ -n "$OURS" ] && [ -x "$OURS" ] || { echo "bench/run.sh: no tcpflow binary to time: set OURS=" >&2; exit 2; }
case $scaling in
  '') [ -x "$REF" ] || { echo "bench/run.sh: reference $REF missing (apt-get install tcpflow)" >&2; exit 2; }
      ours_j=() ref=("$REF") ;;
  *[!0-9]*|0) echo "bench/run.sh: --scaling takes a number of workers, not '$scaling'" >&2; exit 2 ;;
  *) ours_j=(-j "$scaling") ref=("$OURS" -j 1) REF="$OURS -j 1" ;;
esac
timeit=$SHARED/bench/lib/timeit.py
fresh=$SHARED/bench/lib/fresh-out.sh
[ -f "$timeit" ] && [ -f "$fresh" ] || { echo "bench/run.sh: needs $SHARED/bench/lib (timeit.py, fresh-out.sh)" >&2; exit 2; }

if [ ${#caps[@]} -eq 0 ] && [ $quick = no ]; then
  need=()
  for c in real-http many-flows few-big-flows; do [ -f "$DATA/$c.pcap" ] || need+=("${c%%-*}"); done
  if [ ${#need[@]} -gt 0 ]; then
    echo "making benchmark captures in $DATA: ${need[*]}"
    DATA=$DATA bash "$SHARED/bench/make-data.sh" "${need[@]}" || { echo "make-data.sh failed: quick mode"; quick=yes; }
  fi
  [ $quick = no ] && caps=("$DATA/real-http.pcap" "$DATA/many-flows.pcap" "$DATA/few-big-flows.pcap")
fi
if [ ${#caps[@]} -eq 0 ]; then
  caps=("$SHARED/pcaps/many-flows-echo-500.pcap")
  [ -f "${caps[0]}" ] || { echo "bench/run.sh: ${caps[0]} missing" >&2; exit 2; }
  runs=${runs:-3}
fi
runs=${runs:-5}
if [ $hostile = yes ]; then
  mkdir -p "$DATA"
  gen=$repo/tests/faults/gen-reorder.py
  [ -f "$DATA/hostile-hole-segments.pcap" ] || python3 "$gen" hostile-hole "$DATA/hostile-hole-segments.pcap" 3000 120 1400
  [ -f "$DATA/hostile-hole-flows.pcap" ] || python3 "$gen" hostile-hole "$DATA/hostile-hole-flows.pcap" 100000 1 1400
  caps+=("$DATA/hostile-hole-segments.pcap" "$DATA/hostile-hole-flows.pcap")
fi
mkdir -p "$OUTBASE"
over=0
# Every run of a case keeps its output until the case ends (fresh-out.sh), so many-flows at
# -n 3 needs 8 x 400,001 files: more inodes than a default /dev/shm has (half the RAM in
# pages), and the late runs would fail with ENOSPC on both sides. As root, the output goes
# to a private tmpfs without an inode limit (still tmpfs: the same file system).
private_tmpfs=no
if [ "$(id -u)" = 0 ] && [ "$(df --output=fstype "$OUTBASE" | tail -1 | tr -d ' ')" = tmpfs ] &&
   mount -t tmpfs -o nr_inodes=0,size=75% tcpflow-bench "$OUTBASE" 2>/dev/null; then
  private_tmpfs=yes
fi
trap '[ $private_tmpfs = yes ] && umount "$OUTBASE"; rm -rf "$OUTBASE"' EXIT
echo "ours:  $OURS"
echo "1.6.1: $REF"
echo "runs:  $runs per side, output on $OUTBASE ($(df -h --output=fstype "$OUTBASE" | tail -1 | tr -d ' ')$([ $private_tmpfs = yes ] && echo ', private, no inode limit'))"
labels=(ours_s 1.6.1_s ours/1.6.1 ours_MiB 1.6.1_MiB)
[ -n "$scaling" ] && labels=("j${scaling}_s" j1_s speedup "j${scaling}_MiB" j1_MiB)
printf '%-24s %-9s %10s %10s %9s %10s %10s %s\n' capture mode "${labels[@]}" notes
# Times the case in $a and $b: a warm-up pair, then $runs pairs. Each run is its own
# timeit.py call into a fresh output folder that is deleted before the next run, outside the
# timed region, and the side that goes first alternates from pair to pair. On this VM a run
# that writes while the previous run's output still fills tmpfs pays for new pages (-j 1 -a
# on real-http: 3.3 s alone, 4.5 to 6 s right after a -j 2 run that kept its 1.3 GB), so a
# pair that kept both outputs favoured whichever side always ran first. Prints one line per
# figure and run: "A wall s<TAB>value", "A/B wall<TAB>ratio", "A exit<TAB>status"...
time_one() {  # time_one A|B CMD...: one run's figures, prefixed with the side
  local side=$1; shift
  python3 "$timeit" -n 1 --warmup 0 -- "$@" |
    awk -v s="$side" '/^A (wall s|peak MiB) / { print s " " $2 " " $3 "\t" $5 }
                      /^A exit / { gsub(/[][]/, "", $3); print s " exit\t" $3 }'
  rm -rf "$OUTBASE/a" "$OUTBASE/b"
}
time_pairs() {
  local i out
  rm -rf "$OUTBASE/a" "$OUTBASE/b"
  for i in $(seq 0 "$runs"); do
    if [ $((i % 2)) = 0 ]; then out=$(time_one A "${a[@]}"; time_one B "${b[@]}")
    else out=$(time_one B "${b[@]}"; time_one A "${a[@]}"); fi
    [ "$i" = 0 ] && continue  # the warm-up pair
    printf '%s\n' "$out"
    awk -F'\t' '$1 == "A wall s" { a = $2 } $1 == "B wall s" { b = $2 }
                END { print "A/B wall\t" a / b; print "B/A wall\t" b / a }' <<< "$out"
  done
}
IFS='|' read -r -a modelist <<< "$modes"
for cap in "${caps[@]}"; do
  for mode in "${modelist[@]}"; do
    args=(); [ "$mode" = default ] || read -r -a args <<< "$mode"
    a=(bash "$fresh" "$OUTBASE/a" "$OURS" "${ours_j[@]}" "${args[@]}" -o @OUT@ -r "$cap")
    b=(bash "$fresh" "$OUTBASE/b" "${ref[@]}" "${args[@]}" -o @OUT@ -r "$cap")
    pairs=$(time_pairs)
    med() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' $(awk -v k="$1" -F'\t' '$1 == k { print $2 }' <<< "$pairs"); }
    exits() { awk -v k="$1" -F'\t' '$1 == k { print $2 }' <<< "$pairs" | sort -un | paste -sd, | sed 's/^/[/; s/$/]/'; }
    notes=
    ea=$(exits 'A exit'); eb=$(exits 'B exit')
    [ "$ea" = "[0]" ] || notes+="ours exit $ea "
    [ "$eb" = "[0]" ] || notes+="$([ -n "$scaling" ] && echo '-j 1' || echo 1.6.1) exit $eb "
    # Memory parity is against 1.6.1; -j 1 against -j N has no such bound.
    if [ -z "$scaling" ] && ! awk -v a="$(med 'A peak MiB')" -v b="$(med 'B peak MiB')" 'BEGIN { exit !(a + 0 <= b + 20) }'; then
      notes+="RSS>1.6.1+20MiB "; over=1
    fi
    ratio='A/B wall'; [ -n "$scaling" ] && ratio='B/A wall'
    printf '%-24s %-9s %10.3f %10.3f %9.4f %10.1f %10.1f %s\n' "$(basename "$cap" .pcap)" "$mode" \
      "$(med 'A wall s')" "$(med 'B wall s')" "$(med "$ratio")" "$(med 'A peak MiB')" "$(med 'B peak MiB')" "$notes"
  done
done
exit $over
