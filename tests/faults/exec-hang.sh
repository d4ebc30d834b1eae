#!/bin/bash
# A command run by the exec scanner that never ends (and ignores SIGTERM) must
# never block tcpflow (issue 9): with a short exec_timeout the command gets
# SIGTERM, then SIGKILL 2 s later; on SIGINT/SIGTERM/SIGHUP to tcpflow every
# command gets the same at once and no new one starts. Each case asserts that
# tcpflow ends within a bound, the report is complete, valid and records the
# commands' fate, and the flow files are those of a run without exec.
. "$(dirname "$0")/lib.sh"
tf_init

pcap=$data/http-browser-page-load.pcap
if ! "$bin" -hh 2>/dev/null | grep -q "^exec "; then
  tf_case_skip all "the exec scanner is not built"
  tf_finish
fi
hang=$work/hang.sh
groups=$work/groups  # the process group of every command started, to check and to clean up by id
printf '#!/bin/sh\ncut -d" " -f5 /proc/$$/stat >>"%s"\ntrap "" TERM INT HUP\nsleep 1000\n' "$groups" >"$hang"
chmod +x "$hang"
: >"$groups"
survivors() {  # process groups of commands with a member still running (zombies wait for a reaper)
  local g p st
  while read -r g; do
    for p in $(pgrep -g "$g"); do
      st=$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)
      if [ -n "$st" ] && [ "$st" != Z ]; then echo "$g"; break; fi
    done
  done <"$groups"
}
tf_on_exit 'for g in $(survivors); do kill -KILL -- "-$g"; done'

timeout 60 "$bin" -r "$pcap" -o "$work/good" 2>"$work/good.err" || { tf_case_fail reference "$(cat "$work/good.err")"; tf_finish; }
flows=$(ls "$work/good" | grep -vc report.xml)

# Every file in OUT is a prefix of the good run's (equal when whole=1), and with whole=1 none is missing.
files_ok() {  # OUT WHOLE
  local f
  if [ "$2" = 1 ]; then diff -r -x report.xml "$work/good" "$1" >/dev/null; return; fi
  for f in "$1"/*; do
    [ "$(basename "$f")" = report.xml ] && continue
    tf_is_prefix "$f" "$work/good/$(basename "$f")" || return 1
  done
}

# name | signal (- none) | max seconds | whole files | report must contain (regex) | exec args
while IFS='|' read -r name sig max whole expect args; do
  name=$(echo $name) sig=$(echo $sig) max=$(echo $max) whole=$(echo $whole) expect=$(echo $expect)
  [ -z "$name" ] && continue
  out=$work/$name
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  timeout -s KILL 90 "$bin" -e exec -S tcp_cmd="$hang" $args -r "$pcap" -o "$out" 2>"$out.err" &
  pid=$!
  if [ "$sig" != - ]; then
    # The signal must find a command running: wait for the first one to say it started (a
    # fixed sleep raced tcpflow's start-up on a loaded machine), then give the rest a moment.
    for _ in $(seq 200); do [ -s "$groups" ] && break; sleep 0.1; done
    sleep 0.5
    kill -s "$sig" $pid
    start=$(date +%s.%N)
  fi
  wait $pid
  rc=$?
  took=$(echo "$(date +%s.%N) - $start" | bc)
  why=""
  # 0 on a signal after the input was read; 128+N where the signals work says the input was cut.
  case $sig in
  -) ok_rc="0" ;;
  *) ok_rc="0 $((128 + $(kill -l "$sig")))" ;;
  esac
  [[ " $ok_rc " == *" $rc "* ]] || why="exit $rc, expected one of: $ok_rc ($(cat "$out.err"))"
  [ -z "$why" ] && [ "$(echo "$took > $max" | bc)" = 1 ] && why="took ${took}s, more than ${max}s"
  [ -z "$why" ] && ! tf_xml_ok "$out/report.xml" && why="report.xml is not complete XML"
  [ -z "$why" ] && ! grep -qE "$expect" "$out/report.xml" && why="report lacks /$expect/: $(grep '<exec' "$out/report.xml" | head -3)"
  [ -z "$why" ] && ! files_ok "$out" "$whole" && why="flow files differ from the run without exec"
  sleep 0.2  # tcpflow's children are reparented and reaped
  [ -z "$why" ] && [ -n "$(survivors)" ] && why="commands outlived tcpflow (groups $(survivors | tr '\n' ' '))"
  if [ -z "$why" ]; then tf_case_pass "$name ($flows flows, ${took}s)"; else tf_case_fail "$name" "$why"; fi
  for g in $(survivors); do kill -KILL -- "-$g"; done
  : >"$groups"
done <<TABLE
timeout      | -    | 12 | 1 | <exec kind='tcp_cmd' command='$hang' path='[^']+' timed_out='yes' signal='1?[59]'/> | -S exec_timeout=1 -S exec_max_children=200
sigint       | INT  | 5  | 1 | <exec kind='tcp_cmd' command='$hang' path='[^']+' stopped='yes' signal='1?[59]'/> | -S exec_max_children=200
sigterm      | TERM | 5  | 1 | stopped='yes' signal='1?[59]' | -S exec_max_children=200
sighup       | HUP  | 5  | 1 | stopped='yes' signal='1?[59]' | -S exec_max_children=200
sigint-slots | INT  | 5  | 0 | error='not started: tcpflow was stopping' | -S exec_max_children=2
sigint-wait  | INT  | 5  | 0 | <exec kind='tcp_cmd' command='$hang' stopped='yes' signal='1?[59]'/> | -S exec_wait=yes
TABLE
tf_finish
