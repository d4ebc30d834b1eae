# lib.sh -- helpers shared by the tests/shards scripts (sourced after tests/faults/lib.sh).

# sh_absolute: make check gives srcdir as a relative path; the scripts change folder.
sh_absolute() {
  srcdir=$(cd "$srcdir" && pwd)
  builddir=$(cd "$builddir" && pwd)
  case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
  data=$srcdir/tests/data
  shared=$srcdir/../shared
}

# sh_captures: every capture of tests/data, then those of ../shared/pcaps whose name is not
# already listed (the shared set overlaps the in-repo one), each at most $1 bytes.
# SHARDS_ONLY=REGEX keeps the names that match (to rerun a failing case).
sh_captures() {
  local max=$1 f seen=" "
  for f in "$data"/*.pcap "$data"/*.pcapng "$data"/*.cap "$data"/*.gz "$shared"/pcaps/*.pcap "$shared"/pcaps/*.pcapng "$shared"/pcaps/*.cap; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le "$max" ] || continue
    [[ -z ${SHARDS_ONLY:-} || $(basename "$f") =~ $SHARDS_ONLY ]] || continue  # debugging: a subset
    case "$seen" in *" $(basename "$f") "*) continue ;; esac
    seen="$seen$(basename "$f") "
    echo "$f"
  done
}

# sh_scanners CAPTURE: the scanners a test runs on it: all of them (netviz included, the
# packet-level case) on small captures, md5 alone on bigger ones to bound the time.
sh_scanners() {
  if [ "$(stat -c %s "$1")" -le 400000 ]; then echo "-a"; else echo "-e md5"; fi
}

# sh_run_shards BIN N OUTBASE ARGS...: runs shards 0..N-1 of one command into OUTBASE/shard-K,
# each with -w OUTBASE/shard-K/unprocessed.pcap; prints the highest exit status.
sh_run_shards() {
  local bin=$1 n=$2 base=$3 k rc worst=0
  shift 3
  for ((k = 0; k < n; k++)); do
    timeout 60 "$bin" -q --shard "$k/$n" -o "$base/shard-$k" -w "$base/shard-$k/unprocessed.pcap" "$@" >/dev/null 2>&1
    rc=$?
    [ $rc -gt $worst ] && worst=$rc
  done
  echo $worst
}

# sh_check_corpus LABEL: runs the script's check_capture on every capture of sh_captures
# (at most 3 MB each), two at a time, each printing PASS:/FAIL: lines; prints them and sets
# tf_passed/tf_failed for tf_finish. A run that checked nothing fails as LABEL.
sh_check_corpus() {
  local results="$work/results" cap
  : >"$results"
  while read -r cap; do
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
    check_capture "$cap" >>"$results" &
  done < <(sh_captures 3000000)
  wait
  cat "$results"
  tf_passed=$(grep -c '^PASS' "$results")
  tf_failed=$(grep -c '^FAIL' "$results")
  [ "$tf_passed" -gt 0 ] || tf_case_fail "$1" "no capture was checked (none found under $data)"
}
