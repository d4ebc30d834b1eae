#!/usr/bin/env bash
# run-case.sh -- run one end-to-end case of tests/e2e/cases.tsv (automake LOG_COMPILER for *.case).
#
# usage: run-case.sh [--srcdir TOP_SRCDIR] [--builddir TOP_BUILDDIR] CASE
#        CASE is tests/e2e/cases/<id>.case or just <id>; the case line is looked up by id in
#        TOP_SRCDIR/tests/e2e/cases.tsv (the .case files are only automake's handles).
# env:   TCPFLOW_BIN   binary under test (default TOP_BUILDDIR/tcpflow)
#        REF_TCPFLOW   reference tcpflow 1.6.1 for the `tcpflow`/`names` checks (default /usr/bin/tcpflow)
#        E2E_SHARED    the shared corpus folder for `shared:` captures (default TOP_SRCDIR/../shared)
#        E2E_TIMEOUT   seconds per run (default 120)     E2E_KEEP=1  keep the work folder
# exit:  0 pass, 1 fail, 77 skip (automake convention).  A timeout, a death by signal or a
#        sanitizer report is a failure reported as CRASH.
#
# cases.tsv columns (TAB separated; '#' lines are comments; '-' = empty):
#   id  capture  flags  checks  [key=value ...]
# capture: NAME (tests/data/NAME), <NAME (same file fed on stdin), shared:NAME
#   (E2E_SHARED/pcaps/NAME, truth in E2E_SHARED/pcaps-truth; skip when absent), or '-'.
# flags:   shell words (eval'd).  Placeholders: @OUT@ output folder (relative: "out"),
#   @CAP@ capture path, @TMP@ a scratch folder, @DATA@ tests/data, @E2E@ tests/e2e (helper
#   scripts).  The run folder is the current directory of the run.  Unless the flags name
#   @OUT@ or @CAP@ themselves, the command is: tcpflow -o @OUT@ [-r @CAP@] FLAGS.
# checks (comma separated; every case also fails on a crash and on a malformed report):
#   ok       exit status 0
#   error    exit status not 0 and exactly one stderr line (besides tcpflow 1.6.1's
#            compatible 'reportfilename: ...' line), matching stderr=REGEX if given
#   robust   ok, or error
#   truth    every stream direction tshark reassembled completely is a flow file, byte for byte
#   tcpflow  the same flow files, byte for byte, as tcpflow 1.6.1 run with the same arguments
#            (and the same exit status); SKIP when REF_TCPFLOW is missing
#   names    the same flow file names (relative paths) as tcpflow 1.6.1
#   xml      the report (report=PATH, default out/report.xml) exists and is well-formed
#   noxml    no *.xml file is written anywhere
#   stdout-tcpflow  stdout byte for byte (and the exit status) as tcpflow 1.6.1's with the
#            same arguments (console modes; 1.6.1 prints packets as they come, we print the
#            reassembled stream: use in-order captures without retransmissions); SKIP as tcpflow
#   json     -J: stdout lines are JSON objects whose base64 payloads rebuild each stream
#            tshark reassembled completely (truth), with the right hosts (IPv6 too)
#   findx    -I: every flow file has a .findx whose sorted offset|time|length lines cover it
#   kpcap    -K: only .pcap flow files, each with the input's link type, readable by tcpdump,
#            one direction each, with as many packets as tshark counts for that direction
#   md5      every flow file's MD5 in the report equals its md5sum
#   mtime    every flow file's mtime is the startime of its flow in the report
# key=value expectations:
#   rc=N  stderr=REGEX  stdout=REGEX  fileobjects=N  report=PATH  xml_re=REGEX
#   exists=PATH  absent=PATH  every=REGEX (every flow file's base name)  maxsize=N  files=N
#   runfiles=N   regular files written in the run folder (recursively; not stdout/stderr)
#   unproc=PATH  -w: PATH is a pcap with the input's link type, readable by tcpdump, holding
#                as many packets as tshark counts non-TCP frames in the input
#   cmdlog=PATH  tcp_cmd: PATH lists every flow file exactly once (a command such as
#                "sh @E2E@/log-arg.sh cmd.log" appends the path it was given)
#   owner=USER   the output folder and all in it belong to USER (SKIP unless run as root)
#   (PATHs are relative to the run folder, whose output folder is "out".)
set -uo pipefail
srcdir= builddir=
while [ $# -gt 1 ]; do
  case $1 in
    --srcdir) srcdir=$2; shift 2;;
    --builddir) builddir=$2; shift 2;;
    *) break;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--srcdir DIR] [--builddir DIR] CASE" >&2; exit 99; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "${srcdir:-$here/../..}" && pwd)
builddir=$(cd "${builddir:-.}" && pwd)
id=$(basename "$1" .case)
BIN=${TCPFLOW_BIN:-$builddir/tcpflow}
case $BIN in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN");; esac
REF=${REF_TCPFLOW:-/usr/bin/tcpflow}
SHARED=${E2E_SHARED:-$(dirname "$srcdir")/shared}
TMO=${E2E_TIMEOUT:-120}
DATA=$srcdir/tests/data
PY=${PYTHON:-python3}

line=$(awk -F'\t' -v id="$id" '$1 == id && $0 !~ /^#/ { print; exit }' "$srcdir/tests/e2e/cases.tsv")
[ -n "$line" ] || { echo "FAIL: no case '$id' in tests/e2e/cases.tsv"; exit 1; }
IFS=$'\t' read -r -a col <<< "$line"
capture=${col[1]:--}; flags=${col[2]:--}; checks=${col[3]:-ok}
[ "$flags" = - ] && flags=
declare -A kv=(); exists=(); absent=()
for ((i = 4; i < ${#col[@]}; i++)); do
  k=${col[i]%%=*}; v=${col[i]#*=}
  case $k in exists) exists+=("$v");; absent) absent+=("$v");; *) kv[$k]=$v;; esac
done
has() { [[ ",$checks," == *",$1,"* ]]; }
for c in ${checks//,/ }; do
  case $c in ok|error|robust|truth|tcpflow|names|xml|noxml|meta|stdout-tcpflow|json|findx|kpcap|md5|mtime) ;; *) echo "FAIL: unknown check '$c' in cases.tsv"; exit 1;; esac
done
for k in "${!kv[@]}"; do
  case $k in rc|stderr|stdout|fileobjects|report|xml_re|every|maxsize|files|runfiles|unproc|cmdlog|owner) ;; *) echo "FAIL: unknown expectation '$k=' in cases.tsv"; exit 1;; esac
done
fail=0
bad() { echo "FAIL: $*"; fail=1; }
echo "case $id: capture=$capture flags=[$flags] checks=$checks ${col[*]:4}"

if [ "$id" = cases-in-sync ]; then   # the .case handles and cases.mk must follow cases.tsv
  want=$(awk -F'\t' '!/^#/ && NF { print $1 }' "$srcdir/tests/e2e/cases.tsv" | sort)
  dup=$(uniq -d <<< "$want"); [ -z "$dup" ] || bad "duplicate ids in cases.tsv: $dup"
  have=$(cd "$srcdir/tests/e2e/cases" && ls -- *.case | sed 's/\.case$//' | sort)
  mk=$(grep -o 'tests/e2e/cases/[^ ]*\.case' "$srcdir/tests/e2e/cases.mk" | sed 's|.*/||; s/\.case$//' | sort)
  [ "$want" = "$have" ] || bad "tests/e2e/cases/*.case differ from cases.tsv: $(diff <(echo "$want") <(echo "$have") | grep '^[<>]' | tr '\n' ' ')"
  [ "$want" = "$mk" ] || bad "tests/e2e/cases.mk differs from cases.tsv: run tests/e2e/gen-cases.sh"
  [ $fail = 0 ] && echo PASS; exit $fail
fi

# --- resolve the capture ---
stdin=/dev/null; cap=; truth=
case $capture in
  -) ;;
  shared:*)
    cap=$SHARED/pcaps/${capture#shared:}; truth=$SHARED/pcaps-truth/${capture#shared:}
    [ -f "$cap" ] || { echo "SKIP: shared corpus not present ($cap)"; exit 77; };;
  '<'*) cap=$DATA/${capture#<}; stdin=$cap;;
  *) cap=$DATA/$capture;;
esac
if [ -n "$cap" ] && [ -z "$truth" ]; then b=$(basename "$cap"); truth=$DATA/truth/${b%.gz}; fi
[ -z "$cap" ] || [ -f "$cap" ] || { echo "FAIL: capture $cap missing"; exit 1; }
if ! [ -x "$BIN" ]; then echo "FAIL: binary under test $BIN missing (set TCPFLOW_BIN)"; exit 1; fi
if [ -n "${kv[owner]:-}" ] && [ "$(id -u)" != 0 ]; then echo "SKIP: owner= needs root (-U)"; exit 77; fi
if (has tcpflow || has names || has stdout-tcpflow) && ! [ -x "$REF" ]; then echo "SKIP: reference tcpflow 1.6.1 ($REF) not installed"; exit 77; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/e2e-$id.XXXXXX") || exit 99
[ -n "${E2E_KEEP:-}" ] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ours" "$work/ref" "$work/tmp"

expand() {   # $1 = flags string -> array ARGS
  local f=$1
  f=${f//@OUT@/out}; f=${f//@CAP@/\'$cap\'}; f=${f//@TMP@/\'$work/tmp\'}; f=${f//@DATA@/\'$DATA\'}
  f=${f//@E2E@/\'$here\'}
  eval "ARGS=( $f )"
  if [[ $1 != *@OUT@* && $1 != *@CAP@* ]]; then
    if [ -n "$cap" ] && [ "$stdin" = /dev/null ]; then ARGS=(-o out -r "$cap" "${ARGS[@]}")
    else ARGS=(-o out "${ARGS[@]}"); fi
  fi
}
run() {   # $1 = binary, $2 = run folder; sets RC
  ( cd "$2" && exec timeout -k 5 "$TMO" "$1" "${ARGS[@]}" < "$stdin" > stdout 2> stderr )
  RC=$?
}
crashed() {   # $1 = run folder, $2 = rc, $3 = label
  local why=
  if [ "$2" -eq 124 ] || [ "$2" -eq 137 ]; then why="timeout after ${TMO}s"
  elif [ "$2" -ge 128 ]; then why="killed by signal $(( $2 - 128 )) ($(kill -l $(( $2 - 128 )) 2>/dev/null))"
  elif [ "$2" -ge 125 ]; then why="could not run (exit $2)"
  elif grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|terminate called' "$1/stderr"; then why="sanitizer/abort report on stderr"
  fi
  [ -z "$why" ] && return 1
  echo "CRASH ($3): $why"; sed 's/^/  stderr: /' "$1/stderr" | head -20; return 0
}

expand "$flags"
echo "run: $BIN ${ARGS[*]}${capture:+ }$([ "$stdin" != /dev/null ] && echo "< $stdin")"
run "$BIN" "$work/ours"; rc=$RC
o=$work/ours
echo "exit status $rc"
sed 's/^/  stderr: /' "$o/stderr" | head -10
if crashed "$o" $rc ours; then exit 1; fi

# stderr lines that count as the error message
errlines=$(grep -v -e '^[[:space:]]*$' -e '^reportfilename: ' "$o/stderr" | wc -l)
is_error() { [ $rc -ne 0 ] && [ "$errlines" -eq 1 ]; }
if has ok && [ $rc -ne 0 ]; then bad "exit status $rc, want 0"; fi
if has error; then
  [ $rc -ne 0 ] || bad "exit status 0, want an error"
  [ "$errlines" -eq 1 ] || bad "want exactly one line on stderr, got $errlines"
fi
if has robust && [ $rc -ne 0 ] && ! is_error; then bad "exit status $rc with $errlines stderr lines: want exit 0, or an error with one stderr line"; fi
if [ -n "${kv[rc]:-}" ] && [ "$rc" != "${kv[rc]}" ]; then bad "exit status $rc, want ${kv[rc]}"; fi
if [ -n "${kv[stderr]:-}" ] && ! grep -v '^reportfilename: ' "$o/stderr" | grep -qP -- "${kv[stderr]}"; then bad "stderr does not match /${kv[stderr]}/"; fi
if [ -n "${kv[stdout]:-}" ] && ! grep -qP -- "${kv[stdout]}" "$o/stdout"; then bad "stdout does not match /${kv[stdout]}/"; fi

# every report written must be well-formed
while IFS= read -r -d '' x; do
  "$PY" "$here/xmlcheck.py" "$x" >/dev/null || bad "$("$PY" "$here/xmlcheck.py" "$x" | sed "s|$o/||")"
done < <(find "$o" -name '*.xml' -type f -print0)
report=$o/${kv[report]:-out/report.xml}
if has xml || [ -n "${kv[fileobjects]:-}" ] || [ -n "${kv[xml_re]:-}" ]; then
  if [ ! -f "$report" ]; then bad "no report ${report#$o/}"
  else
    if [ -n "${kv[fileobjects]:-}" ]; then
      n=$("$PY" "$here/xmlcheck.py" --fileobjects "$report" 2>/dev/null | tail -1)
      [ "$n" = "${kv[fileobjects]}" ] || bad "report has ${n:-?} <fileobject>s, want ${kv[fileobjects]}"
    fi
    if [ -n "${kv[xml_re]:-}" ] && ! grep -qP -- "${kv[xml_re]}" "$report"; then bad "report does not match /${kv[xml_re]}/"; fi
  fi
fi
if has noxml; then
  x=$(cd "$o" && find . -name '*.xml' | head -3 | tr '\n' ' ')
  [ -z "$x" ] || bad "a report was written: $x"
fi
for p in ${exists[@]+"${exists[@]}"}; do [ -e "$o/$p" ] || bad "$p was not created"; done
for p in ${absent[@]+"${absent[@]}"}; do [ ! -e "$o/$p" ] || bad "$p exists"; done
if [ -n "${kv[every]:-}" ]; then "$PY" "$here/tree.py" every "$o/out" "${kv[every]}" || bad "flow file names"; fi
if [ -n "${kv[maxsize]:-}" ]; then "$PY" "$here/tree.py" maxsize "$o/out" "${kv[maxsize]}" || bad "flow file sizes"; fi
if [ -n "${kv[files]:-}" ]; then
  n=$("$PY" "$here/tree.py" files "$o/out" | wc -l)
  [ "$n" = "${kv[files]}" ] || bad "$n flow files, want ${kv[files]}"
fi
if [ -n "${kv[runfiles]:-}" ]; then
  n=$(cd "$o" && find . -type f ! -path ./stdout ! -path ./stderr | wc -l)
  [ "$n" = "${kv[runfiles]}" ] || bad "$n files written in the run folder, want ${kv[runfiles]}: $(cd "$o" && find . -type f ! -path ./stdout ! -path ./stderr | head -5 | tr '\n' ' ')"
fi
optcheck() {   # $1 = what failed, rest = optcheck.py arguments
  local what=$1; shift
  "$PY" "$here/optcheck.py" "$@" | sed 's/^/  /'
  [ "${PIPESTATUS[0]}" -eq 0 ] || bad "$what"
}
if has json; then
  if [ ! -f "$truth/truth.tsv" ]; then bad "no truth folder $truth"; else optcheck "JSON lines do not rebuild the streams" json "$o/stdout" "$truth"; fi
fi
if has findx; then optcheck ".findx files" findx "$o/out"; fi
if has kpcap; then optcheck "-K per-flow pcaps" kpcap "$o/out" "$cap"; fi
if has md5; then optcheck "MD5 digests in the report" md5 "$o/out" "$report"; fi
if has mtime; then optcheck "flow file times" mtime "$o/out" "$report"; fi
if [ -n "${kv[unproc]:-}" ]; then optcheck "-w pcap ${kv[unproc]}" unproc "$o/${kv[unproc]}" "$cap"; fi
if [ -n "${kv[cmdlog]:-}" ]; then optcheck "tcp_cmd runs (${kv[cmdlog]})" cmdlog "$o/${kv[cmdlog]}" "$o" "$o/out"; fi
if [ -n "${kv[owner]:-}" ]; then optcheck "owner of out/" owner "$o/out" "${kv[owner]}"; fi
if has truth; then
  if [ ! -f "$truth/truth.tsv" ]; then bad "no truth folder $truth"
  else
    echo "truth: $truth"
    "$PY" "$here/truth-compare.py" "$o/out" "$truth" -v | sed 's/^/  /'
    [ "${PIPESTATUS[0]}" -eq 0 ] || bad "flow files differ from tshark's reassembly"
  fi
fi
if has tcpflow || has names || has stdout-tcpflow; then
  run "$REF" "$work/ref"; rrc=$RC
  echo "tcpflow 1.6.1 ($REF): exit status $rrc"
  if crashed "$work/ref" $rrc "tcpflow 1.6.1"; then echo "SKIP: the reference crashed"; exit 77; fi
  if has stdout-tcpflow; then
    [ $rc -eq $rrc ] || bad "exit status $rc, tcpflow 1.6.1 gave $rrc"
    if ! cmp -s "$o/stdout" "$work/ref/stdout"; then
      bad "stdout differs from tcpflow 1.6.1's ($(wc -c < "$o/stdout") and $(wc -c < "$work/ref/stdout") bytes; $(cmp "$o/stdout" "$work/ref/stdout" 2>&1 | head -1))"
      diff <(cat -v "$o/stdout") <(cat -v "$work/ref/stdout") | head -8 | sed 's/^/  /'
    fi
  fi
fi
if has tcpflow || has names; then
  if has tcpflow; then
    [ $rc -eq $rrc ] || bad "exit status $rc, tcpflow 1.6.1 gave $rrc"
    "$PY" "$here/tree.py" diff "$o/out" "$work/ref/out" | sed 's/^/  /'
    [ "${PIPESTATUS[0]}" -eq 0 ] || bad "flow files differ from tcpflow 1.6.1's"
  else
    "$PY" "$here/tree.py" diff "$o/out" "$work/ref/out" --names | sed 's/^/  /'
    [ "${PIPESTATUS[0]}" -eq 0 ] || bad "flow file names differ from tcpflow 1.6.1's"
  fi
fi
[ $fail -eq 0 ] && echo PASS
exit $fail
