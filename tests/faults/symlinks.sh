#!/bin/bash
# symlinks.sh -- tcpflow runs as root in folders others can write to: a symbolic
# link planted at any name tcpflow writes must never be followed.  Each case
# plants a link (to a file outside -o with known bytes, to a name that does not
# exist, or to a folder outside -o) where one output would go, runs tcpflow, and
# asserts: the link's target is unchanged (or still absent, or still empty);
# where the output went instead (the link replaced, the next free name) or the
# error line and exit status; and that every <filename> the report lists is a
# real file inside -o.
. "$(dirname "$0")/lib.sh"
tf_init

# Cases run inside their own folder: names must not be relative.
post=$(cd "$data" && pwd)/http-post.pcap
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
S=054.243.055.129.00080-141.142.228.005.53595   # the server's direction in http-post.pcap
printf 'precious bytes\n' >"$work/secret.orig"

# Cases: name | link name (relative to -o, or to the shared folder for -X/-w) | link kind
# (file: to a copy of secret.orig; dangling: to a name that does not exist; dir: to an
# empty folder; none: nothing planted) | tcpflow options (OUT and SHARED are replaced) | expectation:
#   replaced          the link was replaced by the output, which is at its name
#   next=NAME         the link is left alone and the output took NAME instead
#   refused=N:TEXT    exit status N and a one-line error containing TEXT
#   followed          (-X in a folder only its owner can write) the link's target is written
cases=$(cat <<'TABLE'
report-xml|report.xml|file|-r POST -o OUT|replaced
report-xml-dangling|report.xml|dangling|-r POST -o OUT|replaced
flow-file|SRV|file|-r POST -o OUT|next=SRVc1
flow-file-dangling|SRV|dangling|-r POST -o OUT|next=SRVc1
http-body|SRV-HTTPBODY-001.json|file|-r POST -o OUT -e http|replaced
http-body-dangling|SRV-HTTPBODY-001.json|dangling|-r POST -o OUT -e http|replaced
findx|SRV.findx|file|-r POST -o OUT -I|replaced
findx-dangling|SRV.findx|dangling|-r POST -o OUT -I|replaced
per-flow-pcap|SRV.pcap|file|-r POST -o OUT -K|next=SRVc1.pcap
per-flow-pcap-dangling|SRV.pcap|dangling|-r POST -o OUT -K|next=SRVc1.pcap
netviz-pdf|report.pdf|file|-r POST -o OUT -e netviz|replaced
netviz-pdf-dangling|report.pdf|dangling|-r POST -o OUT -e netviz|replaced
binned-Fk|000|dir|-r POST -o OUT -Fk|refused=1:symbolic link
binned-Fk-dangling|000|dangling|-r POST -o OUT -Fk|refused=1:symbolic link
template-subfolder|054.243.055.129|dir|-r POST -o OUT -T %A/%a-%B.%b|refused=1:symbolic link
report-X-shared|r.xml|file|-r POST -o OUT -X SHARED/r.xml|refused=1:symbolic link
report-X-shared-dangling|r.xml|dangling|-r POST -o OUT -X SHARED/r.xml|refused=1:symbolic link
unprocessed-w-shared|w.pcap|file|-r POST -o OUT -w SHARED/w.pcap|refused=1:symbolic link
unprocessed-w-shared-dangling|w.pcap|dangling|-r POST -o OUT -w SHARED/w.pcap|refused=1:symbolic link
report-X-private|r.xml|file|-r POST -o OUT -X PRIVATE/r.xml|followed
template-dotdot|-|none|-r POST -o OUT -T ../%A-%a|refused=1:leaves the output folder
TABLE
)

have_netviz() { "$bin" -e netviz -r "$post" -o "$work/netviz-probe" >/dev/null 2>&1; }

# report_is_truthful REPORT OUT: every <filename> names a regular file, reached through no link, inside OUT.
report_is_truthful() {
  python3 - "$1" "$2" <<'PY'
import os, sys, xml.etree.ElementTree as E
report, out = sys.argv[1], os.path.realpath(sys.argv[2])
names = [e.text for e in E.parse(report).iter() if e.tag.endswith('filename') and e.text]
for n in names:
    p = n if os.path.isabs(n) else os.path.join(os.getcwd(), n)
    if os.path.islink(p) or not os.path.isfile(p) or not os.path.realpath(p).startswith(out + os.sep):
        sys.exit('listed but not a real file inside -o: ' + n)
PY
}

while IFS='|' read -r name link kind opts expect; do
  [ -z "$name" ] && continue
  if [[ $name == netviz* ]] && ! have_netviz; then tf_case_skip "$name" "the netviz plugin is not built"; continue; fi
  c=$work/$name
  out=$c/out shared=$c/shared private=$c/private
  mkdir -p "$out" "$shared" "$private" "$c/elsewhere"
  chmod 1777 "$shared"; chmod 700 "$private"
  cp "$work/secret.orig" "$c/secret"
  link=${link//SRV/$S}
  case $opts in *SHARED*|*PRIVATE*) base=$([[ $opts == *SHARED* ]] && echo "$shared" || echo "$private") ;; *) base=$out ;; esac
  case $kind in
    file) target=$c/secret ;;
    dangling) target=$c/absent ;;
    dir) target=$c/elsewhere ;;
    none) target= ;;
  esac
  [ "$kind" = none ] || ln -s "$target" "$base/$link"
  # In the shared folder the link belongs to someone else, as a planted one would.
  [[ $base == "$shared" ]] && chown -h nobody "$base/$link" 2>/dev/null
  opts=${opts//POST/$post}; opts=${opts//OUT/$out}; opts=${opts//SHARED/$shared}; opts=${opts//PRIVATE/$private}
  # shellcheck disable=SC2086
  (cd "$c" && timeout 60 "$bin" $opts >"$c/stdout" 2>"$c/stderr"); rc=$?
  why=
  # The link's target is never written or created, whatever happened.
  case $kind in
    file) [ "$expect" = followed ] || cmp -s "$c/secret" "$work/secret.orig" || why="the link's target was changed" ;;
    dangling) [ -e "$c/absent" ] && why="the dangling link's target was created" ;;
    dir) [ -z "$(ls -A "$c/elsewhere")" ] || why="files landed in the linked folder: $(ls "$c/elsewhere")" ;;
    none) [ -z "$(find "$c" -mindepth 1 -path "$out" -prune -o -name '*-*' -print)" ] || why="files landed outside -o" ;;
  esac
  report=$out/report.xml
  [ -n "$why" ] || case $expect in
    replaced)
      [ $rc -eq 0 ] || why="exit $rc: $(head -2 "$c/stderr")"
      [ -n "$why" ] || { [ -f "$base/$link" ] && [ ! -L "$base/$link" ] && [ -s "$base/$link" ]; } ||
        why="$link is not a new non-empty regular file"
      ;;
    next=*)
      next=${expect#next=}; next=${next//SRV/$S}
      [ $rc -eq 0 ] || why="exit $rc: $(head -2 "$c/stderr")"
      [ -n "$why" ] || [ -L "$base/$link" ] || why="the planted link was removed"
      [ -n "$why" ] || { [ -f "$base/$next" ] && [ ! -L "$base/$next" ] && [ -s "$base/$next" ]; } ||
        why="the output did not go to $next"
      [ -n "$why" ] || [[ $next == *.pcap ]] || grep -q "<filename>$out/$next</filename>" "$report" ||
        why="the report does not list $next"
      ;;
    refused=*)
      want_rc=${expect#refused=}; want_rc=${want_rc%%:*}; text=${expect#*:}
      [ $rc -eq "$want_rc" ] || why="exit $rc, wanted $want_rc"
      [ -n "$why" ] || grep -q "^tcpflow: .*$text" "$c/stderr" || why="no error line with '$text': $(head -2 "$c/stderr")"
      [ -n "$why" ] || [ "$kind" = none ] || [ -L "$base/$link" ] || why="the planted link was removed"
      ;;
    followed)
      [ $rc -eq 0 ] || why="exit $rc: $(head -2 "$c/stderr")"
      [ -n "$why" ] || tf_xml_ok "$c/secret" || why="the report was not written to the link's target"
      report=$c/secret
      ;;
  esac
  # Nothing is left under a temporary name.
  [ -n "$why" ] || [ -z "$(find "$c" -name '*.tcpflow-tmp-*')" ] || why="temporary files left: $(find "$c" -name '*.tcpflow-tmp-*')"
  # Whatever report there is lists only real files inside -o.
  if [ -z "$why" ] && [ -f "$report" ] && [ ! -L "$report" ]; then
    tf_xml_ok "$report" || why="the report is not complete XML"
    [ -n "$why" ] || msg=$(cd "$c" && report_is_truthful "$report" "$out" 2>&1) || why=$msg
  fi
  if [ -z "$why" ]; then tf_case_pass "$name"; else tf_case_fail "$name" "$why"; fi
done <<<"$cases"

tf_finish
