#!/bin/bash
# --shard-split N writes shard-K-of-N.pcap files in one pass; for N = 3 and 8, on every
# capture (tests/data, ../shared/pcaps when present, up to 3 MB):
#   (a) --shard K/N on each split file, merged, equals one run on the original capture
#       (files, bytes, records, totals; -w's packets included: shard 0 has them all);
#   (b) for N = 3, plain runs (no --shard) on the split files together hold the single
#       run's files and records, each file in one run only.
# A capture tcpflow cannot read to its end: the split exits 1 like the run, keeping what it
# read; the split files are then clean and the comparisons hold up to the cut. A link type
# tcpflow does not decode: everything goes to shard 0, whose run fails like the single run.
# With -e md5: netviz in a split shard 0 sees only that shard's packets (doc/sharding.md).
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
sh_absolute
cmp_py="$srcdir/tests/shards/compare_runs.py"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to compare reports"; exit 77; }

check_capture() {
  local cap=$1 name one single_rc n base k rc worst out diff
  name=$(basename "$cap")
  one="$work/$name/single"
  timeout 60 "$bin" -q -o "$one" -w "$one/unprocessed.pcap" -e md5 -r "$cap" >/dev/null 2>&1
  single_rc=$?
  for n in 3 8; do
    base="$work/$name/n$n"
    # A broken capture: the split reports it like the run (exit 1) and keeps what it read.
    out=$(timeout 60 "$bin" -q --shard-split "$n" -o "$base/split" -r "$cap" 2>&1)
    rc=$?
    if [ ! -f "$base/split/shard-0-of-$n.pcap" ]; then
      [ $rc = "$single_rc" ] && [ $rc != 0 ] && { echo "PASS: $name N=$n: unreadable, split and run both exit $rc"; continue; }
      echo "FAIL: $name N=$n: split exit $rc, single run $single_rc, no split files: $out"
      continue
    fi
    local dirs=() plain=()
    worst=$rc
    for ((k = 0; k < n; k++)); do
      local part="$base/split/shard-$k-of-$n.pcap"
      timeout 60 "$bin" -q --shard "$k/$n" -o "$base/shard-$k" -w "$base/shard-$k/unprocessed.pcap" -e md5 -r "$part" >/dev/null 2>&1
      rc=$?; [ $rc -gt $worst ] && worst=$rc
      dirs+=("$base/shard-$k")
      [ "$n" = 3 ] || continue  # (b) once: plain runs cost as much as the shards
      timeout 60 "$bin" -q -o "$base/plain-$k" -e md5 -r "$part" >/dev/null 2>&1
      plain+=("$base/plain-$k")
    done
    # A trouble shows once: in the split (a cut capture) or in shard 0 (an undecodable link).
    if [ "$worst" != "$single_rc" ]; then
      echo "FAIL: $name N=$n: single run exit $single_rc, split and shards' worst $worst"
      continue
    fi
    if [ "$n" != 3 ]; then :
    elif diff=$(python3 "$cmp_py" "$one" --union "${plain[@]}" 2>&1); then
      echo "PASS: $name N=$n plain runs on the split files"
    else
      echo "FAIL: $name N=$n plain runs on the split files: $(echo "$diff" | head -5 | tr '\n' ';')"
    fi
    local force=; [ "$single_rc" != 0 ] && force=--force
    if ! out=$(timeout 60 "$bin" --merge $force "$base/merged" "${dirs[@]}" 2>&1); then
      echo "FAIL: $name N=$n: merge failed: $out"
      continue
    fi
    if diff=$(python3 "$cmp_py" "$one" "$base/merged" 2>&1); then
      echo "PASS: $name N=$n --shard on the split files, merged"
    else
      echo "FAIL: $name N=$n --shard on the split files, merged: $(echo "$diff" | head -5 | tr '\n' ';')"
    fi
  done
  rm -rf "${work:?}/$name"
}

sh_check_corpus split
tf_finish
