#!/bin/bash
# -r DIR (issue 14 point 6): a capture split into a rotated set (editcap -c, the packet-count
# cousin of tcpdump -C, which cannot cut files under 1 MB) reads as the whole capture: the
# same flow files byte for byte, the same report records and the same JSON log, flows
# continuing across files. The parts are named against their time order, mixed pcap, pcapng
# and gzip; a file that is not a capture is skipped with one line; a folder without any
# capture is an error with one line, exit 1, nothing created.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
if ! command -v editcap >/dev/null; then
  tf_case_skip all "editcap (wireshark-common, installed with tshark) is missing"
  tf_finish
fi

# records OUT: the report's flow records without the folder part of the paths and without
# the per-run header and totals (command line, times, rusage).
records() {
  sed -n '/<fileobject>/,/<\/fileobject>/p' "$1/report.xml" | sed "s#$1/##g" | sort
}
files_md5() { (cd "$1" && md5sum $(ls | grep -v '^report\.') | sort); }

split_case() {  # NAME CAPTURE PACKETS_PER_PART
  local name=$1 cap=$2 per=$3 dir=$work/$1.parts i f
  mkdir -p "$dir"
  editcap -c "$per" "$cap" "$dir/p.pcap" || { tf_case_fail "$name" "editcap failed"; return; }
  local parts=("$dir"/p_*)
  if [ ${#parts[@]} -lt 3 ]; then tf_case_fail "$name" "only ${#parts[@]} parts"; return; fi
  # Names sort against time order: part9 is the earliest.
  i=9
  for f in "${parts[@]}"; do mv "$f" "$dir/part$i"; i=$((i - 1)); done
  editcap -F pcapng "$dir/part8" "$dir/part8.pcapng" && rm "$dir/part8"
  gzip "$dir/part7"
  echo "not a capture" >"$dir/README"
  timeout 60 "$bin" -e http -e md5 -r "$cap" -o "$work/$name.whole" --json "$work/$name.whole.jsonl" 2>/dev/null
  timeout 60 "$bin" -e http -e md5 -r "$dir" -o "$work/$name.dir" --json "$work/$name.dir.jsonl" 2>"$work/$name.err"
  local rc=$? why=
  [ $rc = 0 ] || why="rc $rc"
  [ "$(grep -c "skipped" "$work/$name.err")" = 1 ] && grep -q "README: skipped: not a pcap" "$work/$name.err" ||
    why="$why; README not reported once: $(head -c 300 "$work/$name.err")"
  diff <(files_md5 "$work/$name.whole") <(files_md5 "$work/$name.dir") >/dev/null || why="$why; flow files differ"
  [ -n "$(files_md5 "$work/$name.whole")" ] || why="$why; no flow files at all"
  diff <(records "$work/$name.whole") <(records "$work/$name.dir") >/dev/null || why="$why; report records differ"
  # Sorted: with -j N the workers' connections interleave in the log (doc/flow-log.md).
  diff <(sed "s#$work/$name.whole/##g" "$work/$name.whole.jsonl" | grep -v '"type":"summary"' | sort) \
       <(sed "s#$work/$name.dir/##g" "$work/$name.dir.jsonl" | grep -v '"type":"summary"' | sort) >/dev/null ||
    why="$why; JSON logs differ"
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
}
split_case jpegs-19flows "$data/http-jpegs-ipfrag-19flows.cap" 60
split_case page-load "$data/http-browser-page-load.pcap" 7
split_case keepalive-gz "$data/http-keepalive-1000-requests-gap.pcap.gz" 500

# The order is the first packets' time, not the names: reading the parts in name order must
# give something else (else the case above proves nothing about ordering).
dir=$work/jpegs-19flows.parts
timeout 60 "$bin" -e md5 -o "$work/byname" -r "$dir/part1" -r "$dir/part2" -r "$dir/part3" -r "$dir/part4" \
  -r "$dir/part5" -r "$dir/part6" -r "$dir/part7.gz" -r "$dir/part8.pcapng" -r "$dir/part9" 2>/dev/null
if diff <(files_md5 "$work/jpegs-19flows.whole") <(files_md5 "$work/byname") >/dev/null; then
  tf_case_fail order-matters "name order gives the same files: the ordering is not tested"
else
  tf_case_pass order-matters
fi

# A folder with no capture: one line, exit 1, no output folder.
mkdir -p "$work/empty"
echo "notes" >"$work/empty/notes.txt"
timeout 30 "$bin" -r "$work/empty" -o "$work/empty.out" >/dev/null 2>"$work/empty.err"
rc=$?
if [ $rc = 1 ] && [ ! -e "$work/empty.out" ] && grep -q "no pcap or pcapng capture in this folder" "$work/empty.err" &&
   [ "$(grep -vc 'skipped' "$work/empty.err")" = 1 ]; then
  tf_case_pass no-capture
else
  tf_case_fail no-capture "rc $rc: $(head -c 300 "$work/empty.err")"
fi
# -q: the skipped lines are not printed.
timeout 60 "$bin" -q -r "$dir" -o "$work/quiet" 2>"$work/quiet.err"
if [ ! -s "$work/quiet.err" ]; then tf_case_pass quiet; else tf_case_fail quiet "$(head -c 300 "$work/quiet.err")"; fi
tf_finish
