#!/usr/bin/env bash
# corpus-jobs.sh -- the output does not depend on -j (issue 12): every capture of tests/data
# (and of ../shared/pcaps when it exists beside the repository) is recorded with -j 1, -j 2
# and -j 7, three ways:
#   default   default scanners;
#   all       -a (md5, http, gzip, exec, netviz...), with netviz's histogram dump on stdout
#             and top-N structures large enough to stay exact (capture_stats.h);
#   console   -c (flows printed, not stored).
# For each way, -j 2 and -j 7 must give what -j 1 gives: the same exit status, the same file
# names and bytes and report records, the same stdout (all) or the same console output per
# flow (console); compare-outputs.py says what "the same" allows. One case per capture.
#   CORPUS_JOBS="2 7"       the -j values compared with -j 1
#   CORPUS_SHARED_MAX=N     the first N captures of ../shared/pcaps by name (default 16: the
#                           whole of it takes minutes; CORPUS_SHARED_MAX=all for every one)
. "$(dirname "$0")/../faults/lib.sh"
tf_init
compare="python3 $srcdir/tests/parallel/compare-outputs.py"
jobs_list=${CORPUS_JOBS:-2 7}

# Without -j there is nothing to compare: that is a failure of this build, not a skip.
if ! "$bin" -j 2 -V > /dev/null 2>&1; then
  tf_case_fail "-j" "$bin does not accept -j 2"; tf_finish
fi
all_args=(-a)
if "$bin" -hh 2>/dev/null | grep -q "^netviz "; then
  all_args+=(-S netviz_histogram_dump=1 -S netviz_histogram_size=10000000)
fi

caps=()
while IFS= read -r -d '' f; do caps+=("$f"); done < <(find "$data" -maxdepth 1 -type f \
  \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) -print0 | sort -z)
if [ -d "$shared/pcaps" ]; then
  n=0 max=${CORPUS_SHARED_MAX:-16}
  while IFS= read -r -d '' f; do
    [ "$max" != all ] && [ $n -ge "$max" ] && break
    caps+=("$f"); n=$((n + 1))
  done < <(find "$shared/pcaps" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -print0 | sort -z)
fi

# run WAY J CAPTURE: records into $work/WAY-jJ (+ .out, .rc).
run() {
  local way=$1 j=$2 cap=$3 out=$work/$1-j$2 args=()
  case $way in
    all) args=("${all_args[@]}") ;;
    console) args=(-c) ;;
  esac
  rm -rf "$out"
  timeout -k 5 120 "$bin" -j "$j" "${args[@]}" -r "$cap" -o "$out" > "$out.out" 2> "$out.err" < /dev/null
  echo $? > "$out.rc"
}

for cap in "${caps[@]}"; do
  name=$(basename "$(dirname "$cap")")/$(basename "$cap")
  why=
  for way in default all console; do
    run $way 1 "$cap"
    for j in $jobs_list; do
      run $way "$j" "$cap"
      a=$work/$way-j1 b=$work/$way-j$j
      if ! cmp -s "$a.rc" "$b.rc"; then
        why+=" [$way -j $j: exit $(cat "$b.rc"), -j 1: $(cat "$a.rc")]"; continue
      fi
      if [ "$(cat "$b.rc")" -ge 124 ]; then why+=" [$way -j $j: timed out or killed]"; continue; fi
      if [ $way = console ]; then
        diffs=$($compare console "$a.out" "$a" "$b.out" "$b" 2>&1) || why+=" [$way -j $j: $diffs]"
        [ -e "$a" ] || [ -e "$b" ] && { diffs=$($compare tree "$a" "$b" 2>&1) || why+=" [$way -j $j: $diffs]"; }
      else
        diffs=$($compare tree "$a" "$b" 2>&1) || why+=" [$way -j $j: $diffs]"
        cmp -s "$a.out" "$b.out" || why+=" [$way -j $j: stdout differs: $(diff "$a.out" "$b.out" | head -3)]"
      fi
    done
  done
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done
tf_finish
