#!/usr/bin/env bash
# Plugin trust: a scanner library, its folder, or any folder above them that someone other
# than root and the user running tcpflow can change is not loaded; one warning line names the
# path and the reason, "-e md5" then fails with exit 2 (nothing created) and -hh does not list
# it; -S plugin_trust=any loads it anyway. A sticky world-writable folder above (like /tmp) is
# accepted, the plugin folder itself never. Each case builds a folder around a copy of the
# real md5 scanner and runs a copy of tcpflow kept outside the build tree, so the build
# tree's own md5 cannot stand in for a refused one.
. "$(dirname "$0")/lib.sh"
tf_init
md5_so=$builddir/plugins/md5/.libs/scan_md5.so
[ -f "$md5_so" ] || { echo "FAIL: $md5_so not built"; exit 1; }
mkdir -p "$work/bin" && cp "$bin" "$work/bin/tcpflow"
tcpflow=$work/bin/tcpflow
if "$tcpflow" -hh 2>/dev/null | grep -q '^md5 '; then
  tf_case_skip all "an installed md5 scanner would stand in for the refused ones"; tf_finish
fi
pcap=$data/http-post.pcap

# setup: a folder layout, made under $c (the case's folder); $dir is the plugin folder.
#   safe        folder 0755, library 0644
#   dir0777     folder world-writable          dir0775   folder group-writable
#   so0666      library world-writable         so0664    library group-writable
#   dirnobody   folder owned by nobody         sonobody  library owned by nobody
#   parent0777  a folder above is world-writable (not sticky)
#   parent1777  a folder above is world-writable and sticky (as /tmp)
#   dir1777     the plugin folder itself is sticky and world-writable
#   link0666    a safe folder holds a symbolic link to a world-writable library
# Columns: case | setup | extra option | stderr line expected (regex after "tcpflow: ", "-" no
# plugin warning) | -e md5 exit | -hh lists md5 ("-": not asked, -hh fails too)
cases=(
  "safe|safe||-|0|yes"
  "folder-0777|dir0777||plugin folder DIR: not searched: DIR is writable by everyone|2|no"
  "folder-0775|dir0775||plugin folder DIR: not searched: DIR is writable by its group|2|no"
  "library-0666|so0666||plugin DIR/scan_md5.so: not loaded: DIR/scan_md5.so is writable by everyone|2|no"
  "library-0664|so0664||plugin DIR/scan_md5.so: not loaded: DIR/scan_md5.so is writable by its group|2|no"
  "folder-nobody|dirnobody||plugin folder DIR: not searched: DIR is owned by uid [0-9]+ \\(nobody\\)|2|no"
  "library-nobody|sonobody||plugin DIR/scan_md5.so: not loaded: DIR/scan_md5.so is owned by uid [0-9]+ \\(nobody\\)|2|no"
  "parent-0777|parent0777||plugin folder DIR: not searched: C/open is writable by everyone|2|no"
  "parent-sticky|parent1777||-|0|yes"
  "folder-sticky|dir1777||plugin folder DIR: not searched: DIR is writable by everyone|2|no"
  "link-to-0666|link0666||plugin DIR/scan_md5.so: not loaded: C/elsewhere/real_md5.so is writable by everyone|2|no"
  "folder-0777-any|dir0777|-S plugin_trust=any|-|0|yes"
  "library-0666-any|so0666|-S plugin_trust=any|-|0|yes"
  "bad-setting|safe|-S plugin_trust=maybe|invalid value 'maybe' for -S plugin_trust: expected safe or any|2|-"
)

setup() {
  local kind=$1
  dir=$c/plugins
  case $kind in
    parent0777) mkdir -m 0777 "$c/open"; chmod 0777 "$c/open"; dir=$c/open/plugins ;;
    parent1777) mkdir "$c/sticky"; chmod 1777 "$c/sticky"; dir=$c/sticky/plugins ;;
  esac
  mkdir -p "$dir" && chmod 0755 "$dir"
  cp "$md5_so" "$dir/scan_md5.so" && chmod 0644 "$dir/scan_md5.so"
  case $kind in
    dir0777) chmod 0777 "$dir" ;;
    dir0775) chmod 0775 "$dir" ;;
    dir1777) chmod 1777 "$dir" ;;
    so0666) chmod 0666 "$dir/scan_md5.so" ;;
    so0664) chmod 0664 "$dir/scan_md5.so" ;;
    dirnobody) chown nobody "$dir" ;;
    sonobody) chown nobody "$dir/scan_md5.so" ;;
    link0666) mkdir -p "$c/elsewhere" && mv "$dir/scan_md5.so" "$c/elsewhere/real_md5.so" &&
              chmod 0666 "$c/elsewhere/real_md5.so" && ln -s "$c/elsewhere/real_md5.so" "$dir/scan_md5.so" ;;
  esac
}

for row in "${cases[@]}"; do
  IFS='|' read -r name kind extra warn want_rc want_hh <<<"$row"
  c=$(realpath "$work")/$name
  mkdir -p "$c"
  case $kind in *nobody) if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
    tf_case_skip "$name" "needs root and a user 'nobody' to hand the file to"; continue; fi ;; esac
  setup "$kind"
  # shellcheck disable=SC2086
  "$tcpflow" --plugin-dir "$dir" $extra -e md5 -r "$pcap" -o "$c/out" >"$c/run.out" 2>"$c/run.err"
  rc=$?
  # shellcheck disable=SC2086
  "$tcpflow" --plugin-dir "$dir" $extra -hh >"$c/hh.out" 2>"$c/hh.err"
  hh_rc=$?
  why=
  if [ "$warn" = - ]; then
    grep -q "plugin" "$c/run.err" && why="unexpected warning: $(grep plugin "$c/run.err")"
  else
    re=${warn//DIR/$dir}; re=${re//C\//$c/}
    n=$(grep -cE "^tcpflow: $re" "$c/run.err")
    [ "$n" = 1 ] || why="want one line matching 'tcpflow: $re' on stderr, got: $(cat "$c/run.err")"
  fi
  [ -z "$why" ] && [ "$rc" != "$want_rc" ] && why="-e md5 exited $rc, want $want_rc"
  if [ -z "$why" ] && [ "$want_rc" = 0 ]; then
    grep -q "<hashdigest type='MD5'>" "$c/out/report.xml" 2>/dev/null || why="md5 did not run: no hashdigest in the report"
  fi
  if [ -z "$why" ] && [ "$want_rc" = 2 ]; then
    [ -e "$c/out" ] && why="a refused run created $c/out"
    [ "$kind" != safe ] && ! grep -q "scanner 'md5' cannot be used: .*not trusted" "$c/run.err" &&
      why="-e md5 did not say why md5 cannot be used: $(cat "$c/run.err")"
  fi
  if [ -z "$why" ] && [ "$want_hh" != - ]; then
    listed=no; grep -qE "^md5 [^ ]+ (enabled|disabled) " "$c/hh.out" && listed=yes
    [ "$listed" = "$want_hh" ] || why="-hh lists md5: $listed, want $want_hh"
    [ "$hh_rc" = 0 ] || why="-hh exited $hh_rc"
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done
tf_finish
