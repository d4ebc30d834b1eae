# The public scanner SDK: headers under $(includedir)/tcpflow/sdk/ and
# tcpflow-sdk.pc (cflags, scannerdir). Header-only: nothing to link.
sdkincludedir = $(includedir)/tcpflow/sdk
sdkinclude_HEADERS = sdk/tcpflow/sdk/scanner.h sdk/tcpflow/sdk/scanner.hpp
# The linker version script of tcpflow-sdk.pc's scanner_ldflags (export only the entry).
dist_sdkinclude_DATA = sdk/tcpflow/sdk/scanner.map
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = sdk/tcpflow-sdk.pc
dist_doc_DATA += doc/sdk.md

# SDK test: stage the SDK with DESTDIR, build examples/scanner out of tree
# through pkg-config, load it and compare its -hh block with a golden file.
check_PROGRAMS += tests/sdk/list_scanners
tests_sdk_list_scanners_SOURCES = tests/sdk/list_scanners.cpp
tests_sdk_list_scanners_LDADD = libtcpflowcore.la
TESTS += tests/sdk/check-sdk.sh
EXTRA_DIST += tests/sdk/check-sdk.sh tests/sdk/bytecount.hh.golden \
	examples/scanner/Makefile examples/scanner/scan_bytecount.cpp examples/scanner/README.md
