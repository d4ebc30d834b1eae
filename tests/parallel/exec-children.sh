#!/usr/bin/env bash
# exec-children.sh -- exec_max_children holds for the whole process with -j N (issue 12): every
# worker has its own exec instance, and all of them share one pool of child slots
# (plugins/exec/child_slots.h). tcp_cmd is a probe that counts, under flock, how many probes
# run at once and records the count each one saw; each probe lasts 0.3 s so that, with many
# flows ready at once, the limit is reached (checked: it must be reached, or the test proves
# nothing) and never passed. Every flow file must get its command.
. "$(dirname "$0")/../faults/lib.sh"
tf_init
command -v flock > /dev/null || { tf_case_skip all "flock(1) is not installed"; tf_finish; }
cap=$data/http-jpegs-ipfrag-19flows.cap
probe=$work/probe.sh
cat > "$probe" <<PROBE
#!/bin/sh
# +1 on start, -1 on exit; "seen" gets the count after each start.
exec 9> "$work/lock"
flock 9; n=\$((\$(cat "$work/count" 2>/dev/null || echo 0) + 1)); echo \$n > "$work/count"; echo \$n >> "$work/seen"; flock -u 9
sleep 0.3
flock 9; n=\$((\$(cat "$work/count") - 1)); echo \$n > "$work/count"; flock -u 9
PROBE
chmod +x "$probe"

# case LIMIT JOBS
check() {
  local limit=$1 j=$2 name="exec_max_children=$1 -j $2" out=$work/out-$1-$2
  rm -f "$work/count" "$work/seen"
  if ! timeout 120 "$bin" -j "$j" -r "$cap" -o "$out" -S tcp_cmd="$probe" -S exec_max_children="$limit" \
       2> "$out.err"; then
    tf_case_fail "$name" "tcpflow failed: $(head -3 "$out.err")"; return
  fi
  local files peak runs
  files=$(find "$out" -maxdepth 1 -type f ! -name 'report.*' | wc -l)
  runs=$(wc -l < "$work/seen")
  peak=$(sort -n "$work/seen" | tail -1)
  if [ "$runs" -ne "$files" ]; then tf_case_fail "$name" "$runs commands for $files flow files"
  elif [ "$peak" -gt "$limit" ]; then tf_case_fail "$name" "$peak commands ran at once"
  elif [ "$peak" -lt "$limit" ]; then tf_case_fail "$name" "never $limit at once (peak $peak): the check proves nothing"
  else tf_case_pass "$name ($runs commands, at most $peak at once)"; fi
}
check 2 4
check 3 7
check 1 2
tf_finish
