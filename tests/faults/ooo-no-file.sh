#!/usr/bin/env bash
# ooo-no-file.sh -- out-of-order bytes that no flow file can keep (-c, -FX, -s, -K) go to the
# scratch spill file (core/flow/scratch_spill.h) instead of memory. Before, they stayed in
# memory up to max_pending_total (512 MiB): -c on the hostile capture below peaked at 530 MB
# where 1.6.1 stays at 16 MB. The capture: gen-reorder.py hostile-hole, 400 flows x 120
# segments of 1,400 B behind a 1-byte hole that never fills (67 MB held at the end).
# Each case checks the bytes (console text per flow, or files against a run that never
# spills; with -FX the report's gap records and its bytes_spilled; a hole that never fills
# is given up at max_pending_bytes, as when memory held the bytes), that no scratch file is left behind, and, where 1.6.1
# (/usr/bin/tcpflow) and /usr/bin/time exist, a peak RSS within 1.6.1's + 20 MiB.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
tf_init
ref=/usr/bin/tcpflow
cap=$work/c.pcap flows=400
python3 "$here/gen-reorder.py" hostile-hole "$cap" $flows 120 1400 "$work/segs.tsv" ||
  { tf_case_fail setup "generator failed"; tf_finish; }
# The stream after the hole: what -c prints for every flow.
python3 -c "import sys; sys.stdout.buffer.write(b''.join(bytes.fromhex(l.split()[1]) for l in open(sys.argv[1])))" \
  "$work/segs.tsv" > "$work/stream"
no_spill=(-S max_pending_memory=1G -S max_pending_bytes=1G -S max_pending_total=1G)

# run DIR STDOUT CMD...: run in DIR (made empty) with $TMPDIR = DIR/tmp; prints peak RSS in KiB
run() {
  local dir=$1 out=$2; shift 2
  rm -rf "$dir"; mkdir -p "$dir/tmp"
  (cd "$dir" && TMPDIR=${TMPDIR_FOR_RUN:-$dir/tmp} /usr/bin/time -f %M -o "$dir.rss" timeout 300 "$@" > "$out" 2> "$dir.err") ||
    { echo "exit $? ($(head -c 200 "$dir.err"))" > "$dir.why"; return 1; }
  cat "$dir.rss"
}

# console_ok TEXT: every flow's -c text (headers taken out) is the stream after the hole
console_ok() {
  python3 - "$1" "$work/stream" "$flows" <<'PY'
import collections, re, sys
text, want, flows = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read(), int(sys.argv[3])
head = re.compile(rb'(\d{3}(?:\.\d{3}){3}\.\d{5}-\d{3}(?:\.\d{3}){3}\.\d{5}): ')
marks = list(head.finditer(text))
got = collections.defaultdict(bytearray)
for i, m in enumerate(marks):
    body = text[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)]
    got[m.group(1)] += body[:-1] if body.endswith(b'\n') else body
bad = [k for k, v in got.items() if bytes(v) != want]
if len(got) != flows or bad:
    sys.exit('%d flows printed, %d differ from the stream' % (len(got), len(bad)))
PY
}

# within_ref CASE OURS_KIB REF_ARGS...: peak RSS within 1.6.1's + 20 MiB (skipped without 1.6.1)
ref_note=
within_ref() {
  local name=$1 ours=$2; shift 2
  ref_note="ours ${ours} KiB"
  [ -x "$ref" ] && [ -x /usr/bin/time ] || return 0
  local theirs
  theirs=$(TMPDIR_FOR_RUN= run "$work/ref-$name" "$work/ref-$name.out" "$ref" "$@" -r "$cap") || return 1
  ref_note="ours ${ours} KiB, 1.6.1 ${theirs} KiB"
  [ "$ours" -le $((theirs + 20 * 1024)) ]
}

scratch_left() { find "$@" -name '.tcpflow-spill-*' | wc -l; }

for jobs in 1 2; do
  name="console -j $jobs"
  d=$work/console-$jobs
  ours=$(run "$d" "$d.out" "$bin" -j $jobs -c -r "$cap") || { tf_case_fail "$name" "$(cat "$d.why")"; continue; }
  problem=$(console_ok "$d.out" 2>&1) || { tf_case_fail "$name" "$problem"; continue; }
  [ -z "$(ls -A "$d/tmp")" ] && [ -z "$(ls -A "$d" | grep -v '^tmp$')" ] ||
    { tf_case_fail "$name" "left behind: $(ls -A "$d" "$d/tmp" | tr '\n' ' ')"; continue; }
  within_ref "console-$jobs" "$ours" -c || { tf_case_fail "$name" "peak RSS $ref_note: more than 1.6.1 + 20 MiB"; continue; }
  tf_case_pass "$name ($ref_note)"
done

name="report only (-FX)"
d=$work/fx
if ours=$(run "$d" /dev/null "$bin" -FX -r "$cap" -o out); then
  gaps=$(grep -c "<gap offset='0' length='1'/>" "$d/out/report.xml")
  spilled=$(sed -n "s/.*<counter name='bytes_spilled'>\([0-9]*\)<.*/\1/p" "$d/out/report.xml")
  if [ "$gaps" != $flows ]; then
    tf_case_fail "$name" "$gaps gap records for the 1-byte hole, want $flows"
  elif [ "${spilled:-0}" -lt 10000000 ]; then
    tf_case_fail "$name" "bytes_spilled ${spilled:-missing}: the held bytes did not leave memory"
  elif [ "$(ls -A "$d/out")" != report.xml ]; then
    tf_case_fail "$name" "the output folder holds $(ls -A "$d/out" | tr '\n' ' ')"
  elif ! within_ref fx "$ours" -o out; then
    tf_case_fail "$name" "peak RSS $ref_note: more than 1.6.1 + 20 MiB"
  else
    tf_case_pass "$name ($ref_note, bytes_spilled $spilled)"
  fi
else
  tf_case_fail "$name" "$(cat "$d.why")"
fi

name="strip (-s)"
d=$work/strip
if ours=$(run "$d" /dev/null "$bin" -s -r "$cap" -o out) &&
   run "$d-mem" /dev/null "$bin" -s "${no_spill[@]}" -r "$cap" -o out > /dev/null; then
  if ! diff -r -q -x report.xml "$d/out" "$d-mem/out" > "$d.diff"; then
    tf_case_fail "$name" "files differ from a run that never spills: $(head -c 200 "$d.diff")"
  elif [ "$(find "$d/out" -type f ! -name report.xml | wc -l)" != $flows ] || [ "$(scratch_left "$d")" != 0 ]; then
    tf_case_fail "$name" "$(find "$d/out" -type f | wc -l) files, $(scratch_left "$d") scratch files"
  elif ! within_ref strip "$ours" -s -o out; then
    tf_case_fail "$name" "peak RSS $ref_note: more than 1.6.1 + 20 MiB"
  else
    tf_case_pass "$name ($ref_note)"
  fi
else
  tf_case_fail "$name" "$(cat "$d.why" "$d-mem.why" 2>/dev/null)"
fi

# -K: one pcap per flow direction and no flow file. Its 400 writers are open at once; with
# 16 KiB buffers each (1.6.1's stdio buffers are 4 KiB), -j 2 peaked at 36.4 MiB against
# 1.6.1's 14.2 MiB + 20.
name="per-flow pcaps (-K -j 2)"
d=$work/pcaps
if ours=$(run "$d" /dev/null "$bin" -K -j 2 -r "$cap" -o out); then
  # every .pcap holds the SYN and the 120 segments of its flow
  counts=$(python3 - "$d/out" <<'PY'
import collections, os, struct, sys
n = collections.Counter()
for f in os.listdir(sys.argv[1]):
    if not f.endswith('.pcap'): continue
    b, off, k = open(os.path.join(sys.argv[1], f), 'rb').read(), 24, 0
    while off + 16 <= len(b):
        off += 16 + struct.unpack_from('<I', b, off + 8)[0]; k += 1
    n[k] += 1
print(' '.join('%d x %d' % (c, k) for k, c in sorted(n.items())))
PY
)
  if [ "$counts" != "$flows x 121" ]; then
    tf_case_fail "$name" "pcaps: '$counts' (files x packets), want '$flows x 121'"
  elif [ "$(scratch_left "$d")" != 0 ]; then
    tf_case_fail "$name" "$(scratch_left "$d") scratch files left"
  elif ! within_ref pcaps "$ours" -K -o out; then
    tf_case_fail "$name" "peak RSS $ref_note: more than 1.6.1 + 20 MiB"
  else
    tf_case_pass "$name ($ref_note)"
  fi
else
  tf_case_fail "$name" "$(cat "$d.why")"
fi

# One flow whose hole never fills, 11 MB behind it: the scratch file only waits for the
# bytes, so the hole is given up at max_pending_bytes (8 MiB) as if memory held them, and
# the console goes on printing (a live -c would otherwise print nothing until the end).
name="console, hole given up at max_pending_bytes"
d=$work/one-flow
if python3 "$here/gen-reorder.py" hostile-hole "$work/one.pcap" 1 8000 1400 "$work/one.tsv" &&
   run "$d" "$d.out" "$bin" -c -X "$d/r.xml" -r "$work/one.pcap" > /dev/null; then
  forced=$(grep -o "forced_gaps='[0-9]*'" "$d/r.xml")
  printed=$(stat -c %s "$d.out")
  if [ "$forced" != "forced_gaps='1'" ]; then
    tf_case_fail "$name" "report says '${forced:-no forced_gaps}', want forced_gaps='1'"
  elif [ "$printed" -lt 11200000 ]; then
    tf_case_fail "$name" "$printed bytes printed, want the 11,200,000 after the hole"
  else
    tf_case_pass "$name"
  fi
else
  tf_case_fail "$name" "$(cat "$d.why" 2>/dev/null || echo generator failed)"
fi

# No folder for the scratch file: the bytes wait in memory as before, and still come out right.
name="console, TMPDIR missing"
d=$work/no-tmp
if TMPDIR_FOR_RUN=$work/does-not-exist run "$d" "$d.out" "$bin" -c -r "$cap" > /dev/null; then
  problem=$(console_ok "$d.out" 2>&1) && tf_case_pass "$name" || tf_case_fail "$name" "$problem"
else
  tf_case_fail "$name" "$(cat "$d.why")"
fi
tf_finish
