#!/usr/bin/env bash
# Lazy plugin loading: opening a library runs its constructors, so a run opens only the
# libraries it names (scan_NAME.so for -e NAME). The plugin folder holds the real md5 scanner
# and a library whose constructor appends a line to $TCPFLOW_TEST_MARKER; only -hh, -H, -a and
# a scanner name not found as scan_NAME.so may open it (they must look at every library).
. "$(dirname "$0")/lib.sh"
tf_init
md5_so=$builddir/plugins/md5/.libs/scan_md5.so
marker_so=$builddir/tests/faults/.libs/constructor_marker.so
for f in "$md5_so" "$marker_so"; do [ -f "$f" ] || { echo "FAIL: $f not built (make check builds it)"; exit 1; }; done
pcap=$data/http-post.pcap
plugins=$work/plugins
mkdir -p "$plugins" && chmod 0755 "$plugins"
cp "$md5_so" "$plugins/scan_md5.so"
cp "$marker_so" "$plugins/constructor_marker.so"

# Columns: case | arguments (after --plugin-dir) | constructor runs (yes/no) | exit | md5 ran (yes/no/-)
cases=(
  "e-md5|-e md5 -r $pcap -o OUT|no|0|yes"
  "x-md5|-x md5 -r $pcap -o OUT|no|0|no"
  "no-scanner|-r $pcap -o OUT|no|0|no"
  "md5-parameter|-e md5 -S md5_algorithms=sha1 -r $pcap -o OUT|no|0|-"
  "FM|-FM -r $pcap -o OUT|no|0|yes"
  "hh|-hh|yes|0|-"
  "H|-H|yes|0|-"
  "a|-a -r $pcap -o OUT|yes|0|yes"
  "e-all|-e all -r $pcap -o OUT|yes|0|yes"
  "unknown-name|-e nosuch -r $pcap -o OUT|yes|2|-"
)

for row in "${cases[@]}"; do
  IFS='|' read -r name args want_ctor want_rc want_md5 <<<"$row"
  c=$work/$name
  mkdir -p "$c"
  args=${args//OUT/$c/out}
  # shellcheck disable=SC2086
  TCPFLOW_TEST_MARKER=$c/marker "$bin" --plugin-dir "$plugins" $args >"$c/stdout" 2>"$c/stderr"
  rc=$?
  ctor=no; [ -s "$c/marker" ] && ctor=yes
  why=
  [ "$rc" = "$want_rc" ] || why="exited $rc, want $want_rc: $(head -3 "$c/stderr")"
  [ -z "$why" ] && [ "$ctor" != "$want_ctor" ] && why="the fixture's constructor ran: $ctor, want $want_ctor"
  if [ -z "$why" ] && [ "$want_md5" != - ]; then
    ran=no; grep -q "<hashdigest type='MD5'>" "$c/out/report.xml" 2>/dev/null && ran=yes
    [ "$ran" = "$want_md5" ] || why="md5 ran: $ran, want $want_md5"
  fi
  if [ -z "$why" ] && [ "$name" = md5-parameter ]; then
    grep -q "<hashdigest type='SHA1'>" "$c/out/report.xml" || why="md5_algorithms=sha1 not applied"
  fi
  if [ -z "$why" ] && [ "$name" = hh ]; then
    grep -qE "^md5 [^ ]+ (enabled|disabled) $plugins/scan_md5.so" "$c/stdout" || why="-hh does not list $plugins/scan_md5.so"
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done
tf_finish
