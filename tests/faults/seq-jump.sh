#!/usr/bin/env bash
# seq-jump.sh -- sequence jumps and reorders never drop real data (issue 9, point 7).
# Each case generates a small capture (gen-reorder.py), runs tcpflow and checks, with
# check-segments.py, that every byte of every data segment is in some flow file at its
# stream offset; that the report drops nothing as a late retransmission and names every
# flow file; and, where 1.6.1 (/usr/bin/tcpflow) is installed and the case says so, that
# segments are split into files exactly as 1.6.1 splits them (-m semantics, c1 names).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
tf_init
ref=/usr/bin/tcpflow

# name | capture shape | flags | compare the layout with 1.6.1 | bytes spilled and read back
# (the md5 scanner sees the stream in order and its digest matches the file)
cases=(
  "jump200-default|jump200||yes"
  "jump200-m-small|jump200|-m 1000|yes"
  "jump200-wraps|wrap-jump||yes"
  "reorder2-m100|reorder2|-m 100|yes"
  "reorder3-m100|reorder3|-m 100|yes"
  "reorder4-m100|reorder4|-m 100|yes"
  "reorder5-m100|reorder5|-m 100|yes"
  "reorder2-m1000|reorder2|-m 1000|yes"
  "reorder5-m1000|reorder5|-m 1000|yes"
  "reorder3-wraps-m100|wrap-reorder|-m 100|yes"
  "reorder5-small-memory|reorder5|-S max_pending_bytes=150|no"
  "reorder5-spill-read-back|reorder5|-S max_pending_bytes=150 -e md5|no|spill"
  "jump200-spill-read-back|jump200|-m 100000000 -S max_pending_bytes=1000 -e md5|no|spill"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name shape flags vs_ref spill <<< "$c"
  d=$work/$name; mkdir -p "$d/ours" "$d/ref"
  python3 "$here/gen-reorder.py" "$shape" "$d/c.pcap" "$d/segs.tsv" || { tf_case_fail "$name" "generator failed"; continue; }
  # shellcheck disable=SC2086
  timeout 60 "$bin" $flags -r "$d/c.pcap" -o "$d/ours" > "$d/stdout" 2> "$d/stderr"
  rc=$?
  [ $rc -eq 0 ] || { tf_case_fail "$name" "exit $rc: $(head -c 300 "$d/stderr")"; continue; }
  if ! python3 "$here/check-segments.py" "$d/segs.tsv" "$d/ours" > "$d/layout" 2> "$d/problems"; then
    tf_case_fail "$name" "$(head -c 300 "$d/problems")"; continue
  fi
  late=$(sed -n "s/.*<packets reason='late_retransmission'>\([0-9]*\)<.*/\1/p" "$d/ours/report.xml")
  [ "$late" = 0 ] || { tf_case_fail "$name" "report drops $late packets as late retransmissions"; continue; }
  files=$(grep -c . "$d/layout"); named=$(grep -c '<filename>' "$d/ours/report.xml")
  [ "$files" = "$named" ] || { tf_case_fail "$name" "$files flow files but $named <filename> records"; continue; }
  if [ "$spill" = spill ]; then
    f=$d/ours/$(head -1 "$d/layout" | cut -d: -f1)
    digest=$(sed -n "s/.*<hashdigest type='MD5'>\([0-9a-f]*\)<.*/\1/p" "$d/ours/report.xml" | head -1)
    back=$(sed -n "s/.*<counter name='bytes_read_back'>\([0-9]*\)<.*/\1/p" "$d/ours/report.xml")
    [ "${back:-0}" -gt 0 ] || { tf_case_fail "$name" "nothing was spilled and read back"; continue; }
    [ "$digest" = "$(md5sum < "$f" | cut -d' ' -f1)" ] ||
      { tf_case_fail "$name" "md5 of the read-back stream $digest differs from the file's"; continue; }
  fi
  if [ "$vs_ref" = yes ] && [ -x "$ref" ]; then
    # shellcheck disable=SC2086
    (cd "$d/ref" && timeout 60 "$ref" $flags -r "$d/c.pcap" -o . > /dev/null 2>&1)
    python3 "$here/check-segments.py" "$d/segs.tsv" "$d/ref" > "$d/ref-layout" 2> /dev/null
    cmp -s "$d/layout" "$d/ref-layout" ||
      { tf_case_fail "$name" "split differs from 1.6.1: $(diff "$d/ref-layout" "$d/layout" | head -4 | tr '\n' ' ')"; continue; }
  fi
  tf_case_pass "$name ($files files)"
done
tf_finish
