#!/bin/bash
# For N = 1, 3 and 8: every shard of every capture (tests/data, and ../shared/pcaps when
# present), merged with --merge, equals one run of the same command: the same file names,
# the same bytes, the same report records and totals (compare_runs.py), and no file in two
# shards (merged with --link, so the shard folders stay to be checked). Small captures run
# with -a (netviz: the packet-level scanner shard 0 keeps), bigger ones with -e md5.
# A run that fails on a broken capture fails the same way in every shard: those are merged
# with --force. Bounded: captures over 3 MB are left out; two captures at a time.
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
sh_absolute
cmp_py="$srcdir/tests/shards/compare_runs.py"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to compare reports"; exit 77; }
command -v pdftotext >/dev/null || { echo "SKIP: pdftotext (poppler-utils) is needed to compare netviz PDFs"; exit 77; }

# check_capture CAPTURE: prints one PASS/FAIL line per N.
check_capture() {
  local cap=$1 name scanners one single_rc n base worst force out diff k
  name=$(basename "$cap")
  scanners=$(sh_scanners "$cap")
  one="$work/$name/single"
  # shellcheck disable=SC2086
  timeout 60 "$bin" -q -o "$one" -w "$one/unprocessed.pcap" $scanners -r "$cap" >/dev/null 2>&1
  single_rc=$?
  for n in 1 3 8; do
    base="$work/$name/n$n"
    # shellcheck disable=SC2086
    worst=$(sh_run_shards "$bin" "$n" "$base" $scanners -r "$cap")
    if [ "$worst" != "$single_rc" ]; then
      echo "FAIL: $name N=$n: single run exit $single_rc, shards' worst $worst"
      continue
    fi
    force=; [ "$single_rc" != 0 ] && force=--force
    local shard_dirs=(); for ((k = 0; k < n; k++)); do shard_dirs+=("$base/shard-$k"); done
    if ! out=$(timeout 60 "$bin" --merge $force --link "$base/merged" "${shard_dirs[@]}" 2>&1); then
      echo "FAIL: $name N=$n: merge failed: $out"
      continue
    fi
    if diff=$(python3 "$cmp_py" "$one" "$base/merged" "${shard_dirs[@]}" 2>&1); then
      echo "PASS: $name N=$n"
    else
      echo "FAIL: $name N=$n: $(echo "$diff" | head -5 | tr '\n' ';')"
    fi
  done
  rm -rf "${work:?}/$name"
}

sh_check_corpus corpus
tf_finish
