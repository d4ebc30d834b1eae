#!/bin/sh
# The SDK as a third party sees it: stage the installed headers and
# tcpflow-sdk.pc (make install DESTDIR=...), check the headers compile on
# their own with -Werror (the C one as C), build examples/scanner out of tree
# through pkg-config, install it the way its Makefile does, load it and diff
# its -hh block with a golden file. Uses `tcpflow --plugin-dir DIR -hh` when
# the program supports it, else tests/sdk/list_scanners (same listing code).
set -eu

# The inner makes are separate builds, not part of the caller's job server.
unset MAKEFLAGS MFLAGS MAKELEVEL

builddir=$(pwd)
srcdir=$(cd "${srcdir:-.}" && pwd)
MAKE=${MAKE:-make}
CXX=${CXX:-g++}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

stage=$(mktemp -d "${TMPDIR:-/tmp}/tcpflow-sdk-test.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM

fail() { echo "check-sdk: $*" >&2; exit 1; }

# 1. Stage the SDK exactly as `make install` lays it out.
$MAKE -s -C "$builddir" install-sdkincludeHEADERS install-dist_sdkincludeDATA install-pkgconfigDATA \
    DESTDIR="$stage/root" >/dev/null
pc=$(find "$stage/root" -name tcpflow-sdk.pc | head -n 1)
[ -n "$pc" ] || fail "tcpflow-sdk.pc was not installed"
PKG_CONFIG_LIBDIR=$(dirname "$pc")
PKG_CONFIG_PATH=
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH
unset PKG_CONFIG_SYSROOT_DIR
# A sysroot reaches -I and -L only, not variables such as scanner_ldflags'
# version script: the staged SDK is found by moving its prefix instead.
prefix=$($PKG_CONFIG --variable=prefix tcpflow-sdk) || fail "pkg-config cannot read tcpflow-sdk.pc"
printf '#!/bin/sh\nexec %s --define-variable=prefix="%s" "$@"\n' "$PKG_CONFIG" "$stage/root$prefix" >"$stage/pkg-config"
chmod +x "$stage/pkg-config"
PKG_CONFIG=$stage/pkg-config
for v in abi_major abi_minor scanner_cflags scanner_cxxflags scanner_ldflags; do
    [ -n "$($PKG_CONFIG --variable=$v tcpflow-sdk)" ] || fail "tcpflow-sdk.pc lacks $v"
done
[ "$($PKG_CONFIG --variable=abi_minor tcpflow-sdk)" = \
  "$(sed -n 's/^#define TCPFLOW_SCANNER_ABI_MINOR \([0-9]*\).*/\1/p' "$srcdir/sdk/tcpflow/sdk/scanner.h")" ] ||
    fail "abi_minor differs from scanner.h's TCPFLOW_SCANNER_ABI_MINOR"
[ -f "$($PKG_CONFIG --variable=scanner_version_script tcpflow-sdk)" ] || fail "the version script was not installed"
cflags=$($PKG_CONFIG --cflags tcpflow-sdk) || fail "pkg-config cannot read tcpflow-sdk.pc"
scannerdir=$($PKG_CONFIG --variable=scannerdir tcpflow-sdk)
case "$scannerdir" in */scanners-[0-9]*) ;; *) fail "scannerdir '$scannerdir' lacks scanners-N" ;; esac

# 2. The headers stand alone, warning-free; scanner.h is plain C.
echo '#include <tcpflow/sdk/scanner.h>' >"$stage/c_only.c"
$CC -std=c99 -Wall -Wextra -Werror -pedantic $cflags -c "$stage/c_only.c" -o "$stage/c_only.o" ||
    fail "scanner.h does not compile as C99"
echo '#include <tcpflow/sdk/scanner.hpp>' >"$stage/cxx_only.cpp"
$CXX -std=c++17 -Wall -Wextra -Werror $cflags -c "$stage/cxx_only.cpp" -o "$stage/cxx_only.o" ||
    fail "scanner.hpp does not compile with -Werror"

# 3. Build and install the example out of tree with nothing but pkg-config.
cp -R "$srcdir/examples/scanner" "$stage/example"
chmod -R u+w "$stage/example"
$MAKE -s -C "$stage/example" CXX="$CXX" PKG_CONFIG="$PKG_CONFIG" >/dev/null || fail "examples/scanner does not build"
$MAKE -s -C "$stage/example" install DESTDIR="$stage/installed" >/dev/null || fail "examples/scanner does not install"
so=$(find "$stage/installed" -name scan_bytecount.so | head -n 1)
[ -n "$so" ] || fail "scan_bytecount.so was not installed"
case "$so" in */scanners-[0-9]*/scan_bytecount.so) ;; *) fail "installed outside scannerdir: $so" ;; esac
# Every defined dynamic symbol, weak ones too (libstdc++ template instantiations are W).
exported=$(nm -D --defined-only "$so" | awk '{ print $NF }')
[ "$exported" = tcpflow_scanner_entry ] || fail "exports more than the entry symbol: $(echo $exported | head -c 300)"
# The C example, out of tree the same way.
cp -R "$srcdir/examples/c-scanner" "$stage/c-example"
chmod -R u+w "$stage/c-example"
$MAKE -s -C "$stage/c-example" CC="$CC" PKG_CONFIG="$PKG_CONFIG" >/dev/null || fail "examples/c-scanner does not build"
exported=$(nm -D --defined-only "$stage/c-example/scan_cexample.so" | awk '{ print $NF }')
[ "$exported" = tcpflow_scanner_entry ] || fail "the C example exports more than the entry symbol: $exported"
dir=$(dirname "$so")

# 4. Load it and compare the listing.
if [ -x "$builddir/tcpflow" ] && "$builddir/tcpflow" --plugin-dir "$dir" -hh 2>/dev/null | grep -q '^bytecount '; then
    "$builddir/tcpflow" --plugin-dir "$dir" -hh >"$stage/hh.out" 2>"$stage/hh.err" || true
else
    "$builddir/tests/sdk/list_scanners" "$dir" >"$stage/hh.out" 2>"$stage/hh.err" || fail "listing failed: $(cat "$stage/hh.err")"
fi
awk -v path="$so" '
    /^bytecount / { on = 1; sub(path "$", "@PATH@"); print; next }
    on && /^   -S / { print; next }
    { on = 0 }' "$stage/hh.out" >"$stage/block.out"
diff -u "$srcdir/tests/sdk/bytecount.hh.golden" "$stage/block.out" || fail "-hh block differs from the golden file"
if grep -q 'plugin .*scan_bytecount' "$stage/hh.err"; then fail "loading reported: $(cat "$stage/hh.err")"; fi
echo "check-sdk: ok ($so)"
