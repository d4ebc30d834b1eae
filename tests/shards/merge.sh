#!/bin/bash
# --shard, --shard-split and --merge on their edges: bad values (exit 2, one line, nothing
# created), what shards 1..N-1 leave to shard 0 (-w, netviz), a merge by move and by link
# (files, bytes, records equal one run), and each refusal of --merge (exit 2, one line naming
# the problem, nothing moved). Also proves compare_runs.py sees a changed byte or record.
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
sh_absolute
cmp_py="$srcdir/tests/shards/compare_runs.py"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to compare reports"; exit 77; }
cap="$data/http-jpegs-ipfrag-19flows.cap"
other="$data/http-post-large.pcap"
broken="$data/malformed-caplen-tls-header.pcap"  # a record too long: every shard ends with <run_error>
cd "$work" || exit 1

# check NAME CONDITION...: one case from a shell test.
check() { local name=$1; shift; if "$@"; then tf_case_pass "$name"; else tf_case_fail "$name" "failed: $*"; fi; }
one_line() { [ "$(wc -l <"$1")" = 1 ] && grep -q "^tcpflow: " "$1"; }

# --- bad values: exit 2, one line on stderr, no output folder ---
for bad in "3/3" "-1/3" "a/b" "0/0" "1/65537" "0/3x" "2" "/3" "0/"; do
  "$bin" --shard "$bad" -r "$cap" -o bad-out >/dev/null 2>err; rc=$?
  check "--shard '$bad' refused" test $rc = 2 -a ! -e bad-out
  check "--shard '$bad': one line" one_line err
done
"$bin" --shard 0/2 -X x.xml -r "$cap" -o bad-out >/dev/null 2>err; rc=$?
check "--shard with -X refused" test $rc = 2 -a ! -e bad-out -a ! -e x.xml
for bad in 0 1025 x; do
  "$bin" --shard-split "$bad" -r "$cap" -o bad-split >/dev/null 2>err; rc=$?
  check "--shard-split $bad refused" test $rc = 2 -a ! -e bad-split
done
"$bin" --shard-split 2 --shard 0/2 -r "$cap" -o bad-split >/dev/null 2>err; rc=$?
check "--shard-split with --shard refused" test $rc = 2 -a ! -e bad-split
"$bin" --shard-split 2 -o bad-split >/dev/null 2>err; rc=$?
check "--shard-split without -r refused" test $rc = 2 -a ! -e bad-split

# --- shards of one run ---
"$bin" -q -a -o single -w single/unprocessed.pcap -r "$cap" 2>/dev/null
run_shards() {  # run_shards PREFIX N CAPTURE [options]
  local p=$1 n=$2 c=$3 k; shift 3
  for ((k = 0; k < n; k++)); do
    "$bin" -q --shard "$k/$n" -a -o "$p$k" -w "$p$k/unprocessed.pcap" "$@" -r "$c" 2>/dev/null
  done
}
run_shards s 3 "$cap"
check "shard 0 alone writes the -w file" test -f s0/unprocessed.pcap -a ! -e s1/unprocessed.pcap -a ! -e s2/unprocessed.pcap
check "shard 0 alone runs netviz" test -f s0/report.pdf -a ! -e s1/report.pdf -a ! -e s2/report.pdf
check "the report names the shard" grep -q "<shard index='1' count='3' outdir='s1'/>" s1/report.xml
cp -a s0 k0; cp -a s1 k1; cp -a s2 k2  # for --link and the refusals below
files_before=$(find s0 s1 s2 -type f | wc -l)

"$bin" --merge merged s2 s0 s1 2>err; rc=$?
check "merge (shards in any order) succeeds" test $rc = 0
check "merged equals one run" python3 "$cmp_py" single merged
check "moved: the shard folders keep only their reports" \
  test "$(find s0 s1 s2 -type f | sort | tr '\n' ' ')" = "s0/report.xml s1/report.xml s2/report.xml "
check "merged report lists the 3 shards" test "$(grep -c "<shard index=" merged/report.xml)" = 3
check "merged paths point into the merged folder" \
  test "$(grep -c '<filename>merged/' merged/report.xml)" = "$(grep -c '<filename>' merged/report.xml)"
check "merged report is XML" tf_xml_ok merged/report.xml

"$bin" --merge --link linked k0 k1 k2 2>/dev/null; rc=$?
check "merge --link succeeds and equals one run" python3 "$cmp_py" single linked k0 k1 k2
f=$(cd k1 && find . -type f ! -name report.xml | head -1)
check "--link keeps the shard files, hard-linked" test "$(stat -c %h "k1/$f")" = 2 -a "k1/$f" -ef "linked/$f"

# --- -Fk: flows binned in subfolders merge into the same subfolders ---
"$bin" -q -Fk -o binned -r "$other" 2>/dev/null
for k in 0 1; do "$bin" -q -Fk --shard "$k/2" -o "b$k" -r "$other" 2>/dev/null; done
"$bin" --merge binned-merged b0 b1 2>/dev/null
check "-Fk subfolders merged equal one run" python3 "$cmp_py" binned binned-merged
check "-Fk: emptied subfolders removed from the shards" test "$(find b0 b1 | sort | tr '\n' ' ')" = "b0 b0/report.xml b1 b1/report.xml "

# --- across file systems: copied (moved: the source removed; --link: kept) ---
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$work")" ]; then
  far=$(mktemp -d /dev/shm/tcpflow-shards.XXXXXX); tf_on_exit "rm -rf '$far'"
  run_shards "$far/x" 3 "$cap"
  "$bin" --merge --link far-linked "$far/x0" "$far/x1" "$far/x2" 2>/dev/null
  check "--link across file systems copies, shards kept" \
    test "$(find "$far" -type f | wc -l)" = "$files_before" -a -n "$(python3 "$cmp_py" single far-linked && echo same)"
  "$bin" --merge far-moved "$far/x0" "$far/x1" "$far/x2" 2>/dev/null
  check "move across file systems copies, sources removed" \
    test "$(find "$far" -type f | wc -l)" = 3 -a -n "$(python3 "$cmp_py" single far-moved && echo same)"
else
  tf_case_skip "merge across file systems" "/dev/shm is not another file system here"
fi

# --- the comparator can fail ---
cp -a linked tampered
g=$(cd tampered && find . -type f -name '0*' -size +10c | head -1)
printf 'X' | dd of="tampered/$g" bs=1 seek=5 conv=notrunc 2>/dev/null
check "compare_runs.py sees a changed byte" bash -c "! python3 '$cmp_py' single tampered >/dev/null"
cp -a linked tampered2
python3 - tampered2/report.xml <<'PY'
import sys
t = open(sys.argv[1]).read()
a = t.index('    <fileobject>'); b = t.index('    </fileobject>\n', a) + len('    </fileobject>\n')
open(sys.argv[1], 'w').write(t[:a] + t[b:])
PY
check "compare_runs.py sees a missing record" bash -c "! python3 '$cmp_py' single tampered2 >/dev/null"

# --- refusals: exit 2, one line with the reason, nothing moved, no report written ---
refused() {  # refused NAME PATTERN MERGE-ARGS...
  local name=$1 pattern=$2; shift 2
  local before report; before=$(find k0 k1 k2 -type f 2>/dev/null | sort | md5sum)
  report=$(cat "$1/report.xml" 2>/dev/null | md5sum)
  "$bin" --merge "$@" >/dev/null 2>err; local rc=$?
  if [ $rc != 2 ]; then tf_case_fail "$name" "exit $rc, expected 2: $(cat err)"
  elif ! one_line err || ! grep -q -- "$pattern" err; then tf_case_fail "$name" "message: $(cat err)"
  elif [ "$before" != "$(find k0 k1 k2 -type f 2>/dev/null | sort | md5sum)" ]; then tf_case_fail "$name" "files moved"
  elif [ "$report" != "$(cat "$1/report.xml" 2>/dev/null | md5sum)" ]; then tf_case_fail "$name" "$1/report.xml written"
  else tf_case_pass "$name"; fi
}
run_shards n2- 2 "$cap"
refused "different N" "shards of different runs" out1 k0 k1 n2-1
refused "missing shard" "missing shard 2 of 3" out2 k0 k1
refused "shard given twice" "given twice" out3 k0 k1 k2 k1
cp -a k2 k2copy
refused "shard run twice" "given twice" out4 k0 k1 k2 k2copy
run_shards o 3 "$other"
refused "different inputs" "different inputs or options" out5 k0 k1 o2
"$bin" -q -o plain -r "$cap" 2>/dev/null
refused "not a shard's folder" "not the report of a --shard run" out6 k0 k1 plain
refused "no report" "cannot read" out7 k0 k1 nowhere
refused "output is a shard" "both a shard and the output" k0 k0 k1 k2
mkdir -p full && echo x >full/report.xml
refused "merged folder has a report" "already exists" full k0 k1 k2
refused "unknown option" "unknown option" --fast out8 k0 k1 k2

cp -a k1 c1; f=$(cd k0 && find . -type f ! -name report.xml ! -name unprocessed.pcap | head -1); cp "k0/$f" "c1/$f"
refused "a file in two shards" "is in two shards" out9 k0 c1 k2
cp -a k1 l1; ln -s /etc/passwd l1/planted
refused "a link in a shard" "symbolic link" out10 k0 l1 k2
cp -a k1 cut1; head -n -3 k1/report.xml >cut1/report.xml
refused "a report cut short" "cut short" out11 k0 cut1 k2
cp -a k1 p1; sed -i "s|<counter name='packets_read'>[0-9]*<|<counter name='packets_read'>1<|" p1/report.xml
refused "shards disagree on the input" "shards read different input" out12 k0 p1 k2
if command -v flock >/dev/null; then
  flock k1/.tcpflow.lock sleep 5 & holder=$!
  sleep 0.3
  refused "a shard still running" "wait for the shard to end" out13 k0 k1 k2
  kill $holder 2>/dev/null; wait $holder 2>/dev/null; rm -f k1/.tcpflow.lock
else
  tf_case_skip "a shard still running" "flock(1) not installed"
fi

# --- a failed shard: refused, unless --force ---
for k in 0 1; do "$bin" -q --shard "$k/2" -o "f$k" -r "$broken" 2>/dev/null; done
refused "an interrupted or failed shard" "did not finish cleanly" out14 f0 f1
"$bin" --merge --force forced f0 f1 2>/dev/null; rc=$?
check "--force merges a failed shard" test $rc = 0 -a "$(grep -c '<run_error>' forced/report.xml)" = 2

# --- split equals one run, also for the -w packets ---
"$bin" -q --shard-split 3 -o parts -r "$cap" 2>/dev/null
check "split writes shard-K-of-3.pcap" test -f parts/shard-0-of-3.pcap -a -f parts/shard-2-of-3.pcap -a ! -e parts/shard-3-of-3.pcap
total=0; for k in 0 1 2; do total=$((total + $(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); n=0; i=24
while i < len(d): n += 1; i += 16 + int.from_bytes(d[i+8:i+12], "little")
print(n)' "parts/shard-$k-of-3.pcap"))); done
check "split keeps every packet once (483)" test "$total" = 483
tf_finish
