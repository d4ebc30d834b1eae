#!/usr/bin/env bash
# check-packages.sh -- build tcpflow's distribution packages from this checkout and test them
# the way a user meets them, in a Debian root that is not the machine's own (the machine's
# /usr/bin/tcpflow, the 1.6.1 reference, is never touched). Run as root (debootstrap, chroot).
#   tests/packages/check-packages.sh [--trs-dir DIR]
# Prints one PASS/FAIL/SKIP line per check (and writes DIR/ci-packages-CHECK.trs for .ci/run),
# exits 1 if any check failed. A check whose prerequisite failed is skipped.
#   PKG_WORK=DIR    work folder (default: a new one under /tmp, removed at the end)
#   PKG_KEEP=1      keep the work folder
#   PKG_CACHE=DIR   debootstrap and apt download cache (default /var/cache/tcpflow-ci)
#   PKG_PREBUILT=DIR  use the packages an earlier dpkg-buildpackage left in DIR (with its tree
#                   DIR/tcpflow-VERSION) instead of building them (to iterate on the checks)
set -uo pipefail
exec < /dev/null
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$here/report.sh"
. "$here/build.sh"
. "$here/chroot.sh"

trs_dir=
[ "${1:-}" = --trs-dir ] && trs_dir=$2
pk_report_init "$trs_dir"
if [ "$(id -u)" -ne 0 ]; then
  pk_record all SKIP "needs root (debootstrap, chroot)"; pk_report_finish; exit 77
fi

work=${PKG_WORK:-$(mktemp -d /tmp/tcpflow-packages.XXXXXX)}
mkdir -p "$work"
root=$work/root                     # the Debian root the packages are installed in
debs=$work/debs
rpm_pid=
cleanup() {
  [ -z "$rpm_pid" ] || kill -- -"$rpm_pid" 2>/dev/null || true
  chroot_unmount "$root"
  if [ "${PKG_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

abi_major=$(sed -n 's/^TCPFLOW_ABI_MAJOR=\([0-9]*\)$/\1/p' "$src/configure.ac")
version=$(pk_source_version "$src")
scanners=(exec gzip http md5 netviz)
pcap=examples/http-post.pcap
host_tcpflow_before=$( { sha256sum /usr/bin/tcpflow; dpkg-query -W tcpflow; } 2>&1)

# --- helpers the checks share -------------------------------------------------------------
in_root() { chroot_run "$root" "$@"; }
deb() { ls "$debs/$1"_*.deb; }     # the .deb of package $1
apt_in_root() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
# Install our .debs (copied into the root) with apt, which fetches their dependencies.
install_debs() {
  local p args=()
  mkdir -p "$root/tmp/debs"
  for p in "$@"; do cp "$(deb "$p")" "$root/tmp/debs/"; args+=("/tmp/debs/$(basename "$(deb "$p")")"); done
  apt_in_root install --no-install-recommends "${args[@]}"
}
# The scanner names tcpflow -hh lists in the root, one a line.
listed_scanners() {
  in_root tcpflow -hh 2>&1 | awk '/^Scanners \(/ { on = 1; next } /^Scanner folders/ { on = 0 }
                                   on && /^[^ ]/ { print $1 }'
}
expect_listed() {   # "NAME ..." exactly, in -hh order
  local got; got=$(listed_scanners | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$1" ] || { echo "-hh lists scanners '$got', expected '$1'"; return 1; }
}
# tcpflow -e NAME for a scanner that is not installed: exit 2, the package named, no output.
expect_missing_scanner() {
  local name=$1 rc=0 err
  rm -rf "$root/tmp/out-missing"
  err=$(in_root tcpflow -e "$name" -r "/tmp/$(basename $pcap)" -o /tmp/out-missing 2>&1) || rc=$?
  echo "tcpflow -e $name: exit $rc: $err"
  [ $rc -eq 2 ] || { echo "expected exit 2"; return 1; }
  grep -q "install the package tcpflow-scanner-$name\$" <<<"$err" || { echo "the package is not named"; return 1; }
  [ ! -e "$root/tmp/out-missing" ] || { echo "an output folder was created"; return 1; }
}
# Every file in the root apart from logs, caches and package databases, one a line.
root_files() {
  (cd "$root" && find . -xdev \( -path ./proc -o -path ./tmp -o -path ./root -o -path ./var/log \
     -o -path ./var/cache -o -path ./var/lib/apt -o -path ./var/lib/dpkg \) -prune -o -print | sort)
}

# --- the checks (each runs in a subshell with errexit; its output goes to a log) ----------------
check_deb_build() {
  if [ -n "${PKG_PREBUILT:-}" ]; then ln -sfn "$(cd "$PKG_PREBUILT" && pwd)" "$work/build"
  else pk_build_debs "$src" "$work/build"; fi
  mkdir -p "$debs" && cp "$work/build"/*.deb "$debs/"
  for p in tcpflow tcpflow-sdk-dev "${scanners[@]/#/tcpflow-scanner-}"; do
    deb "$p" >/dev/null || { echo "no package $p"; return 1; }
  done
  (cd "$debs" && for d in *.deb; do
     printf '%s %s KiB\n  Depends: %s\n' "$d" "$(( $(stat -c %s "$d") / 1024 ))" "$(dpkg-deb -f "$d" Depends)"
   done)
}

check_lintian() {
  local changes; changes=$(ls "$work/build"/*.changes)
  lintian --tag-display-limit 0 "$changes" > "$work/lintian.txt" 2>&1 || true
  cat "$work/lintian.txt"
  echo "lintian: $(grep -c '^E:' "$work/lintian.txt") errors, $(grep -c '^W:' "$work/lintian.txt") warnings"
  ! grep -q '^E:' "$work/lintian.txt"
}

# The split: one .so per scanner package; each package needs only what it links.
check_split() {
  local s d deps files
  d=$(deb tcpflow)
  [ "$(dpkg-deb -f "$d" Provides | grep -o "tcpflow-scanner-abi-[0-9]*")" = "tcpflow-scanner-abi-$abi_major" ] ||
    { echo "tcpflow Provides '$(dpkg-deb -f "$d" Provides)', expected tcpflow-scanner-abi-$abi_major"; return 1; }
  files=$(dpkg-deb -c "$d")
  grep -q "/scanners-$abi_major/\$" <<<"$files" || { echo "tcpflow lacks the scanner folder"; return 1; }
  ! grep -q '\.so$' <<<"$files" || { echo "tcpflow ships a scanner"; return 1; }
  for s in "${scanners[@]}"; do
    d=$(deb "tcpflow-scanner-$s"); deps=$(dpkg-deb -f "$d" Depends)
    echo "tcpflow-scanner-$s: $deps"
    files=$(dpkg-deb -c "$d")
    [ "$(grep -c '\.so$' <<<"$files")" = 1 ] && grep -q "/scanners-$abi_major/scan_$s.so\$" <<<"$files" ||
      { echo "tcpflow-scanner-$s does not hold exactly scan_$s.so"; return 1; }
    grep -q "tcpflow-scanner-abi-$abi_major" <<<"$deps" || { echo "no ABI dependency"; return 1; }
    [ $s = netviz ] || ! grep -q libcairo <<<"$deps" || { echo "needs cairo"; return 1; }
    [ $s = md5 ] || ! grep -q libssl <<<"$deps" || { echo "needs libcrypto"; return 1; }
  done
  grep -q libcairo <<<"$(dpkg-deb -f "$(deb tcpflow-scanner-netviz)" Depends)" || { echo "netviz without cairo"; return 1; }
  deps=$(dpkg-deb -f "$(deb tcpflow)" Depends); echo "tcpflow: $deps"
  ! grep -q 'libcairo\|libssl' <<<"$deps" || { echo "the core needs cairo or libcrypto"; return 1; }
  files=$(dpkg-deb -c "$(deb tcpflow-sdk-dev)")
  for f in /usr/include/tcpflow/sdk/scanner.h /tcpflow-sdk.pc '/usr/share/doc/tcpflow-sdk-dev/sdk.md\(\.gz\)\?' \
           /usr/share/doc/tcpflow-sdk-dev/examples/scanner/Makefile; do
    grep -q "$f\$" <<<"$files" || { echo "tcpflow-sdk-dev lacks $f"; return 1; }
  done
}

# The RPM build is CPU work and the root's checks mostly wait on apt: it runs in the background
# from the end of deb-build (start_rpm_build) and check_rpm collects it.
# Its own session, so that cleanup can stop the whole build (make, rpmbuild, compilers).
start_rpm_build() {
  rm -f "$work/rpms.rc" "$work/rpms.txt"
  setsid bash -c '. "$1"; pk_build_rpms "$2" "$3" > "$3/rpms.txt" 2>&1; echo $? > "$3/rpms.rc"' \
    _ "$here/build.sh" "$work/build/tcpflow-$version" "$work" &
  rpm_pid=$!
}

# The Provides comes from the built SDK, not from debian/: a tcpflow-sdk.pc of ABI 2.1 turns it
# into tcpflow-scanner-abi-2, and the scanners' Depends with it.
check_abi_substvars() {
  local t; t=$(mktemp -d "$work/abi.XXXXXX")
  mkdir -p "$t/stage" "$t/debian"
  sed -e 's/^abi_major=.*/abi_major=2/' -e 's/^abi_minor=.*/abi_minor=1/' \
    "$(find "$work/build/tcpflow-$version/debian/tmp" -name tcpflow-sdk.pc)" > "$t/stage/tcpflow-sdk.pc"
  (cd "$t" && "$src/debian/scanner-abi" stage substvars tcpflow tcpflow-scanner-md5)
  cat "$t"/debian/*.substvars
  [ "$(cat "$t/debian/tcpflow.substvars")" = "tcpflow:Provides=tcpflow-scanner-abi-2 (= 2.1)" ] &&
  [ "$(cat "$t/debian/tcpflow-scanner-md5.substvars")" = "tcpflow:ScannerDepends=tcpflow-scanner-abi-2 (>= 2.1)" ]
}

# The same split in RPM, from `make dist`'s tarball and the spec inside it.
check_rpm() {
  local r s req t=0
  while [ ! -s "$work/rpms.rc" ] && [ $t -lt 1200 ]; do sleep 2; t=$((t + 2)); done
  cat "$work/rpms.txt"
  [ "$(cat "$work/rpms.rc" 2>/dev/null)" = 0 ] || { echo "the RPM build failed or took over 20 min"; return 1; }
  r=$(grep "/tcpflow-$version-[^/]*\.rpm\$" "$work/rpms.txt")
  grep -q "^tcpflow-scanner-abi-$abi_major = " <<<"$(rpm -qp --provides "$r")" || { echo "no ABI provide"; return 1; }
  req=$(rpm -qp --requires "$r")
  ! grep -q 'libcairo\|libcrypto' <<<"$req" || { echo "the core needs cairo or libcrypto"; return 1; }
  for s in "${scanners[@]}"; do
    r=$(grep "/tcpflow-scanner-$s-$version-[^/]*\.rpm\$" "$work/rpms.txt") || { echo "no tcpflow-scanner-$s rpm"; return 1; }
    req=$(rpm -qp --requires "$r"); echo "tcpflow-scanner-$s requires:" $req
    [ "$(grep -c '\.so$' <<<"$(rpm -qpl "$r")")" = 1 ] || { echo "not one .so"; return 1; }
    grep -q "^tcpflow-scanner-abi-$abi_major >= " <<<"$req" || { echo "no ABI requirement"; return 1; }
    [ $s = netviz ] || ! grep -q libcairo <<<"$req" || { echo "needs cairo"; return 1; }
    [ $s = md5 ] || ! grep -q libcrypto <<<"$req" || { echo "needs libcrypto"; return 1; }
  done
  grep -q libcairo <<<"$(rpm -qp --requires "$(grep "/tcpflow-scanner-netviz-" "$work/rpms.txt")")" || { echo "netviz without cairo"; return 1; }
  grep -q '/tcpflow-sdk.pc$' <<<"$(rpm -qpl "$(grep "/tcpflow-sdk-devel-" "$work/rpms.txt")")" || { echo "no .pc in sdk-devel"; return 1; }
}

check_chroot() {
  chroot_make "$root"
  cp "$src/$pcap" "$root/tmp/"
  apt_in_root update
}

check_install_1_6_1() {
  apt_in_root install tcpflow
  in_root dpkg-query -W tcpflow
  in_root dpkg -L tcpflow > "$work/files-1.6.1"
  v=$(in_root tcpflow -V 2>&1 || true)     # 1.6.1 -V exits 1
  grep -q '1\.6\.1' <<<"$v" || { echo "not 1.6.1: $v"; return 1; }
  root_files > "$work/files-before"     # what the purge must come back to
}

# Our tcpflow over Debian's 1.6.1: an ordinary upgrade (same package, newer version), files
# handed over (man page), 1.6.1-only files gone, the scanners left out (core alone).
check_upgrade() {
  install_debs tcpflow
  [ "$(in_root dpkg-query -W -f '${Version} ${db:Status-Abbrev}' tcpflow)" = "$version-1 ii " ] ||
    { echo "tcpflow is $(in_root dpkg-query -W -f '${Version} ${db:Status-Abbrev}' tcpflow)"; return 1; }
  v=$(in_root tcpflow -V 2>&1)
  grep -q "$version" <<<"$v" || { echo "tcpflow -V: $v"; return 1; }
  [ "$(in_root dpkg -S /usr/share/man/man1/tcpflow.1.gz)" = "tcpflow: /usr/share/man/man1/tcpflow.1.gz" ] ||
    { echo "man page not owned by tcpflow"; return 1; }
  [ ! -e "$root/usr/share/doc/tcpflow/AUTHORS" ] || { echo "1.6.1's AUTHORS left behind"; return 1; }
  local f
  echo "files of 1.6.1 that tcpflow $version ships too (handed over by the upgrade):"
  comm -12 <(sort "$work/files-1.6.1") <(in_root dpkg -L tcpflow | sort) |
    while read -r f; do [ -d "$root$f" ] || echo "  $f"; done
}

check_core_alone() {
  expect_listed "" && expect_missing_scanner http && expect_missing_scanner netviz
}

check_add_http() {
  local f flow n=0
  install_debs tcpflow-scanner-http
  expect_listed "http"
  rm -rf "$root/tmp/out-http"
  in_root tcpflow -e http -r "/tmp/$(basename $pcap)" -o /tmp/out-http
  # The capture's bodies are neither chunked nor compressed: each body file must be exactly
  # its flow file after the header block.
  for f in "$root"/tmp/out-http/*-HTTPBODY-*; do
    flow=${f%%-HTTPBODY-*}
    python3 - "$flow" "$f" <<'PY' || { echo "$(basename "$f") is not the body of its flow"; return 1; }
import sys
flow = open(sys.argv[1], 'rb').read()
sys.exit(flow[flow.index(b'\r\n\r\n') + 4:] != open(sys.argv[2], 'rb').read())
PY
    echo "$(basename "$f"): $(stat -c %s "$f") bytes, equal to the flow's body"; n=$((n + 1))
  done
  [ $n -eq 2 ] || { echo "expected 2 bodies (request and response), found $n"; return 1; }
}

# A third party's scanner: the example from tcpflow-sdk-dev, built with pkg-config, installed
# into the scanner folder the way its Makefile does, loaded and run; then removed by hand.
check_sdk() {
  install_debs tcpflow-sdk-dev
  in_root sh -c 'rm -rf /tmp/ex && cp -r /usr/share/doc/tcpflow-sdk-dev/examples/scanner /tmp/ex &&
                 make -C /tmp/ex && make -C /tmp/ex install'
  expect_listed "bytecount http"
  rm -rf "$root/tmp/out-sdk"
  in_root tcpflow -e bytecount -r "/tmp/$(basename $pcap)" -o /tmp/out-sdk
  grep -q "bytecount_bytes='519'" "$root/tmp/out-sdk/report.xml" || { echo "no bytecount in the report"; return 1; }
  rm "$root$(in_root pkg-config --variable=scannerdir tcpflow-sdk)/scan_bytecount.so"
}

check_remove_http() {
  apt_in_root remove tcpflow-scanner-http
  [ -z "$(find "$root/usr/lib" -name scan_http.so)" ] || { echo "scan_http.so left behind"; return 1; }
  expect_listed "" && expect_missing_scanner http
}

# Every scanner package together: all load; netviz draws its report with cairo.
check_all_scanners() {
  install_debs "${scanners[@]/#/tcpflow-scanner-}"
  expect_listed "${scanners[*]}"
  rm -rf "$root/tmp/out-all"
  in_root tcpflow -a -r "/tmp/$(basename $pcap)" -o /tmp/out-all
  [ "$(head -c 5 "$root/tmp/out-all/report.pdf")" = "%PDF-" ] || { echo "no netviz report.pdf"; return 1; }
  grep -q "hashdigest type='MD5'" "$root/tmp/out-all/report.xml" || { echo "no md5 digest in the report"; return 1; }
}

# Purge ours and what apt pulled in: no file is left that was not there with 1.6.1 installed
# (the files of 1.6.1 itself and of the libraries autoremove took away are gone, as they should),
# none at tcpflow's own paths, and dpkg forgets every tcpflow package.
check_purge() {
  local added left
  apt_in_root purge tcpflow tcpflow-sdk-dev "${scanners[@]/#/tcpflow-scanner-}"
  apt_in_root autoremove --purge
  root_files > "$work/files-after"
  added=$(comm -13 "$work/files-before" "$work/files-after")
  [ -z "$added" ] || { echo "left behind:"; echo "$added"; return 1; }
  left=$(grep -E '/tcpflow($|[-/])|/tcpflow-sdk\.pc$' "$work/files-after" || true)
  [ -z "$left" ] || { echo "tcpflow files left:"; echo "$left"; return 1; }
  left=$(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | grep ' tcpflow' || true)
  [ -z "$left" ] || { echo "dpkg still knows:"; echo "$left"; return 1; }
  echo "$(wc -l < "$work/files-before") files before, $(wc -l < "$work/files-after") after, none added"
}

# Debian's other 1.6.1 flavour, tcpflow-nox (also /usr/bin/tcpflow): ours takes its place
# (Conflicts + Replaces + Provides), then both leave without a trace.
check_from_nox() {
  apt_in_root install tcpflow-nox
  install_debs tcpflow
  local st; st=$(in_root dpkg-query -W -f '${db:Status-Abbrev}' tcpflow-nox 2>/dev/null || true)
  [ "${st:0:1}" != i ] || { echo "tcpflow-nox still installed ($st)"; return 1; }
  [ "$(in_root dpkg -S /usr/bin/tcpflow)" = "tcpflow: /usr/bin/tcpflow" ] || { echo "/usr/bin/tcpflow not ours"; return 1; }
  apt_in_root purge tcpflow tcpflow-nox
  apt_in_root autoremove --purge
  [ -z "$(comm -13 "$work/files-before" <(root_files))" ] || { echo "files left behind"; return 1; }
}

check_host_untouched() {
  local now; now=$( { sha256sum /usr/bin/tcpflow; dpkg-query -W tcpflow; } 2>&1)
  echo "$now"
  [ "$now" = "$host_tcpflow_before" ] || { echo "the machine's tcpflow changed: was $host_tcpflow_before"; return 1; }
}

# --- the table: check name, function, the checks it needs ------------------------------------
checks=(
  "deb-build        check_deb_build       -"
  "lintian          check_lintian         deb-build"
  "split            check_split           deb-build"
  "abi-substvars    check_abi_substvars   deb-build"
  "chroot           check_chroot          -"
  "install-1.6.1    check_install_1_6_1   chroot"
  "upgrade          check_upgrade         install-1.6.1,deb-build"
  "core-alone       check_core_alone      upgrade"
  "add-http         check_add_http        core-alone"
  "sdk              check_sdk             add-http"
  "remove-http      check_remove_http     sdk"
  "all-scanners     check_all_scanners    remove-http"
  "purge            check_purge           all-scanners"
  "from-nox         check_from_nox        purge"
  "rpm              check_rpm             deb-build"
  "host-untouched   check_host_untouched  -"
)
declare -A outcome
for row in "${checks[@]}"; do
  read -r name fn needs <<<"$row"
  missing=
  for need in ${needs//,/ }; do
    [ "$need" = - ] || [ "${outcome[$need]:-}" = PASS ] || missing=$need
  done
  if [ -n "$missing" ]; then outcome[$name]=SKIP; pk_record "$name" SKIP "needs $missing"; continue; fi
  log=$work/$name.log
  start=$SECONDS
  ( set -e; "$fn" ) > "$log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then
    outcome[$name]=PASS; pk_record "$name" PASS "$((SECONDS - start)) s"
    [ "$name" = deb-build ] && start_rpm_build
    [ "${PKG_VERBOSE:-}" = 1 ] && sed 's/^/    /' "$log"
  else
    outcome[$name]=FAIL; pk_record "$name" FAIL "exit $rc after $((SECONDS - start)) s; last lines of its log:"
    tail -n 25 "$log" | sed 's/^/    /'
  fi
done
pk_report_finish
